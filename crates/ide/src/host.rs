//! [`AnalysisHost`], the single writer, and [`Analysis`], the snapshot readers use.

use std::{
    io,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{ChangeKind, EditedTree, FileSystem, Listing, SourceFile, decode_source};
use project_model::db::{self as project, Settings};
use salsa::{Cancelled, Setter};
use syntax::TextEdit;

use crate::{
    Cancellable,
    db::{EventLog, RootDatabase},
    diagnostics::{self, Diagnostic},
    packages::{self, PackageInfo},
};

/// A file known to the analysis.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct FileId(pub(crate) SourceFile);

/// A change a file watcher reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub kind: ChangeKind,
}

/// Owns the database and applies changes to it. Not `Sync`: exactly one task owns it, and all
/// changes reach that task in order.
pub struct AnalysisHost {
    db: RootDatabase,
}

impl std::fmt::Debug for AnalysisHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisHost")
            .field("vfs", &self.db.vfs)
            .finish_non_exhaustive()
    }
}

impl AnalysisHost {
    pub fn new(fs: Arc<dyn FileSystem>) -> AnalysisHost {
        Self::with_db(RootDatabase::new(fs, None))
    }

    /// A host whose database records every query execution in `log`.
    pub fn with_event_log(fs: Arc<dyn FileSystem>, log: EventLog) -> AnalysisHost {
        Self::with_db(RootDatabase::new(fs, Some(log)))
    }

    fn with_db(mut db: RootDatabase) -> AnalysisHost {
        project::set_settings(&mut db, Settings::default());
        AnalysisHost { db }
    }

    /// A snapshot for reading. Cheap; cancelled by the next change.
    pub fn analysis(&self) -> Analysis {
        Analysis {
            db: self.db.clone(),
        }
    }

    /// The workspace's configuration: toolchain, environment, build configuration, roots.
    /// Only what differs from the current settings is changed (and invalidated).
    pub fn set_project_settings(&mut self, settings: Settings) {
        project::set_settings(&mut self.db, settings);
    }

    pub fn project_settings(&self) -> Settings {
        project::settings(&self.db)
    }

    /// The file at `path`, if known.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.db.vfs.existing_file(path).map(FileId)
    }

    /// The file at `path`: known already, or read through the file system now (empty if it
    /// cannot be read). Unlike [`AnalysisHost::load_file`], a known file's text is kept.
    pub fn file(&self, path: &Path) -> FileId {
        FileId(self.db.vfs.file(&self.db, path))
    }

    pub fn file_path(&self, file: FileId) -> &Path {
        file.0.path(&self.db)
    }

    /// Sets the whole text of `path` (it changed on disk, or a tool has a newer version).
    pub fn set_file_text(&mut self, path: &Path, text: String) -> FileId {
        self.set_text(path, text, false)
    }

    /// An editor opened `path` with `text`: from now on the editor's text is the file's, and
    /// file-system events leave it alone until [`AnalysisHost::close_file`].
    pub fn open_file(&mut self, path: &Path, text: String) -> FileId {
        self.db.vfs.set_open(path, true);
        self.set_text(path, text, false)
    }

    /// The editor closed the file: its text is the disk's again (empty if it is gone).
    pub fn close_file(&mut self, file: FileId) {
        let path = file.0.path(&self.db).clone();
        let vfs = self.db.vfs.clone();
        vfs.set_open(&path, false);
        vfs.refresh(&mut self.db, &path);
    }

    /// Reads `path` through the file system; bytes that are not UTF-8 are replaced and the
    /// file's diagnostics say so.
    pub fn load_file(&mut self, path: &Path) -> io::Result<FileId> {
        let bytes = self.db.vfs.file_system().read(path)?;
        let (text, lossy) = decode_source(bytes);
        Ok(self.set_text(path, text, lossy))
    }

    fn set_text(&mut self, path: &Path, text: String, lossy: bool) -> FileId {
        let text: Arc<str> = text.into();
        let (file, created) = self
            .db
            .vfs
            .file_or_create(&self.db, path, text.clone(), lossy);
        if created {
            return FileId(file);
        }
        // Setting an input to what it holds would still start a new revision.
        if *file.text(&self.db) != text {
            file.set_text(&mut self.db).to(text);
            file.set_reuse(&mut self.db).to(None);
        }
        if *file.lossy(&self.db) != lossy {
            file.set_lossy(&mut self.db).to(lossy);
        }
        FileId(file)
    }

    /// Applies edits in order, each relative to the result of the previous one, and keeps the
    /// edited syntax tree so that the next parse is incremental. Returns the new text.
    pub fn apply_edits(&mut self, file: FileId, edits: &[TextEdit]) -> Arc<str> {
        let mut text = file.0.text(&self.db).to_string();
        // The last tree parsed, if any, edited along with the text. Computing it here (rather
        // than keeping a copy) costs nothing when the file was parsed, which it was if open.
        let mut tree = base_db::parse(&self.db, file.0).tree().clone();
        for edit in edits {
            syntax::apply_edit(&mut text, Some(&mut tree), edit);
        }
        let text: Arc<str> = text.into();
        file.0.set_text(&mut self.db).to(text.clone());
        file.0
            .set_reuse(&mut self.db)
            .to(Some(EditedTree(Arc::new(tree))));
        text
    }

    /// File-system events (from the editor's file watcher): each path's file text, its
    /// directory's listing and, for a path created or deleted, the listings of its ancestors
    /// and of the directories under it are read again through the file system, once per
    /// batch, and only what differs is set. Files open in an editor keep the
    /// editor's text. Returns how many inputs changed.
    pub fn did_change_watched_files(&mut self, changes: &[FileChange]) -> usize {
        let vfs = self.db.vfs.clone();
        let changes: Vec<(PathBuf, ChangeKind)> = changes
            .iter()
            .map(|change| (change.path.clone(), change.kind))
            .collect();
        vfs.refresh_changes(&mut self.db, &changes)
    }

    /// Reads every known file and directory again (a client without file watching, or
    /// events lost). Returns how many inputs changed.
    pub fn refresh_all(&mut self) -> usize {
        let vfs = self.db.vfs.clone();
        vfs.refresh_all(&mut self.db)
    }

    /// Sets a directory's listing directly, instead of reading it through the file system.
    pub fn set_dir_listing(&mut self, dir: &Path, listing: Listing) {
        let vfs = self.db.vfs.clone();
        vfs.set_listing(&mut self.db, dir, listing);
    }

    /// Drops memoized results beyond the LRU bounds (parse trees, ASTs). salsa only evicts when
    /// asked or when a revision changes, so a batch run over thousands of files calls this
    /// between batches to keep memory flat.
    pub fn collect_garbage(&mut self) {
        use salsa::Database;
        self.db.trigger_lru_eviction();
    }

    /// Forgets a file's contents (its text becomes empty); the id stays valid.
    pub fn remove_file(&mut self, file: FileId) {
        file.0.set_text(&mut self.db).to(Arc::from(""));
        file.0.set_reuse(&mut self.db).to(None);
    }
}

