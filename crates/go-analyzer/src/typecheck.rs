//! Type checking for `check`: the selected packages and their dependencies, in dependency
//! order, in one `hir::World`. Dependencies are checked without function bodies (only their
//! API matters); the selected packages are checked in full, with their test files, and their
//! external test packages (`p_test`) against the test variant of `p`.
//!
//! The analyzers run on every package reported, in dependency order, so that the facts a
//! package exports (printf wrappers) reach the selected packages that import it.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
    sync::Arc,
};

use hir::{CheckResult, Config, Importer, PackageId, SourceFile, World};
use project_model::load::{ModuleRef, Package, is_standard_import_path};

use crate::{output::Record, pipeline, workspace::Workspace};

/// Resolves imports to packages checked earlier in the run.
struct Checked<'a> {
    packages: &'a HashMap<String, PackageId>,
    /// Import path as written -> resolved path (vendoring), for the importing package.
    import_map: &'a [(String, String)],
    /// Overrides: `p` imported by `p_test` is the test variant of `p`.
    overrides: &'a [(String, PackageId)],
}

impl Importer for Checked<'_> {
    fn import(&mut self, _world: &mut World, path: &str) -> Result<PackageId, String> {
        let resolved = self
            .import_map
            .iter()
            .find(|(from, _)| from == path)
            .map_or(path, |(_, to)| to.as_str());
        // Test files of the standard library import its vendored modules by their module
        // paths (the loader maps the package's own imports, not its tests').
        let vendored = format!("vendor/{resolved}");
        let candidates = [resolved, vendored.as_str()];
        for candidate in candidates {
            if let Some((_, id)) = self.overrides.iter().find(|(p, _)| p == candidate) {
                return Ok(*id);
            }
        }
        for candidate in candidates {
            if let Some(id) = self.packages.get(candidate) {
                return Ok(*id);
            }
        }
        Err(format!("cannot find package {resolved:?}"))
    }
}

/// What to check, and how.
pub(crate) struct Request<'a> {
    pub(crate) patterns: &'a [String],
    /// Test files included.
    pub(crate) tests: bool,
    pub(crate) lang: Option<String>,
    pub(crate) goarch: Option<String>,
    /// The analyzers to run on each package reported.
    pub(crate) analyzers: &'a [&'static analyzers::Analyzer],
    /// Paths are shown relative to it.
    pub(crate) cwd: &'a Path,
}

