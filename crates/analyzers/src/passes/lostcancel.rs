//! lostcancel: the cancel function of context.WithCancel (WithTimeout, WithDeadline and
//! their *Cause forms) discarded, or not used on some path to a return.

mod cfg;

use std::collections::HashMap;

use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Decl, DeclId, Expr, ExprId, Name, Spec, Stmt, StmtId};

use crate::walk::{self, Func, Node};
use crate::{Analyzer, Pass, Severity, Suite};

use cfg::Cfg;

pub static ANALYZER: Analyzer = Analyzer {
    name: "lostcancel",
    doc: "check cancel func returned by context.WithCancel is called\n\n\
          The cancel function returned by context.WithCancel, WithTimeout, WithDeadline and \
          their *Cause variants must be called, or the new context and its resources stay \
          alive until the parent is canceled. This reports a cancel function assigned to the \
          blank identifier, and one that some path from its definition to a return statement \
          never uses (any reference counts as a use, even inside a function literal).",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// The fact this analyzer exports about functions that never return (go vet's ctrlflow
/// `noReturn`), so that calls of them in importing packages end their paths too.
const NO_RETURN: &str = "noReturn";

fn run(pass: &mut Pass<'_>) {
    let mut flow = NoReturn::new(pass);
    flow.export_all(pass);
    if !imports_context(pass) {
        return;
    }
    for file in 0..pass.files.len() {
        for func in walk::funcs(pass.ast(file)) {
            check_func(pass, &mut flow, file, func);
        }
    }
}

fn imports_context(pass: &Pass<'_>) -> bool {
    pass.world
        .package(pass.package)
        .imports
        .iter()
        .any(|&p| &*pass.world.package(p).path == "context")
}

/// Where a cancel variable is defined: an assignment statement or a `var` spec.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Def {
    Assign(StmtId),
    Spec(DeclId, usize),
}

impl Def {
    fn node(self) -> cfg::Node {
        match self {
            Def::Assign(s) => cfg::Node::Stmt(s),
            Def::Spec(d, i) => cfg::Node::Spec(d, i),
        }
    }
}

fn check_func(pass: &mut Pass<'_>, flow: &mut NoReturn, file: usize, func: Func) {
    let cancel_vars = find_cancel_vars(pass, file, func);
    if cancel_vars.is_empty() {
        return;
    }
    let ast = pass.ast(file);
    let Some(body) = func.body(ast) else {
        return;
    };
    // Returning from main.main ends the process: nothing leaks.
    if let Func::Decl(d) = func
        && let Decl::Func(f) = ast.decl(d)
        && f.recv.is_none()
        && f.name.as_str() == "main"
        && &*pass.world.package(pass.package).name == "main"
    {
        return;
    }
    let Some(results) = result_vars(pass, file, func) else {
        return;
    };
    let graph = flow.graph(pass, file, body);
    for (v, def) in cancel_vars {
        let Some(ret) = lost_cancel_path(pass, file, &graph, v, def, &results) else {
            continue;
        };
        let name = pass.world.obj(v).name.to_string();
        let def_range = def_range(pass, file, def);
        let line = crate::util::line_of(&pass.files[file].text, def_range.start);
        pass.report(
            file,
            def_range,
            format!("the {name} function is not used on all paths (possible context leak)"),
        );
        let ret_range = match ret {
            cfg::Node::Return(offset) => TextRange::new(offset, offset),
            cfg::Node::Stmt(s) => ast.stmt_range(s),
            _ => continue,
        };
        pass.report(
            file,
            ret_range,
            format!(
                "this return statement may be reached without using the {name} var defined on line {line}"
            ),
        );
    }
}

fn def_range(pass: &Pass<'_>, file: usize, def: Def) -> TextRange {
    let ast = pass.ast(file);
    match def {
        Def::Assign(s) => ast.stmt_range(s),
        Def::Spec(d, i) => match ast.decl(d) {
            Decl::Gen(g) => match g.specs.get(i) {
                Some(Spec::Value { range, .. }) => *range,
                _ => g.range,
            },
            Decl::Func(f) => f.range,
        },
    }
}

