//! Build constraint expressions: `//go:build` lines and legacy `// +build` lines, parsed and
//! evaluated as Go's `go/build/constraint` package does.
//!
//! Both syntaxes produce the same [`Constraint`] tree. Expression size is bounded exactly as Go
//! bounds it (1,000 operands for `//go:build`, 100 operators for `// +build`), which also bounds
//! the recursion depth of parsing, evaluating and dropping a tree: no input can exhaust the stack.

use std::fmt;

use super::text::{is_digit, is_letter, is_space};

/// A build constraint expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// A single tag, such as `linux` or `cgo`.
    Tag(String),
    Not(Box<Constraint>),
    And(Box<Constraint>, Box<Constraint>),
    Or(Box<Constraint>, Box<Constraint>),
}

/// A syntax error in a build constraint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintError {
    /// Byte offset in the expression text (after the `//go:build` prefix) where the error was
    /// found.
    pub offset: usize,
    /// Go's wording, e.g. `missing close paren` or `unexpected token )`.
    pub message: String,
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConstraintError {}

impl Constraint {
    /// Evaluates the expression, asking `ok` whether each tag is satisfied. Both operands of
    /// `&&` and `||` are always evaluated, as Go does, so `ok` observes every tag (go/build
    /// records them in `AllTags`).
    pub fn eval(&self, ok: &mut dyn FnMut(&str) -> bool) -> bool {
        match self {
            Constraint::Tag(tag) => ok(tag),
            Constraint::Not(x) => !x.eval(ok),
            Constraint::And(x, y) => {
                let x = x.eval(ok);
                let y = y.eval(ok);
                x && y
            }
            Constraint::Or(x, y) => {
                let x = x.eval(ok);
                let y = y.eval(ok);
                x || y
            }
        }
    }

    /// Every tag the expression mentions, in order of appearance, with repeats.
    pub fn tags(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_tags(&mut out);
        out
    }

    fn collect_tags<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Constraint::Tag(tag) => out.push(tag),
            Constraint::Not(x) => x.collect_tags(out),
            Constraint::And(x, y) | Constraint::Or(x, y) => {
                x.collect_tags(out);
                y.collect_tags(out);
            }
        }
    }
}

/// Prints the expression in `//go:build` syntax, with Go's parenthesization.
impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::Tag(tag) => f.write_str(tag),
            Constraint::Not(x) => match **x {
                Constraint::And(..) | Constraint::Or(..) => write!(f, "!({x})"),
                _ => write!(f, "!{x}"),
            },
            Constraint::And(x, y) => {
                write_operand(f, x, matches!(**x, Constraint::Or(..)))?;
                f.write_str(" && ")?;
                write_operand(f, y, matches!(**y, Constraint::Or(..)))
            }
            Constraint::Or(x, y) => {
                write_operand(f, x, matches!(**x, Constraint::And(..)))?;
                f.write_str(" || ")?;
                write_operand(f, y, matches!(**y, Constraint::And(..)))
            }
        }
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, x: &Constraint, paren: bool) -> fmt::Result {
    if paren {
        write!(f, "({x})")
    } else {
        write!(f, "{x}")
    }
}

fn tag(name: &str) -> Constraint {
    Constraint::Tag(name.to_owned())
}

fn not(x: Constraint) -> Constraint {
    Constraint::Not(Box::new(x))
}

fn and(x: Constraint, y: Constraint) -> Constraint {
    Constraint::And(Box::new(x), Box::new(y))
}

fn or(x: Constraint, y: Constraint) -> Constraint {
    Constraint::Or(Box::new(x), Box::new(y))
}

/// Parses one line of either syntax, `//go:build expr` or `// +build expr`, like Go's
/// `constraint.Parse`.
pub fn parse_line(line: &str) -> Result<Constraint, ConstraintError> {
    if let Some(text) = split_go_build(line) {
        return parse_go_build_expr(text);
    }
    if let Some(text) = split_plus_build(line) {
        return parse_plus_build_expr(text);
    }
    Err(ConstraintError {
        offset: 0,
        message: "not a build constraint".to_owned(),
    })
}

