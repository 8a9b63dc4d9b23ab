//! The project model: which files form which package, and where every import path lives,
//! found the way the go command finds them, without running `go list`.
//!
//! - [`build`]: build constraints (`//go:build`, `// +build`, file name suffixes), the build
//!   context (GOOS, GOARCH, cgo, release and custom tags), and reading a file's header
//!   (package clause, imports, `//go:embed` patterns) without parsing the whole file.
//! - [`modfile`]: go.mod and go.work, parsed with positions and errors.
//! - [`modules`]: the module graph (main modules, minimal version selection over the module
//!   cache, `replace`, `vendor/`) and import path to directory resolution.
//! - [`toolchain`]: GOROOT, the Go version and the `go env` variables.
//! - [`db`]: all of the above as salsa queries over the database's file and directory
//!   inputs, so that the package graph follows edits and file-system events incrementally.

pub mod build;
pub mod db;
pub mod load;
pub mod modfile;
pub mod modules;
pub mod toolchain;
