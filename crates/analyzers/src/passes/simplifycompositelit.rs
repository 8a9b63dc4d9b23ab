//! simplifycompositelit: element types written out in array, slice and map literals where
//! the literal's own type implies them (gofmt -s).

use syntax::TextRange;
use syntax::ast::{Expr, ExprId, UnaryOp};

use crate::util::{format_expr, is_generated};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "simplifycompositelit",
    doc: "check for composite literal simplifications\n\n\
          In an array, slice or map literal, an element (or key) that is itself a composite \
          literal of the element type need not repeat that type: `[]T{T{}, T{}}` is \
          `[]T{{}, {}}`, and `[]*T{&T{}}` is `[]*T{{}}`. This is one of the simplifications \
          that \"gofmt -s\" applies. Generated files are left alone.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Info,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        if is_generated(&pass.files[file].text) {
            continue;
        }
        let ast = pass.ast(file);
        for expr in &ast.exprs {
            let Expr::CompositeLit {
                ty: Some(ty), elts, ..
            } = expr
            else {
                continue;
            };
            // Only literals whose type is written as an array, slice or map type.
            let (kind, key_type, elem_type) = match ast.expr(*ty) {
                Expr::ArrayType { len: Some(_), elem } => ("array", None, *elem),
                Expr::ArrayType { len: None, elem } => ("slice", None, *elem),
                Expr::MapType { key, value } => ("map", Some(*key), *value),
                _ => continue,
            };
            for &elt in elts {
                let value = match ast.expr(elt) {
                    Expr::KeyValue { key, value } => {
                        if let Some(key_type) = key_type {
                            simplify(pass, file, key_type, *key, kind);
                        }
                        *value
                    }
                    _ => elt,
                };
                simplify(pass, file, elem_type, value, kind);
            }
        }
    }
}

/// Reports `e` if it is `T{...}` or `&T{...}` where `want` (the element or key type as
/// written) is `T` or `*T`.
fn simplify(pass: &mut Pass<'_>, file: usize, want: ExprId, e: ExprId, kind: &str) {
    let ast = pass.ast(file);
    if let Expr::CompositeLit {
        ty: Some(inner), ..
    } = ast.expr(e)
        && same_type(pass, file, want, *inner)
    {
        report(pass, file, None, *inner, kind);
    }
    if let Expr::Star(base) = ast.expr(want)
        && let Expr::Unary {
            op: UnaryOp::Addr,
            x,
        } = ast.expr(e)
        && let Expr::CompositeLit {
            ty: Some(inner), ..
        } = ast.expr(*x)
        && same_type(pass, file, *base, *inner)
    {
        report(pass, file, Some(ast.expr_range(e).start), *inner, kind);
    }
}

/// Whether type expressions `a` and `b` denote identical types.
fn same_type(pass: &Pass<'_>, file: usize, a: ExprId, b: ExprId) -> bool {
    match (pass.type_of(file, a), pass.type_of(file, b)) {
        (Some(a), Some(b)) => pass.world.identical(a, b),
        _ => false,
    }
}

fn report(pass: &mut Pass<'_>, file: usize, amp: Option<u32>, inner: ExprId, kind: &str) {
    let ast = pass.ast(file);
    let range = ast.expr_range(inner);
    let mut edits = Vec::new();
    if let Some(amp) = amp {
        edits.push(Edit {
            file,
            range: TextRange::new(amp, amp + 1),
            new_text: String::new(),
        });
    }
    edits.push(Edit {
        file,
        range,
        new_text: String::new(),
    });
    let written = format_expr(ast, &pass.files[file].text, inner);
    let fix = Fix {
        message: format!("Remove '{}{written}'", if amp.is_some() { "&" } else { "" }),
        edits,
    };
    let start = amp.unwrap_or(range.start);
    pass.report_with_fixes(
        file,
        TextRange::new(start, range.end),
        format!("redundant type in {kind} literal"),
        vec![fix],
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "simplifycompositelit");
    }
}