/// Whether `line` is a `//go:build` line (its expression is not checked).
pub fn is_go_build(line: &str) -> bool {
    split_go_build(line).is_some()
}

/// Whether `line` is a `// +build` line (its expression is not checked).
pub fn is_plus_build(line: &str) -> bool {
    split_plus_build(line).is_some()
}

/// Drops one trailing newline; a line with any other newline is not a constraint line.
fn single_line(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    (!line.contains('\n')).then_some(line)
}

/// The expression of a `//go:build` line. `//go:build` must be followed by white space or the
/// end of the line, so that `//go:buildx` is not one.
pub fn split_go_build(line: &str) -> Option<&str> {
    let line = single_line(line)?;
    if !line.starts_with("//go:build") {
        return None;
    }
    let rest = &line.trim_matches(is_space)["//go:build".len()..];
    let trimmed = rest.trim_matches(is_space);
    if rest.len() == trimmed.len() && !rest.is_empty() {
        return None;
    }
    Some(trimmed)
}

/// The expression of a `// +build` line; the space after `//` is optional.
pub fn split_plus_build(line: &str) -> Option<&str> {
    let line = single_line(line)?;
    let line = line.strip_prefix("//")?.trim_matches(is_space);
    let rest = line.strip_prefix("+build")?;
    let trimmed = rest.trim_matches(is_space);
    if rest.len() == trimmed.len() && !rest.is_empty() {
        return None;
    }
    Some(trimmed)
}

/// Go's limit on the number of operands in a `//go:build` expression.
const MAX_SIZE: usize = 1000;

/// Go's limit on the number of operators in a `// +build` line.
const MAX_OLD_SIZE: usize = 100;

/// Parses a `//go:build` expression: tags, `!`, `&&`, `||` and parentheses, with `&&` binding
/// tighter than `||` and `!!x` rejected.
///
/// Go parses recursively; this parser keeps its own stack of open parentheses instead, so that
/// nesting costs heap, not call stack (a 1,000-deep expression overflows a debug build's
/// stack otherwise). Tokens are consumed in Go's order, so errors have Go's offsets and words.
pub fn parse_go_build_expr(text: &str) -> Result<Constraint, ConstraintError> {
    let mut p = ExprParser {
        s: text,
        i: 0,
        tok: Tok::End,
        pos: 0,
        size: 0,
    };
    // One level per open parenthesis, the whole expression at the bottom.
    let mut levels = vec![Level {
        open: None,
        or: None,
        and: None,
        negate: false,
    }];
    loop {
        // An operand: Go's `not` then `atom`.
        p.size += 1;
        if p.size > MAX_SIZE {
            return Err(p.error(p.pos, "build expression too large".to_owned()));
        }
        let in_parens = levels.len() > 1;
        p.lex().map_err(|e| p.cut_short(e, in_parens))?;
        let mut negate = false;
        if p.tok == Tok::Not {
            p.lex()?;
            if p.tok == Tok::Not {
                return Err(p.error(p.pos, "double negation not allowed".to_owned()));
            }
            negate = true;
        }
        let mut operand = match p.tok {
            Tok::LParen => {
                let open = Some(p.pos);
                levels.push(Level {
                    open,
                    or: None,
                    and: None,
                    negate: false,
                });
                if let Some(parent) = levels.iter_mut().rev().nth(1) {
                    parent.negate = negate;
                }
                continue;
            }
            Tok::Tag => {
                let x = tag(p.tok_text());
                p.lex()?;
                if negate { not(x) } else { x }
            }
            Tok::End => {
                let e = p.error(p.pos, "unexpected end of expression".to_owned());
                return Err(p.cut_short(e, in_parens));
            }
            _ => return Err(p.error(p.pos, format!("unexpected token {}", p.tok_text()))),
        };
        // The operand is complete: combine it into its level, closing parentheses as long as
        // the next token ends a level.
        loop {
            let Some(level) = levels.last_mut() else {
                return Err(p.error(p.pos, "unexpected end of expression".to_owned()));
            };
            level.and = Some(match level.and.take() {
                Some(x) => and(x, operand),
                None => operand,
            });
            if p.tok == Tok::AndAnd {
                break;
            }
            let term = level.and.take().unwrap_or_else(|| tag("ignore"));
            level.or = Some(match level.or.take() {
                Some(x) => or(x, term),
                None => term,
            });
            if p.tok == Tok::OrOr {
                break;
            }
            // The level's expression is complete.
            let Some(Level {
                open, or: Some(x), ..
            }) = levels.pop()
            else {
                return Err(p.error(p.pos, "unexpected end of expression".to_owned()));
            };
            let Some(open) = open else {
                if p.tok != Tok::End {
                    return Err(p.error(p.pos, format!("unexpected token {}", p.tok_text())));
                }
                return Ok(x);
            };
            if p.tok != Tok::RParen {
                return Err(p.error(open, "missing close paren".to_owned()));
            }
            p.lex()?;
            let parent_negates = levels
                .last_mut()
                .is_some_and(|l| std::mem::take(&mut l.negate));
            operand = if parent_negates { not(x) } else { x };
        }
    }
}

