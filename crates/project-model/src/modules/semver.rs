//! Module versions as the go command reads them (golang.org/x/mod/semver): `vMAJOR[.MINOR[.PATCH
//! [-PRERELEASE][+BUILD]]]`, with the shorthands `v1` and `v1.2` meaning `v1.0.0` and `v1.2.0`.
//!
//! Ordering is semantic-versioning precedence: build metadata (including `+incompatible`) is
//! ignored, a prerelease sorts before its release, and prerelease identifiers compare
//! numerically when both are numbers. Pseudo-versions (`v0.0.0-20240101000000-abcdef123456`,
//! `v1.2.4-0.2024...`) are ordinary prereleases, so they need no special case to order. Invalid
//! versions sort before every valid one and equal to each other, as in x/mod.

use std::cmp::Ordering;

/// The parts of a valid version; `short` is what canonicalizing appends (`.0.0`, `.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parsed<'a> {
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    short: &'static str,
    prerelease: &'a str,
    build: &'a str,
}

/// Whether `v` is a valid semantic version in the go command's sense (shorthands allowed).
pub fn is_valid(v: &str) -> bool {
    parse(v).is_some()
}

/// `v` in canonical form (`v1.2` -> `v1.2.0`, build metadata dropped), or `None` when invalid.
pub fn canonical(v: &str) -> Option<String> {
    let p = parse(v)?;
    if !p.build.is_empty() {
        return Some(v[..v.len() - p.build.len()].to_string());
    }
    Some(format!("{v}{}", p.short))
}

/// Like [`canonical`] but keeps `+incompatible`, which is part of a module version's identity
/// (module.CanonicalVersion).
pub fn canonical_module_version(v: &str) -> Option<String> {
    let mut cv = canonical(v)?;
    if build(v) == "+incompatible" {
        cv.push_str("+incompatible");
    }
    Some(cv)
}

/// The major version prefix (`v2` for `v2.1.0`), or `""` when invalid.
pub fn major(v: &str) -> &str {
    match parse(v) {
        Some(p) => &v[..1 + p.major.len()],
        None => "",
    }
}

/// The prerelease suffix including its `-`, or `""`.
pub fn prerelease(v: &str) -> &str {
    parse(v).map_or("", |p| p.prerelease)
}

/// The build suffix including its `+`, or `""`.
pub fn build(v: &str) -> &str {
    parse(v).map_or("", |p| p.build)
}

/// Whether `v` is a pseudo-version (module.IsPseudoVersion): `vX.0.0-STAMP-REV`,
/// `vX.Y.Z-0.STAMP-REV` or `vX.Y.Z-PRE.0.STAMP-REV`, STAMP being 14 digits (a UTC time).
pub fn is_pseudo(v: &str) -> bool {
    if v.matches('-').count() < 2 || !is_valid(v) {
        return false;
    }
    let core = v.split('+').next().unwrap_or(v);
    let Some((head, rev)) = core.rsplit_once('-') else {
        return false;
    };
    if rev.is_empty() || !rev.bytes().all(|b| b.is_ascii_alphanumeric()) || head.len() < 14 {
        return false;
    }
    let (base, stamp) = head.split_at(head.len() - 14);
    if !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // `base` is what precedes the timestamp: `vX.0.0-`, or `vX.Y.Z-` [anything ending in `.`] `0.`.
    let Some(p) = parse(base.trim_end_matches(['-', '.'])) else {
        return false;
    };
    let release_len = 1 + p.major.len() + 1 + p.minor.len() + 1 + p.patch.len();
    let after = &base[release_len.min(base.len())..];
    (p.minor == "0" && p.patch == "0" && after == "-")
        || (after.starts_with('-')
            && (after == "-0." || (after.ends_with(".0.") && after.len() > 4)))
}

/// Compares two versions by precedence; invalid versions are lowest and equal to each other.
pub fn compare(v: &str, w: &str) -> Ordering {
    match (parse(v), parse(w)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => compare_int(a.major, b.major)
            .then_with(|| compare_int(a.minor, b.minor))
            .then_with(|| compare_int(a.patch, b.patch))
            .then_with(|| compare_prerelease(a.prerelease, b.prerelease)),
    }
}

/// The higher of two versions in canonical form (x/mod semver.Max).
pub fn max<'a>(v: &'a str, w: &'a str) -> &'a str {
    if compare(v, w) == Ordering::Greater {
        v
    } else {
        w
    }
}

