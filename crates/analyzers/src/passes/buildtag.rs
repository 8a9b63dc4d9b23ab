//! buildtag: malformed or misplaced `//go:build` and `// +build` lines.

use project_model::build::{Constraint, is_go_build, is_plus_build, parse_line};
use syntax::TextRange;

use crate::util::comment_groups;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "buildtag",
    doc: "check //go:build and // +build directives\n\n\
          Build constraints must come before the package clause (a // +build line also \
          before a blank line), once, and parse; go version tags must be well formed \
          (go1.21, not go1.21.0 or go21); and // +build lines, where a file still has \
          them, must say what its //go:build line says. We check the package's Go files as \
          built; go vet also reads the directory's other files and the Go files the build \
          excludes.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        check_file(pass, file);
    }
}

fn check_file(pass: &mut Pass<'_>, file: usize) {
    let text: &str = &pass.files[file].text;
    let Some(package) = pass.ast(file).package.as_ref() else {
        return;
    };
    let clause = super::directive::package_keyword(text, package.range);
    let mut check = Checker {
        pass,
        file,
        plus_build_ok: true,
        go_build_ok: true,
        cross_check: true,
        in_star: false,
        go_build: None,
        plus_build: None,
    };
    for group in comment_groups(text) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        // A +build line must be followed by a blank line before the package clause; a
        // //go:build line may adjoin it.
        if last.end + 1 >= clause {
            check.plus_build_ok = false;
        }
        if first.start >= clause {
            check.go_build_ok = false;
        }
        for range in group {
            let Some(comment) = text.get(range.as_usize()) else {
                continue;
            };
            // "+build" is ignored within or after a /*...*/ comment.
            if !comment.starts_with("//") {
                check.plus_build_ok = false;
            }
            let comment = comment.replace('\r', "");
            check.comment(range.start, &comment);
        }
    }
    check.finish();
}

struct Checker<'p, 'a> {
    pass: &'p mut Pass<'a>,
    file: usize,
    /// `// +build` lines are still in place.
    plus_build_ok: bool,
    /// `//go:build` lines are still in place.
    go_build_ok: bool,
    /// No error so far: the two kinds of lines can be compared at the end.
    cross_check: bool,
    /// Inside a `/* */` comment.
    in_star: bool,
    /// The first `//go:build` line's offset and expression (if it parsed).
    go_build: Option<(u32, Option<Constraint>)>,
    /// The first `// +build` line's offset, and the AND of all of them.
    plus_build: Option<(u32, Option<Constraint>)>,
}

impl Checker<'_, '_> {
    fn report(&mut self, at: u32, line: &str, message: impl Into<String>) {
        let end = at + line.trim_end_matches('\n').len() as u32;
        self.pass
            .report(self.file, TextRange::new(at, end), message);
    }

    fn comment(&mut self, at: u32, text: &str) {
        if text.starts_with("//") {
            if text.contains("+build") {
                self.plus_build_line(at, text);
            }
            if text.contains("//go:build") {
                self.go_build_line(at, text);
            }
        }
        // The lines of a multi-line /* */ comment that look like // comments.
        if text.starts_with("/*")
            && let Some(newline) = text.find('\n')
        {
            self.in_star = true;
            let mut at = at + newline as u32 + 1;
            for line in text[newline + 1..].split_inclusive('\n') {
                if line.starts_with("//") {
                    self.comment(at, line);
                }
                at += line.len() as u32;
            }
            self.in_star = false;
        }
    }

    fn go_build_line(&mut self, at: u32, line: &str) {
        if !is_go_build(line) {
            let respaced = format!("//{}", line[2..].trim());
            if !line.starts_with("//go:build") && is_go_build(&respaced) {
                self.report(
                    at,
                    line,
                    "malformed //go:build line (space between // and go:build)",
                );
            }
            return;
        }
        if !self.go_build_ok || self.in_star {
            self.report(at, line, "misplaced //go:build comment");
            self.cross_check = false;
            return;
        }
        if self.go_build.is_none() {
            self.go_build = Some((at, None));
        } else {
            self.report(at, line, "unexpected extra //go:build line");
            self.cross_check = false;
        }
        // go vet's own tests end lines with `// ERROR ...`.
        let line = line.find(" // ERROR ").map_or(line, |i| &line[..i]);
        match parse_line(line) {
            Err(e) => {
                self.report(at, line, e.message);
                self.cross_check = false;
            }
            Ok(x) => {
                self.tags(at, line, &x);
                if let Some((_, expr @ None)) = &mut self.go_build {
                    *expr = Some(x);
                }
            }
        }
    }

