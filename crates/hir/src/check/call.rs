//! Calls (functions, methods, conversions, builtins dispatch), arguments (variadic,
//! multi-value), selectors (fields, methods, method values and expressions, package members),
//! and conversions.

use syntax::ast::{ExprId, Name};

use super::Checker;
use crate::operand::Operand;
use crate::types::TypeId;

impl Checker<'_> {
    /// Checks the call or conversion `e` = `fun(args...)`.
    pub(crate) fn call_expr(&mut self, e: ExprId, fun: ExprId, args: &[ExprId], ellipsis: Option<u32>) -> Operand {
        let _ = (fun, args, ellipsis);
        Operand::invalid(Some(e))
    }

    /// Checks the selector `e` = `x.sel`. With `want_type`, a qualified identifier denoting a
    /// type is expected (as in a type expression).
    pub(crate) fn selector(&mut self, e: ExprId, x: ExprId, sel: &Name, want_type: bool) -> Operand {
        let _ = (x, sel, want_type);
        Operand::invalid(Some(e))
    }

    /// Converts `x` to type `t` (a conversion `T(x)`), reporting `cannot convert`.
    pub(crate) fn conversion(&mut self, x: &mut Operand, t: TypeId) {
        let _ = (x, t);
    }
}
