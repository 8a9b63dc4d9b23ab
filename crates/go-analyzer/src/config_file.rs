//! `go-analyzer.toml` at the module root: which analyzers `check` runs there.
//!
//! The file is TOML; we read the small part of it that the settings need (tables, and keys
//! with boolean, string, integer or one-line array values) and reject anything else with the
//! line and column, rather than take a TOML parser's compile time for one table:
//!
//! ```toml
//! [analyses]
//! unusedparams = false   # names as in gopls' `analyses` setting
//! ```

use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = "go-analyzer.toml";

/// What a configuration file says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Settings {
    /// Analyzers switched on or off, in the file's order.
    pub(crate) analyses: Vec<(String, bool)>,
    /// Tables and keys we do not know, to warn about.
    pub(crate) warnings: Vec<String>,
}

/// A place in the file and what is wrong there (1-based line and column).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// The configuration file of the module containing `dir`: `go-analyzer.toml` in the nearest
/// directory at or above `dir` that has a `go.mod`, if that file exists.
pub(crate) fn find(dir: &Path) -> Option<PathBuf> {
    let root = dir.ancestors().find(|d| d.join("go.mod").is_file())?;
    let file = root.join(FILE_NAME);
    file.is_file().then_some(file)
}

/// A value on the right of `=`.
#[derive(Debug, PartialEq)]
enum Value {
    Bool(bool),
    Other,
}

pub(crate) fn parse(text: &str) -> Result<Settings, ParseError> {
    let mut settings = Settings::default();
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let error = |column: usize, message: String| ParseError {
            line,
            column,
            message,
        };
        let content = strip_comment(raw);
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        if let Some(header) = trimmed.strip_prefix('[') {
            let Some(name) = header.strip_suffix(']') else {
                return Err(error(
                    indent + 1,
                    "expected ] at the end of the table header".into(),
                ));
            };
            let name = name.trim();
            if name.is_empty() || !name.split('.').all(is_bare_key) {
                return Err(error(indent + 2, format!("invalid table name {name:?}")));
            }
            table = name.to_string();
            if table != "analyses" {
                settings
                    .warnings
                    .push(format!("line {line}: unknown table [{table}] (ignored)"));
            }
            continue;
        }
        let Some(eq) = content.find('=') else {
            return Err(error(indent + 1, "expected key = value".into()));
        };
        let key = unquote_key(content[..eq].trim()).ok_or_else(|| {
            error(
                indent + 1,
                format!("invalid key {:?}", content[..eq].trim()),
            )
        })?;
        let value_text = content[eq + 1..].trim();
        let value_column =
            eq + 2 + (content[eq + 1..].len() - content[eq + 1..].trim_start().len());
        let value = parse_value(value_text).ok_or_else(|| {
            error(
                value_column,
                format!("invalid value {value_text:?} for {key}"),
            )
        })?;
        match (table.as_str(), value) {
            ("analyses", Value::Bool(on)) => settings.analyses.push((key, on)),
            ("analyses", Value::Other) => {
                return Err(error(
                    value_column,
                    format!("expected true or false for analyzer {key}, found {value_text}"),
                ));
            }
            ("", _) => settings
                .warnings
                .push(format!("line {line}: unknown key {key} (ignored)")),
            _ => {}
        }
    }
    Ok(settings)
}

/// The line without a `#` comment (a `#` inside a string is kept).
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn unquote_key(key: &str) -> Option<String> {
    if let Some(inner) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
        return (!inner.contains('"') && !inner.contains('\\')).then(|| inner.to_string());
    }
    is_bare_key(key).then(|| key.to_string())
}

fn parse_value(text: &str) -> Option<Value> {
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    let string = text.len() >= 2 && text.starts_with('"') && text.ends_with('"');
    let integer = text
        .strip_prefix(['+', '-'])
        .unwrap_or(text)
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'_')
        && !text.is_empty();
    let array = text.starts_with('[') && text.ends_with(']');
    (string || integer || array).then_some(Value::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyses_table_in_file_order() {
        let settings = parse(
            "# project settings\n[analyses]\nprintf = true\n  \"unusedparams\" = false # noisy\n",
        )
        .unwrap();
        assert_eq!(
            settings.analyses,
            [
                ("printf".to_string(), true),
                ("unusedparams".to_string(), false)
            ]
        );
        assert!(settings.warnings.is_empty());
    }

    #[test]
    fn unknown_tables_and_keys_are_warnings() {
        let settings = parse("name = \"x\"\n[build]\ntags = [\"a\"]\n").unwrap();
        assert_eq!(settings.warnings.len(), 2, "{:?}", settings.warnings);
        assert!(settings.warnings[1].contains("[build]"));
    }

    #[test]
    fn errors_have_line_and_column() {
        let err = parse("[analyses]\nprintf = yes\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 10), "{err:?}");
        let err = parse("[analyses]\nprintf = \"on\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 10));
        assert!(err.message.contains("true or false"), "{}", err.message);
        let err = parse("\n\n  [analyses\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 3));
        let err = parse("[analyses]\nno equals sign\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn the_file_is_found_at_the_module_root() {
        let dir = std::env::temp_dir().join(format!("ga-config-{}", std::process::id()));
        let sub = dir.join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join("go.mod"), "module m\n").unwrap();
        assert_eq!(find(&sub), None);
        std::fs::write(dir.join(FILE_NAME), "[analyses]\n").unwrap();
        assert_eq!(find(&sub), Some(dir.join(FILE_NAME)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
