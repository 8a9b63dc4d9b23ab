//! Type checking for `check`: the selected packages and their dependencies, in dependency
//! order, in one `hir::World`. Dependencies are checked without function bodies (only their
//! API matters); the selected packages are checked in full, with their test files, and their
//! external test packages (`p_test`) against the test variant of `p`.

use std::{
    collections::{HashMap, HashSet},
    path::Path,
    sync::Arc,
};

use hir::{CheckResult, Config, Importer, PackageId, SourceFile, World};
use project_model::load::{Package, is_standard_import_path};

use crate::{output::Record, workspace::Workspace};

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
        if let Some((_, id)) = self.overrides.iter().find(|(p, _)| p == resolved) {
            return Ok(*id);
        }
        self.packages
            .get(resolved)
            .copied()
            .ok_or_else(|| format!("cannot find package {resolved:?}"))
    }
}

/// The type errors of the packages `patterns` select (test files included when `tests`), as
/// report records with paths relative to `cwd`; plus files that could not be read.
pub(crate) fn check(
    workspace: &Workspace,
    patterns: &[String],
    tests: bool,
    lang: Option<String>,
    goarch: Option<String>,
    cwd: &Path,
) -> (Vec<Record>, Vec<String>) {
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
            let mut extra: Vec<String> = roots
                .iter()
                .flat_map(|p| p.test_imports.iter().chain(&p.xtest_imports))
                .filter(|path| {
                    !known.contains(*path)
                        && is_standard_import_path(path)
                        && *path != "C"
                        && *path != "unsafe"
                })
                .cloned()
                .collect();
            extra.sort();
            extra.dedup();
            for path in extra {
                let dir = workspace.goroot.join("src").join(&path);
                wanted.push(loader.load_dir(&dir, &path, None));
            }
        }
        let order = loader.with_deps(&wanted);
        let roots: HashSet<&str> = roots.iter().map(|p| p.import_path.as_str()).collect();
        let mut run = Run {
            world: World::default(),
            checked: HashMap::new(),
            records: Vec::new(),
            failures: Vec::new(),
            cwd,
        };
        // Every package first (test files import packages the package itself does not),
        // then the test variants of the selected ones.
        for package in &order {
            let is_root = roots.contains(package.import_path.as_str());
            run.package(package, is_root, tests, &config);
        }
        if tests {
            for package in order
                .iter()
                .filter(|p| roots.contains(p.import_path.as_str()))
            {
                run.tests(package, &config);
            }
        }
        (run.records, run.failures)
    })
}

struct Run<'a> {
    world: World,
    checked: HashMap<String, PackageId>,
    records: Vec<Record>,
    failures: Vec<String>,
    cwd: &'a Path,
}

impl Run<'_> {
    fn package(&mut self, package: &Arc<Package>, is_root: bool, tests: bool, config: &Config) {
        let sources: Vec<&String> = package.go_files.iter().chain(&package.cgo_files).collect();
        let files = self.parse(&package.dir, &sources);
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
        if full {
            self.report(&files, &result);
        }
    }

    /// The package with its test files, and its external test package.
    fn tests(&mut self, package: &Arc<Package>, config: &Config) {
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
            let xtest_sources: Vec<&String> = package.xtest_go_files.iter().collect();
            let xfiles = self.parse(&package.dir, &xtest_sources);
            let overrides = [(package.import_path.clone(), variant)];
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
        let mut files = Vec::new();
        for name in names {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let shown = path
                        .strip_prefix(self.cwd)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .into_owned();
                    files.push(SourceFile::parse(&shown, &text));
                }
                Err(err) => self.failures.push(format!("{}: {err}", path.display())),
            }
        }
        files
    }

    fn report(&mut self, files: &[SourceFile], result: &CheckResult) {
        // Syntax errors are reported per file already; type errors in a package that does
        // not parse would mostly be their echoes.
        if files.iter().any(|f| !f.syntax_errors().is_empty()) {
            return;
        }
        let mut indexes: HashMap<usize, syntax::LineIndex> = HashMap::new();
        for error in &result.errors {
            let Some(file) = files.get(error.file) else {
                continue;
            };
            let index = indexes
                .entry(error.file)
                .or_insert_with(|| syntax::LineIndex::new(&file.text));
            let start = index.line_col(error.range.start);
            let end = index.line_col(error.range.end.max(error.range.start));
            self.records.push(Record {
                file: file.path.to_string(),
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                severity: "error",
                source: "compiler",
                code: None,
                message: error.message.clone(),
            });
        }
    }
}
