//! printf: consistency of Printf format strings and arguments, for fmt, log and testing and
//! for every function found to forward to them (a "wrapper", shared with importers as a fact).

use std::collections::{HashMap, HashSet};

use hir::World;
use hir::objects::{ObjId, ObjKind, Pos};
use hir::types::{BasicKind, Type, TypeId, ids};
use syntax::TextRange;
use syntax::ast::{Decl, Expr, ExprId, LitKind, Spec, Stmt, StmtId, UnaryOp};

use crate::util::{file_go_version, is_named, unparen};
use crate::walk::{self, Node};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "printf",
    doc: "check consistency of Printf format strings and arguments\n\n\
          Calls of the formatting functions (fmt.Printf, fmt.Sprintf, log.Printf, t.Errorf, \
          ...) are checked for syntax errors in the format string and for verbs that do not \
          match their arguments in number or type; calls of Print-like functions for what \
          looks like a format directive. Functions that forward their format and arguments to \
          one of these are found and checked the same way, across packages. From go1.24 on, \
          a Printf-like call whose only argument is a non-constant format string is reported \
          too, with a fix that prints it with \"%s\".",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// How a function formats: like fmt.Print, fmt.Printf, or fmt.Errorf (which alone takes %w).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    None,
    Print,
    Printf,
    Errorf,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::None => "(none)",
            Kind::Print => "print",
            Kind::Printf => "printf",
            Kind::Errorf => "errorf",
        }
    }

    fn parse(s: &str) -> Kind {
        match s {
            "print" => Kind::Print,
            "printf" => Kind::Printf,
            "errorf" => Kind::Errorf,
            _ => Kind::None,
        }
    }
}

/// go vet's hard-coded print functions (by full name); a name ending in `f` formats.
const KNOWN: &[&str] = &[
    "fmt.Appendf",
    "fmt.Append",
    "fmt.Appendln",
    "fmt.Errorf",
    "fmt.Fprint",
    "fmt.Fprintf",
    "fmt.Fprintln",
    "fmt.Print",
    "fmt.Printf",
    "fmt.Println",
    "fmt.Sprint",
    "fmt.Sprintf",
    "fmt.Sprintln",
    "runtime/trace.Logf",
    "log.Print",
    "log.Printf",
    "log.Println",
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
    "(*log.Logger).Print",
    "(*log.Logger).Printf",
    "(*log.Logger).Println",
    "(*testing.common).Error",
    "(*testing.common).Errorf",
    "(*testing.common).Fatal",
    "(*testing.common).Fatalf",
    "(*testing.common).Log",
    "(*testing.common).Logf",
    "(*testing.common).Skip",
    "(*testing.common).Skipf",
    "(testing.TB).Error",
    "(testing.TB).Errorf",
    "(testing.TB).Fatal",
    "(testing.TB).Fatalf",
    "(testing.TB).Log",
    "(testing.TB).Logf",
    "(testing.TB).Skip",
    "(testing.TB).Skipf",
];

fn run(pass: &mut Pass<'_>) {
    let mut state = State::default();
    find_wrappers(pass, &mut state);
    check_calls(pass, &mut state);
}

// ---- finding wrappers ----

/// A function (declared, or a literal assigned to a variable) or interface method whose last
/// parameter is `...any`: a wrapper if its body forwards that (and its format) to a print
/// function; for an interface method, if a type of this package assigned to the interface
/// has a wrapper for that method.
struct Wrapper {
    /// The function or method, or the variable the literal is assigned to.
    obj: ObjId,
    file: usize,
    /// `None` for an interface method.
    body: Option<StmtId>,
    /// The `format string` parameter before the arguments, if any.
    format: Option<ObjId>,
    args: ObjId,
    /// Calls from other candidates that forward to this one: (caller, file and call);
    /// no call for an interface method and its implementations.
    callers: Vec<(usize, Option<(usize, ExprId)>)>,
}

#[derive(Default)]
struct State {
    wrappers: Vec<Wrapper>,
    by_obj: HashMap<ObjId, usize>,
    /// What is known of each callee so far.
    kinds: HashMap<ObjId, Kind>,
    /// Method declarations of the package, for the recursive String/Error check.
    methods: Vec<MethodDecl>,
}

struct MethodDecl {
    file: usize,
    range: TextRange,
    /// Where the method's name is declared (instances of generic methods share it).
    pos: Pos,
    recv: Option<ObjId>,
}

/// The `format` and `args ...any` parameters of a possible wrapper's signature.
fn format_args_params(world: &World, sig: TypeId) -> Option<(Option<ObjId>, ObjId)> {
    let Type::Signature(sig) = world.ty(sig) else {
        return None;
    };
    if !sig.variadic {
        return None;
    }
    let params = world.tuple_vars(sig.params);
    let args = *params.last()?;
    let Type::Slice(elem) = world.ty(world.obj(args).ty) else {
        return None;
    };
    if !is_empty_interface(world, *elem) {
        return None;
    }
    let format = params
        .len()
        .checked_sub(2)
        .map(|i| params[i])
        .filter(|&p| world.obj(p).ty == ids::STRING);
    Some((format, args))
}

/// `interface{}` or `any`, not a named empty interface.
fn is_empty_interface(world: &World, ty: TypeId) -> bool {
    let ty = world.unalias(ty);
    matches!(world.ty(ty), Type::Interface(_))
        && world.interface_methods(ty).is_empty()
        && world.type_set(ty).all
}

fn find_wrappers(pass: &mut Pass<'_>, state: &mut State) {
    let world = pass.world;
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let mut found: Vec<(ObjId, TypeId, Option<StmtId>)> = Vec::new();
        walk::preorder(ast, &mut |node, parents| {
            match node {
                Node::Decl(d) => {
                    if let Decl::Func(f) = ast.decl(d)
                        && let Some(obj) = pass.def_of(file, &f.name)
                    {
                        if f.recv.is_some() {
                            state.methods.push(MethodDecl {
                                file,
                                range: f.range,
                                pos: world.obj(obj).pos,
                                recv: f
                                    .recv
                                    .as_ref()
                                    .and_then(|r| r.names.first())
                                    .and_then(|n| pass.def_of(file, n)),
                            });
                        }
                        if let Some(body) = f.body {
                            found.push((obj, world.obj(obj).ty, Some(body)));
                        }
                    }
                }
                Node::Expr(e) => {
                    if let Expr::FuncLit { body, .. } = ast.expr(e)
                        && let Some(var) = assigned_var(pass, file, e, parents.last().copied())
                        && let Some(ty) = pass.type_of(file, e)
                    {
                        found.push((var, ty, Some(*body)));
                    }
                    // go vet treats interface methods as wrappers from go1.26 on.
                    if matches!(ast.expr(e), Expr::InterfaceType { .. })
                        && file_go_version(pass, file) >= (1, 26)
                        && let Some(ty) = pass.type_of(file, e)
                    {
                        for m in world.interface_methods(ty) {
                            found.push((m, world.obj(m).ty, None));
                        }
                    }
                }
                Node::Stmt(_) => {}
            }
            true
        });
        for (obj, sig, body) in found {
            let Some((format, args)) = format_args_params(world, sig) else {
                continue;
            };
            state.by_obj.insert(obj, state.wrappers.len());
            state.wrappers.push(Wrapper {
                obj,
                file,
                body,
                format,
                args,
                callers: Vec::new(),
            });
        }
    }

    let impls = method_implementations(pass);

    // Each candidate's body: calls that forward its arguments, up to the first statement
    // that changes (or takes the address of) the format or the arguments.
    for w in 0..state.wrappers.len() {
        let (file, body, format, args) = {
            let w = &state.wrappers[w];
            (w.file, w.body, w.format, w.args)
        };
        // An interface method calls, as it were, each method implementing it.
        let Some(body) = body else {
            let obj = state.wrappers[w].obj;
            for &implementation in impls.get(&obj).into_iter().flatten() {
                do_call(pass, state, w, implementation, None);
            }
            continue;
        };
        let ast = pass.ast(file);
        let is_param = |e: ExprId, param: Option<ObjId>| {
            param.is_some()
                && matches!(ast.expr(e), Expr::Name(n) if pass.object_of(file, n) == param)
        };
        let mut calls = Vec::new();
        let mut stopped = false;
        walk::preorder_from(ast, Node::Stmt(body), &mut |node, _| {
            if stopped {
                return false;
            }
            match node {
                Node::Stmt(s) => {
                    if let Stmt::Assign { lhs, .. } = ast.stmt(s)
                        && lhs
                            .iter()
                            .any(|&l| is_param(l, format) || is_param(l, Some(args)))
                    {
                        stopped = true;
                    }
                }
                Node::Expr(e) => match ast.expr(e) {
                    Expr::Unary {
                        op: UnaryOp::Addr,
                        x,
                    } if is_param(*x, format) || is_param(*x, Some(args)) => stopped = true,
                    Expr::Call {
                        args: call_args, ..
                    } => {
                        if let Some(&last) = call_args.last()
                            && is_param(last, Some(args))
                            && let Some(callee) = callee(pass, file, e)
                        {
                            calls.push((callee, e));
                        }
                    }
                    _ => {}
                },
                Node::Decl(_) => {}
            }
            !stopped
        });
        for (callee, call) in calls {
            do_call(pass, state, w, callee, Some((file, call)));
        }
    }
}

