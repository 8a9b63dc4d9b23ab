//! unusedparams: parameters a function never uses, where the function's signature is free to
//! change (not exported, not a value, not conforming to an interface of the package).

use std::collections::{HashMap, HashSet};

use hir::objects::{ObjId, ObjKind};
use syntax::ast::{Decl, Expr, ExprId, Field, File, Spec, Stmt, StmtId};

use crate::util::{is_generated, unparen};
use crate::walk::{Node, preorder};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unusedparams",
    doc: "check for unused parameters of functions\n\n\
          Reports the named parameters a function's body never uses. So that the parameter \
          can really go, functions whose signature may be dictated from elsewhere are left \
          alone: functions used as values rather than only called, exported functions and \
          methods, unexported methods named like a method of an interface declared in the \
          package, and functions whose body is empty or only panics. The fix renames the \
          parameter to \"_\". Generated files are left alone.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Info,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// A name that refers to an object: (file index, start offset).
type Site = (u32, u32);

fn run(pass: &mut Pass<'_>) {
    let in_calls = called_names(pass);
    let interface_methods = crate::util::unexported_interface_methods(pass);
    // Every use of a function (or variable) that is not a call of it.
    let mut non_call_uses: HashMap<ObjId, HashSet<Site>> = HashMap::new();
    let mut used: HashSet<ObjId> = HashSet::new();
    for (&site, &obj) in &pass.info.uses {
        if !in_calls.contains(&site) {
            non_call_uses.entry(obj).or_default().insert(site);
        }
        if matches!(pass.world.obj(obj).kind, ObjKind::Var(v) if !v.is_field) {
            used.insert(obj);
        }
    }
    let mut found = Vec::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        let generated = is_generated(&pass.files[file].text);
        let mut candidates: Vec<(Option<Option<ObjId>>, &[Field], StmtId)> = Vec::new();
        preorder(ast, &mut |node, parents| {
            match node {
                Node::Decl(d) => {
                    if let Decl::Func(f) = ast.decl(d)
                        && let Some(body) = f.body
                        && !is_exported(f.name.as_str())
                        && !(f.recv.is_some() && interface_methods.contains(f.name.as_str()))
                    {
                        candidates.push((
                            pass.def_of(file, &f.name).map(Some),
                            &f.sig.params,
                            body,
                        ));
                    }
                }
                Node::Expr(e) => {
                    if let Expr::FuncLit { sig, body } = ast.expr(e) {
                        let bound = bound_variable(pass, file, e, parents, &mut non_call_uses);
                        candidates.push((bound, &sig.params, *body));
                    }
                }
                Node::Stmt(_) => {}
            }
            true
        });
        for (func, params, body) in candidates {
            // A function used as a value may have to match a function type.
            let Some(func) = func else { continue };
            if let Some(func) = func
                && non_call_uses
                    .get(&func)
                    .is_some_and(|uses| !uses.is_empty())
            {
                continue;
            }
            if params.is_empty() || trivial_body(ast, body) || generated {
                continue;
            }
            for field in params {
                for name in &field.names {
                    if name.is_blank() {
                        continue;
                    }
                    let Some(param) = pass.def_of(file, name) else {
                        continue;
                    };
                    if used.contains(&param) {
                        continue;
                    }
                    let range = if field.names.len() > 1 {
                        name.range
                    } else {
                        field.range
                    };
                    found.push((file, range, name.as_str().to_string(), name.range));
                }
            }
        }
    }
    for (file, range, name, name_range) in found {
        let fix = Fix {
            message: "Rename parameter to \"_\"".to_string(),
            edits: vec![Edit {
                file,
                range: name_range,
                new_text: "_".to_string(),
            }],
        };
        pass.report_with_fixes(file, range, format!("unused parameter: {name}"), vec![fix]);
    }
}

fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// The names of unexported functions and function variables in call position (`f(...)`,
/// `x.f(...)`, `f[T](...)`).
fn called_names(pass: &Pass<'_>) -> HashSet<Site> {
    let mut out = HashSet::new();
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for expr in &ast.exprs {
            let Expr::Call { fun, .. } = expr else {
                continue;
            };
            let Some(name) = used_name(ast, *fun) else {
                continue;
            };
            if is_exported(name.as_str()) {
                continue;
            }
            let site = (file as u32, name.range.start);
            if let Some(&obj) = pass.info.uses.get(&site)
                && matches!(
                    pass.world.obj(obj).kind,
                    ObjKind::Func { .. } | ObjKind::Var(_)
                )
            {
                out.insert(site);
            }
        }
    }
    out
}

/// The name a called expression refers to: `f`, `x.f`, `f[T]`, through parentheses.
fn used_name(ast: &File, fun: ExprId) -> Option<&syntax::ast::Name> {
    let mut e = unparen(ast, fun);
    if let Expr::Index { x, .. } = ast.expr(e) {
        e = unparen(ast, *x);
    }
    match ast.expr(e) {
        Expr::Name(n) => Some(n),
        Expr::Selector { sel, .. } => Some(sel),
        _ => None,
    }
}

/// The variable a function literal is bound to (`f := func...`, `f = func...`,
/// `var f = func...`), which stands for the function; `None` if the literal is used any
/// other way, `Some(None)` for `_ = func...` (bound to nothing that could be used). The use
/// of `f` in `f = func...` is not a use of the function.
fn bound_variable(
    pass: &Pass<'_>,
    file: usize,
    lit: ExprId,
    parents: &[Node],
    non_call_uses: &mut HashMap<ObjId, HashSet<Site>>,
) -> Option<Option<ObjId>> {
    let ast = pass.ast(file);
    match *parents.last()? {
        Node::Stmt(s) => {
            let Stmt::Assign { lhs, rhs, .. } = ast.stmt(s) else {
                return None;
            };
            let index = rhs.iter().position(|&r| r == lit)?;
            let Expr::Name(name) = ast.expr(*lhs.get(index)?) else {
                return None;
            };
            if name.is_blank() {
                return Some(None);
            }
            let obj = pass.object_of(file, name)?;
            if let Some(uses) = non_call_uses.get_mut(&obj) {
                uses.remove(&(file as u32, name.range.start));
            }
            Some(Some(obj))
        }
        Node::Decl(d) => {
            let Decl::Gen(g) = ast.decl(d) else {
                return None;
            };
            g.specs.iter().find_map(|spec| {
                let Spec::Value { names, values, .. } = spec else {
                    return None;
                };
                let index = values.iter().position(|&v| v == lit)?;
                let obj = pass.def_of(file, names.get(index)?)?;
                let o = pass.world.obj(obj);
                let package_level = o.var_info().is_some_and(|v| v.is_package);
                (!(package_level && o.is_exported())).then_some(Some(obj))
            })
        }
        Node::Expr(_) => None,
    }
}

/// An empty body, or one that only panics: obviously a placeholder.
fn trivial_body(ast: &File, body: StmtId) -> bool {
    let Stmt::Block { stmts, .. } = ast.stmt(body) else {
        return false;
    };
    match stmts.as_slice() {
        [] => true,
        [only] => match ast.stmt(*only) {
            Stmt::Expr(call) => match ast.expr(*call) {
                Expr::Call { fun, .. } => {
                    matches!(ast.expr(*fun), Expr::Name(n) if n.as_str() == "panic")
                }
                _ => false,
            },
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unusedparams");
    }
}
