//! loopclosure: before go1.22, loop variables captured by function literals that run after
//! the iteration (go, defer, errgroup's Go, parallel subtests).

use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use syntax::ast::{Expr, ExprId, File, Stmt, StmtId};

use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "loopclosure",
    doc: "check references to loop variables from within nested functions\n\n\
          Before Go 1.22 a loop variable is one variable for the whole loop, updated by each \
          iteration. A function literal started with go or defer as the last statement of \
          the loop body (or passed to errgroup.Group.Go there, or run as a parallel subtest) \
          usually runs after the iteration, and so sees a later value than the one meant. \
          From Go 1.22 each iteration has its own variables, and nothing is reported.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        if crate::util::file_go_version(pass, file) >= (1, 22) {
            continue;
        }
        let ast = pass.ast(file);
        let mut loops = Vec::new();
        walk::preorder(ast, &mut |node, _| {
            if let Node::Stmt(s) = node
                && matches!(ast.stmt(s), Stmt::For { .. } | Stmt::Range { .. })
            {
                loops.push(s);
            }
            true
        });
        for s in loops {
            check_loop(pass, file, s);
        }
    }
}

fn check_loop(pass: &mut Pass<'_>, file: usize, s: StmtId) {
    let ast = pass.ast(file);
    let mut vars = Vec::new();
    let mut add = |pass: &Pass<'_>, e: ExprId| {
        if let Expr::Name(name) = ast.expr(e)
            && let Some(obj) = pass.object_of(file, name)
        {
            vars.push(obj);
        }
    };
    let body = match ast.stmt(s) {
        Stmt::Range {
            key, value, body, ..
        } => {
            for &e in key.iter().chain(value) {
                add(pass, e);
            }
            *body
        }
        Stmt::For { post, body, .. } => {
            match post.map(|p| ast.stmt(p)) {
                Some(Stmt::Assign { lhs, .. }) => {
                    for &e in lhs {
                        add(pass, e);
                    }
                }
                Some(Stmt::IncDec { x, .. }) => add(pass, *x),
                _ => {}
            }
            *body
        }
        _ => return,
    };
    if vars.is_empty() {
        return;
    }
    let list = block_list(ast, body);

    // Function literals run by the last statement(s) of the body.
    let mut lasts = Vec::new();
    for_each_last(ast, list, &mut |last| lasts.push(last));
    for last in lasts {
        let fun = match ast.stmt(last) {
            Stmt::Go(call) | Stmt::Defer(call) => match ast.expr(*call) {
                Expr::Call { fun, .. } => Some(*fun),
                _ => None,
            },
            Stmt::Expr(call) => errgroup_go_arg(pass, file, *call),
            _ => None,
        };
        for stmt in fun.map_or(&[][..], |f| lit_stmts(ast, f)) {
            report_captured(pass, file, &vars, *stmt);
        }
    }

    // Parallel subtests anywhere in the body.
    for &stmt in list {
        if let Stmt::Expr(call) = ast.stmt(stmt) {
            for s in parallel_subtest(pass, file, *call) {
                report_captured(pass, file, &vars, s);
            }
        }
    }
}

fn block_list(ast: &File, s: StmtId) -> &[StmtId] {
    match ast.stmt(s) {
        Stmt::Block { stmts, .. } => stmts,
        _ => &[],
    }
}

/// Calls `f` with the last statement of `list`, looking into the last statement's branches
/// when it is an if, loop, switch or select.
fn for_each_last(ast: &File, list: &[StmtId], f: &mut dyn FnMut(StmtId)) {
    let Some(&last) = list.last() else {
        return;
    };
    match ast.stmt(last) {
        Stmt::If { .. } => {
            let mut s = last;
            // Walk the else-if chain iteratively.
            while let Stmt::If { then, els, .. } = ast.stmt(s) {
                for_each_last(ast, block_list(ast, *then), f);
                match els.map(|e| (e, ast.stmt(e))) {
                    Some((_, Stmt::Block { stmts, .. })) => {
                        for_each_last(ast, stmts, f);
                        break;
                    }
                    Some((e, Stmt::If { .. })) => s = e,
                    _ => break,
                }
            }
        }
        Stmt::For { body, .. } | Stmt::Range { body, .. } => {
            for_each_last(ast, block_list(ast, *body), f);
        }
        Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
            for clause in clauses {
                for_each_last(ast, &clause.body, f);
            }
        }
        Stmt::Select { clauses } => {
            for clause in clauses {
                for_each_last(ast, &clause.body, f);
            }
        }
        _ => f(last),
    }
}

