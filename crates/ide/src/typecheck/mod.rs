//! Type errors in the editor, checked in stages (`hir::staged`) so that an edit re-checks
//! only what it must.
//!
//! The queries, bottom up, and the firewall each one is:
//!
//! | query | re-runs when | backdates, so that |
//! |---|---|---|
//! | `declarations_text(file)` | the file's text changes | a body edit re-runs nothing below |
//! | `declarations(file)` | its declarations text changes | |
//! | `dependency_world(dir)` | a declarations text of a dependency changes, or the package graph does | (never equal: a fresh world) |
//! | `package_declarations(dir)` | a declarations text of the package changes, or the dependencies' world does | (never equal: a fresh checker state) |
//! | `func_text(body)` | the file's text changes | an edit elsewhere re-checks no other body |
//! | `body_check(body)` | its function's text, or the package's declarations | |
//! | `package_type_errors(dir)` | any of the above (cheap: it maps and merges) | |
//!
//! So an edit inside a function body re-checks that body alone, and no package that imports
//! this one is checked again (their `package_declarations` read only declarations texts).

pub(crate) mod deps;
pub(crate) mod patched;
pub(crate) mod site;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

use base_db::{SourceDatabase, SourceFile};
use hir::staged::{self, BODY_PREFIX, BodyCheck, BodyCuts, StagedPackage};
use project_model::db as pm;
use syntax::TextRange;

use crate::diagnostics::{Diagnostic, Severity};

/// The file's text with its function bodies cut out; `None` when the file has syntax errors
/// outside function bodies (type errors in a file that does not parse would mostly be their
/// echoes). Errors inside bodies leave the declarations whole: the package is checked, and
/// the broken bodies' own type errors are dropped (see `body_check`).
#[salsa::tracked(returns(ref))]
fn declarations_text(db: &dyn SourceDatabase, file: SourceFile) -> Option<Arc<str>> {
    let ast = base_db::file_ast(db, file);
    let text = file.text(db);
    let parse_errors = base_db::parse(db, file).errors();
    let errors = ast.errors.iter().chain(parse_errors);
    if errors.clone().next().is_some() {
        let errors: Vec<syntax::SyntaxError> = errors.cloned().collect();
        if !staged::errors_only_in_bodies(text, ast, &errors) {
            return None;
        }
    }
    Some(staged::declarations_text(text, ast).0.into())
}

/// A parsed text (a declarations text, or a whole file) as a query result: equal texts parse
/// equally, so comparing paths and texts is enough.
#[derive(Clone, Debug)]
pub(crate) struct ParsedText(pub(crate) hir::SourceFile);

impl PartialEq for ParsedText {
    fn eq(&self, other: &ParsedText) -> bool {
        self.0.path == other.0.path && self.0.text == other.0.text
    }
}

/// A declarations text, parsed.
type Declarations = ParsedText;

#[salsa::tracked(returns(ref))]
fn declarations(db: &dyn SourceDatabase, file: SourceFile) -> Option<Declarations> {
    let text = declarations_text(db, file).as_ref()?;
    let path = file.path(db).to_string_lossy();
    Some(ParsedText(hir::SourceFile::parse(&path, text)))
}

/// A package with its declarations checked, shared by the checks of its bodies. Each run
/// makes a new one, so two are equal only if they are the same.
#[derive(Clone, Debug)]
struct Staged {
    package: Arc<Mutex<StagedPackage>>,
    files: Arc<[PathBuf]>,
}

impl PartialEq for Staged {
    fn eq(&self, other: &Staged) -> bool {
        Arc::ptr_eq(&self.package, &other.package)
    }
}

