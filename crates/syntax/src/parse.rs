//! Parsing with tree-sitter, from scratch or incrementally after edits.
//!
//! The tree-sitter tree is an implementation detail that the rest of the workspace sees only
//! through [`Parse`]: the typed AST ([`crate::ast`]) is what consumers read. Incremental reparse
//! must give exactly the tree a from-scratch parse gives; `tests/incremental.rs` proves it on
//! random edit sequences over real Go files.

use std::cell::RefCell;

use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::{SyntaxError, TextRange, errors};

/// One text replacement, relative to the text as it is when the edit is applied (LSP content
/// changes in a `didChange` apply one after another, each to the result of the previous).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub delete: TextRange,
    pub insert: String,
}

/// A parsed file: the concrete syntax tree and the syntax errors found in it.
#[derive(Clone)]
pub struct Parse {
    tree: Tree,
    errors: Vec<SyntaxError>,
}

impl std::fmt::Debug for Parse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parse")
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

thread_local! {
    // A parser is cheap to keep and not free to build; one per thread, never shared.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

impl Parse {
    /// The concrete syntax tree.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Syntax errors, in source order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The tree as an S-expression, for tests and debugging.
    pub fn debug_tree(&self) -> String {
        self.tree.root_node().to_sexp()
    }
}

/// Parses `text` from scratch.
pub fn parse(text: &str) -> Parse {
    parse_with(text, None)
}

/// Parses `text`, reusing `old` if given. `old` must have been brought up to date with
/// [`edit_tree`] for every edit that turned its text into `text`; tree-sitter then re-parses only
/// what the edits touched.
pub fn parse_with(text: &str, old: Option<&Tree>) -> Parse {
    let mut tree = run_parser(text, old);
    if old.is_some() && tree.root_node().has_error() {
        // tree-sitter's error recovery depends on the history of the parse: reusing subtrees
        // next to an error can recover differently from a fresh parse of the same text. The
        // contract is "incremental equals from-scratch", so trees with errors are re-parsed
        // from scratch. Error-free trees are the common case and keep the incremental speed.
        tree = run_parser(text, None);
    }
    let errors = errors::collect(text, &tree);
    Parse { tree, errors }
}

fn run_parser(text: &str, old: Option<&Tree>) -> Tree {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(new_parser);
        match parser.parse(text, old) {
            Some(tree) => tree,
            None => {
                // Only a cancelled or timed-out parse returns None, and we set neither; a
                // parser left in a bad state is replaced, and the parse retried from scratch.
                parser.reset();
                parser.parse(text, None).unwrap_or_else(|| {
                    *parser = new_parser();
                    parser
                        .parse("", None)
                        .expect("parsing the empty string cannot fail")
                })
            }
        }
    })
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&crate::language())
        .expect("the bundled Go grammar matches the tree-sitter runtime ABI");
    parser
}

/// Applies `edit` to `text` and records it in `tree`, so that a following [`parse_with`] can
/// reuse the unchanged parts. Out-of-range or mid-character offsets are clamped, never a panic:
/// the caller's edit may come from a confused client.
pub fn apply_edit(text: &mut String, tree: Option<&mut Tree>, edit: &TextEdit) {
    let start = floor_boundary(text, edit.delete.start as usize);
    let old_end = floor_boundary(text, edit.delete.end as usize).max(start);
    let start_position = point_at(text, start);
    let old_end_position = point_at(text, old_end);
    text.replace_range(start..old_end, &edit.insert);
    let new_end = start + edit.insert.len();
    if let Some(tree) = tree {
        tree.edit(&InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point_at(text, new_end),
        });
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// tree-sitter's point: zero-based row and byte column.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Point {
        row,
        column: offset - line_start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_edit_matches_fresh_parse() {
        let mut text = String::from("package p\n\nfunc f() {\n\tx := 1\n}\n");
        let old = parse(&text);
        let mut tree = old.tree().clone();
        let at = text.find("1").unwrap() as u32;
        apply_edit(
            &mut text,
            Some(&mut tree),
            &TextEdit {
                delete: TextRange::new(at, at + 1),
                insert: "f(2, 3)".into(),
            },
        );
        let new = parse_with(&text, Some(&tree));
        assert_eq!(new.debug_tree(), parse(&text).debug_tree());
        assert!(new.errors().is_empty());
    }

    #[test]
    fn hostile_edit_offsets_are_clamped() {
        let mut text = String::from("package é");
        apply_edit(
            &mut text,
            None,
            &TextEdit {
                delete: TextRange::new(9, 400),
                insert: "x".into(),
            },
        );
        assert_eq!(text, "package x");
    }
}
