//! Type argument inference (go/types' infer.go, unify.go): function arguments are unified
//! with the parameter types (typed arguments first, then untyped constants by their default
//! types), then the core types of the constraints fill in what the arguments left open.

use syntax::ast::ExprId;

use super::Checker;
use crate::operand::Operand;
use crate::types::{Type, TypeId};

use super::unify::{ASSIGN, EXACT, INEXACT, Unifier};

impl Checker<'_> {
    /// Substitutes inferred type arguments into each other (those that mention other type
    /// parameters), until nothing changes: at most one round per type parameter.
    fn substitute_inferred(&mut self, tparams: &[TypeId], targs: &mut [Option<TypeId>]) {
        for _ in 0..tparams.len() {
            let cur: Vec<TypeId> = targs
                .iter()
                .zip(tparams)
                .map(|(t, &p)| t.unwrap_or(p))
                .collect();
            let mut changed = false;
            for slot in targs.iter_mut() {
                if let Some(t) = *slot
                    && self.world.has_type_param(t)
                {
                    let t2 = self.subst(t, tparams, &cur);
                    changed |= t2 != t;
                    *slot = Some(t2);
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Infers the missing type arguments of generic function `sig_ty` called as `fun(args)`
    /// (go/types' `infer`); `explicit` are the type arguments given. `None` after an error
    /// (reported unless `silent` cases: arguments that are themselves generic).
    pub(crate) fn infer_call(
        &mut self,
        call: ExprId,
        fun_str: &str,
        tparams: &[TypeId],
        explicit: &[TypeId],
        params: &[TypeId],
        args: &[Operand],
    ) -> Option<Vec<TypeId>> {
        // Fresh type parameters, so that a recursive call (whose arguments mention the
        // function's own type parameters) infers them like any other type.
        let orig_tparams = tparams;
        let n = orig_tparams.len();
        let mut all = self.rename_type_params(orig_tparams);
        let params: Vec<TypeId> = params
            .iter()
            .map(|&p| self.subst(p, orig_tparams, &all[..n]))
            .collect();
        let params = &params[..];
        // Generic function arguments: their type parameters (renamed, so that `f(g, g)`
        // has two sets) are inferred together with the callee's (go/types' `genericArgs`).
        let mut arg_types: Vec<TypeId> = Vec::with_capacity(args.len());
        let mut arg_explicit: Vec<(usize, TypeId)> = Vec::new();
        for a in args {
            let mut ty = a.ty;
            let mut atp = self
                .world
                .sig_type_params(self.world.unalias(a.ty))
                .to_vec();
            if a.is_invalid() || atp.is_empty() {
                arg_types.push(a.ty);
                continue;
            }
            // A partially instantiated argument (`slices.Equal[S]`): its full type
            // parameter list, with the explicit type arguments given.
            if let Some(e) = a.expr
                && let Some((all_tp, explicit, orig)) = self
                    .partial_targs
                    .get(&(self.env.file as u32, self.unparen(e)))
            {
                let base = all.len();
                arg_explicit.extend(explicit.iter().enumerate().map(|(i, &t)| (base + i, t)));
                ty = *orig;
                atp = all_tp.clone();
            }
            let renamed = self.rename_type_params(&atp);
            let Type::Signature(sig) = self.world.ty(self.world.unalias(ty)).clone() else {
                arg_types.push(a.ty);
                continue;
            };
            let mut ns = (*sig).clone();
            ns.type_params = Vec::new();
            ns.params = self.subst(sig.params, &atp, &renamed);
            ns.results = self.subst(sig.results, &atp, &renamed);
            arg_types.push(self.world.new_type(Type::Signature(Box::new(ns))));
            all.extend(renamed);
        }
        let tparams: &[TypeId] = &all;
        let mut u = Unifier {
            tparams,
            targs: vec![None; tparams.len()],
            interfaces: self.allow_version(21),
        };
        for (i, &t) in explicit.iter().enumerate() {
            if i < u.targs.len() {
                u.targs[i] = Some(t);
            }
        }
        for (i, t) in arg_explicit {
            u.targs[i] = Some(t);
        }
        // 1. Typed arguments.
        let mut untyped = Vec::new();
        for ((a, &p), &at) in args.iter().zip(params).zip(&arg_types) {
            if a.is_invalid() {
                return None;
            }
            if !self.world.has_type_param(p) && at == a.ty {
                continue;
            }
            if self.world.is_typed(a.ty) {
                if !self.unify(&mut u, p, at, ASSIGN, 0) {
                    self.infer_mismatch(&u, p, a, fun_str);
                    return None;
                }
            } else if self.world.is_type_param(p) && a.ty != crate::types::ids::UNTYPED_NIL {
                untyped.push((p, a));
            }
        }
        // 2. The constraints: their core types, else their methods.
        for _ in 0..tparams.len().max(1) {
            let before = u.targs.clone();
            for (i, &tp) in tparams.iter().enumerate() {
                let tx = u.targs[i];
                match (self.core_term(tp), tx) {
                    (Some((core, _, _)), Some(tx)) => {
                        if !self.unify(&mut u, tx, core, INEXACT, 0) {
                            self.unsatisfied(call, fun_str, tp, tx, String::new());
                            return None;
                        }
                    }
                    (Some((core, tilde, single)), None) => {
                        if single && !tilde {
                            u.targs[i] = Some(core);
                        }
                    }
                    _ => {}
                }
                // Whether or not there is a core type, a known type argument must have the
                // constraint's methods, with signatures that unify: that infers what they
                // mention. (Not while it still mentions type parameters being inferred:
                // its methods are not final.)
                let Some(tx) = tx else { continue };
                if self.mentions_any(tx, tparams) {
                    continue;
                }
                let Some(bound) = self.world.type_param_bound(tp) else {
                    continue;
                };
                if self.world.interface_methods(bound).is_empty() {
                    continue;
                }
                let missing = self.missing_method_eq(tx, bound, true, &mut |c, a, b| {
                    c.unify(&mut u, a, b, EXACT, 0)
                });
                if let Some((_, _, cause)) = missing {
                    self.unsatisfied(call, fun_str, tp, tx, format!(" {cause}"));
                    return None;
                }
            }
            if u.targs == before {
                break;
            }
        }
        // 3. Untyped constants: the default type of the "largest" kind.
        let mut max_untyped: Vec<(TypeId, TypeId)> = Vec::new();
        for (p, a) in untyped {
            let Some(i) = u.index(self, p) else { continue };
            if u.targs[i].is_some() {
                continue;
            }
            match max_untyped.iter_mut().find(|(q, _)| *q == p) {
                None => max_untyped.push((p, a.ty)),
                Some((_, m)) => {
                    let mk = self.world.basic_kind(*m);
                    let ak = self.world.basic_kind(a.ty);
                    let numeric =
                        |k: Option<crate::types::BasicKind>| k.is_some_and(|k| k.is_numeric());
                    if numeric(mk) && numeric(ak) {
                        if ak > mk {
                            *m = a.ty;
                        }
                    } else if mk != ak {
                        let (ms, ats, ps) =
                            (self.type_str(*m), self.type_str(a.ty), self.type_str(p));
                        if let Some(e) = a.expr {
                            let msg =
                                format!("mismatched types {ms} and {ats} (cannot infer {ps})");
                            self.infer_error(e, fun_str, msg);
                        }
                        return None;
                    }
                }
            }
        }
        for (p, m) in max_untyped {
            if let Some(i) = u.index(self, p) {
                u.targs[i] = Some(self.world.default_type(m));
            }
        }
        // 4. Substitute inferred type arguments into each other.
        self.substitute_inferred(tparams, &mut u.targs);
        let mut out = Vec::with_capacity(tparams.len());
        for (i, t) in u.targs.iter().enumerate() {
            match t {
                Some(t) if !self.mentions_any(*t, tparams) => out.push(*t),
                _ => {
                    let ps = self.type_str(tparams[i]);
                    let obj = match self.world.ty(tparams[i]) {
                        Type::TypeParam { obj, .. } => Some(*obj),
                        _ => None,
                    };
                    let at = obj.map(|o| self.position_string(o)).unwrap_or_default();
                    let msg = format!("cannot infer {ps} (declared at {at})");
                    self.infer_error(call, fun_str, msg);
                    return None;
                }
            }
        }
        // The generic arguments' type arguments are found again from the instantiated
        // parameter types (`arguments`).
        out.truncate(n);
        Some(out)
    }

    /// Copies of `tparams` (same objects) with their bounds expressed in the copies.
    fn rename_type_params(&mut self, tparams: &[TypeId]) -> Vec<TypeId> {
        let fresh: Vec<TypeId> = tparams
            .iter()
            .map(|&p| {
                let t = self.world.ty(p).clone();
                self.world.new_type(t)
            })
            .collect();
        for &f in &fresh {
            if let Some(b) = self.world.type_param_bound(f) {
                let nb = self.subst(b, tparams, &fresh);
                if let Type::TypeParam { bound, .. } = self.world.ty_mut(f) {
                    *bound = nb;
                }
            }
        }
        fresh
    }

    fn mentions_any(&self, t: TypeId, tparams: &[TypeId]) -> bool {
        if !self.world.has_type_param(t) {
            return false;
        }
        // Conservative: any of the function's own type parameters left makes it unresolved.
        tparams.iter().any(|&p| self.type_mentions(t, p, 0))
    }

    fn type_mentions(&self, t: TypeId, p: TypeId, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        let d = depth + 1;
        let w = &*self.world;
        let t = w.unalias(t);
        if t == p {
            return true;
        }
        match w.ty(t) {
            Type::Pointer(e)
            | Type::Slice(e)
            | Type::Array { elem: e, .. }
            | Type::Chan { elem: e, .. } => self.type_mentions(*e, p, d),
            Type::Map { key, elem } => {
                self.type_mentions(*key, p, d) || self.type_mentions(*elem, p, d)
            }
            Type::Tuple(vars) => vars.iter().any(|&v| self.type_mentions(w.obj(v).ty, p, d)),
            Type::Signature(s) => {
                self.type_mentions(s.params, p, d) || self.type_mentions(s.results, p, d)
            }
            Type::Struct(s) => s
                .fields
                .iter()
                .any(|&f| self.type_mentions(w.obj(f).ty, p, d)),
            Type::Named(n) => n.type_args.iter().any(|&a| self.type_mentions(a, p, d)),
            _ => false,
        }
    }

    /// The core term of a type parameter's constraint: (type, tilde, single term).
    fn core_term(&self, tp: TypeId) -> Option<(TypeId, bool, bool)> {
        let set = self.world.type_set(tp);
        if set.all || set.terms.is_empty() {
            return None;
        }
        if set.terms.len() == 1 {
            let t = set.terms[0];
            return Some((t.ty, t.tilde, true));
        }
        let core = self.world.core_type(tp)?;
        Some((core, true, false))
    }

    /// `P (type X) does not satisfy C`: what inference found for `tp` contradicts its
    /// constraint.
    fn unsatisfied(&mut self, at: ExprId, fun_str: &str, tp: TypeId, tx: TypeId, cause: String) {
        let bound = self.world.type_param_bound(tp).unwrap_or(tp);
        let (ps, xs, cs) = (self.type_str(tp), self.type_str(tx), self.type_str(bound));
        self.infer_error(
            at,
            fun_str,
            format!("{ps} (type {xs}) does not satisfy {cs}{cause}"),
        );
    }

    /// Reports an inference error; in a call (`fun_str` not empty) prefixed with `in call to
    /// f, ` as go/types does.
    fn infer_error(&mut self, at: ExprId, fun_str: &str, msg: String) {
        if fun_str.is_empty() {
            self.error_at(at, msg);
        } else {
            self.error_at(at, format!("in call to {fun_str}, {msg}"));
        }
    }

    fn infer_mismatch(&mut self, u: &Unifier<'_>, p: TypeId, a: &Operand, fun_str: &str) {
        let Some(e) = a.expr else { return };
        let es = self.expr_string(e);
        let msg = self.mismatch_message(u, p, a.ty, &es, false);
        self.infer_error(e, fun_str, msg);
    }

    /// go/types' inference `errorf`: parameter type `p` did not unify with argument type
    /// `t` of `desc`; the message shows what the parameter type became with the type
    /// arguments inferred so far. `reverse`: the "argument" is an assignment's target.
    pub(super) fn mismatch_message(
        &mut self,
        u: &Unifier<'_>,
        p: TypeId,
        t: TypeId,
        desc: &str,
        reverse: bool,
    ) -> String {
        let (ts, ps) = (self.type_str(t), self.type_str(p));
        if u.targs.first().is_some_and(Option::is_none) && u.targs.iter().all(Option::is_none) {
            let names: Vec<String> = u.tparams.iter().map(|&t| self.type_str(t)).collect();
            return format!(
                "type {ts} of {desc} does not match {ps} (cannot infer {})",
                names.join(", ")
            );
        }
        let cur: Vec<TypeId> = u
            .targs
            .iter()
            .zip(u.tparams)
            .map(|(t, &p)| t.unwrap_or(p))
            .collect();
        let tparams = u.tparams.to_vec();
        let inferred = self.subst(p, &tparams, &cur);
        if inferred == p || self.world.identical(inferred, p) {
            return format!("type {ts} of {desc} does not match {ps}");
        }
        let is = self.type_str(inferred);
        if reverse {
            format!("inferred type {is} for {ps} does not match type {ts} of {desc}")
        } else {
            format!("type {ts} of {desc} does not match inferred type {is} for {ps}")
        }
    }

    /// Instantiates generic function signature `sig` for the call `e` from its arguments:
    /// the instantiated signature, or `None` after an error.
    pub(crate) fn infer_generic_call(
        &mut self,
        e: ExprId,
        fun: ExprId,
        fun_str: &str,
        sig: &crate::types::Signature,
        args: &[Operand],
        ddd: bool,
    ) -> Option<crate::types::Signature> {
        let mut params: Vec<TypeId> = self
            .world
            .tuple_vars(sig.params)
            .iter()
            .map(|&v| self.world.obj(v).ty)
            .collect();
        if sig.variadic && !ddd && !params.is_empty() && args.len() + 1 >= params.len() {
            let last = params.pop().unwrap_or(crate::types::ids::INVALID);
            let elem = match self.world.ty(self.world.unalias(last)) {
                Type::Slice(elem) => *elem,
                _ => crate::types::ids::INVALID,
            };
            while params.len() < args.len() {
                params.push(elem);
            }
        }
        let tparams = sig.type_params.clone();
        let key = (self.env.file as u32, self.unparen(fun));
        let (all_tparams, explicit) = self
            .partial_targs
            .get(&key)
            .map(|(all, explicit, _)| (all.clone(), explicit.clone()))
            .unwrap_or_default();
        if all_tparams.is_empty() && !self.allow_version(18) {
            // At the call's `(` (explicit instantiations were reported at their `[`).
            let (from, to) = (self.expr_range(fun).end, self.expr_range(e).end);
            let at = self.find_token(from, to, "(").unwrap_or(from);
            self.verify_version(
                syntax::TextRange::new(at, at + 1),
                18,
                "implicit function instantiation",
            );
        }
        let (vt, va, targs) = if all_tparams.is_empty() {
            let targs = self.infer_call(fun, fun_str, &tparams, &[], &params, args)?;
            (tparams.clone(), targs.clone(), targs)
        } else {
            let all = self.infer_call(fun, fun_str, &all_tparams, &explicit, &params, args)?;
            let rest = all[explicit.len().min(all.len())..].to_vec();
            (all_tparams, all, rest)
        };
        let range = self.expr_range(fun);
        self.record_instance(&vt, &va, range);
        self.later(move |c| {
            if let Some((_, msg)) = c.verify_type_args(&vt, &va) {
                let range = c.expr_range(e);
                c.soft_error(range, msg);
            }
        });
        let sig_ty = self.world.new_type(Type::Signature(Box::new(sig.clone())));
        let inst = self.instantiate_signature(sig_ty, &targs);
        match self.world.ty(inst) {
            Type::Signature(s) => Some((**s).clone()),
            _ => None,
        }
    }

    /// A generic function argument `a` passed for a parameter of type `param` of `fun_str`:
    /// its instantiated type, or `None` after reporting why its type arguments cannot be
    /// inferred (as go/types' `infer` words it for the call).
    pub(crate) fn infer_arg_from_param(
        &mut self,
        a: &Operand,
        param: TypeId,
        fun_str: &str,
    ) -> Option<TypeId> {
        let e = a.expr?;
        let desc = self.expr_string(e);
        // A partially instantiated argument: inferred as the generic function with the
        // explicit type arguments fixed (the constraints may tell the rest).
        let (fty, explicit) = match self
            .partial_targs
            .get(&(self.env.file as u32, self.unparen(e)))
        {
            Some((_, explicit, orig)) => (*orig, explicit.clone()),
            None => (a.ty, Vec::new()),
        };
        self.infer_from_target_explicit(fty, &explicit, param, Some((&desc, e, Some(fun_str))))
    }

    /// A generic function value assigned to (passed as) type `target`: its instantiated
    /// type if `target` is a function type that determines all type arguments.
    pub(crate) fn infer_from_target(&mut self, fty: TypeId, target: TypeId) -> Option<TypeId> {
        self.infer_from_target_reporting(fty, target, None)
    }

    /// [`Self::infer_from_target`], reporting why inference failed at `report`'s expression
    /// (the target described by its string) when given.
    pub(crate) fn infer_from_target_reporting(
        &mut self,
        fty: TypeId,
        target: TypeId,
        report: Option<(&str, ExprId, Option<&str>)>,
    ) -> Option<TypeId> {
        self.infer_from_target_explicit(fty, &[], target, report)
    }

    /// [`Self::infer_from_target_reporting`] with the first type arguments given.
    fn infer_from_target_explicit(
        &mut self,
        fty: TypeId,
        explicit: &[TypeId],
        target: TypeId,
        report: Option<(&str, ExprId, Option<&str>)>,
    ) -> Option<TypeId> {
        let fty = self.world.unalias(fty);
        let Type::Signature(fs) = self.world.ty(fty).clone() else {
            return None;
        };
        let tu = self.world.under(target);
        let Type::Signature(ts) = self.world.ty(tu).clone() else {
            return None;
        };
        let tparams = fs.type_params.clone();
        let mut u = Unifier {
            tparams: &tparams,
            targs: vec![None; tparams.len()],
            interfaces: self.allow_version(21),
        };
        for (slot, &t) in u.targs.iter_mut().zip(explicit) {
            *slot = Some(t);
        }
        // The function's type without its type parameters (go/types' synthetic parameter)
        // is unified with the target's as a whole: assignability at the top level only.
        let mut gsig = (*fs).clone();
        gsig.type_params = Vec::new();
        let gsig = self.world.new_type(Type::Signature(Box::new(gsig)));
        if fs.variadic != ts.variadic || !self.unify(&mut u, gsig, tu, ASSIGN, 0) {
            match report {
                // An argument: the parameter type did not match the argument's.
                Some((desc, at, Some(fun_str))) => {
                    let msg = self.mismatch_message(&u, target, gsig, desc, false);
                    self.infer_error(at, fun_str, msg);
                }
                Some((desc, at, None)) => {
                    let msg = self.mismatch_message(&u, gsig, tu, desc, true);
                    self.error_at(at, msg);
                }
                None => {}
            }
            return None;
        }
        // The constraints' core types tell more (`slices.SortFunc(x, slices.Compare)`:
        // `S ~[]E` gives E once S is known).
        for _ in 0..tparams.len().max(1) {
            let before = u.targs.clone();
            for (i, &tp) in tparams.iter().enumerate() {
                match (self.core_term(tp), u.targs[i]) {
                    (Some((core, _, _)), Some(tx)) => {
                        if !self.unify(&mut u, tx, core, INEXACT, 0) {
                            return None;
                        }
                    }
                    (Some((core, tilde, single)), None) => {
                        if single && !tilde {
                            u.targs[i] = Some(core);
                        }
                    }
                    _ => {}
                }
            }
            if u.targs == before {
                break;
            }
        }
        // Type arguments mentioning other type parameters get those substituted.
        self.substitute_inferred(&tparams, &mut u.targs);
        let targs: Option<Vec<TypeId>> = u
            .targs
            .iter()
            .map(|t| t.filter(|&t| !self.mentions_any(t, &tparams)))
            .collect();
        let Some(targs) = targs else {
            if let Some((_, at, fun_str)) = report {
                let i = u.targs.iter().position(Option::is_none).unwrap_or(0);
                let tp = tparams[i];
                let ps = self.type_str(tp);
                let obj = match self.world.ty(tp) {
                    Type::TypeParam { obj, .. } => Some(*obj),
                    _ => None,
                };
                let pos = obj.map(|o| self.position_string(o)).unwrap_or_default();
                let msg = format!("cannot infer {ps} (declared at {pos})");
                match fun_str {
                    Some(fun_str) => self.infer_error(at, fun_str, msg),
                    None => self.error_at(at, msg),
                }
            }
            return None;
        };
        if let Some((_, msg)) = self.verify_type_args(&tparams, &targs) {
            match report {
                Some((_, at, _)) => self.soft_error(self.expr_range(at), msg),
                None => return None,
            }
        }
        Some(self.instantiate_signature(fty, &targs))
    }
}
