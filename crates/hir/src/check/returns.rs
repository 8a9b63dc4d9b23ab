//! Terminating statements (the spec's definition), for `missing return` (go/types'
//! return.go).

use syntax::ast::{self, BranchKind, CaseClause, Expr, Stmt, StmtId};

use super::Checker;
use crate::objects::{Builtin, ObjKind};

impl Checker<'_> {
    /// Whether `s` is a terminating statement; `label` is the label of `s`, if any.
    pub(crate) fn is_terminating(&self, s: StmtId, label: Option<&str>) -> bool {
        let ast = self.ast();
        match ast.stmt(s) {
            Stmt::Labeled { label, stmt } => self.is_terminating(*stmt, Some(label.as_str())),
            // Calling the predeclared (possibly parenthesized) panic function is terminating.
            Stmt::Expr(e) => match ast.expr(self.unparen(*e)) {
                Expr::Call { fun, .. } => self.is_panic(*fun),
                _ => false,
            },
            Stmt::Return(_) => true,
            Stmt::Branch { kind, .. } => matches!(kind, BranchKind::Goto | BranchKind::Fallthrough),
            Stmt::Block { stmts, .. } => self.is_terminating_list(stmts, None),
            Stmt::If { then, els, .. } => els.is_some_and(|els| {
                self.is_terminating(*then, None) && self.is_terminating(els, None)
            }),
            Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
                self.is_terminating_switch(clauses, label)
            }
            Stmt::Select { clauses } => clauses.iter().all(|cc| {
                self.is_terminating_list(&cc.body, None)
                    && !has_break_list(ast, &cc.body, label, true)
            }),
            Stmt::For { cond, body, .. } => cond.is_none() && !has_break(ast, *body, label, true),
            Stmt::Bad
            | Stmt::Empty
            | Stmt::Decl(_)
            | Stmt::Send { .. }
            | Stmt::IncDec { .. }
            | Stmt::Assign { .. }
            | Stmt::Go(_)
            | Stmt::Defer(_)
            | Stmt::Range { .. } => false,
        }
    }

    /// Whether the last non-empty statement of `list` is terminating.
    pub(crate) fn is_terminating_list(&self, list: &[StmtId], label: Option<&str>) -> bool {
        let ast = self.ast();
        match list
            .iter()
            .rev()
            .find(|&&s| !matches!(ast.stmt(s), Stmt::Empty))
        {
            Some(&s) => self.is_terminating(s, label),
            None => false,
        }
    }

    fn is_terminating_switch(&self, clauses: &[CaseClause], label: Option<&str>) -> bool {
        let ast = self.ast();
        let mut has_default = false;
        for cc in clauses {
            if cc.list.is_none() {
                has_default = true;
            }
            if !self.is_terminating_list(&cc.body, None)
                || has_break_list(ast, &cc.body, label, true)
            {
                return false;
            }
        }
        has_default
    }

    /// Whether `fun` denotes the predeclared `panic` (as resolved when the call was checked).
    fn is_panic(&self, fun: ast::ExprId) -> bool {
        let fun = self.unparen(fun);
        let offset = match self.ast().expr(fun) {
            Expr::Name(n) => n.range.start,
            _ => return false,
        };
        self.info
            .uses
            .get(&(self.env.file as u32, offset))
            .is_some_and(|&obj| {
                matches!(self.world.obj(obj).kind, ObjKind::Builtin(Builtin::Panic))
            })
    }
}

/// Whether `s` contains a `break` that leaves the statement labeled `label` (or, with
/// `implicit`, the innermost enclosing one).
fn has_break(ast: &ast::File, s: StmtId, label: Option<&str>, implicit: bool) -> bool {
    match ast.stmt(s) {
        Stmt::Labeled { stmt, .. } => has_break(ast, *stmt, label, implicit),
        Stmt::Branch {
            kind: BranchKind::Break,
            label: l,
        } => match l {
            None => implicit,
            Some(l) => label == Some(l.as_str()),
        },
        Stmt::Block { stmts, .. } => has_break_list(ast, stmts, label, implicit),
        Stmt::If { then, els, .. } => {
            has_break(ast, *then, label, implicit)
                || els.is_some_and(|e| has_break(ast, e, label, implicit))
        }
        // A labeled break can leave nested breakable statements; an unlabeled one cannot.
        Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
            label.is_some()
                && clauses
                    .iter()
                    .any(|cc| has_break_list(ast, &cc.body, label, false))
        }
        Stmt::Select { clauses } => {
            label.is_some()
                && clauses
                    .iter()
                    .any(|cc| has_break_list(ast, &cc.body, label, false))
        }
        Stmt::For { body, .. } | Stmt::Range { body, .. } => {
            label.is_some() && has_break(ast, *body, label, false)
        }
        _ => false,
    }
}

fn has_break_list(ast: &ast::File, list: &[StmtId], label: Option<&str>, implicit: bool) -> bool {
    list.iter().any(|&s| has_break(ast, s, label, implicit))
}
