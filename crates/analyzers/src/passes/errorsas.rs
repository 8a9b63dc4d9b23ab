//! errorsas: the second argument of errors.As must point to an error type or an interface.

use hir::World;
use hir::objects::ObjKind;
use hir::types::{Type, TypeId};
use syntax::ast::{Expr, ExprId};

use crate::passes::printf::{callee, has_error_method};
use crate::util::is_func;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "errorsas",
    doc: "report passing non-pointer or non-error values to errors.As\n\n\
          errors.As stores the error it finds through its second argument, which must \
          therefore be a non-nil pointer to a type implementing error or to an interface \
          type; errors.As panics otherwise. A pointer to error itself is reported too: \
          every error matches it, which is rarely what was meant.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

const NOT_POINTER: &str = "second argument to errors.As must be a non-nil pointer to either a type that implements error, or to any interface type";

fn run(pass: &mut Pass<'_>) {
    // The errors package tests its own misuse.
    if matches!(pass.path(), "errors" | "errors_test") {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for i in 0..ast.exprs.len() {
            let call = ExprId(i as u32);
            let Expr::Call { args, .. } = ast.expr(call) else {
                continue;
            };
            // errors.As(pair()) spreads one call over both parameters.
            let Some(&target) = args.get(1) else {
                continue;
            };
            let Some(func) = callee(pass, file, call) else {
                continue;
            };
            if !is_func(pass.world, func, "errors", "As") {
                continue;
            }
            let Some(ty) = pass.type_of(file, target) else {
                continue;
            };
            if let Some(message) = check_target(pass.world, ty) {
                pass.report(file, ast.expr_range(call), message);
            }
        }
    }
}

/// What is wrong with a target of type `ty`, if anything.
fn check_target(world: &World, ty: TypeId) -> Option<&'static str> {
    let under = underlying(world, ty);
    // `any` is allowed: often a value forwarded from elsewhere.
    if is_empty_interface(world, under) {
        return None;
    }
    let Type::Pointer(elem) = world.ty(under) else {
        return Some(NOT_POINTER);
    };
    if is_error(world, *elem) {
        return Some("second argument to errors.As should not be *error");
    }
    let interface = matches!(world.ty(underlying(world, *elem)), Type::Interface(_));
    if !interface && !has_error_method(world, *elem) {
        return Some(NOT_POINTER);
    }
    None
}

/// go/types' `Underlying`: a type parameter's is its constraint interface.
fn underlying(world: &World, ty: TypeId) -> TypeId {
    match world.type_param_bound(ty) {
        Some(bound) => world.under(bound),
        None => world.under(ty),
    }
}

fn is_empty_interface(world: &World, ty: TypeId) -> bool {
    matches!(world.ty(ty), Type::Interface(_))
        && world.interface_methods(ty).is_empty()
        && world.type_set(ty).all
        && !world.type_set(ty).comparable
}

/// The predeclared `error`.
fn is_error(world: &World, ty: TypeId) -> bool {
    match world.ty(world.unalias(ty)) {
        Type::Named(named) => {
            let o = world.obj(named.obj);
            o.pkg.is_none() && &*o.name == "error" && matches!(o.kind, ObjKind::TypeName)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "errorsas");
    }
}
