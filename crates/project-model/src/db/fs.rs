//! The module graph's file-system questions answered from the database's inputs, through
//! small queries that backdate: "is there a go.mod here", "does this directory hold .go
//! files", "is this a directory". Adding a file to a directory changes its listing, re-runs
//! these few questions about it, and, when their answers stay the same, nothing that asked
//! them.

use std::{io, path::Path, sync::Arc};

use base_db::{Directory, SourceDatabase, directory, file};

use crate::modules::ModFs;

/// What a directory entry is, as its parent's listing says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    File,
    Dir,
    /// A symbolic link: whether it leads to a directory takes another look.
    Symlink,
}

/// A file name, interned so that it can key [`entry_kind`]. Never collected: the names asked
/// about are few (go.mod, go.work, vendor, modules.txt and package directories).
#[salsa::interned(revisions = usize::MAX, debug)]
pub struct EntryName<'db> {
    #[returns(ref)]
    pub name: String,
}

/// What `name` is in `dir`, if it is there.
#[salsa::tracked(returns(copy))]
pub fn entry_kind<'db>(
    db: &'db dyn SourceDatabase,
    dir: Directory,
    name: EntryName<'db>,
) -> Option<EntryKind> {
    let listing = dir.listing(db).as_ref().ok()?;
    let name = name.name(db);
    let entry = listing
        .iter()
        .find(|e| e.path.file_name().is_some_and(|n| *n == **name))?;
    Some(if entry.is_symlink {
        EntryKind::Symlink
    } else if entry.is_dir {
        EntryKind::Dir
    } else {
        EntryKind::File
    })
}

/// Whether the directory can be listed (it exists, and is one or links to one).
#[salsa::tracked(returns(copy))]
pub fn dir_exists(db: &dyn SourceDatabase, dir: Directory) -> bool {
    dir.listing(db).is_ok()
}

/// Whether the directory holds a `.go` file (the go command's test for "has a package").
#[salsa::tracked(returns(copy))]
pub fn dir_has_go_files(db: &dyn SourceDatabase, dir: Directory) -> bool {
    let Ok(listing) = dir.listing(db) else {
        return false;
    };
    listing.iter().any(|e| {
        !e.is_dir
            && e.path.extension().is_some_and(|x| x == "go")
            && !(e.is_symlink && dir_exists(db, directory(db, &e.path)))
    })
}

/// [`ModFs`] over the database: every answer is a tracked read.
#[derive(Clone, Copy)]
pub struct DbFs<'db> {
    pub db: &'db dyn SourceDatabase,
}

impl std::fmt::Debug for DbFs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbFs")
    }
}

impl<'db> DbFs<'db> {
    pub fn new(db: &'db dyn SourceDatabase) -> DbFs<'db> {
        DbFs { db }
    }

    /// What `path` is, from its parent's listing; `None` for a root (which has no parent).
    pub fn entry(&self, path: &Path) -> Option<EntryKind> {
        let (parent, name) = (path.parent()?, path.file_name()?);
        let name = EntryName::new(self.db, name.to_string_lossy().into_owned());
        entry_kind(self.db, directory(self.db, parent), name)
    }

    fn is_root(path: &Path) -> bool {
        path.parent().is_none()
    }
}

impl ModFs for DbFs<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.entry(path) {
            Some(EntryKind::Dir) => Err(io::Error::from(io::ErrorKind::IsADirectory)),
            Some(EntryKind::Symlink) if self.is_dir(path) => {
                Err(io::Error::from(io::ErrorKind::IsADirectory))
            }
            Some(EntryKind::File | EntryKind::Symlink) => {
                Ok(file(self.db, path).text(self.db).as_bytes().to_vec())
            }
            None => Err(io::Error::from(io::ErrorKind::NotFound)),
        }
    }

    fn is_dir(&self, path: &Path) -> bool {
        match self.entry(path) {
            Some(EntryKind::Dir) => true,
            Some(EntryKind::File) => false,
            Some(EntryKind::Symlink) => dir_exists(self.db, directory(self.db, path)),
            None => Self::is_root(path) && dir_exists(self.db, directory(self.db, path)),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        self.entry(path).is_some() || (Self::is_root(path) && self.is_dir(path))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        let dir = directory(self.db, path);
        let listing: &Result<Arc<[base_db::DirEntry]>, _> = dir.listing(self.db);
        match listing {
            Ok(entries) => Ok(entries
                .iter()
                .filter_map(|e| e.path.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect()),
            Err(err) => Err(io::Error::new(err.kind, err.message.clone())),
        }
    }

    fn has_go_files(&self, dir: &Path) -> bool {
        dir_has_go_files(self.db, directory(self.db, dir))
    }
}
