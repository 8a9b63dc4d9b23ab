//! The database's view of the file system: one [`SourceFile`] input per file and one
//! [`Directory`] input per directory that anything asked about, created on first use by
//! reading through the [`FileSystem`], and brought up to date only when told that something
//! changed ([`Vfs::refresh`], fed by file-watching events).
//!
//! Granularity: a directory's listing is one input, a file's text another. Queries that need
//! less than a whole listing (does `go.mod` exist here? does this directory hold `.go` files?)
//! are small tracked queries over it, so that adding a file re-runs them but, when their answer
//! is unchanged, nothing that depends on them (salsa backdates).
//!
//! Inputs are created lazily, from inside queries too (salsa's "lazy input" pattern): the
//! first question about a path reads it, and the [`Vfs`] remembers the input so that every
//! later question, in any snapshot, gets the same one.

use std::{
    collections::{BTreeSet, HashMap, HashSet},
    io,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, MutexGuard},
};

use salsa::Setter;

use crate::{DirEntry, FileSystem, SourceDatabase, SourceFile, decode_source};

/// A directory as last read: its entries (sorted by name), or why they could not be read.
#[salsa::input(debug)]
pub struct Directory {
    #[returns(ref)]
    pub path: PathBuf,
    #[returns(ref)]
    pub listing: Listing,
}

/// The entries of a directory, or the error reading it gave.
pub type Listing = Result<Arc<[DirEntry]>, FsError>;

/// An I/O error, kept as data so that it can be a query's input and compared.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FsError {
    pub kind: io::ErrorKind,
    /// The operating system's wording, lower case and without `(os error N)`:
    /// `permission denied`, `too many levels of symbolic links`.
    pub message: String,
}

impl FsError {
    pub fn new(err: &io::Error) -> FsError {
        let message = match err.kind() {
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::NotADirectory => "not a directory".to_string(),
            io::ErrorKind::IsADirectory => "is a directory".to_string(),
            _ => {
                let text = err.to_string();
                let text = match text.find(" (os error") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                let mut chars = text.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => text,
                }
            }
        };
        FsError {
            kind: err.kind(),
            message,
        }
    }
}

impl std::fmt::Display for FsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a watcher reports about a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Created,
    Changed,
    Deleted,
}

/// The registry of file and directory inputs, shared by the database and its snapshots.
#[derive(Clone)]
pub struct Vfs {
    fs: Arc<dyn FileSystem>,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    files: HashMap<PathBuf, SourceFile>,
    dirs: HashMap<PathBuf, Directory>,
    /// Files whose text the editor owns: file-system events leave them alone.
    open: HashSet<PathBuf>,
}

impl std::fmt::Debug for Vfs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("Vfs")
            .field("files", &state.files.len())
            .field("dirs", &state.dirs.len())
            .finish_non_exhaustive()
    }
}

/// Reads a file for the database: its text, and whether it had to be decoded lossily. A file
/// that cannot be read is empty (a Go file without a package clause then says so).
fn read_text(fs: &dyn FileSystem, path: &Path) -> (Arc<str>, bool) {
    match fs.read(path) {
        Ok(bytes) => {
            let (text, lossy) = decode_source(bytes);
            (text.into(), lossy)
        }
        Err(_) => (Arc::from(""), false),
    }
}

fn read_listing(fs: &dyn FileSystem, path: &Path) -> Listing {
    fs.read_dir(path)
        .map(Arc::from)
        .map_err(|err| FsError::new(&err))
}

impl Vfs {
    pub fn new(fs: Arc<dyn FileSystem>) -> Vfs {
        Vfs {
            fs,
            state: Arc::default(),
        }
    }

