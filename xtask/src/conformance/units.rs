//! The units of the suite and what they expect: discovery, the flags line, and the `ERROR` /
//! `ERRORx` annotations, found the way go/types' harness finds them (`commentMap` in
//! `go/types/commentMap_test.go`, `parseFlags` in `go/types/check_test.go`).

use std::path::{Path, PathBuf};

use serde::Serialize;
use syntax::LineIndex;

/// The folders of `$GOROOT/src/internal/types/testdata` that make up the suite, in report
/// order.
pub const FOLDERS: [&str; 4] = ["check", "spec", "examples", "fixedbugs"];

/// One package of the suite: a `.go` file, or a directory of them.
#[derive(Debug)]
pub struct Unit {
    /// The path relative to the testdata directory: `check/decls2`, `fixedbugs/issue6977.go`.
    pub name: String,
    pub folder: &'static str,
    /// In directory order (sorted by name), as go/types' harness reads them.
    pub files: Vec<UnitFile>,
    /// From the first line of the first file.
    pub flags: Flags,
    /// Whether any file declares a type parameter list or a method of a generic type.
    pub generic: bool,
}

#[derive(Debug)]
pub struct UnitFile {
    /// Relative to the testdata directory: `check/decls2/decls2a.go`.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub annotations: Vec<Annotation>,
}

/// The flags go/types' harness reads from the first line of a unit's first file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gotypesalias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goexperiment: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fake_import_c: bool,
    /// The flags line could not be parsed (go/types' harness would fail the test).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Flags {
    /// Flags our checker's `Config` cannot express; the unit is run without them.
    pub fn unsupported(&self) -> Vec<String> {
        let mut out = Vec::new();
        // Alias types are on by default (and in our checker, always).
        if let Some(v) = self.gotypesalias.as_ref().filter(|v| *v != "1") {
            out.push(format!("-gotypesalias={v}"));
        }
        if let Some(v) = &self.goexperiment {
            out.push(format!("-goexperiment={v}"));
        }
        if self.fake_import_c {
            out.push("-fakeImportC".into());
        }
        out
    }
}

/// An expected error: `/* ERROR "pattern" */` or `// ERRORx `regexp``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// 1-based line and byte column of the token just before the comment; 0:0 when the comment
    /// has no token before it.
    pub line: u32,
    pub col: u32,
    /// `ERRORx`: the pattern is a regular expression; otherwise a substring.
    pub regexp: bool,
    /// The pattern as written (quotes included).
    pub raw: String,
    /// The unquoted pattern; `None` when it is not a valid Go string literal.
    pub pattern: Option<String>,
}

impl Annotation {
    pub fn describe(&self) -> String {
        let kind = if self.regexp { "ERRORx" } else { "ERROR" };
        format!("{kind} {}", self.raw)
    }
}

/// Every unit under `testdata`, folder by folder, each folder in name order.
pub fn discover(testdata: &Path) -> Result<Vec<Unit>, String> {
    let mut units = Vec::new();
    for folder in FOLDERS {
        let dir = testdata.join(folder);
        for entry in sorted_entries(&dir)? {
            let name = format!("{folder}/{}", file_name(&entry));
            let paths = if entry.is_dir() {
                sorted_entries(&entry)?
                    .into_iter()
                    .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "go"))
                    .collect()
            } else if entry.extension().is_some_and(|e| e == "go") {
                vec![entry.clone()]
            } else {
                continue;
            };
            if paths.is_empty() {
                continue;
            }
            let mut files = Vec::new();
            for path in paths {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let file_name = if entry.is_dir() {
                    format!("{name}/{}", self::file_name(&path))
                } else {
                    name.clone()
                };
                files.push(UnitFile::new(
                    file_name,
                    path,
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            }
            units.push(Unit::new(name, folder, files));
        }
    }
    Ok(units)
}

impl Unit {
    pub fn new(name: String, folder: &'static str, files: Vec<UnitFile>) -> Unit {
        let flags = files
            .first()
            .map(|f| parse_flags(&f.text))
            .unwrap_or_default();
        let generic = files.iter().any(|f| uses_type_params(&f.text));
        Unit {
            name,
            folder,
            files,
            flags,
            generic,
        }
    }
}

