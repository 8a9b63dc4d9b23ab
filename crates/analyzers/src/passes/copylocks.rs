//! copylocks: values containing locks (sync.Mutex, sync.WaitGroup, atomic types, ...) copied
//! by assignment, declaration, literal, call, return, range, or passed by value.

use std::collections::HashMap;

use hir::World;
use hir::objects::ObjKind;
use hir::types::{Type, TypeId};
use syntax::ast::{AssignOp, Decl, Expr, ExprId, Field, GenKind, Spec, Stmt, StmtId};

use crate::util::unparen;
use crate::walk::{self, Node};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "copylocks",
    doc: "check for locks erroneously passed by value\n\n\
          A lock such as sync.Mutex or sync.WaitGroup must not be copied once used: the copy \
          and the original then guard nothing in common. This reports values that contain a \
          lock being assigned, declared, put in literals, passed to functions, returned, \
          ranged over or received by value; such values should be used through a pointer.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    let mut locks = Locks::default();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let mut nodes = Vec::new();
        walk::preorder(ast, &mut |node, parents| {
            nodes.push((node, parents.last().copied()));
            true
        });
        for (node, parent) in nodes {
            check_node(pass, &mut locks, file, node, parent);
        }
    }
}

fn check_node(
    pass: &mut Pass<'_>,
    locks: &mut Locks,
    file: usize,
    node: Node,
    parent: Option<Node>,
) {
    let ast = pass.ast(file);
    match node {
        Node::Decl(d) => match ast.decl(d) {
            Decl::Func(f) => {
                check_func(
                    pass,
                    locks,
                    file,
                    &f.name.text,
                    f.recv.as_ref(),
                    &f.sig.params,
                );
            }
            Decl::Gen(g) if g.kind == GenKind::Var => {
                for spec in &g.specs {
                    let Spec::Value { names, values, .. } = spec else {
                        continue;
                    };
                    for (i, &x) in values.iter().enumerate() {
                        let Some(path) = lock_path_rhs(pass, locks, file, x) else {
                            continue;
                        };
                        let name = names.get(i).map_or("", |n| n.as_str());
                        let message = format!(
                            "variable declaration copies lock value to {name}: {}",
                            path_string(&path)
                        );
                        pass.report(file, ast.expr_range(x), message);
                    }
                }
            }
            Decl::Gen(_) => {}
        },
        Node::Expr(e) => match ast.expr(e) {
            Expr::FuncLit { sig, .. } => check_func(pass, locks, file, "func", None, &sig.params),
            Expr::Call { .. } => check_call(pass, locks, file, e),
            Expr::CompositeLit { elts, .. } => {
                for &elt in elts {
                    let x = match ast.expr(elt) {
                        Expr::KeyValue { value, .. } => *value,
                        _ => elt,
                    };
                    if let Some(path) = lock_path_rhs(pass, locks, file, x) {
                        let message = format!(
                            "literal copies lock value from {}: {}",
                            source(pass, file, x),
                            path_string(&path)
                        );
                        pass.report(file, ast.expr_range(x), message);
                    }
                }
            }
            _ => {}
        },
        Node::Stmt(s) => match ast.stmt(s) {
            Stmt::Assign { lhs, op, rhs } => {
                check_assign(pass, locks, file, s, lhs, *op, rhs, parent)
            }
            Stmt::Return(results) => {
                for &x in results {
                    if let Some(path) = lock_path_rhs(pass, locks, file, x) {
                        let message = format!("return copies lock value: {}", path_string(&path));
                        pass.report(file, ast.expr_range(x), message);
                    }
                }
            }
            Stmt::Range {
                key, value, define, ..
            } => {
                for x in key.iter().chain(value) {
                    check_range_var(pass, locks, file, *x, *define);
                }
            }
            _ => {}
        },
    }
}

/// A function's receiver and parameters, received by value.
fn check_func(
    pass: &mut Pass<'_>,
    locks: &mut Locks,
    file: usize,
    name: &str,
    recv: Option<&Field>,
    params: &[Field],
) {
    let ast = pass.ast(file);
    for field in recv.into_iter().chain(params) {
        let Some(tv) = pass.type_and_value(file, field.ty) else {
            continue;
        };
        if !tv.is_type {
            continue;
        }
        if let Some(path) = locks.path(pass.world, tv.ty) {
            let message = format!("{name} passes lock by value: {}", path_string(&path));
            pass.report(file, ast.expr_range(field.ty), message);
        }
    }
}