/// An expression being parsed inside one pair of parentheses (or the whole expression).
struct Level {
    /// Offset of the `(`; `None` for the whole expression.
    open: Option<usize>,
    /// The `||` of the complete `&&` terms so far.
    or: Option<Constraint>,
    /// The `&&` term being built.
    and: Option<Constraint>,
    /// The parenthesized operand that is open above this level is negated.
    negate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    End,
    LParen,
    RParen,
    Not,
    AndAnd,
    OrOr,
    /// A tag; its text is `s[pos..i]`.
    Tag,
}

struct ExprParser<'a> {
    s: &'a str,
    /// Next byte to read.
    i: usize,
    tok: Tok,
    /// Start of `tok`.
    pos: usize,
    /// Operands parsed so far, limited to [`MAX_SIZE`].
    size: usize,
}

impl ExprParser<'_> {
    fn error(&self, offset: usize, message: String) -> ConstraintError {
        ConstraintError { offset, message }
    }

    /// An expression cut short inside parentheses is reported as the parenthesis's fault,
    /// which is what the user needs to fix (Go's wording).
    fn cut_short(&self, mut e: ConstraintError, in_parens: bool) -> ConstraintError {
        if in_parens && e.message == "unexpected end of expression" {
            e.message = "missing close paren".to_owned();
        }
        e
    }

    fn tok_text(&self) -> &str {
        self.s.get(self.pos..self.i).unwrap_or("")
    }

    fn lex(&mut self) -> Result<(), ConstraintError> {
        let bytes = self.s.as_bytes();
        while matches!(bytes.get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        self.pos = self.i;
        let Some(&c) = bytes.get(self.i) else {
            self.tok = Tok::End;
            return Ok(());
        };
        let single = match c {
            b'(' => Some(Tok::LParen),
            b')' => Some(Tok::RParen),
            b'!' => Some(Tok::Not),
            _ => None,
        };
        if let Some(tok) = single {
            self.i += 1;
            self.tok = tok;
            return Ok(());
        }
        if c == b'&' || c == b'|' {
            if bytes.get(self.i + 1) != Some(&c) {
                return Err(self.error(self.i, format!("invalid syntax at {}", c as char)));
            }
            self.i += 2;
            self.tok = if c == b'&' { Tok::AndAnd } else { Tok::OrOr };
            return Ok(());
        }
        let rest = &self.s[self.i..];
        let len = rest.find(|c: char| !is_tag_char(c)).unwrap_or(rest.len());
        if len == 0 {
            let c = rest.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            return Err(self.error(self.i, format!("invalid syntax at {c}")));
        }
        self.i += len;
        self.tok = Tok::Tag;
        Ok(())
    }
}

fn is_tag_char(c: char) -> bool {
    is_letter(c) || is_digit(c) || c == '_' || c == '.'
}

/// Whether `word` is a valid build tag: letters, digits, underscores and dots.
pub fn is_valid_tag(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_tag_char)
}

