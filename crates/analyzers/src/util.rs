//! Small questions many analyzers ask: about expressions (through parentheses), constants,
//! and types by their package path and name.

use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};
use syntax::ast::{Expr, ExprId, File};

use crate::Pass;

/// `e` without enclosing parentheses.
pub fn unparen(file: &File, mut e: ExprId) -> ExprId {
    while let Expr::Paren(x) = file.expr(e) {
        e = *x;
    }
    e
}

/// The value of `e` if it is a string constant.
pub fn string_constant(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<String> {
    let value = pass.type_and_value(file, e)?.value.as_ref()?;
    let bytes = value.string_bytes()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The value of `e` if it is an integer constant that fits in an i64.
pub fn int_constant(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<i64> {
    pass.type_and_value(file, e)?.value.as_ref()?.to_i64()
}

/// The package path and name of a named type (or alias), after one pointer if `deref`.
pub fn named_path(world: &World, mut ty: TypeId, deref: bool) -> Option<(&str, &str)> {
    if deref && let Type::Pointer(elem) = world.ty(ty) {
        ty = *elem;
    }
    let obj = match world.ty(ty) {
        Type::Named(named) => named.obj,
        Type::Alias(alias) => alias.obj,
        _ => return None,
    };
    let o = world.obj(obj);
    let pkg = world.package(o.pkg?);
    Some((&pkg.path, &o.name))
}

/// Whether `ty` is the named type `path.name` (through aliases).
pub fn is_named(world: &World, ty: TypeId, path: &str, name: &str) -> bool {
    named_path(world, world.unalias(ty), false) == Some((path, name))
}

/// Whether `ty` is `*path.name` (through aliases).
pub fn is_pointer_to(world: &World, ty: TypeId, path: &str, name: &str) -> bool {
    match world.ty(world.unalias(ty)) {
        Type::Pointer(elem) => is_named(world, *elem, path, name),
        _ => false,
    }
}

/// Whether `obj` is the package-level function `path.name`.
pub fn is_func(world: &World, obj: ObjId, path: &str, name: &str) -> bool {
    let o = world.obj(obj);
    matches!(o.kind, ObjKind::Func { .. })
        && &*o.name == name
        && o.pkg.is_some_and(|p| &*world.package(p).path == path)
        && matches!(world.ty(o.ty), Type::Signature(sig) if sig.recv.is_none())
}

/// The method `name` in the method set of `ty` (for a pointer receiver method, `ty` must be a
/// pointer or `addressable`), as seen from anywhere (exported names) or from `ty`'s package.
pub fn method(world: &World, ty: TypeId, name: &str, addressable: bool) -> Option<ObjId> {
    let pkg = match world.ty(world.unalias(ty)) {
        Type::Named(named) => world.obj(named.obj).pkg,
        Type::Pointer(elem) => match world.ty(world.unalias(*elem)) {
            Type::Named(named) => world.obj(named.obj).pkg,
            _ => None,
        },
        _ => None,
    };
    let found = world.lookup_field_or_method(ty, addressable, pkg, name);
    let obj = found.obj?;
    matches!(world.obj(obj).kind, ObjKind::Func { .. }).then_some(obj)
}

/// The parameter and result types of a signature type.
pub fn signature_types(world: &World, sig: TypeId) -> Option<(Vec<TypeId>, Vec<TypeId>, bool)> {
    let Type::Signature(sig) = world.ty(world.under(sig)) else {
        return None;
    };
    let types = |tuple| {
        world
            .tuple_vars(tuple)
            .iter()
            .map(|&v| world.obj(v).ty)
            .collect()
    };
    Some((types(sig.params), types(sig.results), sig.variadic))
}

/// The 1-based line of `offset` in `text` (for messages that name another line).
pub fn line_of(text: &str, offset: u32) -> usize {
    let end = (offset as usize).min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The comments of a Go file, grouped as go/parser groups them (go/ast's `CommentGroup`):
/// comments with no token and no blank line between them form a group, and a comment on the
/// line of a previous token starts a group of its own that takes only further comments on
/// that line. Each comment's range covers `//...` (without the newline) or `/*...*/`. String,
/// raw string and rune literals are skipped, so comment-like text inside them is not found.
pub fn comment_groups(text: &str) -> Vec<Vec<syntax::TextRange>> {
    let mut groups: Vec<Vec<syntax::TextRange>> = Vec::new();
    // The group being built: its comments, the line its last comment ends on, and how many
    // lines may separate its comments (0 for a group begun on a token's line, else 1).
    let mut current: Vec<syntax::TextRange> = Vec::new();
    let mut end_line = 0usize;
    let mut gap = 1usize;
    // The line the last token began on (0: none yet), and whether one came after the last
    // comment. Semicolons the scanner inserts count as tokens: at a newline after a token
    // that can end a statement (`insert_semi`), and after a /*...*/ comment spanning lines
    // there.
    let mut token_line = 0usize;
    let mut token_since_comment = true;
    let mut insert_semi = false;
    let bytes = text.as_bytes();
    let mut line = 1usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            if insert_semi {
                token_line = line;
                token_since_comment = true;
                insert_semi = false;
            }
            line += 1;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let is_comment = c == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
        if !is_comment {
            token_line = line;
            token_since_comment = true;
            (i, insert_semi) = skip_token(bytes, i, &mut line);
            continue;
        }
        let start = i;
        let start_line = line;
        if bytes[i + 1] == b'/' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            i += 2;
            while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                if bytes[i] == b'\n' {
                    line += 1;
                }
                i += 1;
            }
            i = (i + 2).min(bytes.len());
        }
        let range = syntax::TextRange::new(start as u32, i as u32);
        let starts_run = token_since_comment;
        if starts_run || start_line > end_line + gap {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
            gap = if starts_run && start_line == token_line {
                0
            } else {
                1
            };
        }
        current.push(range);
        end_line = line;
        token_since_comment = false;
        if insert_semi && line > start_line {
            // The semicolon stands at the comment's first newline.
            token_line = start_line;
            token_since_comment = true;
            insert_semi = false;
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// The end of the token (or run of operator and identifier characters) starting at `i`, and
/// whether a newline after it ends a statement: literals are skipped whole, counting the
/// newlines of raw strings into `line`.
fn skip_token(bytes: &[u8], mut i: usize, line: &mut usize) -> (usize, bool) {
    match bytes[i] {
        quote @ (b'"' | b'\'') => {
            i += 1;
            while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            ((i + 1).min(bytes.len()), true)
        }
        b'`' => {
            i += 1;
            while i < bytes.len() && bytes[i] != b'`' {
                if bytes[i] == b'\n' {
                    *line += 1;
                }
                i += 1;
            }
            ((i + 1).min(bytes.len()), true)
        }
        _ => {
            let start = i;
            i += 1;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'"' | b'\'' | b'`' | b'/')
            {
                i += 1;
            }
            (i, ends_statement(&bytes[start..i]))
        }
    }
}

/// Whether a run of identifier and operator characters ends with a token after which Go's
/// scanner turns a newline into a semicolon: a name, a number, one of `break`, `continue`,
/// `fallthrough` and `return` (not another keyword), `)`, `]`, `}`, `++` or `--`.
fn ends_statement(run: &[u8]) -> bool {
    let word_len = run
        .iter()
        .rev()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        .count();
    if word_len == 0 {
        return matches!(run.last(), Some(b')' | b']' | b'}'))
            || run.ends_with(b"++")
            || run.ends_with(b"--");
    }
    const KEYWORDS: &[&[u8]] = &[
        b"case",
        b"chan",
        b"const",
        b"default",
        b"defer",
        b"else",
        b"for",
        b"func",
        b"go",
        b"goto",
        b"if",
        b"import",
        b"interface",
        b"map",
        b"package",
        b"range",
        b"select",
        b"struct",
        b"switch",
        b"type",
        b"var",
    ];
    let word = &run[run.len() - word_len..];
    !KEYWORDS.contains(&word)
}

// ---- appended by the structtag/bools/assign/shift helper: expressions as gofmt prints them,
// ---- and expressions without side effects.

/// `e` as gofmt would print it on one line (go/analysis' `astutil.Format`, which go vet uses
/// in messages and to compare expressions): spaces around binary operators follow go/printer's
/// precedence rules (`a + b*c`, `x == 1 || y == 2`). Function literals and struct, interface
/// and function types are printed as written.
pub fn format_expr(file: &File, text: &str, e: ExprId) -> String {
    let mut printer = ExprPrinter {
        file,
        text,
        out: String::new(),
    };
    printer.expr1(e, 0, 1);
    printer.out
}

struct ExprPrinter<'a> {
    file: &'a File,
    text: &'a str,
    out: String,
}

const UNARY_PREC: u8 = 6;
const HIGHEST_PREC: u8 = 7;

fn precedence(op: syntax::ast::BinaryOp) -> u8 {
    use syntax::ast::BinaryOp::*;
    match op {
        LogOr => 1,
        LogAnd => 2,
        Eql | Neq | Lss | Leq | Gtr | Geq => 3,
        Add | Sub | Or | Xor => 4,
        Mul | Quo | Rem | Shl | Shr | And | AndNot => 5,
    }
}

impl ExprPrinter<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A token that could merge with the previous one (`- -x`, `& ^x`): go/printer separates
    /// such tokens with a blank.
    fn push_op(&mut self, op: &str) {
        let combine = matches!(
            (self.out.chars().last(), op.chars().next()),
            (Some('+'), Some('+'))
                | (Some('-'), Some('-'))
                | (Some('/'), Some('*'))
                | (Some('<'), Some('-' | '<'))
                | (Some('&'), Some('&' | '^'))
        );
        if combine {
            self.out.push(' ');
        }
        self.out.push_str(op);
    }

    fn source(&mut self, e: ExprId) {
        let range = self.file.expr_range(e);
        let written = self
            .text
            .get(range.start as usize..range.end as usize)
            .unwrap_or("");
        self.out.push_str(written);
    }

    fn expr0(&mut self, e: ExprId, depth: u32) {
        self.expr1(e, 0, depth);
    }

    fn list(&mut self, items: &[ExprId], depth: u32) {
        for (i, &item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.expr0(item, depth);
        }
    }

    fn expr1(&mut self, e: ExprId, prec1: u8, depth: u32) {
        use syntax::ast::{ChanDir, UnaryOp};
        let file = self.file;
        match file.expr(e) {
            Expr::Bad => self.push("BadExpr"),
            Expr::Name(name) => self.push(name.as_str()),
            Expr::BasicLit { value, .. } => self.push(value),
            Expr::Binary { .. } => self.binary(e, prec1, cutoff(file, e, depth.max(1)), depth),
            Expr::KeyValue { key, value } => {
                self.expr0(*key, 1);
                self.push(": ");
                self.expr0(*value, 1);
            }
            Expr::Star(x) => {
                self.push_op("*");
                self.expr0(*x, 1);
            }
            Expr::Unary { op, x } => {
                let op = match op {
                    UnaryOp::Pos => "+",
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                    UnaryOp::Xor => "^",
                    UnaryOp::Addr => "&",
                    UnaryOp::Recv => "<-",
                    UnaryOp::Tilde => "~",
                };
                self.push_op(op);
                self.expr1(*x, UNARY_PREC, depth);
            }
            Expr::Paren(x) => {
                if matches!(file.expr(*x), Expr::Paren(_)) {
                    self.expr0(*x, depth);
                } else {
                    self.push("(");
                    self.expr0(*x, depth.saturating_sub(1).max(1));
                    self.push(")");
                }
            }
            Expr::Selector { x, sel } => {
                self.expr1(*x, HIGHEST_PREC, depth);
                self.push(".");
                self.push(sel.as_str());
            }
            Expr::TypeAssert { x, ty } => {
                self.expr1(*x, HIGHEST_PREC, 1);
                self.push(".(");
                match ty {
                    Some(ty) => self.expr0(*ty, 1),
                    None => self.push("type"),
                }
                self.push(")");
            }
            Expr::Index { x, indices } => {
                self.expr1(*x, HIGHEST_PREC, 1);
                self.push("[");
                self.list(indices, depth + 1);
                self.push("]");
            }
            Expr::Slice {
                x, low, high, max, ..
            } => self.slice(*x, [*low, *high, *max], max.is_some(), depth),
            Expr::Call {
                fun,
                args,
                ellipsis,
            } => {
                let depth = if args.len() > 1 { depth + 1 } else { depth };
                if matches!(file.expr(*fun), Expr::FuncType(_)) {
                    self.push("(");
                    self.expr1(*fun, HIGHEST_PREC, depth);
                    self.push(")");
                } else {
                    self.expr1(*fun, HIGHEST_PREC, depth);
                }
                self.push("(");
                self.list(args, depth);
                if ellipsis.is_some() {
                    self.push("...");
                }
                self.push(")");
            }
            Expr::CompositeLit { ty, elts, .. } => {
                if let Some(ty) = ty {
                    self.expr1(*ty, HIGHEST_PREC, depth);
                }
                self.push("{");
                self.list(elts, 1);
                self.push("}");
            }
            Expr::Ellipsis(elem) => {
                self.push("...");
                if let Some(elem) = elem {
                    self.expr0(*elem, 1);
                }
            }
            Expr::ArrayType { len, elem } => {
                self.push("[");
                if let Some(len) = len {
                    self.expr0(*len, 1);
                }
                self.push("]");
                self.expr0(*elem, 1);
            }
            Expr::MapType { key, value } => {
                self.push("map[");
                self.expr0(*key, 1);
                self.push("]");
                self.expr0(*value, 1);
            }
            Expr::ChanType { dir, elem } => {
                self.push(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                self.expr0(*elem, 1);
            }
            Expr::FuncLit { .. }
            | Expr::StructType { .. }
            | Expr::InterfaceType { .. }
            | Expr::FuncType(_) => self.source(e),
        }
    }

    fn binary(&mut self, e: ExprId, prec1: u8, cutoff: u8, depth: u32) {
        let Expr::Binary { op, x, y } = self.file.expr(e) else {
            return;
        };
        let prec = precedence(*op);
        if prec < prec1 {
            // Only for trees not built by the parser (which keeps parentheses as nodes).
            self.push("(");
            self.expr0(e, depth.saturating_sub(1).max(1));
            self.push(")");
            return;
        }
        let blank = prec < cutoff;
        let x_depth = match self.file.expr(*x) {
            Expr::Binary { op: x_op, .. } if precedence(*x_op) == prec => depth,
            _ => depth + 1,
        };
        self.expr1(*x, prec, x_depth);
        if blank {
            self.push(" ");
        }
        self.push_op(op.as_str());
        if blank {
            self.push(" ");
        }
        self.expr1(*y, prec + 1, depth + 1);
    }

    fn slice(&mut self, x: ExprId, indices: [Option<ExprId>; 3], three: bool, depth: u32) {
        self.expr1(x, HIGHEST_PREC, 1);
        self.push("[");
        let indices = if three { &indices[..] } else { &indices[..2] };
        let present = indices.iter().flatten().count();
        let binaries = indices
            .iter()
            .flatten()
            .any(|&i| matches!(self.file.expr(i), Expr::Binary { .. }));
        let blanks = depth <= 1 && present > 1 && binaries;
        for (i, index) in indices.iter().enumerate() {
            if i > 0 {
                if indices[i - 1].is_some() && blanks {
                    self.push(" ");
                }
                self.push(":");
                if index.is_some() && blanks {
                    self.push(" ");
                }
            }
            if let Some(index) = index {
                self.expr0(*index, depth + 1);
            }
        }
        self.push("]");
    }
}

/// go/printer's `cutoff`: below which precedence a binary expression gets blanks around its
/// operator.
fn cutoff(file: &File, e: ExprId, depth: u32) -> u8 {
    let (has4, has5, max_problem) = walk_binary(file, e);
    if max_problem > 0 {
        return max_problem + 1;
    }
    match (has4 && has5, depth == 1) {
        (true, true) => 5,
        (true, false) => 4,
        (false, true) => 6,
        (false, false) => 4,
    }
}

fn walk_binary(file: &File, e: ExprId) -> (bool, bool, u8) {
    use syntax::ast::{BinaryOp, UnaryOp};
    let Expr::Binary { op, x, y } = file.expr(e) else {
        return (false, false, 0);
    };
    let prec = precedence(*op);
    let (mut has4, mut has5, mut max_problem) = (prec == 4, prec == 5, 0);
    if let Expr::Binary { op: l, .. } = file.expr(*x)
        && precedence(*l) >= prec
    {
        let (h4, h5, mp) = walk_binary(file, *x);
        has4 |= h4;
        has5 |= h5;
        max_problem = max_problem.max(mp);
    }
    match file.expr(*y) {
        Expr::Binary { op: r, .. } if precedence(*r) > prec => {
            let (h4, h5, mp) = walk_binary(file, *y);
            has4 |= h4;
            has5 |= h5;
            max_problem = max_problem.max(mp);
        }
        Expr::Star(_) if *op == BinaryOp::Quo => max_problem = 5,
        Expr::Unary { op: r, .. } => match (op, r) {
            (BinaryOp::Quo, _) => {}
            (BinaryOp::And, UnaryOp::Addr | UnaryOp::Xor) => max_problem = 5,
            (BinaryOp::Add, UnaryOp::Pos) | (BinaryOp::Sub, UnaryOp::Neg) => {
                max_problem = max_problem.max(4)
            }
            _ => {}
        },
        _ => {}
    }
    (has4, has5, max_problem)
}

/// Whether evaluating `e` has no side effects (go/analysis' `typesinternal.NoEffects`): no
/// calls other than conversions and pure builtins (`len`, `min`, ...), no receives.
pub fn no_effects(pass: &Pass<'_>, file: usize, e: ExprId) -> bool {
    use hir::objects::Builtin;
    use syntax::ast::UnaryOp;
    let ast = pass.ast(file);
    match ast.expr(e) {
        Expr::Bad => false,
        Expr::Name(_) | Expr::BasicLit { .. } | Expr::FuncLit { .. } => true,
        // Types: nothing is evaluated.
        Expr::ArrayType { .. }
        | Expr::StructType { .. }
        | Expr::ChanType { .. }
        | Expr::FuncType(_)
        | Expr::MapType { .. }
        | Expr::InterfaceType { .. } => true,
        Expr::Unary { op, x } => *op != UnaryOp::Recv && no_effects(pass, file, *x),
        Expr::Call { fun, args, .. } => {
            let conversion = pass.type_and_value(file, *fun).is_some_and(|tv| tv.is_type);
            let pure = matches!(
                pass.builtin_callee(file, e),
                Some(
                    Builtin::Len
                        | Builtin::Cap
                        | Builtin::Complex
                        | Builtin::Imag
                        | Builtin::Real
                        | Builtin::Make
                        | Builtin::New
                        | Builtin::Max
                        | Builtin::Min
                )
            ) && matches!(ast.expr(unparen(ast, *fun)), Expr::Name(_));
            (conversion || pure)
                && std::iter::once(fun)
                    .chain(args)
                    .all(|&x| no_effects(pass, file, x))
        }
        _ => {
            let children = crate::walk::children(ast, crate::walk::Node::Expr(e));
            children.into_iter().all(|child| match child {
                crate::walk::Node::Expr(x) => no_effects(pass, file, x),
                _ => true,
            })
        }
    }
}

/// Whether a file is generated code (go/ast's `IsGenerated`): a `// Code generated ... DO NOT
/// EDIT.` line comment before the package clause.
pub fn is_generated(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("package ") || line == "package" {
            return false;
        }
        if line.starts_with("// Code generated ") && line.ends_with(" DO NOT EDIT.") {
            return true;
        }
    }
    false
}

/// The language version in force in file `file` (go/types' `Info.FileVersions`): the minimum
/// Go version its `//go:build` line implies, never below go1.21, else the package's.
pub fn file_go_version(pass: &Pass<'_>, file: usize) -> (u32, u32) {
    let text: &str = &pass.files[file].text;
    let from_build_line = || {
        let package = pass.ast(file).package.as_ref()?;
        let clause = crate::passes::directive::package_keyword(text, package.range);
        let line = comment_groups(text)
            .into_iter()
            .flatten()
            .take_while(|c| c.start < clause)
            .filter_map(|c| text.get(c.as_usize()))
            .find(|c| project_model::build::is_go_build(c))?;
        let constraint = project_model::build::parse_line(line).ok()?;
        let minor = crate::passes::buildtag::min_go_version(&constraint)?;
        Some((1, u32::try_from(minor).ok()?.max(21)))
    };
    from_build_line().unwrap_or_else(|| pass.go_version())
}

/// The names of the unexported methods declared in the package's interface types: a method
/// of that name may be required by one of them, so its signature is not the method's own to
/// change (unusedparams) and a use through the interface keeps it (unusedfunc).
pub fn unexported_interface_methods<'a>(pass: &Pass<'a>) -> std::collections::HashSet<&'a str> {
    let mut out = std::collections::HashSet::new();
    for file in 0..pass.files.len() {
        for expr in &pass.ast(file).exprs {
            let Expr::InterfaceType { elems } = expr else {
                continue;
            };
            for elem in elems {
                if let syntax::ast::InterfaceElem::Method { name, .. } = elem
                    && !name.is_blank()
                    && !name.as_str().chars().next().is_some_and(char::is_uppercase)
                {
                    out.insert(name.as_str());
                }
            }
        }
    }
    out
}