fn check_call(pass: &mut Pass<'_>, locks: &mut Locks, file: usize, call: ExprId) {
    let ast = pass.ast(file);
    let Expr::Call { fun, args, .. } = ast.expr(call) else {
        return;
    };
    // Builtins that only look at their argument's type, or do not copy it. Like go vet, only
    // a builtin named directly (or through `unsafe.`) counts.
    let id = match ast.expr(*fun) {
        Expr::Name(n) => Some(n),
        Expr::Selector { sel, .. } => Some(sel),
        _ => None,
    };
    if let Some(id) = id
        && let Some(obj) = pass.object_of(file, id)
        && let ObjKind::Builtin(b) = pass.world.obj(obj).kind
        && matches!(b.name(), "len" | "cap" | "Sizeof" | "Offsetof" | "Alignof")
    {
        return;
    }
    for &x in args {
        if let Some(path) = lock_path_rhs(pass, locks, file, x) {
            let message = format!(
                "call of {} copies lock value: {}",
                source(pass, file, *fun),
                path_string(&path)
            );
            pass.report(file, ast.expr_range(x), message);
        }
    }
}

fn check_assign(
    pass: &mut Pass<'_>,
    locks: &mut Locks,
    file: usize,
    stmt: StmtId,
    lhs: &[ExprId],
    op: AssignOp,
    rhs: &[ExprId],
    parent: Option<Node>,
) {
    let ast = pass.ast(file);
    let mut reported = false;
    for (i, &x) in rhs.iter().enumerate() {
        let Some(path) = lock_path_rhs(pass, locks, file, x) else {
            continue;
        };
        let to = lhs.get(i).map_or(String::new(), |&l| source(pass, file, l));
        let message = format!(
            "assignment copies lock value to {to}: {}",
            path_string(&path)
        );
        pass.report(file, ast.expr_range(x), message);
        reported = true;
    }
    // Since go1.22 each iteration of a three-clause loop copies the variables its init
    // statement declares; one finding per statement is enough.
    if reported || op != AssignOp::Define {
        return;
    }
    let Some(Node::Stmt(p)) = parent else {
        return;
    };
    if !matches!(ast.stmt(p), Stmt::For { init: Some(init), .. } if *init == stmt) {
        return;
    }
    let version = *locks
        .versions
        .entry(file)
        .or_insert_with(|| crate::util::file_go_version(pass, file));
    if version < (1, 22) {
        return;
    }
    for &l in lhs {
        let Expr::Name(name) = ast.expr(l) else {
            continue;
        };
        if name.is_blank() {
            continue;
        }
        let Some(obj) = pass.def_of(file, name) else {
            continue;
        };
        if let Some(path) = locks.path(pass.world, pass.world.obj(obj).ty) {
            let message = format!(
                "for loop iteration copies lock value to {}: {}",
                name.as_str(),
                path_string(&path)
            );
            pass.report(file, ast.expr_range(l), message);
        }
    }
}

fn check_range_var(pass: &mut Pass<'_>, locks: &mut Locks, file: usize, x: ExprId, define: bool) {
    let ast = pass.ast(file);
    let name = match ast.expr(x) {
        Expr::Name(n) => Some(n),
        _ => None,
    };
    if name.is_some_and(|n| n.is_blank()) {
        return;
    }
    let ty = if define {
        let Some(name) = name else {
            return;
        };
        let Some(obj) = pass.def_of(file, name) else {
            return;
        };
        pass.world.obj(obj).ty
    } else {
        let Some(ty) = pass.type_of(file, x) else {
            return;
        };
        ty
    };
    if let Some(path) = locks.path(pass.world, ty) {
        let message = format!(
            "range var {} copies lock: {}",
            source(pass, file, x),
            path_string(&path)
        );
        pass.report(file, ast.expr_range(x), message);
    }
}

/// The expression as written (go vet formats the node; for gofmt'ed code that is the same).
fn source(pass: &Pass<'_>, file: usize, e: ExprId) -> String {
    pass.text(file, pass.ast(file).expr_range(e)).to_string()
}

/// The lock path of a value being copied from `x`, unless `x` makes a fresh value: a
/// composite literal, or a call (which may return a zero value, or a pointer to one).
fn lock_path_rhs(
    pass: &Pass<'_>,
    locks: &mut Locks,
    file: usize,
    x: ExprId,
) -> Option<Vec<String>> {
    let ast = pass.ast(file);
    let x = unparen(ast, x);
    match ast.expr(x) {
        Expr::CompositeLit { .. } | Expr::Call { .. } => return None,
        Expr::Star(inner) if matches!(ast.expr(unparen(ast, *inner)), Expr::Call { .. }) => {
            return None;
        }
        _ => {}
    }
    let tv = pass.type_and_value(file, x)?;
    if tv.is_type || tv.ty == hir::types::ids::INVALID {
        return None;
    }
    locks.path(pass.world, tv.ty)
}

