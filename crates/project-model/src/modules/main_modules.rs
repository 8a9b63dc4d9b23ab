//! Finding the main module(s) (modload's Init and loadModFile): a go.work found upward from
//! the directory (unless GOWORK says otherwise) and the modules it `use`s, or else the nearest
//! go.mod upward; the `-mod` mode they imply; and the `replace` directives of the main modules
//! and go.work, which are the only replacements the go command honours.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::env::{BuildMod, Env, ModFlag};
use super::fs::{ModFs, clean_path, is_file, relative_path};
use super::gover::{self, versions};
use super::graph::{Diagnostic, Mode};
use super::path::check_import_path;
use crate::modfile::{self, GoMod, GoWork, ReplaceTarget, is_directory_path};

/// A main module: a `use`d directory of the workspace, or the module containing the directory.
#[derive(Debug)]
pub(super) struct MainModule {
    pub path: String,
    pub root: PathBuf,
    pub go_mod_path: PathBuf,
    pub go_mod: GoMod,
}

impl MainModule {
    /// The go version the go command assumes for this module.
    pub fn go_version(&self) -> &str {
        self.go_mod.go_version().unwrap_or(versions::DEFAULT_GO_MOD)
    }
}

/// The go.work line that named a module directory, for the errors about it.
#[derive(Clone, Copy)]
struct UsedBy<'a> {
    go_work: &'a Path,
    /// The directory as the go command shows it (relative to go.work's directory).
    shown: &'a Path,
    pos: modfile::Position,
    work_go: &'a str,
    /// "lists" or "implicitly requires" (the go version).
    verb: &'static str,
}

/// Where a replacement points, resolved against the file that declared it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// A directory: `display` is the path as the go command reports it (in a workspace,
    /// relative to go.work's directory), `dir` the absolute directory.
    Dir {
        display: String,
        dir: PathBuf,
    },
    Module {
        path: String,
        version: String,
    },
}

#[derive(Debug)]
struct Rule {
    old_path: String,
    old_version: Option<String>,
    target: Target,
}

/// The main modules and everything derived from them that the graph needs.
#[derive(Debug)]
pub(super) struct MainModules {
    pub mode: Mode,
    pub modules: Vec<MainModule>,
    pub go_work: Option<(PathBuf, GoWork)>,
    work_rules: Vec<Rule>,
    /// One list per main module, in `modules` order.
    module_rules: Vec<Vec<Rule>>,
}

