//! Go to implementation: for an interface type, the workspace's types that implement it; for
//! another named type, the interfaces it implements. A type satisfies an interface when it
//! (or a pointer to it) has every one of the interface's methods with an identical signature;
//! empty interfaces are left out, every type satisfies them.
//!
//! Each workspace package is asked in its own world, where the target type exists only if
//! the package imports (directly or not) the package declaring it: a type implementing an
//! interface of a package it never imports is not found. Types are named in results by the
//! place they are declared, which is the same in every world.

use std::path::PathBuf;

use base_db::{SourceDatabase, SourceFile};
use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};

use crate::typecheck::site::{self, Facts, Locator, Site};
use crate::{FileId, NavigationTarget, workspace};

/// The named type at the cursor.
struct Target {
    name: String,
    package_path: String,
    declared: (SourceFile, u32),
    is_interface: bool,
}

pub(crate) fn implementations(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Vec<NavigationTarget> {
    let Some(target) = target(db, file, offset) else {
        return Vec::new();
    };
    let declaring_dir = target.declared.0.path(db).parent().map(|d| d.to_path_buf());
    // Implementing types can be anywhere in the workspace; the interfaces a type implements
    // are those its package sees (its imports, the standard library's included).
    let mut dirs: Vec<PathBuf> = if target.is_interface {
        workspace::package_dirs(db)
    } else {
        Vec::new()
    };
    dirs.extend(declaring_dir);
    dirs.sort();
    dirs.dedup();
    let mut out: Vec<NavigationTarget> = Vec::new();
    for dir in dirs {
        let Some(site) = Site::of_package(db, &dir) else {
            continue;
        };
        site.with(|facts| {
            let mut locator = Locator::new(db);
            for found in matches_in_package(facts, &target, &mut locator) {
                if !out.contains(&found) {
                    out.push(found);
                }
            }
        });
    }
    out
}

fn target(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> Option<Target> {
    site::with_object_at(db, file, offset, |facts, obj, _| {
        let world = facts.world;
        let o = world.obj(obj);
        if !matches!(o.kind, ObjKind::TypeName) || !matches!(world.ty(o.ty), Type::Named(_)) {
            return None;
        }
        let (declared, range) = site::object_location(db, facts, obj)?;
        Some(Target {
            name: o.name.to_string(),
            package_path: world.package(o.pkg?).path.to_string(),
            declared: (declared, range.start),
            is_interface: world.is_interface(o.ty),
        })
    })
}

/// The package-level named types that match `target`: for an interface, the facts' package's
/// types implementing it; for another type, the interfaces it implements among all packages
/// of the facts' world (unexported ones only from its own package).
fn matches_in_package(
    facts: &Facts<'_>,
    target: &Target,
    locator: &mut Locator<'_>,
) -> Vec<NavigationTarget> {
    let world = facts.world;
    let Some(target_ty) = counterpart(facts, target, locator) else {
        return Vec::new();
    };
    let packages: Vec<hir::PackageId> = if target.is_interface {
        vec![facts.package.package()]
    } else {
        world.package_ids().collect()
    };
    let mut names: Vec<ObjId> = packages
        .iter()
        .flat_map(|&p| world.scope(world.package(p).scope).names.values().copied())
        .filter(|&o| {
            target.is_interface || world.obj(o).is_exported() || same_package(world, o, target_ty)
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    for obj in names {
        let o = world.obj(obj);
        if !matches!(o.kind, ObjKind::TypeName) || !matches!(world.ty(o.ty), Type::Named(_)) {
            continue;
        }
        let candidate_is_interface = world.is_interface(o.ty);
        let implements = if target.is_interface {
            !candidate_is_interface && satisfies(world, o.ty, target_ty)
        } else {
            candidate_is_interface && satisfies(world, target_ty, o.ty)
        };
        if !implements {
            continue;
        }
        if let Some((file, range)) = locator.locate(facts, obj) {
            if (file, range.start) == target.declared {
                continue;
            }
            out.push(NavigationTarget {
                file: FileId(file),
                range,
            });
        }
    }
    out
}

/// Whether `obj` is declared in the package declaring named type `ty`.
fn same_package(world: &World, obj: ObjId, ty: TypeId) -> bool {
    match world.ty(ty) {
        Type::Named(named) => world.obj(named.obj).pkg == world.obj(obj).pkg,
        _ => false,
    }
}

/// The target type in the facts' world, if the package sees it.
fn counterpart(facts: &Facts<'_>, target: &Target, locator: &mut Locator<'_>) -> Option<TypeId> {
    let world = facts.world;
    let package = world.package_by_path(&target.package_path)?;
    let obj = world.lookup_local(world.package(package).scope, &target.name)?;
    let (file, range) = locator.locate(facts, obj)?;
    ((file, range.start) == target.declared).then(|| world.obj(obj).ty)
}

/// Whether `t` (or a pointer to it) has every method of the non-empty interface `iface`.
fn satisfies(world: &World, t: TypeId, iface: TypeId) -> bool {
    let methods = world.interface_methods(iface);
    !methods.is_empty()
        && methods.iter().all(|&m| {
            let method = world.obj(m);
            // Addressable: methods with pointer receivers count (`*T` implements).
            let found = world.lookup_field_or_method(t, true, method.pkg, &method.name);
            found.obj.is_some_and(|f| {
                matches!(world.obj(f).kind, ObjKind::Func { .. })
                    && world.identical(world.obj(f).ty, method.ty)
            })
        })
}
