//! timeformat: `2006-02-01` (year-day-month) in a time layout, almost surely meant as
//! `2006-01-02`.

use hir::objects::ObjKind;
use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId, LitKind};

use crate::passes::printf::callee;
use crate::util::{is_func, is_named};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "timeformat",
    doc: "check for calls of (time.Time).Format or time.Parse with 2006-02-01\n\n\
          The layout 2006-02-01 reads year-day-month, an order no common calendar date \
          standard uses: 2006-01-02 (year-month-day) was more likely meant. Constant \
          layouts passed to (time.Time).Format and time.Parse are checked, and a string \
          literal is offered the fix.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

const BAD_FORMAT: &str = "2006-02-01";
const GOOD_FORMAT: &str = "2006-01-02";

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for i in 0..ast.exprs.len() {
            let call = ExprId(i as u32);
            let Expr::Call { args, .. } = ast.expr(call) else {
                continue;
            };
            let Some(&layout) = args.first() else {
                continue;
            };
            if !is_format_or_parse(pass, file, call) {
                continue;
            }
            let Some(bad_at) = bad_format_at(pass, file, layout) else {
                continue;
            };
            let message = format!("{BAD_FORMAT} should be {GOOD_FORMAT}");
            let range = ast.expr_range(layout);
            if matches!(
                ast.expr(layout),
                Expr::BasicLit {
                    kind: LitKind::String,
                    ..
                }
            ) {
                // Past the opening quote; exact unless escapes come before it.
                let start = range.start + bad_at as u32 + 1;
                let bad = TextRange::new(start, start + BAD_FORMAT.len() as u32);
                let fix = Fix {
                    message: format!("Replace {BAD_FORMAT} with {GOOD_FORMAT}"),
                    edits: vec![Edit {
                        file,
                        range: bad,
                        new_text: GOOD_FORMAT.to_string(),
                    }],
                };
                pass.report_with_fixes(file, bad, message, vec![fix]);
            } else {
                pass.report(file, TextRange::empty(range.start), message);
            }
        }
    }
}

/// Whether the call calls `(time.Time).Format` or `time.Parse`.
fn is_format_or_parse(pass: &Pass<'_>, file: usize, call: ExprId) -> bool {
    let world = pass.world;
    let Some(func) = callee(pass, file, call) else {
        return false;
    };
    if is_func(world, func, "time", "Parse") {
        return true;
    }
    let o = world.obj(func);
    if !matches!(o.kind, ObjKind::Func { .. }) || &*o.name != "Format" {
        return false;
    }
    let Type::Signature(sig) = world.ty(o.ty) else {
        return false;
    };
    let Some(recv) = sig.recv else {
        return false;
    };
    let recv_ty = world.obj(recv).ty;
    let base = world.pointer_elem(recv_ty).unwrap_or(recv_ty);
    is_named(world, base, "time", "Time")
}

/// Where the bad layout starts in the value of `e`, a string constant of a basic type.
fn bad_format_at(pass: &Pass<'_>, file: usize, e: ExprId) -> Option<usize> {
    let tv = pass.type_and_value(file, e)?;
    // A constant of a named string type does not count (as go vet: no unalias either).
    let Type::Basic { kind, .. } = pass.world.ty(tv.ty) else {
        return None;
    };
    if !kind.is_string() {
        return None;
    }
    let value = tv.value.as_ref()?.string_bytes()?;
    value
        .windows(BAD_FORMAT.len())
        .position(|w| w == BAD_FORMAT.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "timeformat");
    }
}
