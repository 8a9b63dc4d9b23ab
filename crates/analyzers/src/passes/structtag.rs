//! structtag: struct field tags that `reflect.StructTag.Get` cannot read, json and xml names
//! repeated within a struct, and json/xml tags on unexported fields.

use std::collections::HashMap;

use hir::objects::ObjId;
use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId};

use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "structtag",
    doc: "check that struct field tags conform to reflect.StructTag.Get\n\n\
          Also report certain struct tags (json, xml) used with unexported fields.\n\n\
          A tag is a space-separated list of key:\"value\" pairs; anything else is silently \
          ignored by reflect, so a typo loses the tag. Within one struct (and the exported \
          fields of untagged embedded structs), two fields with the same json or xml name \
          conflict, and encoding/json or encoding/xml then drops or rejects them.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    // These packages know how to use their own APIs, and test incorrect programs.
    if pass.path().starts_with("encoding/") {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            if !matches!(expr, Expr::StructType { .. }) {
                continue;
            }
            let Some(ty) = pass.type_of(file, ExprId(i as u32)) else {
                continue;
            };
            let Type::Struct(strukt) = pass.world.ty(ty) else {
                continue;
            };
            let mut seen = Seen::default();
            for (index, &field) in strukt.fields.iter().enumerate() {
                let tag = strukt.tags.get(index).cloned().flatten();
                check_field(pass, file, field, tag.as_deref().unwrap_or(""), &mut seen);
            }
        }
    }
}

/// The fields seen so far by (tag key, encoding name, embedding level): equal names conflict
/// only at the same level, a deeper one is shadowed.
type Seen = HashMap<(String, String, u32), ObjId>;

fn check_field(pass: &mut Pass<'_>, file: usize, field: ObjId, tag: &str, seen: &mut Seen) {
    for key in ["json", "xml"] {
        check_duplicates(pass, file, tag, key, field, field, seen, 1);
    }
    let range = name_range(pass, field);
    if let Err(why) = validate(tag) {
        let message = format!(
            "struct field tag {} not compatible with reflect.StructTag.Get: {why}",
            quote_tag(tag)
        );
        pass.report(file, range, message);
    }
    let o = pass.world.obj(field);
    if o.var_info().is_some_and(|v| v.embedded) || o.is_exported() {
        return;
    }
    for enc in ["json", "xml"] {
        if let Some(value) = lookup(tag, enc)
            && !value.is_empty()
            && value != "-"
        {
            let message = format!("struct field {} has {enc} tag but is not exported", o.name);
            pass.report(file, range, message);
            return;
        }
    }
}

/// The range of a field's name (of the type name, for an embedded field).
fn name_range(pass: &Pass<'_>, field: ObjId) -> TextRange {
    let o = pass.world.obj(field);
    TextRange {
        start: o.pos.offset,
        end: o.pos.offset + o.name.len() as u32,
    }
}

/// Reports `field` if its `key` name was seen before at `level`. `nearest` is the field of
/// the struct being checked that `field` is (or is embedded in): where the finding goes.
#[allow(clippy::too_many_arguments)]
fn check_duplicates(
    pass: &mut Pass<'_>,
    file: usize,
    tag: &str,
    key: &str,
    nearest: ObjId,
    field: ObjId,
    seen: &mut Seen,
    level: u32,
) {
    let value = lookup(tag, key).unwrap_or_default();
    if value == "-" {
        return;
    }
    let world = pass.world;
    let o = world.obj(field);
    if value.is_empty() || value.starts_with(',') {
        // An untagged embedded struct contributes its exported fields, one level down.
        if !o.var_info().is_some_and(|v| v.embedded) || level > 32 {
            return;
        }
        let Type::Struct(inner) = world.ty(world.under(o.ty)) else {
            return;
        };
        for (index, &f) in inner.fields.iter().enumerate() {
            if !world.obj(f).is_exported() {
                continue;
            }
            let tag = inner.tags.get(index).cloned().flatten();
            let tag = tag.as_deref().unwrap_or("");
            check_duplicates(pass, file, tag, key, nearest, f, seen, level + 1);
        }
        return;
    }
    // XMLName names the struct's own element: it cannot collide with its fields.
    if key == "xml" && &*o.name == "XMLName" {
        return;
    }
    let mut key = key.to_string();
    let mut name = value.as_str();
    if let Some(comma) = value.find(',') {
        // XML attributes have names of their own.
        if key == "xml" && value[comma..].split(',').any(|option| option == "attr") {
            key.push_str(" attribute");
        }
        name = &value[..comma];
    }
    let id = (key, name.to_string(), level);
    if let Some(&previous) = seen.get(&id) {
        let message = format!(
            "struct field {} repeats {} tag {:?} also at {}",
            o.name,
            id.0,
            name,
            also_at(pass, field, previous)
        );
        let range = name_range(pass, nearest);
        pass.report(file, range, message);
    } else {
        seen.insert(id, field);
    }
}

