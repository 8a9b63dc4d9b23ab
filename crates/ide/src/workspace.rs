//! The workspace's packages: the directories under the workspace roots that hold Go files,
//! and who imports whom among them. Workspace-wide features (references, implementations)
//! search these.

use std::path::{Path, PathBuf};

use base_db::SourceDatabase;
use project_model::db as pm;

/// Directories under the workspace roots holding `.go` files, as `./...` matches them:
/// `testdata`, `vendor` and names starting with `.` or `_` are skipped, as are symbolic
/// links (they could loop). Sorted.
pub(crate) fn package_dirs(db: &dyn SourceDatabase) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = pm::settings(db).roots;
    while let Some(dir) = stack.pop() {
        let directory = base_db::directory(db, &dir);
        if pm::dir_has_go_files(db, directory) {
            out.push(dir.clone());
        }
        let Ok(listing) = directory.listing(db) else {
            continue;
        };
        for entry in listing.iter().filter(|e| e.is_dir && !e.is_symlink) {
            let Some(name) = entry.path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with('.')
                || name.starts_with('_')
                || name == "testdata"
                || name == "vendor"
            {
                continue;
            }
            stack.push(entry.path.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The workspace packages that import the package in `dir`, directly or not, `dir` first.
pub(crate) fn importers(db: &dyn SourceDatabase, dir: &Path) -> Vec<PathBuf> {
    let dirs = package_dirs(db);
    // Each workspace package's direct imports, as directories.
    let imports: Vec<Vec<PathBuf>> = dirs
        .iter()
        .map(|d| {
            let Some(package) = pm::package_of_dir(db, d, None) else {
                return Vec::new();
            };
            package
                .imports
                .iter()
                .chain(&package.test_imports)
                .filter_map(|path| pm::resolve_import_from(db, d, path).ok())
                .map(|resolved| resolved.dir)
                .collect()
        })
        .collect();
    let mut found = vec![dir.to_path_buf()];
    let mut changed = true;
    while changed {
        changed = false;
        for (d, imported) in dirs.iter().zip(&imports) {
            if !found.contains(d) && imported.iter().any(|i| found.contains(i)) {
                found.push(d.clone());
                changed = true;
            }
        }
    }
    found
}
