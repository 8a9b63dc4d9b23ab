//! The fixture harness (Go's `analysistest`): Go packages under
//! `test-fixtures/analyzers/<dir>/`, each subdirectory one package whose import path is its
//! path below `<dir>`, with `// want "regexp"` comments on the lines where the analyzer must
//! report (one quoted or back-quoted regexp per expected finding). Every finding must be
//! wanted and every want found. A file `x.go.golden` beside `x.go` holds the text after
//! applying the first fix of every finding in `x.go`. A file `go.version` in a package
//! directory sets its language version (`go1.21`). Imports of other fixture packages are
//! analyzed first (their facts flow); everything else comes from `$GOROOT/src`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base_db::OsFileSystem;
use hir::{Config, Importer, PackageId, SourceFile, World};
use project_model::build::BuildContext;
use project_model::load::{Loader, Package as LoadedPackage};

use crate::{Analyzer, Diagnostic, Facts, Outcome, Package, analyze};

static FS: OsFileSystem = OsFileSystem;

/// Runs `analyzer` over every package of `test-fixtures/analyzers/<dir>` and panics with
/// every mismatch between its findings and the fixtures' `// want` comments.
pub(crate) fn check(analyzer: &'static Analyzer, dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-fixtures/analyzers")
        .join(dir);
    let mut packages = Vec::new();
    find_packages(&root, &root, &mut packages);
    assert!(
        !packages.is_empty(),
        "no fixture packages in {}",
        root.display()
    );
    let mut run = Run::new(analyzer, root);
    let mut world = World::default();
    for path in &packages {
        if let Err(why) = run.import(&mut world, path) {
            panic!("fixture package {path}: {why}");
        }
    }
    let mut problems = Vec::new();
    for (path, files, outcome) in &run.analyzed {
        problems.extend(outcome.bugs.iter().cloned());
        compare(path, files, &outcome.diagnostics, &mut problems);
        golden(files, &outcome.diagnostics, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{}: {} problem(s):\n{}",
        analyzer.name,
        problems.len(),
        problems.join("\n")
    );
}

fn find_packages(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    if entries
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "go"))
    {
        let rel = dir.strip_prefix(root).unwrap_or(dir);
        out.push(rel.to_string_lossy().replace('\\', "/"));
    }
    for entry in entries.iter().filter(|p| p.is_dir()) {
        find_packages(root, entry, out);
    }
}

struct Run {
    analyzer: &'static Analyzer,
    root: PathBuf,
    loader: Loader<'static>,
    cache: HashMap<String, Result<PackageId, String>>,
    /// Standard library packages being checked, innermost last (for vendored imports).
    stack: Vec<Arc<LoadedPackage>>,
    facts: Facts,
    analyzed: Vec<(String, Vec<SourceFile>, Outcome)>,
}

impl Run {
    fn new(analyzer: &'static Analyzer, root: PathBuf) -> Run {
        let env =
            project_model::toolchain::detect(&project_model::toolchain::ProcessEnv::default());
        let goroot = env
            .goroot
            .clone()
            .expect("a Go toolchain (GOROOT) for fixtures");
        let minor = env.go_minor().unwrap_or(hir::LATEST_GO.1);
        let tags =
            project_model::toolchain::tool_tags("linux", "amd64", &env.goexperiment, &env.goamd64);
        Run {
            analyzer,
            root,
            loader: Loader::new(
                &FS,
                BuildContext::new("linux", "amd64", false, minor, tags),
                Some(goroot),
            ),
            cache: HashMap::new(),
            stack: Vec::new(),
            facts: Facts::default(),
            analyzed: Vec::new(),
        }
    }

    fn fixture(&mut self, world: &mut World, path: &str, dir: &Path) -> Result<PackageId, String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "go"))
            .collect();
        names.sort();
        let files: Vec<SourceFile> = names
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("fixture file");
                SourceFile::parse(&p.to_string_lossy(), &text)
            })
            .collect();
        for file in &files {
            assert!(
                file.syntax_errors().is_empty(),
                "{}: {:?}",
                file.path,
                file.syntax_errors()
            );
        }
        let lang = std::fs::read_to_string(dir.join("go.version"))
            .ok()
            .map(|v| v.trim().to_string());
        let config = Config {
            lang,
            ..Config::default()
        };
        let result = hir::check_package(world, path, &files, self, &config);
        let hard: Vec<String> = result
            .errors
            .iter()
            .filter(|e| !e.soft)
            .map(|e| format!("{}: {}", files[e.file].path, e.message))
            .collect();
        // Analyzers that fix the checker's errors need fixtures with errors.
        assert!(
            hard.is_empty() || self.analyzer.fixes_errors,
            "fixture {path} does not compile:\n{}",
            hard.join("\n")
        );
        let package = Package {
            world,
            package: result.package,
            files: &files,
            info: &result.info,
            errors: &result.errors,
        };
        let outcome = analyze(package, &[self.analyzer], &mut self.facts);
        self.analyzed.push((path.to_string(), files, outcome));
        Ok(result.package)
    }

    fn standard(&mut self, world: &mut World, path: &str) -> Result<PackageId, String> {
        let importer = self.stack.last().cloned().unwrap_or_else(|| {
            Arc::new(LoadedPackage {
                import_path: "p".into(),
                ..LoadedPackage::default()
            })
        });
        let resolved = self.loader.resolve(&importer, path)?;
        let key = resolved.import_path.clone();
        if let Some(result) = self.cache.get(&key) {
            return result.clone();
        }
        let package = self.loader.load_dir(&resolved.dir, &key, None);
        let mut files = Vec::new();
        for name in &package.go_files {
            files.push(parse_std_file(&package.dir.join(name))?);
        }
        let config = Config {
            ignore_func_bodies: true,
            ..Config::default()
        };
        self.stack.push(package);
        let result = hir::check_package(world, &key, &files, self, &config);
        self.stack.pop();
        self.cache.insert(key, Ok(result.package));
        Ok(result.package)
    }
}

