//! shift: constant shifts by at least the width of the shifted integer.

use std::collections::BTreeSet;

use hir::types::{BasicKind, TypeId};
use syntax::TextRange;
use syntax::ast::{AssignOp, BinaryOp, Expr, ExprId, Stmt};

use crate::util::format_expr;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "shift",
    doc: "check for shifts that equal or exceed the width of the integer\n\n\
          Shifting an integer by its width or more always gives 0 (or -1): a constant shift \
          that large is a mistake. For a type parameter, every type in its type set counts, \
          and the narrowest decides. Code under a constant false condition (if, switch \
          case) is not checked: it is typically written for another word size.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let dead = dead_ranges(pass, file);
        let is_dead = |range: TextRange| {
            dead.iter()
                .any(|d| d.start <= range.start && range.end <= d.end)
        };
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Binary { op, x, y } = expr else {
                continue;
            };
            let range = ast.expr_range(ExprId(i as u32));
            if matches!(op, BinaryOp::Shl | BinaryOp::Shr) && !is_dead(range) {
                check_shift(pass, file, range, *x, *y);
            }
        }
        for (i, stmt) in ast.stmts.iter().enumerate() {
            let Stmt::Assign {
                lhs,
                op: AssignOp::Op(BinaryOp::Shl | BinaryOp::Shr),
                rhs,
            } = stmt
            else {
                continue;
            };
            let (&[x], &[y]) = (lhs.as_slice(), rhs.as_slice()) else {
                continue;
            };
            let range = ast.stmt_range(syntax::ast::StmtId(i as u32));
            if !is_dead(range) {
                check_shift(pass, file, range, x, y);
            }
        }
    }
}

/// The ranges of code that constant conditions make unreachable: the branch of an `if` its
/// constant condition never takes, and `switch` cases whose constant values never match.
fn dead_ranges(pass: &Pass<'_>, file: usize) -> Vec<TextRange> {
    let ast = pass.ast(file);
    let value = |e: ExprId| {
        pass.type_and_value(file, e)
            .and_then(|tv| tv.value.as_ref())
    };
    let mut dead = Vec::new();
    for stmt in &ast.stmts {
        match stmt {
            Stmt::If {
                cond, then, els, ..
            } => match value(*cond).and_then(|v| v.as_bool()) {
                Some(false) => dead.push(ast.stmt_range(*then)),
                Some(true) => dead.extend(els.map(|e| ast.stmt_range(e))),
                None => {}
            },
            Stmt::Switch {
                tag: None, clauses, ..
            } => {
                for clause in clauses {
                    let Some(list) = &clause.list else {
                        continue;
                    };
                    let all_false = list
                        .iter()
                        .all(|&e| value(e).and_then(|v| v.as_bool()) == Some(false));
                    if all_false {
                        dead.push(clause.range);
                    }
                }
            }
            Stmt::Switch {
                tag: Some(tag),
                clauses,
                ..
            } => {
                // Integer tags only.
                let Some(tag) = value(*tag)
                    .filter(|v| matches!(v, hir::constant::Value::Int(_)))
                    .and_then(|v| v.to_u64())
                else {
                    continue;
                };
                for clause in clauses {
                    let Some(list) = &clause.list else {
                        continue;
                    };
                    let never = list
                        .iter()
                        .all(|&e| value(e).and_then(|v| v.to_u64()).is_some_and(|n| n != tag));
                    if never {
                        dead.push(clause.range);
                    }
                }
            }
            _ => {}
        }
    }
    dead
}

fn check_shift(pass: &mut Pass<'_>, file: usize, range: TextRange, x: ExprId, y: ExprId) {
    // Shifts of constants are bit-twiddling tricks such as ^uint(0) >> 63.
    if pass
        .type_and_value(file, x)
        .is_some_and(|tv| tv.value.is_some())
    {
        return;
    }
    let Some(amount) = pass
        .type_and_value(file, y)
        .and_then(|tv| tv.value.as_ref())
        .and_then(|v| v.to_int())
        .and_then(|v| v.to_i64())
    else {
        return;
    };
    let Some(ty) = pass.type_of(file, x) else {
        return;
    };
    let sizes = bit_sizes(pass, ty);
    let Some(&smallest) = sizes.first() else {
        return;
    };
    if amount < smallest {
        return;
    }
    let qualifier = if sizes.len() > 1 { "may be " } else { "" };
    let operand = format_expr(pass.ast(file), &pass.files[file].text, x);
    let message = format!("{operand} ({qualifier}{smallest} bits) too small for shift of {amount}");
    pass.report(file, range, message);
}

/// The distinct sizes in bits of `ty`, or of the types in its type set for a type parameter
/// (none if that set is not restricted by terms), smallest first.
fn bit_sizes(pass: &Pass<'_>, ty: TypeId) -> Vec<i64> {
    let world = pass.world;
    let types: Vec<TypeId> = if world.is_type_param(ty) {
        world.type_set(ty).terms.iter().map(|t| t.ty).collect()
    } else {
        vec![ty]
    };
    let sizes: BTreeSet<i64> = types
        .iter()
        .filter_map(|&t| world.under_basic(t))
        .filter_map(integer_bits)
        .collect();
    sizes.into_iter().collect()
}

/// The size of an integer type in bits, for a 64-bit target (GOARCH amd64, arm64, ...).
fn integer_bits(kind: BasicKind) -> Option<i64> {
    use BasicKind::*;
    Some(match kind {
        Int8 | Uint8 => 8,
        Int16 | Uint16 => 16,
        Int32 | Uint32 | Float32 => 32,
        Int64 | Uint64 | Int | Uint | Uintptr | Float64 | Complex64 => 64,
        Complex128 => 128,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "shift");
    }
}
