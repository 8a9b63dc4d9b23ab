//! Untyped operands (go/types' const.go and the untyped parts of expr.go): the implicit
//! conversion of untyped values to a target type, representability of constants in basic
//! types with go/types' `overflows` / `truncated` messages, overflow checks after constant
//! operations, and the bookkeeping that gives untyped expressions their final types.

use syntax::ast::{BinaryOp, Expr, ExprId};

use super::super::Checker;
use crate::constant::{self, ConstKind, Value};
use crate::info::TypeAndValue;
use crate::operand::{Mode, Operand};
use crate::types::{BasicKind, Type, TypeId, ids};

/// Why an untyped operand cannot take a type (go/types' error codes `TruncatedFloat`,
/// `NumericOverflow`, `InvalidUntypedConversion` / `InvalidConstVal`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ConvError {
    /// A non-integer constant converted to an integer type.
    Truncated,
    /// A numeric constant out of the type's range.
    Overflow,
    /// Any other impossible conversion.
    Invalid,
}

/// The maximum bit length of untyped integer constants (go/types' 512-bit precision).
const MAX_INT_BITS: u64 = 512;

impl Checker<'_> {
    /// go/types' `overflow`: typed constants must be representable in their type after each
    /// operation; untyped integers must not grow beyond 512 bits. `op_pos` is where the
    /// operation is reported (the operator of a binary expression).
    pub(crate) fn overflow(&mut self, x: &mut Operand, op_pos: u32) {
        let Mode::Constant(v) = &x.mode else { return };
        if v.is_unknown() {
            self.error_pos(op_pos, "constant result is not representable");
            return;
        }
        if self.world.is_typed(x.ty) {
            let u = self.world.under(x.ty);
            self.representable(x, u);
            return;
        }
        if v.bit_len() > MAX_INT_BITS {
            let name = x.expr.map(|e| op_name(self.ast().expr(e))).unwrap_or("");
            let op = if name.is_empty() {
                String::new()
            } else {
                format!("{name} ")
            };
            self.error_pos(op_pos, format!("constant {op}overflow"));
            x.mode = Mode::Constant(Value::Unknown);
        }
    }

    /// go/types' `representable`: constant `x` must be representable in basic type `typ`;
    /// on success its value becomes the (rounded) value in that type, else it is invalid.
    pub(crate) fn representable(&mut self, x: &mut Operand, typ: TypeId) {
        match self.representation(x, typ) {
            Ok(v) => x.mode = Mode::Constant(v),
            Err(code) => {
                self.invalid_conversion(code, x, typ);
                x.mode = Mode::Invalid;
            }
        }
    }

    /// go/types' `representation`: the value of constant `x` as basic type `typ`.
    pub(crate) fn representation(&self, x: &Operand, typ: TypeId) -> Result<Value, ConvError> {
        let Mode::Constant(v) = &x.mode else {
            return Err(ConvError::Invalid);
        };
        if let Some(r) = self.representable_value(v, typ) {
            return Ok(r);
        }
        if self.world.is_numeric(x.ty) && self.world.is_numeric(typ) {
            if !self.world.is_integer(x.ty) && self.world.is_integer(typ) {
                Err(ConvError::Truncated)
            } else {
                Err(ConvError::Overflow)
            }
        } else {
            Err(ConvError::Invalid)
        }
    }

    /// Whether constant `v` is representable as a value of (the underlying basic type of)
    /// `typ`, and its value there (go/types' `representableConst`).
    pub(crate) fn representable_value(&self, v: &Value, typ: TypeId) -> Option<Value> {
        let kind = match self.world.under_basic(typ)? {
            BasicKind::Bool => ConstKind::Bool,
            BasicKind::Int => ConstKind::Int,
            BasicKind::Int8 => ConstKind::Int8,
            BasicKind::Int16 => ConstKind::Int16,
            BasicKind::Int32 => ConstKind::Int32,
            BasicKind::Int64 => ConstKind::Int64,
            BasicKind::Uint => ConstKind::Uint,
            BasicKind::Uint8 => ConstKind::Uint8,
            BasicKind::Uint16 => ConstKind::Uint16,
            BasicKind::Uint32 => ConstKind::Uint32,
            BasicKind::Uint64 => ConstKind::Uint64,
            BasicKind::Uintptr => ConstKind::Uintptr,
            BasicKind::Float32 => ConstKind::Float32,
            BasicKind::Float64 => ConstKind::Float64,
            BasicKind::Complex64 => ConstKind::Complex64,
            BasicKind::Complex128 => ConstKind::Complex128,
            BasicKind::String => ConstKind::String,
            BasicKind::UntypedBool => ConstKind::UntypedBool,
            BasicKind::UntypedInt => ConstKind::UntypedInt,
            BasicKind::UntypedRune => ConstKind::UntypedRune,
            BasicKind::UntypedFloat => ConstKind::UntypedFloat,
            BasicKind::UntypedComplex => ConstKind::UntypedComplex,
            BasicKind::UntypedString => ConstKind::UntypedString,
            BasicKind::Invalid | BasicKind::UnsafePointer | BasicKind::UntypedNil => {
                return v.is_unknown().then_some(Value::Unknown);
            }
        };
        constant::representable(v, kind, self.word_size())
    }

    /// go/types' `invalidConversion`: `x overflows T`, `x truncated to T` or `cannot convert x
    /// to type T`, at `x`.
    pub(crate) fn invalid_conversion(&mut self, code: ConvError, x: &Operand, target: TypeId) {
        let xs = self.operand_str(x);
        let ts = self.type_str(target);
        let msg = match code {
            ConvError::Truncated => format!("{xs} truncated to {ts}"),
            ConvError::Overflow => format!("{xs} overflows {ts}"),
            ConvError::Invalid => format!("cannot convert {xs} to type {ts}"),
        };
        self.error_op(x, msg);
    }

    /// Converts an untyped operand to `target` (or its default type when `target` is an
    /// interface), reporting what go/types reports; typed operands are left alone.
    pub(crate) fn convert_untyped(&mut self, x: &mut Operand, target: TypeId) {
        match self.implicit_type_and_value(x, target) {
            Err(code) => {
                let t = self.world.under(target);
                self.invalid_conversion(code, x, t);
                x.mode = Mode::Invalid;
            }
            Ok((new_ty, val)) => self.set_untyped_result(x, new_ty, val),
        }
    }

    /// Gives untyped `x` its new type and value (the second half of `convertUntyped`, also
    /// what `assignment` does after `implicit_type_and_value`), updating the recorded types.
    pub(crate) fn set_untyped_result(
        &mut self,
        x: &mut Operand,
        new_ty: TypeId,
        val: Option<Value>,
    ) {
        if let Some(v) = val {
            if let Some(e) = x.expr {
                self.update_expr_val(e, v.clone());
            }
            x.mode = Mode::Constant(v);
        }
        if new_ty != x.ty {
            x.ty = new_ty;
            if let Some(e) = x.expr {
                self.update_expr_type(e, new_ty, false);
            }
        }
    }

    /// go/types' `implicitTypeAndValue`: the type untyped `x` takes where a value of type
    /// `target` is expected, and for a constant its value there. Typed operands (and invalid
    /// targets) keep their type.
    pub(crate) fn implicit_type_and_value(
        &mut self,
        x: &Operand,
        target: TypeId,
    ) -> Result<(TypeId, Option<Value>), ConvError> {
        if x.is_invalid() || self.world.is_typed(x.ty) || !self.world.is_valid(target) {
            return Ok((x.ty, None));
        }
        if self.world.is_untyped(target) {
            return max_type(self, x.ty, self.world.unalias(target))
                .map(|m| (m, None))
                .ok_or(ConvError::Invalid);
        }
        let u = self.world.under(target);
        match self.world.ty(u) {
            Type::Basic { .. } => {
                if x.is_constant() {
                    let v = self.representation(x, u)?;
                    return Ok((target, Some(v)));
                }
                let ok = match self.world.basic_kind(self.world.unalias(x.ty)) {
                    Some(BasicKind::UntypedBool) => self.world.is_boolean(target),
                    Some(
                        BasicKind::UntypedInt
                        | BasicKind::UntypedRune
                        | BasicKind::UntypedFloat
                        | BasicKind::UntypedComplex,
                    ) => self.world.is_numeric(target),
                    Some(BasicKind::UntypedString) => self.world.is_string(target),
                    Some(BasicKind::UntypedNil) => {
                        if !self.world.has_nil(target) {
                            return Err(ConvError::Invalid);
                        }
                        return Ok((ids::UNTYPED_NIL, None));
                    }
                    _ => false,
                };
                if !ok {
                    return Err(ConvError::Invalid);
                }
                Ok((target, None))
            }
            Type::Interface(_) => {
                if x.is_nil(self.world) {
                    return Ok((ids::UNTYPED_NIL, None));
                }
                if !self.interface_is_all(u) {
                    return Err(ConvError::Invalid);
                }
                Ok((self.world.default_type(x.ty), None))
            }
            Type::TypeParam { .. } => {
                let Some(unders) = self.world.term_unders(u) else {
                    return Err(ConvError::Invalid);
                };
                // Any failure is a plain "cannot convert" for the type parameter.
                for t in unders {
                    if self.implicit_type_and_value(x, t).is_err() {
                        return Err(ConvError::Invalid);
                    }
                }
                if x.is_nil(self.world) {
                    return Ok((ids::UNTYPED_NIL, None));
                }
                Ok((target, None))
            }
            Type::Pointer(_)
            | Type::Signature(_)
            | Type::Slice(_)
            | Type::Map { .. }
            | Type::Chan { .. } => {
                if !x.is_nil(self.world) {
                    return Err(ConvError::Invalid);
                }
                Ok((ids::UNTYPED_NIL, None))
            }
            _ => Err(ConvError::Invalid),
        }
    }

    /// Whether interface `ty` has the set of all types (no methods, no type terms, not
    /// `comparable`): go/types' `Interface.Empty`.
    pub(crate) fn interface_is_all(&self, ty: TypeId) -> bool {
        let mut seen = Vec::new();
        self.iface_all(ty, &mut seen)
    }

    fn iface_all(&self, ty: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.world.under(ty);
        if seen.contains(&u) {
            return true;
        }
        seen.push(u);
        let Type::Interface(iface) = self.world.ty(u) else {
            return false;
        };
        if iface.comparable || !iface.methods.is_empty() {
            return false;
        }
        let embeddeds = iface.embeddeds.clone();
        embeddeds
            .into_iter()
            .all(|e| !self.world.is_valid(e) || self.iface_all(e, seen))
    }

    /// go/types' `updateExprType`: untyped expression `e` (and the operands it was computed
    /// from) gets type `ty`; when `ty` is typed or `is_final`, the type is recorded and
    /// constants are checked for representability, lhs shift operands for integer-ness.
    pub(crate) fn update_expr_type(&mut self, e: ExprId, ty: TypeId, is_final: bool) {
        let key = (self.env.file as u32, e);
        let Some(old) = self.untyped.get(&key).cloned() else {
            return;
        };
        let is_const = matches!(old.mode, Mode::Constant(_));
        match self.ast().expr(e) {
            Expr::Paren(x) => self.update_expr_type(*x, ty, is_final),
            Expr::Unary { x, .. } if !is_const => self.update_expr_type(*x, ty, is_final),
            Expr::Binary { op, x, y } if !is_const => {
                if is_comparison(*op) {
                    // The result type is independent of the operand types.
                } else if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
                    self.update_expr_type(*x, ty, is_final);
                } else {
                    let (x, y) = (*x, *y);
                    self.update_expr_type(x, ty, is_final);
                    self.update_expr_type(y, ty, is_final);
                }
            }
            _ => {}
        }
        if !is_final && self.world.is_untyped(ty) {
            let basic = self.world.under(ty);
            if let Some(info) = self.untyped.get_mut(&key) {
                info.ty = basic;
            }
            return;
        }
        self.untyped.remove(&key);
        if old.is_lhs && !self.world.is_integer(ty) {
            let es = self.expr_string(e);
            let ts = self.type_str(ty);
            self.error_at(
                e,
                format!("invalid operation: shifted operand {es} (type {ts}) must be integer"),
            );
            return;
        }
        if is_const {
            let mut c = Operand {
                mode: old.mode.clone(),
                expr: Some(e),
                ty: old.ty,
            };
            self.convert_untyped(&mut c, ty);
            if c.is_invalid() {
                return;
            }
        }
        let value = match old.mode {
            Mode::Constant(v) => Some(v),
            _ => None,
        };
        self.info.types.insert(
            key,
            TypeAndValue {
                ty,
                value,
                is_type: false,
            },
        );
    }

    /// go/types' `updateExprVal`: the untyped constant `e` has value `v` after all.
    pub(crate) fn update_expr_val(&mut self, e: ExprId, v: Value) {
        if let Some(info) = self.untyped.get_mut(&(self.env.file as u32, e))
            && matches!(info.mode, Mode::Constant(_))
        {
            info.mode = Mode::Constant(v);
        }
    }
}

