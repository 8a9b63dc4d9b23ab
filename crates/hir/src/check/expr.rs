//! Expressions: the dispatcher over expression kinds, operators (unary, binary, shifts,
//! comparisons), untyped constants and their conversion to typed ones, representability,
//! index and slice expressions, composite literals, function literals.
//!
//! Submodules, by go/types' files: `binary` (binary operators, shifts, comparisons; expr.go),
//! `untyped` (untyped operands and constants; const.go and operand.go), `index` (index and
//! slice expressions; index.go), `literals` (basic, function and composite literals;
//! literals.go).

mod binary;
mod index;
mod literals;
mod untyped;

use syntax::TextRange;
use syntax::ast::{Expr, ExprId, UnaryOp};

use super::{Checker, UntypedInfo};
use crate::constant;
use crate::info::TypeAndValue;
use crate::operand::{Mode, Operand};
use crate::types::{BasicKind, ChanDir, Type, TypeId, ids};

pub(crate) use untyped::ConvError;

/// Which modes [`Checker::exclude`] rejects.
#[derive(Clone, Copy)]
struct Exclude {
    novalue: bool,
    builtin: bool,
    typexpr: bool,
}

/// A single value: not a no-value call, a builtin or a type (go/types' `expr`).
const EXCLUDE_ALL: Exclude = Exclude {
    novalue: true,
    builtin: true,
    typexpr: true,
};
/// A value or a type (go/types' `exprOrType`).
const EXCLUDE_NOVALUE: Exclude = Exclude {
    novalue: true,
    builtin: false,
    typexpr: false,
};

