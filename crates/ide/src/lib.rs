//! The analysis API: what the server and `check` ask of the database.
//!
//! **API Boundary**: [`AnalysisHost`] takes changes (it is the only writer); [`Analysis`] is an
//! immutable snapshot answering queries, every one `Cancellable`: when the host applies a
//! change, outstanding snapshots are cancelled and their queries return `Err(Cancelled)`.
//! Results are plain data (byte offsets, file ids, strings): no LSP types, no UTF-16.
//!
//! Files and directories enter through the host: editors' texts ([`AnalysisHost::open_file`],
//! [`AnalysisHost::apply_edits`]), and everything else read lazily through the file system and
//! re-read on file-watching events ([`AnalysisHost::did_change_watched_files`]). The package
//! graph (`project_model::db`) is derived from those inputs incrementally.

mod analyzer_diagnostics;
mod completion;
mod db;
mod diagnostics;
mod doc_markdown;
mod folding_ranges;
mod goto_definition;
mod host;
mod hover;
mod implementation;
mod objstring;
mod packages;
mod references;
mod selection_ranges;
mod signature_help;
mod symbols;
mod typecheck;
mod workspace;

pub use analyzer_diagnostics::{
    AnalyzerInputs, AnalyzerNames, Analyzers, FileEdit, Finding, Fix, PackageFindings,
    run_analyzers,
};
pub use base_db::{
    ChangeKind, DirEntry, FileSystem, FsError, Listing, MemoryFileSystem, OsFileSystem,
};
pub use completion::{COMPLETION_LIMIT, CompletionConfig, CompletionItem, CompletionKind};
pub use db::EventLog;
pub use diagnostics::{Diagnostic, Severity};
pub use folding_ranges::{Fold, FoldKind, FoldingConfig};
pub use goto_definition::NavigationTarget;
pub use host::{Analysis, AnalysisHost, FileChange, FileId};
pub use hover::HoverResult;
pub use packages::{PackageInfo, detect_project_settings};
pub use project_model::{
    build::{BuildContext, FileKind},
    db::Settings as ProjectSettings,
    load::{ModuleRef, Package, Resolved},
    modules::Env as GoModuleEnv,
};
pub use references::{Highlight, HighlightKind};
pub use signature_help::SignatureHelp;
pub use symbols::{DocumentSymbol, SymbolKind, WorkspaceSymbol};
pub use syntax::{LineCol, LineIndex, TextEdit, TextRange};

/// A query result, or the news that a change arrived while computing it.
pub type Cancellable<T> = Result<T, salsa::Cancelled>;
pub use salsa::Cancelled;
