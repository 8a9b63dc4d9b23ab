//! The builtin functions (`len`, `append`, `make`, ... and package unsafe's), with all their
//! rules and go/types' messages, and the sizes of types (`unsafe.Sizeof`) per GOARCH.

use syntax::ast::ExprId;

use super::Checker;
use crate::objects::Builtin;
use crate::operand::Operand;

impl Checker<'_> {
    /// Checks a call `call` of builtin `id` with `args`; the result is in the returned operand.
    pub(crate) fn builtin(&mut self, call: ExprId, id: Builtin, args: &[ExprId], ellipsis: Option<u32>) -> Operand {
        let _ = (id, args, ellipsis);
        Operand::invalid(Some(call))
    }
}
