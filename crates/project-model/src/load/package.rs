//! A loaded package, with go list's vocabulary: the fields `go list -json` prints.

use std::path::PathBuf;

/// A package as the loader resolved it. Field names follow `go list -json`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    pub import_path: String,
    pub name: String,
    pub dir: PathBuf,
    /// In the standard library (GOROOT/src, `cmd` included).
    pub standard: bool,
    pub go_files: Vec<String>,
    pub cgo_files: Vec<String>,
    pub ignored_go_files: Vec<String>,
    pub invalid_go_files: Vec<String>,
    pub test_go_files: Vec<String>,
    pub xtest_go_files: Vec<String>,
    /// Resolved import paths of GoFiles and CgoFiles, in the order go list prints them
    /// (sorted by the path as written, then mapped through [`Package::import_map`]); "C" for
    /// cgo packages.
    pub imports: Vec<String>,
    /// Import path as written -> resolved import path, where they differ (vendoring).
    pub import_map: Vec<(String, String)>,
    pub test_imports: Vec<String>,
    pub xtest_imports: Vec<String>,
    pub embed_patterns: Vec<String>,
    /// The module the package belongs to, outside the standard library.
    pub module: Option<ModuleRef>,
    /// A problem with the package itself (no Go files, files of two packages...).
    pub error: Option<String>,
    /// Problems with its dependencies (import cycles, imports that resolve nowhere).
    pub deps_errors: Vec<String>,
}

impl Package {
    /// Whether the configuration builds any file of the directory, tests included. A directory
    /// whose files all belong to other configurations is not a package of this one (go list:
    /// "build constraints exclude all Go files").
    pub fn has_files(&self) -> bool {
        !(self.go_files.is_empty()
            && self.cgo_files.is_empty()
            && self.test_go_files.is_empty()
            && self.xtest_go_files.is_empty())
    }
}

/// The module fields go list prints for a package.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ModuleRef {
    pub path: String,
    pub version: Option<String>,
    /// `None` for a vendored module: its packages live under vendor/.
    pub dir: Option<PathBuf>,
    pub main: bool,
    /// Its go.mod's `go` version (`1.22`): the language version its packages are checked with.
    pub go_version: Option<String>,
}