impl MainModules {
    /// Finds the main modules for `dir` and reads their go.mod files; every problem becomes a
    /// diagnostic and what could be read is kept.
    pub fn find(
        fs: &dyn ModFs,
        dir: &Path,
        env: &Env,
        goroot: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> MainModules {
        let mut mm = MainModules {
            mode: Mode::NoModule,
            modules: Vec::new(),
            go_work: None,
            work_rules: Vec::new(),
            module_rules: Vec::new(),
        };
        let auto = match env.go111module.as_deref() {
            Some("off") => {
                mm.mode = Mode::Gopath;
                return mm;
            }
            Some("auto") => true,
            None | Some("" | "on") => false,
            Some(other) => {
                // The go command refuses to run; we carry on in module mode.
                diags.push(Diagnostic::error(format!(
                    "unknown environment setting GO111MODULE={other}"
                )));
                false
            }
        };

        if let Some(work_path) = find_go_work(fs, dir, env, goroot, diags) {
            mm.load_workspace(fs, &work_path, diags);
        } else if let Some(root) = find_module_root(fs, dir) {
            mm.mode = Mode::Module;
            mm.load_main_module(fs, &root, None, diags);
        } else if auto {
            mm.mode = Mode::Gopath;
        }
        mm.index_replacements(diags);
        mm
    }

    fn load_workspace(&mut self, fs: &dyn ModFs, work_path: &Path, diags: &mut Vec<Diagnostic>) {
        self.mode = Mode::Workspace {
            go_work: work_path.to_path_buf(),
        };
        let work = match fs.read(work_path) {
            Ok(bytes) => modfile::parse_go_work(&String::from_utf8_lossy(&bytes)),
            Err(e) => {
                diags.push(Diagnostic::error(format!(
                    "reading go.work: {}",
                    io_error(work_path, &e)
                )));
                GoWork::default()
            }
        };
        diags.extend(
            work.errors
                .iter()
                .map(|e| Diagnostic::in_file(work_path, e)),
        );
        let work_dir = work_path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let (work_go, verb) = match work.go_version() {
            Some(v) => (v, "lists"),
            None => (versions::DEFAULT_GO_WORK, "implicitly requires"),
        };
        let mut seen: Vec<PathBuf> = Vec::new();
        for u in &work.uses {
            let root = clean_path(&work_dir.join(&u.path));
            if seen.contains(&root) {
                let message = format!(
                    "path {} appears multiple times in workspace",
                    root.display()
                );
                diags.push(Diagnostic::at(work_path, u.span.start, message));
                continue;
            }
            seen.push(root.clone());
            let shown = clean_path(Path::new(&u.path));
            let used_by = UsedBy {
                go_work: work_path,
                shown: &shown,
                pos: u.span.start,
                work_go,
                verb,
            };
            self.load_main_module(fs, &root, Some(used_by), diags);
        }
        self.work_rules = work
            .replace
            .iter()
            .map(|r| rule(r, &work_dir, None))
            .collect();
        for r in &work.replace {
            if r.old_version.is_none() && self.modules.iter().any(|m| m.path == r.old_path) {
                let message = format!(
                    "workspace module {} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.",
                    r.old_path
                );
                diags.push(Diagnostic::at(work_path, r.span.start, message));
            }
        }
        self.go_work = Some((work_path.to_path_buf(), work));
    }

    /// Reads `root/go.mod`; `used_by` is the go.work line that named it, for error positions.
    fn load_main_module(
        &mut self,
        fs: &dyn ModFs,
        root: &Path,
        used_by: Option<UsedBy<'_>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let go_mod_path = root.join("go.mod");
        let bytes = match fs.read(&go_mod_path) {
            Ok(bytes) if !fs.is_dir(&go_mod_path) => bytes,
            result => {
                let err = result
                    .err()
                    .unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::IsADirectory));
                diags.push(match used_by {
                    Some(u) => Diagnostic::at(
                        u.go_work,
                        u.pos,
                        format!(
                            "cannot load module {} listed in go.work file: {}",
                            u.shown.display(),
                            io_error(&u.shown.join("go.mod"), &err)
                        ),
                    ),
                    None => Diagnostic::error(format!(
                        "reading go.mod: {}",
                        io_error(&go_mod_path, &err)
                    )),
                });
                return;
            }
        };
        let go_mod = modfile::parse_go_mod(&String::from_utf8_lossy(&bytes));
        diags.extend(
            go_mod
                .errors
                .iter()
                .map(|e| Diagnostic::in_file(&go_mod_path, e)),
        );
        let Some(path) = go_mod.module_path().map(str::to_string) else {
            diags.push(Diagnostic::file(
                &go_mod_path,
                format!(
                    "error reading {}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod",
                    go_mod_path.display()
                ),
            ));
            return;
        };
        if let Err(e) = check_import_path(&path) {
            diags.push(Diagnostic::file(
                &go_mod_path,
                e.replacen("import path", "module path", 1),
            ));
        }
        if self.modules.iter().any(|m| m.path == path) {
            diags.push(Diagnostic::error(format!(
                "module {path} appears multiple times in workspace"
            )));
            return;
        }
        if let Some(u) = used_by {
            // The go command refuses such a workspace; we report it and keep the module.
            let mv = go_mod.go_version().unwrap_or(versions::DEFAULT_GO_MOD);
            if gover::compare(mv, u.work_go).is_gt() && gover::compare(mv, "1.21").is_ge() {
                let message = format!(
                    "module {} listed in go.work file requires go >= {mv}, but go.work {} go {}; to update it:\n\tgo work use",
                    u.shown.display(),
                    u.verb,
                    u.work_go
                );
                diags.push(Diagnostic::at(u.go_work, u.pos, message));
            }
        }
        self.modules.push(MainModule {
            path,
            root: root.to_path_buf(),
            go_mod_path,
            go_mod,
        });
    }

    fn index_replacements(&mut self, diags: &mut Vec<Diagnostic>) {
        let work_dir = self
            .go_work
            .as_ref()
            .and_then(|(p, _)| p.parent())
            .map(Path::to_path_buf);
        let mut seen: HashMap<(String, Option<String>), (Target, PathBuf)> = HashMap::new();
        for m in &self.modules {
            let mut rules: Vec<Rule> = Vec::new();
            for r in &m.go_mod.replace {
                let new = rule(r, &m.root, work_dir.as_deref());
                // Within one go.mod the last directive wins (the go command refuses conflicts).
                rules.retain(|old| {
                    (&old.old_path, &old.old_version) != (&new.old_path, &new.old_version)
                });
                rules.push(new);
            }
            for r in &rules {
                let key = (r.old_path.clone(), r.old_version.clone());
                let overridden = self.work_rules.iter().any(|w| w.old_path == r.old_path);
                match seen.get(&key) {
                    Some((prev, prev_file)) if *prev != r.target && !overridden => {
                        let message = format!(
                            "conflicting replacements found for {} in workspace modules defined by {} and {}",
                            module_version(&r.old_path, r.old_version.as_deref()),
                            prev_file.display(),
                            m.go_mod_path.display()
                        );
                        diags.push(Diagnostic::error(message));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, (r.target.clone(), m.go_mod_path.clone()));
                    }
                }
            }
            self.module_rules.push(rules);
        }
    }

    /// Whether `path` at `version` is a main module itself (which is never replaced).
    pub fn is_main(&self, path: &str, version: &str) -> bool {
        version.is_empty() && self.modules.iter().any(|m| m.path == path)
    }

    /// The replacement for `path@version` (modload's Replacement): go.work's directives first,
    /// then the main modules' go.mod files, an exact version before a path-only directive.
    pub fn replacement(&self, path: &str, version: &str) -> Option<&Target> {
        if self.is_main(path, version) {
            return None;
        }
        if let Some(t) = find_rule(&self.work_rules, path, version) {
            return Some(t);
        }
        self.module_rules
            .iter()
            .find_map(|rules| find_rule(rules, path, version))
    }

    /// Every replaced module path with the highest version it is replaced at (`None`: every
    /// version), for the "replaced but not required" hint.
    pub fn replaced_paths(&self) -> Vec<(&str, Option<&str>)> {
        let mut out: Vec<(&str, Option<&str>)> = Vec::new();
        for r in self
            .work_rules
            .iter()
            .chain(self.module_rules.iter().flatten())
        {
            match out.iter_mut().find(|(p, _)| *p == r.old_path) {
                Some((_, v)) => {
                    let higher = match (*v, r.old_version.as_deref()) {
                        (Some(old), Some(new)) => super::semver::compare(new, old).is_gt(),
                        _ => false,
                    };
                    if higher {
                        *v = r.old_version.as_deref();
                    }
                }
                None => out.push((&r.old_path, r.old_version.as_deref())),
            }
        }
        out
    }

    /// The `exclude`d versions of every main module (a workspace applies them all).
    pub fn is_excluded(&self, path: &str, version: &str) -> bool {
        self.modules.iter().any(|m| {
            m.go_mod
                .exclude
                .iter()
                .any(|e| e.path == path && e.version == version)
        })
    }

    /// The go version of the main module, or of go.work in a workspace (MainModules.GoVersion),
    /// with the go command's defaults; `None` without a main module.
    pub fn go_version(&self) -> Option<String> {
        match &self.mode {
            Mode::Workspace { .. } => Some(
                self.go_work
                    .as_ref()
                    .and_then(|(_, w)| w.go_version())
                    .unwrap_or(versions::DEFAULT_GO_WORK)
                    .to_string(),
            ),
            Mode::Module => self.modules.first().map(|m| m.go_version().to_string()),
            Mode::NoModule | Mode::Gopath => None,
        }
    }

    /// The directory whose vendor/ the go command uses, and the go version deciding it.
    fn vendor_home(&self) -> Option<(PathBuf, String, &'static str)> {
        match &self.mode {
            Mode::Workspace { go_work } => {
                let wv = self
                    .go_work
                    .as_ref()
                    .and_then(|(_, w)| w.go_version())
                    .unwrap_or("");
                Some((go_work.parent()?.to_path_buf(), wv.to_string(), "go.work"))
            }
            Mode::Module => {
                let m = self.modules.first()?;
                Some((
                    m.root.clone(),
                    m.go_mod.go_version().unwrap_or("").to_string(),
                    "go.mod",
                ))
            }
            Mode::NoModule | Mode::Gopath => None,
        }
    }

    /// The `-mod` mode (setDefaultBuildMod) and, when vendoring, the vendor directory.
    pub fn build_mod(
        &self,
        fs: &dyn ModFs,
        env: &Env,
        diags: &mut Vec<Diagnostic>,
    ) -> (BuildMod, Option<PathBuf>) {
        let workspace = matches!(self.mode, Mode::Workspace { .. });
        let vendor_dir = self.vendor_home().map(|(home, _, _)| home.join("vendor"));
        if let Some(value) = env.goflags_mod.as_deref() {
            let flag = match value {
                "mod" => Some(ModFlag::Mod),
                "readonly" => Some(ModFlag::Readonly),
                "vendor" => Some(ModFlag::Vendor),
                _ => None,
            };
            match flag {
                None => diags.push(Diagnostic::error(format!(
                    "-mod={value}: invalid value (must be mod, readonly or vendor)"
                ))),
                Some(ModFlag::Mod) if workspace => diags.push(Diagnostic::error(
                    "-mod may only be set to readonly or vendor when in workspace mode, but it is set to \"mod\"\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode."
                        .to_string(),
                )),
                Some(flag) => {
                    let vendor = (flag == ModFlag::Vendor).then_some(vendor_dir).flatten();
                    return (BuildMod { flag, explicit: true, reason: None }, vendor);
                }
            }
            // The go command stops here; we go on with the default.
        }
        let readonly = |reason: Option<String>| {
            (
                BuildMod {
                    flag: ModFlag::Readonly,
                    explicit: false,
                    reason,
                },
                None,
            )
        };
        let Some((home, go_version, source)) = self.vendor_home() else {
            return readonly(None);
        };
        let vendor = home.join("vendor");
        if !fs.is_dir(&vendor) {
            return readonly(None);
        }
        if go_version.is_empty() {
            return readonly(Some(format!(
                "Go version in {source} is unspecified, so vendor directory was not used."
            )));
        }
        if gover::compare(&go_version, versions::AUTO_VENDOR).is_lt() {
            return readonly(Some(format!(
                "Go version in {source} is {go_version}, so vendor directory was not used."
            )));
        }
        let for_workspace = fs
            .read(&vendor.join("modules.txt"))
            .map(|b| super::vendor::ModulesTxt::parse(&String::from_utf8_lossy(&b)).workspace)
            .unwrap_or(false);
        if for_workspace != workspace {
            let reason = if for_workspace {
                "Outside workspace mode, but vendor directory is for a workspace."
            } else {
                "In workspace mode, but vendor directory is not for a workspace"
            };
            return readonly(Some(reason.to_string()));
        }
        let reason =
            format!("Go version in {source} is at least 1.14 and vendor directory exists.");
        (
            BuildMod {
                flag: ModFlag::Vendor,
                explicit: false,
                reason: Some(reason),
            },
            Some(vendor),
        )
    }
}