/// Wrapper candidate `w` calls `callee`, forwarding its arguments: if the callee is a
/// candidate too, `w` becomes one of its kind when it does; if its kind is known, `w` is one
/// now.
fn do_call(
    pass: &mut Pass<'_>,
    state: &mut State,
    w: usize,
    callee: ObjId,
    call: Option<(usize, ExprId)>,
) {
    if let Some(&to) = state.by_obj.get(&callee) {
        state.wrappers[to].callers.push((w, call));
    }
    let kind = call_kind(pass, state, callee);
    if kind != Kind::None {
        propagate(pass, state, w, call, kind);
    }
}

/// The methods implementing each print-like interface method of this package, as far as
/// the package's own code assigns values of other types to its interfaces (a simpler
/// `refactor/satisfy`).
fn method_implementations(pass: &Pass<'_>) -> HashMap<ObjId, Vec<ObjId>> {
    let world = pass.world;
    let mut impls: HashMap<ObjId, Vec<ObjId>> = HashMap::new();
    for (lhs, rhs) in interface_assignments(pass) {
        for m in world.interface_methods(lhs) {
            let o = world.obj(m);
            if o.pkg != Some(pass.package) || format_args_params(world, o.ty).is_none() {
                continue;
            }
            let Some(implementation) = method(world, rhs, &o.name, Some(pass.package)) else {
                continue;
            };
            let set = impls.entry(m).or_default();
            if !set.contains(&implementation) {
                set.push(implementation);
            }
        }
    }
    impls
}

