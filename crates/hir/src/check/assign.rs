//! Assignments: `assignment` (a value to a type in a context), variable initialization,
//! `=` and op-assignments, `:=` short variable declarations, and return values.

use super::Checker;
use crate::operand::Operand;
use crate::types::TypeId;

impl Checker<'_> {
    /// Checks that `x` can be assigned to a variable of type `t` (`None`: the variable's type
    /// is inferred from `x`, which must then not be untyped nil), converting untyped operands;
    /// `context` completes `cannot use x as T value in <context>`. On failure `x` becomes
    /// invalid.
    pub(crate) fn assignment(&mut self, x: &mut Operand, t: Option<TypeId>, context: &str) {
        let _ = (x, t, context);
    }
}

impl Checker<'_> {
    /// Initializes constant `obj` from `x` (go/types' `initConst`): `x` must be a constant
    /// representable by the constant's type; an untyped constant's type comes from `x`.
    pub(crate) fn init_const(&mut self, obj: crate::objects::ObjId, x: &mut Operand) {
        let _ = (obj, x);
    }

    /// Initializes variable `obj` from `x` (go/types' `initVar`), inferring its type when it
    /// has none yet (`ids::INVALID`).
    pub(crate) fn init_var(&mut self, obj: crate::objects::ObjId, x: &mut Operand, context: &str) {
        let _ = (obj, x, context);
    }

    /// Initializes `lhs` from `rhs` (go/types' `initVars`): n:n, or n:1 with a multi-valued
    /// rhs; `return_stmt` is set when checking a return statement's results.
    pub(crate) fn init_vars(&mut self, lhs: &[crate::objects::ObjId], rhs: &[syntax::ast::ExprId], return_stmt: Option<syntax::ast::StmtId>) {
        let _ = (lhs, rhs, return_stmt);
    }
}