/// Parses the expression of a `// +build` line: space-separated options are ORed, the
/// comma-separated terms of an option are ANDed, `!` negates a term. Malformed terms (`!!x`,
/// `!`, invalid tags) become the tag `ignore` (which no configuration sets), as in Go; an empty
/// line is `ignore` too.
pub fn parse_plus_build_expr(text: &str) -> Result<Constraint, ConstraintError> {
    let too_complex = || ConstraintError {
        offset: 0,
        message: "expression too complex for // +build lines".to_owned(),
    };
    let mut size = 0;
    let mut x: Option<Constraint> = None;
    for clause in text.split(is_space).filter(|s| !s.is_empty()) {
        let mut y: Option<Constraint> = None;
        for lit in clause.split(',') {
            let z = if lit.starts_with("!!") || lit == "!" {
                tag("ignore")
            } else {
                let (neg, name) = match lit.strip_prefix('!') {
                    Some(name) => (true, name),
                    None => (false, lit),
                };
                let z = if is_valid_tag(name) {
                    tag(name)
                } else {
                    tag("ignore")
                };
                if neg { not(z) } else { z }
            };
            y = Some(match y {
                None => z,
                Some(y) => {
                    size += 1;
                    if size > MAX_OLD_SIZE {
                        return Err(too_complex());
                    }
                    and(y, z)
                }
            });
        }
        let Some(y) = y else { continue };
        x = Some(match x {
            None => y,
            Some(x) => {
                size += 1;
                if size > MAX_OLD_SIZE {
                    return Err(too_complex());
                }
                or(x, y)
            }
        });
    }
    Ok(x.unwrap_or_else(|| tag("ignore")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_with(x: &Constraint, set: &[&str]) -> bool {
        x.eval(&mut |t| set.contains(&t))
    }

    fn parse_ok(text: &str) -> Constraint {
        match parse_go_build_expr(text) {
            Ok(x) => x,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn precedence_and_parentheses() {
        let x = parse_ok("linux && (amd64 || arm64)");
        assert_eq!(x.to_string(), "linux && (amd64 || arm64)");
        assert!(eval_with(&x, &["linux", "arm64"]));
        assert!(!eval_with(&x, &["linux", "386"]));
        assert!(!eval_with(&x, &["darwin", "amd64"]));

        // && binds tighter than ||.
        let x = parse_ok("a || b && c");
        assert_eq!(x, or(tag("a"), and(tag("b"), tag("c"))));
        assert!(eval_with(&x, &["a"]));
        assert!(!eval_with(&x, &["b"]));

        let x = parse_ok("!cgo");
        assert!(eval_with(&x, &[]));
        assert!(!eval_with(&x, &["cgo"]));
        assert_eq!(parse_ok("!(a || b)").to_string(), "!(a || b)");
        // Go parenthesizes `&&` inside `||` too, for readability.
        assert_eq!(parse_ok("a && b || c").to_string(), "(a && b) || c");
        assert_eq!(
            parse_ok("\ta.b_c\t&&\t!go1.21 ").to_string(),
            "a.b_c && !go1.21"
        );
    }

    #[test]
    fn eval_observes_every_tag() {
        let x = parse_ok("a || b && !c");
        let mut seen = Vec::new();
        assert!(x.eval(&mut |t| {
            seen.push(t.to_owned());
            t == "a"
        }));
        assert_eq!(seen, ["a", "b", "c"]);
        assert_eq!(x.tags(), ["a", "b", "c"]);
    }

    #[test]
    fn syntax_errors_read_like_go() {
        let err = |text: &str| match parse_go_build_expr(text) {
            Ok(x) => panic!("{text}: parsed as {x}"),
            Err(e) => (e.offset, e.message),
        };
        assert_eq!(err(""), (0, "unexpected end of expression".into()));
        assert_eq!(err("linux &&"), (8, "unexpected end of expression".into()));
        assert_eq!(err("(linux"), (0, "missing close paren".into()));
        assert_eq!(err("(linux &&"), (9, "missing close paren".into()));
        assert_eq!(err("linux)"), (5, "unexpected token )".into()));
        assert_eq!(err("linux amd64"), (6, "unexpected token amd64".into()));
        assert_eq!(err("!!linux"), (1, "double negation not allowed".into()));
        assert_eq!(err("linux & amd64"), (6, "invalid syntax at &".into()));
        assert_eq!(err("linux || -x"), (9, "invalid syntax at -".into()));
        assert_eq!(err("a || ☃"), (5, "invalid syntax at ☃".into()));
        assert_eq!(err("linux,amd64"), (5, "invalid syntax at ,".into()));
    }

    #[test]
    fn size_limit_and_deep_nesting_do_not_overflow() {
        let deep = format!("{}x{}", "(".repeat(999), ")".repeat(999));
        assert!(eval_with(&parse_ok(&deep), &["x"]));
        let too_deep = format!("{}x{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(
            parse_go_build_expr(&too_deep).map_err(|e| e.message),
            Err("build expression too large".to_owned())
        );
        let long = vec!["t"; 1000].join(" || ");
        let x = parse_ok(&long);
        assert!(eval_with(&x, &["t"]));
        assert_eq!(x.to_string(), long);
        let too_long = vec!["t"; 1001].join(" && ");
        assert!(parse_go_build_expr(&too_long).is_err());
        // Unbalanced input of any length fails without recursion trouble.
        assert!(parse_go_build_expr(&"(".repeat(100_000)).is_err());
        assert!(parse_go_build_expr(&"!".repeat(100_000)).is_err());
    }

    #[test]
    fn line_prefixes() {
        assert_eq!(split_go_build("//go:build linux"), Some("linux"));
        assert_eq!(split_go_build("//go:build\tlinux \n"), Some("linux"));
        assert_eq!(split_go_build("//go:build"), Some(""));
        assert_eq!(split_go_build("//go:buildlinux"), None);
        assert_eq!(split_go_build("// go:build linux"), None);
        assert_eq!(split_go_build("//go:build a\n//go:build b"), None);
        assert_eq!(
            split_plus_build("// +build linux darwin"),
            Some("linux darwin")
        );
        assert_eq!(split_plus_build("//+build linux"), Some("linux"));
        assert_eq!(split_plus_build("//   +build"), Some(""));
        assert_eq!(split_plus_build("// +buildx"), None);
        assert_eq!(split_plus_build("/* +build x */"), None);
        assert!(parse_line("// hello").is_err());
        assert_eq!(
            parse_line("//go:build a && b").map(|x| x.to_string()),
            Ok("a && b".into())
        );
        assert_eq!(
            parse_line("// +build a,b c").map(|x| x.to_string()),
            Ok("(a && b) || c".into())
        );
    }

    #[test]
    fn plus_build_semantics() {
        let x = parse_plus_build_expr("linux,386 darwin,!cgo").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.to_string(), "(linux && 386) || (darwin && !cgo)");
        assert!(eval_with(&x, &["linux", "386"]));
        assert!(eval_with(&x, &["darwin"]));
        assert!(!eval_with(&x, &["darwin", "cgo"]));
        assert!(!eval_with(&x, &["linux", "amd64"]));
        // Malformed terms become `ignore`.
        let parsed = |t: &str| parse_plus_build_expr(t).map(|x| x.to_string());
        assert_eq!(parsed("!!linux"), Ok("ignore".into()));
        assert_eq!(parsed("!"), Ok("ignore".into()));
        assert_eq!(parsed("foo-bar"), Ok("ignore".into()));
        assert_eq!(parsed("!foo-bar"), Ok("!ignore".into()));
        assert_eq!(parsed(""), Ok("ignore".into()));
        assert_eq!(parsed("a,,b"), Ok("a && ignore && b".into()));
        let many = vec!["a"; 102].join(" ");
        assert!(parse_plus_build_expr(&many).is_err());
        let hundred_and_one = vec!["a"; 101].join(" ");
        assert!(parse_plus_build_expr(&hundred_and_one).is_ok());
    }
}
