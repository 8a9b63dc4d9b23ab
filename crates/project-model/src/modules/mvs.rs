//! Minimal version selection over the module requirement graph, loaded the way the go command
//! loads it (modload's readModGraph), including graph pruning:
//!
//! - Outside a workspace, the roots are the main module's requirements (minus `exclude`d
//!   versions). If the main module is at go >= 1.17 its graph is *pruned*: the go.mod of each
//!   root is read and its requirements join the graph, but their go.mod files are not read in
//!   turn. A module at go < 1.17 (or without a `go` line) is *unpruned*: everything below it is
//!   loaded transitively. Unpruned loading stays unpruned all the way down.
//! - In a workspace, every main module is a root, all of its requirements are loaded, and then
//!   (repeatedly, to a fixed point) the requirements of any dependency of a main module that
//!   was selected at a higher version than the main module asked for, since the main modules'
//!   go.mod files need not be tidy with respect to each other.
//! - Each module's requirements come from its go.mod in the module cache
//!   (`cache/download/<path>/@v/<version>.mod`), or from the replacement (a directory's go.mod,
//!   or another version's), with every main module's `exclude`d versions dropped.
//! - The selected version of a path is the highest version anywhere in the loaded graph; a main
//!   module (version `""`) beats every version.
//!
//! Unlike the go command, a module whose go.mod cannot be read or parsed does not fail the
//! whole graph: the error is recorded for that module version and loading goes on without its
//! requirements. The pseudo-modules `go` and `toolchain` are not modelled.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use super::escape::cache_mod_file;
use super::fs::ModFs;
use super::gover::{self, versions};
use super::main_modules::{MainModules, Target, io_error, module_version};
use super::semver;
use crate::modfile::{self, GoMod};

/// A module at a version; `""` is a main module.
pub(super) type ModVer = (String, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pruning {
    Pruned,
    Unpruned,
    Workspace,
}

/// What the graph needs from one module version's go.mod.
#[derive(Debug, Clone)]
pub(super) struct Summary {
    pub go_version: Option<String>,
    /// The go.mod file that was read.
    pub go_mod: PathBuf,
    pub require: Vec<ModVer>,
    pruning: Pruning,
}

/// The outcome of loading the graph.
#[derive(Debug, Default)]
pub(super) struct Selection {
    /// Module path -> selected version (`""` for main modules).
    pub selected: BTreeMap<String, String>,
    pub summaries: HashMap<ModVer, Summary>,
    /// Module version -> why its go.mod could not be used.
    pub errors: BTreeMap<ModVer, String>,
}

struct Loader<'a> {
    fs: &'a dyn ModFs,
    main: &'a MainModules,
    gomodcache: &'a Path,
    sel: Selection,
    required: HashMap<ModVer, Vec<ModVer>>,
    loaded: HashSet<ModVer>,
    queue: VecDeque<(ModVer, Pruning)>,
    enqueued: HashSet<(ModVer, Pruning)>,
}

/// Loads the requirement graph of the main modules and selects a version of each module path.
pub(super) fn select(fs: &dyn ModFs, main: &MainModules, gomodcache: &Path) -> Selection {
    let mut l = Loader {
        fs,
        main,
        gomodcache,
        sel: Selection::default(),
        required: HashMap::new(),
        loaded: HashSet::new(),
        queue: VecDeque::new(),
        enqueued: HashSet::new(),
    };
    for m in &main.modules {
        l.sel.selected.insert(m.path.clone(), String::new());
    }
    if main.go_work.is_some() {
        for m in &main.modules {
            l.enqueue((m.path.clone(), String::new()), Pruning::Workspace);
        }
        l.drain();
        l.workspace_fixpoint();
    } else if let Some(m) = main.modules.first() {
        let roots: Vec<ModVer> = m
            .go_mod
            .require
            .iter()
            .filter(|r| !main.is_excluded(&r.path, &r.version))
            .map(|r| (r.path.clone(), r.version.clone()))
            .collect();
        let pruning = pruning_for(m.go_version());
        l.require((m.path.clone(), String::new()), roots.clone());
        for r in roots {
            l.enqueue(r, pruning);
        }
        l.drain();
    }
    l.sel
}

fn pruning_for(go_version: &str) -> Pruning {
    if gover::compare(go_version, versions::EXPLICIT_INDIRECT).is_lt() {
        Pruning::Unpruned
    } else {
        Pruning::Pruned
    }
}

/// Orders versions of one path: a main module (`""`) is above every version.
fn cmp_version(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => semver::compare(a, b),
    }
}

