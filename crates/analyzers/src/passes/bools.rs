//! bools: redundant (`e || e`) and suspect (`x != 1 || x != 2`) boolean expressions.

use std::collections::{HashMap, HashSet};

use syntax::ast::{BinaryOp, Expr, ExprId};

use crate::util::{format_expr, no_effects, unparen};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "bools",
    doc: "check for common mistakes involving boolean operators\n\n\
          Within a chain of || (or &&) operands without side effects, an operand repeated \
          is redundant, and comparisons of one expression against different constants with \
          != under || (== under &&) are always true (false): the intended operator was \
          probably the other one.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// `||` or `&&`, with the comparison that is suspect under it.
#[derive(Clone, Copy)]
struct BoolOp {
    name: &'static str,
    op: BinaryOp,
    bad_eq: BinaryOp,
}

const OR: BoolOp = BoolOp {
    name: "or",
    op: BinaryOp::LogOr,
    bad_eq: BinaryOp::Neq,
};
const AND: BoolOp = BoolOp {
    name: "and",
    op: BinaryOp::LogAnd,
    bad_eq: BinaryOp::Eql,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        // Operands of a chain are checked with the chain's outermost operator: skip them.
        let mut inner = HashSet::new();
        for expr in &ast.exprs {
            if let Expr::Binary { op, x, y } = expr
                && matches!(op, BinaryOp::LogOr | BinaryOp::LogAnd)
            {
                for operand in [*x, *y] {
                    let operand = unparen(ast, operand);
                    if matches!(ast.expr(operand), Expr::Binary { op: o, .. } if o == op) {
                        inner.insert(operand);
                    }
                }
            }
        }
        for (i, expr) in ast.exprs.iter().enumerate() {
            let id = ExprId(i as u32);
            let op = match expr {
                Expr::Binary {
                    op: BinaryOp::LogOr,
                    ..
                } => OR,
                Expr::Binary {
                    op: BinaryOp::LogAnd,
                    ..
                } => AND,
                _ => continue,
            };
            if inner.contains(&id) {
                continue;
            }
            for set in commutative_sets(pass, file, op, id) {
                check_redundant(pass, file, op, &set);
                check_suspect(pass, file, op, &set);
            }
        }
    }
}

/// The operands of the chain `e` joined by `op`, right to left (as go vet lists them), split
/// into runs without side effects: within a run, order does not matter.
fn commutative_sets(pass: &Pass<'_>, file: usize, op: BoolOp, e: ExprId) -> Vec<Vec<ExprId>> {
    let mut operands = Vec::new();
    split(pass, file, op, e, &mut operands);
    let mut sets = Vec::new();
    let mut current = Vec::new();
    for operand in operands {
        if no_effects(pass, file, operand) {
            current.push(operand);
        } else if !current.is_empty() {
            sets.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        sets.push(current);
    }
    sets
}

fn split(pass: &Pass<'_>, file: usize, op: BoolOp, e: ExprId, out: &mut Vec<ExprId>) {
    let ast = pass.ast(file);
    let mut e = e;
    loop {
        e = unparen(ast, e);
        match ast.expr(e) {
            Expr::Binary { op: o, x, y } if *o == op.op => {
                split(pass, file, op, *y, out);
                e = *x;
            }
            _ => {
                out.push(e);
                return;
            }
        }
    }
}

fn format(pass: &Pass<'_>, file: usize, e: ExprId) -> String {
    format_expr(pass.ast(file), &pass.files[file].text, e)
}

/// `e || e`, `e && e`.
fn check_redundant(pass: &mut Pass<'_>, file: usize, op: BoolOp, set: &[ExprId]) {
    let mut seen = HashSet::new();
    for &e in set {
        let text = format(pass, file, e);
        if seen.contains(&text) {
            let message = format!("redundant {}: {text} {} {text}", op.name, op.op.as_str());
            let range = pass.ast(file).expr_range(e);
            pass.report(file, range, message);
        } else {
            seen.insert(text);
        }
    }
}

/// `x != c1 || x != c2` (always true) and `x == c1 && x == c2` (always false) with constants
/// c1 and c2.
fn check_suspect(pass: &mut Pass<'_>, file: usize, op: BoolOp, set: &[ExprId]) {
    // From the compared operand's text to the first comparison's.
    let mut seen: HashMap<String, String> = HashMap::new();
    for &e in set {
        let ast = pass.ast(file);
        let Expr::Binary { op: eq, x, y } = ast.expr(e) else {
            continue;
        };
        if *eq != op.bad_eq {
            continue;
        }
        let constant = |side: ExprId| {
            pass.type_and_value(file, side)
                .is_some_and(|tv| tv.value.is_some())
        };
        let operand = if constant(*y) {
            *x
        } else if constant(*x) {
            *y
        } else {
            continue;
        };
        let operand = format(pass, file, operand);
        let text = format(pass, file, e);
        match seen.get(&operand) {
            // Equal comparisons are check_redundant's to report.
            Some(previous) if *previous != text => {
                let message = format!("suspect {}: {text} {} {previous}", op.name, op.op.as_str());
                pass.report(file, ast.expr_range(e), message);
            }
            Some(_) => {}
            None => {
                seen.insert(operand, text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "bools");
    }
}
