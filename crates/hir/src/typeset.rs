//! Type sets of constraint interfaces and type parameters (go/types' typeset.go, termlist.go,
//! typeterm.go): the set of types an interface admits, as a list of terms (`T`, `~T`) or "all
//! types", with the `comparable` restriction; core types (`coreType`) and the "every type in
//! the set" predicates the operators use.

use crate::types::{Term, Type, TypeId};
use crate::world::World;

/// The type set of an interface: `all` (no restriction by terms) or the union of `terms`;
/// `comparable` restricts it to comparable types.
#[derive(Clone, Debug, Default)]
pub struct TypeSet {
    pub all: bool,
    pub terms: Vec<Term>,
    pub comparable: bool,
}

impl TypeSet {
    fn everything() -> TypeSet {
        TypeSet {
            all: true,
            terms: Vec::new(),
            comparable: false,
        }
    }

    /// The empty set (no type satisfies it).
    pub fn is_empty(&self) -> bool {
        !self.all && self.terms.is_empty()
    }
}

impl World {
    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.ty(self.unalias(t)), Type::TypeParam { .. })
    }

    /// The bound (constraint interface) of a type parameter.
    pub fn type_param_bound(&self, t: TypeId) -> Option<TypeId> {
        match self.ty(self.unalias(t)) {
            Type::TypeParam { bound, .. } => Some(*bound),
            _ => None,
        }
    }

    /// The type set of `t`: an interface's or a type parameter's constraint's; for any other
    /// type, the set of just that type.
    pub fn type_set(&self, t: TypeId) -> TypeSet {
        let mut seen = Vec::new();
        self.type_set_in(t, &mut seen, 0)
    }

    fn type_set_in(&self, t: TypeId, seen: &mut Vec<TypeId>, depth: u32) -> TypeSet {
        if depth > 50 {
            return TypeSet::everything();
        }
        let t = self.unalias(t);
        if let Type::TypeParam { bound, .. } = self.ty(t) {
            return self.type_set_in(*bound, seen, depth + 1);
        }
        let u = self.under(t);
        match self.ty(u) {
            Type::Interface(iface) => {
                if seen.contains(&u) {
                    return TypeSet::everything();
                }
                seen.push(u);
                let mut set = TypeSet::everything();
                set.comparable = iface.comparable;
                for &e in &iface.embeddeds {
                    let es = self.embedded_type_set(e, seen, depth + 1);
                    set = self.intersect(set, es);
                }
                seen.pop();
                set
            }
            _ if !self.is_valid(u) => TypeSet::everything(),
            _ => TypeSet {
                all: false,
                terms: vec![Term {
                    tilde: false,
                    ty: t,
                }],
                comparable: false,
            },
        }
    }

    fn embedded_type_set(&self, e: TypeId, seen: &mut Vec<TypeId>, depth: u32) -> TypeSet {
        let e = self.unalias(e);
        match self.ty(e) {
            Type::Union(terms) => {
                let mut out = TypeSet {
                    all: false,
                    terms: Vec::new(),
                    comparable: false,
                };
                for t in terms {
                    if !self.is_valid(t.ty) {
                        continue;
                    }
                    if !t.tilde && self.is_interface(t.ty) {
                        let s = self.type_set_in(t.ty, seen, depth + 1);
                        if s.all {
                            return TypeSet::everything();
                        }
                        out.terms.extend(s.terms);
                    } else if t.tilde && !self.identical(t.ty, self.under(t.ty)) {
                        // `~T` where T is not its own underlying type (an error reported
                        // with the union) has no types.
                    } else {
                        out.terms.push(*t);
                    }
                }
                out.terms = self.norm_terms(out.terms);
                out
            }
            _ => self.type_set_in(e, seen, depth + 1),
        }
    }

    /// The number of terms of union `u`'s type set (its interfaces' terms included,
    /// overlapping terms merged); 0 if it is not restricted.
    pub fn union_term_count(&self, u: TypeId) -> usize {
        let set = self.embedded_type_set(u, &mut Vec::new(), 0);
        if set.all { 0 } else { set.terms.len() }
    }

    /// Removes terms subsumed by others (`int | ~int` is `~int`).
    fn norm_terms(&self, terms: Vec<Term>) -> Vec<Term> {
        let mut out: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            if out.iter().any(|o| self.term_includes(*o, t)) {
                continue;
            }
            out.retain(|o| !self.term_includes(t, *o));
            out.push(t);
        }
        out
    }

    /// Whether term `x` includes every type of term `y`.
    fn term_includes(&self, x: Term, y: Term) -> bool {
        match (x.tilde, y.tilde) {
            (true, true) => self.identical(x.ty, y.ty),
            (true, false) => self.identical(x.ty, self.under(y.ty)),
            (false, true) => false,
            (false, false) => self.identical(x.ty, y.ty),
        }
    }

    fn term_intersect(&self, x: Term, y: Term) -> Option<Term> {
        if self.term_includes(x, y) {
            Some(y)
        } else if self.term_includes(y, x) {
            Some(x)
        } else {
            None
        }
    }

    fn intersect(&self, a: TypeSet, b: TypeSet) -> TypeSet {
        let comparable = a.comparable || b.comparable;
        if a.all && b.all {
            return TypeSet {
                comparable,
                ..TypeSet::everything()
            };
        }
        let mut terms = Vec::new();
        if a.all || b.all {
            terms = if a.all { b.terms } else { a.terms };
        } else {
            for &x in &a.terms {
                for &y in &b.terms {
                    if let Some(t) = self.term_intersect(x, y) {
                        terms.push(t);
                    }
                }
            }
        }
        // A comparable set with terms keeps the strictly comparable ones (go/types'
        // `intersectTermLists`): the terms say it all then.
        if comparable {
            terms.retain(|t| self.strictly_comparable(t.ty));
        }
        TypeSet {
            all: false,
            terms: self.norm_terms(terms),
            comparable: false,
        }
    }

    /// Whether `t` is in the type set of `set` (its terms; comparability is checked apart).
    pub fn type_set_includes(&self, set: &TypeSet, t: TypeId) -> bool {
        set.all
            || set.terms.iter().any(|&x| {
                self.term_includes(
                    x,
                    Term {
                        tilde: false,
                        ty: t,
                    },
                )
            })
    }

    /// The underlying types of the types in `t`'s type set: `None` when the set is not
    /// restricted by terms (or `t` is an interface without terms); for a type that is neither
    /// a type parameter nor an interface, its underlying type.
    pub fn term_unders(&self, t: TypeId) -> Option<Vec<TypeId>> {
        if !self.is_type_param(t) {
            return Some(vec![self.under(t)]);
        }
        let set = self.type_set(t);
        if set.all {
            return None;
        }
        Some(set.terms.iter().map(|term| self.under(term.ty)).collect())
    }

    /// go/types' `coreType`: the single underlying type of all types in the type set of a type
    /// parameter (channels: the most restrictive direction); `None` if there is none. For other
    /// types, their underlying type.
    pub fn core_type(&self, t: TypeId) -> Option<TypeId> {
        if !self.is_type_param(t) {
            return Some(self.under(t));
        }
        let unders = self.term_unders(t)?;
        let mut core: Option<TypeId> = None;
        for u in unders {
            match core {
                None => core = Some(u),
                Some(c) => {
                    if self.identical(c, u) {
                        continue;
                    }
                    match (self.ty(c), self.ty(u)) {
                        (Type::Chan { dir: d1, elem: e1 }, Type::Chan { dir: d2, elem: e2 })
                            if self.identical(*e1, *e2) =>
                        {
                            use crate::types::ChanDir::Both;
                            if *d1 == Both {
                                core = Some(u);
                            } else if *d2 != Both && d1 != d2 {
                                return None;
                            }
                        }
                        _ => return None,
                    }
                }
            }
        }
        core
    }

    /// Whether every type in `t`'s type set satisfies `f` (on its underlying type); for a type
    /// parameter without terms, false. Other types: `f(under(t))`.
    pub fn all_under(&self, t: TypeId, f: impl Fn(&World, TypeId) -> bool) -> bool {
        match self.term_unders(t) {
            Some(unders) => !unders.is_empty() && unders.iter().all(|&u| f(self, u)),
            None => false,
        }
    }

    /// Whether `t` is a type parameter whose type set is comparable (`comparable`, or terms that
    /// are all strictly comparable, as go/types' `IsComparable`).
    pub fn type_param_comparable(&self, t: TypeId) -> bool {
        let set = self.type_set(t);
        set.comparable
            || (!set.all
                && !set.terms.is_empty()
                && set
                    .terms
                    .iter()
                    .all(|term| self.strictly_comparable(term.ty)))
    }

    /// Whether `t` mentions a type parameter anywhere in its structure (through instances'
    /// type arguments, not through defined types' underlying types).
    pub fn has_type_param(&self, t: TypeId) -> bool {
        let mut depth = 0;
        self.has_tp(t, &mut depth)
    }

    fn has_tp(&self, t: TypeId, depth: &mut u32) -> bool {
        if *depth > 64 {
            return false;
        }
        *depth += 1;
        let t = self.unalias(t);
        let r = match self.ty(t) {
            Type::TypeParam { .. } => true,
            Type::Basic { .. } => false,
            Type::Pointer(e)
            | Type::Slice(e)
            | Type::Array { elem: e, .. }
            | Type::Chan { elem: e, .. } => self.has_tp(*e, depth),
            Type::Map { key, elem } => self.has_tp(*key, depth) || self.has_tp(*elem, depth),
            Type::Tuple(vars) => vars.iter().any(|&v| self.has_tp(self.obj(v).ty, depth)),
            Type::Signature(s) => self.has_tp(s.params, depth) || self.has_tp(s.results, depth),
            Type::Struct(s) => s.fields.iter().any(|&f| self.has_tp(self.obj(f).ty, depth)),
            Type::Named(n) => n.type_args.iter().any(|&a| self.has_tp(a, depth)),
            Type::Interface(i) => {
                i.methods
                    .iter()
                    .any(|&m| self.has_tp(self.obj(m).ty, depth))
                    || i.embeddeds.iter().any(|&e| self.has_tp(e, depth))
            }
            Type::Union(terms) => terms.iter().any(|term| self.has_tp(term.ty, depth)),
            Type::Alias(a) => self.has_tp(a.actual, depth),
        };
        *depth -= 1;
        r
    }

    /// A generic defined type (declared with type parameters, not an instance).
    pub fn is_generic_type(&self, t: TypeId) -> bool {
        if let Type::Alias(a) = self.ty(t) {
            return !a.type_params.is_empty();
        }
        match self.ty(self.unalias(t)) {
            Type::Named(n) => !n.type_params.is_empty() && n.origin.is_none(),
            _ => false,
        }
    }

    /// The type parameters of a generic function's signature.
    pub fn sig_type_params(&self, t: TypeId) -> &[TypeId] {
        match self.ty(t) {
            Type::Signature(s) => &s.type_params,
            _ => &[],
        }
    }

    /// The core type of a type parameter (itself if it has none: operations then fail), the
    /// underlying type of anything else.
    pub fn core_or_under(&self, t: TypeId) -> TypeId {
        if self.is_type_param(t) {
            return self.core_type(t).unwrap_or(self.unalias(t));
        }
        self.under(t)
    }

    /// A type parameter without core type whose types are all strings or byte slices
    /// (go/types' `coreString`): indexed and sliced like a string.
    pub fn is_bytes_or_string_param(&self, t: TypeId) -> bool {
        self.is_type_param(t)
            && self.core_type(t).is_none()
            && self.all_under(t, |w, u| match w.ty(u) {
                Type::Basic { kind, .. } => kind.is_string(),
                Type::Slice(e) => w.under_basic(*e) == Some(crate::types::BasicKind::Uint8),
                _ => false,
            })
    }

    /// `core_or_under`, with string for a type parameter of strings and byte slices.
    pub fn core_or_under_string(&self, t: TypeId) -> TypeId {
        if self.is_bytes_or_string_param(t) {
            return crate::types::ids::STRING;
        }
        self.core_or_under(t)
    }
}
