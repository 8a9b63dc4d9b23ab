//! Analyzer findings (go vet's and gopls' analyzers, crate `analyzers`) for the package of a
//! file, with their suggested fixes for code actions.
//!
//! The analyzers need the package checked in full. The editor's type errors come from staged
//! checks (one body at a time, facts split between declarations texts and body texts), which
//! cannot serve them; so the package's real files are checked again, in a copy of the world
//! its dependencies were checked in (`typecheck::dependency_world`), the enabled analyzers
//! run over that, and the copy is dropped: only the findings are kept.
//!
//! That check and the analyzers take long for a large package (seconds for net/http in a debug
//! build), and salsa cannot interrupt a query that does not read the database: an edit would
//! wait for it to finish, and the type errors of that edit with it. So the salsa query only
//! gathers what they need, as plain data ([`AnalyzerInputs`], equal as long as the package's
//! texts and its dependencies' world are); running them ([`Analyzers::findings`]) needs no
//! snapshot, one run at a time, cached by those inputs and the analyzers asked for. The server
//! computes the type errors, drops its snapshot, then runs the analyzers, so that type errors
//! never wait long for them.
//!
//! Facts across packages (a printf wrapper declared in a dependency, say): dependencies are
//! checked here without their function bodies, so only the package's own facts exist. The
//! `check` CLI, which checks every package in full, has them all.

use std::{
    collections::{BTreeSet, HashMap, VecDeque},
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use base_db::{SourceDatabase, SourceFile};
use project_model::db as pm;
use syntax::TextRange;

use crate::{
    diagnostics::{Diagnostic, Severity},
    typecheck::{self, Deps},
};

/// What the analyzers need of one package: its files' texts and syntax trees, and the world
/// its dependencies were checked in. Cheap to clone; holds no database.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzerInputs(Arc<Inputs>);

#[derive(Debug)]
struct Inputs {
    dir: PathBuf,
    deps: Deps,
    import_path: String,
    config: hir::Config,
    paths: Vec<PathBuf>,
    files: Vec<hir::SourceFile>,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Inputs) -> bool {
        let none = BTreeSet::new();
        self.key(&none) == other.key(&none)
    }
}

/// Names of analyzers to run.
pub type AnalyzerNames = BTreeSet<&'static str>;

impl Inputs {
    fn key(&self, analyzers: &AnalyzerNames) -> Key {
        Key {
            analyzers: analyzers.clone(),
            dir: self.dir.clone(),
            deps: self.deps.id,
            import_path: self.import_path.clone(),
            lang: self.config.lang.clone(),
            files: self
                .paths
                .iter()
                .zip(&self.files)
                .map(|(p, f)| (p.clone(), f.text.clone()))
                .collect(),
        }
    }
}

/// What the findings of a package depend on; kept by the cache instead of the inputs, which
/// would keep the dependencies' world alive.
#[derive(Debug, PartialEq, Eq)]
struct Key {
    analyzers: AnalyzerNames,
    dir: PathBuf,
    deps: u64,
    import_path: String,
    lang: Option<String>,
    /// Equal texts parse equally, so the texts stand for the syntax trees.
    files: Vec<(PathBuf, Arc<str>)>,
}

impl AnalyzerInputs {
    /// The package's files, in the order findings index them.
    pub fn paths(&self) -> &[PathBuf] {
        &self.0.paths
    }
}

/// A suggested fix: edits, in the package's files, that together resolve a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does (a quick fix's title).
    pub title: String,
    pub edits: Vec<FileEdit>,
}

/// Replace `range` (byte offsets in the text the findings were computed on) of `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub range: TextRange,
    pub new_text: String,
}

/// One analyzer's finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub path: PathBuf,
    /// Its `source` is the analyzer's name; its severity the analyzer's.
    pub diagnostic: Diagnostic,
    pub fixes: Vec<Fix>,
    /// The finding only carries fixes for the compiler's error at the same range (gopls'
    /// `fillreturns`, ...): it is never shown itself, its fixes are quick fixes on that error.
    pub fixes_error: bool,
}

