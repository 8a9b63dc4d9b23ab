//! Type parameters (go/types' typeparam.go, instantiate.go, subst.go and named.go's
//! expansion): declaring type parameter lists and their constraints, instantiating generic
//! types (the underlying type of an instance is substituted once its origin is declared, its
//! methods when first looked up), substitution, and constraint satisfaction.

use syntax::ast::{self, Expr, ExprId, Field, InterfaceElem};

use super::Checker;
use crate::objects::{ObjId, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{Interface, Named, Signature, Struct, Term, Type, TypeId, ids};

/// Deeper substitutions give up (instantiation cycles such as `type T[P any] struct{ f
/// *T[[]P] }` would never end); the instance stays unexpanded, hence invalid and silent.
const MAX_SUBST_DEPTH: u32 = 40;

/// How many instances of generic types one package check may create: enough for any real
/// package, a stop for types that double at every level.
pub(crate) const INSTANCE_BUDGET: u32 = 200_000;

/// The most terms a union may have (go/types' `maxTermCount`, against quadratic term list
/// operations).
const MAX_TERM_COUNT: usize = 100;

impl Checker<'_> {
    /// Declares the type parameters of `fields` in the current scope and evaluates their
    /// constraints (go/types' `collectTypeParams`); returns the type parameter types.
    pub(crate) fn declare_type_params(
        &mut self,
        fields: &[Field],
        named: Option<TypeId>,
    ) -> Vec<TypeId> {
        let mut tparams = Vec::new();
        for field in fields {
            for name in &field.names {
                let tp = self.new_type_param(name, tparams.len());
                tparams.push(tp);
            }
        }
        // A generic type is generic from here on: its constraints may instantiate it
        // (`type T[P interface{ m(T[P]) }] ...`).
        if let Some(named) = named
            && let Type::Named(n) = self.world.ty_mut(named)
        {
            n.type_params = tparams.clone();
        }
        let mut i = 0;
        for field in fields {
            let mut bound = self.bound_type(field.ty);
            if self.world.is_type_param(bound) {
                self.error_at(field.ty, "cannot use a type parameter as constraint");
                bound = ids::INVALID;
            }
            for _ in &field.names {
                if let Some(&tp) = tparams.get(i)
                    && let Type::TypeParam { bound: b, .. } = self.world.ty_mut(tp)
                {
                    *b = bound;
                }
                i += 1;
            }
        }
        tparams
    }

    /// Declares type parameter `name`, the `index`th of its list, its bound still unknown.
    pub(crate) fn new_type_param(&mut self, name: &ast::Name, index: usize) -> TypeId {
        let obj = self.new_object(name, ObjKind::TypeName);
        let tp = self.world.new_type(Type::TypeParam {
            obj,
            index: index as u32,
            bound: ids::INVALID,
        });
        self.world.obj_mut(obj).ty = tp;
        self.declare(self.env.scope, Some(name), obj);
        tp
    }

    /// A type parameter's constraint: `~T` and unions are wrapped in an implicit interface;
    /// a non-interface type `T` is the constraint `interface{ T }`.
    fn bound_type(&mut self, e: ExprId) -> TypeId {
        let wrap = matches!(
            self.ast().expr(e),
            Expr::Unary {
                op: ast::UnaryOp::Tilde,
                ..
            } | Expr::Binary {
                op: ast::BinaryOp::Or,
                ..
            }
        );
        if wrap {
            let t = self.interface_type(&[InterfaceElem::Type(e)], None);
            if let Type::Interface(i) = self.world.ty_mut(t) {
                i.implicit = true;
            }
            let x = Operand {
                mode: Mode::TypeExpr,
                expr: Some(e),
                ty: t,
            };
            self.record_type(e, &x);
            return t;
        }
        let t = self.typ(e);
        let u = self.world.under(t);
        if self.world.is_valid(u)
            && !matches!(self.world.ty(u), Type::Interface(_))
            && !self.world.is_type_param(t)
        {
            // `[P int]`: the implicit constraint `interface{ int }`.
            return self.world.new_type(Type::Interface(Box::new(Interface {
                embeddeds: vec![t],
                has_terms: true,
                implicit: true,
                all_methods: Some(Vec::new()),
                ..Default::default()
            })));
        }
        t
    }

    // ---- instantiation ----

    /// The instance `origin[targs]` of a generic defined type (shared with earlier identical
    /// instantiations); its underlying type is substituted now if the origin is declared.
    pub(crate) fn instantiate_named(&mut self, origin: TypeId, targs: Vec<TypeId>) -> TypeId {
        let origin = self.world.unalias(origin);
        let key = (origin, targs.clone());
        if let Some(&inst) = self.world.instances.get(&key) {
            return inst;
        }
        let Type::Named(n) = self.world.ty(origin) else {
            return ids::INVALID;
        };
        // Eager expansion of a type that doubles at every level (`type P1[T any] struct{ a,
        // b P0[P0[T]] }` ...) would never end: past the budget, instances are invalid.
        if self.instance_budget == 0 {
            return ids::INVALID;
        }
        self.instance_budget -= 1;
        let mut named = Named::new(n.obj, ids::INVALID);
        named.type_params = n.type_params.clone();
        named.origin = Some(origin);
        named.type_args = targs;
        let inst = self.world.new_type(Type::Named(Box::new(named)));
        self.world.instances.insert(key, inst);
        self.expand_instance(inst, 0);
        inst
    }

    /// Substitutes the origin's underlying type and creates the (lazy) methods of instance
    /// `inst`, unless the origin is still being declared (then it waits in `unexpanded`).
    fn expand_instance(&mut self, inst: TypeId, depth: u32) {
        let Type::Named(n) = self.world.ty(inst) else {
            return;
        };
        let Some(origin) = n.origin else {
            return;
        };
        let targs = n.type_args.clone();
        let Type::Named(o) = self.world.ty(origin) else {
            return;
        };
        let (ou, tparams, omethods) = (o.underlying, o.type_params.clone(), o.methods.clone());
        if ou == ids::INVALID || self.pending_named.contains(&origin) {
            self.world.unexpanded.push(inst);
            return;
        }
        if tparams.len() != targs.len() || depth > MAX_SUBST_DEPTH {
            return;
        }
        let u = self.subst_in(ou, &tparams, &targs, depth + 1);
        let mut methods = Vec::with_capacity(omethods.len());
        for m in omethods {
            let mut o = self.world.obj(m).clone();
            o.ty = ids::INVALID;
            let im = self.world.new_obj(o);
            self.world.lazy_methods.insert(im, (m, inst));
            self.new_lazy_methods.push(im);
            methods.push(im);
        }
        // An instance of a type still being declared (`type Bar[Q any] Foo[Q]` inside Foo's
        // declaration) has no underlying type yet: keep the chain, which `World::under`
        // follows once it is expanded.
        let u = match self.world.under(u) {
            ids::INVALID if self.world.unexpanded.contains(&self.world.unalias(u)) => {
                self.world.unalias(u)
            }
            under => under,
        };
        if let Type::Named(n) = self.world.ty_mut(inst) {
            n.underlying = u;
            n.methods = methods;
        }
    }

    /// Expands the instances that waited for their origin's declaration.
    pub(crate) fn expand_pending(&mut self) {
        if self.world.unexpanded.is_empty() {
            return;
        }
        let list = std::mem::take(&mut self.world.unexpanded);
        for inst in list {
            // Instances of another package's types (declared with errors) stay invalid.
            let origin_pkg = match self.world.ty(inst) {
                Type::Named(n) => self.world.obj(n.obj).pkg,
                _ => None,
            };
            if origin_pkg == Some(self.pkg) {
                self.expand_instance(inst, 0);
            }
        }
    }

    /// Computes the signature of a method of an instance from its origin method (go/types'
    /// lazy method expansion); false if `m` is not such a method.
    pub(crate) fn complete_lazy_method(&mut self, m: ObjId) -> bool {
        let Some((origin_m, inst)) = self.world.lazy_methods.remove(&m) else {
            return false;
        };
        self.obj_decl(origin_m);
        let sig_ty = self.world.obj(origin_m).ty;
        let Type::Signature(sig) = self.world.ty(sig_ty).clone() else {
            return true;
        };
        let targs = match self.world.ty(inst) {
            Type::Named(n) => n.type_args.clone(),
            _ => Vec::new(),
        };
        let from = sig.recv_type_params.clone();
        if from.len() != targs.len() {
            // A receiver in error (`func (T) m()` of a generic T): the method keeps its
            // signature, so that the instance still has it (no follow-on errors).
            self.world.obj_mut(m).ty = sig_ty;
            return true;
        }
        let new_sig = self.subst(sig_ty, &from, &targs);
        // The receiver: the instance (or a pointer to it).
        let recv = sig.recv.map(|r| {
            let rt = self.world.obj(r).ty;
            let nt = self.subst(rt, &from, &targs);
            let mut o = self.world.obj(r).clone();
            o.ty = nt;
            self.world.new_obj(o)
        });
        let mut s = match self.world.ty(new_sig) {
            Type::Signature(s) => (**s).clone(),
            _ => *sig.clone(),
        };
        s.recv = recv;
        s.recv_type_params = Vec::new();
        let t = self.world.new_type(Type::Signature(Box::new(s)));
        self.world.obj_mut(m).ty = t;
        true
    }

    /// Completes every lazy method left (so that the recorded facts are complete).
    pub(crate) fn complete_all_lazy_methods(&mut self) {
        // Only those known now: completing one may instantiate further types (`List[P]`'s
        // method returning `List[List[P]]`), whose methods stay lazy.
        let list = std::mem::take(&mut self.new_lazy_methods);
        for m in list {
            self.complete_lazy_method(m);
        }
        self.new_lazy_methods.clear();
    }

    // ---- substitution ----

    /// `t` with the type parameters `from` replaced by `to` (go/types' `subst`).
    pub(crate) fn subst(&mut self, t: TypeId, from: &[TypeId], to: &[TypeId]) -> TypeId {
        self.subst_in(t, from, to, 0)
    }

    fn subst_in(&mut self, t: TypeId, from: &[TypeId], to: &[TypeId], depth: u32) -> TypeId {
        if from.is_empty() || depth > MAX_SUBST_DEPTH || !self.world.has_type_param(t) {
            return t;
        }
        let d = depth + 1;
        let ty = self.world.ty(t).clone();
        match ty {
            Type::TypeParam { .. } => match from.iter().position(|&p| p == t) {
                Some(i) => to.get(i).copied().unwrap_or(t),
                None => t,
            },
            Type::Basic { .. } => t,
            Type::Pointer(e) => {
                let e2 = self.subst_in(e, from, to, d);
                if e2 == e { t } else { self.world.pointer(e2) }
            }
            Type::Slice(e) => {
                let e2 = self.subst_in(e, from, to, d);
                if e2 == e { t } else { self.world.slice(e2) }
            }
            Type::Array { len, elem } => {
                let e2 = self.subst_in(elem, from, to, d);
                if e2 == elem {
                    t
                } else {
                    self.world.array(len, e2)
                }
            }
            Type::Map { key, elem } => {
                let k2 = self.subst_in(key, from, to, d);
                let e2 = self.subst_in(elem, from, to, d);
                if k2 == key && e2 == elem {
                    t
                } else {
                    self.world.map(k2, e2)
                }
            }
            Type::Chan { dir, elem } => {
                let e2 = self.subst_in(elem, from, to, d);
                if e2 == elem {
                    t
                } else {
                    self.world.chan(dir, e2)
                }
            }
            Type::Tuple(vars) => match self.subst_vars(&vars, from, to, d) {
                Some(vars) => self.world.tuple(vars),
                None => t,
            },
            Type::Signature(sig) => {
                let params = self.subst_in(sig.params, from, to, d);
                let results = self.subst_in(sig.results, from, to, d);
                if params == sig.params && results == sig.results {
                    return t;
                }
                let mut s = Signature::new(sig.recv, params, results, sig.variadic);
                s.type_params = sig.type_params.clone();
                s.recv_type_params = sig.recv_type_params.clone();
                self.world.new_type(Type::Signature(Box::new(s)))
            }
            Type::Struct(s) => match self.subst_vars(&s.fields, from, to, d) {
                Some(fields) => self.world.new_type(Type::Struct(Box::new(Struct {
                    fields,
                    tags: s.tags.clone(),
                }))),
                None => t,
            },
            Type::Interface(i) => {
                let methods = self.subst_vars(&i.methods, from, to, d);
                let embeddeds = self.subst_types(&i.embeddeds, from, to, d);
                if methods.is_none() && embeddeds.is_none() {
                    return t;
                }
                let methods = methods.unwrap_or_else(|| i.methods.clone());
                let embeddeds = embeddeds.unwrap_or_else(|| i.embeddeds.clone());
                self.world.new_type(Type::Interface(Box::new(Interface {
                    methods,
                    embeddeds,
                    all_methods: None,
                    comparable: i.comparable,
                    has_terms: i.has_terms,
                    implicit: i.implicit,
                })))
            }
            Type::Union(terms) => {
                let tys: Vec<TypeId> = terms.iter().map(|term| term.ty).collect();
                let Some(tys) = self.subst_types(&tys, from, to, d) else {
                    return t;
                };
                let out = terms
                    .iter()
                    .zip(tys)
                    .map(|(term, ty)| Term {
                        tilde: term.tilde,
                        ty,
                    })
                    .collect();
                self.world.new_type(Type::Union(out))
            }
            Type::Named(n) => {
                let Some(origin) = n.origin else {
                    return t;
                };
                // An instance with the wrong number of type arguments (reported where it
                // was written) substitutes to an invalid type, as in go/types.
                if n.type_args.len() != n.type_params.len() {
                    return ids::INVALID;
                }
                let Some(targs) = self.subst_types(&n.type_args, from, to, d) else {
                    return t;
                };
                let key = (origin, targs.clone());
                if let Some(&inst) = self.world.instances.get(&key) {
                    return inst;
                }
                let Type::Named(o) = self.world.ty(origin) else {
                    return t;
                };
                let mut named = Named::new(o.obj, ids::INVALID);
                named.type_params = o.type_params.clone();
                named.origin = Some(origin);
                named.type_args = targs;
                let inst = self.world.new_type(Type::Named(Box::new(named)));
                self.world.instances.insert(key, inst);
                self.expand_instance(inst, d);
                inst
            }
            Type::Alias(a) => self.subst_in(a.actual, from, to, d),
        }
    }

    /// `types` substituted, or `None` if none changed.
    fn subst_types(
        &mut self,
        types: &[TypeId],
        from: &[TypeId],
        to: &[TypeId],
        depth: u32,
    ) -> Option<Vec<TypeId>> {
        let out: Vec<TypeId> = types
            .iter()
            .map(|&t| self.subst_in(t, from, to, depth))
            .collect();
        (out[..] != types[..]).then_some(out)
    }

    /// Copies of `vars` with substituted types, or `None` if none changed.
    fn subst_vars(
        &mut self,
        vars: &[ObjId],
        from: &[TypeId],
        to: &[TypeId],
        depth: u32,
    ) -> Option<Vec<ObjId>> {
        let types: Vec<TypeId> = vars.iter().map(|&v| self.world.obj(v).ty).collect();
        let new_types = self.subst_types(&types, from, to, depth)?;
        Some(
            vars.iter()
                .zip(new_types)
                .map(|(&v, ty)| {
                    let mut o = self.world.obj(v).clone();
                    if o.ty == ty {
                        return v;
                    }
                    o.ty = ty;
                    self.world.new_obj(o)
                })
                .collect(),
        )
    }

    /// The signature of generic function type `sig` instantiated with `targs` (no type
    /// parameters left).
    pub(crate) fn instantiate_signature(&mut self, sig: TypeId, targs: &[TypeId]) -> TypeId {
        let Type::Signature(s) = self.world.ty(sig).clone() else {
            return sig;
        };
        let tparams = s.type_params.clone();
        let params = self.subst(s.params, &tparams, targs);
        let results = self.subst(s.results, &tparams, targs);
        let ns = Signature::new(s.recv, params, results, s.variadic);
        self.world.new_type(Type::Signature(Box::new(ns)))
    }

    // ---- constraint satisfaction ----

    /// Checks that each type argument satisfies its type parameter's constraint (go/types'
    /// `verify`): the index and message of the first that does not.
    pub(crate) fn verify_type_args(
        &mut self,
        tparams: &[TypeId],
        targs: &[TypeId],
    ) -> Option<(usize, String)> {
        for (i, (&tp, &ta)) in tparams.iter().zip(targs).enumerate() {
            let Some(bound) = self.world.type_param_bound(tp) else {
                continue;
            };
            let bound = self.subst(bound, tparams, targs);
            if let Err(msg) = self.satisfies(ta, bound) {
                return Some((i, msg));
            }
        }
        None
    }

    /// go/types' `implements(V, T, constraint=true)` with the type set checks.
    pub(crate) fn satisfies(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        if !self.world.is_valid(v) || !self.world.is_valid(self.world.under(t)) {
            return Ok(());
        }
        // A pointer to a type in error (go.dev/issue/49541): no follow-on errors.
        if let Some(base) = self.world.pointer_elem(v)
            && !self.world.is_valid(self.world.under(base))
        {
            return Ok(());
        }
        if self.world.has_type_param(v) && !self.world.is_type_param(v) {
            // Composite types mentioning type parameters: only methods and comparability
            // (through the ordinary rules) are checked; type sets of such types are not.
            if !matches!(self.world.ty(self.world.under(t)), Type::Interface(_)) {
                return Ok(());
            }
        }
        let tset = self.world.type_set(t);
        let vset = self.world.is_type_param(v).then(|| self.world.type_set(v));
        if vset.as_ref().is_some_and(|s| s.is_empty()) {
            return Ok(());
        }
        let (vs, ts) = (self.type_str(v), self.type_str(t));
        if tset.is_empty() {
            return Err(format!("cannot satisfy {ts} (empty type set)"));
        }
        // Methods.
        let v_for_methods = self
            .world
            .type_param_bound(v)
            .filter(|_| vset.is_some())
            .unwrap_or(v);
        if !self.world.interface_methods(t).is_empty()
            && let Err(cause) = self.has_all_methods(v_for_methods, t, true)
        {
            return Err(format!("{vs} does not satisfy {ts} {cause}"));
        }
        let check_comparable = |c: &mut Checker<'_>| -> Result<(), String> {
            if !tset.comparable {
                return Ok(());
            }
            if c.world.is_type_param(v) {
                if c.world.type_param_comparable(v) {
                    return Ok(());
                }
                return Err(format!("{vs} does not satisfy comparable"));
            }
            if c.world.strictly_comparable(v) {
                return Ok(());
            }
            // Spec comparability (interfaces) satisfies comparable since go1.20.
            if c.world.comparable(v) {
                if c.allow_version(20) {
                    return Ok(());
                }
                return Err(format!(
                    "{vs} to satisfy comparable requires go1.20 or later"
                ));
            }
            Err(format!("{vs} does not satisfy comparable"))
        };
        if tset.all {
            return check_comparable(self);
        }
        if let Some(vset) = vset {
            let subset = !vset.all
                && vset
                    .terms
                    .iter()
                    .all(|term| tset.terms.iter().any(|&x| self.term_covers(x, *term)));
            if !subset {
                return Err(format!("{vs} does not satisfy {ts}"));
            }
            return check_comparable(self);
        }
        if !self.world.type_set_includes(&tset, v) {
            let alt = tset.terms.iter().find(|x| {
                !x.tilde
                    && self.world.identical(x.ty, self.world.under(x.ty))
                    && self.world.identical(x.ty, self.world.under(v))
            });
            let detail = match alt {
                Some(x) => format!("possibly missing ~ for {} in {ts}", self.type_str(x.ty)),
                None if self.mentions(self.world.under(t), v) => {
                    format!("{ts} mentions {vs}, but {vs} is not in the type set of {ts}")
                }
                None => {
                    let terms: Vec<String> = tset
                        .terms
                        .iter()
                        .map(|x| {
                            // A term list's `String`: qualified by path.
                            let ts = self.world.type_string_by_path(x.ty);
                            format!("{}{ts}", if x.tilde { "~" } else { "" })
                        })
                        .collect();
                    format!("{vs} missing in {}", terms.join(" | "))
                }
            };
            return Err(format!("{vs} does not satisfy {ts} ({detail})"));
        }
        check_comparable(self)
    }

    /// go/types' `mentions`: whether `t` names `v` in an embedded element or union term (at
    /// any depth of interface literals), whether or not `v` is in `t`'s type set.
    fn mentions(&self, t: TypeId, v: TypeId) -> bool {
        let w = &*self.world;
        match w.ty(w.unalias(t)) {
            Type::Interface(i) => i.embeddeds.iter().any(|&e| self.mentions(e, v)),
            Type::Union(terms) => terms.iter().any(|term| self.mentions(term.ty, v)),
            _ => w.identical(t, v),
        }
    }

    /// Whether term `x` includes all types of term `y`.
    fn term_covers(&self, x: Term, y: Term) -> bool {
        match (x.tilde, y.tilde) {
            (true, true) => self.world.identical(x.ty, y.ty),
            (true, false) => self.world.identical(x.ty, self.world.under(y.ty)),
            (false, true) => false,
            (false, false) => self.world.identical(x.ty, y.ty),
        }
    }

    // ---- instantiation in type expressions ----

    /// `G[A, B]` in a type expression (go/types' `instantiatedType`).
    /// (Instances are expanded eagerly; see `INSTANCE_BUDGET`.)
    pub(crate) fn instantiated_type(&mut self, e: ExprId, x: ExprId, indices: &[ExprId]) -> TypeId {
        let range = self.lbrack(e);
        self.verify_version(range, 18, "type instantiation");
        let gx = self.generic_type_expr(x);
        if !self.world.is_valid(gx) {
            self.use_type_args(indices);
            return ids::INVALID;
        }
        if let Type::Alias(a) = self.world.ty(gx)
            && !a.type_params.is_empty()
        {
            return self.instantiate_alias(e, gx, indices);
        }
        if !self.world.is_generic_type(gx) {
            let (xs, ts) = (self.expr_string(e), self.type_str(gx));
            let _ = xs;
            let es = self.expr_string(x);
            let list: Vec<String> = indices.iter().map(|&i| self.expr_string(i)).collect();
            self.error_at(
                x,
                format!(
                    "invalid operation: {es}[{}] ({ts} is not a generic type)",
                    list.join(", ")
                ),
            );
            self.use_type_args(indices);
            return ids::INVALID;
        }
        let mut targs = Vec::with_capacity(indices.len());
        let mut ok = true;
        for &i in indices {
            let t = self.var_type(i);
            ok &= self.world.is_valid(t);
            targs.push(t);
        }
        if !ok {
            return ids::INVALID;
        }
        let tparams = match self.world.ty(self.world.unalias(gx)) {
            Type::Named(n) => n.type_params.clone(),
            _ => Vec::new(),
        };
        let name = self.world.obj(match self.world.ty(self.world.unalias(gx)) {
            Type::Named(n) => n.obj,
            _ => return ids::INVALID,
        });
        let name = name.name.to_string();
        let (got, want) = (targs.len(), tparams.len());
        if got != want {
            let qual = if got < want { "not enough" } else { "too many" };
            let range = self.expr_range(e);
            self.error(
                range,
                format!("{qual} type arguments for type {name}: have {got}, want {want}"),
            );
            // go/types still creates the instance (its underlying type stays invalid), so
            // that it is a distinct type in assignments.
            return self.instantiate_named(gx, targs);
        }
        let inst = self.instantiate_named(gx, targs.clone());
        if self.instance_budget == 0 && !self.instance_budget_reported {
            self.instance_budget_reported = true;
            let s = self.expr_string(e);
            self.error_at(
                e,
                format!(
                    "cannot instantiate {s}: more than {INSTANCE_BUDGET} instances of generic types needed (the checker's limit)"
                ),
            );
        }
        let range = self.expr_range(e);
        self.record_instance(&tparams, &targs, range);
        let at = (self.env.file, self.expr_range(x));
        self.instance_pos.entry(inst).or_insert(at);
        self.verify_later(e, indices, tparams, targs);
        inst
    }

    /// `A[int]` of a generic alias: an alias instance whose type is the right-hand side
    /// with the type arguments substituted.
    fn instantiate_alias(&mut self, e: ExprId, alias: TypeId, indices: &[ExprId]) -> TypeId {
        let Type::Alias(a) = self.world.ty(alias).clone() else {
            return ids::INVALID;
        };
        let mut targs = Vec::with_capacity(indices.len());
        for &i in indices {
            let t = self.var_type(i);
            if !self.world.is_valid(t) {
                return ids::INVALID;
            }
            targs.push(t);
        }
        let (got, want) = (targs.len(), a.type_params.len());
        if got != want {
            let qual = if got < want { "not enough" } else { "too many" };
            let name = self.world.obj(a.obj).name.to_string();
            let range = self.expr_range(e);
            self.error(
                range,
                format!("{qual} type arguments for type {name}: have {got}, want {want}"),
            );
            return ids::INVALID;
        }
        let actual = self.subst(a.actual, &a.type_params, &targs);
        let inst = self
            .world
            .new_type(Type::Alias(Box::new(crate::types::Alias {
                obj: a.obj,
                actual,
                type_params: Vec::new(),
                type_args: targs.clone(),
            })));
        let tparams = a.type_params.clone();
        self.verify_later(e, indices, tparams, targs);
        inst
    }

    /// Checks, once types are complete, that `targs` satisfy `tparams`' constraints, reporting
    /// at the offending type argument of `G[A, B]` expression `e`.
    fn verify_later(
        &mut self,
        e: ExprId,
        indices: &[ExprId],
        tparams: Vec<TypeId>,
        targs: Vec<TypeId>,
    ) {
        let indices = indices.to_vec();
        self.later(move |c| {
            if let Some((i, msg)) = c.verify_type_args(&tparams, &targs) {
                let at = indices.get(i).copied().unwrap_or(e);
                let range = c.expr_range(at);
                c.soft_error(range, msg);
            }
        });
    }

    /// Evaluates type arguments that cannot be used (for their errors and uses).
    fn use_type_args(&mut self, indices: &[ExprId]) {
        for &i in indices {
            if !matches!(self.ast().expr(i), Expr::Name(n) if n.is_blank()) {
                let _ = self.typ_generic_ok(i);
            }
        }
    }

    /// The `[` of index expression `e` (which the AST does not keep): the first after its
    /// operand.
    pub(crate) fn lbrack(&self, e: ExprId) -> syntax::TextRange {
        let from = match self.ast().expr(e) {
            Expr::Index { x, .. } => self.expr_range(*x).end,
            _ => self.expr_range(e).start,
        };
        let text = &self.files[self.env.file].text;
        let at = text
            .get(from as usize..)
            .and_then(|t| t.find('['))
            .map_or(from, |i| from + i as u32);
        syntax::TextRange::new(at, at + 1)
    }

    /// `f[A, B]` of a generic function (go/types' `funcInst` without inference): the
    /// instantiated signature, or a generic one with fewer type parameters (partial).
    pub(crate) fn func_inst(&mut self, e: ExprId, mut x: Operand, indices: &[ExprId]) -> Operand {
        let range = self.lbrack(e);
        self.verify_version(range, 18, "function instantiation");
        let mut targs = Vec::with_capacity(indices.len());
        let mut ok = true;
        for &i in indices {
            let t = self.var_type(i);
            ok &= self.world.is_valid(t);
            targs.push(t);
        }
        if !ok {
            return Operand::invalid(Some(e));
        }
        let sig_ty = self.world.unalias(x.ty);
        let tparams = self.world.sig_type_params(sig_ty).to_vec();
        let (got, want) = (targs.len(), tparams.len());
        if got > want {
            self.error_at(
                indices[got - 1],
                format!("got {got} type arguments but want {want}"),
            );
            return Operand::invalid(Some(e));
        }
        x.expr = Some(e);
        let key = (self.env.file as u32, e);
        let in_call = self.call_fun == Some(key);
        let assigned = self.func_target.is_some_and(|(f, x, _)| (f, x) == key);
        if got < want && !in_call && !assigned {
            // A partially instantiated function value: the rest is inferred from the
            // constraints.
            let Type::Signature(s) = self.world.ty(sig_ty).clone() else {
                return Operand::invalid(Some(e));
            };
            let params = self.subst(s.params, &tparams[..got], &targs);
            let results = self.subst(s.results, &tparams[..got], &targs);
            let mut ns = Signature::new(s.recv, params, results, s.variadic);
            ns.type_params = tparams[got..].to_vec();
            let _ = ns;
            let Some(all) = self.infer_call(e, "", &tparams, &targs, &[], &[]) else {
                return Operand::invalid(Some(e));
            };
            targs = all;
        }
        if targs.len() < want {
            // Partial instantiation: the rest is inferred at the call, or from the function
            // type it is assigned to.
            let Type::Signature(s) = self.world.ty(sig_ty).clone() else {
                return Operand::invalid(Some(e));
            };
            let params = self.subst(s.params, &tparams[..got], &targs);
            let results = self.subst(s.results, &tparams[..got], &targs);
            let mut ns = Signature::new(s.recv, params, results, s.variadic);
            ns.type_params = tparams[got..].to_vec();
            x.ty = self.world.new_type(Type::Signature(Box::new(ns)));
            self.partial_targs
                .insert((self.env.file as u32, e), (tparams, targs, sig_ty));
            return x;
        }
        let indices = indices.to_vec();
        let (tp2, ta2) = (tparams.clone(), targs.clone());
        self.later(move |c| {
            if let Some((i, msg)) = c.verify_type_args(&tp2, &ta2) {
                let at = indices.get(i).copied().unwrap_or(e);
                let range = c.expr_range(at);
                c.soft_error(range, msg);
            }
        });
        let range = self.expr_range(e);
        self.record_instance(&tparams, &targs, range);
        x.ty = self.instantiate_signature(sig_ty, &targs);
        x.mode = Mode::Value;
        x
    }

    /// A union of terms `A | ~B | C` in an interface (go/types' `parseUnion`): the Union type,
    /// its terms checked once all types are set up.
    pub(crate) fn parse_union(&mut self, exprs: &[ExprId]) -> TypeId {
        let mut terms = Vec::with_capacity(exprs.len());
        let mut valid = true;
        for (i, &x) in exprs.iter().enumerate() {
            let (inner, tilde) = match self.ast().expr(x) {
                Expr::Unary {
                    op: ast::UnaryOp::Tilde,
                    x: inner,
                } => (*inner, true),
                _ => (x, false),
            };
            let mut t = self.typ(inner);
            if self.world.is_type_param(t) {
                if tilde {
                    let s = self.expr_string(x);
                    self.error_at(
                        inner,
                        format!("type in term {s} cannot be a type parameter"),
                    );
                } else {
                    self.error_at(inner, "term cannot be a type parameter");
                }
                t = ids::INVALID;
            }
            if i >= MAX_TERM_COUNT {
                if valid {
                    self.error_at(
                        x,
                        format!(
                            "cannot handle more than {MAX_TERM_COUNT} union terms (implementation limitation)"
                        ),
                    );
                }
                valid = false;
                continue;
            }
            terms.push(Term { tilde, ty: t });
        }
        if !valid {
            return ids::INVALID;
        }
        let u = self.world.new_type(Type::Union(terms.clone()));
        let exprs = exprs.to_vec();
        self.later(move |c| {
            c.check_union_terms(&terms, &exprs);
            // go/types' `computeUnionTypeSet`: a union's type set (its interfaces' terms
            // included, overlapping terms merged) may have at most 100 terms.
            if c.world.union_term_count(u) > MAX_TERM_COUNT {
                c.error_at(
                    exprs[0],
                    format!(
                        "cannot handle more than {MAX_TERM_COUNT} union terms (implementation limitation)"
                    ),
                );
            }
        });
        u
    }

    fn check_union_terms(&mut self, terms: &[Term], exprs: &[ExprId]) {
        for (i, t) in terms.iter().enumerate() {
            if !self.world.is_valid(t.ty) {
                continue;
            }
            let at = exprs[i];
            let u = self.world.under(t.ty);
            let is_iface = matches!(self.world.ty(u), Type::Interface(_));
            let ts = self.type_str(t.ty);
            if t.tilde {
                if is_iface {
                    self.error_at(at, format!("invalid use of ~ ({ts} is an interface)"));
                    continue;
                }
                if !self.world.identical(u, t.ty) {
                    let us = self.type_str(u);
                    self.error_at(
                        at,
                        format!("invalid use of ~ (underlying type of {ts} is {us})"),
                    );
                    continue;
                }
            }
            if is_iface {
                let set = self.world.type_set(t.ty);
                // go/types prints the term itself (its `String`, qualified by path).
                let term_s = format!(
                    "{}{}",
                    if t.tilde { "~" } else { "" },
                    self.world.type_string_by_path(t.ty)
                );
                if !self.world.interface_methods(t.ty).is_empty() {
                    self.error_at(
                        at,
                        format!("cannot use {term_s} in union ({term_s} contains methods)"),
                    );
                } else if self.world.unalias(t.ty) == self.world.comparable {
                    self.error_at(at, "cannot use comparable in union");
                } else if set.comparable {
                    self.error_at(
                        at,
                        format!("cannot use {term_s} in union ({term_s} embeds comparable)"),
                    );
                }
                continue;
            }
            // Overlapping (non-disjoint) terms.
            for prev in &terms[..i] {
                if !self.world.is_valid(prev.ty) || self.world.is_interface(prev.ty) {
                    continue;
                }
                let (x, y) = (prev, t);
                let ux = if x.tilde {
                    self.world.under(x.ty)
                } else {
                    x.ty
                };
                let uy = if y.tilde {
                    self.world.under(y.ty)
                } else {
                    y.ty
                };
                let overlap = if x.tilde || y.tilde {
                    self.world
                        .identical(self.world.under(ux), self.world.under(uy))
                } else {
                    self.world.identical(ux, uy)
                };
                if overlap {
                    // Terms print qualified by path (their `String`).
                    let a = format!(
                        "{}{}",
                        if t.tilde { "~" } else { "" },
                        self.world.type_string_by_path(t.ty)
                    );
                    let b = format!(
                        "{}{}",
                        if prev.tilde { "~" } else { "" },
                        self.world.type_string_by_path(prev.ty)
                    );
                    let range = self.expr_range(at);
                    self.soft_error(range, format!("overlapping terms {a} and {b}"));
                    break;
                }
            }
        }
    }
}
