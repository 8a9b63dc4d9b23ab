//! Import path -> directory, as modload's importFromModules decides it:
//!
//! - `C` is cgo's pseudo-package; relative, absolute, `@version` and malformed paths are errors.
//! - A path whose first element has no dot is a standard-library candidate when
//!   `GOROOT/src/<path>` has .go files.
//! - In vendor mode: the main modules, then `vendor/<path>` (listed in vendor/modules.txt, or
//!   any vendored directory when the main module is older than go1.23).
//! - Otherwise every selected module whose path is a prefix of the import path is asked whether
//!   its directory for the package holds .go files (for a main module or a directory
//!   replacement, no go.mod may sit in between: that directory is another module). Nested
//!   modules thus resolve to the one that actually has the package; two that both have it are
//!   an ambiguous import, as for the go command.
//! - Nothing found: the go command's error for the situation (`package X is not in std`,
//!   `no required module provides package X; to add it: ...`, vendor and `-mod` variants).
//!
//! Packages of the standard library import `golang.org/x/...` from `GOROOT/src/vendor`
//! (and `cmd` packages from `GOROOT/src/cmd/vendor`) under the import path
//! `vendor/golang.org/x/...`: [`ModuleGraph::resolve_import_from_std`] does that rewrite, as
//! the go command's stdVendor does, and reports the rewritten path, as `go list` does.
//!
//! GOPATH mode resolves otherwise, in vendor directories, GOROOT and GOPATH (gopath.rs).
//!
//! Not modelled: the go command's first pass over only the root requirements of a pruned
//! module (it agrees with the full graph whenever go.mod is tidy); the `cd <module>` hint for
//! an import from a workspace module other than the current directory's; GOFIPS140 snapshots
//! of crypto/internal/fips140.

use std::path::{Path, PathBuf};

use super::env::ModFlag;
use super::escape::{join_slash_path, module_cache_dir};
use super::fs::{ModFs, has_go_files, is_file};
use super::graph::{Mode, ModuleGraph, ModuleId, ModuleKind, ReplacedPath};
use super::path::{
    check_import_path, is_standard_import_path, split_path_version, zero_pseudo_version,
};
use super::semver;
use super::vendor::ModulesTxt;
use crate::modfile::quote::go_quote;

/// Where an import path's package is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The standard library (including `cmd/...` and the `vendor/...` packages of GOROOT).
    /// `import_path` is the path `go list` reports: the `vendor/`-prefixed one when
    /// [`ModuleGraph::resolve_import_from_std`] rewrote it.
    Std {
        import_path: String,
        dir: PathBuf,
    },
    /// A package of a main module.
    Main {
        module: ModuleId,
        dir: PathBuf,
    },
    /// A package of a selected dependency (module cache or replacement directory).
    Dependency {
        module: ModuleId,
        dir: PathBuf,
    },
    /// GOPATH mode: a package in a GOPATH entry's `src`, or in a vendor directory of one
    /// (`import_path` is then the `.../vendor/...` path, as the go command reports it).
    Gopath {
        import_path: String,
        dir: PathBuf,
    },
    /// A package under vendor/ (vendor mode); `module` is its modules.txt module, if listed.
    Vendored {
        module: Option<ModuleId>,
        dir: PathBuf,
    },
    /// `import "C"`: cgo's pseudo-package, which has no directory.
    Cgo,
    NotFound(ImportError),
}

/// Why an import did not resolve, worded as the go command words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub import_path: String,
    pub kind: ImportErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportErrorKind {
    /// Malformed, relative, absolute or versioned import path.
    Invalid,
    /// A standard-library-looking path that GOROOT does not have.
    NotInStd,
    /// No module in the build provides the package.
    NoModule,
    /// A replaced module would provide it, but nothing requires that module.
    ReplacedNotRequired,
    /// Several modules (or directories) provide it.
    Ambiguous,
    /// The module that should provide it is not usable (not in the module cache, a missing
    /// replacement directory).
    ModuleUnavailable,
    /// GOPATH mode: the package is in no vendor directory, not in GOROOT and in no GOPATH.
    GopathMode,
}

/// One place a package was found.
struct Candidate {
    kind: CandidateKind,
    dir: PathBuf,
}

enum CandidateKind {
    Std,
    Module(ModuleId),
    Vendored(Option<ModuleId>),
}

