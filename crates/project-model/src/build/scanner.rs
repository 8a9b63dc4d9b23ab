//! A Go tokenizer for file headers, following go/scanner: the same tokens, automatic
//! semicolons, comments and errors (wording included) as the scanner go/build's parser runs.
//!
//! It exists so the project model can read package clauses, imports and `//go:embed` comments
//! without the full parser (the `syntax` crate), which is both heavier and not what go/build
//! uses: the go command's view of a broken header is what decides where a file is listed.
//! Numbers are scanned loosely (their digits are never checked): nothing in a header needs
//! their value, and a number can never hide a quote or a comment.

use std::fmt::Write as _;

use super::text::decode;

/// What a token is. Keywords are identifiers the parser compares by text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Ident,
    Keyword,
    Number,
    Char,
    String,
    Comment,
    /// `;`, explicit or inserted at a newline or the end of the input.
    Semicolon {
        automatic: bool,
    },
    /// An operator or delimiter.
    Op,
    /// A character that starts no token.
    Illegal,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text in `src`; empty for inserted semicolons and EOF.
    pub fn text<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.start..self.end).unwrap_or(b"")
    }

    /// Whether this is go/token's literal class (its text is shown in "found" messages).
    pub fn is_literal(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Ident | TokenKind::Number | TokenKind::Char | TokenKind::String
        )
    }
}

/// A scanner error, positioned and worded as go/scanner's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub offset: usize,
    pub message: String,
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const BOM: char = '\u{feff}';

pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    /// The current character; `None` at the end of the input. Invalid UTF-8 reads as U+FFFD.
    ch: Option<char>,
    /// Offset of `ch`.
    offset: usize,
    /// Offset just after `ch`.
    rd_offset: usize,
    insert_semi: bool,
    /// An automatic semicolon owed after a `/* */` comment that contained a newline, at the
    /// newline's offset.
    pending_semi: Option<usize>,
    /// The first errors, by order of discovery (a bounded number: a binary file would
    /// otherwise produce one per byte).
    pub errors: Vec<ScanError>,
}

const MAX_ERRORS: usize = 10;