/// (interface, other type) for every implicit or explicit conversion of a value of a type
/// with methods to an interface with methods: assignments, initializations, arguments,
/// results, elements of composite literals, sends and conversions.
fn interface_assignments(pass: &Pass<'_>) -> Vec<(TypeId, TypeId)> {
    let world = pass.world;
    let mut pairs: Vec<(TypeId, TypeId)> = Vec::new();
    let mut assign = |lhs: Option<TypeId>, rhs: Option<TypeId>| {
        let (Some(lhs), Some(rhs)) = (lhs, rhs) else {
            return;
        };
        if world.identical(lhs, rhs)
            || !world.is_interface(lhs)
            || world.is_type_param(world.unalias(lhs))
            || world.method_set(lhs).is_empty()
            || world.method_set(rhs).is_empty()
        {
            return;
        }
        if !pairs.contains(&(lhs, rhs)) {
            pairs.push((lhs, rhs));
        }
    };
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let ty = |e: ExprId| pass.type_of(file, e);
        walk::preorder(ast, &mut |node, parents| {
            match node {
                Node::Decl(d) => {
                    if let Decl::Gen(g) = ast.decl(d) {
                        for spec in &g.specs {
                            if let Spec::Value {
                                names,
                                ty: Some(_),
                                values,
                                ..
                            } = spec
                                && names.len() == values.len()
                            {
                                for (name, &value) in names.iter().zip(values) {
                                    let declared = pass.def_of(file, name).map(|v| world.obj(v).ty);
                                    assign(declared, ty(value));
                                }
                            }
                        }
                    }
                }
                Node::Stmt(s) => match ast.stmt(s) {
                    Stmt::Assign {
                        lhs,
                        op: syntax::ast::AssignOp::Assign,
                        rhs,
                    } if lhs.len() == rhs.len() => {
                        for (&l, &r) in lhs.iter().zip(rhs) {
                            assign(ty(l), ty(r));
                        }
                    }
                    Stmt::Send { chan, value } => {
                        let elem = ty(*chan).and_then(|c| match world.ty(world.under(c)) {
                            Type::Chan { elem, .. } => Some(*elem),
                            _ => None,
                        });
                        assign(elem, ty(*value));
                    }
                    Stmt::Return(results) => {
                        let sig = walk::enclosing_func(ast, parents).and_then(|f| match f {
                            walk::Func::Decl(d) => match ast.decl(d) {
                                Decl::Func(f) => {
                                    pass.def_of(file, &f.name).map(|o| world.obj(o).ty)
                                }
                                Decl::Gen(_) => None,
                            },
                            walk::Func::Lit(e) => ty(e),
                        });
                        if let Some((_, wanted, _)) =
                            sig.and_then(|s| crate::util::signature_types(world, s))
                            && wanted.len() == results.len()
                        {
                            for (&want, &r) in wanted.iter().zip(results) {
                                assign(Some(want), ty(r));
                            }
                        }
                    }
                    _ => {}
                },
                Node::Expr(e) => match ast.expr(e) {
                    Expr::Call {
                        fun,
                        args,
                        ellipsis,
                    } => {
                        let Some(tv) = pass.type_and_value(file, *fun) else {
                            return true;
                        };
                        if tv.is_type {
                            if let [arg] = args.as_slice() {
                                assign(Some(tv.ty), ty(*arg));
                            }
                            return true;
                        }
                        let Some((params, _, variadic)) =
                            crate::util::signature_types(world, tv.ty)
                        else {
                            return true;
                        };
                        for (i, &arg) in args.iter().enumerate() {
                            let param = if variadic && i + 1 >= params.len() {
                                let last = params.last().copied();
                                if ellipsis.is_some() {
                                    last
                                } else {
                                    last.and_then(|l| match world.ty(world.under(l)) {
                                        Type::Slice(elem) => Some(*elem),
                                        _ => None,
                                    })
                                }
                            } else {
                                params.get(i).copied()
                            };
                            assign(param, ty(arg));
                        }
                    }
                    Expr::CompositeLit { elts, .. } => {
                        let Some(lit) = ty(e) else {
                            return true;
                        };
                        let under = world.under(
                            world
                                .pointer_elem(lit)
                                .filter(|_| !matches!(world.ty(world.under(lit)), Type::Struct(_)))
                                .unwrap_or(lit),
                        );
                        for (i, &elt) in elts.iter().enumerate() {
                            let (key, value) = match ast.expr(elt) {
                                Expr::KeyValue { key, value } => (Some(*key), *value),
                                _ => (None, elt),
                            };
                            match world.ty(under) {
                                Type::Struct(st) => {
                                    let field = match key.map(|k| ast.expr(k)) {
                                        Some(Expr::Name(n)) => st
                                            .fields
                                            .iter()
                                            .copied()
                                            .find(|&f| *world.obj(f).name == *n.as_str()),
                                        _ => st.fields.get(i).copied(),
                                    };
                                    assign(field.map(|f| world.obj(f).ty), ty(value));
                                }
                                Type::Slice(elem) | Type::Array { elem, .. } => {
                                    assign(Some(*elem), ty(value));
                                }
                                Type::Map { key: k, elem } => {
                                    if let Some(key) = key {
                                        assign(Some(*k), ty(key));
                                    }
                                    assign(Some(*elem), ty(value));
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                },
            }
            true
        });
    }
    pairs
}

/// The variable a function literal is directly assigned to (`f := func...`, `var f = func...`,
/// `x.f = func...`, `pkg.F = func...`).
fn assigned_var(pass: &Pass<'_>, file: usize, lit: ExprId, parent: Option<Node>) -> Option<ObjId> {
    let ast = pass.ast(file);
    let obj = match parent? {
        Node::Decl(d) => {
            let Decl::Gen(g) = ast.decl(d) else {
                return None;
            };
            g.specs.iter().find_map(|spec| match spec {
                Spec::Value { names, values, .. } => {
                    let i = values.iter().position(|&v| v == lit)?;
                    pass.def_of(file, names.get(i)?)
                }
                Spec::Type { .. } => None,
            })?
        }
        Node::Stmt(s) => {
            let Stmt::Assign { lhs, rhs, .. } = ast.stmt(s) else {
                return None;
            };
            let i = rhs.iter().position(|&v| v == lit)?;
            let target = *lhs.get(i)?;
            match ast.expr(target) {
                Expr::Name(n) => pass.object_of(file, n)?,
                Expr::Selector { sel, .. } => match pass.selection(file, target) {
                    Some(selection) => selection.obj,
                    None => pass.object_of(file, sel)?,
                },
                _ => return None,
            }
        }
        Node::Expr(_) => return None,
    };
    matches!(pass.world.obj(obj).kind, ObjKind::Var(_)).then_some(obj)
}

/// The object a call calls by name (go/types' `typeutil.Callee`): a function, a method (of a
/// generic type: its generic declaration, when the checker records that use), or a variable
/// or field of function type; `None` for conversions and computed functions.
pub(crate) fn callee(pass: &Pass<'_>, file: usize, call: ExprId) -> Option<ObjId> {
    let ast = pass.ast(file);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return None;
    };
    let mut fun = unparen(ast, *fun);
    // Look through an instantiation `f[T]` (not an index `fs[i]`).
    if let Expr::Index { x, indices } = ast.expr(fun) {
        let instance = indices.len() > 1
            || indices
                .first()
                .and_then(|&i| pass.type_and_value(file, i))
                .is_some_and(|tv| tv.is_type);
        if instance {
            fun = unparen(ast, *x);
        }
    }
    let obj = match ast.expr(fun) {
        Expr::Name(n) => pass.object_of(file, n)?,
        Expr::Selector { sel, .. } => match pass.object_of(file, sel) {
            Some(obj) => obj,
            None => pass.selection(file, fun)?.obj,
        },
        _ => return None,
    };
    (!matches!(pass.world.obj(obj).kind, ObjKind::TypeName)).then_some(obj)
}

/// The key facts about `obj` are stored under: a function's full name, a variable's place.
fn fact_key(pass: &Pass<'_>, obj: ObjId) -> Option<String> {
    let o = pass.world.obj(obj);
    match o.kind {
        ObjKind::Func { .. } => pass.full_name(obj),
        ObjKind::Var(_) => {
            let file = pass.world.file(o.pos.file?);
            Some(format!("var {}:{}", file.path, o.pos.offset))
        }
        _ => None,
    }
}

/// What `obj` is: a known print function, a wrapper found so far, or an imported wrapper.
fn call_kind(pass: &Pass<'_>, state: &mut State, obj: ObjId) -> Kind {
    if let Some(&kind) = state.kinds.get(&obj) {
        return kind;
    }
    let full = pass.full_name(obj);
    let kind = match full.as_deref() {
        Some("fmt.Errorf") => Kind::Errorf,
        Some(name) if KNOWN.contains(&name) => {
            if name.ends_with('f') {
                Kind::Printf
            } else {
                Kind::Print
            }
        }
        _ => fact_key(pass, obj)
            .and_then(|key| pass.fact(&key))
            .map_or(Kind::None, Kind::parse),
    };
    state.kinds.insert(obj, kind);
    kind
}

/// Wrapper `w` forwards to a function of `kind` through `call` (none for interface methods):
/// it is one of that kind if the call forwards properly, and so are its callers.
fn propagate(
    pass: &mut Pass<'_>,
    state: &mut State,
    w: usize,
    call: Option<(usize, ExprId)>,
    kind: Kind,
) {
    if let Some((file, call)) = call
        && !check_forward(pass, &state.wrappers[w], file, call, kind)
    {
        return;
    }
    let obj = state.wrappers[w].obj;
    if state.kinds.get(&obj) == Some(&kind) {
        return;
    }
    state.kinds.insert(obj, kind);
    if pass.world.obj(obj).pkg == Some(pass.package)
        && let Some(key) = fact_key(pass, obj)
    {
        pass.export_fact(key, kind.as_str());
    }
    let callers = state.wrappers[w].callers.clone();
    for (caller, call) in callers {
        propagate(pass, state, caller, call, kind);
    }
}

/// Whether `call` forwards the wrapper's format (for printf kinds) and its arguments with
/// `...`; reports `f(format, args)` written for `f(format, args...)`.
fn check_forward(pass: &mut Pass<'_>, w: &Wrapper, file: usize, call: ExprId, kind: Kind) -> bool {
    let ast = pass.ast(file);
    let Expr::Call {
        fun,
        args,
        ellipsis,
    } = ast.expr(call)
    else {
        return false;
    };
    if matches!(kind, Kind::Printf | Kind::Errorf) {
        let forwards_format = args.len() >= 2
            && w.format.is_some()
            && matches!(ast.expr(args[args.len() - 2]),
                Expr::Name(n) if pass.object_of(file, n) == w.format);
        if !forwards_format {
            return false;
        }
    }
    if ellipsis.is_none() {
        let Some(Type::Signature(sig)) = pass.type_of(file, *fun).map(|t| pass.world.ty(t)) else {
            return false;
        };
        // Passing more arguments than the callee's parameters: `...` would not compile.
        if args.len() > pass.world.tuple_vars(sig.params).len() {
            return false;
        }
        pass.report(
            file,
            ast.expr_range(call),
            format!(
                "missing ... in args forwarded to {}-like function",
                kind.as_str()
            ),
        );
        return false;
    }
    true
}

// ---- checking calls ----

fn check_calls(pass: &mut Pass<'_>, state: &mut State) {
    for file in 0..pass.files.len() {
        let version = file_go_version(pass, file);
        let ast = pass.ast(file);
        for i in 0..ast.exprs.len() {
            let call = ExprId(i as u32);
            if !matches!(ast.expr(call), Expr::Call { .. }) {
                continue;
            }
            let Some(callee) = callee(pass, file, call) else {
                continue;
            };
            let kind = call_kind(pass, state, callee);
            if kind == Kind::None {
                continue;
            }
            let name = display_name(pass, callee);
            let mut check = Check {
                file,
                call,
                name,
                version,
            };
            match kind {
                Kind::Printf | Kind::Errorf => check.printf(pass, state, kind),
                Kind::Print => check.print(pass, state),
                Kind::None => {}
            }
        }
    }
}

/// A function's name as go vet writes it in messages (`fmt.Printf`, `(*log.Logger).Printf`,
/// `(a.T[int]).Logf`); a variable's plain name.
fn display_name(pass: &Pass<'_>, obj: ObjId) -> String {
    let world = pass.world;
    let o = world.obj(obj);
    if !matches!(o.kind, ObjKind::Func { .. }) {
        return o.name.to_string();
    }
    if let Type::Signature(sig) = world.ty(o.ty)
        && let Some(recv) = sig.recv
    {
        let recv_ty = world.obj(recv).ty;
        let named = matches!(world.ty(world.unalias(recv_ty)), Type::Named(_))
            || matches!(
                world
                    .pointer_elem(recv_ty)
                    .map(|e| world.ty(world.unalias(e))),
                Some(Type::Named(_))
            );
        if named {
            return format!("({}).{}", world.type_string_by_path(recv_ty), o.name);
        }
    }
    pass.full_name(obj).unwrap_or_else(|| o.name.to_string())
}

/// One call of a print or printf function.
struct Check {
    file: usize,
    call: ExprId,
    /// The callee, as messages name it.
    name: String,
    version: (u32, u32),
}

impl Check {
    fn call_parts<'a>(&self, pass: &Pass<'a>) -> Option<(ExprId, &'a [ExprId], bool)> {
        match pass.ast(self.file).expr(self.call) {
            Expr::Call {
                fun,
                args,
                ellipsis,
            } => Some((*fun, args.as_slice(), ellipsis.is_some())),
            _ => None,
        }
    }

    fn report(&self, pass: &mut Pass<'_>, range: TextRange, message: String) {
        pass.report(self.file, range, message);
    }

    fn call_range(&self, pass: &Pass<'_>) -> TextRange {
        pass.ast(self.file).expr_range(self.call)
    }

    /// A call of a Printf-like function.
    fn printf(&mut self, pass: &mut Pass<'_>, state: &State, kind: Kind) {
        let Some((fun, args, ellipsis)) = self.call_parts(pass) else {
            return;
        };
        // The format is the last parameter before the `...any` ones.
        let Some(Type::Signature(sig)) = pass.type_of(self.file, fun).map(|t| pass.world.ty(t))
        else {
            return;
        };
        let nparams = pass.world.tuple_vars(sig.params).len();
        if !sig.variadic || nparams < 2 {
            return;
        }
        let idx = nparams - 2;
        let Some(&format_arg) = args.get(idx) else {
            return;
        };
        let Some(format) = string_bytes(pass, self.file, format_arg) else {
            self.non_constant_format(pass, args, idx, format_arg);
            return;
        };
        let first_arg = idx + 1;
        if !format.contains(&b'%') {
            if let Some(&arg) = args.get(first_arg) {
                let range = pass.ast(self.file).expr_range(arg);
                self.report(
                    pass,
                    range,
                    format!(
                        "{} call has arguments but no formatting directives",
                        self.name
                    ),
                );
            }
            return;
        }
        let operations = match parse_format(&format, idx) {
            Ok(ops) => ops,
            Err(why) => {
                let range = pass.ast(self.file).expr_range(format_arg);
                self.report(pass, range, format!("{} {why}", self.name));
                return;
            }
        };
        let mut max_arg_index = idx as i64;
        let mut any_index = false;
        for op in &operations {
            any_index |=
                op.prec.index.is_some() || op.width.index.is_some() || op.verb_index.is_some();
            let range = op_range(pass, self.file, format_arg, op);
            let args_ctx = Args {
                list: args,
                ellipsis,
                first: first_arg,
            };
            if !self.ok_printf_arg(pass, state, &args_ctx, range, &mut max_arg_index, op) {
                return;
            }
            if op.verb == 'w' && kind != Kind::Errorf {
                self.report(
                    pass,
                    range,
                    format!("{} does not support error-wrapping directive %w", self.name),
                );
                return;
            }
        }
        let nargs = args.len() as i64;
        if ellipsis && max_arg_index >= nargs - 2 {
            return;
        }
        // Indexed verbs may leave arguments unused on purpose.
        if any_index {
            return;
        }
        if max_arg_index + 1 < nargs {
            let expect = max_arg_index + 1 - first_arg as i64;
            let have = nargs - first_arg as i64;
            let range = self.call_range(pass);
            self.report(
                pass,
                range,
                format!(
                    "{} call needs {} but has {}",
                    self.name,
                    count(expect, "arg"),
                    count(have, "arg")
                ),
            );
        }
    }

    /// `fmt.Printf(msg)`: a `%` in msg would be misread (reported from go1.24 on).
    fn non_constant_format(
        &self,
        pass: &mut Pass<'_>,
        args: &[ExprId],
        idx: usize,
        format_arg: ExprId,
    ) {
        if idx + 1 != args.len() || self.version < (1, 24) {
            return;
        }
        let range = pass.ast(self.file).expr_range(format_arg);
        let fix = Fix {
            message: "Insert \"%s\" format string".to_string(),
            edits: vec![Edit {
                file: self.file,
                range: TextRange::empty(range.start),
                new_text: "\"%s\", ".to_string(),
            }],
        };
        pass.report_with_fixes(
            self.file,
            range,
            format!("non-constant format string in call to {}", self.name),
            vec![fix],
        );
    }

    /// Checks one directive against the arguments; false when something was reported (one
    /// report per call is enough).
    fn ok_printf_arg(
        &self,
        pass: &mut Pass<'_>,
        state: &State,
        args: &Args<'_>,
        range: TextRange,
        max_arg_index: &mut i64,
        op: &Operation,
    ) -> bool {
        let world = pass.world;
        let found = VERBS.iter().find(|v| v.verb == op.verb);
        let mut types = found.map_or(0, |v| v.types);
        // From go1.26, %q of an integer is only for runes and bytes.
        if op.verb == 'q' && self.version >= (1, 26) {
            types = ARG_RUNE | ARG_BYTE | ARG_STRING;
        }
        let formatter = types != ARG_ERROR
            && args
                .list
                .get(op.verb_arg)
                .and_then(|&a| arg_type(pass, self.file, a))
                .is_some_and(|t| is_formatter(world, t));
        if !formatter {
            let Some(verb) = found else {
                self.report(
                    pass,
                    range,
                    format!(
                        "{} format {} has unknown verb {}",
                        self.name, op.text, op.verb
                    ),
                );
                return false;
            };
            if let Some(flag) = op
                .flags
                .chars()
                .find(|&f| f != '0' && !verb.flags.contains(f))
            {
                self.report(
                    pass,
                    range,
                    format!(
                        "{} format {} has unrecognized flag {flag}",
                        self.name, op.text
                    ),
                );
                return false;
            }
        }
        // `*` widths and precisions take int arguments.
        let mut indexes: Vec<usize> = [op.width.dynamic, op.prec.dynamic]
            .into_iter()
            .flatten()
            .collect();
        for &index in &indexes {
            if !self.arg_can_be_checked(pass, args, range, index, op) {
                return false;
            }
            let arg = args.list[index];
            let (ok, reason) = match_arg_type(pass, self.file, ARG_INT, arg);
            if !ok {
                let details = details(&reason);
                let arg_text = format_expr(pass, self.file, arg);
                self.report(
                    pass,
                    range,
                    format!(
                        "{} format {} uses non-int {arg_text}{details} as argument of *",
                        self.name, op.text
                    ),
                );
                return false;
            }
        }
        if op.verb != '%' {
            indexes.push(op.verb_arg);
        }
        for index in indexes {
            *max_arg_index = (*max_arg_index).max(index as i64);
        }
        // `%%` takes no argument (whatever sits between the two `%`), and a Formatter
        // formats itself.
        if op.verb == '%' || formatter {
            return true;
        }
        if !self.arg_can_be_checked(pass, args, range, op.verb_arg, op) {
            return false;
        }
        let arg = args.list[op.verb_arg];
        if is_function_value(pass, self.file, arg) && op.verb != 'p' && op.verb != 'T' {
            let arg_text = format_expr(pass, self.file, arg);
            self.report(
                pass,
                range,
                format!(
                    "{} format {} arg {arg_text} is a func value, not called",
                    self.name, op.text
                ),
            );
            return false;
        }
        let (ok, reason) = match_arg_type(pass, self.file, types, arg);
        if !ok {
            let type_string = arg_type(pass, self.file, arg)
                .map(|t| world.type_string_by_path(t))
                .unwrap_or_default();
            let details = details(&reason);
            let arg_text = format_expr(pass, self.file, arg);
            self.report(
                pass,
                range,
                format!(
                    "{} format {} has arg {arg_text} of wrong type {type_string}{details}",
                    self.name, op.text
                ),
            );
            return false;
        }
        // A String or Error method formatting its own receiver recurses forever; `#`
        // bypasses those methods except for %x, %X and %q.
        let verb = found.map_or(op.verb, |v| v.verb);
        if types & ARG_STRING != 0
            && verb != 'T'
            && (!op.flags.contains('#') || "qxX".contains(verb))
            && let Some(method) = recursive_stringer(pass, state, self.file, arg)
        {
            let arg_text = format_expr(pass, self.file, arg);
            self.report(
                pass,
                range,
                format!(
                    "{} format {} with arg {arg_text} causes recursive {method} method call",
                    self.name, op.text
                ),
            );
            return false;
        }
        true
    }

    /// Whether argument `index` is there to check; reports a format reading past the
    /// arguments (unless a final `args...` hides how many there are).
    fn arg_can_be_checked(
        &self,
        pass: &mut Pass<'_>,
        args: &Args<'_>,
        range: TextRange,
        index: usize,
        op: &Operation,
    ) -> bool {
        if index == 0 {
            return false;
        }
        let n = args.list.len();
        if index + 1 < n {
            return true;
        }
        if args.ellipsis {
            return false;
        }
        if index < n {
            return true;
        }
        let arg = index as i64 - args.first as i64 + 1;
        let have = n as i64 - args.first as i64;
        self.report(
            pass,
            range,
            format!(
                "{} format {} reads arg #{arg}, but call has {}",
                self.name,
                op.text,
                count(have, "arg")
            ),
        );
        false
    }

    /// A call of a Print-like function.
    fn print(&mut self, pass: &mut Pass<'_>, state: &State) {
        let Some((fun, args, _)) = self.call_parts(pass) else {
            return;
        };
        let world = pass.world;
        let Some(fun_ty) = pass.type_of(self.file, fun) else {
            return;
        };
        let mut first_arg = 0;
        if let Type::Signature(sig) = world.ty(world.under(fun_ty)) {
            if !sig.variadic {
                return;
            }
            let params = world.tuple_vars(sig.params);
            let Some(&last) = params.last() else {
                return;
            };
            first_arg = params.len() - 1;
            let Type::Slice(elem) = world.ty(world.obj(last).ty) else {
                return;
            };
            if !is_empty_interface(world, *elem) {
                return;
            }
        }
        if args.len() <= first_arg {
            return;
        }
        let ast = pass.ast(self.file);
        let call_range = self.call_range(pass);
        if first_arg == 0
            && let Expr::Selector { x, sel } = ast.expr(args[0])
            && let Expr::Name(x) = ast.expr(*x)
            && x.as_str() == "os"
            && sel.as_str().starts_with("Std")
        {
            let arg_text = format_expr(pass, self.file, args[0]);
            self.report(
                pass,
                call_range,
                format!(
                    "{} does not take io.Writer but has first arg {arg_text}",
                    self.name
                ),
            );
        }
        let printed = &args[first_arg..];
        if let Some(s) = string_bytes(pass, self.file, printed[0]) {
            // A trailing % cannot start a directive ("0.0%").
            let s = s.strip_suffix(b"%").unwrap_or(&s);
            if s.contains(&b'%')
                && let Some(directive) = possible_directive(s)
            {
                self.report(
                    pass,
                    call_range,
                    format!(
                        "{} call has possible Printf formatting directive {directive}",
                        self.name
                    ),
                );
            }
        }
        if self.name.ends_with("ln")
            && let Some(&last) = printed.last()
            && string_bytes(pass, self.file, last).is_some_and(|s| s.ends_with(b"\n"))
        {
            self.report(
                pass,
                call_range,
                format!("{} arg list ends with redundant newline", self.name),
            );
        }
        for &arg in printed {
            if is_function_value(pass, self.file, arg) {
                let arg_text = format_expr(pass, self.file, arg);
                self.report(
                    pass,
                    call_range,
                    format!("{} arg {arg_text} is a func value, not called", self.name),
                );
            }
            if let Some(method) = recursive_stringer(pass, state, self.file, arg) {
                let arg_text = format_expr(pass, self.file, arg);
                self.report(
                    pass,
                    call_range,
                    format!(
                        "{} arg {arg_text} causes recursive call to {method} method",
                        self.name
                    ),
                );
            }
        }
    }
}

/// A printf call's arguments: all of them, whether the last is `args...`, and where the
/// formatted ones start.
struct Args<'a> {
    list: &'a [ExprId],
    ellipsis: bool,
    first: usize,
}

