//! Literals (go/types' literals.go): basic literals with their constant values, function
//! literals (bodies checked later, at the end of the enclosing statement), and composite
//! literals of struct, array, slice and map types, with elided element types.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syntax::ast::{self, Expr, ExprId, LitKind, StmtId};

use super::super::{Checker, Delayed};
use super::index::is_ddd;
use crate::constant::{Kind, Value};
use crate::objects::ObjId;
use crate::operand::{Mode, Operand};
use crate::types::{Type, TypeId, ids};

/// A constant map key normalized as go/types' `keyVal` does, so that `1`, `1.0` and `1+0i`
/// are the same key.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum KeyVal {
    Int(i128),
    BigInt(String),
    Float(u64),
    Complex(u64, u64),
    Str(Arc<[u8]>),
    Bool(bool),
}

fn float_bits(f: f64) -> u64 {
    if f == 0.0 { 0 } else { f.to_bits() }
}

fn key_val(v: &Value) -> Option<KeyVal> {
    let mut v = v.clone();
    if v.kind() == Kind::Complex {
        let f = v.to_float().unwrap_or(Value::Unknown);
        if f.kind() != Kind::Float {
            let re = v.real().to_f64().unwrap_or(0.0);
            let im = v.imag().to_f64().unwrap_or(0.0);
            return Some(KeyVal::Complex(float_bits(re), float_bits(im)));
        }
        v = f;
    }
    if v.kind() == Kind::Float {
        let i = v.to_int().unwrap_or(Value::Unknown);
        if i.kind() != Kind::Int {
            return v.to_f64().map(|f| KeyVal::Float(float_bits(f)));
        }
        v = i;
    }
    match v.kind() {
        Kind::Int => Some(match (v.to_i64(), v.to_u64()) {
            (Some(i), _) => KeyVal::Int(i.into()),
            (None, Some(u)) => KeyVal::Int(u.into()),
            _ => KeyVal::BigInt(v.to_string()),
        }),
        Kind::String => v.string_bytes().map(KeyVal::Str),
        Kind::Bool => v.as_bool().map(KeyVal::Bool),
        _ => None,
    }
}

