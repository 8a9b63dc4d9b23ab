//! [`AnalysisHost`], the single writer, and [`Analysis`], the snapshot readers use.

use std::{
    collections::HashMap,
    io,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{EditedTree, FileSystem, SourceFile, decode_source};
use salsa::{Cancelled, Setter};
use syntax::TextEdit;

use crate::{
    Cancellable,
    db::{EventLog, RootDatabase},
    diagnostics::{self, Diagnostic},
};

/// A file known to the analysis.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct FileId(pub(crate) SourceFile);

/// Owns the database and applies changes to it. Not `Sync`: exactly one task owns it, and all
/// changes reach that task in order.
pub struct AnalysisHost {
    db: RootDatabase,
    files: HashMap<PathBuf, FileId>,
}

impl std::fmt::Debug for AnalysisHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisHost")
            .field("files", &self.files.len())
            .finish_non_exhaustive()
    }
}

impl AnalysisHost {
    pub fn new(fs: Arc<dyn FileSystem>) -> AnalysisHost {
        AnalysisHost {
            db: RootDatabase::new(fs, None),
            files: HashMap::new(),
        }
    }

    /// A host whose database records every query execution in `log`.
    pub fn with_event_log(fs: Arc<dyn FileSystem>, log: EventLog) -> AnalysisHost {
        AnalysisHost {
            db: RootDatabase::new(fs, Some(log)),
            files: HashMap::new(),
        }
    }

    /// A snapshot for reading. Cheap; cancelled by the next change.
    pub fn analysis(&self) -> Analysis {
        Analysis {
            db: self.db.clone(),
        }
    }

    /// The file at `path`, if known.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.files.get(path).copied()
    }

    pub fn file_path(&self, file: FileId) -> &Path {
        file.0.path(&self.db)
    }

    /// Sets the whole text of `path` (an editor opened it, or it changed on disk).
    pub fn set_file_text(&mut self, path: &Path, text: String) -> FileId {
        self.set_text(path, text, false)
    }

    /// Reads `path` through the file system; bytes that are not UTF-8 are replaced and the
    /// file's diagnostics say so.
    pub fn load_file(&mut self, path: &Path) -> io::Result<FileId> {
        let bytes = self.db.fs.read(path)?;
        let (text, lossy) = decode_source(bytes);
        Ok(self.set_text(path, text, lossy))
    }

    fn set_text(&mut self, path: &Path, text: String, lossy: bool) -> FileId {
        let text: Arc<str> = text.into();
        match self.files.get(path) {
            Some(&file) => {
                file.0.set_text(&mut self.db).to(text);
                file.0.set_lossy(&mut self.db).to(lossy);
                file.0.set_reuse(&mut self.db).to(None);
                file
            }
            None => {
                let file = FileId(SourceFile::new(
                    &self.db,
                    path.to_path_buf(),
                    text,
                    lossy,
                    None,
                ));
                self.files.insert(path.to_path_buf(), file);
                file
            }
        }
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

    pub fn line_index(&self, file: FileId) -> Cancellable<syntax::LineIndex> {
        self.with_db(|db| base_db::line_index(db, file.0).clone())
    }

    /// All diagnostics of a file (at this stage: syntax and encoding errors).
    pub fn diagnostics(&self, file: FileId) -> Cancellable<Vec<Diagnostic>> {
        self.with_db(|db| diagnostics::file_diagnostics(db, file.0))
    }

    /// The syntax tree as an S-expression, for debugging and tests.
    pub fn debug_syntax_tree(&self, file: FileId) -> Cancellable<String> {
        self.with_db(|db| base_db::parse(db, file.0).debug_tree())
    }
}