/// "outer contains ... contains lock", outermost first.
fn path_string(path: &[String]) -> String {
    let mut parts: Vec<&str> = path.iter().map(String::as_str).collect();
    parts.reverse();
    parts.join(" contains ")
}

/// What copylocks remembers across a package: the lock paths of the types met so far (a large
/// struct type is met at every expression of its type), which struct types are locks, and the
/// files' language versions.
#[derive(Default)]
struct Locks {
    paths: HashMap<TypeId, Option<Vec<String>>>,
    locks: HashMap<TypeId, bool>,
    /// Each file's language version (read from its comments once).
    versions: HashMap<usize, (u32, u32)>,
}

impl Locks {
    /// Where `ty` holds a lock by value, innermost type first; `None` if it holds none.
    fn path(&mut self, world: &World, ty: TypeId) -> Option<Vec<String>> {
        if let Some(known) = self.paths.get(&ty) {
            return known.clone();
        }
        let path = lock_path_in(world, ty, &mut Vec::new(), &mut self.locks);
        self.paths.insert(ty, path.clone());
        path
    }
}

fn lock_path_in(
    world: &World,
    ty: TypeId,
    seen: &mut Vec<TypeId>,
    locks: &mut HashMap<TypeId, bool>,
) -> Option<Vec<String>> {
    if seen.contains(&ty) || seen.len() > 64 {
        return None;
    }
    seen.push(ty);

    // A type parameter holds a lock if a term of its constraint does.
    if world.is_type_param(ty) {
        for term in world.type_set(ty).terms {
            let Some(mut sub) = lock_path_in(world, term.ty, seen, locks) else {
                continue;
            };
            if term.tilde
                && let Some(last) = sub.last_mut()
            {
                *last = format!("~{last}");
            }
            sub.push(world.type_string_by_path(ty));
            return Some(sub);
        }
        return None;
    }

    let mut ty = ty;
    let mut guard = 0;
    while let Type::Array { elem, .. } = world.ty(world.under(ty)) {
        ty = *elem;
        guard += 1;
        if guard > 64 {
            return None;
        }
    }

    let under = world.under(ty);
    if let Type::Tuple(vars) = world.ty(under) {
        for &v in vars {
            if let Some(mut sub) = lock_path_in(world, world.obj(v).ty, seen, locks) {
                sub.push(world.type_string_by_path(ty));
                return Some(sub);
            }
        }
        return None;
    }

    // Only structs hold locks by value: interfaces and pointers are safe to copy.
    let Type::Struct(st) = world.ty(under) else {
        return None;
    };
    let lock = *locks.entry(ty).or_insert_with(|| is_lock(world, ty));
    if lock || crate::util::is_named(world, ty, "sync", "noCopy") {
        return Some(vec![world.type_string_by_path(ty)]);
    }
    for &field in &st.fields {
        if let Some(mut sub) = lock_path_in(world, world.obj(field).ty, seen, locks) {
            sub.push(world.type_string_by_path(ty));
            return Some(sub);
        }
    }
    None
}

/// Whether `*ty` is a sync.Locker but `ty` is not: its Lock and Unlock have pointer receivers.
/// (An embedded Locker interface or pointer makes the value a Locker, and safe to copy.)
fn is_lock(world: &World, ty: TypeId) -> bool {
    let locker = |addressable| {
        ["Lock", "Unlock"]
            .iter()
            .all(|name| has_nullary_method(world, ty, name, addressable))
    };
    locker(true) && !locker(false)
}

fn has_nullary_method(world: &World, ty: TypeId, name: &str, addressable: bool) -> bool {
    let found = world.lookup_field_or_method(ty, addressable, None, name);
    let Some(obj) = found.obj else {
        return false;
    };
    let o = world.obj(obj);
    if !matches!(o.kind, ObjKind::Func { .. }) {
        return false;
    }
    let Type::Signature(sig) = world.ty(o.ty) else {
        return false;
    };
    world.tuple_vars(sig.params).is_empty() && world.tuple_vars(sig.results).is_empty()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "copylocks");
    }
}