impl Finding {
    /// The analyzer that found it.
    pub fn analyzer(&self) -> &'static str {
        self.diagnostic.source
    }
}

/// Every analyzer's findings in a package, and the texts their ranges are offsets in.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PackageFindings {
    /// Sorted by file, position, analyzer.
    pub findings: Vec<Finding>,
    pub texts: HashMap<PathBuf, Arc<str>>,
    /// Analyzers (or the check) that panicked: bugs of ours, to log.
    pub bugs: Vec<String>,
    /// What each analyzer took (and the copy of the world, and the check), slowest first.
    pub timings: Vec<(&'static str, Duration)>,
}

impl PackageFindings {
    pub fn in_file<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.path == path)
    }
}

/// A file as the full check reads it.
type CheckedFile = crate::typecheck::ParsedText;

/// `file` for the full check; `None` when it has syntax errors. Its own query, unbounded, so
/// that a package's syntax trees survive the parse caches' eviction (checking a package's
/// dependencies parses hundreds of files): an edit of one file re-parses that file alone.
#[salsa::tracked(returns(ref))]
fn checked_file(db: &dyn SourceDatabase, file: SourceFile) -> Option<CheckedFile> {
    let ast = base_db::file_ast(db, file);
    if !ast.errors.is_empty() || !base_db::parse(db, file).errors().is_empty() {
        return None;
    }
    Some(crate::typecheck::ParsedText(hir::SourceFile {
        path: file.path(db).to_string_lossy().as_ref().into(),
        text: file.text(db).clone(),
        ast: ast.clone(),
    }))
}

/// The inputs of the package in `dir`; `None` when a file of it has syntax errors (findings
/// on code that does not parse would mostly be noise; go vet does not run there either).
#[salsa::tracked(returns(ref))]
fn package_analyzer_inputs(
    db: &dyn SourceDatabase,
    dir: base_db::Directory,
) -> Option<AnalyzerInputs> {
    let package = pm::package_of_dir(db, dir.path(db), None)?;
    let (paths, files) = typecheck::package_files(db, &package, |file| {
        checked_file(db, file).as_ref().map(|f| f.0.clone())
    })?;
    let deps = typecheck::dependency_world(db, dir).clone()?;
    Some(AnalyzerInputs(Arc::new(Inputs {
        dir: package.dir.clone(),
        deps,
        import_path: package.import_path.clone(),
        config: typecheck::package_config(&package),
        paths,
        files,
    })))
}

/// The analyzer inputs of `file`'s package, when the workspace's configuration builds it.
pub(crate) fn file_analyzer_inputs(
    db: &dyn SourceDatabase,
    file: SourceFile,
) -> Option<AnalyzerInputs> {
    let found = pm::file_package(db, file).as_ref()?;
    if !found.default_config {
        return None;
    }
    let dir = file.path(db).parent()?;
    package_analyzer_inputs(db, base_db::directory(db, dir)).clone()
}

/// Checks the package of `inputs` in full and runs the analyzers named in `enabled` over it.
/// Needs no database; the world's copy is dropped before it returns.
pub fn run_analyzers(inputs: &AnalyzerInputs, enabled: &AnalyzerNames) -> PackageFindings {
    let inputs = &*inputs.0;
    // The analyzers walk syntax trees recursively, as deep as the code nests: they get a deep
    // stack (reserved, not committed) whatever thread calls this.
    const STACK: usize = 256 << 20;
    let ran = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("analyzers".into())
            .stack_size(STACK)
            .spawn_scoped(s, || {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(inputs, enabled)))
            })
            .map(|thread| thread.join())
    });
    let texts = inputs
        .paths
        .iter()
        .zip(&inputs.files)
        .map(|(p, f)| (p.clone(), f.text.clone()))
        .collect();
    let failed = |why: String| PackageFindings {
        bugs: vec![why],
        ..PackageFindings::default()
    };
    match ran {
        Ok(Ok(Ok((outcome, mut timings)))) => {
            timings.sort_by_key(|t| std::cmp::Reverse(t.1));
            PackageFindings {
                findings: findings(outcome.diagnostics, &inputs.paths),
                texts,
                bugs: outcome.bugs,
                timings,
            }
        }
        Ok(Ok(Err(panic)) | Err(panic)) => failed(format!(
            "checking {} for the analyzers panicked: {}",
            inputs.import_path,
            panic_message(&*panic)
        )),
        Err(err) => failed(format!("cannot start the analyzers: {err}")),
    }
}

