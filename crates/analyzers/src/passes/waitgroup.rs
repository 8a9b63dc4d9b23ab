//! waitgroup: `wg.Add` as the first statement of the goroutine it accounts for, where it races
//! with `wg.Wait`.

use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId, Stmt};

use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "waitgroup",
    doc: "check for misuses of sync.WaitGroup\n\n\
          A goroutine that starts with wg.Add(1) may not have run it yet when wg.Wait is \
          called, and Wait then returns before the goroutine is done. Add belongs before the \
          go statement; the goroutine calls only Done. This reports Add as the first statement \
          of a function literal started with go.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let imports_sync = pass
        .world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*pass.world.package(p).path == "sync");
    if !imports_sync {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let mut found = Vec::new();
        walk::preorder(ast, &mut |node, parents| {
            if let Node::Expr(call) = node
                && matches!(ast.expr(call), Expr::Call { .. })
                && starts_goroutine(ast, node, parents)
                && is_waitgroup_add(pass, file, call)
            {
                found.push(call);
            }
            true
        });
        for call in found {
            let at = lparen(pass, file, call);
            pass.report(
                file,
                TextRange::new(at, at + 1),
                "WaitGroup.Add called from inside new goroutine",
            );
        }
    }
}

/// Whether `call` is the expression statement that comes first in the body of a function
/// literal in the call of a go statement: `go func() { call; ... }()`.
fn starts_goroutine(ast: &syntax::ast::File, call: Node, parents: &[Node]) -> bool {
    let [.., go, go_call, lit, block, stmt] = parents else {
        return false;
    };
    let (Node::Stmt(go), Node::Expr(go_call), Node::Expr(lit), Node::Stmt(block), Node::Stmt(stmt)) =
        (*go, *go_call, *lit, *block, *stmt)
    else {
        return false;
    };
    matches!(ast.stmt(go), Stmt::Go(_))
        && matches!(ast.expr(go_call), Expr::Call { .. })
        && matches!(ast.expr(lit), Expr::FuncLit { .. })
        && matches!(ast.stmt(block), Stmt::Block { stmts, .. } if stmts.first() == Some(&stmt))
        && matches!(ast.stmt(stmt), Stmt::Expr(x) if Node::Expr(*x) == call)
}

fn is_waitgroup_add(pass: &Pass<'_>, file: usize, call: ExprId) -> bool {
    let Some(f) = pass.callee(file, call) else {
        return false;
    };
    let o = pass.world.obj(f);
    if &*o.name != "Add" {
        return false;
    }
    let Type::Signature(sig) = pass.world.ty(o.ty) else {
        return false;
    };
    let Some(recv) = sig.recv else {
        return false;
    };
    crate::util::named_path(pass.world, pass.world.obj(recv).ty, true)
        == Some(("sync", "WaitGroup"))
}

/// The offset of the call's opening parenthesis (go vet reports there).
fn lparen(pass: &Pass<'_>, file: usize, call: ExprId) -> u32 {
    let ast = pass.ast(file);
    let range = ast.expr_range(call);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return range.start;
    };
    let from = ast.expr_range(*fun).end;
    let text = pass.text(file, TextRange::new(from, range.end));
    text.find('(').map_or(range.start, |i| from + i as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "waitgroup");
    }
}