/// Where `previous` is, as `file:line` with the file relative to `field`'s directory.
fn also_at(pass: &Pass<'_>, field: ObjId, previous: ObjId) -> String {
    let world = pass.world;
    let here = world.obj(field).pos;
    let there = world.obj(previous).pos;
    let Some(there_file) = there.file else {
        return "?".to_string();
    };
    let data = world.file(there_file);
    let line = crate::util::line_of(&data.text, there.offset);
    let path = match here.file {
        Some(here_file) => relative(&world.file(here_file).path, &data.path),
        None => data.path.to_string(),
    };
    format!("{path}:{line}")
}

/// `to` relative to the directory of `from` (Go's `filepath.Rel(filepath.Dir(from), to)`).
fn relative(from: &str, to: &str) -> String {
    let dir: Vec<&str> = from.split('/').collect();
    let dir = &dir[..dir.len().saturating_sub(1)];
    let target: Vec<&str> = to.split('/').collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

/// `tag` as Go's `%#q` prints it: back-quoted when it can be, else double-quoted.
fn quote_tag(tag: &str) -> String {
    let can_backquote = tag
        .chars()
        .all(|c| c != '`' && c != '\u{feff}' && c != '\u{7f}' && (c >= ' ' || c == '\t'));
    if can_backquote {
        return format!("`{tag}`");
    }
    let mut out = String::from("\"");
    for c in tag.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `key:"value"` pair at the start of `tag` (after spaces): the key, the quoted value
/// as written, and the rest; `Err` with the kind of syntax error.
fn next_pair(tag: &str) -> Result<(&str, &str, &str), &'static str> {
    let bytes = tag.as_bytes();
    let mut i = 0;
    while i < bytes.len()
        && bytes[i] > b' '
        && bytes[i] != b':'
        && bytes[i] != b'"'
        && bytes[i] != 0x7f
    {
        i += 1;
    }
    if i == 0 {
        return Err("bad syntax for struct tag key");
    }
    if i + 1 >= bytes.len() || bytes[i] != b':' {
        return Err("bad syntax for struct tag pair");
    }
    if bytes[i + 1] != b'"' {
        return Err("bad syntax for struct tag value");
    }
    let key = &tag[..i];
    let rest = &tag[i + 1..];
    let rb = rest.as_bytes();
    let mut j = 1;
    while j < rb.len() && rb[j] != b'"' {
        if rb[j] == b'\\' {
            j += 1;
        }
        j += 1;
    }
    if j >= rb.len() {
        return Err("bad syntax for struct tag value");
    }
    Ok((key, &rest[..j + 1], &rest[j + 1..]))
}

/// reflect's `StructTag.Lookup`.
fn lookup(mut tag: &str, key: &str) -> Option<String> {
    loop {
        tag = tag.trim_start_matches(' ');
        if tag.is_empty() {
            return None;
        }
        let (name, quoted, rest) = next_pair(tag).ok()?;
        if name == key {
            return syntax::unquote(quoted);
        }
        tag = rest;
    }
}

/// go vet's check of the canonical tag format: space-separated `key:"value"` pairs, and no
/// stray spaces in json, xml and asn1 values.
fn validate(mut tag: &str) -> Result<(), &'static str> {
    let mut first = true;
    while !tag.is_empty() {
        if !first && !tag.starts_with(' ') {
            // Catches `x:"a",y:"b"`, which reflect reads as a second key `,y`.
            return Err("key:\"value\" pairs not separated by spaces");
        }
        first = false;
        tag = tag.trim_start_matches(' ');
        if tag.is_empty() {
            break;
        }
        let (key, quoted, rest) = next_pair(tag)?;
        tag = rest;
        let Some(value) = syntax::unquote(quoted) else {
            return Err("bad syntax for struct tag value");
        };
        check_value_spaces(key, &value)?;
    }
    Ok(())
}

fn check_value_spaces(key: &str, value: &str) -> Result<(), &'static str> {
    const SPACE: &str = "suspicious space in struct tag value";
    let options = match key {
        "xml" => {
            if value.trim_matches(' ') != value || value.matches(' ').count() > 1 {
                return Err(SPACE);
            }
            let Some(comma) = value.find(',') else {
                return Ok(());
            };
            if comma > 0 && value.as_bytes()[comma - 1] == b' ' {
                return Err(SPACE);
            }
            &value[comma + 1..]
        }
        // JSON names may contain spaces; the options may not.
        "json" => match value.find(',') {
            Some(comma) => &value[comma + 1..],
            None => return Ok(()),
        },
        "asn1" => value,
        _ => return Ok(()),
    };
    if options.contains(' ') {
        return Err(SPACE);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "structtag");
    }
}
