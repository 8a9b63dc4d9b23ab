//! Objects written as Go declarations, the way gopls shows them: `var x int`,
//! `field Name string`, `func (b *Buffer) Len() int`, `const MaxInt8 untyped int = 127`,
//! `type Reader interface{...}`. Used by hover, and by completion and signature help for their
//! details.

use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use hir::typestring::Qualifier;
use hir::{PackageId, World};

/// How names of other packages are written: by package name, and not at all for `local`.
pub(crate) fn qualifier(local: Option<PackageId>) -> Qualifier<'static> {
    Qualifier {
        local,
        ambiguous: &[],

        import_names: &[],
    }
}

/// Like [`qualifier`], with the names the current file imports packages under.
pub(crate) fn qualifier_with<'a>(
    local: Option<PackageId>,
    import_names: &'a [(PackageId, Box<str>)],
) -> Qualifier<'a> {
    Qualifier {
        import_names,
        ..qualifier(local)
    }
}

/// The object as a one-line Go declaration (types: their underlying type on one line; hover
/// prefers the declaration's source when it has it).
pub(crate) fn object_string(world: &World, obj: ObjId, qf: Qualifier<'_>) -> String {
    let o = world.obj(obj);
    let name = &format!("{}{}", package_level_prefix(world, obj, qf), o.name);
    match &o.kind {
        ObjKind::PkgName { imported } => {
            format!("package {name} ({:?})", &*world.package(*imported).path)
        }
        ObjKind::Const(value) => {
            let ty = world.type_string(o.ty, qf);
            format!("const {name} {ty} = {}", value.exact_string())
        }
        ObjKind::TypeName => type_name_string(world, obj, qf),
        ObjKind::Var(info) => {
            let keyword = if info.is_field { "field" } else { "var" };
            format!("{keyword} {name} {}", world.type_string(o.ty, qf))
        }
        ObjKind::Func { .. } => func_string(world, obj, qf),
        ObjKind::Builtin(_) => format!("func {name}"),
        ObjKind::Label => format!("label {name}"),
        ObjKind::Nil => "var nil Type".to_string(),
    }
}

/// `func Name[T any](params) results`, or `func (r *T) Name(...)` for a method.
pub(crate) fn func_string(world: &World, obj: ObjId, qf: Qualifier<'_>) -> String {
    let o = world.obj(obj);
    let mut out = String::from("func ");
    if let Type::Signature(sig) = world.ty(o.ty)
        && let Some(recv) = sig.recv
    {
        let r = world.obj(recv);
        // A method of an interface literal: gopls writes its receiver as `interface`.
        let ty = match world.ty(r.ty) {
            Type::Interface(_) => "interface".to_string(),
            _ => world.type_string(r.ty, qf),
        };
        if r.name.is_empty() || &*r.name == "_" {
            out.push_str(&format!("({ty}) "));
        } else {
            out.push_str(&format!("({} {ty}) ", r.name));
        }
    }
    out.push_str(&package_level_prefix(world, obj, qf));
    out.push_str(&o.name);
    if let Type::Signature(sig) = world.ty(o.ty)
        && !sig.type_params.is_empty()
    {
        out.push_str(&type_param_list(world, &sig.type_params, qf));
    }
    let sig = world.type_string(o.ty, qf);
    out.push_str(sig.strip_prefix("func").unwrap_or(&sig));
    out
}

/// `pkg.` for a package-level object of a package other than the qualifier's own.
fn package_level_prefix(world: &World, obj: ObjId, qf: Qualifier<'_>) -> String {
    let o = world.obj(obj);
    match o.pkg {
        Some(pkg) if o.parent == Some(world.package(pkg).scope) => world.package_prefix(o.pkg, qf),
        _ => String::new(),
    }
}

/// `type Name[T any] underlying`, or `type Name = T` for an alias.
fn type_name_string(world: &World, obj: ObjId, qf: Qualifier<'_>) -> String {
    let o = world.obj(obj);
    match world.ty(o.ty) {
        Type::Named(named) if named.obj == obj => {
            let mut out = format!("type {}", o.name);
            if !named.type_params.is_empty() {
                out.push_str(&type_param_list(world, &named.type_params, qf));
            }
            out.push(' ');
            out.push_str(&world.type_string(named.underlying, qf));
            out
        }
        Type::TypeParam { bound, .. } => {
            format!(
                "type parameter {} {}",
                o.name,
                world.type_string(*bound, qf)
            )
        }
        Type::Basic { .. } => format!("type {} {}", o.name, o.name),
        _ => format!("type {} = {}", o.name, world.type_string(o.ty, qf)),
    }
}

/// `[K comparable, V any]`.
fn type_param_list(world: &World, params: &[hir::types::TypeId], qf: Qualifier<'_>) -> String {
    let parts: Vec<String> = params
        .iter()
        .map(|&p| match world.ty(p) {
            Type::TypeParam { obj, bound, .. } => {
                format!("{} {}", world.obj(*obj).name, world.type_string(*bound, qf))
            }
            _ => world.type_string(p, qf),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}
