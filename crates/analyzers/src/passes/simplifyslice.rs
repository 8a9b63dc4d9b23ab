//! simplifyslice: `s[a:len(s)]`, whose high bound is the default (gofmt -s).

use hir::objects::Builtin;
use syntax::ast::Expr;

use crate::util::{format_expr, is_generated};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "simplifyslice",
    doc: "check for slice simplifications\n\n\
          The high bound of `s[a:len(s)]` is the default: the expression is `s[a:]`. Only \
          slices of a variable named directly count (`t.s[a:len(t.s)]` is left alone), and \
          never three-index slices. This is one of the simplifications that \"gofmt -s\" \
          applies. Generated files are left alone.",
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
        let mut found = Vec::new();
        for expr in &ast.exprs {
            let Expr::Slice {
                x,
                high: Some(high),
                max: None,
                ..
            } = expr
            else {
                continue;
            };
            let Expr::Name(s) = ast.expr(*x) else {
                continue;
            };
            let Expr::Call {
                fun,
                args,
                ellipsis: None,
            } = ast.expr(*high)
            else {
                continue;
            };
            let ([arg], Expr::Name(_)) = (args.as_slice(), ast.expr(*fun)) else {
                continue;
            };
            if pass.builtin_callee(file, *high) != Some(Builtin::Len) {
                continue;
            }
            let Expr::Name(arg) = ast.expr(*arg) else {
                continue;
            };
            let Some(obj) = pass.object_of(file, s) else {
                continue;
            };
            // gofmt decides by the file's own name resolution: names declared in other files
            // of the package are not resolved there.
            if pass.object_of(file, arg) != Some(obj) || !declared_in(pass, file, obj) {
                continue;
            }
            found.push(*high);
        }
        for high in found {
            let written = format_expr(ast, &pass.files[file].text, high);
            let range = ast.expr_range(high);
            let fix = Fix {
                message: format!("Remove '{written}'"),
                edits: vec![Edit {
                    file,
                    range,
                    new_text: String::new(),
                }],
            };
            pass.report_with_fixes(file, range, format!("unneeded: {written}"), vec![fix]);
        }
    }
}

/// Whether `obj` is declared in file `file` of the package.
fn declared_in(pass: &Pass<'_>, file: usize, obj: hir::objects::ObjId) -> bool {
    let o = pass.world.obj(obj);
    o.pkg == Some(pass.package)
        && o.pos
            .file
            .is_some_and(|f| pass.world.file(f).path == pass.files[file].path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "simplifyslice");
    }
}
