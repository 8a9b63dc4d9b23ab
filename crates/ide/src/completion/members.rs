//! Members after `x.`: the fields and methods of `x`'s type (promoted ones too, methods with
//! pointer receivers for addressable values), the methods of `T` in a method expression
//! `T.`, or the exported members of the package `pkg` names in `pkg.`.

use hir::objects::{ObjId, ObjKind};
use hir::typestring::Qualifier;
use hir::{PackageId, World};
use syntax::TextEdit;
use syntax::ast::Expr;

use super::context::Lexical;
use super::{Acc, Candidate, expected, expected_bonus, fits, proximity};
use crate::objstring;
use crate::typecheck::patched::Checked;

/// Completes the selector at the cursor from the checked facts; `None` when they know nothing
/// of its base (an undeclared name, perhaps a package not imported yet).
pub(crate) fn complete(acc: &mut Acc<'_>, checked: &Checked, lex: &Lexical) -> Option<()> {
    let at = checked.to_checked(lex.prefix.start);
    checked
        .with(|facts| {
            let ast = &checked.source.ast;
            let world = facts.world;
            let package = facts.package.package();
            let qf = objstring::qualifier(Some(package));
            let selector = expected::cursor_expr(ast, at, true)?;
            let Expr::Selector { x, .. } = ast.expr(selector) else {
                return None;
            };
            let position = expected::position(facts, checked, selector);
            let want_value = position.wants_func(facts);
            let expected = position.expected;
            if let Expr::Name(name) = ast.expr(*x)
                && let Some(&obj) = facts.info.uses.get(&(checked.index, name.range.start))
                && let ObjKind::PkgName { imported } = world.obj(obj).kind
            {
                package_members(acc, world, imported, qf, &[], |obj| {
                    (
                        expected_bonus(expected.is_some_and(|t| fits(world, obj, t))),
                        want_value,
                    )
                });
                return Some(());
            }
            let tv = facts.info.types.get(&(checked.index, *x))?;
            if !world.is_valid(tv.ty) {
                return None;
            }
            let mut candidates = Vec::new();
            for member in world.members(tv.ty, addressable(ast, *x), Some(package)) {
                let is_method = matches!(world.obj(member.obj).kind, ObjKind::Func { .. });
                // `T.` is a method expression: only methods.
                if tv.is_type && !is_method {
                    continue;
                }
                let fit = expected.is_some_and(|t| fits(world, member.obj, t));
                let bonus = expected_bonus(fit) + proximity(member.depth());
                let Some(score) = acc.score(&world.obj(member.obj).name, bonus) else {
                    continue;
                };
                candidates.push(Candidate {
                    obj: member.obj,
                    score,
                    want_value: want_value || tv.is_type,
                });
            }
            acc.add_objects(world, qf, candidates, &[]);
            Some(())
        })
        .flatten()
}

/// The exported members of `package` (declared outside its test files). `rank` gives each
/// its bonus and whether a function value (no call snippet) is wanted; `edits` go with each
/// item (the import to add).
pub(crate) fn package_members(
    acc: &mut Acc<'_>,
    world: &World,
    package: PackageId,
    qf: Qualifier<'_>,
    edits: &[TextEdit],
    rank: impl Fn(ObjId) -> (u32, bool),
) {
    let scope = world.scope(world.package(package).scope);
    let mut candidates = Vec::new();
    for (name, &obj) in &scope.names {
        let o = world.obj(obj);
        if !o.is_exported() {
            continue;
        }
        let in_test = o
            .pos
            .file
            .is_some_and(|f| world.file(f).path.ends_with("_test.go"));
        if in_test {
            continue;
        }
        let (bonus, want_value) = rank(obj);
        let Some(score) = acc.score(name, bonus + proximity(0)) else {
            continue;
        };
        candidates.push(Candidate {
            obj,
            score,
            want_value,
        });
    }
    acc.add_objects(world, qf, candidates, edits);
}

/// Whether the selector's base is addressable, as far as its syntax tells (a variable, a
/// field, an element, a dereference): then methods with pointer receivers count for a `T`.
/// A call's result or a literal is not (`mk().M` cannot take `mk()`'s address).
fn addressable(ast: &syntax::ast::File, x: syntax::ast::ExprId) -> bool {
    match ast.expr(x) {
        Expr::Name(_) | Expr::Index { .. } | Expr::Star(_) => true,
        Expr::Selector { x, .. } => {
            addressable(ast, *x) || !matches!(ast.expr(*x), Expr::Call { .. })
        }
        Expr::Paren(inner) => addressable(ast, *inner),
        _ => false,
    }
}
