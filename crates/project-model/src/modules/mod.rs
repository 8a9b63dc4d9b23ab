//! The module graph and import resolution, as the go command computes them (cmd/go/internal/
//! modload, modfetch, mvs, gover), without running it:
//!
//! - [`ModuleGraph::load`] finds the main module(s) from a directory (go.work and its `use`d
//!   modules, or the nearest go.mod; GOWORK and GO111MODULE honoured), decides the `-mod` mode
//!   (vendor/ by default at go >= 1.14), and selects one version of every module by minimal
//!   version selection over the go.mod files in the module cache, with graph pruning,
//!   `replace` and `exclude` from the main modules and go.work only.
//! - [`ModuleGraph::resolve_import`] turns an import path into a directory: the standard
//!   library, a main module, a dependency (nested modules resolved by which one has the
//!   package), vendor/, or the go command's error. In GOPATH mode
//!   ([`ModuleGraph::resolve_gopath`]): vendor directories, GOROOT, then each GOPATH entry.
//! - [`escape`], [`semver`] and [`gover`]: module cache paths (`!` case-encoding), module
//!   version and Go version ordering; [`path`]: module and import path rules.
//!
//! All file access goes through [`ModFs`] ([`OsFs`] for the disk, [`MemFs`] for tests).
//!
//! **Architecture Invariant**: nothing here panics or fails on users' files: a broken go.mod,
//! a missing module, a go.work naming a missing directory or a replacement pointing nowhere
//! each become a [`Diagnostic`] or an error on the one [`Module`] or import concerned, and the
//! rest of the graph loads.

mod env;
pub mod escape;
mod fs;
mod gopath;
pub mod gover;
mod graph;
mod main_modules;
mod mvs;
pub mod path;
mod resolve;
pub mod semver;
#[cfg(test)]
mod tests;
mod vendor;

pub use env::{BuildMod, Env, ModFlag};
pub use escape::{cache_mod_file, escape_path, escape_version, module_cache_dir};
pub use fs::{MemFs, ModFs, OsFs, clean_path};
pub use graph::{Diagnostic, Mode, Module, ModuleGraph, ModuleId, ModuleKind, Replacement};
pub use resolve::{ImportError, ImportErrorKind, Resolution};
pub use vendor::{ModulesTxt, VendoredModule};
