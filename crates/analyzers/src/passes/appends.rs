//! appends: `append(s)` with nothing to append.

use hir::objects::Builtin;
use syntax::ast::{Expr, ExprId};

use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "appends",
    doc: "check for missing values after append\n\n\
          This checker reports calls to append that pass no values to be appended to the \
          slice, such as _ = append(s). Such calls do nothing, which usually hides a mistake.",
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
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Call { args, .. } = expr else {
                continue;
            };
            let call = ExprId(i as u32);
            if args.len() == 1 && pass.builtin_callee(file, call) == Some(Builtin::Append) {
                pass.report(file, ast.expr_range(call), "append with no values");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "appends");
    }
}
