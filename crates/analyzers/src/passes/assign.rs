//! assign: self-assignments (`x = x`), which do nothing.

use std::mem::discriminant;

use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{AssignOp, Expr, ExprId, Stmt, StmtId};

use crate::util::{format_expr, no_effects, unparen};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "assign",
    doc: "check for useless assignments\n\n\
          This checker reports assignments of the form x = x or a[i] = a[i]. They do \
          nothing, and when written on purpose they are still usually a mistake.",
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
        for (i, stmt) in ast.stmts.iter().enumerate() {
            let Stmt::Assign {
                lhs,
                op: AssignOp::Assign,
                rhs,
            } = stmt
            else {
                continue;
            };
            if lhs.len() != rhs.len() {
                continue;
            }
            check_assign(pass, file, StmtId(i as u32), lhs, rhs);
        }
    }
}

fn check_assign(pass: &mut Pass<'_>, file: usize, stmt: StmtId, lhs: &[ExprId], rhs: &[ExprId]) {
    let ast = pass.ast(file);
    let range = |e: ExprId| ast.expr_range(e);
    let mut exprs = Vec::new();
    let mut edits = Vec::new();
    // The start of the current run of self-assignments on each side, if in one.
    let mut run_start: Option<(u32, u32)> = None;
    for (i, (&l, &r)) in lhs.iter().zip(rhs).enumerate() {
        match self_assigned(pass, file, l, r) {
            Some(text) => {
                exprs.push(text);
                if run_start.is_none() {
                    // Take the comma before the run along, unless the run starts the list.
                    run_start = Some(if i > 0 {
                        (range(lhs[i - 1]).end, range(rhs[i - 1]).end)
                    } else {
                        (range(l).start, range(r).start)
                    });
                }
            }
            None => {
                let Some((start_l, start_r)) = run_start.take() else {
                    continue;
                };
                // A run at the start of the list takes the comma after it instead.
                let (end_l, end_r) = if start_l == range(lhs[0]).start {
                    (range(l).start, range(r).start)
                } else {
                    (range(lhs[i - 1]).end, range(rhs[i - 1]).end)
                };
                edits.push(delete(file, start_l, end_l));
                edits.push(delete(file, start_r, end_r));
            }
        }
    }
    if let Some((start_l, start_r)) = run_start {
        let last = lhs.len() - 1;
        edits.push(delete(file, start_l, range(lhs[last]).end));
        edits.push(delete(file, start_r, range(rhs[last]).end));
    }
    if exprs.is_empty() {
        return;
    }
    let stmt_range = ast.stmt_range(stmt);
    if exprs.len() == lhs.len() {
        edits = vec![delete_stmt(pass, file, stmt_range)];
    }
    let message = format!("self-assignment of {}", exprs.join(", "));
    let fix = Fix {
        message: "Remove self-assignment".to_string(),
        edits,
    };
    pass.report_with_fixes(file, stmt_range, message, vec![fix]);
}

/// The text of `l` if `l = r` assigns `l` to itself: the same expression (as gofmt prints
/// it) on both sides, without side effects, and not a map element (reading a missing key
/// and storing the zero value adds the key).
fn self_assigned(pass: &Pass<'_>, file: usize, l: ExprId, r: ExprId) -> Option<String> {
    let ast = pass.ast(file);
    if discriminant(ast.expr(l)) != discriminant(ast.expr(r))
        || !no_effects(pass, file, l)
        || !no_effects(pass, file, r)
        || is_map_index(pass, file, l)
    {
        return None;
    }
    let text = &pass.files[file].text;
    let left = format_expr(ast, text, l);
    (left == format_expr(ast, text, r)).then_some(left)
}

fn is_map_index(pass: &Pass<'_>, file: usize, e: ExprId) -> bool {
    let ast = pass.ast(file);
    let Expr::Index { x, .. } = ast.expr(unparen(ast, e)) else {
        return false;
    };
    pass.type_of(file, *x)
        .is_some_and(|t| matches!(pass.world.ty(pass.world.under(t)), Type::Map { .. }))
}

fn delete(file: usize, start: u32, end: u32) -> Edit {
    Edit {
        file,
        range: TextRange { start, end },
        new_text: String::new(),
    }
}

/// Deletes a statement: its whole lines when nothing else is on them (but comments after
/// it), else just its text.
fn delete_stmt(pass: &Pass<'_>, file: usize, range: TextRange) -> Edit {
    let text: &str = &pass.files[file].text;
    let (start, end) = (range.start as usize, range.end as usize);
    let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
        return delete(file, range.start, range.end);
    };
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    let line_end = tail.find('\n').map_or(text.len(), |i| end + i + 1);
    let before = &head[line_start..];
    let after = tail[..line_end - end].trim();
    if before.trim().is_empty() && (after.is_empty() || after.starts_with("//")) {
        return delete(file, line_start as u32, line_end as u32);
    }
    delete(file, range.start, range.end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "assign");
    }
}