fn parse(v: &str) -> Option<Parsed<'_>> {
    let rest = v.strip_prefix('v')?;
    let (major, rest) = parse_int(rest)?;
    let mut p = Parsed {
        major,
        minor: "0",
        patch: "0",
        short: "",
        prerelease: "",
        build: "",
    };
    if rest.is_empty() {
        p.short = ".0.0";
        return Some(p);
    }
    let (minor, rest) = parse_int(rest.strip_prefix('.')?)?;
    p.minor = minor;
    if rest.is_empty() {
        p.short = ".0";
        return Some(p);
    }
    let (patch, mut rest) = parse_int(rest.strip_prefix('.')?)?;
    p.patch = patch;
    if rest.starts_with('-') {
        let end = rest.find('+').unwrap_or(rest.len());
        p.prerelease = &rest[..end];
        if !valid_idents(&p.prerelease[1..], true) {
            return None;
        }
        rest = &rest[end..];
    }
    if rest.starts_with('+') {
        p.build = rest;
        if !valid_idents(&rest[1..], false) {
            return None;
        }
        rest = "";
    }
    rest.is_empty().then_some(p)
}

/// A run of digits without a leading zero (unless it is just `0`), and what follows it.
fn parse_int(s: &str) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || (s.as_bytes()[0] == b'0' && n != 1) {
        return None;
    }
    Some((&s[..n], &s[n..]))
}

/// Dot-separated non-empty identifiers of `[0-9A-Za-z-]`; prerelease numbers may not have
/// leading zeros.
fn valid_idents(s: &str, prerelease: bool) -> bool {
    s.split('.').all(|id| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !(prerelease && is_bad_num(id))
    })
}

fn is_bad_num(id: &str) -> bool {
    id.len() > 1 && id.bytes().all(|b| b.is_ascii_digit()) && id.starts_with('0')
}

/// Compares decimal strings without leading zeros: longer is larger.
pub(crate) fn compare_int(x: &str, y: &str) -> Ordering {
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

fn compare_prerelease(x: &str, y: &str) -> Ordering {
    // A release sorts after all of its prereleases.
    match (x.is_empty(), y.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        (false, false) => {}
    }
    let mut xs = x[1..].split('.');
    let mut ys = y[1..].split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(dx), Some(dy)) => {
                if dx == dy {
                    continue;
                }
                let nx = dx.bytes().all(|b| b.is_ascii_digit());
                let ny = dy.bytes().all(|b| b.is_ascii_digit());
                return match (nx, ny) {
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (true, true) => compare_int(dx, dy),
                    (false, false) => dx.cmp(dy),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_and_canonical_forms() {
        for v in [
            "v1",
            "v1.2",
            "v1.2.3",
            "v1.2.3-pre",
            "v1.2.3-pre.1+meta",
            "v2.0.0+incompatible",
        ] {
            assert!(is_valid(v), "{v}");
        }
        for v in [
            "",
            "1.2.3",
            "v01.2.3",
            "v1.02",
            "v1.2.3-",
            "v1.2.3-01",
            "v1.2-pre",
            "v1.2.3+",
            "vx",
        ] {
            assert!(!is_valid(v), "{v}");
        }
        assert_eq!(canonical("v1").as_deref(), Some("v1.0.0"));
        assert_eq!(canonical("v1.2").as_deref(), Some("v1.2.0"));
        assert_eq!(canonical("v1.2.3+meta").as_deref(), Some("v1.2.3"));
        assert_eq!(
            canonical_module_version("v2.0.0+incompatible").as_deref(),
            Some("v2.0.0+incompatible")
        );
        assert_eq!(major("v2.3.4"), "v2");
        assert_eq!(prerelease("v1.2.3-rc.1+b"), "-rc.1");
        assert_eq!(build("v1.2.3-rc.1+b"), "+b");
    }

    #[test]
    fn ordering_follows_semver_precedence() {
        let ordered = [
            "bad",
            "v0.0.0-20190101000000-aaaaaaaaaaaa",
            "v0.0.0-20200101000000-aaaaaaaaaaaa",
            "v0.1.0",
            "v1.0.0-alpha",
            "v1.0.0-alpha.1",
            "v1.0.0-alpha.beta",
            "v1.0.0-beta.2",
            "v1.0.0-beta.11",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v1.2.3",
            "v1.2.4-0.20240101000000-abcdefabcdef",
            "v1.2.4",
            "v1.10.0",
            "v2.0.0+incompatible",
            "v10.0.0",
        ];
        for (i, a) in ordered.iter().enumerate() {
            for (j, b) in ordered.iter().enumerate() {
                assert_eq!(compare(a, b), i.cmp(&j), "{a} vs {b}");
            }
        }
        assert_eq!(compare("v1", "v1.0.0"), Ordering::Equal);
        assert_eq!(compare("v2.0.0+incompatible", "v2.0.0"), Ordering::Equal);
        assert_eq!(compare("bad", "worse"), Ordering::Equal);
        assert_eq!(max("v1.2.0", "v1.10.0"), "v1.10.0");
    }

    #[test]
    fn pseudo_versions() {
        assert!(is_pseudo("v0.0.0-20191109021931-daa7c04131f5"));
        assert!(is_pseudo("v1.2.4-0.20191109021931-daa7c04131f5"));
        assert!(is_pseudo("v1.2.3-pre.0.20191109021931-daa7c04131f5"));
        assert!(!is_pseudo("v1.2.3-pre"));
        assert!(!is_pseudo("v1.2.3"));
    }
}