fn find_rule<'r>(rules: &'r [Rule], path: &str, version: &str) -> Option<&'r Target> {
    let exact = rules
        .iter()
        .find(|r| r.old_path == path && r.old_version.as_deref() == Some(version));
    exact
        .or_else(|| {
            rules
                .iter()
                .find(|r| r.old_path == path && r.old_version.is_none())
        })
        .map(|r| &r.target)
}

/// A replace directive resolved against its file's directory `base`; in a workspace, directory
/// targets from go.mod files are shown relative to go.work's directory, as the go command does.
fn rule(r: &modfile::Replace, base: &Path, work_dir: Option<&Path>) -> Rule {
    let target = match &r.new {
        ReplaceTarget::Module { path, version } => Target::Module {
            path: path.clone(),
            version: version.clone(),
        },
        ReplaceTarget::Dir(d) => {
            let p = Path::new(d);
            let dir = if p.is_absolute() {
                clean_path(p)
            } else {
                clean_path(&base.join(p))
            };
            let display = match work_dir {
                Some(w) if !p.is_absolute() => match relative_path(w, &dir) {
                    Some(rel) => to_directory_path(&rel.to_string_lossy().replace('\\', "/")),
                    None => dir.to_string_lossy().into_owned(),
                },
                _ => d.clone(),
            };
            Target::Dir { display, dir }
        }
    };
    Rule {
        old_path: r.old_path.clone(),
        old_version: r.old_version.clone(),
        target,
    }
}

