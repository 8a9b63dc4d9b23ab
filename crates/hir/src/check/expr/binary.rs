//! Binary operators (go/types' `binary`, `matchTypes`, `comparison`, `shift`): untyped operand
//! matching, `mismatched types`, comparability, constant folding with overflow and division by
//! zero checks, and shifts with the delayed rule for untyped constant left operands.

use syntax::ast::{BinaryOp, Expr, ExprId};

use super::super::Checker;
use super::untyped::is_comparison;
use crate::constant::{self, Kind, SHIFT_BOUND, Value};
use crate::operand::{Mode, Operand, composite_kind};
use crate::types::{BasicKind, Type, TypeId, ids};

impl Checker<'_> {
    /// `lhs op rhs`. `e` is the binary expression, or `None` for an assignment operation
    /// `lhs op= rhs` (the messages then quote the assignment).
    pub(crate) fn binary(
        &mut self,
        e: Option<ExprId>,
        lhs: ExprId,
        rhs: ExprId,
        op: BinaryOp,
    ) -> Operand {
        let mut x = self.expr(lhs);
        let mut y = self.expr(rhs);
        if x.is_invalid() {
            return x;
        }
        if y.is_invalid() {
            x.mode = Mode::Invalid;
            x.expr = y.expr;
            return x;
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            self.shift(&mut x, &mut y, e, op);
            return x;
        }
        self.match_types(&mut x, &mut y);
        if x.is_invalid() {
            return x;
        }
        if is_comparison(op) {
            self.comparison(&mut x, &y, op, false);
            return x;
        }
        if !self.world.identical(x.ty, y.ty) {
            if self.world.is_valid(x.ty) && self.world.is_valid(y.ty) {
                let (xt, yt) = (self.type_str(x.ty), self.type_str(y.ty));
                match e {
                    Some(e) => {
                        let es = self.expr_string(e);
                        self.error_at(
                            e,
                            format!("invalid operation: {es} (mismatched types {xt} and {yt})"),
                        );
                    }
                    None => {
                        let (ls, rs) = (self.expr_string(lhs), self.expr_string(rhs));
                        let msg = format!(
                            "invalid operation: {ls} {}= {rs} (mismatched types {xt} and {yt})",
                            op.as_str()
                        );
                        self.error_op(&x, msg);
                    }
                }
            }
            x.mode = Mode::Invalid;
            return x;
        }
        if !self.binary_op_defined(&x, op) {
            let s = self.operand_str(&x);
            self.error_op(
                &x,
                format!(
                    "invalid operation: operator {} not defined on {s}",
                    op.as_str()
                ),
            );
            x.mode = Mode::Invalid;
            return x;
        }
        if matches!(op, BinaryOp::Quo | BinaryOp::Rem) {
            if (x.is_constant() || self.world.is_integer(x.ty))
                && y.value().is_some_and(|v| v.sign() == 0)
            {
                self.error_op(&y, "invalid operation: division by zero");
                x.mode = Mode::Invalid;
                return x;
            }
            // Divisor underflow in complex division (go.dev/issue/20227).
            if let (Some(_), Some(yv)) = (x.value(), y.value())
                && self.world.is_complex(x.ty)
            {
                let (re, im) = (yv.real(), yv.imag());
                let re2 = constant::binary_op(&re, BinaryOp::Mul, &re, false);
                let im2 = constant::binary_op(&im, BinaryOp::Mul, &im, false);
                if re2.sign() == 0 && im2.sign() == 0 {
                    self.error_op(&y, "invalid operation: division by zero");
                    x.mode = Mode::Invalid;
                    return x;
                }
            }
        }
        if let (Some(xv), Some(yv)) = (x.value(), y.value()) {
            if xv.is_unknown() || yv.is_unknown() {
                x.mode = Mode::Constant(Value::Unknown);
                return x;
            }
            let int_div = op == BinaryOp::Quo && self.world.is_integer(x.ty);
            let v = constant::binary_op(xv, op, yv, int_div);
            x.mode = Mode::Constant(v);
            x.expr = e.or(x.expr);
            let pos = match e {
                Some(e) => self.op_pos(e),
                None => self.expr_range(lhs).start,
            };
            self.overflow(&mut x, pos);
            return x;
        }
        x.mode = Mode::Value;
        x
    }

    /// go/types' `binaryOpPredicates`.
    fn binary_op_defined(&self, x: &Operand, op: BinaryOp) -> bool {
        let t = x.ty;
        let w = &self.world;
        match op {
            BinaryOp::Add if w.is_type_param(t) => w.all_under(t, |w, u| {
                w.basic_kind(u)
                    .is_some_and(|k| k.is_numeric() || k.is_string())
            }),
            BinaryOp::Add => w.is_numeric(t) || w.is_string(t),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Quo => w.is_numeric(t),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => {
                w.is_integer(t)
            }
            BinaryOp::LogAnd | BinaryOp::LogOr => w.is_boolean(t),
            _ => false,
        }
    }

    /// The position of the operator of a binary expression; the start of anything else
    /// (go/types' `opPos`).
    pub(crate) fn op_pos(&self, e: ExprId) -> u32 {
        let ast = self.ast();
        let Expr::Binary { x, y, .. } = ast.expr(e) else {
            return self.expr_range(e).start;
        };
        let text = self.files[self.env.file].text.as_bytes();
        let mut i = ast.expr_range(*x).end as usize;
        let end = (ast.expr_range(*y).start as usize).min(text.len());
        while i < end {
            match text[i] {
                b' ' | b'\t' | b'\n' | b'\r' | b')' => i += 1,
                b'/' if text.get(i + 1) == Some(&b'/') => {
                    while i < end && text[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if text.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i + 1 < end && !(text[i] == b'*' && text[i + 1] == b'/') {
                        i += 1;
                    }
                    i += 2;
                }
                _ => return i as u32,
            }
        }
        self.expr_range(e).start
    }

    /// go/types' `matchTypes`: converts untyped operands towards each other's types where an
    /// implicit conversion may make them match.
    pub(crate) fn match_types(&mut self, x: &mut Operand, y: &mut Operand) {
        if self.may_convert(x, y) {
            let yt = y.ty;
            self.convert_untyped(x, yt);
            if x.is_invalid() {
                return;
            }
            let xt = x.ty;
            self.convert_untyped(y, xt);
            if y.is_invalid() {
                x.mode = Mode::Invalid;
            }
        }
    }

    fn may_convert(&self, x: &Operand, y: &Operand) -> bool {
        let w = &self.world;
        if w.is_typed(x.ty) && w.is_typed(y.ty) {
            return false;
        }
        if w.is_numeric(x.ty) != w.is_numeric(y.ty) {
            return false;
        }
        if w.is_interface(x.ty) || w.is_interface(y.ty) {
            return true;
        }
        if w.is_boolean(x.ty) != w.is_boolean(y.ty) {
            return false;
        }
        if w.is_string(x.ty) != w.is_string(y.ty) {
            return false;
        }
        if x.is_nil(w) {
            return w.has_nil(y.ty);
        }
        if y.is_nil(w) {
            return w.has_nil(x.ty);
        }
        if w.is_pointer(x.ty) || w.is_pointer(y.ty) {
            return false;
        }
        true
    }

    /// go/types' `comparison`: `x op y` for a comparison operator (or a switch case `x` against
    /// tag `y` with `switch_case`); the result is an untyped boolean in `x`.
    pub(crate) fn comparison(
        &mut self,
        x: &mut Operand,
        y: &Operand,
        op: BinaryOp,
        switch_case: bool,
    ) {
        if !self.world.is_valid(x.ty) || !self.world.is_valid(y.ty) {
            x.mode = Mode::Invalid;
            return;
        }
        let op = if switch_case { BinaryOp::Eql } else { op };
        // The operand the error is reported at (false: x, true: y) and the cause.
        let mut err: Option<(bool, String)> = None;
        let assignable = self.assignable_to(x, y.ty).is_ok() || self.assignable_to(y, x.ty).is_ok();
        if !assignable {
            let (xt, yt) = (self.type_str(x.ty), self.type_str(y.ty));
            err = Some((true, format!("mismatched types {xt} and {yt}")));
        } else {
            match op {
                BinaryOp::Eql | BinaryOp::Neq => {
                    if x.is_nil(self.world) || y.is_nil(self.world) {
                        let typ = if x.is_nil(self.world) { y.ty } else { x.ty };
                        if !self.world.has_nil(typ) {
                            err = Some((true, String::new()));
                        }
                    } else if let Some(cause) = self.incomparable_cause_of(x.ty) {
                        err = Some((false, cause));
                    } else if let Some(cause) = self.incomparable_cause_of(y.ty) {
                        err = Some((true, cause));
                    }
                }
                _ => {
                    if !self.world.is_ordered(x.ty) {
                        err = Some((false, String::new()));
                    } else if !self.world.is_ordered(y.ty) {
                        err = Some((true, String::new()));
                    }
                }
            }
        }
        if let Some((mut at_y, mut cause)) = err {
            let (xtp, ytp) = (
                self.world.is_type_param(x.ty),
                self.world.is_type_param(y.ty),
            );
            if cause.is_empty() && (xtp || ytp) {
                // The operator is reported against the type parameter operand.
                if !xtp {
                    at_y = true;
                }
                let err_ty = if at_y { y.ty } else { x.ty };
                let ts = self.type_str(err_ty);
                cause = format!("type parameter {ts} cannot use operator {}", op.as_str());
            }
            let err_op = if at_y { y } else { &*x };
            if cause.is_empty() {
                let what = composite_kind(self.world, err_op.ty);
                let what = if what.is_empty() {
                    self.type_str(err_op.ty)
                } else {
                    what.to_string()
                };
                cause = format!("operator {} not defined on {what}", op.as_str());
            }
            let (xs, ys) = (self.op_expr_str(x), self.op_expr_str(y));
            if switch_case {
                self.error_op(x, format!("invalid case {xs} in switch on {ys} ({cause})"));
            } else {
                let err_op = err_op.clone();
                self.error_op(
                    &err_op,
                    format!("invalid operation: {xs} {} {ys} ({cause})", op.as_str()),
                );
            }
            x.mode = Mode::Invalid;
            return;
        }
        if let (Some(xv), Some(yv)) = (x.value(), y.value()) {
            let b = constant::compare(xv, op, yv);
            x.mode = Mode::Constant(Value::from_bool(b));
        } else {
            x.mode = Mode::Value;
            let (xt, yt) = (self.world.default_type(x.ty), self.world.default_type(y.ty));
            if let Some(e) = x.expr {
                self.update_expr_type(e, xt, true);
            }
            if let Some(e) = y.expr {
                self.update_expr_type(e, yt, true);
            }
        }
        x.ty = ids::UNTYPED_BOOL;
    }

    /// Why values of `ty` cannot be compared with `==` (go/types' `incomparableCause` via
    /// `comparableType`), or `None` if they can; the cause may be empty.
    pub(crate) fn incomparable_cause_of(&self, ty: TypeId) -> Option<String> {
        if self.world.is_type_param(ty) {
            if self.world.type_param_comparable(ty) {
                return None;
            }
            let set = self.world.type_set(ty);
            if !set.all && set.terms.is_empty() {
                return Some("empty type set".into());
            }
            return Some("incomparable types in type set".into());
        }
        match self.world.ty(self.world.under(ty)) {
            Type::Slice(_) | Type::Signature(_) | Type::Map { .. } => {
                return Some(format!(
                    "{} can only be compared to nil",
                    composite_kind(self.world, ty)
                ));
            }
            _ => {}
        }
        let mut seen = Vec::new();
        self.comparable_type(ty, &mut seen)
    }

    fn comparable_type(&self, ty: TypeId, seen: &mut Vec<TypeId>) -> Option<String> {
        if seen.contains(&ty) {
            return None;
        }
        seen.push(ty);
        match self.world.ty(self.world.under(ty)) {
            Type::Basic { kind, .. } => (*kind == BasicKind::UntypedNil).then(String::new),
            Type::Pointer(_) | Type::Chan { .. } | Type::Interface(_) => None,
            Type::Struct(s) => {
                for &f in &s.fields {
                    let fty = self.world.obj(f).ty;
                    if self.comparable_type(fty, seen).is_some() {
                        return Some(format!(
                            "struct containing {} cannot be compared",
                            self.type_str(fty)
                        ));
                    }
                }
                None
            }
            Type::Array { elem, .. } => {
                let elem = *elem;
                self.comparable_type(elem, seen)
                    .map(|_| format!("{} cannot be compared", self.type_str(ty)))
            }
            _ => Some(String::new()),
        }
    }

    /// go/types' `shift`: `x << y` or `x >> y`; the result is in `x`.
    fn shift(&mut self, x: &mut Operand, y: &mut Operand, e: Option<ExprId>, op: BinaryOp) {
        let xval = x.value().and_then(Value::to_int);
        let lhs_ok = self.world.is_integer(x.ty) || (self.world.is_untyped(x.ty) && xval.is_some());
        if !lhs_ok {
            let s = self.operand_str(x);
            self.error_op(
                x,
                format!("invalid operation: shifted operand {s} must be integer"),
            );
            x.mode = Mode::Invalid;
            return;
        }
        let mut yval = None;
        if let Some(v) = y.value() {
            let yv = v.to_int().unwrap_or(Value::Unknown);
            if yv.kind() == Kind::Int && yv.sign() < 0 {
                let s = self.operand_str(y);
                self.error_op(y, format!("invalid operation: negative shift count {s}"));
                x.mode = Mode::Invalid;
                return;
            }
            yval = Some(yv);
            if self.world.is_untyped(y.ty) {
                self.representable(y, ids::UINT);
                if y.is_invalid() {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else if self.world.is_integer(y.ty) {
            if !self.world.is_unsigned(y.ty) {
                let s = self.operand_str(y);
                let range = y.expr.map(|e| self.expr_range(e)).unwrap_or_default();
                if !self.verify_version(
                    range,
                    13,
                    &format!("invalid operation: signed shift count {s}"),
                ) {
                    x.mode = Mode::Invalid;
                    return;
                }
            }
        } else if self.world.is_untyped(y.ty) {
            self.convert_untyped(y, ids::UINT);
            if y.is_invalid() {
                x.mode = Mode::Invalid;
                return;
            }
        } else {
            let s = self.operand_str(y);
            self.error_op(
                y,
                format!("invalid operation: shift count {s} must be integer"),
            );
            x.mode = Mode::Invalid;
            return;
        }

        if let Mode::Constant(v) = &x.mode {
            if let Some(yv) = &yval {
                if v.is_unknown() || yv.is_unknown() {
                    x.mode = Mode::Constant(Value::Unknown);
                    if !self.world.is_integer(x.ty) {
                        x.ty = ids::UNTYPED_INT;
                    }
                    return;
                }
                let s = match yv.to_u64() {
                    Some(s) if s <= SHIFT_BOUND => s,
                    _ => {
                        let ys = self.operand_str(y);
                        self.error_op(y, format!("invalid operation: invalid shift count {ys}"));
                        x.mode = Mode::Invalid;
                        return;
                    }
                };
                if !self.world.is_integer(x.ty) {
                    x.ty = ids::UNTYPED_INT;
                }
                let xv = xval.unwrap_or(Value::Unknown);
                x.mode = Mode::Constant(constant::shift(&xv, op == BinaryOp::Shl, s as u32));
                x.expr = e.or(x.expr);
                let pos = e.map(|e| self.op_pos(e)).unwrap_or_default();
                self.overflow(x, pos);
                return;
            }
            if self.world.is_untyped(x.ty) {
                // A non-constant shift of an untyped constant: its type is what it would be
                // without the shift, known only from the context (update_expr_type).
                if let Some(lhs) = x.expr
                    && let Some(info) = self.untyped.get_mut(&(self.env.file as u32, lhs))
                {
                    info.is_lhs = true;
                }
                x.mode = Mode::Value;
                return;
            }
        }
        if !self.world.is_integer(x.ty) {
            let s = self.operand_str(x);
            self.error_op(
                x,
                format!("invalid operation: shifted operand {s} must be integer"),
            );
            x.mode = Mode::Invalid;
            return;
        }
        x.mode = Mode::Value;
    }
}