/// An immutable view of the database at one revision.
pub struct Analysis {
    db: RootDatabase,
}

impl std::fmt::Debug for Analysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analysis")
    }
}

impl Analysis {
    fn with_db<T>(&self, f: impl FnOnce(&RootDatabase) -> T) -> Cancellable<T> {
        // Unwind safety: a cancelled query leaves salsa's storage consistent by design, and the
        // snapshot is read-only; nothing half-updated can be observed after the unwind.
        let db = std::panic::AssertUnwindSafe(&self.db);
        let f = std::panic::AssertUnwindSafe(f);
        Cancelled::catch(move || {
            let db = db;
            let f = f;
            (f.0)(db.0)
        })
    }

    pub fn file_text(&self, file: FileId) -> Cancellable<Arc<str>> {
        self.with_db(|db| file.0.text(db).clone())
    }

    pub fn file_path(&self, file: FileId) -> Cancellable<PathBuf> {
        self.with_db(|db| file.0.path(db).clone())
    }

    pub fn line_index(&self, file: FileId) -> Cancellable<syntax::LineIndex> {
        self.with_db(|db| base_db::line_index(db, file.0).clone())
    }

    /// All diagnostics of a file (at this stage: syntax and encoding errors).
    pub fn diagnostics(&self, file: FileId) -> Cancellable<Vec<Diagnostic>> {
        self.with_db(|db| diagnostics::file_diagnostics(db, file.0))
    }

    /// The type errors of `file`, from a check of its package (and its dependencies, without
    /// their function bodies). Empty while the package has syntax errors, for a file its
    /// configuration excludes, and when no project settings were given.
    pub fn type_diagnostics(&self, file: FileId) -> Cancellable<Vec<Diagnostic>> {
        self.with_db(|db| crate::typecheck::file_type_errors(db, file.0))
    }

    /// What the analyzers need to run over `file`'s package ([`crate::Analyzers`] runs them,
    /// with no snapshot held). `None` where there are no type errors either, and while a file
    /// of the package has syntax errors.
    pub fn analyzer_inputs(&self, file: FileId) -> Cancellable<Option<crate::AnalyzerInputs>> {
        self.with_db(|db| crate::analyzer_diagnostics::file_analyzer_inputs(db, file.0))
    }

    /// The package `file` belongs to, as `go list` would list it, and the build configuration
    /// it was loaded for (another than the workspace's when that one excludes the file).
    /// `None` for a file directly in GOROOT/src or without a directory.
    pub fn package_for_file(&self, file: FileId) -> Cancellable<Option<PackageInfo>> {
        self.with_db(|db| packages::package_for_file(db, file.0))
    }