    fn plus_build_line(&mut self, at: u32, line: &str) {
        let line = line.trim();
        if !is_plus_build(line) {
            // "+build" somewhere else in a comment: suspicious only early in the file.
            if self.plus_build_ok && !line.starts_with("// want") {
                self.report(at, line, "possible malformed +build comment");
            }
            return;
        }
        if !self.plus_build_ok {
            self.report(at, line, "misplaced +build comment");
            self.cross_check = false;
        }
        if self.plus_build.is_none() {
            self.plus_build = Some((at, None));
        }
        let line = line.find(" // ERROR ").map_or(line, |i| &line[..i]);
        for arg in line[2..].split_whitespace().skip(1) {
            for elem in arg.split(',') {
                if elem.starts_with("!!") {
                    self.report(
                        at,
                        line,
                        format!("invalid double negative in build constraint: {arg}"),
                    );
                    self.cross_check = false;
                    continue;
                }
                let elem = elem.strip_prefix('!').unwrap_or(elem);
                if !elem.chars().all(is_tag_char) {
                    self.report(
                        at,
                        line,
                        format!("invalid non-alphanumeric build constraint: {arg}"),
                    );
                    self.cross_check = false;
                }
            }
        }
        if !self.cross_check {
            return;
        }
        match parse_line(line) {
            Err(e) => {
                self.report(at, line, e.message);
                self.cross_check = false;
            }
            Ok(y) => {
                self.tags(at, line, &y);
                if let Some((_, all)) = &mut self.plus_build {
                    *all = Some(match all.take() {
                        Some(x) => Constraint::And(Box::new(x), Box::new(y)),
                        None => y,
                    });
                }
            }
        }
    }

    /// With both kinds of lines and no error, the // +build lines must say what the
    /// //go:build line says.
    fn finish(&mut self) {
        if !self.cross_check {
            return;
        }
        let (Some((go_at, Some(go))), Some((plus_at, Some(plus)))) =
            (self.go_build.clone(), self.plus_build.clone())
        else {
            return;
        };
        let Some(lines) = plus_build_lines(&go) else {
            let text = &self.pass.files[self.file].text;
            let line = text[go_at as usize..].lines().next().unwrap_or("");
            let line = line.to_string();
            self.report(go_at, &line, "expression too complex for // +build lines");
            return;
        };
        let mut want: Option<Constraint> = None;
        for line in lines {
            let Ok(y) = parse_line(&line) else {
                return;
            };
            want = Some(match want {
                Some(x) => Constraint::And(Box::new(x), Box::new(y)),
                None => y,
            });
        }
        if want.map(|w| w.to_string()) != Some(plus.to_string()) {
            let text = &self.pass.files[self.file].text;
            let line = text[plus_at as usize..].lines().next().unwrap_or("");
            let line = line.to_string();
            self.report(
                plus_at,
                &line,
                "+build lines do not match //go:build condition",
            );
        }
    }

    /// Reports go version tags that are malformed.
    fn tags(&mut self, at: u32, line: &str, x: &Constraint) {
        for tag in x.tags() {
            if malformed_go_tag(tag) {
                self.report(
                    at,
                    line,
                    format!("invalid go version \"{tag}\" in build constraint"),
                );
            }
        }
    }
}

/// go/build/constraint's tag characters: letters, digits, `_` and `.`.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Whether `tag` looks like a go version but is not a valid one (`go1.21.0`, `go21`, `go.21`).
fn malformed_go_tag(tag: &str) -> bool {
    if !tag.starts_with("go1") {
        // Close misspellings of "go1.".
        return ["go.", "g1.", "go"].iter().any(|pre| {
            tag.strip_prefix(pre)
                .is_some_and(|suffix| go_version_tag(&format!("go1.{suffix}")).is_some())
        });
    }
    go_version_tag(tag).is_none()
}

/// The minor version a tag names as go/build/constraint's `GoVersion` reads it (`go1` is 0).
pub(crate) fn go_version_tag(tag: &str) -> Option<u64> {
    if tag == "go1" {
        return Some(0);
    }
    let (_, minor) = tag.split_once("go1.")?;
    minor
        .parse::<i64>()
        .ok()
        .and_then(|n| u64::try_from(n).ok())
}

/// The minimum Go minor version an expression implies (go/build/constraint's `GoVersion`):
/// `go1.21 && linux` implies 21, `!go1.21` nothing.
pub(crate) fn min_go_version(x: &Constraint) -> Option<u64> {
    fn min(x: &Constraint, positive: bool) -> Option<u64> {
        let (and, or): (fn(_, _) -> _, fn(_, _) -> _) = (max_opt, min_opt);
        match x {
            Constraint::Tag(tag) => positive.then(|| go_version_tag(tag)).flatten(),
            Constraint::Not(x) => min(x, !positive),
            Constraint::And(x, y) => {
                let op = if positive { and } else { or };
                op(min(x, positive), min(y, positive))
            }
            Constraint::Or(x, y) => {
                let op = if positive { or } else { and };
                op(min(x, positive), min(y, positive))
            }
        }
    }
    min(x, true)
}