fn details(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    }
}

/// "1 arg", "2 args".
fn count(n: i64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The value of a string constant, as bytes (a format need not be valid UTF-8).
fn string_bytes(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<Vec<u8>> {
    let value = pass.type_and_value(file, e)?.value.as_ref()?;
    Some(value.string_bytes()?.to_vec())
}

/// The type of an argument as printing sees it: an untyped constant becomes its default type,
/// as it does when passed to `...any`.
fn arg_type(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<TypeId> {
    let ty = pass.type_of(file, e)?;
    Some(pass.world.default_type(ty))
}

/// Whether `e` is a function (not a call of one): printing it is almost always a mistake. A
/// named function type may have a String method, so only literal signatures count.
fn is_function_value(pass: &Pass<'_>, file: usize, e: ExprId) -> bool {
    pass.type_of(file, e)
        .is_some_and(|t| matches!(pass.world.ty(t), Type::Signature(_)))
}

/// An expression as go vet prints it in messages (go/printer's formatting).
fn format_expr(pass: &Pass<'_>, file: usize, e: ExprId) -> String {
    crate::util::format_expr(pass.ast(file), &pass.files[file].text, e)
}

// ---- argument types ----

const ARG_BOOL: u32 = 1 << 0;
const ARG_BYTE: u32 = 1 << 1;
const ARG_INT: u32 = 1 << 2;
const ARG_RUNE: u32 = 1 << 3;
const ARG_STRING: u32 = 1 << 4;
const ARG_FLOAT: u32 = 1 << 5;
const ARG_COMPLEX: u32 = 1 << 6;
const ARG_POINTER: u32 = 1 << 7;
const ARG_ERROR: u32 = 1 << 8;
const ANY_TYPE: u32 = !0;

/// A verb: its flags, and the argument types it prints.
struct Verb {
    verb: char,
    flags: &'static str,
    types: u32,
}

const NO_FLAG: &str = "";
const NUM_FLAG: &str = " -+.0";
const SHARP_NUM_FLAG: &str = " -+.0#";
const ALL_FLAGS: &str = " -+.0#";

const VERBS: &[Verb] = &[
    Verb {
        verb: '%',
        flags: NO_FLAG,
        types: 0,
    },
    Verb {
        verb: 'b',
        flags: SHARP_NUM_FLAG,
        types: ARG_INT | ARG_FLOAT | ARG_COMPLEX | ARG_POINTER,
    },
    Verb {
        verb: 'c',
        flags: "-",
        types: ARG_RUNE | ARG_INT,
    },
    Verb {
        verb: 'd',
        flags: NUM_FLAG,
        types: ARG_INT | ARG_POINTER,
    },
    Verb {
        verb: 'e',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'E',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'f',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'F',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'g',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'G',
        flags: SHARP_NUM_FLAG,
        types: ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'o',
        flags: SHARP_NUM_FLAG,
        types: ARG_INT | ARG_POINTER,
    },
    Verb {
        verb: 'O',
        flags: SHARP_NUM_FLAG,
        types: ARG_INT | ARG_POINTER,
    },
    Verb {
        verb: 'p',
        flags: "-#",
        types: ARG_POINTER,
    },
    Verb {
        verb: 'q',
        flags: " -+.0#",
        types: ARG_RUNE | ARG_INT | ARG_STRING,
    },
    Verb {
        verb: 's',
        flags: " -+.0",
        types: ARG_STRING,
    },
    Verb {
        verb: 't',
        flags: "-",
        types: ARG_BOOL,
    },
    Verb {
        verb: 'T',
        flags: "-",
        types: ANY_TYPE,
    },
    Verb {
        verb: 'U',
        flags: "-#",
        types: ARG_RUNE | ARG_INT,
    },
    Verb {
        verb: 'v',
        flags: ALL_FLAGS,
        types: ANY_TYPE,
    },
    Verb {
        verb: 'w',
        flags: ALL_FLAGS,
        types: ARG_ERROR,
    },
    Verb {
        verb: 'x',
        flags: SHARP_NUM_FLAG,
        types: ARG_RUNE | ARG_INT | ARG_STRING | ARG_POINTER | ARG_FLOAT | ARG_COMPLEX,
    },
    Verb {
        verb: 'X',
        flags: SHARP_NUM_FLAG,
        types: ARG_RUNE | ARG_INT | ARG_STRING | ARG_POINTER | ARG_FLOAT | ARG_COMPLEX,
    },
];

/// Whether `arg` can be printed by a verb taking `types`, and if not, why (for type
/// parameters: the term of the constraint that cannot).
fn match_arg_type(pass: &Pass<'_>, file: usize, types: u32, arg: ExprId) -> (bool, String) {
    if types == ANY_TYPE {
        return (true, String::new());
    }
    let Some(ty) = arg_type(pass, file, arg) else {
        return (true, String::new());
    };
    let mut matcher = Matcher {
        world: pass.world,
        types,
        seen: HashSet::new(),
        reason: String::new(),
    };
    let ok = matcher.matches(ty, true);
    (ok, matcher.reason)
}

/// Walks a type (into elements, fields and type set terms) checking each part against the
/// verb's argument types; `seen` cuts recursive types short.
struct Matcher<'w> {
    world: &'w World,
    types: u32,
    seen: HashSet<TypeId>,
    reason: String,
}

impl Matcher<'_> {
    fn matches(&mut self, ty: TypeId, top_level: bool) -> bool {
        let world = self.world;
        let t = self.types;
        if t == ARG_ERROR {
            return converts_to_error(world, ty);
        }
        if is_formatter(world, ty) {
            return true;
        }
        // A Stringer or error prints as a string.
        if t & ARG_STRING != 0 && converts_to_string(world, ty) {
            return true;
        }
        let unaliased = world.unalias(ty);
        if world.is_type_param(unaliased) {
            return self.matches_type_param(unaliased, top_level);
        }
        let under = world.under(ty);
        if !self.seen.insert(under) {
            // Already matched, or being matched (a recursive type).
            return true;
        }
        match world.ty(under) {
            Type::Signature(_) => t == ARG_POINTER,
            Type::Map { key, elem } => {
                t == ARG_POINTER || (self.matches(*key, false) && self.matches(*elem, false))
            }
            Type::Chan { .. } => t & ARG_POINTER != 0,
            Type::Array { elem, .. } => {
                if is_byte(world, *elem) && t & ARG_STRING != 0 {
                    return true;
                }
                self.matches(*elem, false)
            }
            Type::Slice(elem) => {
                if is_byte(world, *elem) && t & ARG_STRING != 0 {
                    return true;
                }
                // %p prints the address of the first element.
                if t == ARG_POINTER {
                    return true;
                }
                self.matches(*elem, false)
            }
            Type::Pointer(elem) => self.matches_pointer(*elem, top_level),
            Type::Struct(s) => {
                for &field in &s.fields {
                    let f = world.obj(field);
                    if !self.matches(f.ty, false) {
                        return false;
                    }
                    // fmt cannot call the String or Error method of an unexported field.
                    if t & ARG_STRING != 0 && !f.is_exported() && converts_to_string(world, f.ty) {
                        return false;
                    }
                }
                true
            }
            // Whatever the dynamic type is, the user may know it prints.
            Type::Interface(_) => true,
            Type::Basic { kind, .. } => basic_matches(*kind, t),
            _ => false,
        }
    }

    /// A type parameter matches if every term of its constraint does.
    fn matches_type_param(&mut self, ty: TypeId, top_level: bool) -> bool {
        if !self.seen.insert(ty) {
            return true;
        }
        let set = self.world.type_set(ty);
        if set.all {
            // No restriction on the underlying type: some type argument will not match.
            return false;
        }
        if set.terms.is_empty() {
            // An empty type set: no type argument at all.
            return true;
        }
        // The reason only makes sense for the argument's own type parameter.
        let report = self.seen.len() == 1;
        for term in set.terms {
            if !self.matches(term.ty, top_level) {
                if report {
                    let tilde = if term.tilde { "~" } else { "" };
                    self.reason = format!(
                        "contains {tilde}{}",
                        self.world.type_string_by_path(term.ty)
                    );
                }
                return false;
            }
        }
        true
    }

    fn matches_pointer(&mut self, elem: TypeId, top_level: bool) -> bool {
        let world = self.world;
        let t = self.types;
        // A pointer to an invalid type: something failed to import.
        if elem == ids::INVALID {
            return true;
        }
        if t == ARG_POINTER {
            return true;
        }
        if world.is_type_param(elem) {
            return true;
        }
        let under = world.under(elem);
        match world.ty(under) {
            // A top-level pointer to a composite prints as &{...}: its elements matter.
            Type::Struct(_) | Type::Array { .. } | Type::Slice(_) | Type::Map { .. } => {
                top_level && self.matches(under, false)
            }
            _ => t & ARG_POINTER != 0,
        }
    }
}

fn basic_matches(kind: BasicKind, t: u32) -> bool {
    use BasicKind::*;
    match kind {
        Bool | UntypedBool => t & ARG_BOOL != 0,
        Uint8 => t & (ARG_INT | ARG_BYTE) != 0,
        Int32 | UntypedRune => t & (ARG_INT | ARG_RUNE) != 0,
        UntypedInt | Int | Int8 | Int16 | Int64 | Uint | Uint16 | Uint32 | Uint64 | Uintptr => {
            t & ARG_INT != 0
        }
        UntypedFloat | Float32 | Float64 => t & ARG_FLOAT != 0,
        UntypedComplex | Complex64 | Complex128 => t & ARG_COMPLEX != 0,
        UntypedString | String => t & ARG_STRING != 0,
        UnsafePointer => t & (ARG_POINTER | ARG_INT) != 0,
        UntypedNil => false,
        Invalid => true,
    }
}

fn is_byte(world: &World, ty: TypeId) -> bool {
    world.basic_kind(world.under(ty)) == Some(BasicKind::Uint8)
}

/// The method `name` of `ty` (exported names only, as go vet looks them up), if it is one.
fn method(world: &World, ty: TypeId, name: &str, pkg: Option<hir::PackageId>) -> Option<ObjId> {
    let obj = world.lookup_field_or_method(ty, false, pkg, name).obj?;
    matches!(world.obj(obj).kind, ObjKind::Func { .. }).then_some(obj)
}

/// The parameter and result types of a method.
fn method_sig(world: &World, m: ObjId) -> Option<(Vec<TypeId>, Vec<TypeId>)> {
    let (params, results, _) = crate::util::signature_types(world, world.obj(m).ty)?;
    Some((params, results))
}

/// Whether a value of `ty` could be a fmt.Formatter: an interface (its dynamic value may be
/// one) or a type with `Format(fmt.State, rune)`.
fn is_formatter(world: &World, ty: TypeId) -> bool {
    let unaliased = world.unalias(ty);
    if !world.is_type_param(unaliased) && world.is_interface(unaliased) {
        return true;
    }
    let Some(m) = method(world, ty, "Format", None) else {
        return false;
    };
    let Some((params, results)) = method_sig(world, m) else {
        return false;
    };
    params.len() == 2
        && results.is_empty()
        && is_named(world, params[0], "fmt", "State")
        && matches!(
            world.ty(world.unalias(params[1])),
            Type::Basic {
                kind: BasicKind::Int32,
                ..
            }
        )
}

/// Whether `ty` has `Error() string`.
pub(crate) fn has_error_method(world: &World, ty: TypeId) -> bool {
    method(world, ty, "Error", None)
        .and_then(|m| method_sig(world, m))
        .is_some_and(|(params, results)| {
            params.is_empty() && results.len() == 1 && world.unalias(results[0]) == ids::STRING
        })
}

/// Whether a value of `ty` converts to `error` (go/types' `ConvertibleTo(ty, error)`).
fn converts_to_error(world: &World, ty: TypeId) -> bool {
    let ty = world.unalias(ty);
    if ty == ids::UNTYPED_NIL || has_error_method(world, ty) {
        return true;
    }
    if world.is_type_param(ty) {
        let set = world.type_set(ty);
        return !set.all
            && !set.terms.is_empty()
            && set.terms.iter().all(|t| has_error_method(world, t.ty));
    }
    false
}

/// Whether a value of `ty` prints through an Error or String method.
fn converts_to_string(world: &World, ty: TypeId) -> bool {
    if world.unalias(ty) == ids::UNTYPED_NIL {
        return false;
    }
    if converts_to_error(world, ty) {
        return true;
    }
    method(world, ty, "String", None)
        .and_then(|m| method_sig(world, m))
        .is_some_and(|(params, results)| {
            params.is_empty() && results.len() == 1 && results[0] == ids::STRING
        })
}

/// Whether printing `e` calls the String or Error method `e` sits in, on its own receiver
/// (`r` or `&r`): the method recurses forever. Returns the method's name.
fn recursive_stringer(pass: &Pass<'_>, state: &State, file: usize, e: ExprId) -> Option<String> {
    let world = pass.world;
    let ty = pass.type_of(file, e)?;
    if is_formatter(world, ty) {
        return None;
    }
    let start = pass.ast(file).expr_range(e).start;
    // The method's declaration in this package, if `e` is inside it.
    let enclosing = |m: Option<ObjId>| -> Option<(ObjId, &MethodDecl)> {
        let m = m?;
        if world.obj(m).pkg != Some(pass.package) {
            return None;
        }
        let pos = world.obj(m).pos;
        let decl = state
            .methods
            .iter()
            .find(|d| d.pos == pos && d.file == file && d.range.contains(start))?;
        Some((m, decl))
    };
    let string = method(world, ty, "String", Some(pass.package));
    let error = method(world, ty, "Error", Some(pass.package));
    let (m, decl) = enclosing(string).or_else(|| enclosing(error))?;
    let (params, results) = method_sig(world, m)?;
    if !(params.is_empty() && results.len() == 1 && results[0] == ids::STRING) {
        return None;
    }
    let ast = pass.ast(file);
    let mut e = e;
    if let Expr::Unary {
        op: UnaryOp::Addr,
        x,
    } = ast.expr(e)
    {
        e = *x;
    }
    let Expr::Name(name) = ast.expr(e) else {
        return None;
    };
    let recv = decl.recv?;
    (pass.object_of(file, name) == Some(recv)).then(|| display_name(pass, m))
}

// ---- format strings ----

/// A width or precision: `*` (reading argument `dynamic`), possibly indexed (`[n]*`).
#[derive(Clone, Copy, Default, Debug)]
struct Size {
    dynamic: Option<usize>,
    index: Option<i64>,
}

/// One directive of a format string, as `%[2]*.3d`.
#[derive(Debug)]
struct Operation {
    /// The directive as written.
    text: String,
    verb: char,
    /// `n` of an explicit `[n]` before the verb.
    verb_index: Option<i64>,
    /// The index among the call's arguments of what the verb formats.
    verb_arg: usize,
    flags: String,
    width: Size,
    prec: Size,
    /// Byte offsets of the directive in the format string.
    start: usize,
    end: usize,
}

/// Parses the directives of `format`, the call's argument `idx`. The errors are predicates
/// ("format %d is missing ...") that follow the callee's name in the message.
fn parse_format(format: &[u8], idx: usize) -> Result<Vec<Operation>, String> {
    let first_arg = idx + 1;
    let mut arg_num = first_arg;
    let mut ops = Vec::new();
    let mut i = 0;
    while i < format.len() {
        if format[i] != b'%' {
            i += 1;
            continue;
        }
        let mut parser = OpParser {
            text: &format[i..],
            nbytes: 1,
            first_arg,
            arg_num,
            index: 0,
            index_pending: false,
            width: Size::default(),
            prec: Size::default(),
        };
        let mut op = parser.parse()?;
        op.start += i;
        op.end += i;
        if op.verb != '%' {
            arg_num = parser.arg_num + 1;
        }
        i += op.end - op.start;
        ops.push(op);
    }
    Ok(ops)
}

struct OpParser<'a> {
    text: &'a [u8],
    nbytes: usize,
    first_arg: usize,
    /// The argument the next verb or `*` reads.
    arg_num: usize,
    index: i64,
    /// An `[n]` was read that no `*` or verb has used yet.
    index_pending: bool,
    width: Size,
    prec: Size,
}

