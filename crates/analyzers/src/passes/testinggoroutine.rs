//! testinggoroutine: t.Fatal (FailNow, Skip, ...) called from a goroutine a test starts,
//! where it cannot stop the test.

use std::collections::HashMap;

use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use syntax::ast::{Decl, DeclId, Expr, ExprId, Spec, Stmt, StmtId};

use crate::util::unparen;
use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "testinggoroutine",
    doc: "report calls to (*testing.T).Fatal from goroutines started by a test\n\n\
          FailNow, and the Fatal and Skip methods that call it, stop a test by ending the \
          goroutine that runs it (runtime.Goexit). Called from another goroutine, they end \
          that goroutine instead, and the test goes on. This reports such calls in goroutines \
          started by tests and benchmarks: in a function literal, or in a function of the \
          package started with go.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// The methods of package testing that must run on the test's goroutine.
const FORBIDDEN: &[&str] = &["FailNow", "Fatal", "Fatalf", "Skip", "Skipf", "SkipNow"];

/// A node of some file of the package.
type At = (usize, Node);

/// Code that runs asynchronously: a `go` statement's function, or a subtest's.
struct Async {
    /// The code to look in for forbidden calls.
    region: At,
    /// The `go` statement, or the `t.Run` call.
    site: At,
    is_go: bool,
    /// `fun` in `go fun(...)`.
    fun: ExprId,
}

fn run(pass: &mut Pass<'_>) {
    let imports_testing = pass
        .world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*pass.world.package(p).path == "testing");
    if !imports_testing {
        return;
    }
    let decls = function_decls(pass);
    let mut asyncs: Vec<Async> = Vec::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let values = declared_values(ast);
        walk::preorder(ast, &mut |node, _| match node {
            Node::Decl(d) => match ast.decl(d) {
                Decl::Func(f) => f.sig.params.iter().any(|p| is_testing_t_or_b(ast, p.ty)),
                Decl::Gen(_) => true,
            },
            Node::Stmt(s) => {
                if let Stmt::Go(call) = ast.stmt(s) {
                    asyncs.extend(go_async(pass, file, s, *call, &decls, &values));
                }
                true
            }
            Node::Expr(e) => {
                if matches!(ast.expr(e), Expr::Call { .. }) {
                    asyncs.extend(subtest_async(pass, file, &values, e));
                }
                true
            }
        });
    }

    // Regions in the order first seen, each with the asyncs running it.
    let mut regions: Vec<At> = Vec::new();
    let mut by_region: HashMap<At, Vec<usize>> = HashMap::new();
    for (i, a) in asyncs.iter().enumerate() {
        by_region
            .entry(a.region)
            .or_insert_with(|| {
                regions.push(a.region);
                Vec::new()
            })
            .push(i);
    }
    for region in regions {
        check_region(pass, region, &asyncs, &by_region);
    }
}

/// Reports the forbidden calls of `region` (not those of regions nested in it).
fn check_region(
    pass: &mut Pass<'_>,
    region: At,
    asyncs: &[Async],
    by_region: &HashMap<At, Vec<usize>>,
) {
    let (file, root) = region;
    let ast = pass.ast(file);
    let mut calls = Vec::new();
    walk::preorder_from(ast, root, &mut |node, _| {
        if node != root && by_region.contains_key(&(file, node)) {
            return false;
        }
        if let Node::Expr(e) = node
            && let Some(forbidden) = forbidden_method(pass, file, e)
        {
            calls.push((e, forbidden));
        }
        true
    });
    let Some(mine) = by_region.get(&region) else {
        return;
    };
    for (call, forbidden) in calls {
        for &i in mine {
            let a = &asyncs[i];
            // Subtests are only checked behind go vet's experimental -subtest flag.
            if !a.is_go {
                continue;
            }
            let (site_file, site) = a.site;
            let site_ast = pass.ast(site_file);
            let fun = unparen(site_ast, a.fun);
            let (where_file, range, context) = match site_ast.expr(fun) {
                Expr::FuncLit { .. } => (file, ast.expr_range(call), String::new()),
                Expr::Name(id) => (
                    site_file,
                    site.range(site_ast),
                    format!(" ({} calls {forbidden})", id.as_str()),
                ),
                _ => (site_file, site.range(site_ast), String::new()),
            };
            let message = format!("call to {forbidden} from a non-test goroutine{context}");
            pass.report(where_file, range, message);
        }
    }
}

/// Whether a parameter type is written `*testing.T` or `*testing.B`.
fn is_testing_t_or_b(ast: &syntax::ast::File, ty: ExprId) -> bool {
    let Expr::Star(x) = ast.expr(ty) else {
        return false;
    };
    let Expr::Selector { x, sel } = ast.expr(*x) else {
        return false;
    };
    matches!(ast.expr(*x), Expr::Name(p) if p.as_str() == "testing")
        && matches!(sel.as_str(), "T" | "B")
}

/// The package's function declarations, by object.
fn function_decls(pass: &Pass<'_>) -> HashMap<ObjId, (usize, DeclId)> {
    let mut out = HashMap::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for &d in &ast.decls {
            if let Decl::Func(f) = ast.decl(d)
                && let Some(obj) = pass.def_of(file, &f.name)
            {
                out.insert(obj, (file, d));
            }
        }
    }
    out
}

