//! simplifyrange: blank iteration variables that can be left out of a range clause
//! (gofmt -s).

use syntax::TextRange;
use syntax::ast::{Expr, ExprId, File, Stmt};

use crate::util::is_generated;
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "simplifyrange",
    doc: "check for range statement simplifications\n\n\
          A blank value variable can be dropped from a range clause (`for x, _ = range v` is \
          `for x = range v`), and so can a blank key with no value (`for _ = range v` is \
          `for range v`). This is one of the simplifications that \"gofmt -s\" applies. \
          Generated files are left alone.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Info,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn is_blank(ast: &File, e: Option<ExprId>) -> bool {
    e.is_some_and(|e| matches!(ast.expr(e), Expr::Name(n) if n.is_blank()))
}

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        if is_generated(&pass.files[file].text) {
            continue;
        }
        let ast = pass.ast(file);
        let text = &*pass.files[file].text;
        let mut found = Vec::new();
        for stmt in &ast.stmts {
            let Stmt::Range { key, value, x, .. } = stmt else {
                continue;
            };
            let (Some(key), x) = (*key, *x) else {
                continue;
            };
            let range = if is_blank(ast, Some(key)) && (value.is_none() || is_blank(ast, *value)) {
                // `for _ = range x`, `for _, _ = range x`: up to the `range` keyword.
                let from = ast.expr_range(key).start;
                let before_x = &text[from as usize..ast.expr_range(x).start as usize];
                let Some(at) = before_x.rfind("range") else {
                    continue;
                };
                TextRange::new(from, from + at as u32)
            } else if is_blank(ast, *value) {
                // `for k, _ := range x`: the `, _`.
                let Some(value) = value else { continue };
                TextRange::new(ast.expr_range(key).end, ast.expr_range(*value).end)
            } else {
                continue;
            };
            found.push(range);
        }
        for range in found {
            let fix = Fix {
                message: "Remove empty value".to_string(),
                edits: vec![Edit {
                    file,
                    range,
                    new_text: String::new(),
                }],
            };
            pass.report_with_fixes(file, range, "simplify range expression", vec![fix]);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "simplifyrange");
    }
}