impl OpParser<'_> {
    /// `%`, flags, `[n]`, width, `.` precision, `[n]`, verb.
    fn parse(&mut self) -> Result<Operation, String> {
        let flags_len = self.text[1..]
            .iter()
            .take_while(|b| b"#0+- ".contains(b))
            .count();
        let flags = String::from_utf8_lossy(&self.text[1..1 + flags_len]).into_owned();
        self.nbytes += flags_len;
        self.parse_index()?;
        self.width = self.parse_size();
        if self.peek() == Some(b'.') {
            self.nbytes += 1;
            self.parse_index()?;
            self.prec = self.parse_size();
        }
        if !self.index_pending {
            self.parse_index()?;
        }
        if self.nbytes == self.text.len() {
            return Err(format!(
                "format {} is missing verb at end of string",
                String::from_utf8_lossy(self.text)
            ));
        }
        let (verb, width) = decode_rune(&self.text[self.nbytes..]);
        let verb_index = self.index_pending.then_some(self.index);
        self.nbytes += width;
        Ok(Operation {
            text: String::from_utf8_lossy(&self.text[..self.nbytes]).into_owned(),
            verb,
            verb_index,
            verb_arg: self.arg_num,
            flags,
            width: self.width,
            prec: self.prec,
            start: 0,
            end: self.nbytes,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.nbytes).copied()
    }

    /// An argument index `[n]`, which the next `*` or the verb reads.
    fn parse_index(&mut self) -> Result<(), String> {
        if self.peek() != Some(b'[') {
            return Ok(());
        }
        self.nbytes += 1;
        let start = self.nbytes;
        if let Some(n) = self.scan_num() {
            self.index = n;
        }
        let mut ok = true;
        if self.nbytes == self.text.len() || self.nbytes == start || self.peek() != Some(b']') {
            ok = false;
            let Some(close) = self.text[start..].iter().position(|&b| b == b']') else {
                return Err(format!(
                    "format {} is missing closing ]",
                    String::from_utf8_lossy(self.text)
                ));
            };
            self.nbytes = start + close;
        }
        let written = String::from_utf8_lossy(&self.text[start..self.nbytes]).into_owned();
        let n = parse_i32(&written);
        let Some(n) = n.filter(|&n| ok && n > 0) else {
            return Err(format!("format has invalid argument index [{written}]"));
        };
        self.nbytes += 1;
        self.arg_num = n as usize + self.first_arg - 1;
        self.index = n;
        self.index_pending = true;
        Ok(())
    }

    /// A decimal number at the cursor; `None` if there is none or it runs to the end.
    fn scan_num(&mut self) -> Option<i64> {
        let start = self.nbytes;
        while self.nbytes < self.text.len() {
            let c = self.text[self.nbytes];
            if !c.is_ascii_digit() {
                if start == self.nbytes {
                    return None;
                }
                let digits = std::str::from_utf8(&self.text[start..self.nbytes]).ok()?;
                return Some(parse_i32(digits).unwrap_or(i32::MAX as i64));
            }
            self.nbytes += 1;
        }
        None
    }

    /// A width or precision: digits, `*`, or (after `[n]`) an indexed `*`.
    fn parse_size(&mut self) -> Size {
        if self.peek() == Some(b'*') {
            self.nbytes += 1;
            let index = if self.index_pending {
                self.index_pending = false;
                Some(self.index)
            } else {
                None
            };
            let size = Size {
                dynamic: Some(self.arg_num),
                index,
            };
            self.arg_num += 1;
            size
        } else {
            self.scan_num();
            Size::default()
        }
    }
}

