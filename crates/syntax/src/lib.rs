//! Go syntax: text in, a typed AST and Go-worded syntax errors out.
//!
//! **Architecture Invariant**: this crate knows nothing of salsa, files, or LSP. It turns text
//! into trees, and offers the text coordinates ([`TextRange`], [`LineIndex`]) that every other
//! crate speaks. tree-sitter does the parsing (incrementally and error-tolerantly); the tree is
//! lowered into our own owned AST ([`ast`]) that the checker consumes.

pub mod ast;
mod dump;
mod errors;
mod lexer;
mod lower;
mod parse;
mod text;

pub use dump::dump;
pub use lower::{MAX_DEPTH, lower, unquote};
pub use parse::{Parse, TextEdit, apply_edit, parse, parse_with};
pub use text::{LineCol, LineIndex, TextRange};
pub use tree_sitter::Tree;

/// A syntax error: where, and what the Go compiler would say about it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The Go grammar we parse with.
pub fn language() -> tree_sitter::Language {
    tree_sitter_go_ext::LANGUAGE.into()
}
