//! Go to definition: where the object the identifier under the cursor denotes is declared,
//! in the workspace, the standard library or the module cache; predeclared names lead to
//! their documentation declarations in `$GOROOT/src/builtin` (and `unsafe`).

use base_db::{SourceDatabase, SourceFile};
use hir::objects::ObjId;
use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Decl, Spec};

use crate::FileId;
use crate::typecheck::site::{self, Facts};

/// A place to navigate to: a file and the range of the name declared there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NavigationTarget {
    pub file: FileId,
    pub range: TextRange,
}

pub(crate) fn goto_definition(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Vec<NavigationTarget> {
    if let Some(found) = package_clause(db, file, offset) {
        return targets(Some(found));
    }
    let found = site::with_object_at(db, file, offset, |facts, obj, ident| {
        let declared = site::object_location(db, facts, obj);
        // On an embedded field's own declaration, the field is what is declared there: go to
        // its type, as gopls does.
        if declared.is_some_and(|(f, r)| f == file && r == ident)
            && let Some(embedded) = embedded_type(facts, obj)
        {
            return site::object_location(db, facts, embedded);
        }
        declared.or_else(|| predeclared_location(db, facts, obj))
    });
    targets(found)
}

/// The type name an embedded field's type names (past a pointer), for an embedded field.
fn embedded_type(facts: &Facts<'_>, obj: ObjId) -> Option<ObjId> {
    let world = facts.world;
    let o = world.obj(obj);
    if !o.var_info().is_some_and(|v| v.embedded) {
        return None;
    }
    let ty = match world.ty(world.unalias(o.ty)) {
        Type::Pointer(elem) => *elem,
        _ => o.ty,
    };
    match world.ty(ty) {
        Type::Named(named) => Some(named.obj),
        _ => None,
    }
}

/// On the package clause's name: the package clause that carries the package's doc.
fn package_clause(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Option<(SourceFile, TextRange)> {
    let name = base_db::file_ast(db, file).package.as_ref()?;
    if !(name.range.start <= offset && offset <= name.range.end) {
        return None;
    }
    let package = project_model::db::package_of_dir(db, file.path(db).parent()?, None)?;
    crate::hover::package_doc(db, &package).map(|(file, range, _)| (file, range))
}

/// The navigation target for a place found, if any.
fn targets(found: Option<(SourceFile, TextRange)>) -> Vec<NavigationTarget> {
    found
        .map(|(file, range)| NavigationTarget {
            file: FileId(file),
            range,
        })
        .into_iter()
        .collect()
}

/// Where a predeclared object (`len`, `int`, `nil`, `unsafe.Pointer`...) is documented:
/// its declaration in `$GOROOT/src/builtin/builtin.go` or `$GOROOT/src/unsafe/unsafe.go`.
pub(crate) fn predeclared_location(
    db: &dyn SourceDatabase,
    facts: &Facts<'_>,
    obj: ObjId,
) -> Option<(SourceFile, TextRange)> {
    let o = facts.world.obj(obj);
    if o.pos.file.is_some() {
        return None;
    }
    let in_unsafe = o
        .pkg
        .is_some_and(|p| &*facts.world.package(p).path == "unsafe");
    predeclared(db, &o.name, in_unsafe)
}

/// The declaration of predeclared `name` in the documentation files of the toolchain.
fn predeclared(
    db: &dyn SourceDatabase,
    name: &str,
    in_unsafe: bool,
) -> Option<(SourceFile, TextRange)> {
    let goroot = project_model::db::settings(db).goroot?;
    let path = if in_unsafe {
        goroot.join("src/unsafe/unsafe.go")
    } else {
        goroot.join("src/builtin/builtin.go")
    };
    let file = base_db::file(db, &path);
    let ast = base_db::file_ast(db, file);
    let range = ast.decls.iter().find_map(|&decl| match ast.decl(decl) {
        Decl::Func(f) if &*f.name.text == name => Some(f.name.range),
        Decl::Gen(g) => g.specs.iter().find_map(|spec| match spec {
            Spec::Type { name: n, .. } if &*n.text == name => Some(n.range),
            Spec::Value { names, .. } => names.iter().find(|n| &*n.text == name).map(|n| n.range),
            _ => None,
        }),
        _ => None,
    })?;
    Some((file, range))
}

/// Go to type definition: the declaration of the named type of the object at `offset` (its
/// element type for pointers, slices, arrays, maps and channels, as gopls does).
pub(crate) fn goto_type_definition(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Vec<NavigationTarget> {
    let found = site::with_object_at(db, file, offset, |facts, obj, _| {
        let world = facts.world;
        let mut ty = world.obj(obj).ty;
        // Bounded: element types nest finitely, but a broken check could loop through aliases.
        for _ in 0..32 {
            ty = world.unalias(ty);
            ty = match world.ty(ty) {
                Type::Pointer(elem) | Type::Slice(elem) => *elem,
                Type::Array { elem, .. } | Type::Map { elem, .. } | Type::Chan { elem, .. } => {
                    *elem
                }
                Type::Named(named) => {
                    return site::object_location(db, facts, named.obj);
                }
                Type::TypeParam { obj, .. } => return site::object_location(db, facts, *obj),
                _ => return None,
            };
        }
        None
    });
    targets(found)
}
