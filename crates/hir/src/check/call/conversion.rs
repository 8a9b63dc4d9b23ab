//! Conversions `T(x)`: constant conversions with representability, and the spec's
//! convertibility rules (go/types' conversions.go).

use super::super::Checker;
use crate::constant::Value;
use crate::operand::{Mode, Operand};
use crate::types::{BasicKind, Type, TypeId};

impl Checker<'_> {
    /// Converts `x` to type `t` (a conversion `T(x)`), reporting `cannot convert`; `x`
    /// becomes invalid on failure.
    pub(crate) fn conversion(&mut self, x: &mut Operand, t: TypeId) {
        let const_arg = x.is_constant();
        let t_const_type = self.world.is_const_type(t);
        let mut ok = false;
        let mut cause = String::new();
        if const_arg && t_const_type {
            let v = x.value().cloned().unwrap_or(Value::Unknown);
            if let Some(nv) = self.const_convertible(x.ty, &v, t) {
                x.mode = Mode::Constant(nv);
                ok = true;
            } else if self.world.is_integer(x.ty) && self.world.is_integer(t) {
                let ts = self.type_str(t);
                self.error_op(x, format!("constant {v} overflows {ts}"));
                x.mode = Mode::Invalid;
                return;
            }
        } else if const_arg && self.world.is_type_param(t) {
            // A constant converts to a type parameter if it converts to each specific type
            // of its type set (none: it cannot).
            let v = x.value().cloned().unwrap_or(Value::Unknown);
            ok = true;
            for pair in self.type_set_pairs(t) {
                let Some((_, u)) = pair else {
                    cause = format!("{} does not contain specific types", self.type_str(t));
                    ok = false;
                    break;
                };
                if self.world.is_string(x.ty) && self.conv_is_bytes_or_runes(u) {
                    continue;
                }
                if self.const_convertible(x.ty, &v, u).is_none() {
                    let (us, ts) = (self.type_str(u), self.type_str(t));
                    cause = if self.world.is_integer(x.ty) && self.world.is_integer(u) {
                        format!("constant {v} overflows {us} (in {ts})")
                    } else {
                        format!(
                            "cannot convert {} to type {us} (in {ts})",
                            self.operand_str(x)
                        )
                    };
                    ok = false;
                    break;
                }
            }
            // Type parameters are not constants.
            x.mode = Mode::Value;
        } else {
            match self.convertible_to(x, t) {
                Ok(()) => {
                    ok = true;
                    x.mode = Mode::Value;
                }
                Err(c) => cause = c,
            }
        }
        if !ok {
            let (xs, ts) = (self.operand_str(x), self.type_str(t));
            if cause.is_empty() {
                self.error_op(x, format!("cannot convert {xs} to type {ts}"));
            } else {
                self.error_op(x, format!("cannot convert {xs} to type {ts}: {cause}"));
            }
            x.mode = Mode::Invalid;
            return;
        }
        // The conversion gives untyped arguments their final type.
        if self.world.is_untyped(x.ty) {
            let mut fin = t;
            if self.world.is_interface(t) || (const_arg && !t_const_type) || x.is_nil(self.world) {
                fin = self.world.default_type(x.ty);
            } else if x.is_constant() && self.world.is_integer(x.ty) && self.world.is_string(t) {
                fin = x.ty;
            }
            self.conversion_final_type(x, fin);
        }
        x.ty = t;
    }

    /// Gives an untyped conversion argument its final type.
    fn conversion_final_type(&mut self, x: &Operand, fin: TypeId) {
        if let Some(e) = x.expr {
            self.update_expr_type(e, fin, true);
        }
    }

    /// The value of constant `v` (of type `vt`) converted to the constant type `t`, if it is
    /// representable (integers also convert to strings: `string(65)` is `"A"`).
    fn const_convertible(&self, vt: TypeId, v: &Value, t: TypeId) -> Option<Value> {
        let u = self.world.under(t);
        self.world.basic_kind(u)?;
        if let Some(r) = self.representable_value(v, u) {
            return Some(r);
        }
        if self.world.is_integer(vt) && self.world.is_string(u) {
            let c = v
                .to_u64()
                .filter(|&i| i <= 0x10FFFF)
                .and_then(|i| char::from_u32(i as u32))
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            return Some(Value::from_str(c.encode_utf8(&mut [0; 4])));
        }
        None
    }

    /// go/types' `convertibleTo`: whether `T(x)` is valid for a non-constant conversion; the
    /// cause (may be empty) otherwise.
    pub(crate) fn convertible_to(&mut self, x: &Operand, t: TypeId) -> Result<(), String> {
        let mut cause = match self.assignable_to(x, t) {
            Ok(()) => return Ok(()),
            Err(c) => c,
        };
        if self.world.is_type_param(x.ty) || self.world.is_type_param(t) {
            return self.convertible_type_params(x, t);
        }
        let w = &*self.world;
        let v = w.unalias(x.ty);
        let t = w.unalias(t);
        let vu = w.under(v);
        let tu = w.under(t);
        if w.identical_ignore_tags(vu, tu) {
            return Ok(());
        }
        if let (Type::Pointer(vb), Type::Pointer(tb)) = (w.ty(v), w.ty(t))
            && w.identical_ignore_tags(w.under(*vb), w.under(*tb))
        {
            return Ok(());
        }
        let int_or_float = |k: Option<BasicKind>| k.is_some_and(|k| k.is_integer() || k.is_float());
        let (vk, tk) = (w.basic_kind(vu), w.basic_kind(tu));
        if int_or_float(vk) && int_or_float(tk) {
            return Ok(());
        }
        if vk.is_some_and(BasicKind::is_complex) && tk.is_some_and(BasicKind::is_complex) {
            return Ok(());
        }
        let t_string = tk.is_some_and(BasicKind::is_string);
        if (vk.is_some_and(BasicKind::is_integer) || self.conv_is_bytes_or_runes(vu)) && t_string {
            return Ok(());
        }
        if vk.is_some_and(BasicKind::is_string) && self.conv_is_bytes_or_runes(tu) {
            return Ok(());
        }
        let is_ptr = |ty: TypeId| matches!(w.ty(ty), Type::Pointer(_));
        let uintptr = |k: Option<BasicKind>| k == Some(BasicKind::Uintptr);
        let unsafe_ptr = |k: Option<BasicKind>| k == Some(BasicKind::UnsafePointer);
        if (is_ptr(vu) || uintptr(vk)) && unsafe_ptr(tk) {
            return Ok(());
        }
        if unsafe_ptr(vk) && (is_ptr(tu) || uintptr(tk)) {
            return Ok(());
        }
        // Slice to array or array pointer.
        if let Type::Slice(selem) = w.ty(vu) {
            let selem = *selem;
            match w.ty(tu) {
                Type::Array { elem, .. } if w.identical(selem, *elem) => {
                    if self.allow_version(20) {
                        return Ok(());
                    }
                    cause = "conversion of slice to array requires go1.20 or later".into();
                }
                Type::Pointer(base) => {
                    if let Type::Array { elem, .. } = w.ty(w.under(*base))
                        && w.identical(selem, *elem)
                    {
                        if self.allow_version(17) {
                            return Ok(());
                        }
                        cause =
                            "conversion of slice to array pointer requires go1.17 or later".into();
                    }
                }
                _ => {}
            }
        }
        Err(cause)
    }

    /// Conversions from or to type parameters: every pair of types in their type sets must
    /// be convertible.
    fn convertible_type_params(&mut self, x: &Operand, t: TypeId) -> Result<(), String> {
        let terms = |c: &Checker<'_>, ty: TypeId| -> Option<Vec<TypeId>> {
            if !c.world.is_type_param(ty) {
                return Some(vec![ty]);
            }
            let set = c.world.type_set(ty);
            if set.all || set.terms.is_empty() {
                return None;
            }
            Some(set.terms.iter().map(|term| term.ty).collect())
        };
        let (vp, tp) = (self.world.is_type_param(x.ty), self.world.is_type_param(t));
        let (Some(vterms), Some(tterms)) = (terms(self, x.ty), terms(self, t)) else {
            return Err(String::new());
        };
        for &vt in &vterms {
            for &tt in &tterms {
                let mut x2 = x.clone();
                x2.ty = vt;
                if self.convertible_to(&x2, tt).is_err() {
                    let (vs, ts) = (self.type_str(vt), self.type_str(tt));
                    let (vps, tps) = (self.type_str(x.ty), self.type_str(t));
                    return Err(match (vp, tp) {
                        (true, true) => {
                            format!("cannot convert {vs} (in {vps}) to type {ts} (in {tps})")
                        }
                        (true, false) => format!("cannot convert {vs} (in {vps}) to type {tps}"),
                        _ => format!("cannot convert {vps} to type {ts} (in {tps})"),
                    });
                }
            }
        }
        Ok(())
    }

    /// `[]byte` or `[]rune` (any slice of an integer type of kind uint8 or int32).
    fn conv_is_bytes_or_runes(&self, t: TypeId) -> bool {
        match self.world.ty(self.world.under(t)) {
            Type::Slice(elem) => matches!(
                self.world.under_basic(*elem),
                Some(BasicKind::Uint8 | BasicKind::Int32)
            ),
            _ => false,
        }
    }
}