impl Staged {
    fn lock(&self) -> std::sync::MutexGuard<'_, StagedPackage> {
        // A checker that panicked left no state behind; the package answers nothing more.
        self.package.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The dependencies of a package, checked without their function bodies in a world of their
/// own, and where the package's imports lead in it. Each run makes a new one (`id`), so two
/// are equal only if they are the same. Kept apart from the package's own declarations so
/// that editing those clones this world instead of checking every dependency again, and so
/// that the analyzers can check the package in full in a copy of it.
#[derive(Clone, Debug)]
pub(crate) struct Deps {
    pub(crate) world: Arc<hir::World>,
    pub(crate) checked: Arc<HashMap<PathBuf, hir::PackageId>>,
    /// Import path as written -> package directory, for the package itself.
    pub(crate) direct_imports: Arc<HashMap<String, PathBuf>>,
    /// Unique per run, for caches outside salsa.
    pub(crate) id: u64,
}

impl PartialEq for Deps {
    fn eq(&self, other: &Deps) -> bool {
        self.id == other.id
    }
}

impl Deps {
    pub(crate) fn importer(&self) -> deps::Importer<'_> {
        deps::Importer {
            checked: &self.checked,
            imports: (*self.direct_imports).clone(),
        }
    }
}

/// The language version a package is checked with: its module's go.mod `go` line (the newest
/// for the standard library).
pub(crate) fn package_config(package: &project_model::load::Package) -> hir::Config {
    hir::Config {
        lang: package
            .module
            .as_ref()
            .and_then(|m| m.go_version.as_ref())
            .map(|v| format!("go{v}")),
        ..hir::Config::default()
    }
}

#[salsa::tracked(returns(ref))]
pub(crate) fn dependency_world(db: &dyn SourceDatabase, dir: base_db::Directory) -> Option<Deps> {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let package = pm::package_of_dir(db, dir.path(db), None)?;
    let mut direct = package.imports.clone();
    direct.extend(package.test_imports.iter().cloned());
    let (order, direct_imports) = deps::dependencies(db, &package, &direct);

    let mut world = hir::World::default();
    let mut checked: HashMap<PathBuf, hir::PackageId> = HashMap::new();
    let deps_config = hir::Config {
        ignore_func_bodies: true,
        ..hir::Config::default()
    };
    for (dep, imports) in order {
        // A dependency that does not parse is checked with what it has: its API may still be
        // mostly right. Files with errors are left out.
        let dep_files: Vec<hir::SourceFile> = dep
            .go_files
            .iter()
            .chain(&dep.cgo_files)
            .filter_map(|n| {
                let file = base_db::file(db, &dep.dir.join(n));
                declarations(db, file).as_ref().map(|d| d.0.clone())
            })
            .collect();
        let mut importer = deps::Importer {
            checked: &checked,
            imports,
        };
        let result = hir::check_package(
            &mut world,
            &dep.import_path,
            &dep_files,
            &mut importer,
            &deps_config,
        );
        checked.insert(dep.dir.clone(), result.package);
    }
    Some(Deps {
        world: Arc::new(world),
        checked: Arc::new(checked),
        direct_imports: Arc::new(direct_imports),
        id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    })
}

/// The paths of the package's files (its internal test files included) and each one as
/// `parsed` gives it; `None` if `parsed` gives none for some file.
pub(crate) fn package_files(
    db: &dyn SourceDatabase,
    package: &project_model::load::Package,
    parsed: impl Fn(SourceFile) -> Option<hir::SourceFile>,
) -> Option<(Vec<PathBuf>, Vec<hir::SourceFile>)> {
    let names = package
        .go_files
        .iter()
        .chain(&package.cgo_files)
        .chain(&package.test_go_files);
    let mut paths = Vec::new();
    let mut files = Vec::new();
    for name in names {
        let path = package.dir.join(name);
        files.push(parsed(base_db::file(db, &path))?);
        paths.push(path);
    }
    Some((paths, files))
}

