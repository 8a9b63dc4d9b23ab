//! The salsa database's foundation: file and directory inputs, the parse and lowering queries,
//! and the file-system trait through which all analysis I/O goes.
//!
//! **Architecture Invariant**: nothing below `ide` touches the disk directly. Files and
//! directory listings enter the database as [`SourceFile`] and [`Directory`] inputs, read
//! through a [`FileSystem`] by the [`Vfs`], so tests run on an in-memory tree and the server
//! invalidates on file-watch events ([`Vfs::refresh`]).

mod fs;
mod input;
mod vfs;

use std::path::Path;

pub use fs::{DirEntry, FileSystem, MemoryFileSystem, OsFileSystem, decode_source};
pub use input::{EditedTree, SourceFile, file_ast, line_index, parse};
pub use vfs::{ChangeKind, Directory, FsError, Listing, Vfs};

/// The database trait every layer above extends.
#[salsa::db]
pub trait SourceDatabase: salsa::Database {
    /// The registry of file and directory inputs.
    fn vfs(&self) -> &Vfs;
}

/// The file at `path`, as an input (created on first use).
pub fn file(db: &dyn SourceDatabase, path: &Path) -> SourceFile {
    db.vfs().file(db, path)
}

/// The directory at `path`, as an input (listed on first use).
pub fn directory(db: &dyn SourceDatabase, path: &Path) -> Directory {
    db.vfs().directory(db, path)
}
