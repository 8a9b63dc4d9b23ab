//! Module and import path rules (golang.org/x/mod/module): which paths are valid, the major
//! version suffix (`/v2`, `gopkg.in/x.v2`) and whether a version matches it, and which import
//! paths belong to the standard library.
//!
//! Errors are worded as the go command words them (`malformed module path "x": missing dot in
//! first path element`), because users see them next to the go command's own output.

use crate::modfile::quote::{go_quote, quote_rune};

use super::semver;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Import,
    File,
}

/// Windows reserves these names (with any extension) in every directory.
const BAD_WINDOWS_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Checks a module path (module.CheckPath): what may be fetched and stored in the module cache.
pub fn check_module_path(path: &str) -> Result<(), String> {
    let wrap = |e: String| format!("malformed module path {}: {e}", go_quote(path));
    check_path(path, Kind::Module).map_err(wrap)?;
    let first = path.split('/').next().unwrap_or("");
    if first.is_empty() {
        return Err(wrap("leading slash".into()));
    }
    if !first.contains('.') {
        return Err(wrap("missing dot in first path element".into()));
    }
    if first.starts_with('-') {
        return Err(wrap("leading dash in first path element".into()));
    }
    if let Some(c) = first
        .chars()
        .find(|&c| !(c == '-' || c == '.' || c.is_ascii_digit() || c.is_ascii_lowercase()))
    {
        return Err(wrap(format!(
            "invalid char {} in first path element",
            quote_rune(c)
        )));
    }
    if split_path_version(path).is_none() {
        return Err(wrap("invalid version".into()));
    }
    Ok(())
}

/// Checks an import path (module.CheckImportPath): like a module path without the first-element
/// rules, and `+` is allowed.
pub fn check_import_path(path: &str) -> Result<(), String> {
    check_path(path, Kind::Import)
        .map_err(|e| format!("malformed import path {}: {e}", go_quote(path)))
}

/// Checks a version string for use as a file name in the module cache (module.EscapeVersion).
pub(crate) fn check_version_elem(v: &str) -> Result<(), String> {
    check_elem(v, Kind::File)?;
    if v.contains('!') {
        return Err("disallowed version string".into());
    }
    Ok(())
}

fn check_path(path: &str, kind: Kind) -> Result<(), String> {
    if path.is_empty() {
        return Err("empty string".into());
    }
    if path.starts_with('-') && kind != Kind::File {
        return Err("leading dash".into());
    }
    if path.contains("//") {
        return Err("double slash".into());
    }
    if path.ends_with('/') {
        return Err("trailing slash".into());
    }
    path.split('/').try_for_each(|elem| check_elem(elem, kind))
}

fn check_elem(elem: &str, kind: Kind) -> Result<(), String> {
    if elem.is_empty() {
        return Err("empty path element".into());
    }
    if elem.bytes().all(|b| b == b'.') {
        return Err(format!("invalid path element {}", go_quote(elem)));
    }
    if elem.starts_with('.') && kind == Kind::Module {
        return Err("leading dot in path element".into());
    }
    if elem.ends_with('.') {
        return Err("trailing dot in path element".into());
    }
    for c in elem.chars() {
        let ok = match kind {
            Kind::Module => mod_path_ok(c),
            Kind::Import => mod_path_ok(c) || c == '+',
            Kind::File => {
                c.is_ascii_alphanumeric()
                    || "!#$%&()+,-.=@[]^_{}~ ".contains(c)
                    || (!c.is_ascii() && c.is_alphabetic())
            }
        };
        if !ok {
            return Err(format!("invalid char {}", quote_rune(c)));
        }
    }
    let short = elem.split('.').next().unwrap_or(elem);
    if BAD_WINDOWS_NAMES
        .iter()
        .any(|bad| bad.eq_ignore_ascii_case(short))
    {
        return Err(format!(
            "{} disallowed as path element component on Windows",
            go_quote(short)
        ));
    }
    if kind == Kind::File {
        return Ok(());
    }
    // "foo~1" looks like a Windows short name and could alias another element.
    if let Some(tilde) = short.rfind('~') {
        let suffix = &short[tilde + 1..];
        if !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_digit()) {
            return Err("trailing tilde and digits in path element".into());
        }
    }
    Ok(())
}

fn mod_path_ok(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// Splits a module path into prefix and major-version suffix (`/v2`, `.v1` for gopkg.in);
/// `None` when the suffix is malformed (`/v1`, `/v0`, `/v2.1`), as module.SplitPathVersion.
pub fn split_path_version(path: &str) -> Option<(&str, &str)> {
    if path.starts_with("gopkg.in/") {
        return split_gopkg_in(path);
    }
    let b = path.as_bytes();
    let mut i = b.len();
    let mut dot = false;
    while i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.') {
        dot |= b[i - 1] == b'.';
        i -= 1;
    }
    if i <= 1 || i == b.len() || b[i - 1] != b'v' || b[i - 2] != b'/' {
        return Some((path, ""));
    }
    let (prefix, major) = path.split_at(i - 2);
    if dot || major.len() <= 2 || major.as_bytes()[2] == b'0' || major == "/v1" {
        return None;
    }
    Some((prefix, major))
}

