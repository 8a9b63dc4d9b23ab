//! Reading a Go file's header the way go/build does (`read.go`, `parseFileHeader`): the build
//! constraint lines of the leading comment block, the package clause, the imports, and the
//! `//go:embed` patterns, without parsing the rest of the file.
//!
//! Only the header is read (up to the first byte after the import declarations, see
//! [`super::import_reader`]), except that a file importing "embed" is scanned to its end for
//! `//go:embed` comments, as go/build does. Broken input never panics: what go/build would
//! report as an error is recorded in [`FileHeader::errors`] with go/build's consequence, and
//! everything readable is still returned.

use super::constraint::{self, Constraint, ConstraintError};
use super::context::BuildContext;
use super::embed::{EmbedPattern, parse_go_embed};
use super::import_reader::header_extent;
use super::literal::unquote;
use super::scanner::{Scanner, Token, TokenKind};
use super::text::{is_space, lossy, trim_space, trim_start_space};

/// What go/build learns from a file's header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileHeader {
    /// The package clause, when go/parser accepts it: `None` if it is missing or malformed, or
    /// if any syntax error comes before its end (go/parser then gives up on the file, and
    /// go/build sees the package name as "").
    pub package: Option<PackageClause>,
    /// The imports, in source order (up to the first syntax error, if any).
    pub imports: Vec<Import>,
    /// The `//go:build` line, if the leading comments have one. It decides alone: `+build`
    /// lines are then ignored.
    pub go_build: Option<BuildLine>,
    /// The `// +build` lines that count: those in the leading run of `//` comments and blank
    /// lines that ends with a blank line (so a package doc comment never holds one).
    pub plus_build: Vec<BuildLine>,
    /// `//go:embed` patterns, when the file imports "embed" (go/build looks for them only then).
    pub embeds: Vec<EmbedPattern>,
    /// The leading comments have a `//go:binary-only-package` line (obsolete since Go 1.13;
    /// recorded, not acted upon).
    pub binary_only: bool,
    /// End of the header: the byte after the import declarations (or the end of the file when
    /// go/build's reader stopped on something unexpected).
    pub end: usize,
    /// What go list would report: a NUL first, then build constraint errors, then syntax
    /// errors by position; the first is the one go list shows.
    pub errors: Vec<HeaderError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageClause {
    pub name: String,
    /// Byte offset of the name.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The import path, unquoted.
    pub path: String,
    /// `_`, `.` or an identifier, when given.
    pub name: Option<String>,
    /// Byte offset of the path literal (its opening quote).
    pub offset: usize,
}

/// A build constraint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildLine {
    /// Byte offset of the line's `//`.
    pub offset: usize,
    /// The line, trimmed.
    pub text: String,
    pub constraint: Result<Constraint, ConstraintError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    pub kind: HeaderErrorKind,
    /// Byte offset in the file.
    pub offset: usize,
    /// go/build's or go/parser's wording.
    pub message: String,
}

/// The kinds of header errors, by what go list does with the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderErrorKind {
    /// A NUL byte where go/build reads: it cannot read the file ("unexpected NUL in input"), and
    /// go list puts it only in InvalidGoFiles.
    Nul,
    /// A second `//go:build` line: go list puts the file only in InvalidGoFiles.
    MultipleGoBuild,
    /// A `//go:build` line that does not parse: go list fails the whole package with this
    /// error (see [`crate::build::FileClass::fails_package`]).
    MalformedGoBuild,
    /// go/parser's error in the package clause or the imports (invalid UTF-8 included): go list
    /// lists the file as usual and in InvalidGoFiles too, and ignores its imports (so an
    /// `import "C"` after the error does not make it a cgo file).
    Syntax,
    /// An import path the go command rejects (empty, spaces, control or reserved characters):
    /// treated like [`HeaderErrorKind::Syntax`].
    InvalidImportPath,
}

