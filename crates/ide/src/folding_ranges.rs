//! Folding ranges: the parts of a file an editor can collapse, read off the concrete syntax
//! tree (tree-sitter's), which keeps every bracket and comment, also around syntax errors.
//!
//! What folds, as gopls folds it: the inside of every bracket pair that spans lines (blocks,
//! composite literals, call arguments, parameter lists, struct and interface bodies, import
//! groups and grouped `const`/`var`/`type` declarations), case clauses after their colon,
//! multi-line raw strings, and comment groups (consecutive comment lines, or one multi-line
//! comment) from the end of their first line. Marker comments `// region` / `// endregion`
//! (also `//#region`) delimit user-defined regions, as editors' Go folding markers do.
//!
//! Unlike gopls, which folds nothing in a file with a syntax error, a broken file still folds
//! everywhere tree-sitter recovered a bracket pair; a pair whose closing bracket the parser
//! had to invent (a MISSING node) does not fold, since nothing marks where it should end.

use base_db::{SourceDatabase, SourceFile};
use syntax::{LineIndex, TextRange};
use tree_sitter::Node;

/// What a folding range holds, in LSP's vocabulary.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FoldKind {
    Comment,
    Imports,
    /// A region between marker comments.
    Region,
    /// Code: a bracketed list, a case clause, a raw string (LSP: no kind, as gopls sends).
    Code,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fold {
    /// From just after the opening bracket (or the end of a comment's first line) to just
    /// before the closing one; with [`FoldingConfig::line_folding_only`], to the end of the
    /// last element instead, on the line before the closing bracket.
    pub range: TextRange,
    pub kind: FoldKind,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FoldingConfig {
    /// The client folds whole lines only (LSP `lineFoldingOnly`): a range must then leave the
    /// closing bracket's line visible, so it ends on the line before it, and a list whose
    /// first element shares the opening bracket's line (or whose last shares the closing
    /// one's) does not fold, as in gopls.
    pub line_folding_only: bool,
}

pub(crate) fn folding_ranges(
    db: &dyn SourceDatabase,
    file: SourceFile,
    config: FoldingConfig,
) -> Vec<Fold> {
    let text = file.text(db);
    let lines = base_db::line_index(db, file);
    let parse = base_db::parse(db, file);
    let mut folds = Vec::new();
    let mut comments = Vec::new();

    // Every walk of the tree is iterative (no input overflows the stack).
    let mut cursor = parse.tree().walk();
    'walk: loop {
        let node = cursor.node();
        match node.kind() {
            "comment" => comments.push(range(node)),
            "expression_case" | "default_case" | "type_case" | "communication_case" => {
                if let Some(fold) = case_fold(text, node, lines) {
                    folds.push(fold);
                }
            }
            "raw_string_literal" => {
                let r = range(node);
                if spans_lines(lines, r) {
                    folds.push(Fold {
                        range: r,
                        kind: FoldKind::Code,
                    });
                }
            }
            _ => {
                if let Some(fold) = bracket_fold(text, node, lines, config) {
                    folds.push(fold);
                }
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }

    comment_folds(text, lines, &comments, &mut folds);
    // Outer ranges before the ranges they contain, as clients expect a tree in document order.
    folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    folds.dedup_by_key(|f| f.range);
    folds
}

fn range(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte() as u32, node.end_byte() as u32)
}

/// Where `node`'s text ends, not counting trailing whitespace: a statement's node takes in the
/// line break that terminates it (Go's automatic semicolon), which belongs to no line the
/// user thinks of as the statement's.
pub(crate) fn trimmed_end(text: &str, node: Node<'_>) -> u32 {
    let (start, end) = (node.start_byte(), node.end_byte());
    let trimmed = text.get(start..end).map_or(0, |t| t.trim_end().len());
    (start + trimmed) as u32
}

fn line(lines: &LineIndex, offset: u32) -> u32 {
    lines.line_col(offset).line
}

fn spans_lines(lines: &LineIndex, r: TextRange) -> bool {
    line(lines, r.start) < line(lines, r.end)
}

/// A node's own bracket pair: its first opening bracket child and the last child closing the
/// same kind of bracket after it, with the children between them. `None` for ERROR nodes (their
/// brackets need not pair up), and when the closing bracket is missing.
pub(crate) struct Brackets<'t> {
    pub(crate) open: Node<'t>,
    pub(crate) close: Node<'t>,
    /// The first and last child strictly between the brackets, if any.
    pub(crate) inner: Option<(Node<'t>, Node<'t>)>,
}

