//! Where a module lives in the module cache (GOMODCACHE), with the case-encoding the go command
//! uses so that module paths differing only in case stay apart on case-insensitive file
//! systems: each upper-case letter becomes `!` and its lower-case form (`github.com/Azure` ->
//! `github.com/!azure`), for paths and versions alike (module.EscapePath, EscapeVersion).
//!
//! Layout (cmd/go/internal/modfetch):
//! - `<GOMODCACHE>/<escaped path>@<escaped version>/`: the extracted module;
//! - `<GOMODCACHE>/cache/download/<escaped path>/@v/<escaped version>.mod`: its go.mod, which is
//!   what minimal version selection reads (also present when the module was never extracted).

use std::path::{Path, PathBuf};

use super::path::{check_module_path, check_version_elem};
use crate::modfile::quote::go_quote;

/// Escapes a module path for use in the module cache; the path must be a valid module path.
pub fn escape_path(path: &str) -> Result<String, String> {
    check_module_path(path)?;
    Ok(escape_string(path))
}

/// Escapes a version for use in the module cache.
pub fn escape_version(version: &str) -> Result<String, String> {
    check_version_elem(version).map_err(|_| {
        format!(
            "version {} invalid: disallowed version string",
            go_quote(version)
        )
    })?;
    Ok(escape_string(version))
}

/// Reverses [`escape_path`]; `None` for text that no escaping produces (an upper-case letter,
/// or `!` not followed by a lower-case letter).
pub fn unescape(escaped: &str) -> Option<String> {
    let mut out = String::with_capacity(escaped.len());
    let mut bang = false;
    for c in escaped.chars() {
        if bang {
            if !c.is_ascii_lowercase() {
                return None;
            }
            out.push(c.to_ascii_uppercase());
            bang = false;
        } else if c == '!' {
            bang = true;
        } else if c.is_ascii_uppercase() {
            return None;
        } else {
            out.push(c);
        }
    }
    (!bang).then_some(out)
}

fn escape_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The directory an extracted module occupies: `<gomodcache>/<escaped path>@<escaped version>`.
pub fn module_cache_dir(gomodcache: &Path, path: &str, version: &str) -> Result<PathBuf, String> {
    let dir = format!("{}@{}", escape_path(path)?, escape_version(version)?);
    Ok(join_slash_path(gomodcache, &dir))
}

/// The go.mod file of a module version in the download cache:
/// `<gomodcache>/cache/download/<escaped path>/@v/<escaped version>.mod`.
pub fn cache_mod_file(gomodcache: &Path, path: &str, version: &str) -> Result<PathBuf, String> {
    let rel = format!(
        "cache/download/{}/@v/{}.mod",
        escape_path(path)?,
        escape_version(version)?
    );
    Ok(join_slash_path(gomodcache, &rel))
}

/// Joins a `/`-separated relative path onto `base` element by element, so the result uses the
/// platform's separator.
pub(crate) fn join_slash_path(base: &Path, rel: &str) -> PathBuf {
    let mut out = base.to_path_buf();
    out.extend(rel.split('/').filter(|e| !e.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_encoding_round_trips() {
        assert_eq!(
            escape_path("github.com/Azure/azure-sdk").unwrap(),
            "github.com/!azure/azure-sdk"
        );
        assert_eq!(
            escape_path("example.com/CamelCase").unwrap(),
            "example.com/!camel!case"
        );
        assert_eq!(
            escape_path("example.com/plain").unwrap(),
            "example.com/plain"
        );
        assert_eq!(escape_version("v1.0.0-RC1").unwrap(), "v1.0.0-!r!c1");
        assert!(escape_version("v1!").is_err());
        assert!(escape_path("NoDot/x").is_err());
        assert_eq!(
            unescape("github.com/!azure").as_deref(),
            Some("github.com/Azure")
        );
        assert_eq!(unescape("github.com/Azure"), None);
        assert_eq!(unescape("x!"), None);
        assert_eq!(unescape("x!1"), None);
    }

    #[test]
    fn cache_locations() {
        let cache = Path::new("/gomodcache");
        assert_eq!(
            module_cache_dir(cache, "example.com/CamelCase", "v1.0.0").unwrap(),
            Path::new("/gomodcache/example.com/!camel!case@v1.0.0")
        );
        assert_eq!(
            cache_mod_file(cache, "example.com/CamelCase", "v1.0.0").unwrap(),
            Path::new("/gomodcache/cache/download/example.com/!camel!case/@v/v1.0.0.mod")
        );
        assert!(module_cache_dir(cache, "mymod", "v1.0.0").is_err());
    }
}