/// The type errors and analyzer findings of the packages the request selects, as report
/// records with paths relative to `cwd`; plus files that could not be read and analyzers
/// that failed.
pub(crate) fn check(workspace: &Workspace, request: &Request<'_>) -> (Vec<Record>, Vec<String>) {
    let Request {
        patterns,
        tests,
        ref lang,
        ref goarch,
        analyzers,
        cwd,
    } = *request;
    let (lang, goarch) = (lang.clone(), goarch.clone());
    let config = Config {
        lang,
        goarch,
        ..Config::default()
    };
    workspace.with_packages(None, patterns, |loader, roots| {
        // Tests import more than the package does: load those packages too.
        let mut wanted = roots.clone();
        if tests {
            let known: HashSet<String> = loader
                .with_deps(&roots)
                .iter()
                .map(|p| p.import_path.clone())
                .collect();
            // Test files import more than the package does: load those packages too, each
            // resolved from the package that imports it (the standard library's tests import
            // vendored modules by module path; module tests, sibling and dependency packages).
            let mut extra: Vec<(String, std::path::PathBuf, Option<ModuleRef>)> = Vec::new();
            for p in &roots {
                for path in p.test_imports.iter().chain(&p.xtest_imports) {
                    if path == "C" || path == "unsafe" {
                        continue;
                    }
                    let path = if p.standard && !is_standard_import_path(path) {
                        format!("vendor/{path}")
                    } else {
                        path.clone()
                    };
                    if known.contains(&path) || extra.iter().any(|e| e.0 == path) {
                        continue;
                    }
                    let resolved = if p.standard {
                        let dir = workspace.goroot.join("src").join(&path);
                        Some((dir, None))
                    } else {
                        loader.resolve(p, &path).ok().map(|r| (r.dir, r.module))
                    };
                    if let Some((dir, module)) = resolved {
                        extra.push((path, dir, module));
                    }
                }
            }
            extra.sort_by(|a, b| a.0.cmp(&b.0));
            for (path, dir, module) in extra {
                wanted.push(loader.load_dir(&dir, &path, module));
            }
        }
        let order = loader.with_deps(&wanted);
        let roots: HashSet<&str> = roots.iter().map(|p| p.import_path.as_str()).collect();
        // Packages that external tests make us check again: keep their parsed files.
        let recheck: HashSet<std::path::PathBuf> = if tests {
            order
                .iter()
                .filter(|p| roots.contains(p.import_path.as_str()) && !p.xtest_go_files.is_empty())
                .flat_map(|p| dependents_for_xtest(p, &order))
                .map(|q| q.dir.clone())
                .collect()
        } else {
            HashSet::new()
        };
        let mut run = Run {
            world: World::default(),
            parsed: HashMap::new(),
            recheck,
            checked: HashMap::new(),
            pending: HashMap::new(),
            analyzers,
            facts: analyzers::Facts::default(),
            records: Vec::new(),
            failures: Vec::new(),
            cwd,
        };
        // Every package first (test files import packages the package itself does not),
        // then the test variants of the selected ones.
        // Parsing (tree-sitter, then lowering) costs more than checking: worker threads, one
        // per core, parse the next packages while this one checks, a few packages ahead.
        let workers = std::thread::available_parallelism().map_or(2, usize::from);
        pipeline::ordered(
            &order,
            workers,
            4 * workers,
            |package| {
                let names: Vec<&String> =
                    package.go_files.iter().chain(&package.cgo_files).collect();
                parse_files(&package.dir, &names, cwd)
            },
            |package, (files, failures)| {
                run.failures.extend(failures);
                if run.recheck.contains(&package.dir) {
                    for file in &files {
                        run.parsed
                            .insert(package.dir.join(file_name(&file.path)), file.clone());
                    }
                }
                let is_root = roots.contains(package.import_path.as_str());
                run.package(
                    package,
                    files,
                    is_root,
                    tests,
                    &config_for(&config, package),
                );
                true
            },
        );
        // Reported in dependency order, so that analyzers' facts flow to importers.
        for package in order
            .iter()
            .filter(|p| roots.contains(p.import_path.as_str()))
        {
            if let Some((files, result)) = run.pending.remove(&package.import_path) {
                run.report(&files, &result);
            }
            if tests {
                run.tests(package, &order, &config_for(&config, package));
            }
        }
        (run.records, run.failures)
    })
}

/// The configuration to check `package` with: the language version is `--lang` when given,
/// else the `go` line of the package's module (the standard library: the newest).
fn config_for(config: &Config, package: &Package) -> Config {
    let lang = config.lang.clone().or_else(|| {
        let module = package.module.as_ref()?;
        module.go_version.as_ref().map(|v| format!("go{v}"))
    });
    Config {
        lang,
        ..config.clone()
    }
}

struct Run<'a> {
    world: World,
    /// Parsed files of the packages in `recheck` (directories), parsed once.
    parsed: HashMap<std::path::PathBuf, SourceFile>,
    recheck: HashSet<std::path::PathBuf>,
    checked: HashMap<String, PackageId>,
    /// Selected packages without test files, checked in full but not reported yet, by import
    /// path: with tests, reports go in dependency order once every package is checked (the
    /// test variants come last).
    pending: HashMap<String, (Vec<SourceFile>, CheckResult)>,
    analyzers: &'a [&'static analyzers::Analyzer],
    /// What the analyzers learned about the packages reported so far.
    facts: analyzers::Facts,
    records: Vec<Record>,
    failures: Vec<String>,
    cwd: &'a Path,
}

