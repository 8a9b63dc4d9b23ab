//! httpresponse: `defer resp.Body.Close()` before the error of the HTTP call that returned
//! `resp` is checked (when there is an error, `resp` is nil).

use hir::types::Type;
use syntax::ast::{Expr, ExprId, File, Name, Stmt, StmtId};

use crate::util::is_named;
use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "httpresponse",
    doc: "check for mistakes using HTTP responses\n\n\
          A response of net/http's functions and http.Client's methods is nil when the error \
          returned with it is not. Deferring a call through the response (typically \
          `defer resp.Body.Close()`) right after the call, before the error is checked, \
          dereferences nil on failure. This reports such defer statements.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let imports_http = pass
        .world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*pass.world.package(p).path == "net/http");
    if !imports_http {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let mut found: Vec<Name> = Vec::new();
        walk::preorder(ast, &mut |node, parents| {
            if let Node::Expr(call) = node
                && matches!(ast.expr(call), Expr::Call { .. })
                && is_http_call(pass, file, call)
                && let Some((resp, root)) = deferred_use(pass, file, call, parents)
            {
                found.push(root);
                found.push(resp);
            }
            true
        });
        for pair in found.chunks(2) {
            let [root, resp] = pair else {
                continue;
            };
            let message = format!("using {} before checking for errors", resp.as_str());
            pass.report(file, root.range, message);
        }
    }
}

/// For an HTTP call that is the only call in the assignment `resp, err := call` directly
/// followed by `defer resp.X.Y()`: the assigned name and the deferred call's root name.
fn deferred_use(
    pass: &Pass<'_>,
    file: usize,
    call: ExprId,
    parents: &[Node],
) -> Option<(Name, Name)> {
    let ast = pass.ast(file);
    let rest = rest_of_block(ast, call, parents)?;
    let [first, second, ..] = rest else {
        return None;
    };
    let Stmt::Assign { lhs, .. } = ast.stmt(*first) else {
        return None;
    };
    let resp = root_name(ast, *lhs.first()?)?;
    let Stmt::Defer(deferred) = ast.stmt(*second) else {
        return None;
    };
    let Expr::Call { fun, .. } = ast.expr(*deferred) else {
        return None;
    };
    let root = root_name(ast, *fun)?;
    let resp_obj = pass.object_of(file, resp)?;
    let root_obj = pass.object_of(file, root)?;
    (resp_obj == root_obj).then(|| (resp.clone(), root.clone()))
}

/// The statements of the innermost block from the one holding `call` on, if `call` is the
/// only call on the way up to that statement.
fn rest_of_block<'f>(file: &'f File, call: ExprId, parents: &[Node]) -> Option<&'f [StmtId]> {
    let mut calls = 1;
    let mut child = Node::Expr(call);
    for &parent in parents.iter().rev() {
        match parent {
            Node::Stmt(s) => {
                if let Stmt::Block { stmts, .. } = file.stmt(s) {
                    if calls > 1 {
                        return None;
                    }
                    let Node::Stmt(c) = child else {
                        return None;
                    };
                    let at = stmts.iter().position(|&x| x == c)?;
                    return Some(&stmts[at..]);
                }
            }
            Node::Expr(e) => {
                if matches!(file.expr(e), Expr::Call { .. }) {
                    calls += 1;
                }
            }
            Node::Decl(_) => return None,
        }
        child = parent;
    }
    None
}

/// `x` of `x`, `x.f`, `x.f.g`.
fn root_name(file: &File, mut e: ExprId) -> Option<&Name> {
    loop {
        match file.expr(e) {
            Expr::Selector { x, .. } => e = *x,
            Expr::Name(n) => return Some(n),
            _ => return None,
        }
    }
}

/// A call `http.F(...)` or `c.M(...)` (c an http.Client or a pointer to one) of a function
/// returning (*http.Response, error).
fn is_http_call(pass: &Pass<'_>, file: usize, call: ExprId) -> bool {
    let ast = pass.ast(file);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return false;
    };
    let Expr::Selector { x, .. } = ast.expr(*fun) else {
        return false;
    };
    let Some(sig) = pass.type_of(file, *fun) else {
        return false;
    };
    let world = pass.world;
    let Type::Signature(sig) = world.ty(world.unalias(sig)) else {
        return false;
    };
    let results = world.tuple_vars(sig.results);
    let [resp, err] = results else {
        return false;
    };
    if !crate::util::is_pointer_to(world, world.obj(*resp).ty, "net/http", "Response") {
        return false;
    }
    let err_ty = world.obj(*err).ty;
    if !is_error(pass, err_ty) {
        return false;
    }
    match pass.type_and_value(file, *x).filter(|tv| !tv.is_type) {
        None => matches!(ast.expr(*x), Expr::Name(n) if n.as_str() == "http"),
        Some(tv) => {
            is_named(world, tv.ty, "net/http", "Client")
                || crate::util::is_pointer_to(world, tv.ty, "net/http", "Client")
        }
    }
}

/// Whether `ty` is the predeclared `error`.
fn is_error(pass: &Pass<'_>, ty: hir::types::TypeId) -> bool {
    let world = pass.world;
    let Some((_, obj)) = world.lookup_parent(world.universe(), "error") else {
        return false;
    };
    world.identical(ty, world.obj(obj).ty)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "httpresponse");
    }
}