impl FileHeader {
    /// The package name as go/build sees it: "" when go/parser rejected the package clause.
    pub fn package_name(&self) -> &str {
        self.package.as_ref().map_or("", |p| p.name.as_str())
    }

    /// The first error of `kind`.
    pub fn error(&self, kind: HeaderErrorKind) -> Option<&HeaderError> {
        self.errors.iter().find(|e| e.kind == kind)
    }

    /// Whether go/parser rejected the header (go/build then ignores the imports).
    pub fn has_syntax_error(&self) -> bool {
        self.errors.iter().any(|e| {
            matches!(
                e.kind,
                HeaderErrorKind::Syntax | HeaderErrorKind::InvalidImportPath
            )
        })
    }

    /// The imports go/build uses: none after a syntax error.
    pub fn build_imports(&self) -> &[Import] {
        if self.has_syntax_error() {
            &[]
        } else {
            &self.imports
        }
    }

    /// Whether go/build sees `import "C"`: the file uses cgo.
    pub fn imports_c(&self) -> bool {
        self.build_imports().iter().any(|i| i.path == "C")
    }

    /// Whether the build constraint lines allow the file in `ctx` (go/build's `shouldBuild`):
    /// the `//go:build` line if there is one, else every `+build` line (lines that do not parse
    /// are skipped, as in go/build). A malformed `//go:build` line allows nothing; it is also a
    /// [`HeaderErrorKind::MalformedGoBuild`] error.
    pub fn should_build(&self, ctx: &BuildContext) -> bool {
        self.eval_constraints(&mut |tag| ctx.matches_tag(tag))
    }

    /// Like [`FileHeader::should_build`], with `ok` deciding each tag. Every `+build` line is
    /// evaluated, even after one failed, so that `ok` sees every tag (go/build records them).
    pub fn eval_constraints(&self, ok: &mut dyn FnMut(&str) -> bool) -> bool {
        if let Some(line) = &self.go_build {
            return line.constraint.as_ref().is_ok_and(|x| x.eval(ok));
        }
        let mut all = true;
        for x in self
            .plus_build
            .iter()
            .filter_map(|line| line.constraint.as_ref().ok())
        {
            all &= x.eval(ok);
        }
        all
    }
}

/// Reads the header of the Go file `src`.
pub fn read_header(src: &[u8]) -> FileHeader {
    let extent = header_extent(src);
    let mut header = FileHeader {
        end: extent.end,
        ..FileHeader::default()
    };
    if let Some(at) = extent.nul {
        header.errors.push(HeaderError {
            kind: HeaderErrorKind::Nul,
            offset: at,
            message: "unexpected NUL in input".to_owned(),
        });
    }
    read_constraint_lines(src, extent.start, extent.end, &mut header);
    parse_package_and_imports(&src[..extent.end], &mut header);
    if !header.has_syntax_error() {
        check_import_paths(&mut header);
    }
    let reads_embeds = extent.nul.is_none() && !header.has_syntax_error();
    if reads_embeds && header.imports.iter().any(|i| i.path == "embed") {
        header.embeds = find_embeds(src);
    }
    // The error go list reports first: it cannot read the file, then it rejects the build
    // constraints, then go/parser's errors by position (its error list is sorted).
    header.errors.sort_by_key(|e| {
        let rank = match e.kind {
            HeaderErrorKind::Nul => 0,
            HeaderErrorKind::MultipleGoBuild => 1,
            HeaderErrorKind::MalformedGoBuild => 2,
            HeaderErrorKind::Syntax | HeaderErrorKind::InvalidImportPath => 3,
        };
        (rank, e.offset)
    });
    header
}