impl Run<'_> {
    fn package(
        &mut self,
        package: &Arc<Package>,
        files: Vec<SourceFile>,
        is_root: bool,
        tests: bool,
        config: &Config,
    ) {
        let has_tests = tests && !package.test_go_files.is_empty();
        // Importers see the package without its tests; when the package is selected and has
        // no test files, that same check is the one reported.
        let full = is_root && !has_tests;
        let plain_config = Config {
            ignore_func_bodies: !full,
            ..config.clone()
        };
        let result = self.check(
            &package.import_path,
            &files,
            &package.import_map,
            &[],
            &plain_config,
        );
        self.checked
            .insert(package.import_path.clone(), result.package);
        if full && tests {
            // Reported after the test variants of the packages it imports, whose analysis
            // gives the facts it needs.
            self.pending
                .insert(package.import_path.clone(), (files, result));
        } else if full {
            // Without tests, packages are reported in dependency order as they come.
            self.report(&files, &result);
        }
    }

    /// The package with its test files, and its external test package.
    fn tests(&mut self, package: &Arc<Package>, order: &[Arc<Package>], config: &Config) {
        let Some(&plain) = self.checked.get(&package.import_path) else {
            return;
        };
        let sources: Vec<&String> = package.go_files.iter().chain(&package.cgo_files).collect();
        let mut variant = plain;
        if !package.test_go_files.is_empty() {
            let files = self.parse(&package.dir, &sources);
            let mut all = files.clone();
            let test_sources: Vec<&String> = package.test_go_files.iter().collect();
            all.extend(self.parse(&package.dir, &test_sources));
            let result = self.check(&package.import_path, &all, &package.import_map, &[], config);
            self.report(&all, &result);
            variant = result.package;
        }
        if !package.xtest_go_files.is_empty() {
            // The external test package sees the test variant of `p`, and so must every
            // package it imports that imports `p` (as the go command builds "q [p.test]").
            let mut overrides = vec![(package.import_path.clone(), variant)];
            for dependent in dependents_for_xtest(package, order) {
                let sources: Vec<&String> = dependent
                    .go_files
                    .iter()
                    .chain(&dependent.cgo_files)
                    .collect();
                let files = self.parse(&dependent.dir, &sources);
                let deps_config = Config {
                    ignore_func_bodies: true,
                    ..config.clone()
                };
                let result = self.check(
                    &dependent.import_path,
                    &files,
                    &dependent.import_map,
                    &overrides,
                    &deps_config,
                );
                overrides.push((dependent.import_path.clone(), result.package));
            }
            let xtest_sources: Vec<&String> = package.xtest_go_files.iter().collect();
            let xfiles = self.parse(&package.dir, &xtest_sources);
            let path = format!("{}_test", package.import_path);
            let result = self.check(&path, &xfiles, &package.import_map, &overrides, config);
            self.report(&xfiles, &result);
        }
    }

    fn check(
        &mut self,
        path: &str,
        files: &[SourceFile],
        import_map: &[(String, String)],
        overrides: &[(String, PackageId)],
        config: &Config,
    ) -> CheckResult {
        let mut importer = Checked {
            packages: &self.checked,
            import_map,
            overrides,
        };
        hir::check_package(&mut self.world, path, files, &mut importer, config)
    }

    fn parse(&mut self, dir: &Path, names: &[&String]) -> Vec<SourceFile> {
        // Test variants re-check packages; their files were kept when first parsed.
        let (cached, missing): (Vec<&String>, Vec<&String>) = names
            .iter()
            .partition(|name| self.parsed.contains_key(&dir.join(name)));
        let (parsed, failures) = parse_files(dir, &missing, self.cwd);
        self.failures.extend(failures);
        let mut parsed = parsed.into_iter();
        names
            .iter()
            .filter_map(|name| {
                if cached.contains(name) {
                    self.parsed.get(&dir.join(name)).cloned()
                } else {
                    let file = parsed.next()?;
                    if self.recheck.contains(dir) {
                        self.parsed.insert(dir.join(name), file.clone());
                    }
                    Some(file)
                }
            })
            .collect()
    }

    fn report(&mut self, files: &[SourceFile], result: &CheckResult) {
        // Syntax errors are reported per file already; type errors in a package that does
        // not parse would mostly be their echoes.
        if files.iter().any(|f| !f.syntax_errors().is_empty()) {
            return;
        }
        let mut indexes: HashMap<usize, syntax::LineIndex> = HashMap::new();
        let mut record = |file: usize, range: syntax::TextRange, severity, source, message| {
            let text = files.get(file)?;
            let index = indexes
                .entry(file)
                .or_insert_with(|| syntax::LineIndex::new(&text.text));
            let start = index.line_col(range.start);
            let end = index.line_col(range.end.max(range.start));
            Some(Record {
                file: text.path.to_string(),
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                severity,
                source,
                code: None,
                message,
            })
        };
        for error in &result.errors {
            let found = record(
                error.file,
                error.range,
                "error",
                "compiler",
                error.message.clone(),
            );
            self.records.extend(found);
        }
        if self.analyzers.is_empty() {
            return;
        }
        let package = analyzers::Package {
            world: &self.world,
            package: result.package,
            files,
            info: &result.info,
            errors: &result.errors,
        };
        let outcome = analyzers::analyze(package, self.analyzers, &mut self.facts);
        for bug in outcome.bugs {
            self.failures.push(format!("internal error: {bug}"));
        }
        for d in outcome.diagnostics {
            let found = record(d.file, d.range, d.severity.as_str(), d.analyzer, d.message);
            self.records.extend(found);
        }
    }
}