/// strconv.ParseInt(s, 10, 32): an optional sign and decimal digits that fit in an i32.
fn parse_i32(s: &str) -> Option<i64> {
    s.parse::<i32>().ok().map(i64::from)
}

/// The first character of `bytes` and its length (an invalid byte reads as U+FFFD).
fn decode_rune(bytes: &[u8]) -> (char, usize) {
    let len = match bytes.first() {
        Some(b) if *b < 0x80 => 1,
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    };
    match bytes
        .get(..len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
    {
        Some(c) => (c, len),
        None => ('\u{FFFD}', 1),
    }
}

/// Where a directive sits in the source: inside the format's string literal when it is one,
/// else the whole format argument.
fn op_range(pass: &Pass<'_>, file: usize, format_arg: ExprId, op: &Operation) -> TextRange {
    let ast = pass.ast(file);
    let range = ast.expr_range(format_arg);
    if let Expr::BasicLit {
        kind: LitKind::String,
        value,
    } = ast.expr(format_arg)
        && let (Some(start), Some(end)) = (
            offset_in_literal(value, op.start),
            offset_in_literal(value, op.end),
        )
    {
        return TextRange::new(range.start + start as u32, range.start + end as u32);
    }
    range
}

/// The offset in a string literal's source of byte `offset` of its value.
fn offset_in_literal(lit: &str, offset: usize) -> Option<usize> {
    let bytes = lit.as_bytes();
    let quote = *bytes.first()?;
    let body = bytes.get(1..bytes.len().checked_sub(1)?)?;
    let mut raw = 0; // in the body
    let mut value = 0; // in the value
    while raw < body.len() && value < offset {
        let (consumed, produced) = if quote == b'`' || body[raw] != b'\\' {
            let (_, len) = decode_rune(&body[raw..]);
            (len, len)
        } else {
            escape_len(&body[raw..])
        };
        raw += consumed;
        value += produced;
    }
    (value >= offset).then_some(raw + 1)
}

/// The source length of an escape sequence at the start of `s` and the length of its value.
fn escape_len(s: &[u8]) -> (usize, usize) {
    let hex = |n: usize| -> u32 {
        std::str::from_utf8(s.get(2..2 + n).unwrap_or_default())
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    let rune_len = |c: u32| char::from_u32(c).map_or(3, char::len_utf8);
    match s.get(1) {
        Some(b'x') => (4, rune_len(hex(2))),
        Some(b'u') => (6, rune_len(hex(4))),
        Some(b'U') => (10, rune_len(hex(8))),
        Some(b'0'..=b'7') => {
            let v = std::str::from_utf8(s.get(1..4).unwrap_or_default())
                .ok()
                .and_then(|o| u32::from_str_radix(o, 8).ok())
                .unwrap_or(0);
            (4, rune_len(v))
        }
        _ => (2, 1),
    }
}

/// The first `%...` in a Print argument that reads like a Printf directive (not a `%XX`
/// URL escape), as go vet's pattern matches them.
fn possible_directive(s: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' {
            i += 1;
            continue;
        }
        let Some(end) = directive_end(s, i) else {
            i += 1;
            continue;
        };
        let m = &s[i..end];
        if m.len() >= 3 && m[1].is_ascii_hexdigit() && m[2].is_ascii_hexdigit() {
            i = end;
            continue;
        }
        return Some(String::from_utf8_lossy(m).into_owned());
    }
    None
}