impl UnitFile {
    pub fn new(name: String, path: PathBuf, text: String) -> UnitFile {
        let annotations = annotations(&text);
        UnitFile {
            name,
            path,
            text,
            annotations,
        }
    }
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    // os.ReadDir sorts by name, byte-wise.
    entries.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `parseFlags`: the first line, if it is a `//` comment whose first non-blank character is
/// `-`, is a command line for go's `flag` package.
pub fn parse_flags(src: &str) -> Flags {
    let mut flags = Flags::default();
    let Some(rest) = src.strip_prefix("//") else {
        return flags;
    };
    // bytes.Index over the whole rest of the file, as the harness does.
    match rest.find('-') {
        Some(i) if rest[..i].trim().is_empty() => {}
        _ => return flags,
    }
    let end = match rest.find('\n') {
        Some(end) if end <= 256 => end,
        _ => {
            flags.error = Some("flags comment line too long".into());
            return flags;
        }
    };
    let args: Vec<&str> = rest[..end].split_whitespace().collect();
    if let Err(e) = apply_flags(&args, &mut flags) {
        flags.error = Some(e);
    }
    flags
}

/// go's `flag.FlagSet.Parse` for the harness's four flags.
fn apply_flags(args: &[&str], flags: &mut Flags) -> Result<(), String> {
    let mut i = 0;
    while i < args.len() {
        let arg = args[i];
        i += 1;
        if arg.len() < 2 || !arg.starts_with('-') {
            break; // the first non-flag argument ends the flags
        }
        let mut name = &arg[1..];
        if let Some(n) = name.strip_prefix('-') {
            if n.is_empty() {
                break; // "--" terminates the flags
            }
            name = n;
        }
        if name.is_empty() || name.starts_with('-') || name.starts_with('=') {
            return Err(format!("bad flag syntax: {arg}"));
        }
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (name, None),
        };
        if name == "fakeImportC" {
            flags.fake_import_c = match value.as_deref() {
                None | Some("1" | "t" | "T" | "true" | "TRUE" | "True") => true,
                Some("0" | "f" | "F" | "false" | "FALSE" | "False") => false,
                Some(v) => return Err(format!("invalid boolean value {v:?} for -{name}")),
            };
            continue;
        }
        let slot = match name {
            "lang" => &mut flags.lang,
            "goexperiment" => &mut flags.goexperiment,
            "gotypesalias" => &mut flags.gotypesalias,
            _ => return Err(format!("flag provided but not defined: -{name}")),
        };
        let value = match value {
            Some(v) => v,
            None => {
                let Some(v) = args.get(i) else {
                    return Err(format!("flag needs an argument: -{name}"));
                };
                i += 1;
                v.to_string()
            }
        };
        // A flag set to "" is the same as not set.
        *slot = Some(value).filter(|v| !v.is_empty());
    }
    Ok(())
}

/// Whether the file declares a type parameter list (on a function or a type, at any depth) or
/// a method whose receiver has type arguments: a syntactic test on our AST.
pub fn uses_type_params(text: &str) -> bool {
    use syntax::ast::{Decl, Expr, Spec};
    let file = hir::SourceFile::parse("unit.go", text);
    let ast = &file.ast;
    ast.decl_data.iter().any(|decl| match decl {
        Decl::Func(f) => {
            if !f.type_params.is_empty() {
                return true;
            }
            let Some(recv) = &f.recv else { return false };
            let mut ty = recv.ty;
            loop {
                match ast.expr(ty) {
                    Expr::Star(x) | Expr::Paren(x) => ty = *x,
                    Expr::Index { .. } => return true,
                    _ => return false,
                }
            }
        }
        Decl::Gen(g) => g
            .specs
            .iter()
            .any(|s| matches!(s, Spec::Type { type_params, .. } if !type_params.is_empty())),
    })
}

/// A comment, with the position of the token before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text without `//`, or without `/*` and `*/`.
    pub text: String,
    /// Byte offset of the last token before the comment other than an automatically inserted
    /// semicolon; `None` at the start of the file.
    pub prev: Option<usize>,
}

/// The annotations of a file, in source order.
pub fn annotations(text: &str) -> Vec<Annotation> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for comment in comments(text) {
        let (regexp, rest) = if let Some(rest) = comment.text.strip_prefix(" ERROR ") {
            (false, rest)
        } else if let Some(rest) = comment.text.strip_prefix(" ERRORx ") {
            (true, rest)
        } else {
            continue;
        };
        let raw = rest.trim().to_string();
        let pattern = syntax::unquote(&raw);
        let (line, col) = match comment.prev {
            Some(offset) => {
                let lc = index.line_col(offset as u32);
                (lc.line + 1, lc.col + 1)
            }
            None => (0, 0),
        };
        out.push(Annotation {
            line,
            col,
            regexp,
            raw,
            pattern,
        });
    }
    out
}

/// Every comment of `src`, scanned as go/scanner scans: the position recorded for a comment
/// is that of the last token before it. Semicolons inserted at newlines have no text, so
/// skipping what is not a token leaves them out, as the harness does; a `;` written out counts.
pub fn comments(src: &str) -> Vec<Comment> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut prev = None;
    let mut i = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = src[i..].find('\n').map_or(src.len(), |n| i + n);
                out.push(Comment {
                    text: src[i + 2..end].replace('\r', ""),
                    prev,
                });
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let (text_end, end) = match src[i + 2..].find("*/") {
                    Some(n) => (i + 2 + n, i + 2 + n + 2),
                    None => (src.len(), src.len()),
                };
                out.push(Comment {
                    text: src[i + 2..text_end].replace('\r', ""),
                    prev,
                });
                i = end;
            }
            _ => {
                prev = Some(i);
                i = token_end(src, i);
            }
        }
    }
    out
}

const OPERATORS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "~", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":",
];