impl ModuleGraph {
    /// Resolves an import path from a package outside the standard library.
    pub fn resolve_import(&self, fs: &dyn ModFs, import_path: &str) -> Resolution {
        let path = import_path;
        if path == "C" {
            return Resolution::Cgo;
        }
        if self.mode == Mode::Gopath {
            return self.resolve_gopath(fs, None, path);
        }
        if let Some(e) = self.invalid_import(path) {
            return Resolution::NotFound(e);
        }
        let mut found: Vec<Candidate> = Vec::new();
        let is_std = is_standard_import_path(path);
        if is_std {
            let dir = join_slash_path(&self.goroot.join("src"), path);
            if has_go_files(fs, &dir) {
                // Inside GOROOT/src, the std or cmd main module provides std packages itself
                // (not ambiguously with GOROOT); `go list` reports them as standard anyway.
                if self.goroot_main_module_has(fs, path) {
                    return Resolution::Std {
                        import_path: path.to_string(),
                        dir,
                    };
                }
                found.push(Candidate {
                    kind: CandidateKind::Std,
                    dir,
                });
            }
        }
        if let Some((vendor_dir, txt)) = &self.vendor {
            self.vendor_candidates(fs, path, vendor_dir, txt, &mut found);
            return self.finish(path, found, || self.missing(fs, path, is_std));
        }
        // Longest prefix first, as the go command walks them. A selected module that is not
        // on disk fails the import only if no other module provides the package: the go
        // command asks the main module's own requirements first, and a tidy go.mod names the
        // module that has it (`example.com/outer/inner` before an unextracted
        // `example.com/outer`).
        let mut unavailable = None;
        let mut prefix = path;
        loop {
            if let Some(id) = self.module_by_path(prefix) {
                let m = self.module(id);
                let local = m.kind == ModuleKind::Main
                    || (m.replace.as_ref().is_some_and(|r| r.version.is_none()));
                match &m.dir {
                    Some(root) => {
                        if let Some(dir) = dir_in_module(fs, path, prefix, root, local) {
                            found.push(Candidate {
                                kind: CandidateKind::Module(id),
                                dir,
                            });
                        }
                    }
                    None => {
                        unavailable.get_or_insert(id);
                    }
                }
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => break,
            }
        }
        if let (true, Some(id)) = (found.is_empty(), unavailable) {
            return Resolution::NotFound(self.unavailable(path, id));
        }
        self.finish(path, found, || self.missing(fs, path, is_std))
    }

    /// Resolves an import written in a standard-library package (`importer` is its import
    /// path): `golang.org/x/...` comes from GOROOT/src/vendor (or GOROOT/src/cmd/vendor for a
    /// `cmd/...` importer) as `vendor/golang.org/x/...` (`cmd/vendor/...`), when it is there.
    pub fn resolve_import_from_std(
        &self,
        fs: &dyn ModFs,
        importer: &str,
        import_path: &str,
    ) -> Resolution {
        if !is_standard_import_path(import_path) {
            let in_cmd = importer == "cmd" || importer.starts_with("cmd/");
            let vendored = if in_cmd {
                format!("cmd/vendor/{import_path}")
            } else {
                format!("vendor/{import_path}")
            };
            if fs.exists(&join_slash_path(&self.goroot.join("src"), &vendored)) {
                return self.resolve_import(fs, &vendored);
            }
        }
        self.resolve_import(fs, import_path)
    }

    /// Whether a main module rooted in GOROOT/src has the std package `path` (the go command's
    /// InGorootSrc case); the `std` module's packages have no path prefix.
    fn goroot_main_module_has(&self, fs: &dyn ModFs, path: &str) -> bool {
        let src = self.goroot.join("src");
        self.main_modules().iter().any(|m| {
            let prefix = if m.path == "std" { "" } else { m.path.as_str() };
            m.dir
                .as_ref()
                .filter(|d| d.starts_with(&src))
                .is_some_and(|root| dir_in_module(fs, path, prefix, root, true).is_some())
        })
    }

