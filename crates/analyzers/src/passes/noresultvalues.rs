//! noresultvalues: the checker's errors for results returned from a function that has none,
//! with a fix that deletes them.

use syntax::TextRange;
use syntax::ast::Stmt;

use crate::walk::{Node, enclosing_path};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "noresultvalues",
    doc: "suggested fixes for unexpected return values\n\n\
          Offers a quick fix on the compiler's \"no result values expected\" and \"too many \
          return values\" errors in functions without results: the returned values are \
          deleted, leaving a bare `return`.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: true,
    run,
};

/// Whether the error is about values returned where none are expected.
fn fixes_error(message: &str) -> bool {
    message == "no result values expected"
        || (message.starts_with("too many return values") && message.contains("want ()"))
}

fn run(pass: &mut Pass<'_>) {
    for error in pass.errors {
        if !fixes_error(&error.message) || error.file >= pass.files.len() {
            continue;
        }
        let file = error.file;
        let ast = pass.ast(file);
        let ret = enclosing_path(ast, error.range)
            .into_iter()
            .rev()
            .find_map(|node| match node {
                Node::Stmt(s) if matches!(ast.stmt(s), Stmt::Return(_)) => Some(s),
                _ => None,
            });
        let Some(ret) = ret else {
            continue;
        };
        let range = ast.stmt_range(ret);
        let fix = Fix {
            message: "Delete return values".to_string(),
            edits: vec![Edit {
                file,
                range: TextRange::new(range.start + "return".len() as u32, range.end),
                new_text: String::new(),
            }],
        };
        pass.report_with_fixes(file, error.range, error.message.clone(), vec![fix]);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "noresultvalues");
    }
}
