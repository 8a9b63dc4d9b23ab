//! Go toolchain and language versions (`1.21`, `1.21rc1`, `1.21.0`), ordered as the go command
//! orders them (internal/gover), which is not semver: the language version `1.21` sorts before
//! its release candidates, which sort before the release `1.21.0`. Before Go 1.21 the first
//! release had no `.0`, so `1.20` and `1.20.0` are the same version.

use std::cmp::Ordering;

use super::semver::compare_int;

/// Go versions at which the go command changes behaviour (cmd/go/internal/gover/version.go).
pub mod versions {
    /// What a go.mod without a `go` line means.
    pub const DEFAULT_GO_MOD: &str = "1.16";
    /// What a go.work without a `go` line means.
    pub const DEFAULT_GO_WORK: &str = "1.18";
    /// From here on module graphs are pruned (go.mod lists every module providing a package).
    pub const EXPLICIT_INDIRECT: &str = "1.17";
    /// From here on a vendor directory is used by default.
    pub const AUTO_VENDOR: &str = "1.14";
    /// From here on a vendored package must be listed in vendor/modules.txt to be used.
    pub const EXPLICIT_MODULES_TXT_IMPORT: &str = "1.23";
}

/// A parsed version; empty fields are absent (`patch` is `""` for a language version).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Version<'a> {
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    kind: &'a str,
    pre: &'a str,
}

/// Whether `x` is a valid Go version (`1`, `1.21`, `1.21.3`, `1.21rc1`).
pub fn is_valid(x: &str) -> bool {
    parse(x).is_some()
}

/// Compares two Go versions; invalid versions sort before valid ones and equal each other.
pub fn compare(x: &str, y: &str) -> Ordering {
    let vx = parse(x).unwrap_or_default();
    let vy = parse(y).unwrap_or_default();
    compare_int(vx.major, vy.major)
        .then_with(|| compare_int(vx.minor, vy.minor))
        .then_with(|| compare_int(vx.patch, vy.patch))
        // "" < "alpha" < "beta" < "rc", so a plain language version sorts first.
        .then_with(|| vx.kind.cmp(vy.kind))
        .then_with(|| compare_int(vx.pre, vy.pre))
}

/// The language version of `x` (`1.21.3` -> `1.21`, `1.0` -> `1`).
pub fn lang(x: &str) -> String {
    let v = parse(x).unwrap_or_default();
    if v.minor.is_empty() || (v.major == "1" && v.minor == "0") {
        return v.major.to_string();
    }
    format!("{}.{}", v.major, v.minor)
}

/// Whether `x` is a language version (no patch, no prerelease): `1.21`, not `1.21.0`.
pub fn is_lang(x: &str) -> bool {
    parse(x).is_some_and(|v| v.patch.is_empty() && v.kind.is_empty() && v.pre.is_empty())
}

fn parse(x: &str) -> Option<Version<'_>> {
    let mut v = Version::default();
    let (major, rest) = cut_int(x)?;
    v.major = major;
    if rest.is_empty() {
        v.minor = "0";
        v.patch = "0";
        return Some(v);
    }
    let (minor, rest) = cut_int(rest.strip_prefix('.')?)?;
    v.minor = minor;
    if rest.is_empty() {
        // Before Go 1.21 the first release of a version had no ".0" ("1.20" is "1.20.0").
        if compare_int(minor, "21") == Ordering::Less {
            v.patch = "0";
        }
        return Some(v);
    }
    if let Some(rest) = rest.strip_prefix('.') {
        let (patch, rest) = cut_int(rest)?;
        v.patch = patch;
        return rest.is_empty().then_some(v);
    }
    let kind_len = rest.bytes().take_while(|b| !b.is_ascii_digit()).count();
    if kind_len == 0 || !rest[..kind_len].bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    v.kind = &rest[..kind_len];
    let rest = &rest[kind_len..];
    if rest.is_empty() {
        return Some(v);
    }
    let (pre, rest) = cut_int(rest)?;
    v.pre = pre;
    rest.is_empty().then_some(v)
}

/// A decimal number without unnecessary leading zeros, and what follows it.
fn cut_int(x: &str) -> Option<(&str, &str)> {
    let n = x.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (x.starts_with('0') && n != 1) {
        return None;
    }
    Some((&x[..n], &x[n..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_versions_sort_before_their_releases() {
        let ordered = [
            "1.20rc1", "1.20", "1.21", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1", "1.22",
        ];
        for (i, a) in ordered.iter().enumerate() {
            for (j, b) in ordered.iter().enumerate() {
                assert_eq!(compare(a, b), i.cmp(&j), "{a} vs {b}");
            }
        }
        assert_eq!(compare("1.20", "1.20.0"), Ordering::Equal);
        assert_eq!(compare("1", "1.0.0"), Ordering::Equal);
        assert_eq!(compare("1.9", "1.10"), Ordering::Less);
        assert_eq!(compare("1.21beta1", "1.21rc1"), Ordering::Less);
        assert_eq!(compare("junk", "1.0"), Ordering::Less);
    }

    #[test]
    fn validity_and_lang() {
        for x in ["1", "1.21", "1.21.0", "1.21rc1", "1.21beta"] {
            assert!(is_valid(x), "{x}");
        }
        for x in [
            "", "v1.21", "1.021", "1.21.", "1.21-rc1", "1.21RC1", "go1.21",
        ] {
            assert!(!is_valid(x), "{x}");
        }
        assert_eq!(lang("1.21.3"), "1.21");
        assert_eq!(lang("1.0"), "1");
        assert!(is_lang("1.21"));
        assert!(!is_lang("1.21.0"));
        assert!(!is_lang("1.21rc1"));
    }
}
