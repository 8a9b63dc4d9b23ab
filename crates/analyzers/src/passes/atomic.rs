//! atomic: `x = atomic.AddInt64(&x, 1)`, which makes the update of x non-atomic.

use syntax::ast::{AssignOp, Expr, ExprId, Stmt, UnaryOp};

use crate::util::{format_expr, is_func};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "atomic",
    doc: "check for common mistakes using the sync/atomic package\n\n\
          The atomic checker looks for assignment statements of the form \
          x = atomic.AddUint64(&x, 1): the addition is atomic, but the assignment of its \
          result to x is an ordinary write that races with other updates.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

const ADDS: [&str; 5] = [
    "AddInt32",
    "AddInt64",
    "AddUint32",
    "AddUint64",
    "AddUintptr",
];

fn run(pass: &mut Pass<'_>) {
    let world = pass.world;
    let imports_atomic = world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*world.package(p).path == "sync/atomic");
    if !imports_atomic {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for stmt in &ast.stmts {
            let Stmt::Assign { lhs, op, rhs } = stmt else {
                continue;
            };
            if lhs.len() != rhs.len() || (lhs.len() == 1 && *op == AssignOp::Define) {
                continue;
            }
            for (&left, &right) in lhs.iter().zip(rhs) {
                let Expr::Call { args, .. } = ast.expr(right) else {
                    continue;
                };
                let Some(callee) = pass.callee(file, right) else {
                    continue;
                };
                if ADDS
                    .iter()
                    .any(|name| is_func(world, callee, "sync/atomic", name))
                {
                    check_add(pass, file, left, args);
                }
            }
        }
    }
}

/// Reports `left = atomic.AddT(&left, n)` and `*p = atomic.AddT(p, n)`.
fn check_add(pass: &mut Pass<'_>, file: usize, left: ExprId, args: &[ExprId]) {
    let &[addr, _] = args else {
        return;
    };
    let ast = pass.ast(file);
    let text = &pass.files[file].text;
    let format = |e| format_expr(ast, text, e);
    let broken = match (ast.expr(addr), ast.expr(left)) {
        (
            Expr::Unary {
                op: UnaryOp::Addr,
                x,
            },
            _,
        ) => format(left) == format(*x),
        (_, Expr::Star(pointer)) => format(*pointer) == format(addr),
        _ => false,
    };
    if broken {
        pass.report(
            file,
            ast.expr_range(left),
            "direct assignment to atomic value",
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "atomic");
    }
}
