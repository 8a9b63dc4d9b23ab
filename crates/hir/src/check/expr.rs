//! Expressions: the dispatcher over expression kinds, operators (unary, binary, shifts,
//! comparisons), untyped constants and their conversion to typed ones, representability,
//! index and slice expressions, composite literals, function literals.

use syntax::ast::ExprId;

use super::Checker;
use crate::operand::Operand;
use crate::types::TypeId;

impl Checker<'_> {
    /// Evaluates `e` of any kind (value, type, builtin, no value); `hint` is the expected type
    /// of a composite literal with elided type. Records the result.
    pub(crate) fn raw_expr(&mut self, e: ExprId, hint: Option<TypeId>) -> Operand {
        let _ = hint;
        Operand::invalid(Some(e))
    }

    /// Evaluates `e` as a single value (not a type, builtin or no-value call).
    pub(crate) fn expr(&mut self, e: ExprId) -> Operand {
        self.raw_expr(e, None)
    }

    /// Like [`Checker::expr`], with the expected type for an elided composite literal type.
    pub(crate) fn expr_with_hint(&mut self, e: ExprId, hint: TypeId) -> Operand {
        self.raw_expr(e, Some(hint))
    }

    /// Evaluates `e` as a value or a type.
    pub(crate) fn expr_or_type(&mut self, e: ExprId) -> Operand {
        self.raw_expr(e, None)
    }

    /// Evaluates `e` that may produce several values (a call); a comma-ok expression yields
    /// two operands when `allow_comma_ok`.
    pub(crate) fn multi_expr(&mut self, e: ExprId, allow_comma_ok: bool) -> Vec<Operand> {
        let _ = allow_comma_ok;
        vec![self.expr(e)]
    }

    /// Converts an untyped operand to `target` (or its default type when `target` is an
    /// interface), reporting what go/types reports; typed operands are left alone.
    pub(crate) fn convert_untyped(&mut self, x: &mut Operand, target: TypeId) {
        let _ = (x, target);
    }

    /// Records the final types of untyped expressions (end of package).
    pub(crate) fn record_untyped(&mut self) {}
}
