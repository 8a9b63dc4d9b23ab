//! The line structure shared by go.mod and go.work (x/mod's read.go): a file is a list of
//! statements, each a line of tokens (`require example.com/m v1.0.0`) or a block (`require (`,
//! one line per entry, `)`), with the comments written before each line and at its end.
//!
//! Errors are recorded and parsing goes on: an unterminated block keeps the lines it has, and
//! anything after a closing paren on its line is skipped.

use super::lexer::{Lexer, Token, TokenKind};
use super::{ModFileError, Position};

#[derive(Debug)]
pub(super) struct Line<'a> {
    pub tokens: Vec<Token<'a>>,
    pub start: Position,
    pub end: Position,
    /// Whole-line comments directly above (at top level) or since the previous line (in a block).
    pub before: Vec<&'a str>,
    /// The comment at the end of the line.
    pub suffix: Option<&'a str>,
}

#[derive(Debug)]
pub(super) struct Block<'a> {
    /// The tokens before `(`: normally just the verb.
    pub header: Vec<Token<'a>>,
    pub start: Position,
    pub lines: Vec<Line<'a>>,
    pub before: Vec<&'a str>,
    /// The comment after `(`.
    pub suffix: Option<&'a str>,
}

#[derive(Debug)]
pub(super) enum Stmt<'a> {
    Line(Line<'a>),
    Block(Block<'a>),
}

impl Line<'_> {
    /// Whether a token could not be lexed properly; its error is already reported, so the
    /// directive is skipped rather than reported a second time.
    pub fn is_bad(&self) -> bool {
        self.tokens
            .iter()
            .any(|t| t.kind == TokenKind::String { bad: true })
    }
}

/// Splits `text` into statements; `file_name` only words the unterminated-block error.
pub(super) fn parse<'a>(text: &'a str, file_name: &str) -> (Vec<Stmt<'a>>, Vec<ModFileError>) {
    // Positions are u32: past 4 GiB they would wrap, so such a file is not read at all.
    if u32::try_from(text.len()).is_err() {
        let pos = Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        return (
            Vec::new(),
            vec![ModFileError {
                pos,
                message: "file too large".into(),
            }],
        );
    }
    let mut lexer = Lexer::new(text);
    let tok = lexer.next_token();
    let mut p = Parser {
        lexer,
        tok,
        file_name,
        stmts: Vec::new(),
        errors: Vec::new(),
    };
    p.file();
    let mut errors = p.lexer.errors;
    errors.extend(p.errors);
    // Lexical and syntax errors are found in different passes; report them in file order.
    errors.sort_by_key(|e| e.pos.offset);
    (p.stmts, errors)
}

struct Parser<'a, 'f> {
    lexer: Lexer<'a>,
    /// The lookahead token.
    tok: Token<'a>,
    file_name: &'f str,
    stmts: Vec<Stmt<'a>>,
    errors: Vec<ModFileError>,
}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> TokenKind {
        self.tok.kind
    }

    fn lex(&mut self) -> Token<'a> {
        let next = self.lexer.next_token();
        std::mem::replace(&mut self.tok, next)
    }

    /// x/mod reports syntax errors where the lexer is, that is after the lookahead token.
    fn error_here(&mut self, message: String) {
        let pos = self.lexer_pos();
        self.errors.push(ModFileError { pos, message });
    }

    fn lexer_pos(&self) -> Position {
        self.tok.end
    }

    fn file(&mut self) {
        let mut pending: Vec<&'a str> = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Eof => return,
                // A blank line detaches the comments above it from the next statement.
                TokenKind::Newline => {
                    self.lex();
                    pending.clear();
                }
                TokenKind::Comment { .. } => pending.push(self.lex().text),
                _ => {
                    let before = std::mem::take(&mut pending);
                    self.stmt(before);
                }
            }
        }
    }

    fn stmt(&mut self, before: Vec<&'a str>) {
        let first = self.lex();
        let (start, mut end) = (first.start, first.end);
        let mut tokens = vec![first];
        loop {
            let tok = self.lex();
            if tok.kind.is_eol() {
                let suffix = comment_text(tok);
                self.stmts.push(Stmt::Line(Line {
                    tokens,
                    start,
                    end,
                    before,
                    suffix,
                }));
                return;
            }
            if tok.kind == TokenKind::Punct('(') {
                if self.peek().is_eol() {
                    self.block(tokens, start, before);
                    return;
                }
                if self.peek() == TokenKind::Punct(')') {
                    let rparen = self.lex();
                    if self.peek().is_eol() {
                        let eol = self.lex();
                        let suffix = comment_text(eol);
                        let block = Block {
                            header: tokens,
                            start,
                            lines: Vec::new(),
                            before,
                            suffix,
                        };
                        self.stmts.push(Stmt::Block(block));
                        return;
                    }
                    tokens.push(tok);
                    tokens.push(rparen);
                    end = rparen.end;
                    continue;
                }
            }
            end = tok.end;
            tokens.push(tok);
        }
    }

    fn block(&mut self, header: Vec<Token<'a>>, start: Position, before: Vec<&'a str>) {
        let mut block = Block {
            header,
            start,
            lines: Vec::new(),
            before,
            suffix: None,
        };
        if let TokenKind::Comment { suffix: true } = self.peek() {
            block.suffix = comment_text(self.lex());
        }
        let mut comments: Vec<&'a str> = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Comment { suffix: false } => comments.push(self.lex().text),
                TokenKind::Newline | TokenKind::Comment { suffix: true } => {
                    self.lex();
                }
                TokenKind::Eof => {
                    let message = format!(
                        "syntax error (unterminated block started at {}:{}:{})",
                        self.file_name, start.line, start.column
                    );
                    self.error_here(message);
                    break;
                }
                TokenKind::Punct(')') => {
                    self.lex();
                    if !self.peek().is_eol() {
                        self.error_here(
                            "syntax error (expected newline after closing paren)".into(),
                        );
                        while !self.peek().is_eol() {
                            self.lex();
                        }
                    }
                    self.lex();
                    break;
                }
                _ => {
                    let line = self.line(std::mem::take(&mut comments));
                    block.lines.push(line);
                }
            }
        }
        self.stmts.push(Stmt::Block(block));
    }

    fn line(&mut self, before: Vec<&'a str>) -> Line<'a> {
        let first = self.lex();
        let (start, mut end) = (first.start, first.end);
        let mut tokens = vec![first];
        loop {
            let tok = self.lex();
            if tok.kind.is_eol() {
                return Line {
                    tokens,
                    start,
                    end,
                    before,
                    suffix: comment_text(tok),
                };
            }
            end = tok.end;
            tokens.push(tok);
        }
    }
}

fn comment_text(tok: Token<'_>) -> Option<&str> {
    matches!(tok.kind, TokenKind::Comment { .. }).then_some(tok.text)
}