fn analyze(
    inputs: &Inputs,
    enabled: &AnalyzerNames,
) -> (analyzers::Outcome, Vec<(&'static str, Duration)>) {
    let started = Instant::now();
    let mut world = (*inputs.deps.world).clone();
    let cloned = started.elapsed();
    let started = Instant::now();
    let checked = hir::check_package(
        &mut world,
        &inputs.import_path,
        &inputs.files,
        &mut inputs.deps.importer(),
        &inputs.config,
    );
    let package = analyzers::Package {
        world: &world,
        package: checked.package,
        files: &inputs.files,
        info: &checked.info,
        errors: &checked.errors,
    };
    let mut timings = vec![
        ("(copy of the world)", cloned),
        ("(check)", started.elapsed()),
    ];
    // Only the package's own facts: see the module's docs.
    let mut facts = analyzers::Facts::default();
    let mut outcome = analyzers::Outcome::default();
    // One at a time (in the registry's order, as `analyze` runs them), to know what each costs.
    for &analyzer in analyzers::all() {
        if !enabled.contains(analyzer.name) {
            continue;
        }
        let started = Instant::now();
        let mut one = analyzers::analyze(package, &[analyzer], &mut facts);
        timings.push((analyzer.name, started.elapsed()));
        outcome.diagnostics.append(&mut one.diagnostics);
        outcome.bugs.append(&mut one.bugs);
    }
    outcome.diagnostics.sort_by(|a, b| {
        (a.file, a.range.start, a.analyzer, &a.message).cmp(&(
            b.file,
            b.range.start,
            b.analyzer,
            &b.message,
        ))
    });
    (outcome, timings)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}

/// The analyzers' diagnostics as findings: file indexes become the package's paths.
fn findings(diagnostics: Vec<analyzers::Diagnostic>, paths: &[PathBuf]) -> Vec<Finding> {
    let path_of = |file: usize| paths.get(file).cloned();
    diagnostics
        .into_iter()
        .filter_map(|d| {
            let path = path_of(d.file)?;
            let analyzer = analyzers::all().iter().find(|a| a.name == d.analyzer);
            let fixes = d
                .fixes
                .into_iter()
                .filter_map(|fix| {
                    let edits = fix
                        .edits
                        .into_iter()
                        .map(|e| {
                            Some(FileEdit {
                                path: path_of(e.file)?,
                                range: e.range,
                                new_text: e.new_text,
                            })
                        })
                        .collect::<Option<Vec<_>>>()?;
                    Some(Fix {
                        title: fix.message,
                        edits,
                    })
                })
                .collect();
            Some(Finding {
                path,
                diagnostic: Diagnostic {
                    range: d.range,
                    severity: severity(d.severity),
                    source: d.analyzer,
                    code: None,
                    message: d.message,
                },
                fixes,
                fixes_error: analyzer.is_some_and(|a| a.fixes_errors),
            })
        })
        .collect()
}

fn severity(severity: analyzers::Severity) -> Severity {
    match severity {
        analyzers::Severity::Error => Severity::Error,
        analyzers::Severity::Warning => Severity::Warning,
        analyzers::Severity::Info => Severity::Info,
        analyzers::Severity::Hint => Severity::Hint,
    }
}

/// How many packages' findings are kept: those of the packages being edited, and a few more.
const CACHED_PACKAGES: usize = 16;

/// Runs the analyzers one package at a time, and keeps the findings of the last few packages
/// by their inputs. Shared by the threads that publish diagnostics and answer code actions.
#[derive(Clone, Default, Debug)]
pub struct Analyzers(Arc<Shared>);

#[derive(Default, Debug)]
struct Shared {
    /// Newest last.
    cache: Mutex<VecDeque<(Key, Arc<PackageFindings>)>>,
    /// Held while the analyzers run: two runs at once would only slow each other down on a
    /// loaded machine, and a second caller for the same package then finds the first's result.
    running: Mutex<()>,
    /// How long the last run took, by package directory.
    took: Mutex<HashMap<PathBuf, Duration>>,
}

impl Analyzers {
    /// The findings for `inputs`, if they were computed.
    pub fn cached(
        &self,
        inputs: &AnalyzerInputs,
        enabled: &AnalyzerNames,
    ) -> Option<Arc<PackageFindings>> {
        let key = inputs.0.key(enabled);
        let cache = self.0.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| f.clone())
    }

    /// How long the analyzers took the last time they ran on the package of `inputs`.
    pub fn last_run(&self, inputs: &AnalyzerInputs) -> Option<Duration> {
        let took = self.0.took.lock().unwrap_or_else(PoisonError::into_inner);
        took.get(&inputs.0.dir).copied()
    }

    /// The findings for `inputs`, computed unless cached, and whether they were computed now
    /// (so that bugs are reported once). `wanted` is asked when this call's turn to run comes:
    /// `false` (a newer edit made the result useless) returns `None` without running.
    pub fn findings(
        &self,
        inputs: &AnalyzerInputs,
        enabled: &AnalyzerNames,
        wanted: impl FnOnce() -> bool,
    ) -> Option<(Arc<PackageFindings>, bool)> {
        if let Some(found) = self.cached(inputs, enabled) {
            return Some((found, false));
        }
        let _turn = self
            .0
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = self.cached(inputs, enabled) {
            return Some((found, false));
        }
        if !wanted() {
            return None;
        }
        let started = Instant::now();
        let found = Arc::new(run_analyzers(inputs, enabled));
        self.0
            .took
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(inputs.0.dir.clone(), started.elapsed());
        let mut cache = self.0.cache.lock().unwrap_or_else(PoisonError::into_inner);
        // One entry per package: its older findings are of no use any more.
        let key = inputs.0.key(enabled);
        cache.retain(|(k, _)| k.dir != key.dir);
        cache.push_back((key, found.clone()));
        while cache.len() > CACHED_PACKAGES {
            cache.pop_front();
        }
        Some((found, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_indexes_become_paths_and_fixes_keep_their_edits() {
        let paths = vec![PathBuf::from("/w/a.go"), PathBuf::from("/w/b.go")];
        let range = TextRange::new(3, 7);
        let diagnostic = analyzers::Diagnostic {
            analyzer: "nilfunc",
            severity: analyzers::Severity::Warning,
            file: 1,
            range,
            message: "comparison of function F == nil is always false".into(),
            fixes: vec![analyzers::Fix {
                message: "Replace with false".into(),
                edits: vec![
                    analyzers::Edit {
                        file: 1,
                        range,
                        new_text: "false".into(),
                    },
                    analyzers::Edit {
                        file: 0,
                        range: TextRange::new(0, 0),
                        new_text: "// x\n".into(),
                    },
                ],
            }],
        };
        // A finding in a file the package does not have is dropped, not a panic.
        let stray = analyzers::Diagnostic {
            file: 2,
            ..diagnostic.clone()
        };
        let found = findings(vec![diagnostic, stray], &paths);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.path, paths[1]);
        assert_eq!(f.analyzer(), "nilfunc");
        assert_eq!(f.diagnostic.severity, Severity::Warning);
        assert_eq!(f.diagnostic.range, range);
        assert!(!f.fixes_error);
        assert_eq!(
            f.fixes,
            [Fix {
                title: "Replace with false".into(),
                edits: vec![
                    FileEdit {
                        path: paths[1].clone(),
                        range,
                        new_text: "false".into()
                    },
                    FileEdit {
                        path: paths[0].clone(),
                        range: TextRange::new(0, 0),
                        new_text: "// x\n".into()
                    },
                ]
            }]
        );
    }
}
