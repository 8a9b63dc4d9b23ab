//! The salsa database's foundation: file inputs, the parse and lowering queries, and the
//! file-system trait through which all analysis I/O goes.
//!
//! **Architecture Invariant**: nothing below `ide` touches the disk directly. Files enter the
//! database as [`SourceFile`] inputs, read through a [`FileSystem`], so tests run on an
//! in-memory tree and the server can invalidate on file-watch events.

mod fs;
mod input;

pub use fs::{DirEntry, FileSystem, MemoryFileSystem, OsFileSystem, decode_source};
pub use input::{EditedTree, SourceFile, file_ast, line_index, parse};

/// The database trait every layer above extends.
#[salsa::db]
pub trait SourceDatabase: salsa::Database {}