/// go/types' `maxType` for untyped types: the larger numeric kind, or the type itself.
fn max_type(c: &Checker<'_>, x: TypeId, y: TypeId) -> Option<TypeId> {
    let x = c.world.unalias(x);
    if x == y {
        return Some(x);
    }
    let (kx, ky) = (c.world.basic_kind(x)?, c.world.basic_kind(y)?);
    let untyped_numeric = |k: BasicKind| k.is_untyped() && k.is_numeric();
    if untyped_numeric(kx) && untyped_numeric(ky) {
        return Some(if kx > ky { x } else { y });
    }
    None
}

pub(crate) fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eql
            | BinaryOp::Neq
            | BinaryOp::Lss
            | BinaryOp::Leq
            | BinaryOp::Gtr
            | BinaryOp::Geq
    )
}

/// go/types' `opName`: the name of an operation that may overflow, or "".
fn op_name(e: &Expr) -> &'static str {
    match e {
        Expr::Binary { op, .. } => match op {
            BinaryOp::Add => "addition",
            BinaryOp::Sub => "subtraction",
            BinaryOp::Xor => "bitwise XOR",
            BinaryOp::Mul => "multiplication",
            BinaryOp::Shl => "shift",
            _ => "",
        },
        Expr::Unary {
            op: syntax::ast::UnaryOp::Xor,
            ..
        } => "bitwise complement",
        _ => "",
    }
}