    fn invalid_import(&self, path: &str) -> Option<ImportError> {
        let invalid = |message: String| ImportError {
            import_path: path.to_string(),
            kind: ImportErrorKind::Invalid,
            message,
        };
        if path.contains('@') {
            return Some(invalid(format!(
                "import path {} should not have @version",
                go_quote(path)
            )));
        }
        let local =
            path == "." || path == ".." || path.starts_with("./") || path.starts_with("../");
        if local {
            return Some(invalid(format!(
                "{} is relative, but relative import paths are not supported in module mode",
                go_quote(path)
            )));
        }
        if Path::new(path).is_absolute() || path.starts_with('/') {
            return Some(invalid(format!(
                "{} is not a package path; see 'go help packages'",
                go_quote(path)
            )));
        }
        if matches!(path, "all" | "std" | "cmd" | "tool" | "work") {
            return Some(invalid(format!(
                "{} is not an importable package; see 'go help packages'",
                go_quote(path)
            )));
        }
        check_import_path(path).err().map(invalid)
    }

    fn vendor_candidates(
        &self,
        fs: &dyn ModFs,
        path: &str,
        vendor_dir: &Path,
        txt: &ModulesTxt,
        found: &mut Vec<Candidate>,
    ) {
        for (i, m) in self.main_modules().iter().enumerate() {
            if let Some(root) = &m.dir
                && let Some(dir) = dir_in_module(fs, path, &m.path, root, true)
            {
                found.push(Candidate {
                    kind: CandidateKind::Module(ModuleId(i as u32)),
                    dir,
                });
            }
        }
        let dir = join_slash_path(vendor_dir, path);
        if has_go_files(fs, &dir) {
            let listed = txt.module_of_package(path);
            let main_go = self.main_go_version.as_deref().unwrap_or("");
            if listed.is_some() || !ModulesTxt::listing_required(main_go) {
                let module = listed.and_then(|m| self.module_by_path(&m.path));
                found.push(Candidate {
                    kind: CandidateKind::Vendored(module),
                    dir,
                });
            }
        }
    }

    fn finish(
        &self,
        path: &str,
        mut found: Vec<Candidate>,
        missing: impl FnOnce() -> ImportError,
    ) -> Resolution {
        if found.len() > 1 {
            // The go command lists them shortest module path first.
            found.reverse();
            let mut message = String::new();
            // Vendor mode and non-module candidates are reported as bare directories.
            let dirs_only = self.vendor.is_some()
                || found
                    .iter()
                    .all(|c| !matches!(c.kind, CandidateKind::Module(_)));
            for c in &found {
                message.push_str("\n\t");
                match c.kind {
                    CandidateKind::Module(id) if !dirs_only => {
                        let m = self.module(id);
                        message.push_str(&m.path);
                        if let Some(v) = &m.version {
                            message.push(' ');
                            message.push_str(v);
                        }
                        message.push_str(&format!(" ({})", c.dir.display()));
                    }
                    _ => message.push_str(&c.dir.display().to_string()),
                }
            }
            let what = if dirs_only { "directories" } else { "modules" };
            return Resolution::NotFound(ImportError {
                import_path: path.to_string(),
                kind: ImportErrorKind::Ambiguous,
                message: format!(
                    "ambiguous import: found package {path} in multiple {what}:{message}"
                ),
            });
        }
        let Some(c) = found.pop() else {
            return Resolution::NotFound(missing());
        };
        match c.kind {
            CandidateKind::Std => Resolution::Std {
                import_path: path.to_string(),
                dir: c.dir,
            },
            CandidateKind::Vendored(module) => Resolution::Vendored { module, dir: c.dir },
            CandidateKind::Module(id) if self.module(id).kind == ModuleKind::Main => {
                Resolution::Main {
                    module: id,
                    dir: c.dir,
                }
            }
            CandidateKind::Module(id) => Resolution::Dependency {
                module: id,
                dir: c.dir,
            },
        }
    }

    /// A selected module that would be asked for the package is not on disk.
    fn unavailable(&self, path: &str, id: ModuleId) -> ImportError {
        let m = self.module(id);
        let message = m.error.clone().unwrap_or_else(|| {
            let version = m.version.as_deref().unwrap_or("");
            let (p, v) = match &m.replace {
                Some(r) => (r.path.as_str(), r.version.as_deref().unwrap_or(version)),
                None => (m.path.as_str(), version),
            };
            let dir = module_cache_dir(&self.gomodcache, p, v)
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            format!(
                "{}@{version}: module not extracted in the module cache ({dir}); to download it:\n\tgo mod download {}@{version}",
                m.path, m.path
            )
        });
        ImportError {
            import_path: path.to_string(),
            kind: ImportErrorKind::ModuleUnavailable,
            message,
        }
    }

