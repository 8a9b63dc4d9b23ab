//! sigchanyzer: unbuffered channels passed to `signal.Notify`.

use hir::objects::{Builtin, ObjId};
use syntax::ast::{AssignOp, Decl, Expr, ExprId, Spec, Stmt};

use crate::util::format_expr;
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "sigchanyzer",
    doc: "check for unbuffered channel of os.Signal\n\n\
          signal.Notify does not block when it delivers a signal: a signal sent while nobody \
          is receiving from an unbuffered channel is lost. This reports calls of \
          signal.Notify whose channel was made without a buffer, and offers to give it one.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let world = pass.world;
    let imports_signal = world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*world.package(p).path == "os/signal");
    if !imports_signal {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Call { fun, args, .. } = expr else {
                continue;
            };
            let call = ExprId(i as u32);
            if !is_signal_notify(pass, file, *fun) {
                continue;
            }
            let Some(&arg) = args.first() else {
                continue;
            };
            let chan_decl = match ast.expr(arg) {
                Expr::Name(_) => initializer(pass, file, arg),
                // signal.Notify(make(chan os.Signal), ...) is taken to be intended; other
                // calls are suspect.
                Expr::Call { fun, .. } => {
                    let is_make = matches!(ast.expr(*fun), Expr::Name(_))
                        && pass.builtin_callee(file, arg) == Some(Builtin::Make);
                    if is_make {
                        continue;
                    }
                    Some(arg)
                }
                _ => None,
            };
            let Some(chan_decl) = chan_decl else {
                continue;
            };
            let Expr::Call { fun, args, .. } = ast.expr(chan_decl) else {
                continue;
            };
            if args.len() != 1 {
                continue;
            }
            // The call as gofmt prints it, with a buffer of one.
            let text: &str = &pass.files[file].text;
            let buffered = format!(
                "{}({}, 1)",
                format_expr(ast, text, *fun),
                format_expr(ast, text, args[0])
            );
            let fix = Fix {
                message: "Change to buffer channel".into(),
                edits: vec![Edit {
                    file,
                    range: ast.expr_range(chan_decl),
                    new_text: buffered,
                }],
            };
            pass.report_with_fixes(
                file,
                ast.expr_range(call),
                "misuse of unbuffered os.Signal channel as argument to signal.Notify",
                vec![fix],
            );
        }
    }
}

/// Whether `fun` is `signal.Notify`, directly or through a local name initialized with it.
fn is_signal_notify(pass: &Pass<'_>, file: usize, fun: ExprId) -> bool {
    let ast = pass.ast(file);
    let fun = match ast.expr(fun) {
        Expr::Name(_) => match initializer(pass, file, fun) {
            Some(init) => init,
            None => return false,
        },
        _ => fun,
    };
    let Expr::Selector { sel, .. } = ast.expr(fun) else {
        return false;
    };
    let Some(obj) = pass.object_of(file, sel) else {
        return false;
    };
    let o = pass.world.obj(obj);
    &*o.name == "Notify"
        && o.pkg
            .is_some_and(|p| &*pass.world.package(p).path == "os/signal")
}

/// The expression that initialized the variable `name` refers to, when it was declared in
/// this file by `x := e` or `var x = e` with as many values as names (go vet reads the
/// syntax only, as go/ast's object resolution did).
fn initializer(pass: &Pass<'_>, file: usize, name: ExprId) -> Option<ExprId> {
    let ast = pass.ast(file);
    let Expr::Name(n) = ast.expr(name) else {
        return None;
    };
    let obj = pass.object_of(file, n)?;
    let is_def = |e: ExprId| match ast.expr(e) {
        Expr::Name(m) => pass.def_of(file, m) == Some(obj),
        _ => false,
    };
    for stmt in &ast.stmts {
        if let Stmt::Assign {
            lhs,
            op: AssignOp::Define,
            rhs,
        } = stmt
            && lhs.len() == rhs.len()
            && let Some(i) = lhs.iter().position(|&e| is_def(e))
        {
            return Some(rhs[i]);
        }
    }
    ast.decl_data
        .iter()
        .find_map(|d| value_of(pass, file, d, obj))
}

fn value_of(pass: &Pass<'_>, file: usize, decl: &Decl, obj: ObjId) -> Option<ExprId> {
    let Decl::Gen(g) = decl else {
        return None;
    };
    g.specs.iter().find_map(|spec| match spec {
        Spec::Value { names, values, .. } if names.len() == values.len() => names
            .iter()
            .position(|n| pass.def_of(file, n) == Some(obj))
            .map(|i| values[i]),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "sigchanyzer");
    }
}
