//! Walking a file's syntax tree in source order, with the path from the root to each node
//! (go/ast's `Inspect` with an `inspector.Cursor`'s parents).
//!
//! Most analyzers need less: every call in a file is simply every [`Expr::Call`] in the
//! file's expression arena (`file.exprs`), and that scan is the cheapest. Walk when the
//! enclosing statement or function matters.

use syntax::TextRange;
use syntax::ast::{Decl, DeclId, Expr, ExprId, Field, File, InterfaceElem, Spec, Stmt, StmtId};

/// A node of the tree.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Node {
    Decl(DeclId),
    Stmt(StmtId),
    Expr(ExprId),
}

impl Node {
    pub fn range(self, file: &File) -> TextRange {
        match self {
            Node::Decl(d) => match file.decl(d) {
                Decl::Func(f) => f.range,
                Decl::Gen(g) => g.range,
            },
            Node::Stmt(s) => file.stmt_range(s),
            Node::Expr(e) => file.expr_range(e),
        }
    }
}

/// Calls `visit(node, parents)` for every node of `file` in source order, parents outermost
/// first; `visit` returns whether to descend into the node.
pub fn preorder(file: &File, visit: &mut dyn FnMut(Node, &[Node]) -> bool) {
    let mut stack = Vec::new();
    for &d in &file.decls {
        walk(file, Node::Decl(d), &mut stack, visit);
    }
}

/// Like [`preorder`], from `root` (whose parents are not known).
pub fn preorder_from(file: &File, root: Node, visit: &mut dyn FnMut(Node, &[Node]) -> bool) {
    walk(file, root, &mut Vec::new(), visit);
}

fn walk(
    file: &File,
    node: Node,
    stack: &mut Vec<Node>,
    visit: &mut dyn FnMut(Node, &[Node]) -> bool,
) {
    if !visit(node, stack) {
        return;
    }
    stack.push(node);
    for child in children(file, node) {
        walk(file, child, stack, visit);
    }
    stack.pop();
}

/// The direct children of `node`, in source order.
pub fn children(file: &File, node: Node) -> Vec<Node> {
    let mut out = Vec::new();
    match node {
        Node::Decl(d) => decl_children(file, d, &mut out),
        Node::Stmt(s) => stmt_children(file, s, &mut out),
        Node::Expr(e) => expr_children(file, e, &mut out),
    }
    out
}

fn fields(fields: &[Field], out: &mut Vec<Node>) {
    out.extend(fields.iter().map(|f| Node::Expr(f.ty)));
}

fn decl_children(file: &File, d: DeclId, out: &mut Vec<Node>) {
    match file.decl(d) {
        Decl::Func(f) => {
            if let Some(recv) = &f.recv {
                out.push(Node::Expr(recv.ty));
            }
            fields(&f.type_params, out);
            fields(&f.sig.params, out);
            fields(&f.sig.results, out);
            out.extend(f.body.map(Node::Stmt));
        }
        Decl::Gen(g) => {
            for spec in &g.specs {
                match spec {
                    Spec::Value { ty, values, .. } => {
                        out.extend(ty.map(Node::Expr));
                        out.extend(values.iter().map(|&v| Node::Expr(v)));
                    }
                    Spec::Type {
                        type_params, ty, ..
                    } => {
                        fields(type_params, out);
                        out.push(Node::Expr(*ty));
                    }
                }
            }
        }
    }
}

fn stmt_children(file: &File, s: StmtId, out: &mut Vec<Node>) {
    let e = |e: &ExprId| Node::Expr(*e);
    let st = |s: &StmtId| Node::Stmt(*s);
    match file.stmt(s) {
        Stmt::Bad | Stmt::Empty | Stmt::Branch { .. } => {}
        Stmt::Decl(d) => out.push(Node::Decl(*d)),
        Stmt::Labeled { stmt, .. } => out.push(st(stmt)),
        Stmt::Expr(x) | Stmt::Go(x) | Stmt::Defer(x) => out.push(e(x)),
        Stmt::Send { chan, value } => out.extend([e(chan), e(value)]),
        Stmt::IncDec { x, .. } => out.push(e(x)),
        Stmt::Assign { lhs, rhs, .. } => out.extend(lhs.iter().chain(rhs).map(e)),
        Stmt::Return(results) => out.extend(results.iter().map(e)),
        Stmt::Block { stmts, .. } => out.extend(stmts.iter().map(st)),
        Stmt::If {
            init,
            cond,
            then,
            els,
        } => {
            out.extend(init.iter().map(st));
            out.push(e(cond));
            out.push(st(then));
            out.extend(els.iter().map(st));
        }
        Stmt::Switch { init, tag, clauses } => {
            out.extend(init.iter().map(st));
            out.extend(tag.iter().map(e));
            for clause in clauses {
                out.extend(clause.list.iter().flatten().map(e));
                out.extend(clause.body.iter().map(st));
            }
        }
        Stmt::TypeSwitch {
            init, x, clauses, ..
        } => {
            out.extend(init.iter().map(st));
            out.push(e(x));
            for clause in clauses {
                out.extend(clause.list.iter().flatten().map(e));
                out.extend(clause.body.iter().map(st));
            }
        }
        Stmt::Select { clauses } => {
            for clause in clauses {
                out.extend(clause.comm.iter().map(st));
                out.extend(clause.body.iter().map(st));
            }
        }
        Stmt::For {
            init,
            cond,
            post,
            body,
        } => {
            out.extend(init.iter().map(st));
            out.extend(cond.iter().map(e));
            out.extend(post.iter().map(st));
            out.push(st(body));
        }
        Stmt::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            out.extend(key.iter().chain(value).map(e));
            out.push(e(x));
            out.push(st(body));
        }
    }
}

