//! Calls (functions, methods, conversions, builtins dispatch), arguments (variadic,
//! multi-value), selectors (fields, methods, method values and expressions, package members),
//! and conversions (`conversion`).

mod conversion;

use syntax::TextRange;
use syntax::ast::{Expr, ExprId, Name};

use super::Checker;
use super::lookup::{Selection, is_exported};
use crate::info::SelectionKind;
use crate::objects::{ObjId, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{Signature, Type, TypeId, ids};
use crate::world::PackageId;

impl Checker<'_> {
    /// Checks the call or conversion `e` = `fun(args...)`.
    pub(crate) fn call_expr(
        &mut self,
        e: ExprId,
        fun: ExprId,
        args: &[ExprId],
        ellipsis: Option<u32>,
    ) -> Operand {
        let saved_call_fun = self
            .call_fun
            .replace((self.env.file as u32, self.unparen(fun)));
        let x = self.generic_expr(fun);
        self.call_fun = saved_call_fun;
        match x.mode {
            Mode::Invalid => {
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr if self.world.is_generic_type(x.ty) => {
                let s = self.expr_string(fun);
                self.error_at(
                    fun,
                    format!("cannot use generic type {s} without instantiation"),
                );
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
            Mode::TypeExpr => return self.conversion_call(e, x.ty, args, ellipsis),
            Mode::Builtin(id) => {
                let mut r = self.builtin(e, id, args, ellipsis);
                r.expr = Some(e);
                if !r.is_invalid() && !r.is_constant() {
                    self.env.has_call_or_recv = true;
                }
                return r;
            }
            _ => {}
        }
        // An ordinary function or method call.
        // All types in a type parameter's type set must share one underlying type, a
        // signature.
        let sig_ty = self.common_under(x.ty, |c, pair| match pair {
            Some((t, u)) if !matches!(c.world.ty(u), Type::Signature(_)) => {
                Some(format!("{} is not a function", c.type_str(t)))
            }
            _ => None,
        });
        let sig_ty = match sig_ty {
            Ok(t) => t,
            Err(cause) => {
                if self.world.is_valid(x.ty) {
                    let xs = self.operand_str(&x);
                    self.error_at(fun, format!("invalid operation: cannot call {xs}: {cause}"));
                }
                self.use_exprs(args);
                return Operand::invalid(Some(e));
            }
        };
        let Type::Signature(sig) = self.world.ty(sig_ty) else {
            unreachable!("common_under checked for signatures")
        };
        let mut sig = (**sig).clone();
        let mut ops = self.eval_args(args);
        let fun_str = self.expr_string(fun);
        if !sig.type_params.is_empty() {
            // The argument count is checked before inference (against the generic
            // parameters).
            let params: Vec<TypeId> = self
                .world
                .tuple_vars(sig.params)
                .iter()
                .map(|&v| self.world.obj(v).ty)
                .collect();
            if self
                .argument_params(e, &fun_str, &params, sig.variadic, &ops, args, ellipsis)
                .is_none()
            {
                return Operand::invalid(Some(e));
            }
            match self.infer_generic_call(e, fun, &fun_str, &sig, &ops, ellipsis.is_some()) {
                Some(s) => {
                    // As go/types: the function expression's recorded type is the instance.
                    let instance = self.world.new_type(Type::Signature(Box::new(s.clone())));
                    let fun_operand = Operand {
                        mode: Mode::Value,
                        expr: Some(fun),
                        ty: instance,
                    };
                    self.record_type(fun, &fun_operand);
                    sig = s;
                }
                None => {
                    return Operand::invalid(Some(e));
                }
            }
        }
        let params: Vec<TypeId> = self
            .world
            .tuple_vars(sig.params)
            .iter()
            .map(|&v| self.world.obj(v).ty)
            .collect();
        self.arguments(e, &fun_str, &params, sig.variadic, &mut ops, args, ellipsis);

        self.env.has_call_or_recv = true;
        let results = self.world.tuple_vars(sig.results);
        match results.len() {
            // go/types leaves the function's type on a call without results (it shows in
            // `have (func())` when such a call is an argument).
            0 => Operand {
                mode: Mode::NoValue,
                expr: Some(e),
                ty: x.ty,
            },
            1 => {
                let ty = self.world.obj(results[0]).ty;
                Operand {
                    mode: Mode::Value,
                    expr: Some(e),
                    ty,
                }
            }
            _ => Operand {
                mode: Mode::Value,
                expr: Some(e),
                ty: sig.results,
            },
        }
    }

    /// Evaluates call arguments: a single argument may be a multi-value call (go/types'
    /// `genericExprList` without generics).
    pub(crate) fn eval_args(&mut self, args: &[ExprId]) -> Vec<Operand> {
        match args {
            [] => Vec::new(),
            [single]
                if !matches!(
                    self.ast().expr(self.unparen(*single)),
                    Expr::Name(_) | Expr::Selector { .. } | Expr::Index { .. }
                ) =>
            {
                self.multi_expr(*single, false)
            }
            _ => args
                .iter()
                .map(|&a| {
                    // A partially instantiated function argument is completed by the
                    // parameter's type (`arguments`), not here; before go1.21 its
                    // constraints must tell the rest.
                    let saved = self.func_target;
                    let key = (self.env.file as u32, self.unparen(a));
                    if self.allow_version(21) {
                        self.func_target = Some((key.0, key.1, ids::INVALID));
                    }
                    let x = self.generic_value_expr(a);
                    self.func_target = saved;
                    x
                })
                .collect(),
        }
    }

    /// The range of the closing parenthesis of call `e` (where go/types reports argument
    /// count errors).
    pub(crate) fn rparen_range(&self, e: ExprId) -> TextRange {
        let r = self.expr_range(e);
        let start = if r.end > r.start { r.end - 1 } else { r.start };
        TextRange { start, end: r.end }
    }

    /// go/types' `arguments` (without type inference): checks the argument count against
    /// `params` (the last one `[]T` when `variadic`) and each argument's assignability.
    /// `arg_exprs` are the syntactic arguments (one may produce several `args`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn arguments(
        &mut self,
        call: ExprId,
        fun_str: &str,
        params: &[TypeId],
        variadic: bool,
        args: &mut [Operand],
        arg_exprs: &[ExprId],
        ellipsis: Option<u32>,
    ) {
        let Some(sig_params) =
            self.argument_params(call, fun_str, params, variadic, args, arg_exprs, ellipsis)
        else {
            return;
        };
        // Generic function arguments are instantiated implicitly, since go1.21 (one error,
        // at the first).
        if let Some(e) = args
            .iter()
            .find(|a| {
                !a.is_invalid()
                    && !self
                        .world
                        .sig_type_params(self.world.unalias(a.ty))
                        .is_empty()
            })
            .and_then(|a| a.expr)
        {
            let range = self.expr_range(e);
            self.verify_version(range, 21, "implicitly instantiated function as argument");
        }
        let context = format!("argument to {fun_str}");
        for (a, &t) in args.iter_mut().zip(&sig_params) {
            if !a.is_invalid()
                && !self
                    .world
                    .sig_type_params(self.world.unalias(a.ty))
                    .is_empty()
            {
                // A generic function argument: its type arguments come from the parameter's
                // type (go1.21).
                match self.infer_arg_from_param(a, t, &fun_str) {
                    Some(ty) => a.ty = ty,
                    None => continue,
                }
            }
            self.assignment(a, Some(t), &context);
        }
    }

    /// The first part of go/types' `arguments`: the parameter type for each argument
    /// (variadic parameters spread out), or `None` after reporting a `...` misuse or a wrong
    /// argument count. Checked before type inference.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn argument_params(
        &mut self,
        call: ExprId,
        fun_str: &str,
        params: &[TypeId],
        variadic: bool,
        args: &[Operand],
        arg_exprs: &[ExprId],
        ellipsis: Option<u32>,
    ) -> Option<Vec<TypeId>> {
        let nargs = args.len();
        let mut npars = params.len();

        let ddd = ellipsis.is_some();
        let mut sig_params: Vec<TypeId> = params.to_vec();
        if variadic && npars > 0 {
            if ddd {
                if arg_exprs.len() == 1 && nargs > 1 {
                    let s = self.expr_string(arg_exprs[0]);
                    self.error_pos(
                        ellipsis.unwrap_or_default(),
                        format!("cannot use ... with {nargs}-valued {s}"),
                    );
                    return None;
                }
            } else if nargs + 1 >= npars {
                let last = params[npars - 1];
                let elem = match self.world.ty(self.world.unalias(last)) {
                    Type::Slice(elem) => *elem,
                    _ => ids::INVALID,
                };
                sig_params.truncate(npars - 1);
                while sig_params.len() < nargs {
                    sig_params.push(elem);
                }
                npars = nargs;
            } else {
                npars -= 1;
            }
        } else if ddd {
            self.error_pos(
                ellipsis.unwrap_or_default(),
                format!("cannot use ... in call to non-variadic {fun_str}"),
            );
            return None;
        }

        if nargs != npars {
            let (range, qualifier) = if nargs > npars {
                let at = args[npars]
                    .expr
                    .map(|e| self.expr_range(e))
                    .unwrap_or_else(|| self.rparen_range(call));
                (at, "too many")
            } else {
                (self.rparen_range(call), "not enough")
            };
            let have: Vec<TypeId> = args.iter().map(|a| a.ty).collect();
            let have = self.call_types_summary(&have, false, ddd);
            let want = self.call_types_summary(params, variadic, false);
            self.error(
                range,
                format!("{qualifier} arguments in call to {fun_str}\n\thave {have}\n\twant {want}"),
            );
            return None;
        }

        Some(sig_params)
    }

    /// go/types' `typesSummary`: `(int, string)`, untyped numbers as `number`.
    fn call_types_summary(&self, list: &[TypeId], variadic: bool, has_dots: bool) -> String {
        let mut parts = Vec::with_capacity(list.len());
        for (i, &t) in list.iter().enumerate() {
            let mut s = if !self.world.is_valid(t) {
                "unknown type".to_string()
            } else if self.world.is_untyped(t) {
                if self.world.is_numeric(t) {
                    "number".to_string()
                } else {
                    self.type_str(t).replace("untyped ", "")
                }
            } else {
                self.type_str(t)
            };
            if i == list.len() - 1 {
                if variadic {
                    if let Type::Slice(elem) = self.world.ty(self.world.unalias(t)) {
                        s = self.type_str(*elem);
                    }
                    s = format!("...{s}");
                } else if has_dots {
                    s.push_str("...");
                }
            }
            parts.push(s);
        }
        format!("({})", parts.join(", "))
    }

    /// `T(args)`: a conversion.
    fn conversion_call(
        &mut self,
        e: ExprId,
        t: TypeId,
        args: &[ExprId],
        ellipsis: Option<u32>,
    ) -> Operand {
        let ts = self.type_str(t);
        match args {
            [] => {
                let r = self.rparen_range(e);
                self.error(r, format!("missing argument in conversion to {ts}"));
            }
            [arg] => {
                let mut x = self.expr(*arg);
                if x.is_invalid() {
                    return Operand::invalid(Some(e));
                }
                if ellipsis.is_some() {
                    self.error_at(*arg, format!("invalid use of ... in conversion to {ts}"));
                    return Operand::invalid(Some(e));
                }
                let u = self.world.under(t);
                if let Type::Interface(iface) = self.world.ty(u)
                    && (iface.comparable
                        || self.world.interface_is_comparable(u)
                        || iface
                            .embeddeds
                            .iter()
                            .any(|&em| self.world.is_valid(em) && !self.world.is_interface(em)))
                {
                    self.error_at(e, format!("cannot use interface {ts} in conversion (contains specific type constraints or is comparable)"));
                    return Operand::invalid(Some(e));
                }
                self.conversion(&mut x, t);
                x.expr = Some(e);
                if x.is_invalid() {
                    x.ty = ids::INVALID;
                }
                return x;
            }
            [.., last] => {
                self.use_exprs(args);
                self.error_at(*last, format!("too many arguments in conversion to {ts}"));
            }
        }
        Operand::invalid(Some(e))
    }

    /// Checks the selector `e` = `x.sel`. With `want_type`, a qualified identifier denoting a
    /// type is expected (as in a type expression).
    pub(crate) fn selector(
        &mut self,
        e: ExprId,
        x: ExprId,
        sel: &Name,
        want_type: bool,
    ) -> Operand {
        let invalid = Operand::invalid(Some(e));
        // A qualified identifier `pkg.Name`.
        if let Expr::Name(ident) = self.ast().expr(x)
            && let Some((_, pname)) = self.world.lookup_parent(self.env.scope, ident.as_str())
            && let ObjKind::PkgName { imported } = self.world.obj(pname).kind
        {
            self.record_use(ident.range.start, pname);
            self.world.obj_mut(pname).used = true;
            return self.qualified_ident(e, imported, sel);
        }

        let mut xo = self.expr_or_type(x);
        match xo.mode {
            Mode::Invalid => return invalid,
            Mode::Builtin(_) => {
                let s = self.operand_str(&xo);
                self.error(
                    sel.range,
                    format!("invalid use of {s} in selector expression"),
                );
                return invalid;
            }
            _ => {}
        }
        if want_type {
            let s = self.expr_string(e);
            self.error(sel.range, format!("{s} is not a type"));
            return invalid;
        }
        let name = sel.as_str();
        let found = self.lookup_member(xo.ty, xo.mode == Mode::Variable, name);
        let Some(obj) = found.obj else {
            self.report_missing_member(&xo, x, sel, &found);
            return invalid;
        };
        self.record_use(sel.range.start, obj);
        let indirect = found.indirect;
        // A lookup that found something has the path to it.
        let index = found.index.unwrap_or_default();

        if xo.mode == Mode::TypeExpr {
            // A method expression `T.m`: a function with the receiver as first parameter.
            if !matches!(self.world.obj(obj).kind, ObjKind::Func { .. }) {
                let (xs, ts) = (self.expr_string(x), self.type_str(xo.ty));
                self.error(
                    sel.range,
                    format!("{xs}.{name} undefined (type {ts} has no method {name})"),
                );
                return invalid;
            }
            self.record_selection(e, SelectionKind::MethodExpr, xo.ty, obj, index, indirect);
            let Type::Signature(sig) = self.world.ty(self.world.obj(obj).ty).clone() else {
                self.error_at(e, "illegal cycle in method declaration");
                return invalid;
            };
            let Some(recv) = sig.recv else {
                self.error_at(e, "illegal cycle in method declaration");
                return invalid;
            };
            let mut params: Vec<ObjId> = self.world.tuple_vars(sig.params).to_vec();
            let mut recv_name = String::new();
            if let Some(&p0) = params.first()
                && !self.world.obj(p0).name.is_empty()
            {
                recv_name = self.world.obj(recv).name.to_string();
                if recv_name.is_empty() {
                    recv_name = "_".into();
                }
            }
            let (rpos, rpkg) = (self.world.obj(recv).pos, self.world.obj(recv).pkg);
            let rv = self.world.new_var(&recv_name, rpos, rpkg, xo.ty);
            if let ObjKind::Var(info) = &mut self.world.obj_mut(rv).kind {
                info.is_param = true;
            }
            params.insert(0, rv);
            let params = self.world.tuple(params);
            let ty = self.world.new_type(Type::Signature(Box::new(Signature::new(
                None,
                params,
                sig.results,
                sig.variadic,
            ))));
            self.add_decl_dep(obj);
            return Operand {
                mode: Mode::Value,
                expr: Some(e),
                ty,
            };
        }

        match self.world.obj(obj).kind {
            ObjKind::Var(_) => {
                self.record_selection(e, SelectionKind::FieldVal, xo.ty, obj, index, indirect);
                xo.mode = if xo.mode == Mode::Variable || indirect {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                xo.ty = self.world.obj(obj).ty;
            }
            ObjKind::Func { .. } => {
                self.record_selection(e, SelectionKind::MethodVal, xo.ty, obj, index, indirect);
                // A method value: the signature without its receiver.
                let ty = match self.world.ty(self.world.obj(obj).ty).clone() {
                    Type::Signature(mut sig) => {
                        sig.recv = None;
                        self.world.new_type(Type::Signature(sig))
                    }
                    _ => ids::INVALID,
                };
                self.add_decl_dep(obj);
                if ty == ids::INVALID {
                    return invalid;
                }
                xo.mode = Mode::Value;
                xo.ty = ty;
            }
            _ => return invalid,
        }
        xo.expr = Some(e);
        xo
    }

    /// `x.f undefined (...)` and the other failed-lookup messages.
    fn report_missing_member(&mut self, xo: &Operand, x: ExprId, sel: &Name, found: &Selection) {
        // No second error when the type is already invalid (a pointer to an invalid type
        // comes from opaque generic receivers).
        let base = self.world.deref(xo.ty).0;
        if !self.world.is_valid(self.world.under(xo.ty))
            || !self.world.is_valid(self.world.under(base))
        {
            return;
        }
        let name = sel.as_str();
        let xs = self.expr_string(x);
        if found.index.is_some() {
            self.error(sel.range, format!("ambiguous selector {xs}.{name}"));
            return;
        }
        if found.indirect {
            let ts = self.type_str(xo.ty);
            if xo.mode == Mode::TypeExpr {
                self.error(
                    sel.range,
                    format!("invalid method expression {ts}.{name} (needs pointer receiver (*{ts}).{name})"),
                );
            } else {
                self.error(
                    sel.range,
                    format!("cannot call pointer method {name} on {ts}"),
                );
            }
            return;
        }
        let ptr_to_tparam = matches!(self.world.ty(self.world.under(xo.ty)),
            Type::Pointer(base) if self.world.is_type_param(*base));
        let why = if self.world.is_interface_ptr(xo.ty) || ptr_to_tparam {
            self.interface_ptr_error(xo.ty)
        } else {
            let alt = self.world.lookup_fold(
                xo.ty,
                xo.mode == Mode::Variable,
                Some(self.pkg),
                name,
                true,
            );
            self.lookup_error(xo.ty, name, alt.obj, false)
        };
        self.error(sel.range, format!("{xs}.{name} undefined ({why})"));
    }

    /// go/types' `lookupError`: why `sel` was not found in `typ`, mentioning an object `alt`
    /// of different capitalization if one exists. `struct_lit`: for a struct literal's key.
    pub(crate) fn lookup_error(
        &self,
        typ: TypeId,
        sel: &str,
        alt: Option<ObjId>,
        struct_lit: bool,
    ) -> String {
        #[derive(PartialEq)]
        enum Case {
            Missing,
            Misspelled,
            Unexported,
            Inaccessible,
        }
        fn tail(s: &str) -> &str {
            let mut it = s.char_indices();
            it.next();
            match it.next() {
                Some((i, _)) => &s[i..],
                None => "",
            }
        }
        let ts = self.type_str(typ);
        let mut case = Case::Missing;
        let mut alt_name = String::new();
        if let Some(a) = alt {
            let o = self.world.obj(a);
            alt_name = o.name.to_string();
            if o.pkg == Some(self.pkg) {
                case = Case::Misspelled;
            } else if is_exported(sel) {
                if is_exported(&alt_name) {
                    case = Case::Misspelled;
                } else if tail(sel) == tail(&alt_name) {
                    case = Case::Unexported;
                }
            } else if is_exported(&alt_name) {
                if tail(sel) == tail(&alt_name) {
                    case = Case::Misspelled;
                }
            } else if sel == alt_name {
                case = Case::Inaccessible;
            }
        }
        if struct_lit {
            return match case {
                Case::Missing => format!("unknown field {sel} in struct literal of type {ts}"),
                Case::Misspelled => format!(
                    "unknown field {sel} in struct literal of type {ts}, but does have {alt_name}"
                ),
                Case::Unexported => {
                    format!(
                        "unknown field {sel} in struct literal of type {ts}, but does have unexported {alt_name}"
                    )
                }
                Case::Inaccessible => format!(
                    "cannot refer to unexported field {alt_name} in struct literal of type {ts}"
                ),
            };
        }
        let what = match alt.map(|a| &self.world.obj(a).kind) {
            Some(ObjKind::Var(_)) => "field",
            Some(ObjKind::Func { .. }) => "method",
            _ => "object",
        };
        match case {
            Case::Missing => format!("type {ts} has no field or method {sel}"),
            Case::Misspelled => {
                format!("type {ts} has no field or method {sel}, but does have {what} {alt_name}")
            }
            Case::Unexported => format!(
                "type {ts} has no field or method {sel}, but does have unexported {what} {alt_name}"
            ),
            Case::Inaccessible => format!("cannot refer to unexported {what} {alt_name}"),
        }
    }

    /// `pkg.Name`: a member of an imported package.
    fn qualified_ident(&mut self, e: ExprId, pkg: PackageId, sel: &Name) -> Operand {
        let invalid = Operand::invalid(Some(e));
        let name = sel.as_str();
        let p = self.world.package(pkg);
        let (fake, scope, pkg_name) = (p.fake, p.scope, p.name.clone());
        let Some(exp) = self.world.lookup_local(scope, name) else {
            if !fake && is_valid_name(name) {
                let es = self.expr_string(e);
                let mut alts: Vec<&str> = self
                    .world
                    .scope(scope)
                    .names
                    .keys()
                    .map(|n| &**n)
                    .filter(|n| is_exported(n) && super::lookup::equal_fold(n, name))
                    .collect();
                alts.sort_unstable();
                match alts.first() {
                    Some(alt) => {
                        let alt = alt.to_string();
                        self.error(sel.range, format!("undefined: {es} (but have {alt})"));
                    }
                    None => self.error(sel.range, format!("undefined: {es}")),
                }
            }
            return invalid;
        };
        if !self.world.obj(exp).is_exported() {
            self.error(
                sel.range,
                format!("name {name} not exported by package {pkg_name}"),
            );
        }
        self.record_use(sel.range.start, exp);
        let o = self.world.obj(exp);
        let ty = o.ty;
        let mode = match &o.kind {
            ObjKind::Const(v) => Mode::Constant(v.clone()),
            ObjKind::TypeName => {
                // A generic type of another package stays opaque (its underlying type is
                // never set): no errors about it.
                if let Type::Named(n) = self.world.ty(self.world.unalias(ty))
                    && n.underlying == ids::INVALID
                {
                    return invalid;
                }
                Mode::TypeExpr
            }
            ObjKind::Var(_) => Mode::Variable,
            ObjKind::Func { .. } => {
                // Generic functions of other packages are opaque: their signatures mention
                // type parameters, which have no type.
                if o.pkg != Some(self.pkg)
                    && (self.world.contains_invalid(ty) || self.world.is_generic_func(exp))
                {
                    return invalid;
                }
                Mode::Value
            }
            ObjKind::Builtin(b) => Mode::Builtin(*b),
            _ => return invalid,
        };
        if !matches!(mode, Mode::Builtin(_) | Mode::TypeExpr) && !self.world.is_valid(ty) {
            return invalid;
        }
        Operand {
            mode,
            expr: Some(e),
            ty,
        }
    }
}

/// go/types' `isValidName`: a letter or `_`, then letters, digits and `_`.
fn is_valid_name(s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(i, c)| c.is_alphabetic() || c == '_' || (i > 0 && c.is_numeric()))
}