/// Finds the constraint lines as go/build's `parseFileHeader` and `shouldBuild` do, on the
/// header `src[start..end]`. This is line-based, not token-based, on purpose: Go defines the
/// rules by lines (a `//go:build` line is one that starts with `//go:build` once trimmed,
/// outside any `/* */` comment, before the first line with other text).
fn read_constraint_lines(src: &[u8], start: usize, end: usize, header: &mut FileHeader) {
    let content = &src[start..end];
    // End of the leading run of `//` comments and blank lines, at its last blank line.
    let mut block_end = 0;
    let mut ended = false;
    let mut in_slash_star = false;
    let mut at = 0;
    while at < content.len() {
        let line_start = at;
        let line_end = content[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(content.len(), |i| at + i);
        at = (line_end + 1).min(content.len());
        let raw = &content[line_start..line_end];
        let mut line = trim_space(raw);
        let offset = start + line_start + (raw.len() - trim_start_space(raw).len());
        if line.is_empty() && !ended {
            block_end = at;
            continue;
        }
        if !line.starts_with(b"//") {
            ended = true;
        }
        if !in_slash_star && is_go_build_comment(line) {
            let text = lossy(line);
            if header.go_build.is_some() {
                header.errors.push(HeaderError {
                    kind: HeaderErrorKind::MultipleGoBuild,
                    offset,
                    message: "multiple //go:build comments".to_owned(),
                });
                // go/build stops reading the header here.
                return;
            }
            let constraint = constraint::parse_line(&text);
            if let Err(e) = &constraint {
                // Point at the error inside the expression (offsets in `text`, which is the
                // line as trimmed, and lossless up to any invalid byte).
                let after_prefix = &text["//go:build".len()..];
                let expr_start =
                    "//go:build".len() + (after_prefix.len() - after_prefix.trim_start().len());
                header.errors.push(HeaderError {
                    kind: HeaderErrorKind::MalformedGoBuild,
                    offset: offset + (expr_start + e.offset).min(line.len()),
                    message: format!("parsing //go:build line: {}", e.message),
                });
            }
            header.go_build = Some(BuildLine {
                offset,
                text,
                constraint,
            });
        }
        if !in_slash_star && line == b"//go:binary-only-package" {
            header.binary_only = true;
        }
        // Follow `/* */` comments across lines; stop at the first text outside comments.
        loop {
            if line.is_empty() {
                break;
            }
            if in_slash_star {
                match find(line, b"*/") {
                    Some(i) => {
                        in_slash_star = false;
                        line = trim_space(&line[i + 2..]);
                        continue;
                    }
                    None => break,
                }
            }
            if line.starts_with(b"//") {
                break;
            }
            if line.starts_with(b"/*") {
                in_slash_star = true;
                line = trim_space(&line[2..]);
                continue;
            }
            // Text that is not a comment: the package clause, or anything else.
            at = content.len();
            break;
        }
    }
    // The `+build` lines of the block (go/build reads them whatever the `//go:build` line
    // says; they only count when there is no `//go:build` line).
    let mut at = 0;
    while at < block_end {
        let line_start = at;
        let line_end = content[at..block_end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(block_end, |i| at + i);
        at = line_end + 1;
        let raw = &content[line_start..line_end];
        let line = trim_space(raw);
        if !line.starts_with(b"//") || find(line, b"+build").is_none() {
            continue;
        }
        let text = lossy(line);
        if !constraint::is_plus_build(&text) {
            continue;
        }
        let offset = start + line_start + (raw.len() - trim_start_space(raw).len());
        let constraint = constraint::parse_line(&text);
        header.plus_build.push(BuildLine {
            offset,
            text,
            constraint,
        });
    }
}

/// go/build's `isGoBuildComment`, on a trimmed line.
fn is_go_build_comment(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"//go:build") else {
        return false;
    };
    rest.is_empty() || trim_space(rest).len() < rest.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A tiny go/parser for `package name` and the import declarations (go/parser's ImportsOnly
/// mode), reporting the first syntax error as go/parser words it.
struct Parser<'a> {
    src: &'a [u8],
    scanner: Scanner<'a>,
    tok: Token,
}

/// The parser met a syntax error (recorded in the header): stop.
struct Stop;

impl<'a> Parser<'a> {
    fn next(&mut self) {
        loop {
            self.tok = self.scanner.scan();
            if self.tok.kind != TokenKind::Comment {
                break;
            }
        }
    }

    fn text(&self) -> &'a [u8] {
        self.tok.text(self.src)
    }

    fn is_keyword(&self, keyword: &str) -> bool {
        self.tok.kind == TokenKind::Keyword && self.text() == keyword.as_bytes()
    }

    /// go/parser's `errorExpected` message.
    fn expected(&self, what: &str) -> (usize, String) {
        let found = match self.tok.kind {
            TokenKind::Semicolon { automatic: true } => "newline".to_owned(),
            TokenKind::Eof => "'EOF'".to_owned(),
            TokenKind::Illegal => "'ILLEGAL'".to_owned(),
            _ if self.tok.is_literal() => lossy(self.text()),
            _ => format!("'{}'", lossy(self.text())),
        };
        (self.tok.start, format!("expected {what}, found {found}"))
    }

    fn fail(&self, header: &mut FileHeader, (offset, message): (usize, String)) -> Stop {
        header.errors.push(HeaderError {
            kind: HeaderErrorKind::Syntax,
            offset,
            message,
        });
        Stop
    }

    /// go/parser's `expectSemi`: a `;` (or an inserted one), or nothing before `)` / `}`.
    fn expect_semi(&mut self, header: &mut FileHeader) -> Result<(), Stop> {
        match self.tok.kind {
            TokenKind::Semicolon { .. } => {
                self.next();
                Ok(())
            }
            TokenKind::Op if matches!(self.text(), b")" | b"}") => Ok(()),
            _ => Err(self.fail(header, self.expected("';'"))),
        }
    }

    fn scanner_errors(&mut self, header: &mut FileHeader) -> bool {
        let errors = std::mem::take(&mut self.scanner.errors);
        let any = !errors.is_empty();
        for e in errors {
            header.errors.push(HeaderError {
                kind: HeaderErrorKind::Syntax,
                offset: e.offset,
                message: e.message,
            });
        }
        any
    }

    fn package_clause(&mut self, header: &mut FileHeader) -> Result<(), Stop> {
        self.next();
        if !self.is_keyword("package") {
            return Err(self.fail(header, self.expected("'package'")));
        }
        self.next();
        if self.tok.kind != TokenKind::Ident {
            return Err(self.fail(header, self.expected("'IDENT'")));
        }
        let clause = PackageClause {
            name: lossy(self.text()),
            offset: self.tok.start,
        };
        self.next();
        self.expect_semi(header)?;
        // go/parser drops the whole file when anything went wrong so far, scanner errors in
        // the comments before the package clause included.
        if self.scanner_errors(header) {
            return Err(Stop);
        }
        header.package = Some(clause);
        Ok(())
    }

    fn import_decl(&mut self, header: &mut FileHeader) -> Result<(), Stop> {
        self.next();
        if self.tok.kind == TokenKind::Op && self.text() == b"(" {
            self.next();
            while !(self.tok.kind == TokenKind::Op && self.text() == b")")
                && self.tok.kind != TokenKind::Eof
            {
                self.import_spec(header)?;
            }
            if !(self.tok.kind == TokenKind::Op && self.text() == b")") {
                return Err(self.fail(header, self.expected("')'")));
            }
            self.next();
            self.expect_semi(header)
        } else {
            self.import_spec(header)
        }
    }

    fn import_spec(&mut self, header: &mut FileHeader) -> Result<(), Stop> {
        let name = match self.tok.kind {
            TokenKind::Ident => Some(lossy(self.text())),
            TokenKind::Op if self.text() == b"." => Some(".".to_owned()),
            _ => None,
        };
        if name.is_some() {
            self.next();
        }
        match self.tok.kind {
            TokenKind::String => {
                let lit = self.text();
                let path = match unquote(lit) {
                    Some(value) => String::from_utf8_lossy(&value).into_owned(),
                    // A malformed literal: the scanner has reported why.
                    None => lossy(lit.get(1..lit.len().saturating_sub(1)).unwrap_or(b"")),
                };
                header.imports.push(Import {
                    path,
                    name,
                    offset: self.tok.start,
                });
                self.next();
            }
            _ if self.tok.is_literal() => {
                let at = self.tok.start;
                return Err(self.fail(header, (at, "import path must be a string".to_owned())));
            }
            _ => {
                let at = self.tok.start;
                return Err(self.fail(header, (at, "missing import path".to_owned())));
            }
        }
        self.expect_semi(header)
    }
}

fn parse_package_and_imports(src: &[u8], header: &mut FileHeader) {
    let mut p = Parser {
        src,
        scanner: Scanner::new(src),
        tok: Token {
            kind: TokenKind::Eof,
            start: 0,
            end: 0,
        },
    };
    if p.package_clause(header).is_err() {
        p.scanner_errors(header);
        return;
    }
    while p.is_keyword("import") {
        if p.import_decl(header).is_err() {
            break;
        }
    }
    p.scanner_errors(header);
}

/// go/build's `isValidImport` check, made after a clean parse: the first invalid path is an
/// error.
fn check_import_paths(header: &mut FileHeader) {
    if let Some(bad) = header
        .imports
        .iter()
        .find(|i| !is_valid_import_path(&i.path))
    {
        header.errors.push(HeaderError {
            kind: HeaderErrorKind::InvalidImportPath,
            offset: bad.offset,
            message: format!("invalid import path: {}", bad.path),
        });
    }
}

/// Whether the go command accepts `path` as an import path (the implementation restriction of
/// the spec's import declarations): not empty, and only graphic, non-space characters outside
/// ``!"#$%&'()*,:;<=>?[\]^{|}` `` and U+FFFD.
pub fn is_valid_import_path(path: &str) -> bool {
    const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{fffd}";
    !path.is_empty()
        && path
            .chars()
            .all(|c| is_graphic(c) && !is_space(c) && !ILLEGAL.contains(c))
}

/// Go's `unicode.IsGraphic`, without Unicode tables: control characters, format characters,
/// private-use characters and noncharacters are not graphic. (Unassigned code points, which Go
/// also rejects, are accepted: telling them apart needs the tables.)
fn is_graphic(c: char) -> bool {
    let u = c as u32;
    let format = matches!(u,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2 | 0x180e
        | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff
        | 0xfff9..=0xfffb | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f);
    let private = matches!(u, 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd);
    let nonchar = matches!(u, 0xfdd0..=0xfdef) || (u & 0xfffe) == 0xfffe;
    !c.is_control() && !format && !private && !nonchar
}

/// The patterns of every well-formed `//go:embed` comment in the file (go/build scans the
/// whole file once it knows it imports "embed"; misplaced directives are the compiler's
/// business).
fn find_embeds(src: &[u8]) -> Vec<EmbedPattern> {
    let mut scanner = Scanner::new(src);
    let mut out = Vec::new();
    loop {
        let tok = scanner.scan();
        // Only the errors' presence matters to the parser; here they are noise.
        scanner.errors.clear();
        match tok.kind {
            TokenKind::Eof => break,
            TokenKind::Comment => {
                let text = tok.text(src);
                if !text.starts_with(b"//go:embed") {
                    continue;
                }
                // go/scanner drops the `\r` of a CRLF line ending from a comment.
                let text = text.strip_suffix(b"\r").unwrap_or(text);
                if let Some(patterns) = parse_go_embed(text, tok.start) {
                    out.extend(patterns);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> FileHeader {
        read_header(src.as_bytes())
    }

    fn paths(h: &FileHeader) -> Vec<(&str, Option<&str>)> {
        h.imports
            .iter()
            .map(|i| (i.path.as_str(), i.name.as_deref()))
            .collect()
    }

    fn errors(h: &FileHeader) -> Vec<(HeaderErrorKind, usize, &str)> {
        h.errors
            .iter()
            .map(|e| (e.kind, e.offset, e.message.as_str()))
            .collect()
    }

    fn ctx(goos: &str) -> BuildContext {
        BuildContext::new(goos, "amd64", true, 26, vec![])
    }

    #[test]
    fn package_and_imports_of_every_form() {
        let src = "// Copyright\n\n// Package p does things.\npackage p // trailing\n\nimport \"fmt\"\nimport (\n\t// a comment between imports\n\tstr \"strings\" /* and one after */\n\n\t. `math` ; _ \"embed\"\n\t\"a/\\u00e9\"\n)\n\nfunc f() {}\n";
        let h = read(src);
        assert!(h.errors.is_empty(), "{:?}", h.errors);
        let package = h.package.as_ref().map(|p| (p.name.as_str(), p.offset));
        assert_eq!(package, Some(("p", src.find("p //").unwrap_or(0))));
        assert_eq!(
            paths(&h),
            [
                ("fmt", None),
                ("strings", Some("str")),
                ("math", Some(".")),
                ("embed", Some("_")),
                ("a/é", None),
            ]
        );
        assert_eq!(h.imports[0].offset, src.find("\"fmt\"").unwrap_or(0));
        assert_eq!(h.imports[2].offset, src.find("`math`").unwrap_or(0));
        assert_eq!(
            &src[h.end..],
            "func f() {}\n",
            "the header ends after the imports"
        );
    }

    #[test]
    fn cgo_preamble_before_import_c() {
        let src = "package p\n\n/*\n#include <stdio.h>\n// a \"quoted\" C comment\nstatic int x = '\\'';\n*/\nimport \"C\"\n\nimport \"unsafe\"\n";
        let h = read(src);
        assert!(h.errors.is_empty(), "{:?}", h.errors);
        assert_eq!(paths(&h), [("C", None), ("unsafe", None)]);
        assert!(h.imports_c());
    }

    #[test]
    fn go_build_line_anywhere_in_the_leading_comments() {
        // Not followed by a blank line, after a doc-like comment group: still the constraint.
        let h = read(
            "// Copyright 2024.\n\n//go:build linux && (amd64 || arm64)\n// Package p.\npackage p\n",
        );
        let line = h.go_build.as_ref().map(|l| (l.offset, l.text.as_str()));
        assert_eq!(line, Some((20, "//go:build linux && (amd64 || arm64)")));
        assert!(h.should_build(&ctx("linux")));
        assert!(!h.should_build(&ctx("darwin")));
        // After a /* */ comment, too.
        let h = read("/* license\n   text */\n//go:build windows\n\npackage p\n");
        assert!(h.go_build.is_some());
        assert!(!h.should_build(&ctx("linux")));
        // Not after the package clause, and not inside a /* */ comment.
        let h = read("package p\n\n//go:build ignore\n");
        assert!(h.go_build.is_none() && h.should_build(&ctx("linux")));
        let h = read("/*\n//go:build ignore\n*/\n\npackage p\n");
        assert!(h.go_build.is_none() && h.should_build(&ctx("linux")));
        // `//go:buildx` is not a build line.
        let h = read("//go:buildx ignore\n\npackage p\n");
        assert!(h.go_build.is_none());
    }

    #[test]
    fn plus_build_lines() {
        // Lines are ANDed; options in a line are ORed; commas AND.
        let src = "// +build linux darwin\n// +build amd64,!cgo arm64\n\npackage p\n";
        let h = read(src);
        assert_eq!(h.plus_build.len(), 2);
        let on = |goos: &str, goarch: &str, cgo: bool| {
            h.should_build(&BuildContext::new(goos, goarch, cgo, 26, vec![]))
        };
        assert!(on("linux", "amd64", false));
        assert!(on("darwin", "arm64", true));
        assert!(!on("linux", "amd64", true));
        assert!(!on("windows", "arm64", false));
        // Without a blank line before the package clause they are a doc comment: ignored.
        let h = read("// +build ignore\npackage p\n");
        assert!(h.plus_build.is_empty() && h.should_build(&ctx("linux")));
        // A blank line after them, then a doc comment: they count.
        let h = read("// +build ignore\n\n// Doc.\npackage p\n");
        assert_eq!(h.plus_build.len(), 1);
        assert!(!h.should_build(&ctx("linux")));
        // A //go:build line decides alone.
        let h = read("//go:build linux\n// +build windows\n\npackage p\n");
        assert_eq!(h.plus_build.len(), 1);
        assert!(h.should_build(&ctx("linux")));
        // Nothing after a /* */ comment counts as +build (the run of // comments ended).
        let h = read("/* x */\n// +build ignore\n\npackage p\n");
        assert!(h.plus_build.is_empty());
    }

    #[test]
    fn malformed_build_lines() {
        let h = read("//go:build linux\n//go:build windows\n\npackage p\n");
        assert_eq!(
            errors(&h),
            [(
                HeaderErrorKind::MultipleGoBuild,
                17,
                "multiple //go:build comments"
            )]
        );
        let h = read("//go:build linux &&\n\npackage p\n");
        assert_eq!(
            errors(&h),
            [(
                HeaderErrorKind::MalformedGoBuild,
                19,
                "parsing //go:build line: unexpected end of expression"
            )]
        );
        assert!(!h.should_build(&ctx("linux")));
        // A +build line that does not parse is skipped, not an error.
        let many = vec!["a"; 200].join(" ");
        let h = read(&format!("// +build {many}\n\npackage p\n"));
        assert!(h.errors.is_empty() && h.should_build(&ctx("linux")));
    }

    #[test]
    fn embed_patterns() {
        let src = "package p\n\nimport _ \"embed\"\n\n//go:embed a.txt \"b c.txt\" `d`\n//go:embed   images/*.png\nvar x string\n\nvar s = \"//go:embed not-a-comment\"\n//go:embed \"bad\n/*go:embed no*/\n";
        let h = read(src);
        let got: Vec<_> = h
            .embeds
            .iter()
            .map(|e| (e.pattern.as_str(), e.offset))
            .collect();
        let at = |s: &str| src.find(s).unwrap_or(0);
        assert_eq!(
            got,
            [
                ("a.txt", at("a.txt")),
                ("b c.txt", at("\"b c")),
                ("d", at("`d`")),
                ("images/*.png", at("images")),
            ]
        );
        // Without `import "embed"` go/build does not look.
        let h = read("package p\n\n//go:embed a.txt\nvar x string\n");
        assert!(h.embeds.is_empty());
        // CRLF line endings.
        let h =
            read("package p\r\n\r\nimport \"embed\"\r\n\r\n//go:embed x.txt\r\nvar f embed.FS\r\n");
        assert_eq!(
            h.embeds
                .iter()
                .map(|e| e.pattern.as_str())
                .collect::<Vec<_>>(),
            ["x.txt"]
        );
    }

    #[test]
    fn binary_only_package() {
        assert!(read("//go:binary-only-package\n\npackage p\n").binary_only);
        assert!(!read("package p\n//go:binary-only-package\n").binary_only);
    }

    #[test]
    fn truncated_and_missing_package_clauses() {
        let h = read("pack");
        assert!(h.package.is_none());
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 0, "expected 'package', found pack")]
        );
        let h = read("package");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 7, "expected 'IDENT', found 'EOF'")]
        );
        let h = read("");
        assert_eq!(
            errors(&h),
            [(
                HeaderErrorKind::Syntax,
                0,
                "expected 'package', found 'EOF'"
            )]
        );
        let h = read("// only a comment\n");
        assert!(h.package.is_none() && h.has_syntax_error());
        let h = read("package p\nimport (\n\t\"fmt\"\n");
        assert_eq!(h.package_name(), "p");
        assert_eq!(paths(&h), [("fmt", None)]);
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 26, "expected ')', found 'EOF'")]
        );
        // A header error hides the imports from go/build.
        assert!(h.build_imports().is_empty());
    }

    #[test]
    fn malformed_imports() {
        let h = read("package p\nimport \"fmt");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 17, "string literal not terminated")]
        );
        let h = read("package p\nimport fmt\n");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 20, "missing import path")]
        );
        let h = read("package p\nimport 42\n");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 17, "import path must be a string")]
        );
        let h = read("package p import \"x\"\n");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 10, "expected ';', found 'import'")]
        );
        let h = read("package p\nimport \"a b\"\n");
        assert_eq!(
            errors(&h),
            [(
                HeaderErrorKind::InvalidImportPath,
                17,
                "invalid import path: a b"
            )]
        );
        assert!(h.build_imports().is_empty());
        // go/build's reader stops before `func`: what follows is never parsed.
        let h = read("package p; import \"x\" func main() { @ }");
        assert!(h.errors.is_empty(), "{:?}", h.errors);
    }

    #[test]
    fn bytes_that_are_not_utf8() {
        // In the header: a syntax error (go list: InvalidGoFiles), and go/parser gives up on
        // the package clause when it comes first.
        let h = read_header(b"// caf\xe9\npackage p\n");
        assert_eq!(
            errors(&h),
            [(HeaderErrorKind::Syntax, 6, "illegal UTF-8 encoding")]
        );
        assert!(h.package.is_none());
        let h = read_header(b"package p\n\nimport \"a\" // \xff\n");
        assert_eq!(h.package_name(), "p");
        assert!(h.has_syntax_error());
        // After the header: not go/build's concern.
        let h = read_header(b"package p\n\nfunc f() { _ = \"\xff\" }\n");
        assert!(h.errors.is_empty());
        // A UTF-8 byte order mark is skipped; offsets stay file offsets.
        let h = read_header(b"\xef\xbb\xbf//go:build linux\n\npackage p\n");
        assert!(h.errors.is_empty());
        assert_eq!(h.go_build.map(|l| l.offset), Some(3));
        assert_eq!(h.package.map(|p| p.offset), Some(29));
        // UTF-16 is not Go.
        let h = read_header(b"\xff\xfep\x00a\x00c\x00");
        assert!(!h.errors.is_empty());
    }

    #[test]
    fn nul_bytes() {
        let h = read_header(b"package p\n\nimport \"a\x00b\"\n");
        assert_eq!(
            errors(&h)[0],
            (HeaderErrorKind::Nul, 20, "unexpected NUL in input")
        );
        let h = read_header(b"package p\n\nfunc f() {}\n\x00\x00");
        assert!(h.errors.is_empty());
    }

    #[test]
    fn valid_import_paths() {
        for ok in ["fmt", "golang.org/x/tools", "a/é", "C", "a-b_c~d+e@v1"] {
            assert!(is_valid_import_path(ok), "{ok}");
        }
        for bad in [
            "",
            "a b",
            "a\tb",
            "a\"b",
            "a:b",
            "a\u{fffd}",
            "a\u{200b}",
            "a\u{e000}",
            "a\\b",
        ] {
            assert!(!is_valid_import_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut state: u32 = 0x1234_5678;
        let alphabet: &[&[u8]] = &[
            b"package",
            b"import",
            b" ",
            b"\n",
            b"(",
            b")",
            b"\"",
            b"`",
            b"'",
            b"\\",
            b"/",
            b"*",
            b"//go:build",
            b"// +build",
            b"//go:embed",
            b"embed",
            b"C",
            b"x",
            b";",
            b".",
            b"\x00",
            b"\xff",
            b"\xef\xbb\xbf",
            b"!",
            b"&&",
            b"||",
            b"_",
        ];
        for _ in 0..2000 {
            let mut src = Vec::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                src.extend_from_slice(alphabet[(state as usize) % alphabet.len()]);
            }
            let h = read_header(&src);
            assert!(h.end <= src.len());
            let _ = h.should_build(&ctx("linux"));
        }
    }
}