impl Checker<'_> {
    /// Evaluates `e` of any kind (value, type, builtin, no value); `hint` is the expected type
    /// of a composite literal with elided type. Records the result.
    pub(crate) fn raw_expr(&mut self, e: ExprId, hint: Option<TypeId>) -> Operand {
        self.raw_expr_generic(e, hint, false)
    }

    /// Evaluates `e` as a value or type that may be generic (the `f` of `f[int]` or `f(x)`).
    pub(crate) fn generic_expr(&mut self, e: ExprId) -> Operand {
        let mut x = self.raw_expr_generic(e, None, true);
        self.exclude(&mut x, EXCLUDE_NOVALUE);
        self.single_value(&mut x);
        x
    }

    /// Like [`Checker::expr`], but a generic function is allowed (a call argument, inferred
    /// from the parameter type).
    pub(crate) fn generic_value_expr(&mut self, e: ExprId) -> Operand {
        let mut x = self.raw_expr_generic(e, None, true);
        self.exclude(&mut x, EXCLUDE_ALL);
        self.single_value(&mut x);
        x
    }

    fn raw_expr_generic(
        &mut self,
        e: ExprId,
        hint: Option<TypeId>,
        allow_generic: bool,
    ) -> Operand {
        let mut x = self.expr_internal(e, hint);
        x.expr = Some(e);
        if !allow_generic {
            self.non_generic(&mut x);
        }
        // A value of an invalid type (cgo's `C.int`, a type whose declaration failed) is an
        // invalid operand: nothing more is said about it.
        if matches!(
            x.mode,
            Mode::Value | Mode::Variable | Mode::MapIndex | Mode::CommaOk
        ) && !self.world.is_valid(x.ty)
        {
            x.mode = Mode::Invalid;
        }
        // A value (or type) of a type still being declared has no known size: `type T
        // [unsafe.Sizeof(T{})]int` (go/types' `pendingType`).
        if !matches!(x.mode, Mode::Invalid | Mode::NoValue) && !self.finite_size(e, &x) {
            x.mode = Mode::Invalid;
        }
        if x.is_invalid() {
            x.ty = ids::INVALID;
        }
        self.record_operand(&x);
        x
    }

    /// go/types' `nonGeneric`: a generic type or function must be instantiated.
    fn non_generic(&mut self, x: &mut Operand) {
        let what = match x.mode {
            Mode::Invalid | Mode::NoValue => return,
            Mode::TypeExpr if self.world.is_generic_type(x.ty) => "type",
            Mode::Value | Mode::Variable
                if !self
                    .world
                    .sig_type_params(self.world.unalias(x.ty))
                    .is_empty() =>
            {
                "function"
            }
            _ => return,
        };
        if let Some(e) = x.expr {
            let s = self.expr_string(e);
            self.error_at(
                e,
                format!("cannot use generic {what} {s} without instantiation"),
            );
        }
        x.mode = Mode::Invalid;
        x.ty = ids::INVALID;
    }

    /// Evaluates `e` as a single value (not a type, builtin or no-value call).
    pub(crate) fn expr(&mut self, e: ExprId) -> Operand {
        let mut x = self.raw_expr(e, None);
        self.exclude(&mut x, EXCLUDE_ALL);
        self.single_value(&mut x);
        x
    }

    /// Like [`Checker::expr`], with the expected type for an elided composite literal type.
    pub(crate) fn expr_with_hint(&mut self, e: ExprId, hint: TypeId) -> Operand {
        let reverse = self.allow_version(21);
        self.expr_with_target(e, hint, reverse)
    }

    /// Evaluates `e` assigned to a variable of type `hint`. A generic function assigned to a
    /// function type gets its type arguments from that type (go1.21; before, the assignment
    /// reports the version): with `reverse` it may stay generic until the assignment.
    pub(crate) fn expr_with_target(&mut self, e: ExprId, hint: TypeId, reverse: bool) -> Operand {
        let reverse = reverse && self.world.is_signature(hint);
        let saved = self.func_target;
        if reverse {
            self.func_target = Some((self.env.file as u32, self.unparen(e), hint));
        }
        let mut x = self.raw_expr_generic(e, Some(hint), reverse);
        self.func_target = saved;
        self.exclude(&mut x, EXCLUDE_ALL);
        self.single_value(&mut x);
        x
    }

    /// Evaluates `e` as a value or a type.
    pub(crate) fn expr_or_type(&mut self, e: ExprId) -> Operand {
        let mut x = self.raw_expr(e, None);
        self.exclude(&mut x, EXCLUDE_NOVALUE);
        self.single_value(&mut x);
        x
    }

    /// Evaluates `e` that may produce several values (a call); a comma-ok expression yields
    /// two operands when `allow_comma_ok`.
    pub(crate) fn multi_expr(&mut self, e: ExprId, allow_comma_ok: bool) -> Vec<Operand> {
        let mut x = self.raw_expr(e, None);
        self.exclude(&mut x, EXCLUDE_ALL);
        if !x.is_invalid()
            && let Type::Tuple(vars) = self.world.ty(x.ty)
        {
            return vars
                .iter()
                .map(|&v| Operand {
                    mode: Mode::Value,
                    expr: Some(e),
                    ty: self.world.obj(v).ty,
                })
                .collect();
        }
        if allow_comma_ok && matches!(x.mode, Mode::MapIndex | Mode::CommaOk) {
            let ok = Operand {
                mode: Mode::Value,
                expr: Some(e),
                ty: ids::UNTYPED_BOOL,
            };
            return vec![x, ok];
        }
        vec![x]
    }

    /// go/types' `exclude`: reports an operand of an excluded mode and invalidates it.
    fn exclude(&mut self, x: &mut Operand, set: Exclude) {
        let msg = match x.mode {
            Mode::NoValue if set.novalue => {
                if set.typexpr {
                    "used as value"
                } else {
                    "used as value or type"
                }
            }
            Mode::Builtin(_) if set.builtin => "must be called",
            Mode::TypeExpr if set.typexpr => "is not an expression",
            _ => return,
        };
        let s = self.operand_str(x);
        self.error_op(x, format!("{s} {msg}"));
        x.mode = Mode::Invalid;
    }

    /// go/types' `singleValue`: a multi-value operand in a single-value context is an error.
    pub(crate) fn single_value(&mut self, x: &mut Operand) {
        if x.mode == Mode::Value && matches!(self.world.ty(x.ty), Type::Tuple(_)) {
            let s = self.operand_str(x);
            self.error_op(x, format!("multiple-value {s} in single-value context"));
            x.mode = Mode::Invalid;
        }
    }

    /// Evaluates expressions only for their side effects (errors, uses), after an error
    /// elsewhere made their values irrelevant (go/types' `use`). Returns whether all were valid.
    pub(crate) fn use_exprs(&mut self, exprs: &[ExprId]) -> bool {
        let mut ok = true;
        for &e in exprs {
            ok &= self.use1(e, false);
        }
        ok
    }

    /// Like [`Checker::use_exprs`] for the left-hand side of an assignment: a variable named
    /// at the top level is not marked used (go/types' `useLHS`).
    pub(crate) fn use_lhs(&mut self, exprs: &[ExprId]) -> bool {
        let mut ok = true;
        for &e in exprs {
            ok &= self.use1(e, true);
        }
        ok
    }

    fn use1(&mut self, e: ExprId, lhs: bool) -> bool {
        let inner = self.unparen(e);
        match self.ast().expr(inner) {
            Expr::Name(name) => {
                if name.is_blank() {
                    return true;
                }
                let mut restore = None;
                if lhs
                    && let Some((_, obj)) = self.world.lookup_parent(self.env.scope, name.as_str())
                {
                    let o = self.world.obj(obj);
                    if matches!(o.kind, crate::objects::ObjKind::Var(_)) && o.pkg == Some(self.pkg)
                    {
                        restore = Some((obj, o.used));
                    }
                }
                // Generic functions and types are fine here (go/types' `use` evaluates with
                // generics allowed: it only wants the expressions checked).
                let x = self.generic_expr(inner);
                if let Some((obj, used)) = restore {
                    self.world.obj_mut(obj).used = used;
                }
                !x.is_invalid()
            }
            _ => !self.raw_expr_generic(e, None, true).is_invalid(),
        }
    }

    /// `e` without enclosing parentheses.
    pub(crate) fn unparen(&self, mut e: ExprId) -> ExprId {
        while let Expr::Paren(x) = self.ast().expr(e) {
            e = *x;
        }
        e
    }

    // ---- reporting helpers ----

    /// Reports at the start of operand `x`'s expression (go/types' `errorf(x, ...)`).
    pub(crate) fn error_op(&mut self, x: &Operand, msg: impl Into<String>) {
        match x.expr {
            Some(e) => self.error_at(e, msg),
            None => self.error(TextRange::default(), msg),
        }
    }

    /// Reports at byte offset `pos` of the current file.
    pub(crate) fn error_pos(&mut self, pos: u32, msg: impl Into<String>) {
        self.error(
            TextRange {
                start: pos,
                end: pos + 1,
            },
            msg,
        );
    }

    /// The expression string of operand `x`'s expression (empty without one).
    fn op_expr_str(&self, x: &Operand) -> String {
        x.expr.map(|e| self.expr_string(e)).unwrap_or_default()
    }

    /// The size of `int`, `uint` and `uintptr` in bytes for the target architecture.
    pub(crate) fn word_size(&self) -> u32 {
        match self.config.goarch.as_deref() {
            Some("386" | "arm" | "mips" | "mipsle" | "amd64p32") => 4,
            _ => 8,
        }
    }

    /// go/types' `finiteSize`: false (after reporting the cycle) if `t` contains, without
    /// indirection, a defined type whose declaration is in progress.
    /// The type arguments of a generic instantiation are not checked (go/types evaluates them
    /// as types, not through `rawExpr`).
    fn finite_size(&mut self, e: ExprId, x: &Operand) -> bool {
        if self.obj_path.is_empty() {
            return true;
        }
        if self.finite_size0(x.ty, &mut Vec::new(), false) {
            return true;
        }
        if x.mode == Mode::TypeExpr && self.is_index_operand(e) {
            return true;
        }
        self.finite_size0(x.ty, &mut Vec::new(), true)
    }

    /// Whether `e` is one of the indices of an index expression (a type argument).
    fn is_index_operand(&self, e: ExprId) -> bool {
        self.ast()
            .exprs
            .iter()
            .any(|x| matches!(x, Expr::Index { indices, .. } if indices.contains(&e)))
    }

    fn finite_size0(&mut self, t: TypeId, visiting: &mut Vec<TypeId>, report: bool) -> bool {
        let t = self.world.unalias(t);
        match self.world.ty(t) {
            Type::Named(n) => {
                let obj = n.obj;
                let underlying = n.underlying;
                if self.valid_types.contains(&t)
                    || self.world.obj(obj).pkg != Some(self.pkg)
                    || visiting.contains(&t)
                    || self.finite_types.contains(&t)
                {
                    return true;
                }
                if let Some(i) = self.obj_path.iter().position(|&o| o == obj) {
                    if !report {
                        return false;
                    }
                    let cycle = self.obj_path[i..].to_vec();
                    let first = self.first_in_src(&cycle);
                    self.cycle_error(&cycle, first);
                    return false;
                }
                visiting.push(t);
                let ok = self.finite_size0(underlying, visiting, report);
                visiting.pop();
                // Known finite from here on (instances nest exponentially in types built to
                // do so; each is walked once).
                if ok {
                    self.finite_types.insert(t);
                }
                ok
            }
            Type::Array { elem, .. } => {
                let elem = *elem;
                self.finite_size0(elem, visiting, report)
            }
            Type::Struct(s) => {
                let fields = s.fields.clone();
                fields.into_iter().all(|f| {
                    let ft = self.world.obj(f).ty;
                    self.finite_size0(ft, visiting, report)
                })
            }
            _ => true,
        }
    }

    // ---- recording ----

    /// go/types' `record`: untyped results wait in `self.untyped` for their final type.
    pub(crate) fn record_operand(&mut self, x: &Operand) {
        let Some(e) = x.expr else { return };
        if x.is_invalid() {
            return;
        }
        if x.mode != Mode::NoValue && self.world.is_untyped(x.ty) {
            self.untyped.insert(
                (self.env.file as u32, e),
                UntypedInfo {
                    is_lhs: false,
                    mode: x.mode.clone(),
                    ty: self.world.unalias(x.ty),
                },
            );
        } else {
            self.record_type(e, x);
        }
    }

    /// Records the final types of untyped expressions (end of package).
    pub(crate) fn record_untyped(&mut self) {
        let pending = std::mem::take(&mut self.untyped);
        for ((file, e), info) in pending {
            if info.mode == Mode::Invalid {
                continue;
            }
            let value = match info.mode {
                Mode::Constant(v) => Some(v),
                _ => None,
            };
            self.info.types.insert(
                (file, e),
                TypeAndValue {
                    ty: info.ty,
                    value,
                    is_type: false,
                },
            );
        }
    }

    // ---- the dispatcher ----

    fn expr_internal(&mut self, e: ExprId, hint: Option<TypeId>) -> Operand {
        let ast = self.ast();
        let invalid = Operand::invalid(Some(e));
        match ast.expr(e) {
            Expr::Bad => invalid,
            Expr::Name(name) => self.ident(e, name, false),
            Expr::Ellipsis(_) => {
                self.error_at(e, "invalid syntax tree: invalid use of ...");
                invalid
            }
            Expr::BasicLit { kind, value } => self.basic_lit(e, *kind, value),
            Expr::FuncLit { sig, body } => self.func_lit(e, sig, *body),
            Expr::CompositeLit { ty, elts, .. } => self.composite_lit(e, *ty, elts, hint),
            Expr::Paren(inner) => {
                let mut x = self.raw_expr(*inner, None);
                x.expr = Some(e);
                x
            }
            Expr::Selector { x, sel } => self.selector(e, *x, sel, false),
            Expr::Index { x, indices } => self.index_expr(e, *x, indices),
            Expr::Slice {
                x,
                low,
                high,
                max,
                three,
            } => self.slice_expr(e, *x, [*low, *high, *max], *three),
            Expr::TypeAssert { x, ty } => self.type_assert_expr(e, *x, *ty),
            Expr::Call {
                fun,
                args,
                ellipsis,
            } => self.call_expr(e, *fun, args, *ellipsis),
            Expr::Star(inner) => self.star_expr(e, *inner),
            Expr::Unary { op, x } => self.unary(e, *op, *x),
            Expr::Binary { op, x, y } => self.binary(Some(e), *x, *y, *op),
            Expr::KeyValue { .. } => {
                self.error_at(e, "invalid syntax tree: no key:value expected");
                invalid
            }
            Expr::ArrayType { .. }
            | Expr::StructType { .. }
            | Expr::FuncType(_)
            | Expr::InterfaceType { .. }
            | Expr::MapType { .. }
            | Expr::ChanType { .. } => {
                let ty = self.typ(e);
                Operand {
                    mode: Mode::TypeExpr,
                    expr: Some(e),
                    ty,
                }
            }
        }
    }

    /// `*x`: a pointer type or a dereference.
    fn star_expr(&mut self, e: ExprId, inner: ExprId) -> Operand {
        let mut x = self.expr_or_type(inner);
        match x.mode {
            Mode::Invalid => Operand::invalid(Some(e)),
            Mode::TypeExpr => {
                let base = x.ty;
                // The base of a pointer type is the type of a variable (go/types' `varType`).
                self.later(move |c| c.valid_var_type(inner, base));
                let ty = self.world.pointer(base);
                Operand {
                    mode: Mode::TypeExpr,
                    expr: Some(e),
                    ty,
                }
            }
            _ => match self.world.pointer_elem(self.world.core_or_under(x.ty)) {
                Some(base) if !self.world.is_untyped(x.ty) => {
                    x.mode = Mode::Variable;
                    x.ty = base;
                    x
                }
                _ => {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("invalid operation: cannot indirect {s}"));
                    Operand::invalid(Some(e))
                }
            },
        }
    }

    /// `x.(T)` outside a type switch.
    fn type_assert_expr(&mut self, e: ExprId, xe: ExprId, ty: Option<ExprId>) -> Operand {
        let mut x = self.expr(xe);
        if x.is_invalid() {
            return x;
        }
        let Some(ty) = ty else {
            self.error_at(e, "use of .(type) outside type switch");
            return Operand::invalid(Some(e));
        };
        if !self.world.is_interface(x.ty) {
            let s = self.operand_str(&x);
            self.error_op(&x, format!("invalid operation: {s} is not an interface"));
            return Operand::invalid(Some(e));
        }
        let t = self.var_type(ty);
        if !self.world.is_valid(t) {
            return Operand::invalid(Some(e));
        }
        self.type_assertion(e, &x, t, false);
        x.mode = Mode::CommaOk;
        x.ty = t;
        x
    }

    /// Checks that `x.(T)` (or a type switch case `T` on `x`, with `type_switch`) can succeed:
    /// a concrete `T` must implement `x`'s interface.
    pub(crate) fn type_assertion(&mut self, e: ExprId, x: &Operand, t: TypeId, type_switch: bool) {
        let Err(cause) = self.assertable_to(x.ty, t) else {
            return;
        };
        let es = self.expr_string(e);
        let xs = self.operand_str(x);
        let ts = self.type_str(t);
        let msg = if type_switch {
            format!(
                "impossible type switch case: {es}\n\t{xs} cannot have dynamic type {ts} {cause}"
            )
        } else {
            let vs = self.type_str(x.ty);
            format!("impossible type assertion: {es}\n\t{ts} does not implement {vs} {cause}")
        };
        self.error_at(e, msg);
    }

    // ---- unary operators ----

    fn unary(&mut self, e: ExprId, op: UnaryOp, xe: ExprId) -> Operand {
        let mut x = self.expr(xe);
        if x.is_invalid() {
            return x;
        }
        let mut op = op;
        match op {
            UnaryOp::Addr => {
                let inner = self.unparen(xe);
                if !matches!(self.ast().expr(inner), Expr::CompositeLit { .. })
                    && x.mode != Mode::Variable
                {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("invalid operation: cannot take address of {s}"));
                    return Operand::invalid(Some(e));
                }
                let ty = self.world.pointer(x.ty);
                return Operand {
                    mode: Mode::Value,
                    expr: Some(e),
                    ty,
                };
            }
            UnaryOp::Recv => {
                let Some(elem) = self.chan_elem(&x, true) else {
                    return Operand::invalid(Some(e));
                };
                self.env.has_call_or_recv = true;
                return Operand {
                    mode: Mode::CommaOk,
                    expr: Some(e),
                    ty: elem,
                };
            }
            UnaryOp::Tilde => {
                if !self.world.is_integer(x.ty) {
                    self.error_at(e, "cannot use ~ outside of interface or type constraint");
                    return Operand::invalid(Some(e));
                }
                self.error_at(e, "cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)");
                op = UnaryOp::Xor;
            }
            _ => {}
        }
        let (ok, name) = match op {
            UnaryOp::Pos => (self.world.is_numeric(x.ty), "+"),
            UnaryOp::Neg => (self.world.is_numeric(x.ty), "-"),
            UnaryOp::Xor => (self.world.is_integer(x.ty), "^"),
            UnaryOp::Not => (self.world.is_boolean(x.ty), "!"),
            _ => (false, "?"),
        };
        if !ok {
            let s = self.operand_str(&x);
            self.error_op(
                &x,
                format!("invalid operation: operator {name} not defined on {s}"),
            );
            return Operand::invalid(Some(e));
        }
        if let Mode::Constant(v) = &x.mode {
            if v.is_unknown() {
                return x;
            }
            let prec = if self.world.is_unsigned(x.ty) {
                self.basic_size(x.ty) * 8
            } else {
                0
            };
            let v = constant::unary_op(op, v, prec);
            x.mode = Mode::Constant(v);
            x.expr = Some(e);
            let pos = self.expr_range(e).start;
            self.overflow(&mut x, pos);
            return x;
        }
        x.mode = Mode::Value;
        x
    }

    /// The size in bytes of a basic integer type.
    pub(crate) fn basic_size(&self, ty: TypeId) -> u32 {
        match self.world.under_basic(ty) {
            Some(BasicKind::Int8 | BasicKind::Uint8 | BasicKind::Bool) => 1,
            Some(BasicKind::Int16 | BasicKind::Uint16) => 2,
            Some(BasicKind::Int32 | BasicKind::Uint32 | BasicKind::Float32) => 4,
            Some(
                BasicKind::Int64 | BasicKind::Uint64 | BasicKind::Float64 | BasicKind::Complex64,
            ) => 8,
            Some(BasicKind::Complex128) => 16,
            Some(
                BasicKind::Int | BasicKind::Uint | BasicKind::Uintptr | BasicKind::UnsafePointer,
            ) => self.word_size(),
            _ => self.word_size(),
        }
    }

    /// The element type for a receive from (`recv`) or a send to channel operand `x`; reports
    /// `cannot receive from ...` / `cannot send to ...` at `x` otherwise.
    pub(crate) fn chan_elem(&mut self, x: &Operand, recv: bool) -> Option<TypeId> {
        let res = self.common_under(x.ty, |c, pair| {
            let Some((t, u)) = pair else {
                return Some("no specific channel type".into());
            };
            match c.world.ty(u) {
                Type::Chan { dir, .. } => {
                    if recv && *dir == ChanDir::Send {
                        Some(format!("send-only channel {}", c.type_str(t)))
                    } else if !recv && *dir == ChanDir::Recv {
                        Some(format!("receive-only channel {}", c.type_str(t)))
                    } else {
                        None
                    }
                }
                _ => Some(format!("non-channel {}", c.type_str(t))),
            }
        });
        let cause = match res {
            Ok(u) => match self.world.ty(u) {
                Type::Chan { elem, .. } => return Some(*elem),
                _ => unreachable!("common_under checked for channels"),
            },
            Err(cause) => cause,
        };
        let msg = self.chan_op_error(x, recv, &cause);
        self.error_op(x, msg);
        None
    }

    /// The message for a failed send or receive on `x` for `cause` (go/types puts the cause
    /// after the operand for type parameters, before it otherwise).
    pub(crate) fn chan_op_error(&self, x: &Operand, recv: bool, cause: &str) -> String {
        let s = self.operand_str(x);
        let what = if recv { "receive from" } else { "send to" };
        if self.world.is_type_param(x.ty) {
            format!("invalid operation: cannot {what} {s}: {cause}")
        } else {
            format!("invalid operation: cannot {what} {cause} {s}")
        }
    }
}
