//! Scoring: reported errors against a unit's annotations, and the figures summed over units.
//!
//! Errors and annotations are paired one to one, on the same file and line, in four rounds,
//! each a maximum matching over what the rounds before left: same column and a matching
//! message, then same column, then a matching message, then anything on the line. What is left
//! over is missing (annotations) or unexpected (errors). L1: every annotation paired at its
//! exact column and nothing unexpected; L2: L1 and every message matches its pattern.

use std::collections::BTreeMap;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::units::{Annotation, Unit};

/// An error as reported: by our checker, our parser, or go/types.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reported {
    /// Index into the unit's files; `None` when the error names no file of the unit.
    pub file: Option<usize>,
    /// 1-based line and byte column.
    pub line: u32,
    pub col: u32,
    pub msg: String,
}

/// How a unit's run ended, and the errors it reported.
pub type Outcome = (Status, Vec<Reported>);

/// The annotations and the errors of one line of one file (indices).
type Group = (Vec<usize>, Vec<usize>);

/// How a unit's run ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// A panic (message and place) or the worker process dying.
    Crash(String),
    Timeout,
}

/// An annotation, where it is, and the pattern as written.
#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    pub file: usize,
    pub line: u32,
    pub col: u32,
    pub annotation: String,
}

/// One pairing that is not a full match.
#[derive(Clone, Debug, Serialize)]
pub struct Mismatch {
    pub expected: Expected,
    pub got: Reported,
}

/// The score of one unit.
#[derive(Clone, Debug, Serialize)]
pub struct UnitScore {
    pub unit: String,
    pub folder: String,
    pub generic: bool,
    pub status: Status,
    pub annotations: usize,
    /// Annotations paired with an error on their line (any column, any message).
    pub at_line: usize,
    /// ... at their exact line and column.
    pub at_pos: usize,
    /// ... at their exact position with a message that matches the pattern.
    pub with_msg: usize,
    pub l1: bool,
    pub l2: bool,
    pub missing: Vec<Expected>,
    pub unexpected: Vec<Reported>,
    /// Paired on the line, at another column.
    pub wrong_col: Vec<Mismatch>,
    /// Paired at the exact position, with a message that does not match.
    pub wrong_msg: Vec<Mismatch>,
    /// Flags of the unit that our configuration cannot express.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsupported_flags: Vec<String>,
}

impl UnitScore {
    /// An unannotated unit that reported nothing (and did not crash).
    pub fn clean(&self) -> bool {
        self.annotations == 0 && self.l1
    }

    /// Whether `--verbose` has something to say about the unit.
    pub fn failing(&self) -> bool {
        !self.l2
    }
}

/// An annotation's pattern, ready to match: a substring for `ERROR`, a regular expression
/// (unanchored, as Go's `MatchString`) for `ERRORx`. A pattern that is not a valid Go string
/// literal, or not a valid regular expression, matches nothing.
enum Matcher {
    Substring(String),
    Regexp(Regex),
    Invalid,
}

impl Matcher {
    fn new(annotation: &Annotation) -> Matcher {
        match (&annotation.pattern, annotation.regexp) {
            (None, _) => Matcher::Invalid,
            (Some(p), false) => Matcher::Substring(p.clone()),
            (Some(p), true) => Regex::new(&go_regexp(p)).map_or(Matcher::Invalid, Matcher::Regexp),
        }
    }

    fn matches(&self, msg: &str) -> bool {
        match self {
            Matcher::Substring(p) => msg.contains(p.as_str()),
            Matcher::Regexp(rx) => rx.is_match(msg),
            Matcher::Invalid => false,
        }
    }
}

