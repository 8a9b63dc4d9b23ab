//! Workspace symbol search (`workspace/symbol`): the package-level declarations, methods and
//! fields of every package under the workspace roots and of the standard library, matched
//! fuzzily against the query, best first.
//!
//! Which files to search comes from the project model: directories are walked through their
//! listings (inputs), each package directory is loaded as `go list` would load it
//! (`package_of_dir`, so build constraints apply), and each file's symbols come from its
//! own index query. An edit re-indexes the edited file only; a search then re-verifies the
//! rest and scans the indexes (about a hundred thousand names with the standard library).

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{SourceDatabase, SourceFile};
use project_model::db as project;

use super::{WorkspaceSymbol, fuzzy::Matcher, index::file_symbol_index};
use crate::FileId;

/// A package whose symbols are searched.
#[derive(Debug, PartialEq, Eq)]
struct SymbolPackage {
    /// What results show as their container.
    import_path: String,
    /// The package name, which a query may qualify names with (`http.Serve`).
    name: String,
    standard: bool,
    files: Vec<SourceFile>,
}

/// The packages of the workspace roots (`./...` of each, as other workspace-wide features
/// see them) and of GOROOT/src (`std`), with the files the workspace's configuration builds;
/// a workspace package's test files too (its external tests as a package of their own,
/// `p_test`), as they hold declarations worth finding.
#[salsa::tracked(returns(ref))]
fn symbol_packages(db: &dyn SourceDatabase) -> Arc<[SymbolPackage]> {
    let mut dirs = crate::workspace::package_dirs(db);
    if let Some(goroot) = project::config(db).goroot(db) {
        dirs.extend(std_dirs(db, &goroot.join("src")));
    }
    // A workspace folder inside GOROOT (someone reading the standard library) is one tree.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut packages = Vec::new();
    for dir in dirs {
        if seen.insert(dir.clone()) {
            add_package(db, &dir, &mut packages);
        }
    }
    packages.into()
}

/// The directories of `std` under `src` holding Go files, as the go command's `std` pattern
/// finds them: not `cmd`, `testdata`, `vendor` (std's vendored copies are not importable), or
/// names starting with `.` or `_`; symbolic links are not followed.
fn std_dirs(db: &dyn SourceDatabase, src: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(listing) = base_db::directory(db, &dir).listing(db) else {
            continue;
        };
        let mut has_go = false;
        for entry in listing.iter() {
            let Some(name) = entry.path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if entry.is_dir && !entry.is_symlink {
                let skip = name == "testdata"
                    || name == "vendor"
                    || name.starts_with('.')
                    || name.starts_with('_')
                    || (dir == src && name == "cmd");
                if !skip {
                    stack.push(entry.path.clone());
                }
            } else if !entry.is_dir && name.ends_with(".go") {
                has_go = true;
            }
        }
        // GOROOT/src itself holds no package (`package_of_dir` has none for it).
        if has_go && dir != src {
            out.push(dir);
        }
    }
    out
}

fn add_package(db: &dyn SourceDatabase, dir: &Path, out: &mut Vec<SymbolPackage>) {
    let Some(package) = project::package_of_dir(db, dir, None) else {
        return;
    };
    let files = |names: &[&Vec<String>]| -> Vec<SourceFile> {
        names
            .iter()
            .flat_map(|list| list.iter())
            .map(|name| base_db::file(db, &dir.join(name)))
            .collect()
    };
    let mut main = vec![&package.go_files, &package.cgo_files];
    if !package.standard {
        main.push(&package.test_go_files);
    }
    let main_files = files(&main);
    if !main_files.is_empty() {
        out.push(SymbolPackage {
            import_path: package.import_path.clone(),
            name: package.name.clone(),
            standard: package.standard,
            files: main_files,
        });
    }
    if !package.standard && !package.xtest_go_files.is_empty() {
        out.push(SymbolPackage {
            import_path: format!("{}_test", package.import_path),
            name: format!("{}_test", package.name),
            standard: false,
            files: files(&[&package.xtest_go_files]),
        });
    }
}

/// The symbols matching `query`, best first, at most `limit`. An empty query matches nothing
/// (listing a hundred thousand names helps nobody).
pub(crate) fn workspace_symbols(
    db: &dyn SourceDatabase,
    query: &str,
    limit: usize,
) -> Vec<WorkspaceSymbol> {
    let mut matcher = Matcher::new(query);
    if matcher.is_empty() || limit == 0 {
        return Vec::new();
    }
    // `http.Serve` names a package too: such queries are also matched against
    // `package.Name`, and the better of the two scores counts.
    let qualified = query.contains('.');
    struct Hit<'a> {
        score: i32,
        package: &'a SymbolPackage,
        file: SourceFile,
        symbol: &'a super::index::IndexedSymbol,
    }
    let mut hits: Vec<Hit<'_>> = Vec::new();
    let mut qualified_name = String::new();
    for package in symbol_packages(db).iter() {
        let package_mask = super::fuzzy::char_mask(&package.name) | super::fuzzy::char_mask(".");
        for &file in &package.files {
            for symbol in file_symbol_index(db, file).iter() {
                let mut score = None;
                if matcher.may_match(symbol.mask) {
                    score = matcher.score(&symbol.name);
                }
                if qualified && matcher.may_match(symbol.mask | package_mask) {
                    qualified_name.clear();
                    qualified_name.push_str(&package.name);
                    qualified_name.push('.');
                    qualified_name.push_str(&symbol.name);
                    score = score.max(matcher.score(&qualified_name));
                }
                if let Some(score) = score {
                    hits.push(Hit {
                        score,
                        package,
                        file,
                        symbol,
                    });
                }
            }
        }
    }
    // Best score first; at equal scores the workspace's own code before the standard
    // library's, then shorter names, then by name and package for a stable order.
    let order = |a: &Hit<'_>, b: &Hit<'_>| {
        b.score
            .cmp(&a.score)
            .then(a.package.standard.cmp(&b.package.standard))
            .then(a.symbol.name.len().cmp(&b.symbol.name.len()))
            .then(a.symbol.name.cmp(&b.symbol.name))
            .then(a.package.import_path.cmp(&b.package.import_path))
            .then(a.symbol.range.start.cmp(&b.symbol.range.start))
    };
    if hits.len() > limit {
        hits.select_nth_unstable_by(limit - 1, order);
        hits.truncate(limit);
    }
    hits.sort_by(order);
    hits.into_iter()
        .map(|hit| WorkspaceSymbol {
            name: hit.symbol.name.to_string(),
            kind: hit.symbol.kind,
            file: FileId(hit.file),
            range: hit.symbol.range,
            container: hit.package.import_path.clone(),
        })
        .collect()
}
