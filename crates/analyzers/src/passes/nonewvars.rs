//! nonewvars: the checker's "no new variables on left side of :=" errors, with a fix that
//! turns the `:=` into `=`.

use syntax::TextRange;
use syntax::ast::{AssignOp, Stmt};

use crate::walk::{Node, enclosing_path};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "nonewvars",
    doc: "suggested fixes for \"no new vars on left side of :=\"\n\n\
          Offers a quick fix on the compiler's error for a short variable declaration that \
          declares nothing new (`z := 1; z := 2`): the second `:=` becomes a plain assignment.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: true,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for error in pass.errors {
        if error.message != "no new variables on left side of :=" || error.file >= pass.files.len()
        {
            continue;
        }
        let file = error.file;
        let ast = pass.ast(file);
        // The innermost `:=` statement around the error (which sits on its `:=`).
        let define =
            enclosing_path(ast, error.range)
                .into_iter()
                .rev()
                .find_map(|node| match node {
                    Node::Stmt(s) => match ast.stmt(s) {
                        Stmt::Assign { op, lhs, rhs } => Some((*op, lhs.clone(), rhs.clone())),
                        _ => None,
                    },
                    _ => None,
                });
        let Some((AssignOp::Define, lhs, rhs)) = define else {
            continue;
        };
        let (Some(&last), Some(&first)) = (lhs.last(), rhs.first()) else {
            continue;
        };
        let from = ast.expr_range(last).end;
        let between = pass.text(file, TextRange::new(from, ast.expr_range(first).start));
        let Some(at) = between.find(":=") else {
            continue;
        };
        let at = from + at as u32;
        let fix = Fix {
            message: "Change ':=' to '='".to_string(),
            edits: vec![Edit {
                file,
                range: TextRange::new(at, at + 1),
                new_text: String::new(),
            }],
        };
        let range = TextRange::new(at, at + 2);
        pass.report_with_fixes(file, range, error.message.clone(), vec![fix]);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "nonewvars");
    }
}
