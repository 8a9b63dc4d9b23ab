//! The project model in the salsa database: the package graph, kept up to date incrementally
//! as files, directories, go.mod and go.work change.
//!
//! Inputs (all in `base_db`, created on first use and refreshed from file-system events):
//! [`base_db::Directory`] listings and [`base_db::SourceFile`] texts; plus [`ProjectConfig`],
//! the toolchain, environment, build configuration and workspace roots.
//!
//! Queries, from the bottom up, and what firewalls each one:
//!
//! - `entry_kind`, `dir_exists`, `dir_has_go_files` (fs.rs): the few facts of a listing the
//!   module graph and import resolution need. A new file re-runs them for its directory; their
//!   answers rarely change, and then nothing above them re-runs.
//! - [`file_header`]: a Go file's package clause, imports and build constraints. An edit below
//!   the imports leaves it equal, so no package query re-runs for a body edit.
//! - [`module_graph`]: one per go.work / go.mod root ([`graph_root`]), re-run when a go.mod,
//!   go.work or vendor/modules.txt it read changes (or a directory it probed appears).
//! - `resolve_in_graph`: one import path in one graph. A go.mod edit re-runs these; a package
//!   whose imports resolve as before is not re-run.
//! - [`dir_owner`]: a directory's import path and module.
//! - `package_query`: one package (directory, import path, module, build configuration), built
//!   by the same code as the loader's ([`crate::load::build_package`]). It reads its directory's
//!   listing, its files' headers and its imports' resolutions: adding or removing a `.go` file
//!   re-runs exactly the package of that directory.
//! - [`file_package`]: the package of a file, under the workspace's configuration or, for a
//!   file it excludes (`foo_windows.go` on Linux, `//go:build ignore`), under one that includes
//!   it ([`BuildContext::context_including_tags`]).

mod fs;
mod queries;

use std::path::PathBuf;

use base_db::SourceDatabase;
use salsa::Setter;

use crate::{
    build::BuildContext,
    modules::Env,
    toolchain::{GoEnv, tool_tags},
};
pub use fs::{DbFs, EntryKind, dir_exists, dir_has_go_files, entry_kind};
pub use queries::{
    FilePackage, Owner, dir_owner, file_header, file_package, graph_root, module_graph,
    module_graph_for_dir, package_of_dir, resolve_import_from,
};

/// The workspace's configuration: one per database.
#[salsa::input(singleton, debug)]
pub struct ProjectConfig {
    #[returns(ref)]
    pub goroot: Option<PathBuf>,
    #[returns(ref)]
    pub env: Env,
    /// GOPATH entries (GOPATH mode resolves imports in their `src`).
    #[returns(ref)]
    pub gopath: Vec<PathBuf>,
    /// The build configuration packages are loaded for.
    #[returns(ref)]
    pub build: BuildContext,
    /// The workspace folders: files of the modules their graphs select (dependencies in the
    /// module cache, replacements) belong to those graphs.
    #[returns(ref)]
    pub roots: Vec<PathBuf>,
}

/// The values of [`ProjectConfig`], as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub goroot: Option<PathBuf>,
    pub env: Env,
    pub gopath: Vec<PathBuf>,
    pub build: BuildContext,
    pub roots: Vec<PathBuf>,
}

/// The Go version assumed when the toolchain's is unknown.
const DEFAULT_GO_MINOR: u32 = 26;

impl Default for Settings {
    /// No toolchain, module mode, the host's GOOS/GOARCH without cgo.
    fn default() -> Settings {
        Settings {
            goroot: None,
            env: Env::default(),
            gopath: Vec::new(),
            build: BuildContext::host(None, None, Some("0"), DEFAULT_GO_MINOR, Vec::new()),
            roots: Vec::new(),
        }
    }
}

impl Settings {
    /// Settings from the detected go environment (see [`crate::toolchain::detect`]), as the
    /// go command in `roots` would see them.
    pub fn from_go_env(env: &GoEnv, roots: Vec<PathBuf>) -> Settings {
        let tags = tool_tags(&env.goos, &env.goarch, &env.goexperiment, &env.goamd64);
        let minor = env.go_minor().unwrap_or(DEFAULT_GO_MINOR);
        Settings {
            goroot: env.goroot.clone(),
            env: Env {
                gomodcache: env.gomodcache.clone(),
                goflags_mod: Env::mod_flag_from_goflags(&env.goflags),
                gowork: Some(env.gowork.clone()).filter(|w| !w.is_empty()),
                go111module: Some(env.go111module.clone()).filter(|m| !m.is_empty()),
            },
            gopath: env.gopath_entries.clone(),
            build: BuildContext::new(
                env.goos.clone(),
                env.goarch.clone(),
                env.cgo_enabled,
                minor,
                tags,
            ),
            roots,
        }
    }
}

/// Sets the workspace's configuration; only the fields that differ are written, so that, for
/// example, adding a workspace root does not re-run queries that read only the build
/// configuration.
pub fn set_settings(db: &mut dyn SourceDatabase, settings: Settings) {
    let Some(config) = ProjectConfig::try_get(db) else {
        ProjectConfig::new(
            db,
            settings.goroot,
            settings.env,
            settings.gopath,
            settings.build,
            settings.roots,
        );
        return;
    };
    if *config.goroot(db) != settings.goroot {
        config.set_goroot(db).to(settings.goroot);
    }
    if *config.env(db) != settings.env {
        config.set_env(db).to(settings.env);
    }
    if *config.gopath(db) != settings.gopath {
        config.set_gopath(db).to(settings.gopath);
    }
    if *config.build(db) != settings.build {
        config.set_build(db).to(settings.build);
    }
    if *config.roots(db) != settings.roots {
        config.set_roots(db).to(settings.roots);
    }
}

/// The configuration, created with defaults if nobody set it.
pub fn config(db: &dyn SourceDatabase) -> ProjectConfig {
    ProjectConfig::try_get(db).unwrap_or_else(|| {
        let s = Settings::default();
        ProjectConfig::new(db, s.goroot, s.env, s.gopath, s.build, s.roots)
    })
}

/// The configuration's values.
pub fn settings(db: &dyn SourceDatabase) -> Settings {
    let c = config(db);
    Settings {
        goroot: c.goroot(db).clone(),
        env: c.env(db).clone(),
        gopath: c.gopath(db).clone(),
        build: c.build(db).clone(),
        roots: c.roots(db).clone(),
    }
}