/// The statements of `fun` if it is a function literal.
fn lit_stmts(ast: &File, fun: ExprId) -> &[StmtId] {
    match ast.expr(fun) {
        Expr::FuncLit { body, .. } => block_list(ast, *body),
        _ => &[],
    }
}

/// Reports every use of a loop variable inside `stmt`.
fn report_captured(pass: &mut Pass<'_>, file: usize, vars: &[ObjId], stmt: StmtId) {
    let ast = pass.ast(file);
    let mut found = Vec::new();
    walk::preorder_from(ast, Node::Stmt(stmt), &mut |node, _| {
        if let Node::Expr(e) = node
            && let Expr::Name(name) = ast.expr(e)
            && let Some(obj) = pass.info.uses.get(&(file as u32, name.range.start))
            && vars.contains(obj)
        {
            found.push(name.clone());
        }
        true
    });
    for name in found {
        let message = format!("loop variable {} captured by func literal", name.as_str());
        pass.report(file, name.range, message);
    }
}

/// The function passed to `(*errgroup.Group).Go`.
fn errgroup_go_arg(pass: &Pass<'_>, file: usize, call: ExprId) -> Option<ExprId> {
    let Expr::Call { args, .. } = pass.ast(file).expr(call) else {
        return None;
    };
    if !is_method_call(
        pass,
        file,
        call,
        "golang.org/x/sync/errgroup",
        "Group",
        "Go",
    ) {
        return None;
    }
    args.first().copied()
}

/// The statements of a `t.Run(name, func(t *testing.T) {...})` subtest that follow its
/// `t.Parallel()` call (from the last label on: a labeled statement may be jumped to).
fn parallel_subtest(pass: &Pass<'_>, file: usize, call: ExprId) -> Vec<StmtId> {
    let ast = pass.ast(file);
    if !is_method_call(pass, file, call, "testing", "T", "Run") {
        return Vec::new();
    }
    let Expr::Call { args, .. } = ast.expr(call) else {
        return Vec::new();
    };
    let [_, lit] = args[..] else {
        return Vec::new();
    };
    let Expr::FuncLit { sig, body } = ast.expr(lit) else {
        return Vec::new();
    };
    let Some(t_name) = sig.params.first().and_then(|p| p.names.first()) else {
        return Vec::new();
    };
    let Some(t_obj) = pass.def_of(file, t_name) else {
        return Vec::new();
    };
    let mut stmts = Vec::new();
    let mut after_parallel = false;
    for &stmt in block_list(ast, *body) {
        let (stmt, labeled) = unlabel(ast, stmt);
        if labeled {
            stmts.clear();
            after_parallel = false;
        }
        if after_parallel {
            stmts.push(stmt);
            continue;
        }
        let Stmt::Expr(c) = ast.stmt(stmt) else {
            continue;
        };
        if !is_method_call(pass, file, *c, "testing", "T", "Parallel") {
            continue;
        }
        let Expr::Call { fun, .. } = ast.expr(*c) else {
            continue;
        };
        if let Expr::Selector { x, .. } = ast.expr(*fun)
            && let Expr::Name(id) = ast.expr(*x)
            && pass.info.uses.get(&(file as u32, id.range.start)) == Some(&t_obj)
        {
            after_parallel = true;
        }
    }
    stmts
}

fn unlabel(ast: &File, mut stmt: StmtId) -> (StmtId, bool) {
    let mut labeled = false;
    while let Stmt::Labeled { stmt: inner, .. } = ast.stmt(stmt) {
        labeled = true;
        stmt = *inner;
    }
    (stmt, labeled)
}

/// Whether `call` calls method `method` of `path.type_name` (or of a pointer to it).
fn is_method_call(
    pass: &Pass<'_>,
    file: usize,
    call: ExprId,
    path: &str,
    type_name: &str,
    method: &str,
) -> bool {
    let Some(f) = pass.callee(file, call) else {
        return false;
    };
    let o = pass.world.obj(f);
    if &*o.name != method || !matches!(o.kind, ObjKind::Func { .. }) {
        return false;
    }
    let Type::Signature(sig) = pass.world.ty(o.ty) else {
        return false;
    };
    let Some(recv) = sig.recv else {
        return false;
    };
    let recv_ty = pass.world.obj(recv).ty;
    crate::util::named_path(pass.world, recv_ty, true)
        .is_some_and(|(p, n)| p == path && n == type_name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "loopclosure");
    }
}