impl<'a> Scanner<'a> {
    /// A scanner over the whole of `src` (a leading byte order mark is skipped, as go/scanner
    /// does at the start of a file).
    pub fn new(src: &'a [u8]) -> Scanner<'a> {
        let mut s = Scanner {
            src,
            ch: Some(' '),
            offset: 0,
            rd_offset: 0,
            insert_semi: false,
            pending_semi: None,
            errors: Vec::new(),
        };
        s.next();
        if s.ch == Some(BOM) {
            s.next();
        }
        s
    }

    fn error(&mut self, offset: usize, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ScanError { offset, message });
        }
    }

    /// Reads the next character into `ch`, reporting NULs, invalid UTF-8 and stray byte
    /// order marks as go/scanner does.
    fn next(&mut self) {
        let Some(&b) = self.src.get(self.rd_offset) else {
            self.offset = self.src.len();
            self.ch = None;
            return;
        };
        self.offset = self.rd_offset;
        let (c, width) = if b == 0 {
            self.error(self.offset, "illegal character NUL".to_owned());
            ('\0', 1)
        } else if b < 0x80 {
            (b as char, 1)
        } else {
            match decode(&self.src[self.rd_offset..]) {
                Some((c, w)) => {
                    if c == BOM && self.offset > 0 {
                        self.error(self.offset, "illegal byte order mark".to_owned());
                    }
                    (c, w)
                }
                None => {
                    let rest = &self.src[self.rd_offset..];
                    if self.offset == 0
                        && (rest.starts_with(b"\xff\xfe") || rest.starts_with(b"\xfe\xff"))
                    {
                        // A UTF-16 file: one error, not one per character.
                        self.error(
                            self.offset,
                            "illegal UTF-8 encoding (got UTF-16)".to_owned(),
                        );
                        self.rd_offset = self.src.len();
                        self.ch = Some(char::REPLACEMENT_CHARACTER);
                        return;
                    }
                    self.error(self.offset, "illegal UTF-8 encoding".to_owned());
                    (char::REPLACEMENT_CHARACTER, 1)
                }
            }
        };
        self.rd_offset += width;
        self.ch = Some(c);
    }

    fn peek_byte(&self) -> u8 {
        self.src.get(self.rd_offset).copied().unwrap_or(0)
    }

    fn skip_whitespace(&mut self) {
        while let Some(c) = self.ch {
            let space = c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !self.insert_semi);
            if !space {
                break;
            }
            self.next();
        }
    }

    /// Scans the next token, comments included.
    pub fn scan(&mut self) -> Token {
        if let Some(at) = self.pending_semi.take() {
            return Token {
                kind: TokenKind::Semicolon { automatic: true },
                start: at,
                end: at,
            };
        }
        self.skip_whitespace();
        let start = self.offset;
        let mut insert_semi = false;
        let kind = match self.ch {
            Some(c) if is_letter(c) => {
                self.scan_identifier();
                let text = &self.src[start..self.offset];
                let keyword = text.len() > 1 && KEYWORDS.iter().any(|k| k.as_bytes() == text);
                insert_semi =
                    !keyword || matches!(text, b"break" | b"continue" | b"fallthrough" | b"return");
                if keyword {
                    TokenKind::Keyword
                } else {
                    TokenKind::Ident
                }
            }
            Some(c) if c.is_ascii_digit() || (c == '.' && self.peek_byte().is_ascii_digit()) => {
                insert_semi = true;
                self.scan_number();
                TokenKind::Number
            }
            ch => {
                self.next();
                match ch {
                    None => {
                        if self.insert_semi {
                            self.insert_semi = false;
                            return Token {
                                kind: TokenKind::Semicolon { automatic: true },
                                start,
                                end: start,
                            };
                        }
                        TokenKind::Eof
                    }
                    Some('\n') => {
                        // Only reached when a semicolon is due: skip_whitespace stopped here.
                        self.insert_semi = false;
                        return Token {
                            kind: TokenKind::Semicolon { automatic: true },
                            start,
                            end: start,
                        };
                    }
                    Some('"') => {
                        insert_semi = true;
                        self.scan_string(start);
                        TokenKind::String
                    }
                    Some('\'') => {
                        insert_semi = true;
                        self.scan_rune(start);
                        TokenKind::Char
                    }
                    Some('`') => {
                        insert_semi = true;
                        self.scan_raw_string(start);
                        TokenKind::String
                    }
                    Some(';') => TokenKind::Semicolon { automatic: false },
                    Some('/') if matches!(self.ch, Some('/' | '*')) => {
                        let newline = self.scan_comment(start);
                        match newline {
                            Some(at) if self.insert_semi => {
                                self.pending_semi = Some(at);
                                self.insert_semi = false;
                            }
                            _ => insert_semi = self.insert_semi,
                        }
                        self.insert_semi = insert_semi;
                        return Token {
                            kind: TokenKind::Comment,
                            start,
                            end: self.offset,
                        };
                    }
                    Some(c) if is_operator_start(c) => {
                        insert_semi = self.scan_operator(c);
                        TokenKind::Op
                    }
                    Some(c) => {
                        if c != BOM {
                            let message = if c == '\u{201c}' || c == '\u{201d}' {
                                format!("curly quotation mark '{c}' (use neutral '\"')")
                            } else {
                                format!("illegal character {}", sharp_u(c))
                            };
                            self.error(start, message);
                        }
                        insert_semi = self.insert_semi;
                        TokenKind::Illegal
                    }
                }
            }
        };
        self.insert_semi = insert_semi;
        Token {
            kind,
            start,
            end: self.offset,
        }
    }

    fn scan_identifier(&mut self) {
        while let Some(c) = self.ch {
            if !(is_letter(c) || is_digit(c)) {
                break;
            }
            self.next();
        }
    }

    /// Consumes a number's characters: digits, letters (bases, exponents, suffixes), `_`, `.`,
    /// and a sign right after an exponent letter.
    fn scan_number(&mut self) {
        let mut prev = '\0';
        while let Some(c) = self.ch {
            let sign = (c == '+' || c == '-') && matches!(prev, 'e' | 'E' | 'p' | 'P');
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || sign) {
                break;
            }
            prev = c;
            self.next();
        }
    }

    /// Consumes an escape sequence after `\`, reporting malformed ones.
    fn scan_escape(&mut self, quote: char) -> bool {
        let start = self.offset;
        let (mut n, base, max): (u32, u32, u32) = match self.ch {
            Some(c) if c == quote || "abfnrtv\\".contains(c) => {
                self.next();
                return true;
            }
            Some('0'..='7') => (3, 8, 255),
            Some('x') => {
                self.next();
                (2, 16, 255)
            }
            Some('u') => {
                self.next();
                (4, 16, 0x10ffff)
            }
            Some('U') => {
                self.next();
                (8, 16, 0x10ffff)
            }
            Some(_) => {
                self.error(start, "unknown escape sequence".to_owned());
                return false;
            }
            None => {
                self.error(start, "escape sequence not terminated".to_owned());
                return false;
            }
        };
        let mut x: u32 = 0;
        while n > 0 {
            let digit = self.ch.and_then(|c| c.to_digit(16)).filter(|&d| d < base);
            let Some(d) = digit else {
                let message = match self.ch {
                    Some(c) => format!("illegal character {} in escape sequence", sharp_u(c)),
                    None => "escape sequence not terminated".to_owned(),
                };
                self.error(self.offset, message);
                return false;
            };
            x = x.saturating_mul(base).saturating_add(d);
            self.next();
            n -= 1;
        }
        if x > max || (0xd800..0xe000).contains(&x) {
            self.error(
                start,
                "escape sequence is invalid Unicode code point".to_owned(),
            );
            return false;
        }
        true
    }

    fn scan_rune(&mut self, start: usize) {
        let mut valid = true;
        let mut n = 0;
        loop {
            let ch = self.ch;
            match ch {
                None | Some('\n') => {
                    if valid {
                        self.error(start, "rune literal not terminated".to_owned());
                        valid = false;
                    }
                    break;
                }
                Some(c) => {
                    self.next();
                    if c == '\'' {
                        break;
                    }
                    n += 1;
                    if c == '\\' && !self.scan_escape('\'') {
                        valid = false;
                    }
                }
            }
        }
        if valid && n != 1 {
            self.error(start, "illegal rune literal".to_owned());
        }
    }

    fn scan_string(&mut self, start: usize) {
        loop {
            match self.ch {
                None | Some('\n') => {
                    self.error(start, "string literal not terminated".to_owned());
                    break;
                }
                Some(c) => {
                    self.next();
                    if c == '"' {
                        break;
                    }
                    if c == '\\' {
                        self.scan_escape('"');
                    }
                }
            }
        }
    }

    fn scan_raw_string(&mut self, start: usize) {
        loop {
            match self.ch {
                None => {
                    self.error(start, "raw string literal not terminated".to_owned());
                    break;
                }
                Some(c) => {
                    self.next();
                    if c == '`' {
                        break;
                    }
                }
            }
        }
    }

    /// Scans a comment whose `/` is at `start` (the second character is current). Returns the
    /// offset of the first newline inside a `/* */` comment: a semicolon is inserted there.
    fn scan_comment(&mut self, start: usize) -> Option<usize> {
        if self.ch == Some('/') {
            while !matches!(self.ch, None | Some('\n')) {
                self.next();
            }
            return None;
        }
        self.next();
        let mut newline = None;
        while let Some(c) = self.ch {
            if c == '\n' && newline.is_none() {
                newline = Some(self.offset);
            }
            self.next();
            if c == '*' && self.ch == Some('/') {
                self.next();
                return newline;
            }
        }
        self.error(start, "comment not terminated".to_owned());
        newline
    }

    /// Consumes the rest of an operator that started with `c`; returns whether a semicolon is
    /// inserted after it (`)`, `]`, `}`, `++`, `--`).
    fn scan_operator(&mut self, c: char) -> bool {
        let eat = |s: &mut Self, want: char| {
            let hit = s.ch == Some(want);
            if hit {
                s.next();
            }
            hit
        };
        match c {
            ')' | ']' | '}' => return true,
            '(' | '[' | '{' | ',' | '~' => {}
            '.' => {
                if self.ch == Some('.') && self.peek_byte() == b'.' {
                    self.next();
                    self.next();
                }
            }
            '+' | '-' => {
                if eat(self, c) {
                    return true;
                }
                eat(self, '=');
            }
            '<' => {
                if !eat(self, '-') && !eat(self, '=') && eat(self, '<') {
                    eat(self, '=');
                }
            }
            '>' => {
                if !eat(self, '=') && eat(self, '>') {
                    eat(self, '=');
                }
            }
            '&' => {
                if eat(self, '^') {
                    eat(self, '=');
                } else if !eat(self, '=') {
                    eat(self, '&');
                }
            }
            '|' => {
                if !eat(self, '=') {
                    eat(self, '|');
                }
            }
            // `:` `*` `/` `%` `^` `=` `!`: optionally followed by `=`.
            _ => {
                eat(self, '=');
            }
        }
        false
    }
}

