//! [`ModuleGraph`]: the main modules, the selected version and directory of every module in the
//! build, and the problems found on the way, built from a directory the way the go command
//! builds it (main_modules.rs finds the main modules, mvs.rs selects versions, vendor.rs reads
//! vendor/modules.txt). Import paths are resolved against it in resolve.rs.
//!
//! **API Boundary**: the graph is plain data (comparable, cloneable, no file-system handle
//! inside), so it can be a value in the database; the file reads it was built from, and the
//! ones resolution needs, go through the [`ModFs`] passed in.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::env::{BuildMod, Env, ModFlag};
use super::escape::module_cache_dir;
use super::fs::{ModFs, clean_path};
use super::main_modules::{MainModules, Target, module_version};
use super::mvs;
use super::vendor::ModulesTxt;
use crate::modfile::{GoMod, ModFileError, Position};

/// How the go command would run for the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// A go.work file and the modules it `use`s.
    Workspace { go_work: PathBuf },
    /// A single main module: the nearest go.mod upward.
    Module,
    /// Module mode without a main module: only the standard library resolves.
    NoModule,
    /// GOPATH mode (GO111MODULE=off, or auto without a go.mod): imports resolve in vendor
    /// directories, GOROOT, then each GOPATH entry (see gopath.rs).
    Gopath,
}

/// An index into [`ModuleGraph::modules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub u32);

impl ModuleId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Main,
    /// A selected dependency, from the module cache or a replacement.
    Dependency,
    /// A module listed in vendor/modules.txt (vendor mode).
    Vendored,
}

/// What a `replace` directive substituted for a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// As `go list` shows it: a directory (relative to go.work's directory in a workspace) or
    /// a module path.
    pub path: String,
    /// `None` for a directory.
    pub version: Option<String>,
}

/// A module in the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub path: String,
    /// `None` for main modules.
    pub version: Option<String>,
    pub kind: ModuleKind,
    /// Where its files are: the main module's root, the replacement directory, or the
    /// extracted module in the cache; `None` when not on disk (not extracted, a missing
    /// replacement directory, or a vendored module, whose packages are under vendor/).
    pub dir: Option<PathBuf>,
    /// The go.mod file that was read for it.
    pub go_mod: Option<PathBuf>,
    /// Its go.mod's `go` version, as written.
    pub go_version: Option<String>,
    pub replace: Option<Replacement>,
    /// Why it could not be loaded fully (its go.mod missing or malformed, ...).
    pub error: Option<String>,
}

/// A problem with the module setup as a whole, or one in a go.mod / go.work file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: Option<PathBuf>,
    pub pos: Option<Position>,
    pub message: String,
}

impl Diagnostic {
    pub(super) fn error(message: String) -> Self {
        Diagnostic {
            file: None,
            pos: None,
            message,
        }
    }

    pub(super) fn file(file: &Path, message: String) -> Self {
        Diagnostic {
            file: Some(file.to_path_buf()),
            pos: None,
            message,
        }
    }

    pub(super) fn at(file: &Path, pos: Position, message: String) -> Self {
        Diagnostic {
            file: Some(file.to_path_buf()),
            pos: Some(pos),
            message,
        }
    }

    pub(super) fn in_file(file: &Path, e: &ModFileError) -> Self {
        Diagnostic::at(file, e.pos, e.message.clone())
    }

    /// `file:line: message`, `file: message` or `message`, like the go command's output.
    pub fn display(&self) -> String {
        match (&self.file, self.pos) {
            (Some(f), Some(pos)) => ModFileError {
                pos,
                message: self.message.clone(),
            }
            .display(&f.display().to_string()),
            (Some(f), None) => format!("{}: {}", f.display(), self.message),
            (None, _) => self.message.clone(),
        }
    }
}

/// A module path some `replace` directive names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReplacedPath {
    pub path: String,
    /// The highest replaced version; `None` when every version is replaced.
    pub version: Option<String>,
    /// Where the replacement's files are.
    pub dir: Option<PathBuf>,
    /// Whether that is a local directory (rather than the module cache).
    pub local: bool,
}

/// The module graph of a directory. See the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleGraph {
    pub(super) mode: Mode,
    pub(super) build_mod: BuildMod,
    pub(super) goroot: PathBuf,
    pub(super) gomodcache: PathBuf,
    /// Main modules first (in go.work `use` order), then the rest sorted by path.
    pub(super) modules: Vec<Module>,
    pub(super) by_path: HashMap<String, ModuleId>,
    pub(super) main_go_mods: Vec<GoMod>,
    /// The main module's (or go.work's) go version, defaults applied.
    pub(super) main_go_version: Option<String>,
    /// vendor/ and its modules.txt, in vendor mode.
    pub(super) vendor: Option<(PathBuf, ModulesTxt)>,
    /// Replaced module paths, for the "replaced but not required" error.
    pub(super) replaced: Vec<ReplacedPath>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The GOPATH entries (GOPATH mode resolves imports in their `src` directories).
    pub(super) gopath: Vec<PathBuf>,
}

