//! defers: `defer f(time.Since(start))` measures nothing: the argument is evaluated when the
//! defer statement runs, not when the deferred call does.

use syntax::ast::{Expr, Stmt};

use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "defers",
    doc: "report common mistakes in defer statements\n\n\
          The arguments of a deferred call are evaluated when the defer statement runs. A call \
          to time.Since among them therefore measures the time up to the defer statement, \
          not up to the function's return, which is nearly never what was meant: wrap the \
          call in a function literal, `defer func() { record(time.Since(start)) }()`.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let imports_time = pass
        .world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*pass.world.package(p).path == "time");
    if !imports_time {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let mut found = Vec::new();
        for stmt in &ast.stmts {
            let Stmt::Defer(call) = stmt else {
                continue;
            };
            // The deferred call and its arguments, but not function literals' bodies: those
            // run when the deferred call does.
            walk::preorder_from(ast, Node::Expr(*call), &mut |node, _| {
                let Node::Expr(e) = node else {
                    return true;
                };
                match ast.expr(e) {
                    Expr::FuncLit { .. } => false,
                    Expr::Call { .. } => {
                        if pass
                            .callee(file, e)
                            .is_some_and(|f| crate::util::is_func(pass.world, f, "time", "Since"))
                        {
                            found.push(e);
                        }
                        true
                    }
                    _ => true,
                }
            });
        }
        for e in found {
            pass.report(
                file,
                ast.expr_range(e),
                "call to time.Since is not deferred",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "defers");
    }
}
