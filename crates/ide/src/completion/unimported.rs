//! `pkg.` where `pkg` is not a name in scope: the exported members of the packages named
//! `pkg` (the standard library's and the workspace's), each item with the edit that imports
//! the package. The same path serves `pkg.` for an imported package when the current package
//! is not checked (syntax errors): the import is there, so no edit.
//!
//! Packages are found by directory name in an index of the package directories under GOROOT
//! and the workspace roots (a query, so walked once), then loaded and their declarations
//! checked on their own (cached like any package's). A package the current one's world
//! already holds (a dependency's dependency) is read from there, without another check.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base_db::{SourceDatabase, SourceFile};
use syntax::ast::File;
use syntax::{TextEdit, TextRange};

use super::members::package_members;
use super::{Acc, PLACEHOLDER};
use crate::objstring;
use crate::typecheck::patched::{self, Checked};

/// At most this many packages of one name are offered.
const MAX_PACKAGES: usize = 3;
/// Bounds on the walk of a root, against huge or cyclic trees.
const MAX_DIRS: usize = 20_000;
const MAX_DEPTH: usize = 12;

pub(crate) fn complete(
    db: &dyn SourceDatabase,
    acc: &mut Acc<'_>,
    file: SourceFile,
    checked: Option<&Checked>,
    name: &str,
) {
    if name == PLACEHOLDER || name == "_" {
        return;
    }
    let ast = base_db::file_ast(db, file);
    let Some(dir) = file.path(db).parent().map(Path::to_path_buf) else {
        return;
    };
    // Imported by this file: its members, no edit.
    let imported = ast.imports.iter().find_map(|import| {
        let path = import.path.as_deref()?;
        let local = import
            .name
            .as_ref()
            .map_or_else(|| package_name_of_path(path), |n| n.as_str());
        (local == name).then_some(path)
    });
    if let Some(path) = imported {
        if let Ok(resolved) = project_model::db::resolve_import_from(db, &dir, path) {
            offer(db, acc, checked, &resolved.import_path, &resolved.dir, &[]);
        }
        return;
    }
    // A name the scope has (a variable whose type is broken) is not a package.
    if let Some(checked) = checked {
        let at = checked.to_checked(acc.range.start);
        let declared = checked.with(|facts| {
            let scope = checked
                .scope_at(facts, at)
                .unwrap_or(facts.world.package(facts.package.package()).scope);
            facts.world.lookup_parent(scope, name).is_some()
        });
        if declared == Some(true) {
            return;
        }
    }
    let text = file.text(db);
    for (import_path, pkg_dir) in packages_named(db, name, &dir) {
        let edit = import_edit(ast, text, &import_path);
        offer(db, acc, checked, &import_path, &pkg_dir, &[edit]);
    }
}

/// Standard library packages the file does not import whose names start with the prefix
/// (`str` offers `strings`), each with the edit that imports it. Ranked below every name in
/// scope.
pub(crate) fn package_names(
    db: &dyn SourceDatabase,
    acc: &mut Acc<'_>,
    file: SourceFile,
    checked: Option<&Checked>,
) {
    if acc.prefix.is_empty() {
        return;
    }
    let Some(goroot) = project_model::db::settings(db).goroot else {
        return;
    };
    let src = goroot.join("src");
    let ast = base_db::file_ast(db, file);
    let imported: Vec<&str> = ast
        .imports
        .iter()
        .filter_map(|i| match (&i.name, &i.path) {
            (Some(n), _) => Some(n.as_str()),
            (None, Some(p)) => Some(package_name_of_path(p)),
            _ => None,
        })
        .collect();
    // The shortest import path of each matching name.
    let mut found: Vec<(&str, String)> = Vec::new();
    let index = package_dirs(db, base_db::directory(db, &src));
    for (name, dir) in index.iter() {
        let name = &**name;
        let is_prefix =
            super::fuzzy::score(acc.prefix, name).is_some_and(|s| s >= super::fuzzy::PREFIX_FOLDED);
        if !is_prefix || imported.contains(&name) {
            continue;
        }
        let Some(path) = dir.strip_prefix(&src).ok().and_then(|p| p.to_str()) else {
            continue;
        };
        let path = path.replace('\\', "/");
        let hidden = path.split('/').any(|e| e == "internal" || e == "vendor")
            || path.starts_with("cmd/")
            || path == "cmd";
        if hidden {
            continue;
        }
        match found.iter_mut().find(|(n, _)| *n == name) {
            Some((_, p)) if p.len() <= path.len() => {}
            Some((_, p)) => *p = path,
            None => found.push((name, path)),
        }
    }
    if found.is_empty() {
        return;
    }
    // A name in scope (a variable called `bytes`) is not shadowed by a package suggestion.
    if let Some(checked) = checked {
        let at = checked.to_checked(acc.range.start);
        let in_scope: Vec<bool> = checked
            .with(|facts| {
                let scope = checked
                    .scope_at(facts, at)
                    .unwrap_or(facts.world.package(facts.package.package()).scope);
                found
                    .iter()
                    .map(|(n, _)| facts.world.lookup_parent(scope, n).is_some())
                    .collect()
            })
            .unwrap_or_default();
        let mut i = 0;
        found.retain(|_| {
            i += 1;
            !in_scope.get(i - 1).copied().unwrap_or(false)
        });
    }
    let text = file.text(db);
    for (name, path) in found {
        let mut item = acc.item(name, super::CompletionKind::Package, name);
        item.detail = Some(format!("package {name} ({path:?})"));
        item.additional_edits = vec![import_edit(ast, text, &path)];
        acc.add(item, 0);
    }
}