    /// The package in `dir` under the workspace's configuration.
    pub fn package_for_dir(
        &self,
        dir: &Path,
    ) -> Cancellable<Option<Arc<project_model::load::Package>>> {
        self.with_db(|db| project::package_of_dir(db, dir, None))
    }

    /// Where `import_path`, imported by the package in `from_dir`, leads; or the go
    /// command's error.
    pub fn resolve_import(
        &self,
        from_dir: &Path,
        import_path: &str,
    ) -> Cancellable<Result<project_model::load::Resolved, String>> {
        self.with_db(|db| project::resolve_import_from(db, from_dir, import_path))
    }

    /// What the identifier at `offset` denotes, as Markdown; `None` where nothing is known
    /// (no identifier there, or its package is not type-checked).
    pub fn hover(&self, file: FileId, offset: u32) -> Cancellable<Option<crate::HoverResult>> {
        self.with_db(|db| crate::hover::hover(db, file.0, offset))
    }

    /// The signature of the call whose parentheses hold `offset`, with the parameter the
    /// cursor is at; `None` outside calls and where the callee is unknown.
    pub fn signature_help(
        &self,
        file: FileId,
        offset: u32,
    ) -> Cancellable<Option<crate::SignatureHelp>> {
        self.with_db(|db| crate::signature_help::signature_help(db, file.0, offset))
    }

    /// The ranges of `file` an editor can fold, from its syntax tree (also where it has
    /// syntax errors), outer ranges first.
    pub fn folding_ranges(
        &self,
        file: FileId,
        config: crate::FoldingConfig,
    ) -> Cancellable<Vec<crate::Fold>> {
        self.with_db(|db| crate::folding_ranges::folding_ranges(db, file.0, config))
    }

    /// The syntax nodes enclosing `offset`, innermost first, out to the whole file; empty past
    /// the end of the file.
    pub fn selection_ranges(
        &self,
        file: FileId,
        offset: u32,
    ) -> Cancellable<Vec<syntax::TextRange>> {
        self.with_db(|db| crate::selection_ranges::selection_ranges(db, file.0, offset))
    }

    /// The outline of `file`: its declarations, types with their fields or methods.
    pub fn document_symbols(&self, file: FileId) -> Cancellable<Vec<crate::DocumentSymbol>> {
        self.with_db(|db| crate::symbols::document_symbols(db, file.0))
    }

    /// The declarations of the workspace's packages and of the standard library whose names
    /// match `query` fuzzily, best first, at most `limit`.
    pub fn workspace_symbols(
        &self,
        query: &str,
        limit: usize,
    ) -> Cancellable<Vec<crate::WorkspaceSymbol>> {
        self.with_db(|db| crate::symbols::workspace_symbols(db, query, limit))
    }

    /// What can be written at `offset`, best first; empty inside comments and strings, past
    /// the end, and in a file without a package clause.
    pub fn completions(
        &self,
        file: FileId,
        offset: u32,
        config: crate::CompletionConfig,
    ) -> Cancellable<Vec<crate::CompletionItem>> {
        self.with_db(|db| crate::completion::completions(db, file.0, offset, config))
    }

    /// Where the object the identifier at `offset` denotes is declared.
    pub fn goto_definition(
        &self,
        file: FileId,
        offset: u32,
    ) -> Cancellable<Vec<crate::NavigationTarget>> {
        self.with_db(|db| crate::goto_definition::goto_definition(db, file.0, offset))
    }

    /// Where the type of the object at `offset` is declared.
    pub fn goto_type_definition(
        &self,
        file: FileId,
        offset: u32,
    ) -> Cancellable<Vec<crate::NavigationTarget>> {
        self.with_db(|db| crate::goto_definition::goto_type_definition(db, file.0, offset))
    }

    /// For an interface type at `offset`, the workspace's types implementing it; for another
    /// named type, the interfaces it implements.
    pub fn implementations(
        &self,
        file: FileId,
        offset: u32,
    ) -> Cancellable<Vec<crate::NavigationTarget>> {
        self.with_db(|db| crate::implementation::implementations(db, file.0, offset))
    }

    /// The identifiers of `file` that denote the object at `offset`, declaring or writing it
    /// or reading it.
    pub fn highlights(&self, file: FileId, offset: u32) -> Cancellable<Vec<crate::Highlight>> {
        self.with_db(|db| crate::references::highlights(db, file.0, offset))
    }

    /// Every identifier in the workspace (and the declaring package) that denotes the object
    /// at `offset`; its declaration too if `include_declaration`.
    pub fn references(
        &self,
        file: FileId,
        offset: u32,
        include_declaration: bool,
    ) -> Cancellable<Vec<crate::NavigationTarget>> {
        self.with_db(|db| crate::references::references(db, file.0, offset, include_declaration))
    }

    /// The syntax tree as an S-expression, for debugging and tests.
    pub fn debug_syntax_tree(&self, file: FileId) -> Cancellable<String> {
        self.with_db(|db| base_db::parse(db, file.0).debug_tree())
    }
}