/// The end of the token that starts at `start` (not a comment, not white space).
fn token_end(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let first = bytes[start];
    let ch = src[start..].chars().next().unwrap_or('\0');
    if ch == '_' || ch.is_alphabetic() {
        return src[start..]
            .char_indices()
            .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
            .map_or(src.len(), |(n, _)| start + n);
    }
    if first.is_ascii_digit()
        || (first == b'.' && bytes.get(start + 1).is_some_and(u8::is_ascii_digit))
    {
        let hex = first == b'0' && matches!(bytes.get(start + 1), Some(b'x' | b'X'));
        let mut end = start + 1;
        while let Some(&b) = bytes.get(end) {
            let exponent = if hex {
                matches!(bytes[end - 1], b'p' | b'P')
            } else {
                matches!(bytes[end - 1], b'e' | b'E' | b'p' | b'P')
            };
            if b.is_ascii_alphanumeric()
                || b == b'_'
                || b == b'.'
                || (matches!(b, b'+' | b'-') && exponent)
            {
                end += 1;
            } else {
                break;
            }
        }
        return end;
    }
    match first {
        b'"' | b'\'' => {
            let mut i = start + 1;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'\\' => i += 2,
                    b'\n' => return i,
                    _ if b == first => return i + 1,
                    _ => i += 1,
                }
            }
            return bytes.len();
        }
        b'`' => {
            return src[start + 1..]
                .find('`')
                .map_or(src.len(), |n| start + 1 + n + 1);
        }
        _ => {}
    }
    for op in OPERATORS {
        if bytes[start..].starts_with(op.as_bytes()) {
            return start + op.len();
        }
    }
    start + ch.len_utf8().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// go/types' own TestCommentMap, ported: each pattern names the position it must get.
    #[test]
    fn comment_positions_as_go_types_records_them() {
        let src = "/* ERROR \"0:0\" */ /* ERROR \"0:0\" */ // ERROR \"0:0\"
// ERROR \"0:0\"
x /* ERROR \"3:1\" */                // ignore automatically inserted semicolon here
/* ERROR \"3:1\" */                  // position of x on previous line
   x /* ERROR \"5:4\" */ ;           // do not ignore this semicolon
/* ERROR \"5:24\" */                 // position of ; on previous line
\tpackage /* ERROR \"7:2\" */  // indented with tab
        import  /* ERROR \"8:9\" */  // indented with blanks
";
        let found = annotations(src);
        assert_eq!(found.len(), src.matches(" ERROR ").count());
        for a in found {
            assert_eq!(a.pattern, Some(format!("{}:{}", a.line, a.col)), "{a:?}");
        }
    }

    #[test]
    fn annotation_forms() {
        let src = "package p\nvar _ = x /* ERRORx `a.*b` */ /* ERROR \"c\" */ <<= 2 // ERROR \"d\\\"\"\n\
                   var _ = 1 /*ERROR \"not one\" */ // DISABLED_ERROR \"no\"\n";
        let found = annotations(src);
        let seen: Vec<_> = found
            .iter()
            .map(|a| {
                (
                    a.line,
                    a.col,
                    a.regexp,
                    a.pattern.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (2, 9, true, "a.*b".to_string()),
                (2, 9, false, "c".to_string()),
                (2, 51, false, "d\"".to_string()),
            ]
        );
        let bad = annotations("x /* ERROR undefined */");
        assert_eq!(bad[0].pattern, None);
        assert_eq!(bad[0].raw, "undefined");
    }

    #[test]
    fn tokens_that_contain_comment_markers() {
        let src =
            "s := \"/* ERROR \\\"no\\\" */\" + `// ERROR \"no\"` + 0x1e+2 /* ERROR \"yes\" */";
        let found = annotations(src);
        assert_eq!(found.len(), 1);
        // `0x1e+2` is `0x1e`, `+`, `2`.
        assert_eq!(found[0].col, src.find("2 /*").unwrap() as u32 + 1);
    }

    #[test]
    fn flags_line() {
        assert_eq!(
            parse_flags("// -lang=go1.17\n\npackage p\n")
                .lang
                .as_deref(),
            Some("go1.17")
        );
        let f = parse_flags("//-lang go1.23 --gotypesalias=0\npackage p\n");
        assert_eq!(f.lang.as_deref(), Some("go1.23"));
        assert_eq!(f.gotypesalias.as_deref(), Some("0"));
        assert!(parse_flags("// -fakeImportC\n").fake_import_c);
        assert_eq!(parse_flags("// Copyright - 2024\n"), Flags::default());
        assert_eq!(parse_flags("package p // -lang=go1.2\n"), Flags::default());
        assert!(parse_flags("// -nosuchflag\n").error.is_some());
        assert!(parse_flags("// -lang=go1.2").error.is_some());
    }

    #[test]
    fn type_parameter_use() {
        assert!(uses_type_params("package p\nfunc f[T any]() {}\n"));
        assert!(uses_type_params("package p\ntype T[P any] struct{}\n"));
        assert!(uses_type_params("package p\nfunc (*T[P]) m() {}\n"));
        assert!(uses_type_params(
            "package p\nfunc f() { type L[P any] int }\n"
        ));
        assert!(!uses_type_params(
            "package p\nvar a [3]int\nfunc (t *T) m() { _ = a[1] }\n"
        ));
    }
}