/// A standard library file, parsed once per test process: every fixture imports much of std,
/// and parsing is most of what importing it costs.
fn parse_std_file(path: &Path) -> Result<SourceFile, String> {
    static PARSED: std::sync::Mutex<Option<HashMap<PathBuf, SourceFile>>> =
        std::sync::Mutex::new(None);
    let cached = PARSED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get_or_insert_with(HashMap::new)
        .get(path)
        .cloned();
    if let Some(file) = cached {
        return Ok(file);
    }
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file = SourceFile::parse(&path.to_string_lossy(), &text);
    PARSED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get_or_insert_with(HashMap::new)
        .insert(path.to_path_buf(), file.clone());
    Ok(file)
}

impl Importer for Run {
    fn import(&mut self, world: &mut World, path: &str) -> Result<PackageId, String> {
        if path == "unsafe" || path == "C" {
            return Err(format!("{path} is the checker's to handle"));
        }
        if let Some(result) = self.cache.get(path) {
            return result.clone();
        }
        let dir = self.root.join(path);
        let result = if dir.is_dir() {
            self.cache.insert(
                path.to_string(),
                Err(format!("import cycle through {path}")),
            );
            self.fixture(world, path, &dir)
        } else {
            self.standard(world, path)
        };
        self.cache.insert(path.to_string(), result.clone());
        result
    }
}

/// The `// want` expectations of a file: (1-based line, regexp).
fn wants(text: &str) -> Vec<(usize, regex::Regex)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find("// want ") else {
            continue;
        };
        let mut rest = line[at + "// want ".len()..].trim_start();
        while let Some((pattern, tail)) = go_string(rest) {
            let re = regex::Regex::new(&pattern)
                .unwrap_or_else(|e| panic!("line {}: bad regexp {pattern:?}: {e}", i + 1));
            out.push((i + 1, re));
            rest = tail.trim_start();
        }
    }
    out
}

/// A leading Go string literal (interpreted or raw) of `s`, unquoted, and the rest.
fn go_string(s: &str) -> Option<(String, &str)> {
    if let Some(raw) = s.strip_prefix('`') {
        let end = raw.find('`')?;
        return Some((raw[..end].to_string(), &raw[end + 1..]));
    }
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn compare(path: &str, files: &[SourceFile], found: &[Diagnostic], problems: &mut Vec<String>) {
    for (index, file) in files.iter().enumerate() {
        let mut wanted = wants(&file.text);
        let lines = syntax::LineIndex::new(&file.text);
        for d in found.iter().filter(|d| d.file == index) {
            let line = lines.line_col(d.range.start).line as usize + 1;
            match wanted
                .iter()
                .position(|(l, re)| *l == line && re.is_match(&d.message))
            {
                Some(i) => {
                    wanted.remove(i);
                }
                None => problems.push(format!(
                    "{}:{line}: unexpected finding: {}",
                    file.path, d.message
                )),
            }
        }
        for (line, re) in wanted {
            problems.push(format!(
                "{}:{line}: no finding matching {:?} (package {path})",
                file.path,
                re.as_str()
            ));
        }
    }
}

fn golden(files: &[SourceFile], found: &[Diagnostic], problems: &mut Vec<String>) {
    for (index, file) in files.iter().enumerate() {
        let golden_path = format!("{}.golden", file.path);
        let Ok(want) = std::fs::read_to_string(&golden_path) else {
            continue;
        };
        let mut edits: Vec<&crate::Edit> = found
            .iter()
            .filter_map(|d| d.fixes.first())
            .flat_map(|f| &f.edits)
            .filter(|e| e.file == index)
            .collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits.dedup();
        let mut text = file.text.to_string();
        for edit in edits.iter().rev() {
            text.replace_range(
                edit.range.start as usize..edit.range.end as usize,
                &edit.new_text,
            );
        }
        if text != want {
            problems.push(format!("{golden_path}: fixed text differs; got:\n{text}"));
        }
    }
}
