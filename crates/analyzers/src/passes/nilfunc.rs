//! nilfunc: comparisons of functions with nil, which are always false (or true).

use hir::objects::ObjKind;
use syntax::ast::{BinaryOp, Expr};

use crate::util::unparen;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "nilfunc",
    doc: "check for useless comparisons between functions and nil\n\n\
          A useless comparison is one like f == nil as opposed to f() == nil.",
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
            let Expr::Binary { op, x, y } = expr else {
                continue;
            };
            if !matches!(op, BinaryOp::Eql | BinaryOp::Neq) {
                continue;
            }
            let is_nil = |e| {
                pass.type_of(file, e)
                    .is_some_and(|t| t == hir::types::ids::UNTYPED_NIL)
            };
            let other = if is_nil(*x) {
                *y
            } else if is_nil(*y) {
                *x
            } else {
                continue;
            };
            // A declared function (not a variable of function type), named directly, through
            // a package, as a method value, or instantiated.
            let other = unparen(ast, other);
            let name = match ast.expr(other) {
                Expr::Name(n) => n,
                Expr::Selector { sel, .. } => sel,
                Expr::Index { x, .. } => match ast.expr(unparen(ast, *x)) {
                    Expr::Name(n) => n,
                    _ => continue,
                },
                _ => continue,
            };
            let Some(obj) = pass.object_of(file, name) else {
                continue;
            };
            if !matches!(pass.world.obj(obj).kind, ObjKind::Func { .. }) {
                continue;
            }
            let id = syntax::ast::ExprId(i as u32);
            let message = format!(
                "comparison of function {} {} nil is always {}",
                pass.world.obj(obj).name,
                op.as_str(),
                *op == BinaryOp::Neq
            );
            pass.report(file, ast.expr_range(id), message);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "nilfunc");
    }
}