/// The end of the directive starting at `s[at] == '%'`:
/// `%[+\-#]*([0-9]+|(\[[0-9]+\])?\*)?\.?([0-9]+|(\[[0-9]+\])?\*)?(\[[0-9]+\])?[verb]`,
/// the alternatives tried in the pattern's order.
fn directive_end(s: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while i < s.len() && b"+-#".contains(&s[i]) {
        i += 1;
    }
    for after_width in num_opt(s, i) {
        let dots: &[usize] = if s.get(after_width) == Some(&b'.') {
            &[after_width + 1, after_width]
        } else {
            &[after_width]
        };
        for &after_dot in dots {
            for after_prec in num_opt(s, after_dot) {
                let mut ends = Vec::new();
                if let Some(j) = bracket_num(s, after_prec) {
                    ends.push(j);
                }
                ends.push(after_prec);
                for j in ends {
                    if s.get(j).is_some_and(|c| b"bcdefgopqstvxEFGTUX".contains(c)) {
                        return Some(j + 1);
                    }
                }
            }
        }
    }
    None
}

/// Where `([0-9]+|(\[[0-9]+\])?\*)?` can end when starting at `i`, in preference order.
fn num_opt(s: &[u8], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let digits = s[i.min(s.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 0 {
        out.push(i + digits);
    }
    if let Some(j) = bracket_num(s, i)
        && s.get(j) == Some(&b'*')
    {
        out.push(j + 1);
    }
    if s.get(i) == Some(&b'*') {
        out.push(i + 1);
    }
    out.push(i);
    out
}

/// The end of `\[[0-9]+\]` at `i`.
fn bracket_num(s: &[u8], i: usize) -> Option<usize> {
    if s.get(i) != Some(&b'[') {
        return None;
    }
    let digits = s[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0 && s.get(i + 1 + digits) == Some(&b']')).then_some(i + digits + 2)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "printf");
    }

    #[test]
    fn format_parsing() {
        let ops = super::parse_format(b"%[2]*.[1]*[3]d x %s", 0).unwrap();
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].text, "%[2]*.[1]*[3]d");
        assert_eq!(ops[0].verb_arg, 3);
        assert_eq!(ops[0].width.dynamic, Some(2));
        assert_eq!(ops[0].prec.dynamic, Some(1));
        assert_eq!(ops[1].verb_arg, 4);
        assert_eq!(
            super::parse_format(b"%[0]d", 0).unwrap_err(),
            "format has invalid argument index [0]"
        );
        assert_eq!(
            super::parse_format(b"%[xd", 0).unwrap_err(),
            "format %[xd is missing closing ]"
        );
        assert_eq!(
            super::parse_format(b"d%", 0).unwrap_err(),
            "format % is missing verb at end of string"
        );
        assert_eq!(
            super::possible_directive(b"q%2Fabc-%s").as_deref(),
            Some("%s")
        );
        assert_eq!(
            super::possible_directive(b"%[1]d").as_deref(),
            Some("%[1]d")
        );
        assert_eq!(super::possible_directive(b"100 % sure"), None);
    }
}