/// Offers the members of the package `import_path` in `dir`, with `edits`.
fn offer(
    db: &dyn SourceDatabase,
    acc: &mut Acc<'_>,
    checked: Option<&Checked>,
    import_path: &str,
    dir: &Path,
    edits: &[TextEdit],
) {
    // The current package's world may hold it already: no check needed.
    let done = checked.and_then(|checked| {
        checked
            .with(|facts| {
                let world = facts.world;
                let package = world.package_by_path(import_path)?;
                let qf = objstring::qualifier(Some(facts.package.package()));
                package_members(acc, world, package, qf, edits, |_| (0, false));
                Some(())
            })
            .flatten()
    });
    if done.is_some() {
        return;
    }
    if let Some(api) = patched::package_api(db, dir) {
        api.with(|world, package| {
            package_members(
                acc,
                world,
                package,
                objstring::qualifier(None),
                edits,
                |_| (0, false),
            );
        });
    }
}

/// The packages named `name` that the package in `from` may import: (import path,
/// directory), the shortest paths first.
fn packages_named(db: &dyn SourceDatabase, name: &str, from: &Path) -> Vec<(String, PathBuf)> {
    let settings = project_model::db::settings(db);
    let mut roots: Vec<(PathBuf, bool)> = Vec::new();
    if let Some(goroot) = &settings.goroot {
        roots.push((goroot.join("src"), true));
    }
    roots.extend(settings.roots.iter().map(|r| (r.clone(), false)));
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    for (root, standard) in roots {
        let index = package_dirs(db, base_db::directory(db, &root));
        for (dir_name, dir) in index.iter() {
            if &**dir_name != name || dir == from {
                continue;
            }
            let Some(package) = project_model::db::package_of_dir(db, dir, None) else {
                continue;
            };
            if package.name != name || package.import_path.is_empty() {
                continue;
            }
            let path = &package.import_path;
            let hidden = path.split('/').any(|e| e == "internal" || e == "vendor")
                || (standard && path.starts_with("cmd/"));
            // A workspace's internal packages are importable from inside the workspace.
            if hidden && standard {
                continue;
            }
            if !found.iter().any(|(p, _)| p == path) {
                found.push((path.clone(), dir.clone()));
            }
        }
    }
    found.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    found.truncate(MAX_PACKAGES);
    found
}

/// Every directory with Go files under `root`, by the name its package most likely has (the
/// last path element; for `.../rand/v2`, `rand`). `testdata`, hidden and `_` directories are
/// left out, as the go command leaves them out of `./...`.
#[salsa::tracked(returns(ref))]
fn package_dirs(db: &dyn SourceDatabase, root: base_db::Directory) -> Arc<[(Box<str>, PathBuf)]> {
    let mut out = Vec::new();
    let mut stack = vec![(root.path(db).clone(), 0usize)];
    let mut visited = 0;
    while let Some((dir, depth)) = stack.pop() {
        visited += 1;
        if visited > MAX_DIRS {
            break;
        }
        let Ok(listing) = base_db::directory(db, &dir).listing(db) else {
            continue;
        };
        let mut has_go = false;
        for entry in listing.iter() {
            let Some(file_name) = entry.path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if entry.is_dir {
                let skip = file_name == "testdata"
                    || file_name.starts_with('.')
                    || file_name.starts_with('_');
                if !skip && depth < MAX_DEPTH {
                    stack.push((entry.path.clone(), depth + 1));
                }
            } else if file_name.ends_with(".go") && !file_name.ends_with("_test.go") {
                has_go = true;
            }
        }
        if has_go && let Some(path) = dir.to_str() {
            out.push((package_name_of_path(path).into(), dir.clone()));
        }
    }
    out.into()
}