    pub fn file_system(&self) -> &dyn FileSystem {
        &*self.fs
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The input of the file at `path`, read through the file system the first time.
    pub fn file(&self, db: &dyn SourceDatabase, path: &Path) -> SourceFile {
        let mut state = self.lock();
        if let Some(&file) = state.files.get(path) {
            return file;
        }
        let (text, lossy) = read_text(&*self.fs, path);
        let file = SourceFile::new(db, path.to_path_buf(), text, lossy, None);
        state.files.insert(path.to_path_buf(), file);
        file
    }

    /// The input of the file at `path`, if anything asked for it already.
    pub fn existing_file(&self, path: &Path) -> Option<SourceFile> {
        self.lock().files.get(path).copied()
    }

    /// The input of the file at `path`, created with `text` if there is none yet (then the
    /// second value is `true`). One lock covers both, so that a query creating the same input
    /// at the same time cannot end up with another one.
    pub fn file_or_create(
        &self,
        db: &dyn SourceDatabase,
        path: &Path,
        text: Arc<str>,
        lossy: bool,
    ) -> (SourceFile, bool) {
        let mut state = self.lock();
        if let Some(&file) = state.files.get(path) {
            return (file, false);
        }
        let file = SourceFile::new(db, path.to_path_buf(), text, lossy, None);
        state.files.insert(path.to_path_buf(), file);
        (file, true)
    }

    /// The input of the directory at `path`, listed through the file system the first time.
    pub fn directory(&self, db: &dyn SourceDatabase, path: &Path) -> Directory {
        let mut state = self.lock();
        if let Some(&dir) = state.dirs.get(path) {
            return dir;
        }
        let listing = read_listing(&*self.fs, path);
        let dir = Directory::new(db, path.to_path_buf(), listing);
        state.dirs.insert(path.to_path_buf(), dir);
        dir
    }

    /// The input of the directory at `path`, if anything asked about it already.
    pub fn existing_directory(&self, path: &Path) -> Option<Directory> {
        self.lock().dirs.get(path).copied()
    }

    /// Marks `path` as owned by the editor (`true`) or by the disk again (`false`).
    pub fn set_open(&self, path: &Path, open: bool) {
        let mut state = self.lock();
        if open {
            state.open.insert(path.to_path_buf());
        } else {
            state.open.remove(path);
        }
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.lock().open.contains(path)
    }

    /// Brings the inputs about `path` up to date after it changed in an unknown way; see
    /// [`Vfs::refresh_changes`].
    pub fn refresh(&self, db: &mut dyn SourceDatabase, path: &Path) -> usize {
        self.refresh_changes(db, &[(path.to_path_buf(), ChangeKind::Created)])
    }

    /// Brings the inputs about changed paths up to date with the file system, after a watcher
    /// reported them: each path's file text (unless the editor owns it) and its directory's
    /// listing; for a path created or deleted, also the listings of its known ancestors (a new
    /// directory is an entry of its parent) and of every known directory under it (a
    /// directory deleted or moved as a whole). Each input is read once per batch and set only
    /// when what is read differs from what it holds, so a spurious event costs a read and no
    /// re-computation.
    ///
    /// Returns how many inputs changed.
    pub fn refresh_changes(
        &self,
        db: &mut dyn SourceDatabase,
        changes: &[(PathBuf, ChangeKind)],
    ) -> usize {
        let targets: BTreeSet<PathBuf> = {
            let state = self.lock();
            let mut targets = BTreeSet::new();
            for (path, kind) in changes {
                targets.insert(path.clone());
                if let Some(parent) = path.parent() {
                    targets.insert(parent.to_path_buf());
                }
                if *kind == ChangeKind::Changed {
                    continue;
                }
                targets.extend(
                    path.ancestors()
                        .skip(2)
                        .filter(|a| state.dirs.contains_key(*a))
                        .map(Path::to_path_buf),
                );
                targets.extend(
                    state
                        .dirs
                        .keys()
                        .filter(|d| d.starts_with(path) && *d != path)
                        .cloned(),
                );
            }
            targets
        };
        targets.iter().map(|path| self.refresh_one(db, path)).sum()
    }

    /// Re-reads every known file (but open ones) and directory: for a client that cannot
    /// watch files, or after the watcher lost events.
    pub fn refresh_all(&self, db: &mut dyn SourceDatabase) -> usize {
        let (files, dirs): (Vec<PathBuf>, Vec<PathBuf>) = {
            let state = self.lock();
            (
                state.files.keys().cloned().collect(),
                state.dirs.keys().cloned().collect(),
            )
        };
        let mut changed = 0;
        for path in files.iter().chain(&dirs) {
            changed += self.refresh_one(db, path);
        }
        changed
    }

    fn refresh_one(&self, db: &mut dyn SourceDatabase, path: &Path) -> usize {
        let (file, dir) = {
            let state = self.lock();
            let file = state
                .files
                .get(path)
                .copied()
                .filter(|_| !state.open.contains(path));
            (file, state.dirs.get(path).copied())
        };
        let mut changed = 0;
        if let Some(file) = file {
            let (text, lossy) = read_text(&*self.fs, path);
            if *file.text(db) != text || *file.lossy(db) != lossy {
                file.set_text(db).to(text);
                file.set_lossy(db).to(lossy);
                file.set_reuse(db).to(None);
                changed += 1;
            }
        }
        if let Some(dir) = dir {
            let listing = read_listing(&*self.fs, path);
            if *dir.listing(db) != listing {
                let _previous = dir.set_listing(db).to(listing);
                changed += 1;
            }
        }
        changed
    }

    /// Sets a directory's listing directly (a client that reports listings itself, tests).
    pub fn set_listing(&self, db: &mut dyn SourceDatabase, path: &Path, listing: Listing) {
        let dir = self.directory(db, path);
        if *dir.listing(db) != listing {
            let _previous = dir.set_listing(db).to(listing);
        }
    }
}
