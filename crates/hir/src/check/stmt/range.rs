//! Range clauses: what can be ranged over (arrays, pointers to arrays, slices, strings, maps,
//! channels, integers since go1.22, iterator functions since go1.23), and the iteration
//! variables, declared or assigned (go/types' range.go).

use syntax::TextRange;
use syntax::ast::{Expr, ExprId, StmtId};

use super::StmtContext;
use crate::check::Checker;
use crate::objects::ObjKind;
use crate::operand::{Mode, Operand};
use crate::types::{ChanDir, Type, TypeId, ids};

/// The key and value types a range clause produces (`None`: no such iteration variable).
type KeyVal = (Option<TypeId>, Option<TypeId>);

impl Checker<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_stmt(
        &mut self,
        inner: StmtContext,
        s: StmtId,
        key: Option<ExprId>,
        value: Option<ExprId>,
        define: bool,
        xe: ExprId,
        body: StmtId,
    ) {
        // More than two iteration variables: the parser reported it, and go/parser makes the
        // statement a bad one (not checked at all).
        if let Some(value) = value
            && self
                .find_token(self.expr_range(value).end, self.expr_range(xe).start, ",")
                .is_some()
        {
            return;
        }

        // The range expression.
        self.env.has_call_or_recv = false;
        let mut x = self.expr(xe);

        let (mut k, mut v) = (None, None);
        if !x.is_invalid() && self.world.is_valid(x.ty) {
            match self.range_key_val(x.ty) {
                Err(cause) => {
                    let s = self.operand_str(&x);
                    let msg = if cause.is_empty() {
                        format!("cannot range over {s}")
                    } else {
                        format!("cannot range over {s}: {cause}")
                    };
                    let range = self.expr_range(xe);
                    self.soft_error(range, msg);
                    (k, v) = (Some(ids::INVALID), Some(ids::INVALID));
                }
                Ok((kt, vt)) => {
                    if kt.is_none()
                        && let Some(key) = key
                    {
                        let s = self.operand_str(&x);
                        let range = self.expr_range(key);
                        self.soft_error(
                            range,
                            format!("range over {s} permits no iteration variables"),
                        );
                    } else if vt.is_none()
                        && let Some(value) = value
                    {
                        let s = self.operand_str(&x);
                        let range = self.expr_range(value);
                        self.soft_error(
                            range,
                            format!("range over {s} permits only one iteration variable"),
                        );
                    }
                    (k, v) = (kt, vt);
                }
            }
        }

        // The block of the for statement; iteration variables declared with := go in it.
        self.open_scope(self.ast().stmt_range(s));
        let lhs = [key, value];
        let rhs = [k, v];
        let range_over_int = self.world.is_integer(x.ty);

        if define {
            let mut vars = Vec::new();
            for (i, lhs) in lhs.into_iter().enumerate() {
                let Some(lhs) = lhs else { continue };
                let obj = match self.ast().expr(lhs) {
                    Expr::Name(name) => {
                        let obj = self.new_object(name, ObjKind::Var(Default::default()));
                        self.record_def(name, obj);
                        // _ variables don't count as new variables.
                        if !name.is_blank() {
                            vars.push((obj, name));
                        }
                        obj
                    }
                    _ => {
                        let s = self.expr_string(lhs);
                        self.error_at(lhs, format!("invalid syntax tree: cannot declare {s}"));
                        let pos = self.pos(self.expr_range(lhs).start);
                        self.world.new_var("_", pos, Some(self.pkg), ids::INVALID)
                    }
                };
                // Initialize the iteration variable.
                let typ = rhs[i];
                match typ {
                    Some(t) if t != ids::INVALID => {
                        if range_over_int {
                            self.init_var(obj, &mut x, "range clause");
                        } else {
                            // The error, if any, is on the variable: "assignment", not "range
                            // clause".
                            let mut y = Operand {
                                mode: Mode::Value,
                                expr: Some(lhs),
                                ty: t,
                            };
                            self.init_var(obj, &mut y, "assignment");
                        }
                    }
                    _ => {
                        self.world.obj_mut(obj).ty = ids::INVALID;
                        self.world.obj_mut(obj).used = true; // no unused-variable error
                    }
                }
            }
            if vars.is_empty() {
                let at = self.range_define_pos(s, key, value, xe);
                self.error(at, "no new variables on left side of :=");
            } else {
                for (obj, name) in vars {
                    self.declare(self.env.scope, Some(name), obj);
                }
            }
        } else if key.is_some() {
            // Ordinary assignment.
            for (i, lhs) in lhs.into_iter().enumerate() {
                let Some(lhs) = lhs else { continue };
                let Some(t) = rhs[i].filter(|&t| t != ids::INVALID) else {
                    continue;
                };
                if range_over_int {
                    self.assign_var(lhs, None, Some(&mut x), "range clause");
                    // If x was untyped, it now has the type of the variable; it must be an
                    // integer (go.dev/issue/67027).
                    if !x.is_invalid() && !self.world.is_integer(x.ty) {
                        let ts = self.type_str(x.ty);
                        let range = self.expr_range(lhs);
                        self.soft_error(
                            range,
                            format!("cannot use iteration variable of type {ts}"),
                        );
                    }
                } else {
                    let mut y = Operand {
                        mode: Mode::Value,
                        expr: Some(lhs),
                        ty: t,
                    };
                    self.assign_var(lhs, None, Some(&mut y), "assignment");
                }
            }
        } else if range_over_int {
            // Without iteration variables, an untyped integer must still fit its default type.
            self.assignment(&mut x, None, "range clause");
        }

        self.stmt(inner, body);
        self.close_scope();
    }

    /// The position of `:=` in a range clause.
    fn range_define_pos(
        &self,
        s: StmtId,
        key: Option<ExprId>,
        value: Option<ExprId>,
        xe: ExprId,
    ) -> TextRange {
        let from = value
            .or(key)
            .map_or(self.ast().stmt_range(s).start, |e| self.expr_range(e).end);
        let to = self.expr_range(xe).start;
        let pos = self.find_token(from, to, ":=").unwrap_or(from);
        TextRange::new(pos, pos + 2)
    }

    /// The key and value types of ranging over a value of type `t`, or why it cannot be
    /// ranged over (go/types' `rangeKeyVal`).
    fn range_key_val(&mut self, t: TypeId) -> Result<KeyVal, String> {
        // A channel must permit receive operations.
        let mut u = self.common_under(t, |c, pair| match pair {
            Some((t, u))
                if matches!(
                    c.world.ty(u),
                    Type::Chan {
                        dir: ChanDir::Send,
                        ..
                    }
                ) =>
            {
                Some(format!("receive from send-only channel {}", c.type_str(t)))
            }
            _ => None,
        })?;
        let w = &*self.world;
        // A pointer to an array ranges like the array.
        if let Type::Pointer(elem) = w.ty(u)
            && let Type::Array { .. } = w.ty(w.under(*elem))
        {
            u = w.under(*elem);
        }
        match w.ty(u) {
            Type::Basic { kind, .. } => {
                if kind.is_string() {
                    return Ok((Some(ids::INT), Some(ids::RUNE)));
                }
                if kind.is_integer() {
                    if !self.allow_version(22) {
                        return Err(format!("requires go1.22 or later{}", self.version_hint()));
                    }
                    return Ok((Some(t), None));
                }
                Err(String::new())
            }
            Type::Array { elem, .. } | Type::Slice(elem) => Ok((Some(ids::INT), Some(*elem))),
            Type::Map { key, elem } => Ok((Some(*key), Some(*elem))),
            Type::Chan { elem, .. } => Ok((Some(*elem), None)),
            Type::Signature(sig) => {
                if !self.allow_version(23) {
                    return Err(format!("requires go1.23 or later{}", self.version_hint()));
                }
                const BAD: &str = "func must be func(yield func(...) bool)";
                let params = w.tuple_vars(sig.params);
                if params.len() != 1 {
                    return Err(format!("{BAD}: wrong argument count"));
                }
                if !w.tuple_vars(sig.results).is_empty() {
                    return Err(format!("{BAD}: unexpected results"));
                }
                let yield_under = self.common_under(w.obj(params[0]).ty, |_, _| None);
                let cb = match yield_under.as_ref().map(|&u| w.ty(u)) {
                    Ok(Type::Signature(cb)) => cb,
                    Ok(_) => return Err(format!("{BAD}: argument is not func")),
                    Err(cause) => return Err(format!("{BAD}: in yield type, {cause}")),
                };
                let cb_params = w.tuple_vars(cb.params);
                let cb_results = w.tuple_vars(cb.results);
                if cb_params.len() > 2 {
                    return Err(format!("{BAD}: yield func has too many parameters"));
                }
                if cb_results.len() != 1 || !w.identical(w.obj(cb_results[0]).ty, ids::BOOL) {
                    // See go.dev/issues/71131, go.dev/issues/71164.
                    if cb_results.len() == 1 && w.is_boolean(w.obj(cb_results[0]).ty) {
                        return Err(format!(
                            "{BAD}: yield func returns user-defined boolean, not bool"
                        ));
                    }
                    return Err(format!("{BAD}: yield func does not return bool"));
                }
                let key = cb_params.first().map(|&p| w.obj(p).ty);
                let val = cb_params.get(1).map(|&p| w.obj(p).ty);
                Ok((key, val))
            }
            _ => Err(String::new()),
        }
    }
}
