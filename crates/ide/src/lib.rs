//! The analysis API: what the server and `check` ask of the database.
//!
//! **API Boundary**: [`AnalysisHost`] takes changes (it is the only writer); [`Analysis`] is an
//! immutable snapshot answering queries, every one `Cancellable`: when the host applies a
//! change, outstanding snapshots are cancelled and their queries return `Err(Cancelled)`.
//! Results are plain data (byte offsets, file ids, strings): no LSP types, no UTF-16.

mod db;
mod diagnostics;
mod host;

pub use base_db::{FileSystem, MemoryFileSystem, OsFileSystem};
pub use db::EventLog;
pub use diagnostics::{Diagnostic, Severity};
pub use host::{Analysis, AnalysisHost, FileId};
pub use syntax::{LineCol, LineIndex, TextEdit, TextRange};

/// A query result, or the news that a change arrived while computing it.
pub type Cancellable<T> = Result<T, salsa::Cancelled>;
pub use salsa::Cancelled;
