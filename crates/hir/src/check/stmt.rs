//! Statements: function bodies, blocks, if/for/range/switch/type switch/select, go/defer,
//! return, inc/dec, send, expression statements, branch statements; unused variables.

use syntax::ast::StmtId;

use super::Checker;
use crate::types::TypeId;

impl Checker<'_> {
    /// Checks the body of a function with signature `sig` (parameters declared in a new
    /// function scope nested in `self.env.scope`).
    pub(crate) fn func_body(&mut self, name: &str, sig: TypeId, body: StmtId) {
        let _ = (name, sig, body);
    }
}