/// The package in `dir` (its internal test files included) with its declarations checked,
/// in a copy of its dependencies' world; `None` if a file of it does not parse.
#[salsa::tracked(returns(ref))]
fn package_declarations(db: &dyn SourceDatabase, dir: base_db::Directory) -> Option<Staged> {
    let package = pm::package_of_dir(db, dir.path(db), None)?;
    let (paths, files) = package_files(db, &package, |file| {
        declarations(db, file).as_ref().map(|d| d.0.clone())
    })?;
    let deps = dependency_world(db, dir).as_ref()?;
    let world = (*deps.world).clone();
    let staged = staged::check_declarations(
        world,
        &package.import_path,
        files,
        &mut deps.importer(),
        package_config(&package),
    );
    Some(Staged {
        package: Arc::new(Mutex::new(staged)),
        files: paths.into(),
    })
}

/// One function body of one file, by its name (`hir::staged::func_keys`).
#[salsa::interned(debug)]
struct Body<'db> {
    #[returns(copy)]
    file: SourceFile,
    #[returns(ref)]
    key: String,
}

/// The functions with bodies of a file, by key (`hir::staged::func_keys`), in source order:
/// computed once per edit of the file, for all its bodies.
#[derive(Debug, Default, PartialEq, Eq)]
struct FuncRanges {
    keys: Vec<(String, TextRange)>,
    by_key: HashMap<String, TextRange>,
}

#[salsa::tracked(returns(ref))]
fn func_ranges(db: &dyn SourceDatabase, file: SourceFile) -> FuncRanges {
    let keys: Vec<(String, TextRange)> = staged::func_keys(base_db::file_ast(db, file))
        .into_iter()
        .map(|k| (k.key, k.range))
        .collect();
    let by_key = keys.iter().cloned().collect();
    FuncRanges { keys, by_key }
}

/// The text of the function declaration `body` names, if the file has it.
#[salsa::tracked(returns(ref))]
fn func_text<'db>(db: &'db dyn SourceDatabase, body: Body<'db>) -> Option<Arc<str>> {
    let file = body.file(db);
    let range = *func_ranges(db, file).by_key.get(body.key(db))?;
    let text = file.text(db);
    text.get(range.start as usize..range.end as usize)
        .map(Arc::from)
}

/// A body's check; equal only to itself (it re-runs only when its inputs change anyway).
#[derive(Clone, Debug)]
struct BodyResult(Arc<BodyCheck>);

impl PartialEq for BodyResult {
    fn eq(&self, other: &BodyResult) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[salsa::tracked(returns(ref))]
fn body_check<'db>(db: &'db dyn SourceDatabase, body: Body<'db>) -> Option<BodyResult> {
    let text = func_text(db, body).clone()?;
    let file = body.file(db);
    let path = file.path(db);
    let staged = package_declarations(db, base_db::directory(db, path.parent()?)).clone()?;
    let path = path.to_string_lossy();
    let source = staged::body_source(path.as_ref().into(), &text);
    // No database access from here on: the lock is held only while checking.
    let mut package = staged.lock();
    let index = package.file_index(&path)?;
    let mut check = package.check_body(index, body.key(db), &source)?;
    if !source.syntax_errors().is_empty() {
        // The syntax errors are reported; type errors in a body that does not parse would
        // mostly be their echoes. Its facts still serve hover and completion.
        check.errors.clear();
    }
    Some(BodyResult(Arc::new(check)))
}

