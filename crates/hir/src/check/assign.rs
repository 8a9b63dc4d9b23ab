//! Assignments: `assignment` (a value to a type in a context), variable initialization,
//! `=` and op-assignments, `:=` short variable declarations, and return values (go/types'
//! assignments.go).

use syntax::TextRange;
use syntax::ast::{self, Expr, ExprId, StmtId};

use super::Checker;
use super::expr::ConvError;
use crate::objects::{ObjId, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{BasicKind, Type, TypeId, ids};

impl Checker<'_> {
    /// Checks that `x` can be assigned to a variable of type `t` (`None`: the variable's type
    /// is inferred from `x`, which must then not be untyped nil), converting untyped operands;
    /// `context` completes `cannot use x as T value in <context>`. On failure `x` becomes
    /// invalid.
    pub(crate) fn assignment(&mut self, x: &mut Operand, t: Option<TypeId>, context: &str) {
        self.assignment_to(x, t, context, None);
    }

    /// [`Self::assignment`] to a named target (go/types' `target`: a variable's name, the
    /// left-hand side expression, or "result variable"), which is what a generic function
    /// value's type arguments are inferred from, with errors naming it.
    pub(crate) fn assignment_to(
        &mut self,
        x: &mut Operand,
        t: Option<TypeId>,
        context: &str,
        target: Option<&str>,
    ) {
        self.single_value(x);
        let generic = !x.is_invalid()
            && !self
                .world
                .sig_type_params(self.world.unalias(x.ty))
                .is_empty();
        if generic
            && let (Some(t), Some(desc), Some(e)) = (t, target, x.expr)
            && matches!(self.world.ty(self.world.under(t)), Type::Signature(_))
        {
            // Inferred from the target like a call `g(target)` of a function
            // `g[type parameters of x](type of x)`.
            let partial = matches!(self.ast().expr(e), Expr::Index { .. });
            let range = if partial {
                self.lbrack(e)
            } else {
                self.expr_range(e)
            };
            if self.verify_version(range, 18, "function instantiation") && !self.allow_version(21) {
                let what = if partial { "partially" } else { "implicitly" };
                let feature = format!("{what} instantiated function in assignment");
                self.verify_version(range, 21, &feature);
            }
            match self.infer_from_target_reporting(x.ty, t, Some((desc, e, None))) {
                Some(ty) => {
                    x.ty = ty;
                    self.record_operand(x);
                }
                None => {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else if generic {
            match t.and_then(|t| self.infer_from_target(x.ty, t)) {
                Some(ty) => {
                    x.ty = ty;
                    self.record_operand(x);
                }
                None => {
                    let xs = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                    self.error_op(
                        x,
                        format!(
                            "cannot use generic function {xs} without instantiation in {context}"
                        ),
                    );
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        }
        match x.mode {
            Mode::Invalid => return,
            Mode::Constant(_) | Mode::Variable | Mode::MapIndex | Mode::Value | Mode::CommaOk => {}
            _ => {
                let (xs, ts) = (self.operand_str(x), self.opt_type_str(t));
                self.error_op(x, format!("cannot assign {xs} to {ts} in {context}"));
                x.mode = Mode::Invalid;
                return;
            }
        }

        if self.world.is_untyped(x.ty) {
            // spec: "If an untyped constant is assigned to a variable of interface type or the
            // blank identifier, the constant is first converted to type bool, rune, int,
            // float64, complex128 or string respectively".
            let target = match t {
                Some(t) if !self.world.is_interface(t) => t,
                _ => {
                    if t.is_none() && self.world.basic_kind(x.ty) == Some(BasicKind::UntypedNil) {
                        self.error_op(x, format!("use of untyped nil in {context}"));
                        x.mode = Mode::Invalid;
                        return;
                    }
                    self.world.default_type(x.ty)
                }
            };
            match self.implicit_type_and_value(x, target) {
                Err(code) => {
                    let (xs, ts) = (self.operand_str(x), self.type_str(target));
                    let mut msg = format!("cannot use {xs} as {ts} value in {context}");
                    match code {
                        ConvError::Truncated => msg.push_str(" (truncated)"),
                        ConvError::Overflow => msg.push_str(" (overflows)"),
                        ConvError::Invalid => {}
                    }
                    self.error_op(x, msg);
                    x.mode = Mode::Invalid;
                    return;
                }
                Ok((new_ty, val)) => self.set_untyped_result(x, new_ty, val),
            }
        }

        // spec: "If a left-hand side is the blank identifier, any typed or non-constant value
        // except for the predeclared identifier nil may be assigned to it."
        let Some(t) = t else { return };
        if let Err(cause) = self.assignable_to(x, t) {
            let (xs, ts) = (self.operand_str(x), self.type_str(t));
            let msg = if cause.is_empty() {
                format!("cannot use {xs} as {ts} value in {context}")
            } else {
                format!("cannot use {xs} as {ts} value in {context}: {cause}")
            };
            self.error_op(x, msg);
            x.mode = Mode::Invalid;
        }
    }

    /// Initializes constant `obj` from `x` (go/types' `initConst`): `x` must be a constant
    /// representable by the constant's type; an untyped constant's type comes from `x`.
    pub(crate) fn init_const(&mut self, obj: ObjId, x: &mut Operand) {
        // An invalid type of `obj` means "not known yet": a declared type that is invalid
        // does not get here (see `const_decl`).
        if x.is_invalid() || !self.world.is_valid(x.ty) {
            return;
        }
        if !x.is_constant() {
            let s = self.operand_str(x);
            self.error_op(x, format!("{s} is not constant"));
            return;
        }
        if self.world.obj(obj).ty == ids::INVALID {
            self.world.obj_mut(obj).ty = x.ty;
        }
        let t = self.world.obj(obj).ty;
        self.assignment(x, Some(t), "constant declaration");
        if let Mode::Constant(v) = &x.mode {
            let v = v.clone();
            if let ObjKind::Const(slot) = &mut self.world.obj_mut(obj).kind {
                *slot = v;
            }
        }
    }

    /// Initializes variable `obj` from `x` (go/types' `initVar`), inferring its type when it
    /// has none yet (`ids::INVALID`).
    pub(crate) fn init_var(&mut self, obj: ObjId, x: &mut Operand, context: &str) {
        self.init_var_to(obj, x, context, None);
    }

    /// [`Self::init_var`] with the target description of [`Self::assignment_to`].
    pub(crate) fn init_var_to(
        &mut self,
        obj: ObjId,
        x: &mut Operand,
        context: &str,
        target: Option<&str>,
    ) {
        // An invalid type means "not known yet", except for parameters and results, whose
        // types were declared (and found invalid).
        let declared_invalid = self.world.obj(obj).ty == ids::INVALID
            && self
                .world
                .obj(obj)
                .var_info()
                .is_some_and(|info| info.is_param);
        if x.is_invalid() || !self.world.is_valid(x.ty) || declared_invalid {
            x.mode = Mode::Invalid;
            return;
        }
        if self.world.obj(obj).ty == ids::INVALID {
            let mut t = x.ty;
            if self.world.is_untyped(t) {
                if self.world.basic_kind(t) == Some(BasicKind::UntypedNil) {
                    self.error_op(x, format!("use of untyped nil in {context}"));
                    x.mode = Mode::Invalid;
                    return;
                }
                t = self.world.default_type(t);
            }
            self.world.obj_mut(obj).ty = t;
        }
        let t = self.world.obj(obj).ty;
        self.assignment_to(x, Some(t), context, target);
    }

    /// Evaluates `e` assigned to a variable of type `t` (`None` or invalid: not known): a
    /// generic function may then stay generic, to be inferred from `t` by the assignment.
    fn target_expr(&mut self, e: ExprId, t: Option<TypeId>) -> Operand {
        match t {
            Some(t) if self.world.is_valid(t) => self.expr_with_target(e, t, true),
            _ => self.expr(e),
        }
    }

    /// Initializes `lhs` from `rhs` (go/types' `initVars`): n:n, or n:1 with a multi-valued
    /// rhs; `return_stmt` is set when checking a return statement's results.
    pub(crate) fn init_vars(&mut self, lhs: &[ObjId], rhs: &[ExprId], return_stmt: Option<StmtId>) {
        let context = if return_stmt.is_some() {
            "return statement"
        } else {
            "assignment"
        };
        let (l, r) = (lhs.len(), rhs.len());

        // If l == 1 and the rhs is a single call, for a better error message don't handle it
        // as an n:n mapping below.
        let is_call = r == 1 && matches!(self.ast().expr(self.unparen(rhs[0])), Expr::Call { .. });

        if l == r && !is_call {
            for (&v, &e) in lhs.iter().zip(rhs) {
                let mut x = self.target_expr(e, Some(self.world.obj(v).ty));
                let mut desc = self.world.obj(v).name.to_string();
                if return_stmt.is_some() && desc.is_empty() {
                    desc = "result variable".into();
                }
                self.init_var_to(v, &mut x, context, Some(&desc));
            }
            return;
        }

        // Not n:n: the rhs must be a single expression with two or more values.
        if r != 1 {
            // Only report a mismatch if there are no other errors on the rhs.
            let (ok, ops) = self.use_operands(rhs);
            if ok {
                match return_stmt {
                    Some(s) => self.return_error(s, lhs, &ops),
                    None => self.assign_error(rhs, l, r),
                }
            }
            return;
        }

        let mut values = self.multi_expr(rhs[0], l == 2 && return_stmt.is_none());
        if values.len() == l {
            let comma_ok = is_comma_ok(&values);
            for (&v, x) in lhs.iter().zip(values.iter_mut()) {
                self.init_var(v, x, context);
            }
            if comma_ok {
                self.record_comma_ok_types(rhs[0], &values);
            }
            return;
        }
        if values.first().is_some_and(|x| !x.is_invalid()) {
            match return_stmt {
                Some(s) => self.return_error(s, lhs, &values),
                None => self.assign_error(rhs, l, values.len()),
            }
        }
    }

    /// The type of the left-hand side `lhs` of an assignment (go/types' `lhsVar`): `None` for
    /// the blank identifier, `Some(INVALID)` for an invalid lhs. Assigning to a variable is
    /// not a use of it.
    fn lhs_var(&mut self, lhs: ExprId) -> Option<TypeId> {
        let inner = self.unparen(lhs);
        if let Expr::Name(name) = self.ast().expr(inner)
            && name.is_blank()
        {
            return None;
        }
        let restore = self.lhs_var_used_state(inner);
        let x = self.expr(lhs);
        if let Some((v, used)) = restore {
            self.world.obj_mut(v).used = used;
        }
        if x.is_invalid() || !self.world.is_valid(x.ty) {
            return Some(ids::INVALID);
        }
        match x.mode {
            Mode::Variable | Mode::MapIndex => Some(x.ty),
            _ => {
                if let Expr::Selector { x: base, .. } = self.ast().expr(lhs) {
                    let op = self.expr(*base);
                    if op.mode == Mode::MapIndex {
                        let s = self.expr_string(lhs);
                        self.error_at(lhs, format!("cannot assign to struct field {s} in map"));
                        return Some(ids::INVALID);
                    }
                }
                let s = self.expr_string(lhs);
                self.error_at(
                    lhs,
                    format!(
                        "cannot assign to {s} (neither addressable nor a map index expression)"
                    ),
                );
                Some(ids::INVALID)
            }
        }
    }

    /// For an identifier denoting a variable of this package: the variable and its `used`
    /// flag, to restore after evaluating it as an assignment target.
    pub(crate) fn lhs_var_used_state(&self, e: ExprId) -> Option<(ObjId, bool)> {
        let Expr::Name(name) = self.ast().expr(e) else {
            return None;
        };
        let (_, obj) = self.world.lookup_parent(self.env.scope, name.as_str())?;
        let o = self.world.obj(obj);
        (matches!(o.kind, ObjKind::Var(_)) && o.pkg == Some(self.pkg)).then_some((obj, o.used))
    }

    /// Checks the assignment `lhs = rhs`, or `lhs = x` when `x` is the evaluated rhs (go/types'
    /// `assignVar`). On failure `x` becomes invalid.
    pub(crate) fn assign_var(
        &mut self,
        lhs: ExprId,
        rhs: Option<ExprId>,
        x: Option<&mut Operand>,
        context: &str,
    ) {
        let t = self.lhs_var(lhs);
        if t == Some(ids::INVALID) {
            match x {
                Some(x) => x.mode = Mode::Invalid,
                None => {
                    if let Some(rhs) = rhs {
                        self.use_exprs(&[rhs]);
                    }
                }
            }
            return;
        }
        let mut owned;
        let x = match x {
            Some(x) => x,
            None => {
                owned = match rhs {
                    Some(rhs) => self.target_expr(rhs, t),
                    None => Operand::invalid(None),
                };
                &mut owned
            }
        };
        let context = if t.is_none() && context == "assignment" {
            "assignment to _ identifier"
        } else {
            context
        };
        let desc = self.expr_string(lhs);
        self.assignment_to(x, t, context, Some(&desc));
    }

    /// `lhs... = rhs...` (go/types' `assignVars`).
    pub(crate) fn assign_vars(&mut self, lhs: &[ExprId], rhs: &[ExprId]) {
        let (l, r) = (lhs.len(), rhs.len());
        let is_call = r == 1 && matches!(self.ast().expr(self.unparen(rhs[0])), Expr::Call { .. });
        if l == r && !is_call {
            for (&a, &b) in lhs.iter().zip(rhs) {
                self.assign_var(a, Some(b), None, "assignment");
            }
            return;
        }
        if r != 1 {
            // Only report a mismatch if there are no other errors on either side.
            let ok_lhs = self.use_lhs(lhs);
            let ok_rhs = self.use_exprs(rhs);
            if ok_lhs && ok_rhs {
                self.assign_error(rhs, l, r);
            }
            return;
        }
        let mut values = self.multi_expr(rhs[0], l == 2);
        if values.len() == l {
            let comma_ok = is_comma_ok(&values);
            for (&a, x) in lhs.iter().zip(values.iter_mut()) {
                self.assign_var(a, None, Some(x), "assignment");
            }
            if comma_ok {
                self.record_comma_ok_types(rhs[0], &values);
            }
            return;
        }
        if values.first().is_some_and(|x| !x.is_invalid()) {
            self.assign_error(rhs, l, values.len());
        }
        self.use_lhs(lhs);
    }

    /// `lhs... := rhs...` (go/types' `shortVarDecl`); `define` is the position of `:=`.
    pub(crate) fn short_var_decl(&mut self, define: TextRange, lhs: &[ExprId], rhs: &[ExprId]) {
        let top = self.delayed.len();
        let scope = self.env.scope;
        let ast = self.ast();
        let mut seen: Vec<&str> = Vec::new();
        let mut lhs_vars: Vec<Option<ObjId>> = vec![None; lhs.len()];
        let mut new_vars: Vec<(ObjId, &ast::Name)> = Vec::new();
        let mut has_err = false;
        for (i, &e) in lhs.iter().enumerate() {
            let Expr::Name(name) = ast.expr(e) else {
                self.use_lhs(&[e]);
                let s = self.expr_string(e);
                self.error_at(e, format!("non-name {s} on left side of :="));
                has_err = true;
                continue;
            };
            if !name.is_blank() {
                if seen.contains(&name.as_str()) {
                    self.error_at(e, format!("{} repeated on left side of :=", name.as_str()));
                    has_err = true;
                    continue;
                }
                seen.push(name.as_str());
            }
            // A redeclared name denotes the existing variable (the new ones are declared only
            // after the initialization, so `Scope.lookup_local` here).
            if let Some(alt) = self.world.lookup_local(scope, name.as_str()) {
                self.record_use(name.range.start, alt);
                if matches!(self.world.obj(alt).kind, ObjKind::Var(_)) {
                    lhs_vars[i] = Some(alt);
                } else {
                    self.error_at(e, format!("cannot assign to {}", name.as_str()));
                    has_err = true;
                }
                continue;
            }
            let obj = self.new_object(name, ObjKind::Var(Default::default()));
            lhs_vars[i] = Some(obj);
            if !name.is_blank() {
                new_vars.push((obj, name));
            }
            self.record_def(name, obj);
        }
        // Dummy variables where the lhs is invalid.
        let lhs_vars: Vec<ObjId> = lhs_vars
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                v.unwrap_or_else(|| {
                    let pos = self.pos(self.expr_range(lhs[i]).start);
                    self.world.new_var("_", pos, Some(self.pkg), ids::INVALID)
                })
            })
            .collect();

        self.init_vars(&lhs_vars, rhs, None);

        // Function literals in the rhs are checked before the new variables are in scope.
        self.process_delayed(top);

        if new_vars.is_empty() && !has_err {
            self.soft_error(define, "no new variables on left side of :=");
            return;
        }
        for (v, name) in new_vars {
            self.declare(scope, Some(name), v);
        }
    }

    /// `assignment mismatch: 2 variables but f() returns 1 value` (go/types' `assignError`).
    pub(crate) fn assign_error(&mut self, rhs: &[ExprId], l: usize, r: usize) {
        let vars = measure(l, "variable");
        let vals = measure(r, "value");
        let Some(&rhs0) = rhs.first() else { return };
        if rhs.len() == 1
            && let Expr::Call { fun, .. } = self.ast().expr(self.unparen(rhs0))
        {
            let f = self.expr_string(*fun);
            self.error_at(
                rhs0,
                format!("assignment mismatch: {vars} but {f} returns {vals}"),
            );
            return;
        }
        self.error_at(rhs0, format!("assignment mismatch: {vars} but {vals}"));
    }

    /// `not enough return values` / `too many return values`, with what the statement has
    /// and what the function wants (go/types' `returnError`).
    pub(crate) fn return_error(&mut self, stmt: StmtId, lhs: &[ObjId], rhs: &[Operand]) {
        let (l, r) = (lhs.len(), rhs.len());
        let mut at = self.ast().stmt_range(stmt);
        let mut qualifier = "not enough";
        if r > l {
            if let Some(e) = rhs[l].expr {
                at = self.expr_range(e);
            }
            qualifier = "too many";
        } else if r > 0
            && let Some(e) = rhs[r - 1].expr
        {
            at = self.expr_range(e);
        }
        let have: Vec<TypeId> = rhs.iter().map(|x| x.ty).collect();
        let want: Vec<TypeId> = lhs.iter().map(|&v| self.world.obj(v).ty).collect();
        let msg = format!(
            "{qualifier} return values\n\thave {}\n\twant {}",
            self.types_summary(&have, false, false),
            self.types_summary(&want, false, false)
        );
        self.error(at, msg);
    }

    /// `(t1, t2, ...)` with user-friendly names: untyped numeric types are `number`
    /// (go/types' `typesSummary`).
    pub(crate) fn types_summary(&self, list: &[TypeId], variadic: bool, has_dots: bool) -> String {
        let mut res = Vec::new();
        for (i, &t) in list.iter().enumerate() {
            let mut s = if !self.world.is_valid(t) {
                "unknown type".to_string()
            } else if self.world.is_untyped(t) {
                if self.world.is_numeric(t) {
                    "number".to_string()
                } else {
                    match self.world.ty(self.world.unalias(t)) {
                        Type::Basic { name, .. } => name.replace("untyped ", ""),
                        _ => self.type_str(t),
                    }
                }
            } else {
                self.type_str(t)
            };
            if i + 1 == list.len() {
                if variadic {
                    if let Type::Slice(elem) = self.world.ty(t) {
                        s = self.type_str(*elem);
                    }
                    s = format!("...{s}");
                } else if has_dots {
                    s.push_str("...");
                }
            }
            res.push(s);
        }
        format!("({})", res.join(", "))
    }

    // ---- helpers shared by the statement checker ----

    /// go/types' `use` for a list of expressions, keeping the operands (for the `have` part
    /// of `returnError`, which go/types gets by evaluating the list a second time).
    fn use_operands(&mut self, exprs: &[ExprId]) -> (bool, Vec<Operand>) {
        let mut ok = true;
        let mut ops = Vec::with_capacity(exprs.len());
        for &e in exprs {
            let x = if matches!(self.ast().expr(self.unparen(e)), Expr::Name(_)) {
                self.expr_or_type(e)
            } else {
                self.raw_expr(e, None)
            };
            ok &= !x.is_invalid();
            ops.push(x);
        }
        (ok, ops)
    }

    /// Records the type of comma-ok expression `e` (and of the expressions inside its
    /// parentheses) as the pair of its values' final types, as go/types does, once both
    /// assignments succeeded.
    fn record_comma_ok_types(&mut self, mut e: ExprId, values: &[Operand]) {
        if values.iter().any(Operand::is_invalid) {
            return;
        }
        let pos = self.pos(self.expr_range(e).start);
        let vars = values
            .iter()
            .map(|x| self.world.new_var("", pos, Some(self.pkg), x.ty))
            .collect();
        let tuple = self.world.tuple(vars);
        let file = self.env.file as u32;
        loop {
            if let Some(tv) = self.info.types.get_mut(&(file, e)) {
                tv.ty = tuple;
            }
            match self.ast().expr(e) {
                Expr::Paren(inner) => e = *inner,
                _ => break,
            }
        }
    }

    /// A type in a message, `<nil>` for none (as go/types prints a nil `Type`).
    fn opt_type_str(&self, t: Option<TypeId>) -> String {
        match t {
            Some(t) => self.type_str(t),
            None => "<nil>".to_string(),
        }
    }
}

/// Whether `values` came from a comma-ok expression (`v, ok := m[k]`, `<-c`, `x.(T)`): its
/// second value is the untyped boolean `multi_expr` adds.
fn is_comma_ok(values: &[Operand]) -> bool {
    values.len() == 2 && values[1].ty == ids::UNTYPED_BOOL && values[1].mode == Mode::Value
}

fn measure(x: usize, unit: &str) -> String {
    if x == 1 {
        format!("{x} {unit}")
    } else {
        format!("{x} {unit}s")
    }
}