/// Go's `andVersion` over "none" (-1): the larger.
fn max_opt(x: Option<u64>, y: Option<u64>) -> Option<u64> {
    x.max(y)
}

/// Go's `orVersion` over "none" (-1): the smaller, none if either is none.
fn min_opt(x: Option<u64>, y: Option<u64>) -> Option<u64> {
    x.zip(y).map(|(x, y)| x.min(y))
}

/// The `// +build` lines that say what a `//go:build` expression says (go/build/constraint's
/// `PlusBuildLines`); `None` when that takes more than an AND of ORs of ANDs of tags.
fn plus_build_lines(x: &Constraint) -> Option<Vec<String>> {
    let x = push_not(x, false);
    let mut split: Vec<Vec<Vec<&Constraint>>> = Vec::new();
    for or in split_and(&x) {
        let mut ands = Vec::new();
        for and in split_or(or) {
            let lits = split_and(and);
            let simple = lits.iter().all(|lit| match lit {
                Constraint::Tag(_) => true,
                Constraint::Not(x) => matches!(**x, Constraint::Tag(_)),
                _ => false,
            });
            if !simple {
                return None;
            }
            ands.push(lits);
        }
        split.push(ands);
    }
    // With no ORs at all, one line ANDs everything.
    if split.iter().all(|or| or.len() <= 1) {
        let lits: Vec<&Constraint> = split.into_iter().flatten().flatten().collect();
        split = vec![vec![lits]];
    }
    Some(
        split
            .iter()
            .map(|or| {
                let mut line = "// +build".to_string();
                for and in or {
                    let lits: Vec<String> = and.iter().map(|l| l.to_string()).collect();
                    line.push(' ');
                    line.push_str(&lits.join(","));
                }
                line
            })
            .collect(),
    )
}

/// Moves negations down to the tags (`!(a && b)` is `!a || !b`).
fn push_not(x: &Constraint, not: bool) -> Constraint {
    let boxed = |x| Box::new(x);
    match x {
        Constraint::Tag(_) if not => Constraint::Not(boxed(x.clone())),
        Constraint::Tag(_) => x.clone(),
        Constraint::Not(y) if !not && matches!(**y, Constraint::Tag(_)) => x.clone(),
        Constraint::Not(y) => push_not(y, !not),
        Constraint::And(a, b) => {
            let (a, b) = (boxed(push_not(a, not)), boxed(push_not(b, not)));
            if not {
                Constraint::Or(a, b)
            } else {
                Constraint::And(a, b)
            }
        }
        Constraint::Or(a, b) => {
            let (a, b) = (boxed(push_not(a, not)), boxed(push_not(b, not)));
            if not {
                Constraint::And(a, b)
            } else {
                Constraint::Or(a, b)
            }
        }
    }
}

fn split_and(x: &Constraint) -> Vec<&Constraint> {
    match x {
        Constraint::And(a, b) => {
            let mut out = split_and(a);
            out.extend(split_and(b));
            out
        }
        _ => vec![x],
    }
}

fn split_or(x: &Constraint) -> Vec<&Constraint> {
    match x {
        Constraint::Or(a, b) => {
            let mut out = split_or(a);
            out.extend(split_or(b));
            out
        }
        _ => vec![x],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "buildtag");
    }

    #[test]
    fn go_versions_and_plus_build_lines() {
        let parse = |s: &str| parse_line(s).expect(s);
        assert_eq!(
            min_go_version(&parse("//go:build go1.21 && linux")),
            Some(21)
        );
        assert_eq!(
            min_go_version(&parse("//go:build go1.21 || go1.18")),
            Some(18)
        );
        assert_eq!(min_go_version(&parse("//go:build go1.21 || linux")), None);
        assert_eq!(min_go_version(&parse("//go:build !go1.21")), None);
        assert_eq!(min_go_version(&parse("//go:build go1")), Some(0));
        assert!(malformed_go_tag("go1.21.0") && malformed_go_tag("go21"));
        assert!(malformed_go_tag("go.21") && !malformed_go_tag("go1.21"));
        assert!(!malformed_go_tag("gofoo") && !malformed_go_tag("linux"));
        let lines = |s: &str| plus_build_lines(&parse(s));
        assert_eq!(
            lines("//go:build linux && (amd64 || arm64) && !cgo"),
            Some(vec![
                "// +build linux".to_string(),
                "// +build amd64 arm64".to_string(),
                "// +build !cgo".to_string()
            ])
        );
        assert_eq!(
            lines("//go:build !(linux || darwin)"),
            Some(vec!["// +build !linux,!darwin".to_string()])
        );
        assert_eq!(lines("//go:build (a && b) || (c && (d || e))"), None);
    }
}
