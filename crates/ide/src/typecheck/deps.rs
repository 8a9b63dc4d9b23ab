//! The packages a package needs checked before it: its dependencies in post-order, each
//! with where its imports lead, and the importer that hands them to the checker.

use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::SourceDatabase;
use project_model::{db as pm, load::Package};

pub(crate) struct Importer<'a> {
    pub checked: &'a HashMap<PathBuf, hir::PackageId>,
    /// Import path as written -> package directory, for the package being checked.
    pub imports: HashMap<String, PathBuf>,
}

impl hir::Importer for Importer<'_> {
    fn import(&mut self, _world: &mut hir::World, path: &str) -> Result<hir::PackageId, String> {
        // Standard library files import their vendored modules by module path; the package's
        // imports list them under `vendor/` (test files' imports are not mapped at all).
        let dir = self
            .imports
            .get(path)
            .or_else(|| self.imports.get(&format!("vendor/{path}")))
            .ok_or_else(|| format!("cannot find package {path:?}"))?;
        self.checked
            .get(dir)
            .copied()
            .ok_or_else(|| format!("cannot find package {path:?}"))
    }
}

/// Where each import of `package` (as written) leads.
pub(super) fn import_dirs(
    db: &dyn SourceDatabase,
    package: &Package,
    paths: &[String],
) -> HashMap<String, PathBuf> {
    let mut dirs: HashMap<String, PathBuf> = paths
        .iter()
        .filter(|p| *p != "C" && *p != "unsafe")
        .filter_map(|p| {
            pm::resolve_import_from(db, &package.dir, p)
                .ok()
                .map(|r| (p.clone(), r.dir))
        })
        .collect();
    // The imports as the source writes them (vendored ones are listed resolved).
    for (written, resolved) in &package.import_map {
        if let Some(dir) = dirs.get(resolved).cloned() {
            dirs.insert(written.clone(), dir);
        }
    }
    dirs
}

/// The dependencies of `package` in post-order (imports first), each once, with where its
/// imports lead (resolved once, for the walk and for the check); and where the package's own
/// imports (`direct`, test imports included) lead. Cycles are the loader's to report.
#[allow(clippy::type_complexity)]
pub(super) fn dependencies(
    db: &dyn SourceDatabase,
    package: &Package,
    direct: &[String],
) -> (
    Vec<(Arc<Package>, HashMap<String, PathBuf>)>,
    HashMap<String, PathBuf>,
) {
    let dir = package.dir.as_path();
    let direct_imports = import_dirs(db, package, direct);
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
    (order, direct_imports)
}
