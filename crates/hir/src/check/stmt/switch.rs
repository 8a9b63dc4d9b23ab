//! Expression switches (case values, duplicate constant cases), type switches (case types,
//! the symbolic variable of each clause) and select statements.

use syntax::TextRange;
use syntax::ast::{CaseClause, CommClause, Expr, ExprId, Name, Stmt, StmtId, UnaryOp};

use super::StmtContext;
use crate::check::Checker;
use crate::constant::{Kind, Value};
use crate::objects::{ObjId, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{TypeId, ids};

/// A case value's identity for duplicate detection: like gc, only integer, floating-point
/// and string constants are compared (go/types' `goVal`).
#[derive(Clone, PartialEq, Debug)]
enum CaseKey {
    Int(i64),
    Uint(u64),
    Float(u64),
    Str(Vec<u8>),
}

fn case_key(v: &Value) -> Option<CaseKey> {
    match v.kind() {
        Kind::Int => {
            if let Some(i) = v.to_i64() {
                Some(CaseKey::Int(i))
            } else {
                v.to_u64().map(CaseKey::Uint)
            }
        }
        Kind::Float => match v.to_f64_exact() {
            Some((f, true)) => Some(CaseKey::Float(f.to_bits())),
            _ => None,
        },
        Kind::String => v.string_bytes().map(|b| CaseKey::Str(b.to_vec())),
        _ => None,
    }
}

impl Checker<'_> {
    pub(super) fn switch_stmt(
        &mut self,
        inner: StmtContext,
        range: TextRange,
        init: Option<StmtId>,
        tag: Option<ExprId>,
        clauses: &[CaseClause],
    ) {
        self.open_scope(range);
        self.simple_stmt(init);
        let x = match tag {
            Some(tag) => {
                let mut x = self.expr(tag);
                // By checking assignment of x to an invisible temporary (as a compiler would),
                // we get all the relevant checks.
                self.assignment(&mut x, None, "switch expression");
                if !x.is_invalid() && !self.world.comparable(x.ty) && !self.world.has_nil(x.ty) {
                    let (s, t) = (self.operand_str(&x), self.type_str(x.ty));
                    self.error_op(&x, format!("cannot switch on {s} ({t} is not comparable)"));
                    x.mode = Mode::Invalid;
                }
                x
            }
            // spec: "A missing switch expression is equivalent to the boolean value true."
            None => Operand {
                mode: Mode::Constant(Value::from_bool(true)),
                expr: None,
                ty: ids::BOOL,
            },
        };

        self.multiple_defaults(clauses.iter().map(|c| (c.list.is_none(), c.range)));

        let mut seen: Vec<(CaseKey, u32, TypeId)> = Vec::new();
        for (i, clause) in clauses.iter().enumerate() {
            if let Some(list) = &clause.list {
                self.case_values(&x, list, &mut seen);
            }
            self.open_scope(self.clause_range(clause.range, &clause.body));
            let inner = if i + 1 < clauses.len() {
                inner.with(StmtContext::FALLTHROUGH_OK)
            } else {
                inner.with(StmtContext::FINAL_SWITCH_CASE)
            };
            self.stmt_list(inner, &clause.body);
            self.close_scope();
        }
        self.close_scope();
    }

    /// The extent of a case or comm clause's scope, as go/ast's `End` gives it: up to the end
    /// of its last statement (the syntax tree's clause also covers the line end after it), or
    /// of the colon.
    fn clause_range(&self, range: TextRange, body: &[StmtId]) -> TextRange {
        match body.last() {
            Some(&last) => TextRange::new(range.start, self.ast().stmt_range(last).end),
            None => range,
        }
    }

    /// `multiple defaults (first at file:line:col)` for every default clause but the first;
    /// `clauses` gives (is default, range) per clause.
    fn multiple_defaults(&mut self, clauses: impl Iterator<Item = (bool, TextRange)>) {
        let mut first: Option<u32> = None;
        for (is_default, range) in clauses {
            if !is_default {
                continue;
            }
            match first {
                Some(f) => {
                    let at = self.offset_position(f);
                    self.error(range, format!("multiple defaults (first at {at})"));
                }
                None => first = Some(range.start),
            }
        }
    }

    /// Checks the values of a case clause against the switch expression `x`, reporting
    /// duplicate constants.
    fn case_values(
        &mut self,
        x: &Operand,
        values: &[ExprId],
        seen: &mut Vec<(CaseKey, u32, TypeId)>,
    ) {
        for &e in values {
            let mut v = self.expr(e);
            if x.is_invalid() || v.is_invalid() {
                continue;
            }
            self.convert_untyped(&mut v, x.ty);
            if v.is_invalid() {
                continue;
            }
            // Order matters: by comparing v against x, error positions are at the case values.
            if !self.case_comparison(&v, x) {
                continue;
            }
            let Mode::Constant(val) = &v.mode else {
                continue;
            };
            let Some(key) = case_key(val) else { continue };
            let prev = seen
                .iter()
                .find(|(k, _, t)| *k == key && self.world.identical(v.ty, *t))
                .map(|&(_, pos, _)| pos);
            if let Some(prev) = prev {
                let (s, at) = (self.operand_str(&v), self.offset_position(prev));
                self.error_op(
                    &v,
                    format!("duplicate case {s} in expression switch\n\t{at}: previous case"),
                );
                continue;
            }
            let pos = self.expr_range(e).start;
            seen.push((key, pos, v.ty));
        }
    }

    /// go/types' `comparison` of case value `v` with switch expression `x` (switchCase mode:
    /// errors are reported at the case value); whether it is valid.
    fn case_comparison(&mut self, v: &Operand, x: &Operand) -> bool {
        if !self.world.is_valid(v.ty) || !self.world.is_valid(x.ty) {
            return false;
        }
        let mut cause = None;
        let ok = self.assignable_to(v, x.ty).is_ok() || self.assignable_to(x, v.ty).is_ok();
        if !ok {
            let (vt, xt) = (self.type_str(v.ty), self.type_str(x.ty));
            cause = Some(format!("mismatched types {vt} and {xt}"));
        } else {
            let nil_v = v.is_nil(self.world);
            let nil_x = x.is_nil(self.world);
            let err_ty = if nil_v || nil_x {
                let t = if nil_v { x.ty } else { v.ty };
                (!self.world.has_nil(t)).then_some((x.ty, None))
            } else if !self.world.comparable(v.ty) {
                Some((v.ty, self.incomparable_cause_of(v.ty)))
            } else if !self.world.comparable(x.ty) {
                Some((x.ty, self.incomparable_cause_of(x.ty)))
            } else {
                None
            };
            if let Some((t, c)) = err_ty {
                cause = Some(c.unwrap_or_else(|| {
                    let what = crate::operand::composite_kind(self.world, t);
                    let what = if what.is_empty() {
                        self.type_str(t)
                    } else {
                        what.to_string()
                    };
                    format!("operator == not defined on {what}")
                }));
            }
        }
        let Some(cause) = cause else { return true };
        let vs = v.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let xs = x
            .expr
            .map(|e| self.expr_string(e))
            .unwrap_or_else(|| "true".to_string());
        self.error_op(v, format!("invalid case {vs} in switch on {xs} ({cause})"));
        false
    }

    pub(super) fn type_switch_stmt(
        &mut self,
        inner: StmtContext,
        range: TextRange,
        init: Option<StmtId>,
        bind: Option<&Name>,
        xe: ExprId,
        clauses: &[CaseClause],
    ) {
        self.open_scope(range);
        self.simple_stmt(init);

        let mut lhs = bind;
        if let Some(name) = bind
            && name.is_blank()
        {
            // `_ := x.(type)` is an invalid short variable declaration.
            self.soft_error(name.range, "no new variable on left side of :=");
            lhs = None;
        }

        // The switch expression, against which cases are compared; None if invalid.
        let mut sx: Option<Operand> = None;
        let x = self.expr(xe);
        if !x.is_invalid() {
            if self.world.is_type_param(x.ty) {
                let s = self.operand_str(&x);
                self.error_op(
                    &x,
                    format!("cannot use type switch on type parameter value {s}"),
                );
            } else if self.world.is_interface(x.ty) {
                sx = Some(x);
            } else {
                let s = self.operand_str(&x);
                self.error_op(&x, format!("{s} is not an interface"));
            }
        }

        self.multiple_defaults(clauses.iter().map(|c| (c.list.is_none(), c.range)));

        let mut lhs_vars: Vec<ObjId> = Vec::new();
        let mut seen: Vec<(Option<TypeId>, ExprId)> = Vec::new();
        for clause in clauses {
            let t = self.case_types(
                sx.as_ref(),
                clause.list.as_deref().unwrap_or(&[]),
                &mut seen,
            );
            self.open_scope(self.clause_range(clause.range, &clause.body));
            // The variable of the guard is declared anew in each clause, with the clause's
            // type.
            if let Some(name) = lhs {
                let obj = self.new_object(name, ObjKind::Var(Default::default()));
                self.world.obj_mut(obj).ty = t;
                self.declare(self.env.scope, None, obj);
                self.record_implicit(clause.range.start, obj);
                lhs_vars.push(obj);
            }
            self.stmt_list(inner, &clause.body);
            self.close_scope();
        }

        // For "declared and not used", the clause variables act as one: used if any is.
        if let Some(name) = lhs {
            let used = lhs_vars.iter().any(|&v| self.world.obj(v).used);
            for &v in &lhs_vars {
                self.world.obj_mut(v).used = true;
            }
            if !used {
                self.soft_error(
                    name.range,
                    format!("{} declared and not used", name.as_str()),
                );
            }
        }
        self.close_scope();
    }

    /// Checks the types of a type switch case, reporting duplicates and impossible cases;
    /// the type the clause's variable has (go/types' `caseTypes`).
    fn case_types(
        &mut self,
        x: Option<&Operand>,
        types: &[ExprId],
        seen: &mut Vec<(Option<TypeId>, ExprId)>,
    ) -> TypeId {
        let mut last: Option<TypeId> = None;
        for &e in types {
            // The spec allows the value nil instead of a type.
            let t = if self.is_nil_expr(e) {
                self.expr(e);
                None
            } else {
                Some(self.var_type(e))
            };
            last = t;
            if t.is_some_and(|t| !self.world.is_valid(t)) {
                continue;
            }
            let dup = seen.iter().find(|(other, _)| match (t, other) {
                (None, None) => true,
                (Some(a), Some(b)) => self.world.identical(a, *b),
                _ => false,
            });
            if let Some(&(_, other)) = dup {
                let ts = t.map_or_else(|| "nil".to_string(), |t| self.type_str(t));
                let at = self.offset_position(self.expr_range(other).start);
                self.error_at(
                    e,
                    format!("duplicate case {ts} in type switch\n\t{at}: previous case"),
                );
                continue;
            }
            seen.push((t, e));
            if let (Some(x), Some(t)) = (x, t) {
                self.type_assertion(e, x, t, true);
            }
        }
        // spec: "In clauses with a case listing exactly one type, the variable has that type;
        // otherwise, the variable has the type of the expression in the TypeSwitchGuard."
        match last {
            Some(t) if types.len() == 1 => t,
            _ => x.map_or(ids::INVALID, |x| x.ty),
        }
    }

    pub(super) fn select_stmt(&mut self, inner: StmtContext, clauses: &[CommClause]) {
        self.multiple_defaults(clauses.iter().map(|c| (c.comm.is_none(), c.range)));
        let ast = self.ast();
        for clause in clauses {
            // The communication must be a send, a receive, or a receive with assignment.
            let mut valid = false;
            let mut rhs = None;
            match clause.comm.map(|s| ast.stmt(s)) {
                None | Some(Stmt::Send { .. }) => valid = true,
                Some(Stmt::Assign { rhs: r, .. }) if r.len() == 1 => rhs = Some(r[0]),
                Some(Stmt::Expr(e)) => rhs = Some(*e),
                _ => {}
            }
            if let Some(rhs) = rhs
                && matches!(
                    ast.expr(self.unparen(rhs)),
                    Expr::Unary {
                        op: UnaryOp::Recv,
                        ..
                    }
                )
            {
                valid = true;
            }
            if !valid {
                if let Some(comm) = clause.comm {
                    let range = ast.stmt_range(comm);
                    self.error(
                        range,
                        "select case must be send or receive (possibly with assignment)",
                    );
                }
                continue;
            }
            self.open_scope(self.clause_range(clause.range, &clause.body));
            if let Some(comm) = clause.comm {
                self.stmt(inner, comm);
            }
            self.stmt_list(inner, &clause.body);
            self.close_scope();
        }
    }
}