impl Checker<'_> {
    /// A basic literal: an untyped constant.
    pub(super) fn basic_lit(&mut self, e: ExprId, kind: LitKind, text: &str) -> Operand {
        if matches!(kind, LitKind::Int | LitKind::Float | LitKind::Imag) {
            self.lang_compat(e, kind, text);
            const LIMIT: usize = 10000;
            if text.len() > LIMIT {
                let head: String = text.chars().take(10).collect();
                self.error_at(
                    e,
                    format!(
                        "excessively long constant: {head}... ({} chars)",
                        text.len()
                    ),
                );
                return Operand::invalid(Some(e));
            }
        }
        let v = Value::from_literal(kind, text);
        if v.is_unknown() {
            self.error_at(e, format!("malformed constant: {text}"));
            return Operand::invalid(Some(e));
        }
        let ty = match kind {
            LitKind::Int => ids::UNTYPED_INT,
            LitKind::Float => ids::UNTYPED_FLOAT,
            LitKind::Imag => ids::UNTYPED_COMPLEX,
            LitKind::Char => ids::UNTYPED_RUNE,
            LitKind::String => ids::UNTYPED_STRING,
        };
        let mut x = Operand {
            mode: Mode::Constant(v),
            expr: Some(e),
            ty,
        };
        let pos = self.expr_range(e).start;
        self.overflow(&mut x, pos);
        x
    }

    /// go/types' `langCompat`: number literal forms that need go1.13.
    fn lang_compat(&mut self, e: ExprId, kind: LitKind, s: &str) {
        if s.len() <= 2 || self.allow_version(13) {
            return;
        }
        let range = self.expr_range(e);
        if s.contains('_') {
            self.verify_version(range, 13, "underscore in numeric literal");
            return;
        }
        let b = s.as_bytes();
        if b[0] != b'0' {
            return;
        }
        match b[1] {
            b'b' | b'B' => {
                self.verify_version(range, 13, "binary literal");
            }
            b'o' | b'O' => {
                self.verify_version(range, 13, "0o/0O-style octal literal");
            }
            b'x' | b'X' if kind != LitKind::Int => {
                self.verify_version(range, 13, "hexadecimal floating-point literal");
            }
            _ => {}
        }
    }

    /// A function literal: its signature now, its body at the end of the enclosing statement
    /// (or of the package-level declaration).
    pub(super) fn func_lit(&mut self, e: ExprId, sig: &ast::FuncType, body: StmtId) -> Operand {
        let saved = self.env.scope;
        let (sig_ty, scope) = self.func_type(self.expr_range(e), None, sig, &[], None);
        self.env.scope = saved;
        if !self.config.ignore_func_bodies && !matches!(self.ast().stmt(body), ast::Stmt::Bad) {
            let mut env = self.env.clone();
            env.scope = scope;
            env.sig = Some(sig_ty);
            env.has_label = false;
            env.has_call_or_recv = false;
            self.delayed.push(Delayed::FuncBody {
                file: self.env.file,
                name: "<function literal>".to_string(),
                sig: sig_ty,
                body,
                env,
                decl: None,
            });
        }
        Operand {
            mode: Mode::Value,
            expr: Some(e),
            ty: sig_ty,
        }
    }

    /// A composite literal `T{elts}`; `hint` is the element type of an enclosing literal when
    /// `T` is elided.
    pub(super) fn composite_lit(
        &mut self,
        e: ExprId,
        ty_expr: Option<ExprId>,
        elts: &[ExprId],
        hint: Option<TypeId>,
    ) -> Operand {
        let ast = self.ast();
        let mut open_array: Option<TypeId> = None; // the element type of `[...]T`
        let mut is_elem = false;
        let (typ, base) = match (ty_expr, hint) {
            (Some(t), _) => {
                if let Expr::ArrayType {
                    len: Some(len),
                    elem,
                } = ast.expr(t)
                    && is_ddd(ast.expr(*len))
                {
                    let elem = self.var_type(*elem);
                    open_array = Some(elem);
                    (ids::INVALID, ids::INVALID)
                } else {
                    let t = self.typ(t);
                    (t, t)
                }
            }
            (None, Some(hint)) => {
                // *T implies &T{} (also for a type parameter whose types are all *T).
                let mut base = hint;
                if let Ok(u) = self.common_under(hint, |_, _| None)
                    && let Some(b) = self.world.pointer_elem(u)
                {
                    base = b;
                }
                is_elem = true;
                (hint, base)
            }
            (None, None) => {
                self.error_at(e, "missing type in composite literal");
                (ids::INVALID, ids::INVALID)
            }
        };

        if let Some(elem) = open_array {
            let n = self.indexed_elts(elts, elem, -1);
            let ty = self.world.array(Some(n as u64), elem);
            if let Some(t) = ty_expr {
                self.record_type(
                    t,
                    &Operand {
                        mode: Mode::TypeExpr,
                        expr: Some(t),
                        ty,
                    },
                );
            }
            return Operand {
                mode: Mode::Value,
                expr: Some(e),
                ty,
            };
        }

        // Without a common underlying type, a type parameter's constraint interface stands in
        // (no composite literal has an interface type).
        let (u, no_common) = match self.common_under(base, |_, _| None) {
            Ok(u) => (u, false),
            Err(_) => (self.world.under(base), true),
        };
        let mut typ = typ;
        match self.world.ty(u).clone() {
            Type::Struct(s) => {
                if !elts.is_empty() {
                    self.struct_lit(e, base, &s.fields, elts);
                }
            }
            Type::Array { len, elem } => {
                let n = self.indexed_elts(elts, elem, len.map_or(-1, |n| n as i64));
                if len.is_none()
                    && ty_expr.is_some()
                    && typ == base
                    && matches!(self.world.ty(typ), Type::Array { .. })
                {
                    // An array of invalid length: assume the literal's.
                    typ = self.world.array(Some(n as u64), elem);
                }
            }
            Type::Slice(elem) => {
                self.indexed_elts(elts, elem, -1);
            }
            Type::Map { key, elem } => self.map_lit(key, elem, elts),
            _ => {
                for &elt in elts {
                    let v = match self.ast().expr(elt) {
                        Expr::KeyValue { value, .. } => *value,
                        _ => elt,
                    };
                    self.use_exprs(&[v]);
                }
                if self.world.is_valid(u) {
                    let qualifier = if is_elem { " element" } else { "" };
                    let ts = self.type_str(typ);
                    let cause = if no_common {
                        " (no common underlying type)"
                    } else {
                        ""
                    };
                    self.error_at(
                        e,
                        format!("invalid composite literal{qualifier} type {ts}{cause}"),
                    );
                    return Operand::invalid(Some(e));
                }
            }
        }
        Operand {
            mode: Mode::Value,
            expr: Some(e),
            ty: typ,
        }
    }

    fn struct_lit(&mut self, e: ExprId, base: TypeId, fields: &[ObjId], elts: &[ExprId]) {
        let ast = self.ast();
        if matches!(ast.expr(elts[0]), Expr::KeyValue { .. }) {
            let mut visited = vec![false; fields.len()];
            for &elt in elts {
                let Expr::KeyValue { key, value } = ast.expr(elt) else {
                    self.error_at(
                        elt,
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                };
                let mut x = self.expr(*value);
                let Expr::Name(name) = ast.expr(*key) else {
                    let ks = self.expr_string(*key);
                    self.error_at(elt, format!("invalid field name {ks} in struct literal"));
                    continue;
                };
                let Some(i) = self.field_index(fields, name.as_str(), false) else {
                    let alt = self
                        .field_index(fields, name.as_str(), true)
                        .map(|j| fields[j]);
                    let msg = self.lookup_error(base, name.as_str(), alt, true);
                    self.error_at(*key, msg);
                    continue;
                };
                let fld = fields[i];
                self.record_use(name.range.start, fld);
                let ety = self.world.obj(fld).ty;
                self.assignment(&mut x, Some(ety), "struct literal");
                if visited[i] {
                    self.error_at(
                        elt,
                        format!("duplicate field name {} in struct literal", name.as_str()),
                    );
                    continue;
                }
                visited[i] = true;
            }
        } else {
            for (i, &elt) in elts.iter().enumerate() {
                if matches!(ast.expr(elt), Expr::KeyValue { .. }) {
                    self.error_at(
                        elt,
                        "mixture of field:value and value elements in struct literal",
                    );
                    continue;
                }
                let mut x = self.expr(elt);
                if i >= fields.len() {
                    let bs = self.type_str(base);
                    self.error_op(
                        &x,
                        format!("too many values in struct literal of type {bs}"),
                    );
                    break;
                }
                let fld = fields[i];
                let f = self.world.obj(fld);
                if !f.is_exported() && f.pkg != Some(self.pkg) {
                    let fname = f.name.clone();
                    let bs = self.type_str(base);
                    self.error_op(&x, format!("implicit assignment to unexported field {fname} in struct literal of type {bs}"));
                    continue;
                }
                let ety = f.ty;
                self.assignment(&mut x, Some(ety), "struct literal");
            }
            if elts.len() < fields.len() {
                let bs = self.type_str(base);
                let end = self.expr_range(e).end;
                self.error_pos(
                    end.saturating_sub(1),
                    format!("too few values in struct literal of type {bs}"),
                );
            }
        }
    }

    /// go/types' `fieldIndex` (with `sameId`): the field named `name` as seen from this
    /// package; `fold_case` ignores case (and packages).
    fn field_index(&self, fields: &[ObjId], name: &str, fold_case: bool) -> Option<usize> {
        if name == "_" {
            return None;
        }
        fields
            .iter()
            .position(|&f| self.world.same_id(f, Some(self.pkg), name, fold_case))
    }

    fn map_lit(&mut self, key: TypeId, elem: TypeId, elts: &[ExprId]) {
        let ast = self.ast();
        let key_is_interface = self.world.is_interface(key);
        let mut visited: HashMap<KeyVal, Vec<TypeId>> = HashMap::new();
        for &elt in elts {
            let Expr::KeyValue { key: k, value } = ast.expr(elt) else {
                self.error_at(elt, "missing key in map literal");
                continue;
            };
            let mut x = self.expr_with_hint(*k, key);
            self.assignment(&mut x, Some(key), "map literal");
            if x.is_invalid() {
                continue;
            }
            if let Some(v) = x.value()
                && let Some(kv) = key_val(v)
            {
                let seen = visited.entry(kv).or_default();
                let duplicate = if key_is_interface {
                    let dup = seen.iter().any(|&t| self.world.identical(t, x.ty));
                    seen.push(x.ty);
                    dup
                } else {
                    let dup = !seen.is_empty();
                    seen.push(ids::INVALID);
                    dup
                };
                if duplicate {
                    let vs = v.to_string();
                    self.error_op(&x, format!("duplicate key {vs} in map literal"));
                    continue;
                }
            }
            let mut y = self.expr_with_hint(*value, elem);
            self.assignment(&mut y, Some(elem), "map literal");
        }
    }

    /// go/types' `indexedElts`: the elements of an array or slice literal against element
    /// type `elem` and the length (if `length >= 0`); returns the literal's length.
    fn indexed_elts(&mut self, elts: &[ExprId], elem: TypeId, length: i64) -> i64 {
        let ast = self.ast();
        let mut visited: HashSet<i64> = HashSet::with_capacity(elts.len());
        let (mut index, mut max) = (0i64, 0i64);
        for &e in elts {
            let mut valid_index = false;
            let mut eval = e;
            if let Expr::KeyValue { key, value } = ast.expr(e) {
                let (t, i) = self.index(*key, length);
                if self.world.is_valid(t) {
                    if i >= 0 {
                        index = i;
                        valid_index = true;
                    } else {
                        let ks = self.expr_string(*key);
                        self.error_at(e, format!("index {ks} must be integer constant"));
                    }
                }
                eval = *value;
            } else if length >= 0 && index >= length {
                self.error_at(e, format!("index {index} is out of bounds (>= {length})"));
            } else {
                valid_index = true;
            }
            if valid_index && !visited.insert(index) {
                self.error_at(
                    e,
                    format!("duplicate index {index} in array or slice literal"),
                );
            }
            index += 1;
            max = max.max(index);
            let mut x = self.expr_with_hint(eval, elem);
            self.assignment(&mut x, Some(elem), "array or slice literal");
        }
        max
    }
}
