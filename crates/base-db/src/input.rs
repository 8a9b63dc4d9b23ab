//! File inputs and the per-file syntax queries.
//!
//! Granularity: one [`SourceFile`] input per file; `parse` and `line_index` are per file. An
//! edit to one file re-parses that file only. `parse` is `no_eq` (a tree-sitter tree has no
//! useful equality); everything that must stay stable across edits is derived from it by
//! later queries that do compare equal, and so firewall their dependents.

use std::{path::PathBuf, sync::Arc};

use syntax::{LineIndex, Parse, Tree};

use crate::SourceDatabase;

/// A Go source file known to the database.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: PathBuf,
    #[returns(ref)]
    pub text: Arc<str>,
    /// Set when the bytes on disk were not valid UTF-8 and `text` was decoded lossily (each bad
    /// sequence became U+FFFD); diagnostics say so.
    pub lossy: bool,
    /// The previous tree, already edited to match `text`, for tree-sitter to reuse.
    #[returns(ref)]
    pub reuse: Option<EditedTree>,
}

/// A syntax tree brought up to date with edits (see [`syntax::apply_edit`]) but not yet
/// re-parsed. Compares by identity: it is only ever replaced, never compared for content.
#[derive(Clone)]
pub struct EditedTree(pub Arc<Tree>);

impl PartialEq for EditedTree {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for EditedTree {}

impl std::fmt::Debug for EditedTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EditedTree")
    }
}

/// The file parsed, reusing the edited previous tree when there is one.
///
/// Trees are the bulkiest thing we hold (several times the text), and after lowering only
/// open files need theirs again, so salsa keeps the most recently used few and re-parses the
/// others on demand.
#[salsa::tracked(returns(ref), no_eq, lru = 128)]
pub fn parse(db: &dyn SourceDatabase, file: SourceFile) -> Parse {
    let text = file.text(db);
    let reuse = file.reuse(db);
    syntax::parse_with(text, reuse.as_ref().map(|t| &*t.0))
}

/// The file's typed AST. Compares equal across edits that change nothing it records (an edit
/// inside a comment, say), so queries reading it are not re-run then.
///
/// LRU-bounded like `parse`: a batch check of thousands of files must not hold every AST at
/// once. (The checker's per-file summaries, small and offset-free, are what stays.)
/// Shared (`Arc`) so that the checker can hold a package's ASTs without copying them.
#[salsa::tracked(returns(ref), lru = 1024)]
pub fn file_ast(db: &dyn SourceDatabase, file: SourceFile) -> std::sync::Arc<syntax::ast::File> {
    std::sync::Arc::new(syntax::lower(file.text(db), parse(db, file).tree()))
}

/// Line starts of the file's text, for offset <-> line/column conversion.
#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn SourceDatabase, file: SourceFile) -> LineIndex {
    LineIndex::new(file.text(db))
}