fn expr_children(file: &File, x: ExprId, out: &mut Vec<Node>) {
    let e = |e: &ExprId| Node::Expr(*e);
    match file.expr(x) {
        Expr::Bad | Expr::Name(_) | Expr::BasicLit { .. } => {}
        Expr::CompositeLit { ty, elts, .. } => {
            out.extend(ty.iter().map(e));
            out.extend(elts.iter().map(e));
        }
        Expr::KeyValue { key, value } => out.extend([e(key), e(value)]),
        Expr::FuncLit { sig, body } => {
            fields(&sig.params, out);
            fields(&sig.results, out);
            out.push(Node::Stmt(*body));
        }
        Expr::Paren(y) | Expr::Star(y) => out.push(e(y)),
        Expr::Selector { x, .. } => out.push(e(x)),
        Expr::Index { x, indices } => {
            out.push(e(x));
            out.extend(indices.iter().map(e));
        }
        Expr::Slice {
            x, low, high, max, ..
        } => {
            out.push(e(x));
            out.extend(low.iter().chain(high).chain(max).map(e));
        }
        Expr::TypeAssert { x, ty } => {
            out.push(e(x));
            out.extend(ty.iter().map(e));
        }
        Expr::Call { fun, args, .. } => {
            out.push(e(fun));
            out.extend(args.iter().map(e));
        }
        Expr::Unary { x, .. } => out.push(e(x)),
        Expr::Binary { x, y, .. } => out.extend([e(x), e(y)]),
        Expr::Ellipsis(elem) => out.extend(elem.iter().map(e)),
        Expr::ArrayType { len, elem } => {
            out.extend(len.iter().map(e));
            out.push(e(elem));
        }
        Expr::StructType { fields: fs } => fields(fs, out),
        Expr::FuncType(sig) => {
            fields(&sig.params, out);
            fields(&sig.results, out);
        }
        Expr::InterfaceType { elems } => {
            for elem in elems {
                match elem {
                    InterfaceElem::Method { sig, .. } => {
                        fields(&sig.params, out);
                        fields(&sig.results, out);
                    }
                    InterfaceElem::Type(t) => out.push(e(t)),
                }
            }
        }
        Expr::MapType { key, value } => out.extend([e(key), e(value)]),
        Expr::ChanType { elem, .. } => out.push(e(elem)),
    }
}

/// A function with a body: a declaration or a literal.
#[derive(Clone, Copy, Debug)]
pub enum Func {
    Decl(DeclId),
    Lit(ExprId),
}

impl Func {
    pub fn body(self, file: &File) -> Option<StmtId> {
        match self {
            Func::Decl(d) => match file.decl(d) {
                Decl::Func(f) => f.body,
                Decl::Gen(_) => None,
            },
            Func::Lit(e) => match file.expr(e) {
                Expr::FuncLit { body, .. } => Some(*body),
                _ => None,
            },
        }
    }

    pub fn sig(self, file: &File) -> Option<&syntax::ast::FuncType> {
        match self {
            Func::Decl(d) => match file.decl(d) {
                Decl::Func(f) => Some(&f.sig),
                Decl::Gen(_) => None,
            },
            Func::Lit(e) => match file.expr(e) {
                Expr::FuncLit { sig, .. } => Some(sig),
                _ => None,
            },
        }
    }
}

/// Every function of `file` with a body, declarations and literals, in source order.
pub fn funcs(file: &File) -> Vec<Func> {
    let mut out = Vec::new();
    preorder(file, &mut |node, _| {
        match node {
            Node::Decl(d) if matches!(file.decl(d), Decl::Func(f) if f.body.is_some()) => {
                out.push(Func::Decl(d));
            }
            Node::Expr(e) if matches!(file.expr(e), Expr::FuncLit { .. }) => {
                out.push(Func::Lit(e));
            }
            _ => {}
        }
        true
    });
    out
}

/// The innermost function among `parents` (a [`preorder`] path), if any.
pub fn enclosing_func(file: &File, parents: &[Node]) -> Option<Func> {
    parents.iter().rev().find_map(|&node| match node {
        Node::Decl(d) if matches!(file.decl(d), Decl::Func(_)) => Some(Func::Decl(d)),
        Node::Expr(e) if matches!(file.expr(e), Expr::FuncLit { .. }) => Some(Func::Lit(e)),
        _ => None,
    })
}

/// The nodes of `file` whose range contains `range`, outermost first (go/ast's
/// `PathEnclosingInterval` without the file): where a type error's range sits, and what
/// encloses it. Names and fields are not nodes: the path of a declared name ends at its
/// declaration.
pub fn enclosing_path(file: &File, range: TextRange) -> Vec<Node> {
    let mut path: Vec<Node> = Vec::new();
    preorder(file, &mut |node, parents| {
        // Once a sibling branch was taken, nodes outside it cannot be on the path.
        if parents.len() != path.len() {
            return false;
        }
        let r = node.range(file);
        let inside = r.start <= range.start && range.end <= r.end;
        if inside {
            path.push(node);
        }
        inside
    });
    path
}