    /// The go command's error for a package no module provides (ImportMissingError).
    fn missing(&self, fs: &dyn ModFs, path: &str, is_std: bool) -> ImportError {
        let err = |kind, message| ImportError {
            import_path: path.to_string(),
            kind,
            message,
        };
        // The go command makes this check where it could fetch: not in vendor or -mod=mod mode.
        if self.vendor.is_none()
            && self.build_mod.flag != ModFlag::Mod
            && let Some(e) = self.replaced_not_required(fs, path)
        {
            return e;
        }
        if is_std {
            let dir = join_slash_path(&self.goroot.join("src"), path);
            return err(
                ImportErrorKind::NotInStd,
                format!("package {path} is not in std ({})", dir.display()),
            );
        }
        let no_main = match &self.mode {
            Mode::NoModule => Some(
                "go.mod file not found in current directory or any parent directory; see 'go help modules'",
            ),
            Mode::Workspace { .. } if self.main_modules().is_empty() => {
                Some("no modules were found in the current workspace; see 'go help work'")
            }
            _ => None,
        };
        let message = if let Some(why) = no_main {
            format!("no required module provides package {path}: {why}")
        } else if self.build_mod.flag == ModFlag::Mod {
            format!("cannot find module providing package {path}")
        } else if self.build_mod.explicit {
            format!(
                "cannot find module providing package {path}: import lookup disabled by -mod={}",
                self.build_mod.flag.as_str()
            )
        } else if let Some(reason) = &self.build_mod.reason {
            format!(
                "cannot find module providing package {path}: import lookup disabled by -mod={}\n\t({reason})",
                self.build_mod.flag.as_str()
            )
        } else {
            format!("no required module provides package {path}; to add it:\n\tgo get {path}")
        };
        err(ImportErrorKind::NoModule, message)
    }

    /// A `replace`d module path that is a prefix of the import, not required at a version at
    /// least the replaced one, whose replacement has the package.
    fn replaced_not_required(&self, fs: &dyn ModFs, path: &str) -> Option<ImportError> {
        let mut replaced: Vec<&ReplacedPath> = self
            .replaced
            .iter()
            .filter(|r| {
                path == r.path
                    || path
                        .strip_prefix(r.path.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .collect();
        replaced.sort_by_key(|r| std::cmp::Reverse(r.path.len()));
        for r in replaced {
            let mp = r.path.as_str();
            // A replacement of every version counts as the zero pseudo-version of its major.
            let version = match &r.version {
                Some(v) => v.clone(),
                None => {
                    let major = split_path_version(mp).map(|(_, m)| m).unwrap_or("");
                    zero_pseudo_version(if major.len() > 1 { &major[1..] } else { "v0" })
                }
            };
            if let Some(id) = self.module_by_path(mp) {
                let selected = self.module(id).version.as_deref().unwrap_or("");
                if selected.is_empty() || semver::compare(selected, &version).is_ge() {
                    continue;
                }
            }
            let Some(root) = &r.dir else { continue };
            if dir_in_module(fs, path, mp, root, r.local).is_some() {
                let suggest = match &r.version {
                    Some(v) => format!("{mp}@{v}"),
                    None => mp.to_string(),
                };
                return Some(ImportError {
                    import_path: path.to_string(),
                    kind: ImportErrorKind::ReplacedNotRequired,
                    message: format!(
                        "module {mp} provides package {path} and is replaced but not required; to add it:\n\tgo get {suggest}"
                    ),
                });
            }
        }
        None
    }
}

/// The directory of package `path` in module `mpath` rooted at `mdir`, if it holds .go files
/// (modload's dirInModule). For a module on local disk (`local`), a go.mod between the
/// module root and the package directory makes the package belong to that nested module.
fn dir_in_module(
    fs: &dyn ModFs,
    path: &str,
    mpath: &str,
    mdir: &Path,
    local: bool,
) -> Option<PathBuf> {
    let dir = if path == mpath {
        mdir.to_path_buf()
    } else if mpath.is_empty() {
        // A vendor directory, or the std module: import paths have no prefix.
        join_slash_path(mdir, path)
    } else {
        let rest = path.strip_prefix(mpath)?.strip_prefix('/')?;
        join_slash_path(mdir, rest)
    };
    if local {
        let mut d = dir.as_path();
        while d != mdir && d.starts_with(mdir) {
            if is_file(fs, &d.join("go.mod")) {
                return None;
            }
            d = d.parent()?;
        }
    }
    has_go_files(fs, &dir).then_some(dir)
}