/// The packages an external test of `p` imports, directly or not, that themselves depend on
/// `p`, in dependency order (`order` lists dependencies first).
fn dependents_for_xtest<'a>(p: &Package, order: &'a [Arc<Package>]) -> Vec<&'a Arc<Package>> {
    let by_path: HashMap<&str, &Arc<Package>> =
        order.iter().map(|q| (q.import_path.as_str(), q)).collect();
    let resolve = |q: &Package, path: &str| -> String {
        let mapped = q
            .import_map
            .iter()
            .find(|(from, _)| from == path)
            .map_or(path.to_string(), |(_, to)| to.clone());
        // The standard library's tests import its vendored modules by module path.
        let vendored = format!("vendor/{mapped}");
        if q.standard
            && !by_path.contains_key(mapped.as_str())
            && by_path.contains_key(vendored.as_str())
        {
            vendored
        } else {
            mapped
        }
    };
    // Reachable from the external test's imports.
    let mut reachable: HashSet<String> = HashSet::new();
    let mut stack: Vec<String> = p.xtest_imports.iter().map(|i| resolve(p, i)).collect();
    while let Some(path) = stack.pop() {
        if path == p.import_path || !reachable.insert(path.clone()) {
            continue;
        }
        if let Some(q) = by_path.get(path.as_str()) {
            stack.extend(q.imports.iter().map(|i| resolve(q, i)));
        }
    }
    // Of those, the ones whose imports reach `p` (computed in dependency order).
    let mut depends: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for q in order {
        if !reachable.contains(&q.import_path) {
            continue;
        }
        let hits = q.imports.iter().any(|i| {
            let path = resolve(q, i);
            path == p.import_path || depends.contains(path.as_str())
        });
        if hits {
            depends.insert(q.import_path.as_str());
            out.push(q);
        }
    }
    out
}

/// Reads and parses `names` in `dir`; paths are shown relative to `cwd` when under it.
fn parse_files(dir: &Path, names: &[&String], cwd: &Path) -> (Vec<SourceFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for name in names {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let shown = path
                    .strip_prefix(cwd)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                files.push(SourceFile::parse(&shown, &text));
            }
            Err(err) => failures.push(format!("{}: {err}", path.display())),
        }
    }
    (files, failures)
}

/// The file name of a shown path.
fn file_name(shown: &str) -> &str {
    shown.rsplit(['/', '\\']).next().unwrap_or(shown)
}