fn split_gopkg_in(path: &str) -> Option<(&str, &str)> {
    let b = path.as_bytes();
    let mut i = b.len();
    if path.ends_with("-unstable") {
        i -= "-unstable".len();
    }
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i <= 1 || b[i - 1] != b'v' || b[i - 2] != b'.' {
        return None;
    }
    let (prefix, major) = path.split_at(i - 2);
    if major.len() <= 2 || (major.as_bytes()[2] == b'0' && major != ".v0") {
        return None;
    }
    Some((prefix, major))
}

/// Checks that version `v` is allowed for a module whose path ends in `path_major`
/// (module.CheckPathMajor); the error reads `should be v2, not v1`.
pub fn check_path_major(v: &str, path_major: &str) -> Result<(), String> {
    let mut path_major = path_major;
    if path_major.starts_with(".v") {
        path_major = path_major.strip_suffix("-unstable").unwrap_or(path_major);
    }
    if v.starts_with("v0.0.0-") && path_major == ".v1" {
        // gopkg.in/x.v1 at a pseudo-version predating its first tag.
        return Ok(());
    }
    let m = semver::major(v);
    let want = if path_major.is_empty() {
        if m == "v0" || m == "v1" || semver::build(v) == "+incompatible" {
            return Ok(());
        }
        "v0 or v1"
    } else {
        let want = &path_major[1..];
        if m == want {
            return Ok(());
        }
        want
    };
    Err(format!("should be {want}, not {m}"))
}

/// Whether an import path is reserved for the standard library: its first element has no dot
/// (search.IsStandardImportPath). `cmd/...` and `vendor/...` count too.
pub fn is_standard_import_path(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}

/// The zero pseudo-version for a major version (`v0.0.0-00010101000000-000000000000`), which
/// the go command suggests for a replaced module that has no real version.
pub fn zero_pseudo_version(major: &str) -> String {
    format!("{major}.0.0-00010101000000-000000000000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths() {
        assert!(check_module_path("github.com/Foo/Bar").is_ok());
        assert!(check_module_path("example.com/x/v2").is_ok());
        assert!(check_module_path("gopkg.in/yaml.v3").is_ok());
        assert_eq!(
            check_module_path("mymod").unwrap_err(),
            r#"malformed module path "mymod": missing dot in first path element"#
        );
        assert_eq!(
            check_module_path("Example.com/x").unwrap_err(),
            r#"malformed module path "Example.com/x": invalid char 'E' in first path element"#
        );
        assert_eq!(
            check_module_path("example.com/x/v1").unwrap_err(),
            r#"malformed module path "example.com/x/v1": invalid version"#
        );
        assert!(check_module_path("example.com//x").is_err());
        assert!(check_module_path("example.com/.x").is_err());
        assert!(check_module_path("example.com/con").is_err());
        assert!(check_module_path("example.com/a~1").is_err());
        assert!(check_import_path("example.com/a+b").is_ok());
        assert!(check_import_path("fmt").is_ok());
        assert!(check_import_path("a b").is_err());
    }

    #[test]
    fn major_version_suffixes() {
        assert_eq!(
            split_path_version("example.com/x/v2"),
            Some(("example.com/x", "/v2"))
        );
        assert_eq!(
            split_path_version("example.com/x"),
            Some(("example.com/x", ""))
        );
        assert_eq!(split_path_version("example.com/x/v1"), None);
        assert_eq!(split_path_version("example.com/x/v2.1"), None);
        assert_eq!(
            split_path_version("gopkg.in/yaml.v3"),
            Some(("gopkg.in/yaml", ".v3"))
        );
        assert_eq!(split_path_version("gopkg.in/yaml"), None);
        assert!(check_path_major("v2.1.0", "/v2").is_ok());
        assert!(check_path_major("v1.1.0", "").is_ok());
        assert!(check_path_major("v3.0.0+incompatible", "").is_ok());
        assert_eq!(
            check_path_major("v1.0.0", "/v2").unwrap_err(),
            "should be v2, not v1"
        );
        assert_eq!(
            check_path_major("v2.0.0", "").unwrap_err(),
            "should be v0 or v1, not v2"
        );
        assert!(check_path_major("v0.0.0-20200101000000-abcdefabcdef", ".v1").is_ok());
    }

    #[test]
    fn standard_import_paths() {
        assert!(is_standard_import_path("fmt"));
        assert!(is_standard_import_path("net/http"));
        assert!(is_standard_import_path(
            "vendor/golang.org/x/net/dns/dnsmessage"
        ));
        assert!(!is_standard_import_path("golang.org/x/net"));
        assert!(!is_standard_import_path("example.com"));
    }
}
