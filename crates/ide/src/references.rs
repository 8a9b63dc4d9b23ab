//! References and document highlights: every identifier that denotes the same object as the
//! one under the cursor.
//!
//! Objects are compared by where they are declared (file and offset of the name), not by id:
//! each package's check has a world of its own, in which the objects of its imports are
//! checked again, so the same function has a different id in every importer's world. The
//! declaration's place is the same in all of them, and it also identifies the methods and
//! fields of generic types' instances with their origin's.

use std::path::Path;

use base_db::{SourceDatabase, SourceFile};
use hir::objects::{ObjId, ObjKind};
use syntax::TextRange;

use crate::typecheck::site::{self, Facts, Locator, Site};
use crate::{FileId, NavigationTarget, workspace};

/// How a highlighted identifier touches its object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HighlightKind {
    /// It reads the object's value, or names it.
    Read,
    /// It declares the object or assigns to it.
    Write,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Highlight {
    pub range: TextRange,
    pub kind: HighlightKind,
}

/// The object under the cursor: its name, where it is declared, and whether it can be named
/// from other packages (so that other packages must be searched).
struct Target {
    name: String,
    declared: (SourceFile, u32),
    /// Where to search: the declaring file only (locals), its package, or its importers too.
    scope: SearchScope,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SearchScope {
    File,
    Package,
    Importers,
}

fn target(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> Option<Target> {
    site::with_object_at(db, file, offset, |facts, obj, _| {
        let (declared, range) = site::object_location(db, facts, obj)?;
        Some(Target {
            name: facts.world.obj(obj).name.to_string(),
            declared: (declared, range.start),
            scope: search_scope(facts, obj),
        })
    })
}

fn search_scope(facts: &Facts<'_>, obj: ObjId) -> SearchScope {
    let world = facts.world;
    let o = world.obj(obj);
    let package_level = o
        .pkg
        .is_some_and(|p| o.parent == Some(world.package(p).scope));
    let member = match o.kind {
        ObjKind::Var(info) => info.is_field,
        ObjKind::Func { .. } => o.parent.is_none(),
        _ => false,
    };
    match (package_level || member, o.is_exported()) {
        (false, _) if matches!(o.kind, ObjKind::PkgName { .. }) => SearchScope::File,
        (false, _) => SearchScope::File,
        (true, false) => SearchScope::Package,
        (true, true) => SearchScope::Importers,
    }
}

/// The identifiers in `file` denoting `target`, with whether each declares it.
fn occurrences_in(
    db: &dyn SourceDatabase,
    file: SourceFile,
    target: &Target,
) -> Vec<(TextRange, bool)> {
    let mut out = Vec::new();
    let mut locator = Locator::new(db);
    for site in Site::all(db, file) {
        site.with(|facts| {
            for occurrence in facts.occurrences(&target.name) {
                let same = locator
                    .locate(facts, occurrence.obj)
                    .is_some_and(|(f, r)| (f, r.start) == target.declared);
                if same {
                    let end = occurrence.start + target.name.len() as u32;
                    out.push((TextRange::new(occurrence.start, end), occurrence.is_def));
                }
            }
        });
    }
    out.sort_by_key(|(r, _)| r.start);
    out.dedup();
    out
}

pub(crate) fn highlights(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> Vec<Highlight> {
    let Some(target) = target(db, file, offset) else {
        return Vec::new();
    };
    let text = file.text(db);
    occurrences_in(db, file, &target)
        .into_iter()
        .map(|(range, is_def)| Highlight {
            range,
            kind: if is_def || is_assigned(text, range.end as usize) {
                HighlightKind::Write
            } else {
                HighlightKind::Read
            },
        })
        .collect()
}

pub(crate) fn references(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
    include_declaration: bool,
) -> Vec<NavigationTarget> {
    let Some(target) = target(db, file, offset) else {
        return Vec::new();
    };
    let declaring = target.declared.0;
    let files: Vec<SourceFile> = match target.scope {
        SearchScope::File => vec![declaring],
        SearchScope::Package | SearchScope::Importers => {
            let Some(dir) = declaring.path(db).parent().map(Path::to_path_buf) else {
                return Vec::new();
            };
            let dirs = if target.scope == SearchScope::Importers {
                workspace::importers(db, &dir)
            } else {
                vec![dir]
            };
            dirs.iter().flat_map(|d| package_files(db, d)).collect()
        }
    };
    let mut out = Vec::new();
    for f in files {
        for (range, is_def) in occurrences_in(db, f, &target) {
            if include_declaration || !is_def {
                out.push(NavigationTarget {
                    file: FileId(f),
                    range,
                });
            }
        }
    }
    out
}

/// The files checked as the package in `dir` (internal tests included).
fn package_files(db: &dyn SourceDatabase, dir: &Path) -> Vec<SourceFile> {
    let Some(package) = project_model::db::package_of_dir(db, dir, None) else {
        return Vec::new();
    };
    package
        .go_files
        .iter()
        .chain(&package.cgo_files)
        .chain(&package.test_go_files)
        .map(|name| base_db::file(db, &package.dir.join(name)))
        .collect()
}

/// Whether the identifier ending at `end` is assigned to: followed by an assignment operator,
/// `++` or `--`, possibly after more operands of the same assignment (`a, b = ...`, `x.f = `).
fn is_assigned(text: &str, end: usize) -> bool {
    let bytes = text.as_bytes();
    let mut i = end;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        let rest = &text[i..];
        if rest.starts_with("==") {
            return false;
        }
        let assign_ops = [
            ":=", "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=", "++",
            "--",
        ];
        if assign_ops.iter().any(|op| rest.starts_with(op)) {
            return true;
        }
        // Another operand of the left side: `, name` or `.name` (a selector's base is read,
        // but `x.f =` writes through x, which is how gopls counts it too).
        let Some(after) = rest.strip_prefix(',').or_else(|| rest.strip_prefix('.')) else {
            return false;
        };
        let skipped = after.len() - after.trim_start_matches([' ', '\t']).len();
        let operand = after[skipped..]
            .find(|c: char| !(c == '_' || c.is_alphanumeric()))
            .unwrap_or(after.len() - skipped);
        if operand == 0 {
            return false;
        }
        i += 1 + skipped + operand;
    }
}
