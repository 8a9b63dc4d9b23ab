//! Index and slice expressions (go/types' index.go): strings, arrays, pointers to arrays,
//! slices and maps; constant index bounds; slices of strings and addressable arrays.

use syntax::ast::{Expr, ExprId};

use super::super::Checker;
use crate::operand::{Mode, Operand};
use crate::types::{Type, TypeId, ids};

impl Checker<'_> {
    /// `x[indices]` (an index expression; generic instantiation is not checked yet).
    pub(crate) fn index_expr(&mut self, e: ExprId, xe: ExprId, indices: &[ExprId]) -> Operand {
        let mut x = self.generic_expr(xe);
        if matches!(x.mode, Mode::Value | Mode::Variable)
            && !self
                .world
                .sig_type_params(self.world.unalias(x.ty))
                .is_empty()
        {
            return self.func_inst(e, x, indices);
        }
        match x.mode {
            Mode::Invalid => {
                self.use_exprs(indices);
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr if !self.world.is_valid(x.ty) || !self.is_generic_type(x.ty) => {
                // Generic types are opaque (`ident` gives no type expression for them), so
                // this is a type that cannot be instantiated.
                if self.world.is_valid(x.ty) {
                    let (es, ts) = (self.expr_string(e), self.type_str(x.ty));
                    self.error_at(
                        e,
                        format!("invalid operation: {es} ({ts} is not a generic type)"),
                    );
                }
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr => {
                // A type instantiation.
                let ty = self.var_type(e);
                if !self.world.is_valid(ty) {
                    return Operand::invalid(Some(e));
                }
                return Operand {
                    mode: Mode::TypeExpr,
                    expr: Some(e),
                    ty,
                };
            }
            Mode::Builtin(_) => {
                let s = self.operand_str(&x);
                self.error_op(&x, format!("cannot index {s}"));
                self.use_exprs(indices);
                return Operand::invalid(Some(e));
            }
            _ => {}
        }

        if self.world.is_type_param(x.ty) {
            return self.index_type_param(e, x, indices);
        }
        let mut valid = false;
        let mut length: i64 = -1;
        let u = self.world.core_or_under_string(x.ty);
        match self.world.ty(u).clone() {
            Type::Basic { .. } if self.world.is_string(u) => {
                valid = true;
                if let Some(bytes) = x.value().and_then(|v| v.string_bytes()) {
                    length = bytes.len() as i64;
                }
                // An indexed string is a byte value, never a constant.
                x.mode = Mode::Value;
                x.ty = ids::BYTE;
            }
            Type::Array { len, elem } => {
                valid = true;
                length = len.map_or(-1, |n| n as i64);
                if x.mode != Mode::Variable {
                    x.mode = Mode::Value;
                }
                x.ty = elem;
            }
            Type::Pointer(base) => {
                if let Type::Array { len, elem } = self.world.ty(self.world.under(base)).clone() {
                    valid = true;
                    length = len.map_or(-1, |n| n as i64);
                    x.mode = Mode::Variable;
                    x.ty = elem;
                }
            }
            Type::Slice(elem) => {
                valid = true;
                x.mode = Mode::Variable;
                x.ty = elem;
            }
            Type::Map { key, elem } => {
                let Some(index) = self.single_index(e, indices) else {
                    return Operand::invalid(Some(e));
                };
                let mut k = self.expr(index);
                self.assignment(&mut k, Some(key), "map index");
                return Operand {
                    mode: Mode::MapIndex,
                    expr: Some(e),
                    ty: elem,
                };
            }
            _ => {}
        }
        if !valid {
            let s = self.operand_str(&x);
            self.error_op(&x, format!("cannot index {s}"));
            self.use_exprs(indices);
            return Operand::invalid(Some(e));
        }
        let Some(index) = self.single_index(e, indices) else {
            return Operand::invalid(Some(e));
        };
        self.index(index, length);
        x
    }

    /// Indexing a value of type parameter type (go/types' `indexExpr`, `*Interface` case):
    /// every type of the type set must be indexable with identical element types (and
    /// identical key types, all maps or none); arrays bound constant indices by the
    /// shortest.
    fn index_type_param(&mut self, e: ExprId, mut x: Operand, indices: &[ExprId]) -> Operand {
        let w = &*self.world;
        let mut mode = Mode::Variable;
        let (mut key, mut elem, mut length): (Option<TypeId>, Option<TypeId>, i64) =
            (None, None, -1);
        let mut ok = true;
        for pair in self.type_set_pairs(x.ty) {
            let Some((_, u)) = pair else {
                ok = false;
                break;
            };
            let (mut l, mut k, mut el) = (-1i64, None, None);
            match w.ty(u) {
                Type::Basic { .. } if w.is_string(u) => {
                    el = Some(ids::BYTE);
                    mode = Mode::Value;
                }
                Type::Array { len, elem } => {
                    l = len.map_or(-1, |n| n as i64);
                    el = Some(*elem);
                    if x.mode != Mode::Variable {
                        mode = Mode::Value;
                    }
                }
                Type::Pointer(base) => {
                    if let Type::Array { len, elem } = w.ty(w.under(*base)) {
                        l = len.map_or(-1, |n| n as i64);
                        el = Some(*elem);
                    }
                }
                Type::Slice(elem) => el = Some(*elem),
                Type::Map { key, elem } => {
                    k = Some(*key);
                    el = Some(*elem);
                }
                _ => {}
            }
            let Some(el) = el else {
                ok = false;
                break;
            };
            let Some(prev) = elem else {
                (length, key, elem) = (l, k, Some(el));
                continue;
            };
            let same_key = match (key, k) {
                (None, None) => true,
                (Some(a), Some(b)) => w.identical(a, b),
                _ => false,
            };
            if !same_key || !w.identical(prev, el) {
                ok = false;
                break;
            }
            if l >= 0 && l < length {
                length = l;
            }
        }
        let elem = match (ok, elem) {
            (true, Some(elem)) => elem,
            _ => {
                let s = self.operand_str(&x);
                self.error_op(&x, format!("cannot index {s}"));
                self.use_exprs(indices);
                return Operand::invalid(Some(e));
            }
        };
        let Some(index) = self.single_index(e, indices) else {
            return Operand::invalid(Some(e));
        };
        if let Some(key) = key {
            let mut k = self.expr(index);
            self.assignment(&mut k, Some(key), "map index");
            return Operand {
                mode: Mode::MapIndex,
                expr: Some(e),
                ty: elem,
            };
        }
        self.index(index, length);
        x.mode = mode;
        x.ty = elem;
        x
    }

    /// The common underlying type of a type parameter's types for slicing (strings count as
    /// byte slices; any string makes it `string`), or `None` after reporting why there is
    /// none (go/types' `sliceExpr`).
    fn slice_common_under(&mut self, x: &Operand) -> Option<TypeId> {
        let byte_slice = self.world.slice(ids::BYTE);
        let mut common: Option<(TypeId, TypeId)> = None;
        let mut has_string = false;
        for pair in self.type_set_pairs(x.ty) {
            let Some((t, mut u)) = pair else {
                let (s, ts) = (self.operand_str(x), self.type_str(x.ty));
                self.error_op(x, format!("cannot slice {s}: no specific type in {ts}"));
                return None;
            };
            if self.world.is_string(u) {
                u = byte_slice;
                has_string = true;
            }
            match common {
                None => common = Some((t, u)),
                Some((ct, cu)) if !self.world.identical(cu, u) => {
                    let (s, cs, ts) = (self.operand_str(x), self.type_str(ct), self.type_str(t));
                    self.error_op(
                        x,
                        format!("cannot slice {s}: {cs} and {ts} have different underlying types"),
                    );
                    return None;
                }
                Some(_) => {}
            }
        }
        if has_string {
            return Some(ids::STRING);
        }
        common.map(|(_, u)| u)
    }

    fn is_generic_type(&self, ty: TypeId) -> bool {
        self.world.is_generic_type(ty)
    }

    /// The single index of `e`, reporting a missing one or extra ones.
    fn single_index(&mut self, e: ExprId, indices: &[ExprId]) -> Option<ExprId> {
        match indices {
            [] => {
                let s = self.expr_string(e);
                self.error_at(
                    e,
                    format!("invalid syntax tree: index expression {s} with 0 indices"),
                );
                None
            }
            [first, second, ..] => {
                self.error_at(*second, "invalid operation: more than one index");
                Some(*first)
            }
            [first] => Some(*first),
        }
    }

    /// go/types' `index`: checks index expression `index` (below `max` when `max >= 0`). The
    /// result is its integer type (invalid on error) and its constant value, or -1.
    pub(crate) fn index(&mut self, index: ExprId, max: i64) -> (TypeId, i64) {
        let mut x = self.expr(index);
        if !self.is_valid_index(&mut x, "index", false) {
            return (ids::INVALID, -1);
        }
        let Some(v) = x.value() else {
            return (x.ty, -1);
        };
        if v.is_unknown() {
            return (ids::INVALID, -1);
        }
        let Some(n) = v.to_i64() else {
            return (ids::INVALID, -1);
        };
        if max >= 0 && n >= max {
            let vs = v.to_string();
            self.error_op(
                &x,
                format!("invalid argument: index {vs} out of bounds [0:{max}]"),
            );
            return (ids::INVALID, -1);
        }
        (x.ty, n)
    }

    /// go/types' `isValidIndex`: `x` must be of integer type or an untyped constant
    /// representable as `int`, and not negative unless `allow_negative`; `what` names it in
    /// messages (`index`, `length`, ...).
    pub(crate) fn is_valid_index(
        &mut self,
        x: &mut Operand,
        what: &str,
        allow_negative: bool,
    ) -> bool {
        if x.is_invalid() {
            return false;
        }
        self.convert_untyped(x, ids::INT);
        if x.is_invalid() {
            return false;
        }
        if !self.world.is_integer(x.ty) {
            let s = self.operand_str(x);
            self.error_op(x, format!("invalid argument: {what} {s} must be integer"));
            return false;
        }
        if let Some(v) = x.value() {
            if !allow_negative && v.sign() < 0 {
                let s = self.operand_str(x);
                self.error_op(
                    x,
                    format!("invalid argument: {what} {s} must not be negative"),
                );
                return false;
            }
            match self.representable_value(v, ids::INT) {
                Some(r) => x.mode = Mode::Constant(r),
                None => {
                    let s = self.operand_str(x);
                    self.error_op(x, format!("invalid argument: {what} {s} overflows int"));
                    return false;
                }
            }
        }
        true
    }

    /// `x[low:high]` and `x[low:high:max]`.
    pub(crate) fn slice_expr(
        &mut self,
        e: ExprId,
        xe: ExprId,
        parts: [Option<ExprId>; 3],
        three: bool,
    ) -> Operand {
        let mut x = self.expr(xe);
        if x.is_invalid() {
            let used: Vec<ExprId> = parts.iter().flatten().copied().collect();
            self.use_exprs(&used);
            return Operand::invalid(Some(e));
        }
        let mut valid = false;
        let mut length: i64 = -1;
        let u = if self.world.is_type_param(x.ty) {
            match self.slice_common_under(&x) {
                Some(u) => u,
                None => {
                    let used: Vec<ExprId> = parts.iter().flatten().copied().collect();
                    self.use_exprs(&used);
                    return Operand::invalid(Some(e));
                }
            }
        } else {
            self.world.core_or_under_string(x.ty)
        };
        match self.world.ty(u).clone() {
            Type::Basic { .. } if self.world.is_string(u) => {
                if three {
                    let at = parts[2].unwrap_or(e);
                    self.error_at(at, "invalid operation: 3-index slice of string");
                    return Operand::invalid(Some(e));
                }
                valid = true;
                if let Some(bytes) = x.value().and_then(|v| v.string_bytes()) {
                    length = bytes.len() as i64;
                }
                // Slicing an untyped string gives a non-constant string.
                if self.world.is_untyped(x.ty) {
                    x.ty = ids::STRING;
                }
            }
            Type::Array { len, elem } => {
                valid = true;
                length = len.map_or(-1, |n| n as i64);
                if x.mode != Mode::Variable {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("cannot slice unaddressable value {s}"));
                    return Operand::invalid(Some(e));
                }
                x.ty = self.world.slice(elem);
            }
            Type::Pointer(base) => {
                if let Type::Array { len, elem } = self.world.ty(self.world.under(base)).clone() {
                    valid = true;
                    length = len.map_or(-1, |n| n as i64);
                    x.ty = self.world.slice(elem);
                }
            }
            Type::Slice(_) => valid = true,
            _ => {}
        }
        if !valid {
            let s = self.operand_str(&x);
            self.error_op(&x, format!("cannot slice {s}"));
            return Operand::invalid(Some(e));
        }
        x.mode = Mode::Value;
        if three && (parts[1].is_none() || parts[2].is_none()) {
            let end = self.expr_range(e).end;
            self.error_pos(
                end.saturating_sub(1),
                "invalid syntax tree: 2nd and 3rd index required in 3-index slice",
            );
            return Operand::invalid(Some(e));
        }
        let mut ind = [-1i64; 3];
        for (i, part) in parts.iter().enumerate() {
            ind[i] = match part {
                Some(p) => {
                    let max = if length >= 0 { length + 1 } else { -1 };
                    let (_, v) = self.index(*p, max);
                    if v >= 0 { v } else { -1 }
                }
                None if i == 0 => 0,
                None if length >= 0 => length,
                None => -1,
            };
        }
        'outer: for i in 0..2 {
            let a = ind[i];
            if a > 0 {
                for (j, &b) in ind.iter().enumerate().skip(i + 1) {
                    if b >= 0 && b < a {
                        if let Some(at) = parts[j] {
                            self.error_at(at, format!("invalid slice indices: {b} < {a}"));
                        }
                        break 'outer;
                    }
                }
            }
        }
        x
    }
}

/// Whether `e` is the `...` of a `[...]T` array length.
pub(super) fn is_ddd(e: &Expr) -> bool {
    matches!(e, Expr::Ellipsis(None))
}
