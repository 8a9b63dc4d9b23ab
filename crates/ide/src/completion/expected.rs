//! What the position at the cursor expects, from the checked (patched) text: the type a value
//! there must be assignable to (a return statement's result, an assignment's left side, a call
//! argument's parameter, the other operand of a comparison, a literal's element or field), and
//! whether the cursor is a key of a struct literal (`T{Na|`), where field names go.

use hir::objects::ObjId;
use hir::types::{Type, TypeId, ids};
use syntax::ast::{AssignOp, BinaryOp, Decl, Expr, ExprId, File, Spec, Stmt, StmtId};

use crate::typecheck::patched::{Checked, CheckedFacts};

/// What the cursor's position wants.
#[derive(Debug, Default)]
pub(crate) struct Position {
    /// The type a value here must be assignable to.
    pub(crate) expected: Option<TypeId>,
    /// The cursor is a key of a struct literal of this struct type: the fields not yet keyed.
    pub(crate) fields: Vec<ObjId>,
}

impl Position {
    /// A function value is wanted, not a call: no call snippet.
    pub(crate) fn wants_func(&self, facts: &CheckedFacts<'_>) -> bool {
        self.expected
            .is_some_and(|t| matches!(facts.world.ty(facts.world.under(t)), Type::Signature(_)))
    }
}

/// The expression being completed in the checked text: a selector whose name starts at `at`,
/// or a name starting at `at`.
pub(crate) fn cursor_expr(ast: &File, at: u32, selector: bool) -> Option<ExprId> {
    ast.exprs.iter().enumerate().find_map(|(i, e)| {
        let found = match e {
            Expr::Selector { sel, .. } if selector => sel.range.start == at,
            Expr::Name(n) if !selector => n.range.start == at,
            _ => false,
        };
        found.then_some(ExprId(i as u32))
    })
}

pub(crate) fn position(facts: &CheckedFacts<'_>, checked: &Checked, cursor: ExprId) -> Position {
    let ast = &checked.source.ast;
    let world = facts.world;
    let type_of = |e: ExprId| {
        facts
            .info
            .types
            .get(&(checked.index, e))
            .map(|tv| tv.ty)
            .filter(|&t| world.is_valid(t))
    };
    let mut out = Position::default();
    for (i, e) in ast.exprs.iter().enumerate() {
        let id = ExprId(i as u32);
        match e {
            Expr::Call { fun, args, .. } => {
                if let Some(k) = args.iter().position(|&a| a == cursor) {
                    out.expected = argument_type(facts, checked, *fun, k);
                    return out;
                }
            }
            Expr::Binary { op, x, y } if *x == cursor || *y == cursor => {
                let other = if *x == cursor { *y } else { *x };
                out.expected = match op {
                    BinaryOp::LogAnd | BinaryOp::LogOr => Some(ids::BOOL),
                    BinaryOp::Shl | BinaryOp::Shr => None,
                    _ => type_of(other).filter(|&t| !world.is_untyped(t)),
                };
                return out;
            }
            Expr::Unary {
                op: syntax::ast::UnaryOp::Not,
                x,
            } if *x == cursor => {
                out.expected = Some(ids::BOOL);
                return out;
            }
            Expr::KeyValue { key, value } if *key == cursor || *value == cursor => {
                let Some(lit) = parent_literal(ast, id) else {
                    return out;
                };
                let Some(lit_ty) = type_of(lit) else {
                    return out;
                };
                if *key == cursor {
                    out.fields = unkeyed_fields(facts, ast, lit, lit_ty, Some(id));
                } else {
                    out.expected = element_type(facts, ast, lit_ty, Some(*key));
                }
                return out;
            }
            Expr::CompositeLit { elts, .. } if elts.contains(&cursor) => {
                let Some(lit_ty) = type_of(id) else {
                    return out;
                };
                let keyed = elts
                    .iter()
                    .any(|&e| matches!(ast.expr(e), Expr::KeyValue { .. }));
                if keyed || elts.len() == 1 {
                    out.fields = unkeyed_fields(facts, ast, id, lit_ty, None);
                }
                out.expected = element_type(facts, ast, lit_ty, None);
                return out;
            }
            _ => {}
        }
    }
    for (i, s) in ast.stmts.iter().enumerate() {
        match s {
            Stmt::Return(results) => {
                if let Some(k) = results.iter().position(|&r| r == cursor) {
                    out.expected = result_type(facts, checked, StmtId(i as u32), k);
                    return out;
                }
            }
            Stmt::Assign { lhs, op, rhs } => {
                if let Some(k) = rhs.iter().position(|&r| r == cursor) {
                    out.expected = match op {
                        AssignOp::Assign if lhs.len() == rhs.len() => type_of(lhs[k]),
                        AssignOp::Op(BinaryOp::Shl | BinaryOp::Shr) => None,
                        AssignOp::Op(_) => lhs.first().and_then(|&l| type_of(l)),
                        _ => None,
                    };
                    return out;
                }
            }
            Stmt::Send { chan, value } if *value == cursor => {
                out.expected = type_of(*chan).and_then(|c| match world.ty(world.under(c)) {
                    Type::Chan { elem, .. } => Some(*elem),
                    _ => None,
                });
                return out;
            }
            Stmt::If { cond, .. } if *cond == cursor => {
                out.expected = Some(ids::BOOL);
                return out;
            }
            Stmt::For {
                cond: Some(cond), ..
            } if *cond == cursor => {
                out.expected = Some(ids::BOOL);
                return out;
            }
            _ => {}
        }
    }
    // `var x T = |`: the declared type.
    for decl in &ast.decl_data {
        let Decl::Gen(g) = decl else { continue };
        for spec in &g.specs {
            if let Spec::Value {
                ty: Some(ty),
                values,
                ..
            } = spec
                && values.contains(&cursor)
            {
                out.expected = type_of(*ty);
                return out;
            }
        }
    }
    out
}

