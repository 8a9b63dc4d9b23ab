//! Build constraints and file selection: which files of a directory the go command builds for a
//! configuration, decided as go list decides it (go/build, and the copy of it in the go
//! command's module index), from file names and file headers only.
//!
//! - [`BuildContext`] (`context.rs`): GOOS, GOARCH, cgo, Go version, custom tags, and the
//!   tag-matching rules (`unix`, `go1.N`, android ⇒ linux, ...).
//! - [`Constraint`] (`constraint.rs`): `//go:build` and `// +build` expressions.
//! - `file_name.rs`: `_GOOS_GOARCH` suffixes, `_test.go`, hidden names.
//! - [`read_header`] (`header.rs`): package clause, imports, constraint lines and `//go:embed`
//!   patterns, reading only as much of the file as go/build does (`import_reader.rs`, with the
//!   small Go tokenizer of `scanner.rs`).
//! - [`classify`] (`classify.rs`): the go list file list a file belongs to, and
//!   [`BuildContext::context_including`] for files the current configuration leaves out.
//!
//! **API Boundary:** no I/O here. Callers read directories and files (through the database's
//! file system) and hand names and bytes in; everything is a pure function of its inputs, so it
//! can run inside salsa queries. Any byte sequence is valid input: malformed files produce
//! errors in [`FileHeader::errors`] and classifications that match go list's, never a panic.
//!
//! The source of truth is Go's own `go/build` (`build.go`, `read.go`), `go/build/constraint`,
//! `internal/syslist` and `cmd/go/internal/modindex`; `tests/build_std.rs` compares our
//! classification, imports and embed patterns for every file of GOROOT's `std` and `cmd` with
//! `go list` for four targets.

mod classify;
mod constraint;
mod context;
mod embed;
mod file_name;
mod header;
mod import_reader;
mod literal;
mod scanner;
mod syslist;
mod text;

pub use classify::{FileClass, FileKind, IgnoreReason, classify, matches_any_context};
pub use constraint::{
    Constraint, ConstraintError, is_go_build, is_plus_build, is_valid_tag, parse_go_build_expr,
    parse_line, parse_plus_build_expr, split_go_build, split_plus_build,
};
pub use context::{BuildContext, host_goarch, host_goos, parse_go_version_minor, parse_tags_flag};
pub use embed::EmbedPattern;
pub use file_name::{FileNameConstraint, file_name_constraint, is_hidden, is_test_file};
pub use header::{
    BuildLine, FileHeader, HeaderError, HeaderErrorKind, Import, PackageClause,
    is_valid_import_path, read_header,
};
pub use syslist::{
    KNOWN_ARCH, KNOWN_OS, PORTS, Port, UNIX_OS, find_port, is_known_arch, is_known_os, is_unix_os,
};
