//! cgocall: Go values with pointers inside passed to C functions.

use std::collections::HashSet;

use hir::types::{BasicKind, Type, TypeId};
use syntax::ast::{Expr, ExprId, UnaryOp};

use crate::util::unparen;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "cgocall",
    doc: "detect some violations of the cgo pointer passing rules\n\n\
          C code may not keep Go pointers, and may not be passed Go memory that holds Go \
          pointers. This reports arguments of calls of C functions (C.f(...)) whose types \
          almost always break that rule: a channel, map, function or slice, or a pointer to, \
          array of or struct holding one, directly or through unsafe.Pointer conversions. \
          go vet re-checks cgo files against the package's exported API, so it misses values \
          of the package's unexported types, which we report.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

const MESSAGE: &str = "possibly passing Go type with embedded pointer to C";

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        if !ast.imports.iter().any(|i| i.path.as_deref() == Some("C")) {
            continue;
        }
        for expr in &ast.exprs {
            let Expr::Call { fun, args, .. } = expr else {
                continue;
            };
            let Expr::Selector { x, sel } = ast.expr(unparen(ast, *fun)) else {
                continue;
            };
            if !matches!(ast.expr(*x), Expr::Name(n) if n.as_str() == "C") {
                continue;
            }
            // C.CBytes copies its argument: always safe.
            if sel.as_str() == "CBytes" {
                continue;
            }
            check_args(pass, file, args);
        }
    }
}

/// Reports the first argument that holds Go pointers, or whose address is passed and holds
/// them.
fn check_args(pass: &mut Pass<'_>, file: usize, args: &[ExprId]) {
    let ast = pass.ast(file);
    for &arg in args {
        if !type_ok(pass, base_type(pass, file, arg)) {
            pass.report(file, ast.expr_range(arg), MESSAGE);
            return;
        }
        // unsafe.Pointer(&x) passes the address of x.
        let mut addr = arg;
        if let Expr::Call { fun, args, .. } = ast.expr(arg)
            && let [inner] = args.as_slice()
            && is_unsafe_pointer(pass, file, *fun)
        {
            addr = *inner;
        }
        if let Expr::Unary {
            op: UnaryOp::Addr,
            x,
        } = ast.expr(addr)
            && !type_ok(pass, base_type(pass, file, *x))
        {
            pass.report(file, ast.expr_range(addr), MESSAGE);
            return;
        }
    }
}

/// The type of `arg` looking through conversions to unsafe.Pointer: `unsafe.Pointer(x)` and
/// `*(*unsafe.Pointer)(unsafe.Pointer(&x))` are `x`'s.
fn base_type(pass: &Pass<'_>, file: usize, arg: ExprId) -> Option<TypeId> {
    let ast = pass.ast(file);
    match ast.expr(arg) {
        Expr::Call { fun, args, .. } => {
            if let [x] = args.as_slice()
                && is_unsafe_pointer(pass, file, *fun)
            {
                return base_type(pass, file, *x);
            }
        }
        Expr::Star(x) => {
            if let Some(v) = deref_unsafe_pointer_of_address(pass, file, *x) {
                return base_type(pass, file, v);
            }
        }
        _ => {}
    }
    pass.type_of(file, arg)
}

/// `v` if `x` is `(*unsafe.Pointer)(unsafe.Pointer(&v))` (or through another pointer type
/// to unsafe.Pointer).
fn deref_unsafe_pointer_of_address(pass: &Pass<'_>, file: usize, x: ExprId) -> Option<ExprId> {
    let ast = pass.ast(file);
    let world = pass.world;
    let Expr::Call { fun, args, .. } = ast.expr(x) else {
        return None;
    };
    let [inner] = args.as_slice() else {
        return None;
    };
    let Type::Pointer(elem) = world.ty(world.under(pass.type_of(file, *fun)?)) else {
        return None;
    };
    if world.basic_kind(world.under(*elem)) != Some(BasicKind::UnsafePointer) {
        return None;
    }
    let Expr::Call { fun, args, .. } = ast.expr(*inner) else {
        return None;
    };
    let [addr] = args.as_slice() else {
        return None;
    };
    if !is_unsafe_pointer(pass, file, *fun) {
        return None;
    }
    match ast.expr(*addr) {
        Expr::Unary {
            op: UnaryOp::Addr,
            x,
        } => Some(*x),
        _ => None,
    }
}

fn is_unsafe_pointer(pass: &Pass<'_>, file: usize, e: ExprId) -> bool {
    pass.type_of(file, e).is_some_and(|t| {
        pass.world.basic_kind(pass.world.under(t)) == Some(BasicKind::UnsafePointer)
    })
}

/// Whether a value of type `t` may be passed to C: no channel, map, function or slice in it
/// (an unknown type is given the benefit of the doubt).
fn type_ok(pass: &Pass<'_>, t: Option<TypeId>) -> bool {
    fn ok(pass: &Pass<'_>, t: TypeId, seen: &mut HashSet<TypeId>) -> bool {
        if !seen.insert(t) {
            return true;
        }
        let world = pass.world;
        match world.ty(world.under(t)) {
            Type::Chan { .. } | Type::Map { .. } | Type::Signature(_) | Type::Slice(_) => false,
            Type::Pointer(elem) | Type::Array { elem, .. } => ok(pass, *elem, seen),
            Type::Struct(s) => s.fields.iter().all(|&f| ok(pass, world.obj(f).ty, seen)),
            _ => true,
        }
    }
    t.is_none_or(|t| ok(pass, t, &mut HashSet::new()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "cgocall");
    }
}