/// The type of the `k`th argument of a call of `fun` (a conversion's type for a conversion).
fn argument_type(
    facts: &CheckedFacts<'_>,
    checked: &Checked,
    fun: ExprId,
    k: usize,
) -> Option<TypeId> {
    let world = facts.world;
    let tv = facts.info.types.get(&(checked.index, fun))?;
    if tv.is_type {
        return Some(tv.ty);
    }
    let Type::Signature(sig) = world.ty(world.under(tv.ty)) else {
        return None;
    };
    let params = world.tuple_vars(sig.params);
    let last = params.len().checked_sub(1)?;
    if sig.variadic && k >= last {
        return match world.ty(world.obj(params[last]).ty) {
            Type::Slice(elem) => Some(*elem),
            _ => None,
        };
    }
    params.get(k).map(|&p| world.obj(p).ty)
}

/// The type of result `k` of the function a return statement returns from: the innermost
/// function literal around it, else the declared function.
fn result_type(
    facts: &CheckedFacts<'_>,
    checked: &Checked,
    ret: StmtId,
    k: usize,
) -> Option<TypeId> {
    let ast = &checked.source.ast;
    let world = facts.world;
    let range = ast.stmt_range(ret);
    let literal = ast
        .exprs
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            matches!(e, Expr::FuncLit { .. }) && {
                let r = ast.expr_range(ExprId(*i as u32));
                r.start <= range.start && range.end <= r.end
            }
        })
        .min_by_key(|(i, _)| ast.expr_range(ExprId(*i as u32)).len())
        .map(|(i, _)| ExprId(i as u32));
    let sig_ty = match literal {
        Some(lit) => facts.info.types.get(&(checked.index, lit))?.ty,
        None => {
            let Decl::Func(f) = ast.decl(*ast.decls.first()?) else {
                return None;
            };
            let file_offset = checked.to_file(f.name.range.start);
            let at = checked.declarations_offset(file_offset);
            let obj = *facts.declarations?.defs.get(&(checked.index, at))?;
            world.obj(obj).ty
        }
    };
    let Type::Signature(sig) = world.ty(sig_ty) else {
        return None;
    };
    world
        .tuple_vars(sig.results)
        .get(k)
        .map(|&r| world.obj(r).ty)
}

/// The composite literal whose element is `elt`.
fn parent_literal(ast: &File, elt: ExprId) -> Option<ExprId> {
    ast.exprs.iter().enumerate().find_map(|(i, e)| match e {
        Expr::CompositeLit { elts, .. } if elts.contains(&elt) => Some(ExprId(i as u32)),
        _ => None,
    })
}

/// The fields of the struct literal `lit` (of type `lit_ty`) that no element other than
/// `except` keys yet; empty when the literal is not of a struct type.
fn unkeyed_fields(
    facts: &CheckedFacts<'_>,
    ast: &File,
    lit: ExprId,
    lit_ty: TypeId,
    except: Option<ExprId>,
) -> Vec<ObjId> {
    let world = facts.world;
    let Type::Struct(s) = world.ty(world.under(literal_base(world, lit_ty))) else {
        return Vec::new();
    };
    let Expr::CompositeLit { elts, .. } = ast.expr(lit) else {
        return Vec::new();
    };
    let keyed: Vec<&str> = elts
        .iter()
        .filter(|&&e| Some(e) != except)
        .filter_map(|&e| match ast.expr(e) {
            Expr::KeyValue { key, .. } => match ast.expr(*key) {
                Expr::Name(n) => Some(n.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let pkg = Some(facts.package.package());
    s.fields
        .iter()
        .copied()
        .filter(|&f| {
            let o = world.obj(f);
            (o.is_exported() || o.pkg == pkg) && !keyed.contains(&&*o.name)
        })
        .collect()
}

/// The type of an element of a literal of type `lit_ty`: a struct field's (by `key`'s name),
/// a slice's, array's or map's element.
fn element_type(
    facts: &CheckedFacts<'_>,
    ast: &File,
    lit_ty: TypeId,
    key: Option<ExprId>,
) -> Option<TypeId> {
    let world = facts.world;
    match world.ty(world.under(literal_base(world, lit_ty))) {
        Type::Struct(s) => {
            let Expr::Name(n) = ast.expr(key?) else {
                return None;
            };
            s.fields
                .iter()
                .find(|&&f| *world.obj(f).name == *n.as_str())
                .map(|&f| world.obj(f).ty)
        }
        Type::Slice(elem) | Type::Array { elem, .. } | Type::Map { elem, .. } => Some(*elem),
        _ => None,
    }
}

/// The type a literal's elements are of: for an elided `&T{...}` in a `[]*T` literal, `T`.
fn literal_base(world: &hir::World, ty: TypeId) -> TypeId {
    match world.ty(world.under(ty)) {
        Type::Pointer(base) => *base,
        _ => ty,
    }
}
