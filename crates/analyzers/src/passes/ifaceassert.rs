//! ifaceassert: type assertions from one interface to another that no type can satisfy,
//! because both have a method of the same name with different signatures.

use hir::objects::ObjId;
use hir::types::{Type, TypeId};
use syntax::ast::{Expr, ExprId, Stmt};

use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "ifaceassert",
    doc: "detect impossible interface-to-interface type assertions\n\n\
          This checker flags type assertions v.(T) and type switch cases in which the static \
          type V of v is an interface that no type can implement together with the target \
          interface T: V and T have methods of the same name but different signatures. For \
          example, with var v interface{ Read() }, v.(io.Reader) always fails, since \
          io.Reader's Read takes and returns values.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for expr in &ast.exprs {
            if let Expr::TypeAssert { x, ty: Some(ty) } = expr {
                check(pass, file, *x, &[*ty]);
            }
        }
        for stmt in &ast.stmts {
            let Stmt::TypeSwitch { x, clauses, .. } = stmt else {
                continue;
            };
            // The guard `v.(type)`: the asserted value is v.
            let value = match ast.expr(*x) {
                Expr::TypeAssert { x, ty: None } => *x,
                _ => *x,
            };
            let targets: Vec<ExprId> = clauses
                .iter()
                .flat_map(|c| c.list.iter().flatten().copied())
                .collect();
            check(pass, file, value, &targets);
        }
    }
}

fn check(pass: &mut Pass<'_>, file: usize, value: ExprId, targets: &[ExprId]) {
    let Some(v) = pass.type_of(file, value) else {
        return;
    };
    for &target in targets {
        let Some(t) = pass.type_of(file, target) else {
            continue;
        };
        let Some(method) = conflicting_method(pass, v, t) else {
            continue;
        };
        let world = pass.world;
        let message = format!(
            "impossible type assertion: no type can implement both {} and {} (conflicting types for {} method)",
            world.type_string_by_path(v),
            world.type_string_by_path(t),
            world.obj(method).name
        );
        // go vet gives only the target's start; its whole range reads better in an editor.
        let range = pass.ast(file).expr_range(target);
        pass.report(file, range, message);
    }
}

/// The first method of interface `t` that interface `v` has with another signature (go/types'
/// `MissingMethod` with its wrong-type answer); `None` unless both are interfaces, and for
/// interfaces mentioning type parameters, where the answer would depend on instantiation.
fn conflicting_method(pass: &Pass<'_>, v: TypeId, t: TypeId) -> Option<ObjId> {
    let world = pass.world;
    let (vu, tu) = (world.under(v), world.under(t));
    if !matches!(world.ty(vu), Type::Interface(_)) || !matches!(world.ty(tu), Type::Interface(_)) {
        return None;
    }
    if world.has_type_param(vu) || world.has_type_param(tu) {
        return None;
    }
    let v_methods = world.interface_methods(vu);
    for m in world.interface_methods(tu) {
        let mo = world.obj(m);
        let same = v_methods.iter().find(|&&f| {
            let fo = world.obj(f);
            fo.name == mo.name && (mo.is_exported() || fo.pkg == mo.pkg)
        });
        let Some(&f) = same else {
            continue;
        };
        if !world.identical(world.obj(f).ty, mo.ty) {
            return Some(m);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "ifaceassert");
    }
}
