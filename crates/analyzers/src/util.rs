//! Small questions many analyzers ask: about expressions (through parentheses), constants,
//! and types by their package path and name.

use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};
use syntax::ast::{Expr, ExprId, File};

use crate::Pass;

/// `e` without enclosing parentheses.
pub fn unparen(file: &File, mut e: ExprId) -> ExprId {
    while let Expr::Paren(x) = file.expr(e) {
        e = *x;
    }
    e
}

/// The value of `e` if it is a string constant.
pub fn string_constant(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<String> {
    let value = pass.type_and_value(file, e)?.value.as_ref()?;
    let bytes = value.string_bytes()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The value of `e` if it is an integer constant that fits in an i64.
pub fn int_constant(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<i64> {
    pass.type_and_value(file, e)?.value.as_ref()?.to_i64()
}

/// The package path and name of a named type (or alias), after one pointer if `deref`.
pub fn named_path(world: &World, mut ty: TypeId, deref: bool) -> Option<(&str, &str)> {
    if deref && let Type::Pointer(elem) = world.ty(ty) {
        ty = *elem;
    }
    let obj = match world.ty(ty) {
        Type::Named(named) => named.obj,
        Type::Alias(alias) => alias.obj,
        _ => return None,
    };
    let o = world.obj(obj);
    let pkg = world.package(o.pkg?);
    Some((&pkg.path, &o.name))
}

/// Whether `ty` is the named type `path.name` (through aliases).
pub fn is_named(world: &World, ty: TypeId, path: &str, name: &str) -> bool {
    named_path(world, world.unalias(ty), false) == Some((path, name))
}

/// Whether `ty` is `*path.name` (through aliases).
pub fn is_pointer_to(world: &World, ty: TypeId, path: &str, name: &str) -> bool {
    match world.ty(world.unalias(ty)) {
        Type::Pointer(elem) => is_named(world, *elem, path, name),
        _ => false,
    }
}

/// Whether `obj` is the package-level function `path.name`.
pub fn is_func(world: &World, obj: ObjId, path: &str, name: &str) -> bool {
    let o = world.obj(obj);
    matches!(o.kind, ObjKind::Func { .. })
        && &*o.name == name
        && o.pkg.is_some_and(|p| &*world.package(p).path == path)
        && matches!(world.ty(o.ty), Type::Signature(sig) if sig.recv.is_none())
}

/// The method `name` in the method set of `ty` (for a pointer receiver method, `ty` must be a
/// pointer or `addressable`), as seen from anywhere (exported names) or from `ty`'s package.
pub fn method(world: &World, ty: TypeId, name: &str, addressable: bool) -> Option<ObjId> {
    let pkg = match world.ty(world.unalias(ty)) {
        Type::Named(named) => world.obj(named.obj).pkg,
        Type::Pointer(elem) => match world.ty(world.unalias(*elem)) {
            Type::Named(named) => world.obj(named.obj).pkg,
            _ => None,
        },
        _ => None,
    };
    let found = world.lookup_field_or_method(ty, addressable, pkg, name);
    let obj = found.obj?;
    matches!(world.obj(obj).kind, ObjKind::Func { .. }).then_some(obj)
}

/// The parameter and result types of a signature type.
pub fn signature_types(world: &World, sig: TypeId) -> Option<(Vec<TypeId>, Vec<TypeId>, bool)> {
    let Type::Signature(sig) = world.ty(world.under(sig)) else {
        return None;
    };
    let types = |tuple| {
        world
            .tuple_vars(tuple)
            .iter()
            .map(|&v| world.obj(v).ty)
            .collect()
    };
    Some((types(sig.params), types(sig.results), sig.variadic))
}

/// The 1-based line of `offset` in `text` (for messages that name another line).
pub fn line_of(text: &str, offset: u32) -> usize {
    let end = (offset as usize).min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