impl Loader<'_> {
    fn enqueue(&mut self, m: ModVer, pruning: Pruning) {
        if m.1 == "none" {
            return;
        }
        if self.enqueued.insert((m.clone(), pruning)) {
            self.queue.push_back((m, pruning));
        }
    }

    /// Records `m`'s requirements in the graph and raises the selected versions they name.
    fn require(&mut self, m: ModVer, reqs: Vec<ModVer>) {
        for (path, version) in &reqs {
            let cur = self.sel.selected.get(path);
            if cur.is_none_or(|cur| cmp_version(cur, version).is_lt()) {
                self.sel.selected.insert(path.clone(), version.clone());
            }
        }
        self.required.insert(m, reqs);
    }

    fn drain(&mut self) {
        while let Some((m, pruning)) = self.queue.pop_front() {
            let Some(summary) = self.load_one(&m) else {
                continue;
            };
            let next = if pruning == Pruning::Unpruned {
                Pruning::Unpruned
            } else {
                summary.pruning
            };
            for r in summary.require {
                if pruning != Pruning::Pruned || summary.pruning == Pruning::Unpruned {
                    self.enqueue(r, next);
                }
            }
        }
    }

    /// In a workspace, loads the requirements of dependencies of main modules that were
    /// selected above the version a main module required, until nothing changes.
    fn workspace_fixpoint(&mut self) {
        let mut has_deps_in_all: BTreeSet<String> =
            self.main.modules.iter().map(|m| m.path.clone()).collect();
        let mut seen: HashSet<ModVer> = HashSet::new();
        loop {
            let mut needs: BTreeSet<ModVer> = BTreeSet::new();
            for p in &has_deps_in_all {
                let m = (p.clone(), self.selected(p));
                if !seen.contains(&m) {
                    needs.insert(m);
                    continue;
                }
                for (rp, rv) in self.required.get(&m).into_iter().flatten() {
                    let s = (rp.clone(), self.selected(rp));
                    if cmp_version(&s.1, rv).is_gt() && !seen.contains(&s) {
                        needs.insert(s);
                    }
                }
            }
            if needs.is_empty() {
                return;
            }
            for m in needs {
                has_deps_in_all.insert(m.0.clone());
                seen.insert(m.clone());
                self.enqueue(m, Pruning::Workspace);
            }
            self.drain();
        }
    }

    fn selected(&self, path: &str) -> String {
        self.sel
            .selected
            .get(path)
            .cloned()
            .unwrap_or_else(|| "none".to_string())
    }

    /// Reads `m`'s go.mod once; on success its requirements join the graph.
    fn load_one(&mut self, m: &ModVer) -> Option<Summary> {
        if self.loaded.contains(m) {
            return self.sel.summaries.get(m).cloned();
        }
        self.loaded.insert(m.clone());
        match self.summary(m) {
            Ok(s) => {
                self.require(m.clone(), s.require.clone());
                self.sel.summaries.insert(m.clone(), s.clone());
                Some(s)
            }
            Err(e) => {
                self.sel.errors.insert(m.clone(), e);
                None
            }
        }
    }

    fn summary(&mut self, m: &ModVer) -> Result<Summary, String> {
        go_mod_summary(self.fs, self.main, self.gomodcache, m, &mut self.sel.errors)
    }
}

/// Reads and summarizes the go.mod of a module version (a main module's own, a replacement's,
/// or the module cache's). Problems that still leave a usable summary go into `errors`.
pub(super) fn go_mod_summary(
    fs: &dyn ModFs,
    main: &MainModules,
    gomodcache: &Path,
    m: &ModVer,
    errors: &mut BTreeMap<ModVer, String>,
) -> Result<Summary, String> {
    let (path, version) = (m.0.as_str(), m.1.as_str());
    if let Some(mm) = main
        .modules
        .iter()
        .find(|mm| version.is_empty() && mm.path == path)
    {
        return Ok(summarize(main, &mm.go_mod, mm.go_mod_path.clone()));
    }
    let this = module_version(path, Some(version));
    let (file, shown, expect) = match main.replacement(path, version) {
        Some(Target::Dir { display, dir }) => (
            dir.join("go.mod"),
            format!("{this} (replaced by {display})"),
            None,
        ),
        Some(Target::Module {
            path: rp,
            version: rv,
        }) => {
            let shown = format!("{this} (replaced by {})", module_version(rp, Some(rv)));
            let file = cache_mod_file(gomodcache, rp, rv).map_err(|e| format!("{shown}: {e}"))?;
            (file, shown, Some(rp.as_str()))
        }
        None => {
            let file =
                cache_mod_file(gomodcache, path, version).map_err(|e| format!("{this}: {e}"))?;
            (file, this.clone(), Some(path))
        }
    };
    let bytes = fs.read(&file).map_err(|e| {
        let how = if expect.is_some() {
            "not in the module cache"
        } else {
            "reading go.mod"
        };
        format!("{shown}: {how}: {}", io_error(&file, &e))
    })?;
    let go_mod = modfile::parse_go_mod(&String::from_utf8_lossy(&bytes));
    let mut problems: Vec<String> = go_mod
        .errors
        .iter()
        // A dependency's go.mod is read laxly: directives from a newer toolchain are fine.
        .filter(|e| {
            !e.message.starts_with("unknown directive")
                && !e.message.starts_with("unknown block type")
        })
        .map(|e| e.display(&file.display().to_string()))
        .collect();
    if let Some(required_as) = expect {
        match go_mod.module_path() {
            None => problems.push("missing module line".to_string()),
            Some(declared) if declared != path && declared != required_as => {
                problems.push(format!(
                    "module declares its path as: {declared}\n\t        but was required as: {path}"
                ))
            }
            Some(_) => {}
        }
    }
    let summary = summarize(main, &go_mod, file);
    if !problems.is_empty() {
        // Keep what could be read: the requirements still shape the graph.
        errors.insert(
            m.clone(),
            format!("{shown}: parsing go.mod: {}", problems.join("\n")),
        );
    }
    Ok(summary)
}

fn summarize(main: &MainModules, go_mod: &GoMod, file: PathBuf) -> Summary {
    let require = go_mod
        .require
        .iter()
        .filter(|r| !main.is_excluded(&r.path, &r.version))
        .map(|r| (r.path.clone(), r.version.clone()))
        .collect();
    let go_version = go_mod.go_version().map(str::to_string);
    // No `go` line means the module predates pruning.
    let pruning = go_version.as_deref().map_or(Pruning::Unpruned, pruning_for);
    Summary {
        go_version,
        go_mod: file,
        require,
        pruning,
    }
}