pub(crate) fn brackets(node: Node<'_>) -> Option<Brackets<'_>> {
    if node.is_error() || node.child_count() < 2 {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    let token = |i: usize, kind: &str| children[i].kind() == kind && !children[i].is_named();
    // Braces first: a type switch has `(type)` before its `{`, and the braces are what holds
    // its body.
    let (open_at, close_at) =
        [("{", "}"), ("(", ")"), ("[", "]")]
            .into_iter()
            .find_map(|(opener, closer)| {
                let open_at = (0..children.len()).find(|&i| token(i, opener))?;
                let close_at = (open_at + 1..children.len())
                    .rev()
                    .find(|&i| token(i, closer))?;
                Some((open_at, close_at))
            })?;
    let close = children[close_at];
    if close.is_missing() || children[open_at].is_missing() {
        return None;
    }
    let inner = (close_at > open_at + 1).then(|| (children[open_at + 1], children[close_at - 1]));
    Some(Brackets {
        open: children[open_at],
        close,
        inner,
    })
}

fn bracket_fold(
    text: &str,
    node: Node<'_>,
    lines: &LineIndex,
    config: FoldingConfig,
) -> Option<Fold> {
    let b = brackets(node)?;
    let kind = if node.kind() == "import_spec_list" {
        FoldKind::Imports
    } else {
        FoldKind::Code
    };
    let open = b.open.end_byte() as u32;
    let close = b.close.start_byte() as u32;
    let fold_range = if config.line_folding_only {
        let (first, last) = b.inner?;
        let first_line = line(lines, first.start_byte() as u32);
        let last_end = trimmed_end(text, last);
        if line(lines, open) == first_line || line(lines, close) == line(lines, last_end) {
            return None;
        }
        TextRange::new(open, last_end)
    } else {
        TextRange::new(open, close)
    };
    // Folding within one line hides nothing (gopls sends such ranges in character mode; we
    // do not, since every call `f(x)` would become one).
    spans_lines(lines, fold_range).then_some(Fold {
        range: fold_range,
        kind,
    })
}

/// A case clause folds from after its colon to the end of its last statement.
fn case_fold(text: &str, node: Node<'_>, lines: &LineIndex) -> Option<Fold> {
    let mut cursor = node.walk();
    let colon = node
        .children(&mut cursor)
        .find(|c| c.kind() == ":" && !c.is_missing())?;
    let r = TextRange::new(colon.end_byte() as u32, trimmed_end(text, node));
    spans_lines(lines, r).then_some(Fold {
        range: r,
        kind: FoldKind::Code,
    })
}

/// Whether a comment is a region marker: `// region`, `//#region`, `// #endregion`, ...
fn region_marker(comment: &str) -> Option<bool> {
    let rest = comment.strip_prefix("//")?.trim_start();
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let (end, rest) = match rest.strip_prefix("end") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let rest = rest.strip_prefix("region")?;
    let word_ends = rest
        .chars()
        .next()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    word_ends.then_some(!end)
}

/// Comment groups, as go/ast groups comments (only whitespace and at most one line break
/// between them; a comment after code on its line stays a group of its own), fold from the
/// end of their first line; region markers pair up instead.
fn comment_folds(text: &str, lines: &LineIndex, comments: &[TextRange], out: &mut Vec<Fold>) {
    let mut regions: Vec<TextRange> = Vec::new();
    let mut group: Option<(TextRange, TextRange)> = None; // (first comment, whole group)
    let flush = |group: &mut Option<(TextRange, TextRange)>, out: &mut Vec<Fold>| {
        if let Some((first, whole)) = group.take() {
            let first_text = &text[first.as_usize()];
            let first_line_end =
                first.start + first_text.find('\n').unwrap_or(first_text.len()) as u32;
            let r = TextRange::new(first_line_end, whole.end);
            if spans_lines(lines, r) {
                out.push(Fold {
                    range: r,
                    kind: FoldKind::Comment,
                });
            }
        }
    };
    for &c in comments {
        let comment = &text[c.as_usize()];
        if let Some(start) = region_marker(comment) {
            flush(&mut group, out);
            if start {
                regions.push(c);
            } else if let Some(open) = regions.pop() {
                let r = TextRange::new(open.end, c.end);
                if spans_lines(lines, r) {
                    out.push(Fold {
                        range: r,
                        kind: FoldKind::Region,
                    });
                }
            }
            continue;
        }
        let joins = group.is_some_and(|(first, whole)| {
            let between = &text[whole.end as usize..c.start as usize];
            between.trim().is_empty()
                && between.matches('\n').count() <= 1
                && !after_code(text, first.start)
        });
        if joins {
            if let Some((_, whole)) = &mut group {
                whole.end = c.end;
            }
        } else {
            flush(&mut group, out);
            group = Some((c, c));
        }
    }
    flush(&mut group, out);
}

/// Whether something other than whitespace precedes `offset` on its line.
fn after_code(text: &str, offset: u32) -> bool {
    let before = &text[..offset as usize];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    !before[line_start..].trim().is_empty()
}