/// A Go (RE2) regular expression in the `regex` crate's syntax. They agree but on braces: Go
/// reads a `{` that does not start a repetition (`{2}`, `{2,}`, `{2,5}`) as a literal, as in
/// `struct{}`; the `regex` crate rejects it.
fn go_regexp(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.char_indices().peekable();
    let mut in_class = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal.
                if let Some(&(_, '^')) = chars.peek() {
                    out.push('^');
                    chars.next();
                }
                if let Some(&(_, ']')) = chars.peek() {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            // Go has no nested classes; the `regex` crate does.
            '[' => out.push_str("\\["),
            '{' if !in_class => match repetition(&pattern[i..]) {
                Some(len) => {
                    out.push_str(&pattern[i..i + len]);
                    for _ in 1..len {
                        chars.next();
                    }
                }
                None => out.push_str("\\{"),
            },
            '}' if !in_class => out.push_str("\\}"),
            _ => out.push(c),
        }
    }
    out
}

/// The length of the repetition operator `{n}`, `{n,}` or `{n,m}` at the start of `s`.
fn repetition(s: &str) -> Option<usize> {
    let body = &s[1..s.find('}')?];
    let (min, max) = match body.split_once(',') {
        Some((min, max)) => (min, Some(max)),
        None => (body, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    (digits(min) && max.is_none_or(|m| m.is_empty() || digits(m))).then_some(body.len() + 2)
}

/// Scores `errors` against `unit`'s annotations. Errors whose message starts with a tab are
/// continuation lines of the error before them; go/types' harness ignores them, and so do we.
pub fn score(unit: &Unit, status: Status, errors: &[Reported]) -> UnitScore {
    let errors: Vec<&Reported> = errors.iter().filter(|e| !e.msg.starts_with('\t')).collect();
    let mut expected: Vec<(Expected, Matcher)> = Vec::new();
    for (i, file) in unit.files.iter().enumerate() {
        for a in &file.annotations {
            expected.push((
                Expected {
                    file: i,
                    line: a.line,
                    col: a.col,
                    annotation: a.describe(),
                },
                Matcher::new(a),
            ));
        }
    }

    // Group both sides by (file, line); pair within each group.
    let mut groups: BTreeMap<(Option<usize>, u32), Group> = BTreeMap::new();
    for (i, (e, _)) in expected.iter().enumerate() {
        groups.entry((Some(e.file), e.line)).or_default().0.push(i);
    }
    for (j, e) in errors.iter().enumerate() {
        groups.entry((e.file, e.line)).or_default().1.push(j);
    }

    let mut paired_ann: Vec<Option<usize>> = vec![None; expected.len()];
    let mut paired_err: Vec<Option<usize>> = vec![None; errors.len()];
    for (anns, errs) in groups.values() {
        if anns.is_empty() || errs.is_empty() {
            continue;
        }
        let same_col = |a: usize, e: usize| expected[a].0.col == errors[e].col;
        let msg_ok = |a: usize, e: usize| expected[a].1.matches(&errors[e].msg);
        let rounds: [&dyn Fn(usize, usize) -> bool; 4] = [
            &|a, e| same_col(a, e) && msg_ok(a, e),
            &|a, e| same_col(a, e),
            &|a, e| msg_ok(a, e),
            &|_, _| true,
        ];
        for round in rounds {
            let free_a: Vec<usize> = anns
                .iter()
                .copied()
                .filter(|&a| paired_ann[a].is_none())
                .collect();
            let free_e: Vec<usize> = errs
                .iter()
                .copied()
                .filter(|&e| paired_err[e].is_none())
                .collect();
            for (a, e) in max_matching(&free_a, &free_e, round) {
                paired_ann[a] = Some(e);
                paired_err[e] = Some(a);
            }
        }
    }

    let mut s = UnitScore {
        unit: unit.name.clone(),
        folder: unit.folder.to_string(),
        generic: unit.generic,
        status: status.clone(),
        annotations: expected.len(),
        at_line: 0,
        at_pos: 0,
        with_msg: 0,
        l1: false,
        l2: false,
        missing: Vec::new(),
        unexpected: Vec::new(),
        wrong_col: Vec::new(),
        wrong_msg: Vec::new(),
        unsupported_flags: unit.flags.unsupported(),
    };
    for (a, pair) in paired_ann.iter().enumerate() {
        let (exp, matcher) = &expected[a];
        let Some(e) = *pair else {
            s.missing.push(exp.clone());
            continue;
        };
        let got = errors[e];
        s.at_line += 1;
        let mismatch = || Mismatch {
            expected: exp.clone(),
            got: got.clone(),
        };
        if got.col != exp.col {
            s.wrong_col.push(mismatch());
            continue;
        }
        s.at_pos += 1;
        if matcher.matches(&got.msg) {
            s.with_msg += 1;
        } else {
            s.wrong_msg.push(mismatch());
        }
    }
    s.unexpected = errors
        .iter()
        .zip(&paired_err)
        .filter(|(_, p)| p.is_none())
        .map(|(e, _)| (*e).clone())
        .collect();
    let ran = status == Status::Ok;
    s.l1 = ran && s.at_pos == s.annotations && s.unexpected.is_empty();
    s.l2 = s.l1 && s.with_msg == s.annotations;
    s
}

/// A maximum matching between `left` and `right` over the pairs `edge` accepts (Kuhn's
/// augmenting paths; the groups are a handful of items). Earlier items are preferred.
fn max_matching(
    left: &[usize],
    right: &[usize],
    edge: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    fn augment(
        l: usize,
        left: &[usize],
        right: &[usize],
        edge: &dyn Fn(usize, usize) -> bool,
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for r in 0..right.len() {
            if seen[r] || !edge(left[l], right[r]) {
                continue;
            }
            seen[r] = true;
            if owner[r].is_none_or(|other| augment(other, left, right, edge, seen, owner)) {
                owner[r] = Some(l);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; right.len()];
    for l in 0..left.len() {
        let mut seen = vec![false; right.len()];
        augment(l, left, right, edge, &mut seen, &mut owner);
    }
    owner
        .iter()
        .enumerate()
        .filter_map(|(r, l)| l.map(|l| (left[l], right[r])))
        .collect()
}

/// Figures summed over a set of units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub units: usize,
    pub annotated: usize,
    pub l1: usize,
    pub l2: usize,
    pub annotations: usize,
    pub at_line: usize,
    pub at_pos: usize,
    pub with_msg: usize,
    pub unexpected: usize,
    pub unannotated: usize,
    pub clean: usize,
    pub crashes: usize,
    pub timeouts: usize,
}

impl Totals {
    pub fn add(&mut self, s: &UnitScore) {
        self.units += 1;
        if s.annotations > 0 {
            self.annotated += 1;
            self.l1 += usize::from(s.l1);
            self.l2 += usize::from(s.l2);
        } else {
            self.unannotated += 1;
            self.clean += usize::from(s.clean());
        }
        self.annotations += s.annotations;
        self.at_line += s.at_line;
        self.at_pos += s.at_pos;
        self.with_msg += s.with_msg;
        self.unexpected += s.unexpected.len();
        match s.status {
            Status::Ok => {}
            Status::Crash(_) => self.crashes += 1,
            Status::Timeout => self.timeouts += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::units::{Unit, UnitFile};
    use super::*;

    /// A one-file unit; the scores below feed it made-up error lists, so that they do not
    /// depend on the checker.
    fn unit(src: &str) -> Unit {
        let file = UnitFile::new("check/t.go".into(), "t.go".into(), src.into());
        Unit::new("check/t.go".into(), "check", vec![file])
    }

    fn err(line: u32, col: u32, msg: &str) -> Reported {
        Reported {
            file: Some(0),
            line,
            col,
            msg: msg.into(),
        }
    }

    const SRC: &str = "package p

var _ = x /* ERROR \"undefined: x\" */
var _ = 1 + \"a\" /* ERRORx `mismatched types .* and untyped string` */
";

    #[test]
    fn correct_errors_pass_l1_and_l2() {
        let u = unit(SRC);
        let s = score(
            &u,
            Status::Ok,
            &[
                err(3, 9, "undefined: x"),
                err(
                    4,
                    13,
                    "invalid operation: 1 + \"a\" (mismatched types untyped int and untyped string)",
                ),
            ],
        );
        assert_eq!(
            (s.annotations, s.at_line, s.at_pos, s.with_msg),
            (2, 2, 2, 2)
        );
        assert!(s.l1 && s.l2, "{s:?}");
    }

    #[test]
    fn wrong_column_fails_l1() {
        let s = score(
            &unit(SRC),
            Status::Ok,
            &[
                err(3, 8, "undefined: x"),
                err(4, 13, "mismatched types untyped int and untyped string"),
            ],
        );
        assert_eq!((s.at_line, s.at_pos, s.with_msg), (2, 1, 1));
        assert_eq!(s.wrong_col.len(), 1);
        assert!(!s.l1 && !s.l2);
    }

    #[test]
    fn wrong_message_passes_l1_not_l2() {
        let s = score(
            &unit(SRC),
            Status::Ok,
            &[
                err(3, 9, "x is not declared"),
                err(4, 13, "mismatched types untyped int and untyped string"),
            ],
        );
        assert_eq!((s.at_line, s.at_pos, s.with_msg), (2, 2, 1));
        assert_eq!(s.wrong_msg.len(), 1);
        assert!(s.l1 && !s.l2);
    }

    #[test]
    fn unexpected_error_fails_the_unit() {
        let s = score(
            &unit(SRC),
            Status::Ok,
            &[
                err(3, 9, "undefined: x"),
                err(4, 13, "mismatched types untyped int and untyped string"),
                err(4, 9, "something else"),
            ],
        );
        assert_eq!(s.with_msg, 2);
        assert_eq!(s.unexpected.len(), 1);
        assert!(!s.l1 && !s.l2);
        let clean = unit("package p\n");
        assert!(score(&clean, Status::Ok, &[]).clean());
        assert!(!score(&clean, Status::Ok, &[err(1, 1, "no")]).clean());
    }

    #[test]
    fn missing_errors_and_crashes_fail() {
        let s = score(&unit(SRC), Status::Ok, &[err(3, 9, "undefined: x")]);
        assert_eq!(s.missing.len(), 1);
        assert!(!s.l1);
        let s = score(&unit("package p\n"), Status::Timeout, &[]);
        assert!(!s.l1 && !s.clean());
    }

    /// The annotation after `x` on a line of its own binds to `x` (the semicolon inserted at
    /// the newline does not count), so an error at `x` is the expected one.
    #[test]
    fn annotation_after_inserted_semicolon_binds_to_token_before() {
        let u = unit("package p\n\nfunc _() {\n\tx\n\t/* ERROR \"undefined: x\" */\n}\n");
        let s = score(&u, Status::Ok, &[err(4, 2, "undefined: x")]);
        assert!(s.l2, "{s:?}");
    }

    #[test]
    fn several_annotations_on_one_token() {
        let u = unit("package p\nvar _ = f /* ERROR \"a\" */ /* ERROR \"b\" */ ()\n");
        // Reported in the other order: pairing is by message, not by order.
        let s = score(
            &u,
            Status::Ok,
            &[err(2, 9, "it is b"), err(2, 9, "it is a")],
        );
        assert!(s.l2, "{s:?}");
        let s = score(
            &u,
            Status::Ok,
            &[err(2, 9, "it is a"), err(2, 9, "it is a")],
        );
        assert!(s.l1 && !s.l2);
        assert_eq!(s.with_msg, 1);
    }

    #[test]
    fn go_regexps() {
        assert_eq!(go_regexp(r"g\[F\]{} .*"), r"g\[F\]\{\} .*");
        assert_eq!(go_regexp(r"a{2}b{1,}c{1,3}"), r"a{2}b{1,}c{1,3}");
        assert_eq!(go_regexp(r"[{}]x{"), r"[{}]x\{");
        assert_eq!(go_regexp(r"[]{]"), r"[\]{]");
        assert_eq!(go_regexp(r"[^[]"), r"[^\[]");
        assert!(Regex::new(&go_regexp("cannot assign struct{} \\(in P\\)")).is_ok());
    }

    #[test]
    fn continuation_lines_are_ignored() {
        let u = unit("package p\nvar _ = x /* ERROR \"undefined\" */\n");
        let s = score(
            &u,
            Status::Ok,
            &[err(2, 9, "undefined: x"), err(2, 9, "\tmore")],
        );
        assert!(s.l2);
    }
}
