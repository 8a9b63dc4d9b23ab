//! Tokens of go.mod and go.work files, as golang.org/x/mod/modfile lexes them: identifiers are
//! runs of printable characters other than space and `()[]{},`; strings are `"..."` or
//! `` `...` ``; `//` comments run to the end of the line; newlines are tokens.
//!
//! Unlike x/mod, which stops at the first lexical error, every error here is recorded with its
//! position and lexing goes on (the bad character is skipped, an unterminated string ends at
//! the newline, a `/*` comment runs to the end of the line), so the rest of the file is used.

use super::quote::{is_print, quote_rune};
use super::{ModFileError, Position};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Ident,
    /// A quoted string; `bad` when it was not terminated on its line.
    String {
        bad: bool,
    },
    /// One of `( ) [ ] { } ,`.
    Punct(char),
    Newline,
    /// A `//` comment (text without the newline, which it also consumes). `suffix` when code
    /// precedes it on its line.
    Comment {
        suffix: bool,
    },
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    pub start: Position,
    pub end: Position,
}

impl TokenKind {
    /// Whether the token ends a line: a newline, a comment (which consumed its newline), EOF.
    pub fn is_eol(self) -> bool {
        matches!(
            self,
            TokenKind::Newline | TokenKind::Comment { .. } | TokenKind::Eof
        )
    }
}

pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: Position,
    /// Whether a non-space token has been seen on the current line (makes a comment a suffix).
    line_has_code: bool,
    pub errors: Vec<ModFileError>,
}

fn is_ident(c: char) -> bool {
    !matches!(c, ' ' | '(' | ')' | '[' | ']' | '{' | '}' | ',') && !c.is_whitespace() && is_print(c)
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: Position {
                line: 1,
                column: 1,
                offset: 0,
            },
            line_has_code: false,
            errors: Vec::new(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos.offset as usize..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        // Offsets fit in u32: syntax::parse refuses larger files.
        self.pos.offset = self.pos.offset.saturating_add(c.len_utf8() as u32);
        if c == '\n' {
            self.pos.line = self.pos.line.saturating_add(1);
            self.pos.column = 1;
            self.line_has_code = false;
        } else {
            self.pos.column = self.pos.column.saturating_add(c.len_utf8() as u32);
        }
        Some(c)
    }

    fn error(&mut self, at: Position, message: impl Into<String>) {
        self.errors.push(ModFileError {
            pos: at,
            message: message.into(),
        });
    }

    fn token(&self, kind: TokenKind, start: Position) -> Token<'a> {
        Token {
            kind,
            text: &self.text[start.offset as usize..self.pos.offset as usize],
            start,
            end: self.pos,
        }
    }

    /// Consumes the rest of the line (not the newline) without producing a token.
    fn skip_line(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    pub fn next_token(&mut self) -> Token<'a> {
        loop {
            // x/mod skips only these three; other Unicode spaces are errors below.
            while matches!(self.peek(), Some(' ' | '\t' | '\r')) {
                self.bump();
            }
            let start = self.pos;
            let rest = self.rest();
            if rest.starts_with("//") {
                let suffix = self.line_has_code;
                self.skip_line();
                let tok = self.token(TokenKind::Comment { suffix }, start);
                self.bump(); // the newline, if any
                return tok;
            }
            if rest.starts_with("/*") {
                self.error(start, "mod files must use // comments (not /* */ comments)");
                self.skip_line();
                continue;
            }
            let Some(c) = self.peek() else {
                return self.token(TokenKind::Eof, start);
            };
            match c {
                '\n' => {
                    self.bump();
                    return self.token(TokenKind::Newline, start);
                }
                '(' | ')' | '[' | ']' | '{' | '}' | ',' => {
                    self.bump();
                    self.line_has_code = true;
                    return self.token(TokenKind::Punct(c), start);
                }
                '"' | '`' => {
                    self.line_has_code = true;
                    return self.string(c, start);
                }
                c if is_ident(c) => {
                    self.line_has_code = true;
                    return self.ident(start);
                }
                c => {
                    self.error(
                        start,
                        format!("unexpected input character {}", quote_rune(c)),
                    );
                    self.bump();
                }
            }
        }
    }

    fn string(&mut self, quote: char, start: Position) -> Token<'a> {
        self.bump();
        loop {
            match self.peek() {
                None => {
                    self.error(start, "unexpected EOF in string");
                    return self.token(TokenKind::String { bad: true }, start);
                }
                Some('\n') => {
                    let at = self.pos;
                    self.error(at, "unexpected newline in string");
                    return self.token(TokenKind::String { bad: true }, start);
                }
                Some(c) => {
                    self.bump();
                    if c == quote {
                        return self.token(TokenKind::String { bad: false }, start);
                    }
                    if c == '\\' && quote != '`' {
                        if self.peek().is_none() {
                            self.error(start, "unexpected EOF in string");
                            return self.token(TokenKind::String { bad: true }, start);
                        }
                        // An escaped newline is still a newline in a string: reported above.
                        if self.peek() != Some('\n') {
                            self.bump();
                        }
                    }
                }
            }
        }
    }

    fn ident(&mut self, start: Position) -> Token<'a> {
        while let Some(c) = self.peek() {
            let rest = self.rest();
            if !is_ident(c) || rest.starts_with("//") {
                break;
            }
            if rest.starts_with("/*") {
                let at = self.pos;
                let tok = self.token(TokenKind::Ident, start);
                self.error(at, "mod files must use // comments (not /* */ comments)");
                self.skip_line();
                return tok;
            }
            self.bump();
        }
        self.token(TokenKind::Ident, start)
    }
}
