//! A JSON Schema validator for the keywords the SARIF 2.1.0 schema uses, so that a test can
//! hold `check --format sarif` to the schema GitHub code scanning checks against. A keyword
//! it does not know fails the validation loudly instead of passing silently; `format` is an
//! annotation (JSON Schema 2020-12's default) and is not asserted.

use serde_json::Value;

/// The errors of `instance` against `schema` (whose `$ref`s point into `root`), each with
/// its JSON pointer.
pub fn validate(
    root: &Value,
    schema: &Value,
    instance: &Value,
    at: &str,
    errors: &mut Vec<String>,
) {
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            errors.push(format!("{at}: not allowed"));
        }
        return;
    };
    for (keyword, value) in schema {
        match keyword.as_str() {
            "$ref" => {
                let target = value
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/"))
                    .map(|path| path.split('/').fold(root, |node, part| &node[part]));
                match target {
                    Some(target) if !target.is_null() => {
                        validate(root, target, instance, at, errors)
                    }
                    _ => errors.push(format!("{at}: unresolved $ref {value}")),
                }
            }
            "type" => {
                let types: Vec<&str> = match value {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !types.iter().any(|t| has_type(instance, t)) {
                    errors.push(format!("{at}: expected {types:?}, found {instance}"));
                }
            }
            "properties" => {
                if let (Some(props), Some(object)) = (value.as_object(), instance.as_object()) {
                    for (name, sub) in props {
                        if let Some(v) = object.get(name) {
                            validate(root, sub, v, &format!("{at}/{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = instance.as_object() {
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (name, v) in object {
                        if known.is_some_and(|k| k.contains_key(name)) {
                            continue;
                        }
                        match value {
                            Value::Bool(false) => {
                                errors.push(format!("{at}: property {name:?} is not allowed"))
                            }
                            Value::Bool(true) => {}
                            sub => validate(root, sub, v, &format!("{at}/{name}"), errors),
                        }
                    }
                }
            }
            "required" => {
                if let Some(object) = instance.as_object() {
                    for name in value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !object.contains_key(name) {
                            errors.push(format!("{at}: required property {name:?} is missing"));
                        }
                    }
                }
            }
            "items" => {
                for (i, item) in instance.as_array().into_iter().flatten().enumerate() {
                    validate(root, value, item, &format!("{at}/{i}"), errors);
                }
            }
            "minItems" => {
                if let (Some(min), Some(items)) = (value.as_u64(), instance.as_array())
                    && (items.len() as u64) < min
                {
                    errors.push(format!("{at}: fewer than {min} items"));
                }
            }
            "uniqueItems" => {
                if let Some(items) = instance.as_array()
                    && value == &Value::Bool(true)
                    && items
                        .iter()
                        .enumerate()
                        .any(|(i, a)| items[..i].contains(a))
                {
                    errors.push(format!("{at}: items are not unique"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(limit), Some(n)) = (value.as_f64(), instance.as_f64()) {
                    let bad = if keyword == "minimum" {
                        n < limit
                    } else {
                        n > limit
                    };
                    if bad {
                        errors.push(format!("{at}: {n} is out of range ({keyword} {limit})"));
                    }
                }
            }
            "enum" => {
                if !value
                    .as_array()
                    .is_some_and(|options| options.contains(instance))
                {
                    errors.push(format!("{at}: {instance} is not one of {value}"));
                }
            }
            "pattern" => {
                if let (Some(pattern), Some(text)) = (value.as_str(), instance.as_str()) {
                    let re = regex::Regex::new(pattern).expect("the schema's patterns compile");
                    if !re.is_match(text) {
                        errors.push(format!("{at}: {text:?} does not match {pattern}"));
                    }
                }
            }
            "anyOf" | "oneOf" => {
                let matching = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|sub| {
                        let mut sub_errors = Vec::new();
                        validate(root, sub, instance, at, &mut sub_errors);
                        sub_errors.is_empty()
                    })
                    .count();
                let ok = if keyword == "anyOf" {
                    matching >= 1
                } else {
                    matching == 1
                };
                if !ok {
                    errors.push(format!("{at}: {matching} of the {keyword} schemas match"));
                }
            }
            "description" | "default" | "title" | "$schema" | "definitions" | "format" => {}
            other => errors.push(format!(
                "{at}: the validator does not know keyword {other:?}"
            )),
        }
    }
}

fn has_type(instance: &Value, ty: &str) -> bool {
    match ty {
        "object" => instance.is_object(),
        "array" => instance.is_array(),
        "string" => instance.is_string(),
        "boolean" => instance.is_boolean(),
        "null" => instance.is_null(),
        "number" => instance.is_number(),
        "integer" => {
            instance.is_i64()
                || instance.is_u64()
                || instance.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}
