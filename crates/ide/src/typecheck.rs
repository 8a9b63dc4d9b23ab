//! Type errors in the editor: the package of a file is checked with `hir`, its dependencies
//! first (without function bodies), all from the database's files.
//!
//! This is one salsa query per package directory: it re-runs when any file of the package or
//! of its dependencies changes, and then checks them all again. The per-body, firewalled
//! incrementality of the design comes with the checker's move into the database (see
//! ARCHITECTURE.md, "Not yet"); until then this gives correct answers at package granularity.

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{SourceDatabase, SourceFile};
use project_model::{db as pm, load::Package};
use syntax::TextRange;

use crate::diagnostics::{Diagnostic, Severity};

/// Type errors of the package in `dir` (its internal test files included), by file path.
/// Empty when the package has syntax errors: those come first, and type errors in a package
/// that does not parse would mostly be their echoes.
#[salsa::tracked(returns(ref))]
pub(crate) fn package_type_errors(
    db: &dyn SourceDatabase,
    dir: base_db::Directory,
) -> Arc<HashMap<PathBuf, Vec<Diagnostic>>> {
    Arc::new(check_dir(db, dir.path(db)).unwrap_or_default())
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

struct Importer<'a> {
    checked: &'a HashMap<PathBuf, hir::PackageId>,
    /// Import path as written -> package directory, for the package being checked.
    imports: HashMap<String, PathBuf>,
}

impl hir::Importer for Importer<'_> {
    fn import(&mut self, _world: &mut hir::World, path: &str) -> Result<hir::PackageId, String> {
        let dir = self
            .imports
            .get(path)
            .ok_or_else(|| format!("cannot find package {path:?}"))?;
        self.checked
            .get(dir)
            .copied()
            .ok_or_else(|| format!("cannot find package {path:?}"))
    }
}

/// The files of `names` in `dir` as the checker takes them; `None` if one has syntax errors.
fn sources(db: &dyn SourceDatabase, dir: &Path, names: &[String]) -> Option<Vec<hir::SourceFile>> {
    let mut files = Vec::new();
    for name in names {
        let path = dir.join(name);
        let file = base_db::file(db, &path);
        let ast = base_db::file_ast(db, file).clone();
        if !ast.errors.is_empty() || !base_db::parse(db, file).errors().is_empty() {
            return None;
        }
        files.push(hir::SourceFile {
            path: path.to_string_lossy().into(),
            text: file.text(db).clone(),
            ast,
        });
    }
    Some(files)
}

/// Where each import of `package` (as written) leads.
fn import_dirs(
    db: &dyn SourceDatabase,
    package: &Package,
    paths: &[String],
) -> HashMap<String, PathBuf> {
    paths
        .iter()
        .filter(|p| *p != "C" && *p != "unsafe")
        .filter_map(|p| {
            pm::resolve_import_from(db, &package.dir, p)
                .ok()
                .map(|r| (p.clone(), r.dir))
        })
        .collect()
}

fn check_dir(db: &dyn SourceDatabase, dir: &Path) -> Option<HashMap<PathBuf, Vec<Diagnostic>>> {
    let package = pm::package_of_dir(db, dir, None)?;
    let mut names: Vec<String> = package
        .go_files
        .iter()
        .chain(&package.cgo_files)
        .cloned()
        .collect();
    names.extend(package.test_go_files.iter().cloned());
    let files = sources(db, dir, &names)?;
    let mut direct: Vec<String> = package.imports.clone();
    direct.extend(package.test_imports.iter().cloned());

    // Dependencies in post-order (imports first), each once, with where their imports lead
    // (resolved once, for the walk and for the check); cycles are the loader's to report.
    let direct_imports = import_dirs(db, &package, &direct);
    let mut order: Vec<(Arc<Package>, HashMap<String, PathBuf>)> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::from([dir.to_path_buf()]);
    let mut stack: Vec<(Arc<Package>, HashMap<String, PathBuf>, Vec<PathBuf>)> = Vec::new();
    let visit = |db: &dyn SourceDatabase, dir: &Path| {
        let p = pm::package_of_dir(db, dir, None)?;
        let imports = import_dirs(db, &p, &p.imports);
        let children = imports.values().cloned().collect();
        Some((p, imports, children))
    };
    let mut pending: Vec<PathBuf> = direct_imports.values().cloned().collect();
    pending.reverse();
    while let Some(next) = stack
        .last_mut()
        .and_then(|(_, _, children)| children.pop())
        .or_else(|| {
            if stack.is_empty() {
                pending.pop()
            } else {
                None
            }
        })
    {
        if seen.insert(next.clone())
            && let Some(entry) = visit(db, &next)
        {
            stack.push(entry);
        }
        // Pop every package whose imports are all done.
        while stack
            .last()
            .is_some_and(|(_, _, children)| children.is_empty())
        {
            let Some((p, imports, _)) = stack.pop() else {
                break;
            };
            order.push((p, imports));
        }
    }

    let mut world = hir::World::default();
    let mut checked: HashMap<PathBuf, hir::PackageId> = HashMap::new();
    let deps_config = hir::Config {
        ignore_func_bodies: true,
        ..hir::Config::default()
    };
    for (dep, imports) in order {
        let names: Vec<String> = dep.go_files.iter().chain(&dep.cgo_files).cloned().collect();
        // A dependency that does not parse is checked with what it has: its API may still be
        // mostly right. Files with errors are left out.
        let files: Vec<hir::SourceFile> = names
            .iter()
            .filter_map(|n| {
                sources(db, &dep.dir, std::slice::from_ref(n)).and_then(|mut v| v.pop())
            })
            .collect();
        let mut importer = Importer {
            checked: &checked,
            imports,
        };
        let result = hir::check_package(
            &mut world,
            &dep.import_path,
            &files,
            &mut importer,
            &deps_config,
        );
        checked.insert(dep.dir.clone(), result.package);
    }
    let mut importer = Importer {
        checked: &checked,
        imports: direct_imports,
    };
    let result = hir::check_package(
        &mut world,
        &package.import_path,
        &files,
        &mut importer,
        &hir::Config::default(),
    );
    let mut out: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for error in result.errors {
        let Some(file) = files.get(error.file) else {
            continue;
        };
        out.entry(PathBuf::from(&*file.path))
            .or_default()
            .push(Diagnostic {
                range: TextRange::new(error.range.start, error.range.end.max(error.range.start)),
                severity: Severity::Error,
                source: "compiler",
                code: None,
                message: error.message,
            });
    }
    Some(out)
}