/// modload's ToDirectoryPath: a relative path that does not look like one gets `./`.
fn to_directory_path(p: &str) -> String {
    if is_directory_path(p) {
        p.to_string()
    } else {
        format!("./{p}")
    }
}

/// `path@version`, or just `path` when the version is absent.
pub(super) fn module_version(path: &str, version: Option<&str>) -> String {
    match version {
        Some(v) if !v.is_empty() => format!("{path}@{v}"),
        _ => path.to_string(),
    }
}

/// An I/O error worded like Go's *PathError (`open /x/go.mod: no such file or directory`).
pub(super) fn io_error(path: &Path, err: &std::io::Error) -> String {
    let what = match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => err.to_string(),
    };
    format!("open {}: {what}", path.display())
}

/// GOWORK: `off` disables workspaces, a path names the go.work, otherwise search upward from
/// `dir`, never crossing into GOROOT (whose own modules ignore outer workspaces).
fn find_go_work(
    fs: &dyn ModFs,
    dir: &Path,
    env: &Env,
    goroot: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    match env.gowork.as_deref() {
        Some("off") => None,
        None | Some("" | "auto") => {
            let goroot = clean_path(goroot);
            let mut d = dir.to_path_buf();
            loop {
                let candidate = d.join("go.work");
                if is_file(fs, &candidate) {
                    return Some(candidate);
                }
                let parent = d.parent()?.to_path_buf();
                if parent == goroot || parent.as_os_str().is_empty() {
                    return None;
                }
                d = parent;
            }
        }
        Some(path) => {
            let p = Path::new(path);
            if !p.is_absolute() {
                diags.push(Diagnostic::error(
                    "invalid GOWORK: not an absolute path".to_string(),
                ));
                return None;
            }
            Some(clean_path(p))
        }
    }
}

/// The nearest directory upward from `dir` holding a go.mod file.
fn find_module_root(fs: &dyn ModFs, dir: &Path) -> Option<PathBuf> {
    // A relative `dir` ends in the empty path, which would mean the process's directory.
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty())
        .find(|d| is_file(fs, &d.join("go.mod")))
        .map(Path::to_path_buf)
}