/// Type errors of the package in `dir` (its internal test files included), by file path.
/// Empty when the package has syntax errors: those come first.
#[salsa::tracked(returns(ref))]
pub(crate) fn package_type_errors(
    db: &dyn SourceDatabase,
    dir: base_db::Directory,
) -> Arc<HashMap<PathBuf, Vec<Diagnostic>>> {
    let Some(staged) = package_declarations(db, dir).clone() else {
        return Arc::default();
    };
    // Every body's check, with where its declaration starts.
    let mut bodies: Vec<(usize, u32, BodyResult)> = Vec::new();
    for (i, path) in staged.files.iter().enumerate() {
        let file = base_db::file(db, path);
        for (key, range) in &func_ranges(db, file).keys {
            let body = Body::new(db, file, key.clone());
            if let Some(result) = body_check(db, body).clone() {
                bodies.push((i, range.start, result));
            }
        }
    }
    let (declared, finished) = {
        let mut package = staged.lock();
        let checks: Vec<&BodyCheck> = bodies.iter().map(|(_, _, r)| &*r.0).collect();
        (package.errors().to_vec(), package.finish(&checks))
    };

    let mut places = Places::new(db, &staged.files);
    let mut out: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    let errors = declared.iter().chain(&finished).map(|e| (e, None)).chain(
        bodies
            .iter()
            .flat_map(|(i, start, r)| r.0.errors.iter().map(move |e| (e, Some((*i, *start))))),
    );
    for (error, body) in errors {
        let Some(path) = staged.files.get(error.file) else {
            continue;
        };
        let start = places.offset(error.file, error.space, error.range.start, body);
        let end = places.offset(error.file, error.space, error.range.end, body);
        let message = hir::resolve_markers(&error.message, |m| places.line_col(m));
        out.entry(path.clone()).or_default().push(Diagnostic {
            range: TextRange::new(start, end.max(start)),
            severity: Severity::Error,
            source: "compiler",
            code: None,
            message,
        });
    }
    for diagnostics in out.values_mut() {
        diagnostics.sort_by_key(|d| d.range.start);
    }
    Arc::new(out)
}

/// Maps offsets in declarations texts and body texts back to their files.
struct Places<'a> {
    db: &'a dyn SourceDatabase,
    files: &'a [PathBuf],
    /// Cuts and line index of each file asked about, by path.
    known: HashMap<PathBuf, (BodyCuts, syntax::LineIndex)>,
}

impl<'a> Places<'a> {
    fn new(db: &'a dyn SourceDatabase, files: &'a [PathBuf]) -> Places<'a> {
        Places {
            db,
            files,
            known: HashMap::new(),
        }
    }

    fn file(&mut self, path: &Path) -> &(BodyCuts, syntax::LineIndex) {
        let db = self.db;
        self.known.entry(path.to_path_buf()).or_insert_with(|| {
            let file = base_db::file(db, path);
            let text = file.text(db);
            (
                staged::body_cuts(text, base_db::file_ast(db, file)),
                syntax::LineIndex::new(text),
            )
        })
    }

    /// The offset in the package's file `index` of `offset`, which is in `space`; `body` is
    /// (file, start of the declaration) for an error of a body check.
    fn offset(
        &mut self,
        index: usize,
        space: hir::Space,
        offset: u32,
        body: Option<(usize, u32)>,
    ) -> u32 {
        match (space, body) {
            (hir::Space::Body, Some((file, start))) if file == index => {
                start + offset.saturating_sub(BODY_PREFIX.len() as u32)
            }
            _ => match self.files.get(index) {
                Some(path) => self.file(&path.clone()).0.file_offset(offset),
                None => offset,
            },
        }
    }

    /// The 0-based line and column of a position inside a message.
    fn line_col(&mut self, m: hir::Marker<'_>) -> Option<(u32, u32)> {
        let path = Path::new(m.path);
        let offset = match (m.space, m.key) {
            (hir::Space::Body, Some(key)) => {
                let db = self.db;
                let file = base_db::file(db, path);
                let start = func_ranges(db, file).by_key.get(key)?.start;
                start + m.offset.saturating_sub(BODY_PREFIX.len() as u32)
            }
            _ => self.file(path).0.file_offset(m.offset),
        };
        let lc = self.file(path).1.line_col(offset);
        Some((lc.line, lc.col))
    }
}

/// The type errors for `file`, when the workspace's configuration builds it.
pub(crate) fn file_type_errors(db: &dyn SourceDatabase, file: SourceFile) -> Vec<Diagnostic> {
    let Some(found) = pm::file_package(db, file).as_ref() else {
        return Vec::new();
    };
    if !found.default_config {
        return Vec::new();
    }
    let path = file.path(db);
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let errors = package_type_errors(db, base_db::directory(db, dir));
    errors.get(path.as_path()).cloned().unwrap_or_default()
}
