//! The builtin functions (`len`, `append`, `make`, ... and package unsafe's), with all their
//! rules and go/types' messages, and the sizes of types (`unsafe.Sizeof`) per GOARCH.

pub(crate) mod sizes;

use syntax::ast::{BinaryOp, Expr, ExprId};

use super::Checker;
use crate::constant::{self, Value};
use crate::info::SelectionKind;
use crate::objects::{Builtin, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{BasicKind, ChanDir, Type, TypeId, ids};
use sizes::{Sizes, has_var_size};

impl Checker<'_> {
    /// Checks a call `call` of builtin `id` with `args`; the result is in the returned operand.
    pub(crate) fn builtin(
        &mut self,
        call: ExprId,
        id: Builtin,
        args: &[ExprId],
        ellipsis: Option<u32>,
    ) -> Operand {
        if let Some(pos) = ellipsis
            && id != Builtin::Append
        {
            self.error_pos(
                pos,
                format!(
                    "invalid operation: invalid use of ... with built-in {}",
                    id.name()
                ),
            );
            self.use_exprs(args);
            return Operand::invalid(Some(call));
        }
        // len(x) and cap(x) are constant if x contains no calls or receives: evaluate x with
        // a fresh flag.
        let saved = matches!(id, Builtin::Len | Builtin::Cap)
            .then(|| std::mem::replace(&mut self.env.has_call_or_recv, false));
        let r = self.builtin_inner(call, id, args, ellipsis);
        if let Some(b) = saved {
            self.env.has_call_or_recv = b;
        }
        match r {
            Some(mut x) => {
                x.expr = Some(call);
                x
            }
            None => Operand::invalid(Some(call)),
        }
    }

    fn builtin_inner(
        &mut self,
        call: ExprId,
        id: Builtin,
        args: &[ExprId],
        ellipsis: Option<u32>,
    ) -> Option<Operand> {
        let fun = match self.ast().expr(call) {
            Expr::Call { fun, .. } => *fun,
            _ => call,
        };
        let name = id.name();
        let mut ops: Vec<Operand> = Vec::new();
        let nargs = match id {
            Builtin::Make | Builtin::New | Builtin::Offsetof | Builtin::Trace => args.len(),
            _ => {
                ops = self.eval_args(args);
                if ops.iter().any(Operand::is_invalid) {
                    return None;
                }
                ops.len()
            }
        };
        let (min, variadic) = id.arity();
        let msg = if nargs < min {
            "not enough"
        } else if !variadic && nargs > min {
            "too many"
        } else {
            ""
        };
        if !msg.is_empty() {
            let cs = self.expr_string(call);
            let r = self.rparen_range(call);
            self.error(
                r,
                format!(
                    "invalid operation: {msg} arguments for {cs} (expected {min}, found {nargs})"
                ),
            );
            return None;
        }
        let mut x = ops
            .first()
            .cloned()
            .unwrap_or_else(|| Operand::invalid(None));
        let fun_range = self.expr_range(fun);

        match id {
            Builtin::Append => {
                let elem = match self.builtin_slice_elem(&x) {
                    Ok(e) => e,
                    Err(msg) => {
                        self.error_op(&x, format!("invalid append: {msg}"));
                        return None;
                    }
                };
                // append([]byte, string...)
                let mut special = false;
                if nargs == 2 && ellipsis.is_some() {
                    let bytes = self.world.slice(ids::BYTE);
                    if self.assignable_to(&x, bytes).is_ok()
                        && (self.world.is_string(ops[1].ty)
                            || self.world.is_bytes_or_string_param(ops[1].ty))
                    {
                        special = true;
                    }
                }
                if !special {
                    let es = self.world.slice(elem);
                    let params = [x.ty, es];
                    let fs = self.expr_string(fun);
                    self.arguments(call, &fs, &params, true, &mut ops, args, ellipsis);
                }
                x.mode = Mode::Value;
                Some(x)
            }

            Builtin::Cap | Builtin::Len => {
                if self.world.is_type_param(x.ty) {
                    // Every type in the type set must have a length (go/types checks each
                    // term); never a constant.
                    let ok = self.world.all_under(x.ty, |w, u| {
                        let u = match w.ty(u) {
                            Type::Pointer(b) => w.under(*b),
                            _ => u,
                        };
                        match w.ty(u) {
                            Type::Basic { kind, .. } => kind.is_string() && id == Builtin::Len,
                            Type::Array { .. } | Type::Slice(_) | Type::Chan { .. } => true,
                            Type::Map { .. } => id == Builtin::Len,
                            _ => false,
                        }
                    });
                    if !ok {
                        let s = self.operand_str(&x);
                        self.error_op(&x, format!("invalid argument: {s} for built-in {name}"));
                        return None;
                    }
                    return Some(Operand {
                        mode: Mode::Value,
                        expr: None,
                        ty: ids::INT,
                    });
                }
                let u = self.world.core_or_under(x.ty);
                let t = self.builtin_array_ptr_deref(u);
                let mut mode = None;
                match self.world.ty(t) {
                    Type::Basic { kind, .. } if kind.is_string() && id == Builtin::Len => {
                        mode = Some(match x.value().and_then(Value::as_str) {
                            Some(s) => Mode::Constant(Value::from_i64(s.len() as i64)),
                            None => Mode::Value,
                        });
                    }
                    Type::Array { len, .. } => {
                        mode = Some(if self.env.has_call_or_recv {
                            Mode::Value
                        } else {
                            Mode::Constant(match len {
                                Some(n) => Value::from_u64(*n),
                                None => Value::Unknown,
                            })
                        });
                    }
                    Type::Slice(_) | Type::Chan { .. } => mode = Some(Mode::Value),
                    Type::Map { .. } if id == Builtin::Len => mode = Some(Mode::Value),
                    _ => {}
                }
                let Some(mode) = mode else {
                    if self.world.is_valid(u) {
                        let s = self.operand_str(&x);
                        self.error_op(&x, format!("invalid argument: {s} for built-in {name}"));
                    }
                    return None;
                };
                Some(Operand {
                    mode,
                    expr: None,
                    ty: ids::INT,
                })
            }

            Builtin::Clear => {
                self.verify_version(fun_range, 21, "clear");
                // Every type of a type parameter's type set must be a map or a slice.
                let clearable = self.world.all_under(x.ty, |w, u| {
                    matches!(w.ty(u), Type::Map { .. } | Type::Slice(_))
                });
                if !clearable {
                    let s = self.operand_str(&x);
                    self.error_op(
                        &x,
                        format!("invalid argument: cannot clear {s}: argument must be (or constrained by) map or slice"),
                    );
                    return None;
                }
                Some(no_value(&x))
            }

            Builtin::Close => {
                // Every type of a type parameter's type set must be a channel that can send.
                let w = &*self.world;
                let all_chans = w.all_under(x.ty, |w, u| matches!(w.ty(u), Type::Chan { .. }));
                let can_send = w.all_under(x.ty, |w, u| {
                    !matches!(
                        w.ty(u),
                        Type::Chan {
                            dir: ChanDir::Recv,
                            ..
                        }
                    )
                });
                let problem = if !all_chans {
                    Some("cannot close non-channel")
                } else if !can_send {
                    Some("cannot close receive-only channel")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("invalid operation: {problem} {s}"));
                    return None;
                }
                Some(no_value(&x))
            }

            Builtin::Complex => self.builtin_complex(call, x, ops[1].clone()),

            Builtin::Copy => {
                let y = ops[1].clone();
                let bytes = self.world.slice(ids::BYTE);
                let mut special = false;
                if self.assignable_to(&x, bytes).is_ok() {
                    // The source may be a string, a byte slice, or a type parameter of both.
                    special = self.world.all_under(y.ty, |w, u| {
                        w.is_string(u)
                            || matches!(w.ty(u), Type::Slice(e) if w.identical(*e, ids::BYTE))
                    });
                }
                if !special {
                    let dst = match self.builtin_slice_elem(&x) {
                        Ok(e) => e,
                        Err(msg) => {
                            self.error_op(&x, format!("invalid copy: {msg}"));
                            return None;
                        }
                    };
                    let src = match self.builtin_slice_elem(&y) {
                        Ok(e) => e,
                        Err(msg) => {
                            if !self.world.is_string(y.ty) {
                                self.error_op(&y, format!("invalid copy: {msg}"));
                                return None;
                            }
                            ids::BYTE
                        }
                    };
                    if !self.world.identical(dst, src) {
                        let (xs, ys) = (self.operand_str(&x), self.operand_str(&y));
                        let (ds, ss) = (self.type_str(dst), self.type_str(src));
                        self.error_op(
                            &x,
                            format!("invalid copy: arguments {xs} and {ys} have different element types {ds} and {ss}"),
                        );
                        return None;
                    }
                }
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: ids::INT,
                })
            }

            Builtin::Delete => {
                // Every type of a type parameter's type set must be a map; their key types
                // must be identical (the element types may differ).
                let mut key: Option<TypeId> = None;
                for pair in self.type_set_pairs(x.ty) {
                    let Some(Type::Map { key: k, .. }) = pair.map(|(_, u)| self.world.ty(u)) else {
                        let s = self.operand_str(&x);
                        self.error_op(&x, format!("invalid argument: {s} is not a map"));
                        return None;
                    };
                    let k = *k;
                    if key.is_some_and(|prev| !self.world.identical(prev, k)) {
                        let s = self.operand_str(&x);
                        self.error_op(
                            &x,
                            format!("invalid argument: maps of {s} must have identical key types"),
                        );
                        return None;
                    }
                    key = Some(k);
                }
                let Some(key) = key else { return None };
                let mut k = ops[1].clone();
                self.assignment(&mut k, Some(key), "argument to delete");
                if k.is_invalid() {
                    return None;
                }
                Some(no_value(&x))
            }

            Builtin::Imag | Builtin::Real => {
                if self.world.is_untyped(x.ty) {
                    if x.is_constant() {
                        if self.world.is_numeric(x.ty) {
                            x.ty = ids::UNTYPED_COMPLEX;
                        }
                    } else {
                        self.convert_untyped(&mut x, ids::COMPLEX128);
                        if x.is_invalid() {
                            return None;
                        }
                    }
                }
                let f = |k| match k {
                    BasicKind::Complex64 => Some(ids::FLOAT32),
                    BasicKind::Complex128 => Some(ids::FLOAT64),
                    BasicKind::UntypedComplex => Some(ids::UNTYPED_FLOAT),
                    _ => None,
                };
                let name = if id == Builtin::Real { "real" } else { "imag" };
                let res = match self.apply_type_func(&x, name, f) {
                    Some(res) => res,
                    None => {
                        let ts = self.type_str(x.ty);
                        self.error_op(
                            &x,
                            format!(
                                "invalid argument: argument has type {ts}, expected complex type"
                            ),
                        );
                        return None;
                    }
                };
                if let Mode::Constant(v) = &x.mode {
                    x.mode = Mode::Constant(if id == Builtin::Real {
                        v.real()
                    } else {
                        v.imag()
                    });
                } else {
                    x.mode = Mode::Value;
                }
                x.ty = res;
                Some(x)
            }

            Builtin::Make => {
                let arg0 = args[0];
                let t = self.var_type(arg0);
                if !self.world.is_valid(t) {
                    return None;
                }
                let u = self.common_under(t, |c, pair| match pair {
                    None => Some("no specific type".into()),
                    Some((_, u)) => match c.world.ty(u) {
                        Type::Slice(_) | Type::Map { .. } | Type::Chan { .. } => None,
                        _ => Some("type must be slice, map, or channel".into()),
                    },
                });
                let u = match u {
                    Ok(u) => u,
                    Err(cause) => {
                        let s = self.expr_string(arg0);
                        self.error_at(arg0, format!("invalid argument: cannot make {s}: {cause}"));
                        return None;
                    }
                };
                let min = match self.world.ty(u) {
                    Type::Slice(_) => 2,
                    _ => 1,
                };
                if nargs < min || min + 1 < nargs {
                    let cs = self.expr_string(call);
                    self.error_at(
                        call,
                        format!(
                            "invalid operation: {cs} expects {min} or {} arguments; found {nargs}",
                            min + 1
                        ),
                    );
                    return None;
                }
                let mut sizes = Vec::new();
                for &arg in &args[1..] {
                    let (_, size) = self.index(arg, -1);
                    if size >= 0 {
                        sizes.push(size);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error_at(args[1], "invalid argument: length and capacity swapped");
                }
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: t,
                })
            }

            Builtin::Max | Builtin::Min => {
                self.verify_version(fun_range, 21, &format!("built-in {name}"));
                let op = if id == Builtin::Max {
                    BinaryOp::Gtr
                } else {
                    BinaryOp::Lss
                };
                for (i, slot) in ops.iter_mut().enumerate() {
                    let mut a = slot.clone();
                    if !self.world.is_ordered(a.ty) {
                        let s = self.operand_str(&a);
                        self.error_op(&a, format!("invalid argument: {s} cannot be ordered"));
                        return None;
                    }
                    if i > 0 {
                        self.match_types(&mut x, &mut a);
                        if x.is_invalid() {
                            return None;
                        }
                        if !self.world.identical(x.ty, a.ty) {
                            let (xt, at) = (self.type_str(x.ty), self.type_str(a.ty));
                            let ae = a.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                            self.error_op(
                                &a,
                                format!("invalid argument: mismatched types {xt} (previous argument) and {at} (type of {ae})"),
                            );
                            return None;
                        }
                        match (&x.mode, &a.mode) {
                            (Mode::Constant(xv), Mode::Constant(av)) => {
                                if constant::compare(av, op, xv) {
                                    x = a.clone();
                                }
                            }
                            _ => x.mode = Mode::Value,
                        }
                    }
                    *slot = a;
                }
                if !x.is_constant() {
                    x.mode = Mode::Value;
                    let iface = self.empty_interface();
                    self.assignment(&mut x, Some(iface), &format!("argument to built-in {name}"));
                    if x.is_invalid() {
                        return None;
                    }
                }
                // Every argument gets the final type.
                for a in &ops {
                    if let Some(e) = a.expr {
                        self.update_expr_type(e, x.ty, true);
                    }
                }
                Some(x)
            }

            Builtin::New => {
                let arg = args[0];
                let mut x = self.expr_or_type(arg);
                if let Mode::Builtin(_) = x.mode {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("{s} must be called"));
                    return None;
                }
                match x.mode {
                    Mode::Invalid => return None,
                    Mode::TypeExpr => {
                        let t = x.ty;
                        self.later(move |c| c.valid_var_type(arg, t));
                    }
                    _ => {
                        if self.world.is_untyped(x.ty) {
                            self.assignment(&mut x, None, "argument to new");
                            if x.is_invalid() {
                                return None;
                            }
                        }
                        let s = self.expr_string(arg);
                        self.verify_version(fun_range, 26, &format!("new({s})"));
                    }
                }
                let t = x.ty;
                let p = self.world.pointer(t);
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: p,
                })
            }

            Builtin::Panic => {
                let iface = self.empty_interface();
                self.assignment(&mut x, Some(iface), "argument to panic");
                if x.is_invalid() {
                    return None;
                }
                Some(no_value(&x))
            }

            Builtin::Print | Builtin::Println => {
                let context = format!("argument to built-in {name}");
                for a in ops.iter_mut() {
                    self.assignment(a, None, &context);
                    if a.is_invalid() {
                        return None;
                    }
                }
                Some(no_value(&x))
            }

            Builtin::Recover => {
                let iface = self.empty_interface();
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: iface,
                })
            }

            Builtin::Add => {
                self.verify_version(fun_range, 17, "unsafe.Add");
                self.assignment(&mut x, Some(ids::UNSAFE_POINTER), "argument to unsafe.Add");
                if x.is_invalid() {
                    return None;
                }
                let mut y = ops[1].clone();
                if !self.is_valid_index(&mut y, "length", true) {
                    return None;
                }
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: ids::UNSAFE_POINTER,
                })
            }

            Builtin::Alignof | Builtin::Sizeof => {
                self.assignment(&mut x, None, &format!("argument to unsafe.{name}"));
                if x.is_invalid() {
                    return None;
                }
                if has_var_size(self.world, x.ty, &mut Vec::new()) {
                    return Some(Operand {
                        mode: Mode::Value,
                        expr: None,
                        ty: ids::UINTPTR,
                    });
                }
                let sizes = self.gc_sizes();
                let n = if id == Builtin::Alignof {
                    sizes.alignof(self.world, x.ty)
                } else {
                    sizes.sizeof(self.world, x.ty)
                };
                if n < 0 {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("{s} is too large"));
                    return None;
                }
                Some(Operand {
                    mode: Mode::Constant(Value::from_i64(n)),
                    expr: None,
                    ty: ids::UINTPTR,
                })
            }

            Builtin::Offsetof => self.builtin_offsetof(args[0]),

            Builtin::Slice => {
                self.verify_version(fun_range, 17, "unsafe.Slice");
                let Type::Pointer(base) = *self.world.ty(self.world.core_or_under(x.ty)) else {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("invalid argument: {s} is not a pointer"));
                    return None;
                };
                let mut y = ops[1].clone();
                if !self.is_valid_index(&mut y, "length", false) {
                    return None;
                }
                let s = self.world.slice(base);
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: s,
                })
            }

            Builtin::SliceData => {
                self.verify_version(fun_range, 20, "unsafe.SliceData");
                let Type::Slice(elem) = *self.world.ty(self.world.core_or_under(x.ty)) else {
                    let s = self.operand_str(&x);
                    self.error_op(&x, format!("invalid argument: {s} is not a slice"));
                    return None;
                };
                let p = self.world.pointer(elem);
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: p,
                })
            }

            Builtin::String => {
                self.verify_version(fun_range, 20, "unsafe.String");
                let pb = self.world.pointer(ids::BYTE);
                self.assignment(&mut x, Some(pb), "argument to unsafe.String");
                if x.is_invalid() {
                    return None;
                }
                let mut y = ops[1].clone();
                if !self.is_valid_index(&mut y, "length", false) {
                    return None;
                }
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: ids::STRING,
                })
            }

            Builtin::StringData => {
                self.verify_version(fun_range, 20, "unsafe.StringData");
                self.assignment(&mut x, Some(ids::STRING), "argument to unsafe.StringData");
                if x.is_invalid() {
                    return None;
                }
                let pb = self.world.pointer(ids::BYTE);
                Some(Operand {
                    mode: Mode::Value,
                    expr: None,
                    ty: pb,
                })
            }

            Builtin::Assert => {
                let b = match (&x.mode, self.world.is_boolean(x.ty)) {
                    (Mode::Constant(v), true) => v.as_bool(),
                    _ => {
                        let s = self.operand_str(&x);
                        self.error_op(
                            &x,
                            format!("invalid argument: {s} is not a boolean constant"),
                        );
                        return None;
                    }
                };
                match b {
                    None => {
                        let s = self.operand_str(&x);
                        self.error_op(
                            &x,
                            format!("internal error: value of {s} should be a boolean constant"),
                        );
                        return None;
                    }
                    Some(false) => {
                        let cs = self.expr_string(call);
                        self.error_at(call, format!("{cs} failed"));
                    }
                    Some(true) => {}
                }
                Some(x)
            }

            Builtin::Trace => {
                if args.is_empty() {
                    return Some(no_value(&x));
                }
                let mut first = None;
                for &a in args {
                    let y = self.raw_expr(a, None);
                    first.get_or_insert(y);
                }
                first.filter(|x| !x.is_invalid())
            }
        }
    }

    /// The gc sizes for the configured GOARCH.
    pub(crate) fn gc_sizes(&self) -> Sizes {
        Sizes::for_arch(self.config.goarch.as_deref())
    }

    /// `complex(x, y)`.
    fn builtin_complex(&mut self, call: ExprId, mut x: Operand, mut y: Operand) -> Option<Operand> {
        let d =
            u8::from(self.world.is_untyped(x.ty)) | (u8::from(self.world.is_untyped(y.ty)) << 1);
        match d {
            1 => self.convert_untyped(&mut x, y.ty),
            2 => self.convert_untyped(&mut y, x.ty),
            3 => {
                if x.is_constant() && y.is_constant() {
                    for o in [&mut x, &mut y] {
                        if self.world.is_numeric(o.ty)
                            && o.value().is_some_and(|v| v.imag().sign() == 0)
                        {
                            o.ty = ids::UNTYPED_FLOAT;
                        }
                    }
                } else {
                    self.convert_untyped(&mut x, ids::FLOAT64);
                    self.convert_untyped(&mut y, ids::FLOAT64);
                }
            }
            _ => {}
        }
        if x.is_invalid() || y.is_invalid() {
            return None;
        }
        if !self.world.identical(x.ty, y.ty) {
            let cs = self.expr_string(call);
            let (xt, yt) = (self.type_str(x.ty), self.type_str(y.ty));
            self.error_op(
                &x,
                format!("invalid operation: {cs} (mismatched types {xt} and {yt})"),
            );
            return None;
        }
        let f = |k| match k {
            BasicKind::Float32 => Some(ids::COMPLEX64),
            BasicKind::Float64 => Some(ids::COMPLEX128),
            BasicKind::UntypedFloat => Some(ids::UNTYPED_COMPLEX),
            _ => None,
        };
        let res = match self.apply_type_func(&x, "complex", f) {
            Some(res) => res,
            None => {
                let xt = self.type_str(x.ty);
                self.error_op(
                    &x,
                    format!("invalid argument: arguments have type {xt}, expected floating-point"),
                );
                return None;
            }
        };
        match (&x.mode, &y.mode) {
            (Mode::Constant(xv), Mode::Constant(yv)) => {
                let re = xv.to_float().unwrap_or(Value::Unknown);
                let im = yv.to_float().unwrap_or(Value::Unknown).make_imag();
                x.mode = Mode::Constant(constant::binary_op(&re, BinaryOp::Add, &im, false));
            }
            _ => x.mode = Mode::Value,
        }
        x.ty = res;
        Some(x)
    }

    /// go/types' `applyTypeFunc`: `f` on the basic kind of `x`'s type, or for a type
    /// parameter on each of its types (all must map). go/types then gives the result a new
    /// type parameter and reports that such arguments are not supported; here the result is
    /// the first type's.
    fn apply_type_func(
        &mut self,
        x: &Operand,
        name: &str,
        f: impl Fn(BasicKind) -> Option<TypeId>,
    ) -> Option<TypeId> {
        if !self.world.is_type_param(x.ty) {
            return self.world.under_basic(x.ty).and_then(&f);
        }
        let mut first = None;
        for pair in self.type_set_pairs(x.ty) {
            let r = pair
                .and_then(|(_, u)| self.world.basic_kind(u))
                .and_then(&f)?;
            first.get_or_insert(r);
        }
        let s = self.operand_str(x);
        let range = x.expr.map(|e| self.expr_range(e)).unwrap_or_default();
        self.soft_error(
            range,
            format!(
                "{s} not supported as argument to built-in {name} for go1.18 (see go.dev/issue/50937)"
            ),
        );
        first
    }

    /// `unsafe.Offsetof(x.f)`.
    fn builtin_offsetof(&mut self, arg0: ExprId) -> Option<Operand> {
        let inner = self.unparen(arg0);
        let Expr::Selector { x: sx, sel } = self.ast().expr(inner) else {
            let s = self.expr_string(arg0);
            self.error_at(
                arg0,
                format!("invalid argument: {s} is not a selector expression"),
            );
            self.use_exprs(&[arg0]);
            return None;
        };
        let sx = *sx;
        let xo = self.expr(sx);
        if xo.is_invalid() {
            return None;
        }
        let base = self.world.deref_struct_ptr(xo.ty);
        let found = self
            .world
            .lookup_field_or_method(base, false, Some(self.pkg), sel.as_str());
        let Some(obj) = found.obj else {
            let bs = self.type_str(base);
            self.error_op(
                &xo,
                format!(
                    "invalid argument: {bs} has no single field {}",
                    sel.as_str()
                ),
            );
            return None;
        };
        if matches!(self.world.obj(obj).kind, ObjKind::Func { .. }) {
            let s = self.expr_string(arg0);
            self.error_at(arg0, format!("invalid argument: {s} is a method value"));
            return None;
        }
        if found.indirect {
            let bs = self.type_str(base);
            self.error_op(
                &xo,
                format!(
                    "invalid argument: field {} is embedded via a pointer in {bs}",
                    sel.as_str()
                ),
            );
            return None;
        }
        self.record_use(sel.range.start, obj);
        // As go/types: the receiver is the struct type, even when `x` is a pointer to it.
        let index = found.index.clone().unwrap_or_default();
        self.record_selection(inner, SelectionKind::FieldVal, base, obj, index, false);
        let fty = self.world.obj(obj).ty;
        let mode = if xo.mode == Mode::Variable {
            Mode::Variable
        } else {
            Mode::Value
        };
        self.record_type(
            inner,
            &Operand {
                mode,
                expr: Some(inner),
                ty: fty,
            },
        );
        if has_var_size(self.world, base, &mut Vec::new()) {
            return Some(Operand {
                mode: Mode::Value,
                expr: None,
                ty: ids::UINTPTR,
            });
        }
        let offs =
            self.gc_sizes()
                .offsetof(self.world, base, found.index.as_deref().unwrap_or(&[]));
        if offs < 0 {
            let s = self.operand_str(&xo);
            self.error_op(&xo, format!("{s} is too large"));
            return None;
        }
        Some(Operand {
            mode: Mode::Constant(Value::from_i64(offs)),
            expr: None,
            ty: ids::UINTPTR,
        })
    }

    /// go/types' `sliceElem`: the element type of slice operand `x`, or why it is not a slice.
    fn builtin_slice_elem(&self, x: &Operand) -> Result<TypeId, String> {
        let mut elem: Option<TypeId> = None;
        for pair in self.type_set_pairs(x.ty) {
            let Some(Type::Slice(e)) = pair.map(|(_, u)| self.world.ty(u)) else {
                if x.is_nil(self.world) {
                    return Err("argument must be a slice; have untyped nil".into());
                }
                return Err(format!(
                    "argument must be a slice; have {}",
                    self.operand_str(x)
                ));
            };
            match elem {
                None => elem = Some(*e),
                Some(prev) if !self.world.identical(prev, *e) => {
                    return Err(format!(
                        "mismatched slice element types {} and {} in {}",
                        self.type_str(prev),
                        self.type_str(*e),
                        self.operand_str(x)
                    ));
                }
                Some(_) => {}
            }
        }
        // type_set_pairs always has a pair; an empty one would mean no slice at all.
        elem.ok_or_else(|| format!("argument must be a slice; have {}", self.operand_str(x)))
    }

    /// `*[N]T`'s array type for a pointer to an array, else `t`.
    fn builtin_array_ptr_deref(&self, t: TypeId) -> TypeId {
        if let Type::Pointer(base) = self.world.ty(self.world.unalias(t)) {
            let bu = self.world.under(*base);
            if matches!(self.world.ty(bu), Type::Array { .. }) {
                return bu;
            }
        }
        t
    }
}

/// A builtin call without a result; go/types leaves the first argument's type on it.
fn no_value(x: &Operand) -> Operand {
    Operand {
        mode: Mode::NoValue,
        expr: None,
        ty: x.ty,
    }
}
