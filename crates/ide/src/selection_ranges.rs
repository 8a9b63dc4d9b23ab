//! Selection ranges ("expand selection"): for a position, the ranges of the syntax nodes that
//! enclose it, from the token under the cursor out to the whole file.
//!
//! Read off the concrete syntax tree (tree-sitter's), which has a node for every token and
//! every construct, also inside code that does not parse: there the chain runs through the
//! ERROR node the parser made. Node ranges leave out trailing whitespace (a statement's node
//! ends with the line break that terminates it). Between a bracket's node and its content,
//! the content without the brackets (the arguments of a call, the elements of a literal) is
//! one more step.

use base_db::{SourceDatabase, SourceFile};
use syntax::TextRange;
use tree_sitter::Node;

use crate::folding_ranges::{brackets, trimmed_end};

/// The ranges enclosing `offset`, innermost first, each strictly larger than the one before;
/// the last is the whole file. Empty for an offset past the end of the file, and in an empty
/// file (there is nothing to select).
pub(crate) fn selection_ranges(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Vec<TextRange> {
    let text = file.text(db);
    let len = text.len() as u32;
    if offset > len {
        return Vec::new();
    }
    let tree = base_db::parse(db, file).tree();
    let root = tree.root_node();
    let mut chain: Vec<TextRange> = Vec::new();
    let mut push = |r: TextRange| {
        // Zero-width nodes (tokens the parser invented) select nothing; a bracket's content
        // need not hold the cursor (it may sit in the space after the opening bracket).
        if r.is_empty() || offset < r.start || r.end < offset {
            return;
        }
        if chain
            .last()
            .is_none_or(|last| r != *last && r.start <= last.start && last.end <= r.end)
        {
            chain.push(r);
        }
    };
    let mut node = Some(innermost(root, offset));
    while let Some(n) = node {
        if let Some(b) = brackets(n)
            && let Some((first, last)) = b.inner
        {
            push(TextRange::new(
                first.start_byte() as u32,
                trimmed_end(text, last),
            ));
        }
        push(TextRange::new(n.start_byte() as u32, trimmed_end(text, n)));
        node = n.parent();
    }
    push(TextRange::new(0, len));
    chain
}

/// The smallest node at `offset`. At the boundary between two tokens (`x|)`), a word
/// (identifier, literal) on the left is preferred over punctuation on the right: the cursor
/// just after a name means the name.
fn innermost(root: Node<'_>, offset: u32) -> Node<'_> {
    let at = offset as usize;
    let right = root.descendant_for_byte_range(at, at).unwrap_or(root);
    if is_word(right) && right.start_byte() <= at && at < right.end_byte() {
        return right;
    }
    if at > 0
        && let Some(left) = root.descendant_for_byte_range(at - 1, at)
        && left.end_byte() == at
        && is_word(left)
    {
        return left;
    }
    right
}

/// A leaf the user thinks of as a word: an identifier or a literal, not punctuation.
fn is_word(node: Node<'_>) -> bool {
    node.child_count() == 0 && node.is_named() && node.kind() != "comment"
}