fn is_operator_start(c: char) -> bool {
    "+-*/%&|^<>=!()[]{},:.~".contains(c)
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || (!c.is_ascii() && super::text::is_letter(c))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && super::text::is_digit(c))
}

/// Go's `%#U` format: `U+0040 '@'`.
pub(crate) fn sharp_u(c: char) -> String {
    let mut s = format!("U+{:04X}", c as u32);
    if !c.is_control() {
        let _ = write!(s, " '{c}'");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, String)> {
        let mut s = Scanner::new(src.as_bytes());
        let mut out = Vec::new();
        loop {
            let t = s.scan();
            if t.kind == TokenKind::Eof {
                break;
            }
            out.push((
                t.kind,
                String::from_utf8_lossy(t.text(src.as_bytes())).into_owned(),
            ));
        }
        out
    }

    const SEMI: TokenKind = TokenKind::Semicolon { automatic: true };

    #[test]
    fn automatic_semicolons() {
        use TokenKind::*;
        let got = kinds("package p // c\nimport (\n\t\"a\" /* x\n */\n)");
        assert_eq!(
            got,
            [
                (Keyword, "package".into()),
                (Ident, "p".into()),
                (Comment, "// c".into()),
                (SEMI, "".into()),
                (Keyword, "import".into()),
                (Op, "(".into()),
                (String, "\"a\"".into()),
                (Comment, "/* x\n */".into()),
                (SEMI, "".into()),
                (Op, ")".into()),
                (SEMI, "".into()),
            ]
        );
    }

    #[test]
    fn literals_hide_comment_markers() {
        use TokenKind::*;
        let got = kinds("x := '\"' + `//` + \"/*\\\"\" // real");
        let comments: Vec<_> = got.iter().filter(|(k, _)| *k == Comment).collect();
        assert_eq!(comments, [&(Comment, "// real".to_owned())]);
        assert_eq!(kinds("1.5e+3 .5 0x1p-2")[0], (Number, "1.5e+3".into()));
    }

    #[test]
    fn errors_are_worded_like_go() {
        let errors = |src: &[u8]| {
            let mut s = Scanner::new(src);
            while s.scan().kind != TokenKind::Eof {}
            s.errors
                .into_iter()
                .map(|e| (e.offset, e.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            errors(b"\"abc"),
            [(0, "string literal not terminated".into())]
        );
        assert_eq!(
            errors(b"`abc"),
            [(0, "raw string literal not terminated".into())]
        );
        assert_eq!(errors(b"/* abc"), [(0, "comment not terminated".into())]);
        assert_eq!(errors(b"x @"), [(2, "illegal character U+0040 '@'".into())]);
        assert_eq!(errors(b"// \xff"), [(3, "illegal UTF-8 encoding".into())]);
        // Reading a NUL is one error, and it starts no token: another, as in Go.
        assert_eq!(
            errors(b"a\x00"),
            [
                (1, "illegal character NUL".into()),
                (1, "illegal character U+0000".into())
            ]
        );
        assert_eq!(errors(b"\"\\q\""), [(2, "unknown escape sequence".into())]);
        assert_eq!(
            errors(b"\"\\xZZ\""),
            [(3, "illegal character U+005A 'Z' in escape sequence".into())]
        );
        assert_eq!(errors(b"'ab'"), [(0, "illegal rune literal".into())]);
        assert_eq!(errors("\u{feff}package p".as_bytes()), []);
        assert_eq!(
            errors("a \u{feff}".as_bytes()),
            [(2, "illegal byte order mark".into())]
        );
        // One error for a UTF-16 file, not one per character; then its first character is
        // illegal, as in Go.
        assert_eq!(
            errors(b"\xff\xfep\x00"),
            [
                (0, "illegal UTF-8 encoding (got UTF-16)".into()),
                (0, "illegal character U+FFFD '\u{fffd}'".into()),
            ]
        );
        // Escapes at the very end of the input do not read past it.
        assert_eq!(
            errors(b"\"\\"),
            [
                (2, "escape sequence not terminated".into()),
                (0, "string literal not terminated".into()),
            ]
        );
        assert_eq!(
            errors(b"'\\u12"),
            [(5, "escape sequence not terminated".into()),]
        );
    }

    #[test]
    fn any_bytes_terminate() {
        let mut data = Vec::new();
        for i in 0..4096u32 {
            data.push((i.wrapping_mul(2654435761) >> 13) as u8);
        }
        let mut s = Scanner::new(&data);
        let mut n = 0;
        while s.scan().kind != TokenKind::Eof {
            n += 1;
            assert!(n <= data.len() + 1, "no progress");
        }
    }
}