/// The function's result variables (a naked return uses them); `None` without type
/// information.
fn result_vars(pass: &Pass<'_>, file: usize, func: Func) -> Option<Vec<ObjId>> {
    let ast = pass.ast(file);
    let ty = match func {
        Func::Decl(d) => match ast.decl(d) {
            Decl::Func(f) => pass.world.obj(pass.def_of(file, &f.name)?).ty,
            Decl::Gen(_) => return None,
        },
        Func::Lit(e) => pass.type_of(file, e)?,
    };
    let Type::Signature(sig) = pass.world.ty(ty) else {
        return None;
    };
    Some(pass.world.tuple_vars(sig.results).to_vec())
}

/// The cancel variables defined in `func` (not in functions nested in it) by
/// `ctx, cancel := context.WithCancel(...)`, `=` or `var`; reports those discarded.
fn find_cancel_vars(pass: &mut Pass<'_>, file: usize, func: Func) -> Vec<(ObjId, Def)> {
    let ast = pass.ast(file);
    let root = match func {
        Func::Decl(d) => Node::Decl(d),
        Func::Lit(e) => Node::Expr(e),
    };
    // (the WithX selector's name, the defining node, the cancel name)
    let mut found: Vec<(String, Def, Name)> = Vec::new();
    walk::preorder_from(ast, root, &mut |node, parents| {
        let Node::Expr(e) = node else {
            return true;
        };
        if matches!(ast.expr(e), Expr::FuncLit { .. }) && node != root {
            return false;
        }
        let Some(with) = context_with_cancel(pass, file, e) else {
            return true;
        };
        // The selector is the function of a call that is the value of a definition.
        let n = parents.len();
        let (Some(&Node::Expr(call)), Some(&stmt)) = (
            parents.get(n.wrapping_sub(1)),
            parents.get(n.wrapping_sub(2)),
        ) else {
            return true;
        };
        if !matches!(ast.expr(call), Expr::Call { fun, .. } if *fun == e) {
            return true;
        }
        let def = match stmt {
            Node::Stmt(s) => match ast.stmt(s) {
                Stmt::Assign { lhs, .. } if lhs.len() > 1 => match ast.expr(lhs[1]) {
                    Expr::Name(id) => Some((Def::Assign(s), id.clone())),
                    _ => None,
                },
                _ => None,
            },
            Node::Decl(d) => match ast.decl(d) {
                Decl::Gen(g) => g.specs.iter().enumerate().find_map(|(i, spec)| match spec {
                    Spec::Value { names, values, .. }
                        if values.contains(&call) && names.len() > 1 =>
                    {
                        Some((Def::Spec(d, i), names[1].clone()))
                    }
                    _ => None,
                }),
                Decl::Func(_) => None,
            },
            Node::Expr(_) => None,
        };
        if let Some((def, id)) = def {
            found.push((with, def, id));
        }
        true
    });

    let func_scope = function_scope(pass, file, func);
    let mut vars = Vec::new();
    for (with, def, id) in found {
        if id.is_blank() {
            pass.report(
                file,
                id.range,
                format!(
                    "the cancel function returned by context.{with} should be called, not discarded, to avoid a context leak"
                ),
            );
            continue;
        }
        let key = (file as u32, id.range.start);
        if let Some(&v) = pass.info.uses.get(&key) {
            // A variable declared outside the function may be used elsewhere: assume so.
            if is_var(pass, v) && declared_within(pass, v, func_scope) {
                vars.push((v, def));
            }
        } else if let Some(&v) = pass.info.defs.get(&key)
            && is_var(pass, v)
        {
            vars.push((v, def));
        }
    }
    vars
}

fn is_var(pass: &Pass<'_>, v: ObjId) -> bool {
    matches!(pass.world.obj(v).kind, ObjKind::Var(_))
}