/// The name a package at `path` most likely has: its last element, or the one before a
/// major version suffix (`math/rand/v2`: `rand`).
pub(crate) fn package_name_of_path(path: &str) -> &str {
    let mut elems = path.rsplit(['/', '\\']);
    let last = elems.next().unwrap_or(path);
    let is_version =
        last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    if is_version {
        return elems.next().unwrap_or(last);
    }
    last
}

/// The edit that imports `path` in the file: into its import group in sorted position, after
/// its last single import, or after the package clause.
pub(crate) fn import_edit(ast: &File, text: &str, path: &str) -> TextEdit {
    let quoted = format!("{path:?}");
    let insert_at = |at: u32, insert: String| TextEdit {
        delete: TextRange::new(at, at),
        insert,
    };
    let Some(last) = ast.imports.last() else {
        let after = ast
            .package
            .as_ref()
            .map_or(0, |p| line_end(text, p.range.end));
        return insert_at(after, format!("\n\nimport {quoted}"));
    };
    // In a group when a `(` comes between the last `import` keyword and the spec.
    let head = &text[..last.range.start as usize];
    let grouped = head
        .rfind("import")
        .is_some_and(|k| head[k + "import".len()..].trim_start().starts_with('('));
    if !grouped {
        return insert_at(line_end(text, last.range.end), format!("\nimport {quoted}"));
    }
    // The group's specs: those after the same `import (`.
    let group_start = head.rfind("import").unwrap_or(0) as u32;
    let group: Vec<&syntax::ast::ImportSpec> = ast
        .imports
        .iter()
        .filter(|i| i.range.start > group_start)
        .collect();
    let next = group
        .iter()
        .find(|i| i.path.as_deref().is_some_and(|p| p > path) && i.name.is_none());
    match next {
        Some(spec) => {
            let line_begin = text[..spec.range.start as usize]
                .rfind('\n')
                .map_or(0, |n| n + 1);
            let indent = &text[line_begin..spec.range.start as usize];
            insert_at(line_begin as u32, format!("{indent}{quoted}\n"))
        }
        None => {
            let line_begin = head.rfind('\n').map_or(0, |n| n + 1);
            let indent: String = head[line_begin..]
                .chars()
                .take_while(|c| c.is_whitespace())
                .collect();
            insert_at(
                line_end(text, last.range.end),
                format!("\n{indent}{quoted}"),
            )
        }
    }
}

/// The offset of the end of the line holding `offset` (before its newline).
fn line_end(text: &str, offset: u32) -> u32 {
    let offset = (offset as usize).min(text.len());
    text[offset..].find('\n').map_or(text.len(), |n| offset + n) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, path: &str) -> String {
        let parse = syntax::parse(text);
        let ast = syntax::lower(text, parse.tree());
        let edit = import_edit(&ast, text, path);
        let mut out = text.to_string();
        out.replace_range(edit.delete.as_usize(), &edit.insert);
        out
    }

    #[test]
    fn imports_go_where_gofmt_would_keep_them() {
        assert_eq!(
            edited("package a\n\nfunc f() {}\n", "strings"),
            "package a\n\nimport \"strings\"\n\nfunc f() {}\n"
        );
        assert_eq!(
            edited("package a\n\nimport \"fmt\"\n\nfunc f() {}\n", "strings"),
            "package a\n\nimport \"fmt\"\nimport \"strings\"\n\nfunc f() {}\n"
        );
        assert_eq!(
            edited("package a\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n", "io"),
            "package a\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"os\"\n)\n"
        );
        assert_eq!(
            edited("package a\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n", "strings"),
            "package a\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n"
        );
        assert_eq!(package_name_of_path("math/rand/v2"), "rand");
        assert_eq!(package_name_of_path("strings"), "strings");
    }
}
