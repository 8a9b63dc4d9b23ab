//! unsafeptr: conversions of `uintptr` to `unsafe.Pointer` that the rules do not allow.

use hir::types::{BasicKind, Type, TypeId};
use syntax::ast::{BinaryOp, Expr, ExprId, UnaryOp};

use crate::util::{is_named, unparen};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unsafeptr",
    doc: "check for invalid conversions of uintptr to unsafe.Pointer\n\n\
          Converting a uintptr to an unsafe.Pointer is valid only in the patterns package \
          unsafe documents: in the same expression as the conversion of a pointer to the \
          uintptr (with arithmetic on it), or of the result of reflect.Value.Pointer or \
          UnsafeAddr, or of the Data field of a *reflect.SliceHeader or *reflect.StringHeader. \
          A uintptr held anywhere else may outlive the object it points to. Values of type \
          reflect.SliceHeader and reflect.StringHeader (rather than pointers to the real \
          header of a slice or string) are reported too.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let e = ExprId(i as u32);
            let message = match expr {
                Expr::Call { fun, args, .. } => match args.as_slice() {
                    [arg]
                        if has_basic_type(pass, file, *fun, BasicKind::UnsafePointer)
                            && has_basic_type(pass, file, *arg, BasicKind::Uintptr)
                            && !is_safe_uintptr(pass, file, *arg) =>
                    {
                        "possible misuse of unsafe.Pointer".to_string()
                    }
                    _ => continue,
                },
                // *p, where p points to a header.
                Expr::Star(_) => match pass.type_of(file, e) {
                    Some(t) if is_reflect_header(pass, t) => header_misuse(pass, t),
                    _ => continue,
                },
                // &h, where h is a header.
                Expr::Unary {
                    op: UnaryOp::Addr,
                    x,
                } => match pass.type_of(file, *x) {
                    Some(t) if is_reflect_header(pass, t) => header_misuse(pass, t),
                    _ => continue,
                },
                _ => continue,
            };
            pass.report(file, ast.expr_range(e), message);
        }
    }
}

fn header_misuse(pass: &Pass<'_>, t: TypeId) -> String {
    format!("possible misuse of {}", pass.world.type_string_by_path(t))
}

/// Whether `x`, a uintptr, may be converted to an unsafe.Pointer (package unsafe's rules).
fn is_safe_uintptr(pass: &Pass<'_>, file: usize, x: ExprId) -> bool {
    let ast = pass.ast(file);
    match ast.expr(unparen(ast, x)) {
        // (6) The Data field of a *reflect.SliceHeader or *reflect.StringHeader: a header
        // reached through a pointer is taken to be a real slice's or string's.
        Expr::Selector { x: base, sel } if sel.as_str() == "Data" => {
            let through_pointer = pass.type_of(file, *base).is_some_and(|t| {
                match pass.world.ty(pass.world.unalias(t)) {
                    Type::Pointer(elem) => is_reflect_header(pass, *elem),
                    _ => false,
                }
            });
            if through_pointer {
                return true;
            }
        }
        // (5) The result of reflect.Value's Pointer or UnsafeAddr.
        Expr::Call { fun, args, .. } if args.is_empty() => {
            if let Expr::Selector { x: recv, sel } = ast.expr(*fun)
                && matches!(sel.as_str(), "Pointer" | "UnsafeAddr")
                && pass
                    .type_of(file, *recv)
                    .is_some_and(|t| is_named(pass.world, t, "reflect", "Value"))
            {
                return true;
            }
        }
        _ => {}
    }
    // (3) A pointer converted to uintptr, with arithmetic, and back.
    is_safe_arith(pass, file, x)
}

/// Whether `x` is `uintptr(p)` for an unsafe.Pointer `p`, plus or minus offsets (or rounded
/// with `&^`).
fn is_safe_arith(pass: &Pass<'_>, file: usize, x: ExprId) -> bool {
    let ast = pass.ast(file);
    match ast.expr(unparen(ast, x)) {
        Expr::Call { fun, args, .. } => match args.as_slice() {
            [arg] => {
                has_basic_type(pass, file, *fun, BasicKind::Uintptr)
                    && has_basic_type(pass, file, *arg, BasicKind::UnsafePointer)
            }
            _ => false,
        },
        Expr::Binary {
            op: BinaryOp::Add | BinaryOp::Sub | BinaryOp::AndNot,
            x,
            y,
        } => is_safe_arith(pass, file, *x) && !is_safe_arith(pass, file, *y),
        _ => false,
    }
}

/// Whether the type of `e` (a value or a type expression) has the basic underlying type
/// `kind`.
fn has_basic_type(pass: &Pass<'_>, file: usize, e: ExprId, kind: BasicKind) -> bool {
    pass.type_of(file, e)
        .and_then(|t| pass.world.basic_kind(pass.world.under(t)))
        == Some(kind)
}

fn is_reflect_header(pass: &Pass<'_>, t: TypeId) -> bool {
    is_named(pass.world, t, "reflect", "SliceHeader")
        || is_named(pass.world, t, "reflect", "StringHeader")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unsafeptr");
    }
}