fn function_scope(pass: &Pass<'_>, file: usize, func: Func) -> Option<hir::world::ScopeId> {
    let ast = pass.ast(file);
    let range = match func {
        Func::Decl(d) => match ast.decl(d) {
            Decl::Func(f) => f.range,
            Decl::Gen(g) => g.range,
        },
        Func::Lit(e) => ast.expr_range(e),
    };
    pass.info.node_scope(file as u32, range)
}

/// Whether `v` is declared in `scope` or a scope nested in it.
fn declared_within(pass: &Pass<'_>, v: ObjId, scope: Option<hir::world::ScopeId>) -> bool {
    let Some(scope) = scope else {
        return false;
    };
    let mut s = pass.world.obj(v).parent;
    for _ in 0..10_000 {
        match s {
            Some(id) if id == scope => return true,
            Some(id) => s = pass.world.scope(id).parent,
            None => return false,
        }
    }
    false
}

/// The name of `context.WithCancel` (and the other five) if `e` is that qualified name.
fn context_with_cancel(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<String> {
    let ast = pass.ast(file);
    let Expr::Selector { x, sel } = ast.expr(e) else {
        return None;
    };
    if !matches!(
        sel.as_str(),
        "WithCancel"
            | "WithCancelCause"
            | "WithTimeout"
            | "WithTimeoutCause"
            | "WithDeadline"
            | "WithDeadlineCause"
    ) {
        return None;
    }
    let Expr::Name(x) = ast.expr(*x) else {
        return None;
    };
    let is_context = match pass.object_of(file, x) {
        Some(obj) => match pass.world.obj(obj).kind {
            ObjKind::PkgName { imported } => &*pass.world.package(imported).path == "context",
            _ => false,
        },
        // The import failed: go by the name.
        None => x.as_str() == "context",
    };
    is_context.then(|| sel.as_str().to_string())
}

/// A path from `def` to a return on which `v` is never used: the return it reaches.
fn lost_cancel_path(
    pass: &Pass<'_>,
    file: usize,
    graph: &Cfg,
    v: ObjId,
    def: Def,
    results: &[ObjId],
) -> Option<cfg::Node> {
    let named_result = results.contains(&v);
    let uses = |nodes: &[cfg::Node]| {
        nodes
            .iter()
            .any(|&n| node_uses(pass, file, n, v, named_result))
    };

    let target = def.node();
    let (def_block, rest) = graph.blocks.iter().enumerate().find_map(|(i, b)| {
        let at = b.nodes.iter().position(|&n| n == target)?;
        Some((i, &b.nodes[at + 1..]))
    })?;
    if uses(rest) {
        return None;
    }
    let ast = pass.ast(file);
    if let Some(ret) = graph.blocks[def_block].ret(ast) {
        return Some(ret);
    }
    // Depth-first, in go vet's order, over blocks not using v.
    let mut seen = vec![false; graph.blocks.len()];
    let mut memo: HashMap<usize, bool> = HashMap::new();
    let mut stack: Vec<(usize, usize)> = vec![(def_block, 0)];
    while let Some(top) = stack.last_mut() {
        let (block, next) = *top;
        let Some(&succ) = graph.blocks[block].succs.get(next) else {
            stack.pop();
            continue;
        };
        top.1 += 1;
        if seen[succ] {
            continue;
        }
        seen[succ] = true;
        let used = *memo
            .entry(succ)
            .or_insert_with(|| uses(&graph.blocks[succ].nodes));
        if used {
            continue;
        }
        if let Some(ret) = graph.blocks[succ].ret(ast) {
            return Some(ret);
        }
        stack.push((succ, 0));
    }
    None
}

/// Whether `node` refers to `v` (anywhere inside it, function literals included), or is a
/// naked return of a function whose named result `v` is.
fn node_uses(pass: &Pass<'_>, file: usize, node: cfg::Node, v: ObjId, named_result: bool) -> bool {
    let ast = pass.ast(file);
    let roots: Vec<Node> = match node {
        cfg::Node::Stmt(s) => vec![Node::Stmt(s)],
        cfg::Node::Expr(e) => vec![Node::Expr(e)],
        cfg::Node::Spec(d, i) => match ast.decl(d) {
            Decl::Gen(g) => match g.specs.get(i) {
                Some(Spec::Value { ty, values, .. }) => {
                    ty.iter().chain(values).map(|&e| Node::Expr(e)).collect()
                }
                _ => Vec::new(),
            },
            Decl::Func(_) => Vec::new(),
        },
        cfg::Node::Return(_) => return named_result,
    };
    let mut found = false;
    for root in roots {
        walk::preorder_from(ast, root, &mut |n, _| {
            if found {
                return false;
            }
            match n {
                Node::Expr(e) => {
                    if let Expr::Name(name) = ast.expr(e)
                        && pass.info.uses.get(&(file as u32, name.range.start)) == Some(&v)
                    {
                        found = true;
                    }
                }
                Node::Stmt(s) => {
                    if let Stmt::Return(results) = ast.stmt(s)
                        && results.is_empty()
                        && named_result
                    {
                        found = true;
                    }
                }
                Node::Decl(_) => {}
            }
            !found
        });
    }
    found
}

/// Which functions never return (go vet's ctrlflow): `panic`, known ones of the standard
/// library and common loggers, functions of this package whose graph has no reachable return,
/// and those of imported packages with the fact.
struct NoReturn {
    /// This package's function declarations, by object.
    decls: HashMap<ObjId, (usize, DeclId)>,
    /// By full name too: a method of a generic type is called through its instance's object.
    by_name: HashMap<String, ObjId>,
    /// Computed so far: `Some(no_return)`; `None` while being computed (a cycle: may return).
    state: HashMap<ObjId, Option<bool>>,
    depth: usize,
}

impl NoReturn {
    fn new(pass: &Pass<'_>) -> NoReturn {
        let mut decls = HashMap::new();
        let mut by_name = HashMap::new();
        for file in 0..pass.files.len() {
            let ast = pass.ast(file);
            for &d in &ast.decls {
                let Decl::Func(f) = ast.decl(d) else {
                    continue;
                };
                let Some(obj) = pass.def_of(file, &f.name) else {
                    continue;
                };
                decls.insert(obj, (file, d));
                if let Some(name) = pass.full_name(obj) {
                    by_name.insert(name, obj);
                }
            }
        }
        NoReturn {
            decls,
            by_name,
            state: HashMap::new(),
            depth: 0,
        }
    }

    /// Exports the fact for every function of the package that never returns.
    fn export_all(&mut self, pass: &mut Pass<'_>) {
        let mut objs: Vec<ObjId> = self.decls.keys().copied().collect();
        objs.sort();
        for obj in objs {
            if self.decl_no_return(pass, obj)
                && let Some(name) = pass.full_name(obj)
            {
                pass.export_fact(name, NO_RETURN);
            }
        }
    }

    fn graph(&mut self, pass: &Pass<'_>, file: usize, body: StmtId) -> Cfg {
        let ast = pass.ast(file);
        cfg::build(ast, body, &mut |call| {
            self.call_may_return(pass, file, call)
        })
    }

    fn call_may_return(&mut self, pass: &Pass<'_>, file: usize, call: ExprId) -> bool {
        let ast = pass.ast(file);
        let Expr::Call { fun, .. } = ast.expr(call) else {
            return true;
        };
        // `panic(...)`, named directly.
        if let Expr::Name(n) = ast.expr(*fun)
            && let Some(obj) = pass.object_of(file, n)
            && matches!(
                pass.world.obj(obj).kind,
                ObjKind::Builtin(hir::objects::Builtin::Panic)
            )
        {
            return false;
        }
        let Some(callee) = pass.callee(file, call) else {
            return true;
        };
        // Interface methods are not static callees.
        if is_interface_method(pass, callee) {
            return true;
        }
        let name = pass.full_name(callee);
        let local = if self.decls.contains_key(&callee) {
            Some(callee)
        } else {
            name.as_ref().and_then(|n| self.by_name.get(n).copied())
        };
        if let Some(obj) = local {
            return !self.decl_no_return(pass, obj);
        }
        let Some(name) = name else {
            return true;
        };
        !(known_no_return(&name) || pass.fact(&name) == Some(NO_RETURN))
    }

    fn decl_no_return(&mut self, pass: &Pass<'_>, obj: ObjId) -> bool {
        match self.state.get(&obj) {
            Some(Some(known)) => return *known,
            Some(None) => return false,
            None => {}
        }
        if let Some(name) = pass.full_name(obj)
            && known_no_return(&name)
        {
            self.state.insert(obj, Some(true));
            return true;
        }
        let Some(&(file, d)) = self.decls.get(&obj) else {
            return false;
        };
        let Decl::Func(f) = pass.ast(file).decl(d) else {
            return false;
        };
        let Some(body) = f.body else {
            self.state.insert(obj, Some(false));
            return false;
        };
        // Deep chains of calls are cut short (as "may return") rather than overflow.
        if self.depth > 200 {
            return false;
        }
        self.state.insert(obj, None);
        self.depth += 1;
        let graph = self.graph(pass, file, body);
        self.depth -= 1;
        self.state.insert(obj, Some(graph.no_return));
        graph.no_return
    }
}

fn is_interface_method(pass: &Pass<'_>, f: ObjId) -> bool {
    let Type::Signature(sig) = pass.world.ty(pass.world.obj(f).ty) else {
        return false;
    };
    sig.recv
        .is_some_and(|r| pass.world.is_interface(pass.world.obj(r).ty))
}

/// Functions known never to return, by full name: those go vet's ctrlflow knows without
/// looking at a body, and those of the standard library it finds by analyzing it (which we
/// do not analyze).
fn known_no_return(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "syscall.Exit",
        "syscall.ExitProcess",
        "syscall.ExitThread",
        "runtime.Goexit",
        "runtime.fatalthrow",
        "runtime.fatalpanic",
        "runtime.exit",
        "os.Exit",
        "log.Fatal",
        "log.Fatalf",
        "log.Fatalln",
        "log.Panic",
        "log.Panicf",
        "log.Panicln",
        "(*log.Logger).Fatal",
        "(*log.Logger).Fatalf",
        "(*log.Logger).Fatalln",
        "(*log.Logger).Panic",
        "(*log.Logger).Panicf",
        "(*log.Logger).Panicln",
        "(*testing.common).FailNow",
        "(*testing.common).Fatal",
        "(*testing.common).Fatalf",
        "(*testing.common).SkipNow",
        "(*testing.common).Skip",
        "(*testing.common).Skipf",
        "(*go.uber.org/zap.Logger).Fatal",
        "(*go.uber.org/zap.Logger).Panic",
        "(*go.uber.org/zap.SugaredLogger).Fatal",
        "(*go.uber.org/zap.SugaredLogger).Fatalw",
        "(*go.uber.org/zap.SugaredLogger).Fatalf",
        "(*go.uber.org/zap.SugaredLogger).Panic",
        "(*go.uber.org/zap.SugaredLogger).Panicw",
        "(*go.uber.org/zap.SugaredLogger).Panicf",
        "(*github.com/sirupsen/logrus.Logger).Exit",
        "(*github.com/sirupsen/logrus.Logger).Panic",
        "(*github.com/sirupsen/logrus.Logger).Panicf",
        "(*github.com/sirupsen/logrus.Logger).Panicln",
        "(*github.com/sirupsen/logrus.Entry).Panicf",
        "(*github.com/sirupsen/logrus.Entry).Panicln",
    ];
    if EXACT.contains(&name) {
        return true;
    }
    for pkg in ["k8s.io/klog.", "k8s.io/klog/v2."] {
        if let Some(f) = name.strip_prefix(pkg)
            && matches!(
                f,
                "Exit"
                    | "ExitDepth"
                    | "Exitf"
                    | "Exitln"
                    | "Fatal"
                    | "FatalDepth"
                    | "Fatalf"
                    | "Fatalln"
            )
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "lostcancel");
    }
}
