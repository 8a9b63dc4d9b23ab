//! A one-token Go scanner, used to describe "the token at this offset" in syntax errors the way
//! cmd/compile does (`name x`, `literal 42`, `keyword func`, `newline`, `EOF`), and to spot the
//! lexical errors tree-sitter leaves as bare ERROR nodes (unterminated strings and comments).

use crate::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Eof,
    /// A newline that ends a statement (where Go's scanner inserts a semicolon).
    Newline,
    Name,
    Keyword,
    Literal,
    Operator,
    /// A lexical error; the message says which.
    Invalid(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub(crate) kind: TokenKind,
    pub(crate) range: TextRange,
    pub(crate) text: &'a str,
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

// Longest first, so that maximal munch picks `<<=` over `<<` over `<`.
const OPERATORS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "~", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":",
];

impl Token<'_> {
    /// The token as cmd/compile's parser names it in "unexpected X".
    pub(crate) fn describe(&self) -> String {
        match self.kind {
            TokenKind::Eof => "EOF".into(),
            TokenKind::Newline => "newline".into(),
            TokenKind::Name => format!("name {}", self.text),
            TokenKind::Keyword => format!("keyword {}", self.text),
            TokenKind::Literal => format!("literal {}", self.text),
            TokenKind::Operator => match self.text {
                "," => "comma".into(),
                ";" => "semicolon".into(),
                op => op.into(),
            },
            TokenKind::Invalid(_) => format!("invalid character {:?}", self.text),
        }
    }

    pub(crate) fn lexical_error(&self) -> Option<&'static str> {
        match self.kind {
            TokenKind::Invalid(message) => Some(message),
            _ => None,
        }
    }

    /// Whether Go's scanner would insert a semicolon after this token at a newline.
    pub(crate) fn ends_statement(&self) -> bool {
        match self.kind {
            TokenKind::Name | TokenKind::Literal => true,
            TokenKind::Keyword => {
                matches!(self.text, "break" | "continue" | "fallthrough" | "return")
            }
            TokenKind::Operator => matches!(self.text, "++" | "--" | ")" | "]" | "}"),
            _ => false,
        }
    }

    /// What the grammar needs after this token, when it is a token that cannot end anything.
    pub(crate) fn expects_after(&self) -> Option<&'static str> {
        match (self.kind, self.text) {
            (TokenKind::Keyword, "package") => Some("name"),
            (TokenKind::Operator, ".") => Some("name or ("),
            (
                TokenKind::Operator,
                "(" | "[" | "{" | "," | ";" | ":" | "..." | ")" | "]" | "}" | "++" | "--",
            ) => None,
            (TokenKind::Operator, _) => Some("expression"),
            _ => None,
        }
    }

    pub(crate) fn is_eof(&self) -> bool {
        self.kind == TokenKind::Eof
    }

    pub(crate) fn starts_declaration(&self) -> bool {
        self.kind == TokenKind::Keyword
            && matches!(
                self.text,
                "func" | "var" | "const" | "type" | "import" | "package"
            )
    }
}

/// The token at or after `offset`, skipping spaces and comments. A newline is a token only
/// where it ends a line whose last token could end a statement; we cannot know that from here,
/// so every newline before the next token counts, as it does in the places we are asked about.
pub(crate) fn token_at(text: &str, offset: u32) -> Token<'_> {
    let bytes = text.as_bytes();
    let mut i = (offset as usize).min(bytes.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    loop {
        match bytes.get(i) {
            None => return token(text, TokenKind::Eof, i, i),
            Some(b' ' | b'\t' | b'\r') => i += 1,
            Some(b'\n') => return token(text, TokenKind::Newline, i, i + 1),
            Some(b'/') if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr(b'\n', bytes, i).unwrap_or(bytes.len());
            }
            Some(b'/') if bytes.get(i + 1) == Some(&b'*') => match find(bytes, i + 2, b"*/") {
                Some(end) => i = end + 2,
                None => {
                    return token(
                        text,
                        TokenKind::Invalid("comment not terminated"),
                        i,
                        bytes.len(),
                    );
                }
            },
            Some(_) => return scan(text, i),
        }
    }
}

/// The first token at or after `offset` that Go's parser would see after `prev`: a newline
/// counts only where the scanner would turn it into a semicolon.
pub(crate) fn token_after<'a>(text: &'a str, offset: u32, prev: Option<&Token<'_>>) -> Token<'a> {
    let mut at = offset;
    loop {
        let token = token_at(text, at);
        if token.kind == TokenKind::Newline && !prev.is_some_and(|p| p.ends_statement()) {
            at = token.range.end;
            continue;
        }
        return token;
    }
}