fn go_async(
    pass: &Pass<'_>,
    file: usize,
    go: StmtId,
    call: ExprId,
    decls: &HashMap<ObjId, (usize, DeclId)>,
    values: &DeclaredValues,
) -> Option<Async> {
    let ast = pass.ast(file);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return None;
    };
    let fun = unparen(ast, *fun);
    let site = (file, Node::Stmt(go));
    let async_in = |region| Async {
        region,
        site,
        is_go: true,
        fun,
    };
    // A variable of this file holding a function literal.
    if let Some(lit) = func_lit_in_var(pass, file, values, fun) {
        return Some(async_in((file, Node::Expr(lit))));
    }
    // A function or method of the package.
    if let Some(f) = pass.callee(file, call)
        && let Some(&(decl_file, d)) = decls.get(&f)
    {
        return Some(async_in((decl_file, Node::Decl(d))));
    }
    Some(async_in(site))
}

fn subtest_async(
    pass: &Pass<'_>,
    file: usize,
    values: &DeclaredValues,
    call: ExprId,
) -> Option<Async> {
    let ast = pass.ast(file);
    let Expr::Call { args, .. } = ast.expr(call) else {
        return None;
    };
    let [_, f] = args[..] else {
        return None;
    };
    let run = pass.callee(file, call)?;
    if !is_testing_method(pass, run, &["Run"]) {
        return None;
    }
    let fun = unparen(ast, f);
    let region = if matches!(ast.expr(fun), Expr::FuncLit { .. }) {
        (file, Node::Expr(fun))
    } else if let Some(lit) = func_lit_in_var(pass, file, values, fun) {
        (file, Node::Expr(lit))
    } else {
        (file, Node::Expr(call))
    };
    Some(Async {
        region,
        site: (file, Node::Expr(call)),
        is_go: false,
        fun,
    })
}

/// The right-hand side a name was declared with (`f := func() {...}`, `var f = func()
/// {...}`), by the start offset of the declaring name, for the names of one file.
type DeclaredValues = HashMap<u32, Option<ExprId>>;

fn declared_values(ast: &syntax::ast::File) -> DeclaredValues {
    let mut out = HashMap::new();
    for stmt in &ast.stmts {
        if let Stmt::Assign {
            lhs,
            op: syntax::ast::AssignOp::Define,
            rhs,
        } = stmt
        {
            for (i, &l) in lhs.iter().enumerate() {
                if let Expr::Name(n) = ast.expr(l) {
                    out.entry(n.range.start).or_insert(rhs.get(i).copied());
                }
            }
        }
    }
    for decl in &ast.decl_data {
        let Decl::Gen(g) = decl else {
            continue;
        };
        for spec in &g.specs {
            if let Spec::Value { names, values, .. } = spec {
                for (i, n) in names.iter().enumerate() {
                    out.entry(n.range.start).or_insert(values.get(i).copied());
                }
            }
        }
    }
    out
}

/// The function literal a variable named by `fun` was declared with, when declared in this
/// file (as go/parser's resolution of names finds it).
fn func_lit_in_var(
    pass: &Pass<'_>,
    file: usize,
    values: &DeclaredValues,
    fun: ExprId,
) -> Option<ExprId> {
    let ast = pass.ast(file);
    let Expr::Name(id) = ast.expr(fun) else {
        return None;
    };
    let obj = pass.object_of(file, id)?;
    let o = pass.world.obj(obj);
    if !matches!(o.kind, ObjKind::Var(_)) {
        return None;
    }
    let pos_file = o.pos.file?;
    if *pass.world.file(pos_file).path != *pass.files[file].path {
        return None;
    }
    let rhs = (*values.get(&o.pos.offset)?)?;
    matches!(ast.expr(rhs), Expr::FuncLit { .. }).then_some(rhs)
}

/// For a call `x.M(...)` of a forbidden method of package testing on a variable `x`: the
/// method as go vet names it, `(*testing.T).Fatal`.
fn forbidden_method(pass: &Pass<'_>, file: usize, call: ExprId) -> Option<String> {
    let ast = pass.ast(file);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return None;
    };
    let fun = unparen(ast, *fun);
    let Expr::Selector { x, .. } = ast.expr(fun) else {
        return None;
    };
    let selection = pass.selection(file, fun)?;
    let Expr::Name(x) = ast.expr(unparen(ast, *x)) else {
        return None;
    };
    let var = pass.info.uses.get(&(file as u32, x.range.start))?;
    if !matches!(pass.world.obj(*var).kind, ObjKind::Var(_)) {
        return None;
    }
    if !is_testing_method(pass, selection.obj, FORBIDDEN) {
        return None;
    }
    let world = pass.world;
    let (ptr, recv) = match world.ty(world.unalias(selection.recv)) {
        Type::Pointer(elem) => ("*", *elem),
        _ => ("", selection.recv),
    };
    Some(format!(
        "({ptr}{}).{}",
        world.type_string_by_path(recv),
        world.obj(selection.obj).name
    ))
}

/// Whether `f` is a method (of any type) of package testing named one of `names`.
fn is_testing_method(pass: &Pass<'_>, f: ObjId, names: &[&str]) -> bool {
    let o = pass.world.obj(f);
    if !matches!(o.kind, ObjKind::Func { .. }) || !names.contains(&&*o.name) {
        return false;
    }
    if o.pkg
        .is_none_or(|p| &*pass.world.package(p).path != "testing")
    {
        return false;
    }
    matches!(pass.world.ty(o.ty), Type::Signature(sig) if sig.recv.is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "testinggoroutine");
    }
}