impl ModuleGraph {
    /// Builds the graph for `dir` (an absolute directory: where the go command would run),
    /// with GOROOT at `goroot`. Never fails: problems are in [`ModuleGraph::diagnostics`] and
    /// [`Module::error`], and everything else is loaded.
    pub fn load(fs: &dyn ModFs, dir: &Path, env: &Env, goroot: &Path) -> ModuleGraph {
        Self::load_with_gopath(fs, dir, env, goroot, &[])
    }

    /// [`ModuleGraph::load`] with the GOPATH entries, which GOPATH mode resolves imports in
    /// (`std::env::split_paths` of the GOPATH variable; empty entries are ignored).
    pub fn load_with_gopath(
        fs: &dyn ModFs,
        dir: &Path,
        env: &Env,
        goroot: &Path,
        gopath: &[PathBuf],
    ) -> ModuleGraph {
        let mut diagnostics = Vec::new();
        let dir = clean_path(dir);
        let main = MainModules::find(fs, &dir, env, goroot, &mut diagnostics);
        let (build_mod, vendor_dir) = main.build_mod(fs, env, &mut diagnostics);
        let mut g = ModuleGraph {
            mode: main.mode.clone(),
            build_mod,
            goroot: clean_path(goroot),
            gomodcache: clean_path(&env.gomodcache),
            modules: Vec::new(),
            by_path: HashMap::new(),
            main_go_mods: Vec::new(),
            main_go_version: main.go_version(),
            vendor: None,
            replaced: Vec::new(),
            diagnostics,
            gopath: gopath
                .iter()
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| clean_path(p))
                .collect(),
        };
        for m in &main.modules {
            g.push(Module {
                path: m.path.clone(),
                version: None,
                kind: ModuleKind::Main,
                dir: Some(m.root.clone()),
                go_mod: Some(m.go_mod_path.clone()),
                go_version: m.go_mod.go_version().map(str::to_string),
                replace: None,
                error: None,
            });
            g.main_go_mods.push(m.go_mod.clone());
        }
        match (g.build_mod.flag, vendor_dir) {
            (ModFlag::Vendor, Some(vendor_dir)) => g.load_vendor(fs, &main, vendor_dir),
            _ => g.load_selected(fs, &main),
        }
        g.replaced = main
            .replaced_paths()
            .into_iter()
            .map(|(p, v)| {
                let (dir, local) = match main.replacement(p, v.unwrap_or("")) {
                    Some(Target::Dir { dir, .. }) => (Some(dir.clone()), true),
                    Some(Target::Module { path, version }) => {
                        (module_cache_dir(&g.gomodcache, path, version).ok(), false)
                    }
                    None => (None, false),
                };
                ReplacedPath {
                    path: p.to_string(),
                    version: v.map(str::to_string),
                    dir,
                    local,
                }
            })
            .collect();
        g
    }

    fn push(&mut self, m: Module) {
        let id = ModuleId(self.modules.len() as u32);
        self.by_path.entry(m.path.clone()).or_insert(id);
        self.modules.push(m);
    }

    /// Minimal version selection, then one [`Module`] per selected dependency.
    fn load_selected(&mut self, fs: &dyn ModFs, main: &MainModules) {
        let sel = mvs::select(fs, main, &self.gomodcache);
        for (key, err) in &sel.errors {
            // An error on a version that lost the selection still shaped the graph.
            if sel.selected.get(&key.0) != Some(&key.1) {
                self.diagnostics.push(Diagnostic::error(err.clone()));
            }
        }
        for (path, version) in &sel.selected {
            if version.is_empty() {
                continue; // a main module
            }
            let key = (path.clone(), version.clone());
            let mut error = sel.errors.get(&key).cloned();
            let mut summary = sel.summaries.get(&key).cloned();
            if summary.is_none() && error.is_none() {
                // Pruned out of the graph, so never read; `go list` still reports its go.mod
                // and go version, and a problem with it matters only if a package is wanted.
                let mut ignored = BTreeMap::new();
                summary = mvs::go_mod_summary(fs, main, &self.gomodcache, &key, &mut ignored).ok();
            }
            let (dir, replace) = match main.replacement(path, version) {
                Some(Target::Dir { display, dir }) => {
                    let on_disk = fs.is_dir(dir).then(|| dir.clone());
                    if on_disk.is_none() && error.is_none() {
                        error = Some(format!(
                            "{}: replacement directory {display} does not exist",
                            module_version(path, Some(version))
                        ));
                    }
                    (
                        on_disk,
                        Some(Replacement {
                            path: display.clone(),
                            version: None,
                        }),
                    )
                }
                Some(Target::Module {
                    path: rp,
                    version: rv,
                }) => {
                    let dir = module_cache_dir(&self.gomodcache, rp, rv)
                        .ok()
                        .filter(|d| fs.is_dir(d));
                    (
                        dir,
                        Some(Replacement {
                            path: rp.clone(),
                            version: Some(rv.clone()),
                        }),
                    )
                }
                None => (
                    module_cache_dir(&self.gomodcache, path, version)
                        .ok()
                        .filter(|d| fs.is_dir(d)),
                    None,
                ),
            };
            self.push(Module {
                path: path.clone(),
                version: Some(version.clone()),
                kind: ModuleKind::Dependency,
                dir,
                go_mod: summary.as_ref().map(|s| s.go_mod.clone()),
                go_version: summary.and_then(|s| s.go_version),
                replace,
                error,
            });
        }
    }

    /// Vendor mode: the build list is what vendor/modules.txt lists; nothing is read from
    /// the module cache.
    fn load_vendor(&mut self, fs: &dyn ModFs, main: &MainModules, vendor_dir: PathBuf) {
        let txt = match fs.read(&vendor_dir.join("modules.txt")) {
            Ok(bytes) => ModulesTxt::parse(&String::from_utf8_lossy(&bytes)),
            // A vendor directory without modules.txt still switches vendor mode on.
            Err(_) => ModulesTxt::default(),
        };
        for &i in &txt.build_list {
            let e = &txt.entries[i];
            if self.by_path.contains_key(&e.path) {
                continue;
            }
            self.push(Module {
                path: e.path.clone(),
                version: e.version.clone(),
                kind: ModuleKind::Vendored,
                dir: None,
                go_mod: None,
                go_version: e.go_version.clone(),
                replace: e
                    .replacement
                    .clone()
                    .map(|(path, version)| Replacement { path, version }),
                error: None,
            });
        }
        self.check_vendor_consistency(main, &vendor_dir, &txt);
        self.vendor = Some((vendor_dir, txt));
    }

    /// The go command refuses a vendor directory that disagrees with go.mod about explicit
    /// requirements; we report the same problems and use the vendor directory anyway.
    /// (Replacement mismatches are not checked.)
    fn check_vendor_consistency(
        &mut self,
        main: &MainModules,
        vendor_dir: &Path,
        txt: &ModulesTxt,
    ) {
        let pre114 = main
            .modules
            .iter()
            .any(|m| super::gover::compare(m.go_version(), "1.14").is_lt());
        let mut problems = String::new();
        let explicit = |path: &str, version: &str| {
            txt.entries
                .iter()
                .any(|e| e.path == path && e.version.as_deref() == Some(version) && e.explicit)
        };
        for m in &main.modules {
            for r in &m.go_mod.require {
                if !pre114 && !explicit(&r.path, &r.version) {
                    problems.push_str(&format!(
                        "\n\t{}@{}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt",
                        r.path, r.version
                    ));
                }
            }
        }
        for e in txt.entries.iter().filter(|e| e.explicit) {
            let required = main.modules.iter().any(|m| {
                m.go_mod
                    .require
                    .iter()
                    .any(|r| r.path == e.path && Some(&r.version) == e.version.as_ref())
            });
            if !required {
                problems.push_str(&format!(
                    "\n\t{}: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod",
                    module_version(&e.path, e.version.as_deref())
                ));
            }
        }
        if !problems.is_empty() {
            let sub = if matches!(self.mode, Mode::Workspace { .. }) {
                "work"
            } else {
                "mod"
            };
            let home = vendor_dir.parent().unwrap_or(vendor_dir);
            self.diagnostics.push(Diagnostic::error(format!(
                "inconsistent vendoring in {}:{problems}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo {sub} vendor",
                home.display()
            )));
        }
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The `-mod` mode in effect.
    pub fn build_mod(&self) -> &BuildMod {
        &self.build_mod
    }

    pub fn goroot(&self) -> &Path {
        &self.goroot
    }

    /// Every module in the build: main modules first (go.work order), then the selected
    /// dependencies (or, in vendor mode, the vendored modules) sorted by path.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.index()]
    }

    /// The main modules (a prefix of [`ModuleGraph::modules`]).
    pub fn main_modules(&self) -> &[Module] {
        &self.modules[..self.main_go_mods.len()]
    }

    /// The parsed go.mod of a main module.
    pub fn main_go_mod(&self, id: ModuleId) -> Option<&GoMod> {
        self.main_go_mods.get(id.index())
    }

    pub fn module_by_path(&self, path: &str) -> Option<ModuleId> {
        self.by_path.get(path).copied()
    }

    /// The go version of the main module (go.work's in a workspace), with the go command's
    /// defaults (1.16 for go.mod, 1.18 for go.work); `None` without a main module.
    pub fn main_go_version(&self) -> Option<&str> {
        self.main_go_version.as_deref()
    }

    /// The vendor directory, in vendor mode.
    pub fn vendor_dir(&self) -> Option<&Path> {
        self.vendor.as_ref().map(|(d, _)| d.as_path())
    }

    /// Problems with the setup: go.work / go.mod syntax errors (with positions), missing
    /// workspace modules, modules whose go.mod could not be read, vendoring inconsistencies.
    /// Errors of a selected module are on the [`Module`] instead.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}