/// The tokens of `text[start..end]`, newlines included.
pub(crate) fn tokens_in(text: &str, start: u32, end: u32) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut at = start;
    while at < end {
        let token = token_at(text, at);
        // An unterminated string is reported where its newline is, which may be `end` itself.
        let past_end = token.range.start >= end && token.lexical_error().is_none();
        if token.is_eof() || past_end || token.range.end <= at {
            break;
        }
        at = token.range.end;
        tokens.push(token);
    }
    tokens
}

fn scan(text: &str, start: usize) -> Token<'_> {
    let bytes = text.as_bytes();
    let first = bytes[start];
    let ch = text[start..].chars().next().unwrap_or('\0');
    if ch == '_' || ch.is_alphabetic() {
        let end = start
            + text[start..]
                .char_indices()
                .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
                .map_or(text.len() - start, |(i, _)| i);
        let kind = if KEYWORDS.contains(&&text[start..end]) {
            TokenKind::Keyword
        } else {
            TokenKind::Name
        };
        return token(text, kind, start, end);
    }
    if first.is_ascii_digit()
        || (first == b'.' && bytes.get(start + 1).is_some_and(u8::is_ascii_digit))
    {
        let mut end = start + 1;
        while let Some(&b) = bytes.get(end) {
            let exponent_sign =
                matches!(b, b'+' | b'-') && matches!(bytes[end - 1], b'e' | b'E' | b'p' | b'P');
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                end += 1;
            } else {
                break;
            }
        }
        return token(text, TokenKind::Literal, start, end);
    }
    match first {
        b'"' | b'\'' => {
            let mut i = start + 1;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'\\' => i += 2,
                    b'\n' => break,
                    _ if b == first => return token(text, TokenKind::Literal, start, i + 1),
                    _ => i += 1,
                }
            }
            let (message, at) = match (first, bytes.get(i)) {
                // The compiler reports a newline in a string where the newline is.
                (b'"', Some(b'\n')) => ("newline in string", i),
                (b'"', _) => ("string literal not terminated", start),
                _ => ("rune literal not terminated", start),
            };
            let end = i.min(bytes.len());
            return Token {
                kind: TokenKind::Invalid(message),
                range: TextRange::new(at as u32, end as u32),
                text: &text[start..end],
            };
        }
        b'`' => {
            return match memchr(b'`', bytes, start + 1) {
                Some(end) => token(text, TokenKind::Literal, start, end + 1),
                None => token(
                    text,
                    TokenKind::Invalid("raw string literal not terminated"),
                    start,
                    bytes.len(),
                ),
            };
        }
        _ => {}
    }
    for op in OPERATORS {
        if bytes[start..].starts_with(op.as_bytes()) {
            return token(text, TokenKind::Operator, start, start + op.len());
        }
    }
    let end = start + ch.len_utf8();
    let message = if ch == '\u{FFFD}' {
        "invalid UTF-8 encoding"
    } else {
        "invalid character in source"
    };
    token(text, TokenKind::Invalid(message), start, end)
}

fn token(text: &str, kind: TokenKind, start: usize, end: usize) -> Token<'_> {
    Token {
        kind,
        range: TextRange::new(start as u32, end as u32),
        text: &text[start..end],
    }
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| i + from)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(text: &str, at: u32) -> String {
        token_at(text, at).describe()
    }

    #[test]
    fn describes_tokens_like_the_compiler() {
        assert_eq!(describe("  foo", 0), "name foo");
        assert_eq!(describe("func", 0), "keyword func");
        assert_eq!(describe("0x1p-2 ", 0), "literal 0x1p-2");
        assert_eq!(describe("\"a\\\"b\"", 0), "literal \"a\\\"b\"");
        assert_eq!(describe(" // c\n x", 0), "newline");
        assert_eq!(describe("/* c */ <<= 1", 0), "<<=");
        assert_eq!(describe(", x", 0), "comma");
        assert_eq!(describe("   ", 1), "EOF");
    }

    #[test]
    fn lexical_errors() {
        assert_eq!(
            token_at("\"abc\nx", 0).lexical_error(),
            Some("newline in string")
        );
        assert_eq!(
            token_at("/* x", 0).lexical_error(),
            Some("comment not terminated")
        );
        assert_eq!(
            token_at("`abc", 0).lexical_error(),
            Some("raw string literal not terminated")
        );
        assert_eq!(
            token_at("@", 0).lexical_error(),
            Some("invalid character in source")
        );
    }
}
