//! Type predicates: underlying types, identity, comparability, default types, and the
//! classification helpers (`is_integer`, `is_interface`, ...) the checker asks all the time.

use crate::objects::ObjId;
use crate::types::{BasicKind, Type, TypeId, ids};
use crate::world::World;

impl World {
    /// Follows alias chains to the aliased type.
    pub fn unalias(&self, mut ty: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.ty(ty) {
                Type::Alias(a) => ty = a.actual,
                _ => return ty,
            }
        }
        ids::INVALID
    }

    /// The underlying type: never a named type or an alias.
    pub fn under(&self, ty: TypeId) -> TypeId {
        let ty = self.unalias(ty);
        match self.ty(ty) {
            Type::Named(n) => {
                let u = self.unalias(n.underlying);
                match self.ty(u) {
                    // Not yet resolved past a chain of named types: resolve on the fly.
                    Type::Named(_) => self.under_chain(u),
                    _ => u,
                }
            }
            _ => ty,
        }
    }

    fn under_chain(&self, mut ty: TypeId) -> TypeId {
        for _ in 0..1000 {
            match self.ty(ty) {
                Type::Named(n) => ty = self.unalias(n.underlying),
                Type::Alias(a) => ty = a.actual,
                _ => return ty,
            }
        }
        ids::INVALID
    }

    pub fn is_valid(&self, ty: TypeId) -> bool {
        self.unalias(ty) != ids::INVALID
    }

    /// The kind of the underlying basic type, if any.
    pub fn under_basic(&self, ty: TypeId) -> Option<BasicKind> {
        self.basic_kind(self.under(ty))
    }

    /// For a type parameter: every type in its type set (go/types' `allBoolean` etc.).
    fn basic_is(&self, ty: TypeId, f: fn(BasicKind) -> bool) -> bool {
        if let Type::TypeParam { .. } = self.ty(self.unalias(ty)) {
            return self.all_under(ty, |w, u| w.basic_kind(u).is_some_and(f));
        }
        self.under_basic(ty).is_some_and(f)
    }

    pub fn is_boolean(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_boolean)
    }
    pub fn is_integer(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_integer)
    }
    pub fn is_unsigned(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_unsigned)
    }
    pub fn is_float(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_float)
    }
    pub fn is_complex(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_complex)
    }
    pub fn is_numeric(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_numeric)
    }
    pub fn is_string(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_string)
    }
    pub fn is_ordered(&self, ty: TypeId) -> bool {
        self.basic_is(ty, BasicKind::is_ordered)
    }
    pub fn is_const_type(&self, ty: TypeId) -> bool {
        self.under_basic(ty).is_some_and(BasicKind::is_const_type)
    }
    /// Untyped basic types (not their named versions: those do not exist).
    pub fn is_untyped(&self, ty: TypeId) -> bool {
        self.basic_kind(self.unalias(ty))
            .is_some_and(BasicKind::is_untyped)
    }
    pub fn is_typed(&self, ty: TypeId) -> bool {
        !self.is_untyped(ty)
    }
    pub fn is_unsafe_pointer(&self, ty: TypeId) -> bool {
        self.under_basic(ty) == Some(BasicKind::UnsafePointer)
    }
    pub fn is_interface(&self, ty: TypeId) -> bool {
        matches!(self.ty(self.under(ty)), Type::Interface(_))
    }
    pub fn is_named(&self, ty: TypeId) -> bool {
        matches!(
            self.ty(self.unalias(ty)),
            Type::Named(_) | Type::Basic { .. }
        )
    }
    pub fn is_pointer(&self, ty: TypeId) -> bool {
        matches!(self.ty(self.under(ty)), Type::Pointer(_))
    }
    pub fn is_signature(&self, ty: TypeId) -> bool {
        matches!(self.ty(self.under(ty)), Type::Signature(_))
    }

    /// `*T`'s `T` for a pointer (after `under`), else `None`.
    pub fn pointer_elem(&self, ty: TypeId) -> Option<TypeId> {
        match self.ty(self.under(ty)) {
            Type::Pointer(elem) => Some(*elem),
            _ => None,
        }
    }

    /// The default type of an untyped type (`untyped int` -> `int`, ...); typed types unchanged.
    pub fn default_type(&self, ty: TypeId) -> TypeId {
        match self.basic_kind(self.unalias(ty)) {
            Some(BasicKind::UntypedBool) => ids::BOOL,
            Some(BasicKind::UntypedInt) => ids::INT,
            Some(BasicKind::UntypedRune) => ids::RUNE,
            Some(BasicKind::UntypedFloat) => ids::FLOAT64,
            Some(BasicKind::UntypedComplex) => ids::COMPLEX128,
            Some(BasicKind::UntypedString) => ids::STRING,
            _ => ty,
        }
    }

    /// Whether values of the type may be `nil`.
    pub fn has_nil(&self, ty: TypeId) -> bool {
        if let Type::TypeParam { .. } = self.ty(self.unalias(ty)) {
            return self.all_under(ty, |w, u| w.has_nil(u));
        }
        match self.ty(self.under(ty)) {
            Type::Basic { kind, .. } => *kind == BasicKind::UnsafePointer,
            Type::Slice(_)
            | Type::Pointer(_)
            | Type::Signature(_)
            | Type::Map { .. }
            | Type::Chan { .. } => true,
            Type::Interface(_) => true,
            _ => false,
        }
    }

    /// Comparability as the spec has it (go/types' `comparableType` with `dynamic` set):
    /// interfaces count, but a type parameter must be strictly comparable.
    pub fn spec_comparable(&self, t: TypeId) -> bool {
        self.spec_comparable_in(t, &mut Vec::new())
    }

    fn spec_comparable_in(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.under(t);
        if seen.contains(&u) {
            return true;
        }
        seen.push(u);
        match self.ty(u) {
            Type::TypeParam { .. } => self.strictly_comparable(u),
            Type::Interface(_) => true,
            Type::Struct(s) => s
                .fields
                .iter()
                .all(|&f| self.spec_comparable_in(self.obj(f).ty, seen)),
            Type::Array { elem, .. } => self.spec_comparable_in(*elem, seen),
            _ => self.comparable(u),
        }
    }

    /// Strict comparability: comparable, and no interfaces inside.
    pub fn strictly_comparable(&self, t: TypeId) -> bool {
        let mut seen = Vec::new();
        self.strictly_comparable_in(t, &mut seen)
    }

    fn strictly_comparable_in(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.under(t);
        if seen.contains(&u) {
            return true;
        }
        seen.push(u);
        match self.ty(u) {
            // A type parameter: its type set's terms must be strictly comparable.
            Type::TypeParam { .. } => {
                let set = self.type_set(u);
                set.comparable
                    || (!set.all
                        && set
                            .terms
                            .iter()
                            .all(|t| self.strictly_comparable_in(t.ty, seen)))
            }
            Type::Interface(_) => false,
            Type::Struct(s) => s
                .fields
                .iter()
                .all(|&f| self.strictly_comparable_in(self.obj(f).ty, seen)),
            Type::Array { elem, .. } => self.strictly_comparable_in(*elem, seen),
            _ => self.comparable(u),
        }
    }

    /// Whether values of the type may be compared with `==` (go/types `Comparable`); interfaces
    /// count as comparable (the comparison may panic at run time).
    pub fn comparable(&self, ty: TypeId) -> bool {
        self.incomparable_reason(ty).is_none()
    }

    /// Why the type is not comparable (go/types' wording for the cause), or `None`.
    pub fn incomparable_reason(&self, ty: TypeId) -> Option<String> {
        let mut seen = Vec::new();
        self.incomparable(ty, &mut seen)
    }

    fn incomparable(&self, ty: TypeId, seen: &mut Vec<TypeId>) -> Option<String> {
        if seen.contains(&ty) {
            return None;
        }
        seen.push(ty);
        if let Type::TypeParam { .. } = self.ty(self.unalias(ty)) {
            // `seen` keeps the type parameter: a constraint mentioning it ends the recursion.
            let set = self.type_set(ty);
            let ok = set.comparable
                || (!set.all
                    && !set.terms.is_empty()
                    && set.terms.iter().all(|term| {
                        // A type set is comparable if its terms are strictly comparable
                        // (go/types' `IsComparable`).
                        self.incomparable(term.ty, seen).is_none()
                            && self.strictly_comparable(term.ty)
                    }));
            seen.pop();
            return (!ok).then(String::new);
        }
        let u = self.under(ty);
        let result = match self.ty(u) {
            Type::Basic { kind, .. } => (*kind == BasicKind::UntypedNil).then(String::new),
            Type::Pointer(_) | Type::Chan { .. } | Type::Interface(_) => None,
            Type::Struct(s) => s.fields.iter().find_map(|&f| {
                let field = self.obj(f);
                self.incomparable(field.ty, seen).map(|_| {
                    let qf = crate::typestring::Qualifier {
                        local: field.pkg,
                        ambiguous: &[],

                        import_names: &[],
                    };
                    format!(
                        "struct containing {} cannot be compared",
                        self.type_string(field.ty, qf)
                    )
                })
            }),
            Type::Array { elem, .. } => self.incomparable(*elem, seen).map(|_| {
                let qf = crate::typestring::Qualifier {
                    local: None,
                    ambiguous: &[],

                    import_names: &[],
                };
                format!("{} cannot be compared", self.type_string(ty, qf))
            }),
            Type::Slice(_) => Some("slice can only be compared to nil".into()),
            Type::Map { .. } => Some("map can only be compared to nil".into()),
            Type::Signature(_) => Some("func can only be compared to nil".into()),
            _ => Some(String::new()),
        };
        seen.pop();
        result
    }

    /// Type identity (the spec's "identical types"), ignoring parameter names and struct tags
    /// only where the spec says so (tags count).
    pub fn identical(&self, x: TypeId, y: TypeId) -> bool {
        let mut pairs = Vec::new();
        self.identical_inner(x, y, &mut pairs)
    }

    fn identical_inner(&self, x: TypeId, y: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        let x = self.unalias(x);
        let y = self.unalias(y);
        if x == y {
            return true;
        }
        match (self.ty(x), self.ty(y)) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array { len: l1, elem: e1 }, Type::Array { len: l2, elem: e2 }) => {
                l1 == l2 && self.identical_inner(*e1, *e2, pairs)
            }
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.identical_inner(*a, *b, pairs)
            }
            (Type::Map { key: k1, elem: e1 }, Type::Map { key: k2, elem: e2 }) => {
                self.identical_inner(*k1, *k2, pairs) && self.identical_inner(*e1, *e2, pairs)
            }
            (Type::Chan { dir: d1, elem: e1 }, Type::Chan { dir: d2, elem: e2 }) => {
                d1 == d2 && self.identical_inner(*e1, *e2, pairs)
            }
            (Type::Struct(a), Type::Struct(b)) => {
                a.fields.len() == b.fields.len()
                    && a.tags == b.tags
                    && a.fields.iter().zip(&b.fields).all(|(&f, &g)| {
                        let (f, g) = (self.obj(f), self.obj(g));
                        f.name == g.name
                            && f.var_info().map(|v| v.embedded) == g.var_info().map(|v| v.embedded)
                            && (f.is_exported() || f.pkg == g.pkg)
                            && self.identical_inner(f.ty, g.ty, pairs)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(&v, &w)| self.identical_inner(self.obj(v).ty, self.obj(w).ty, pairs))
            }
            (Type::Signature(a), Type::Signature(b)) => {
                a.variadic == b.variadic
                    && self.identical_inner(a.params, b.params, pairs)
                    && self.identical_inner(a.results, b.results, pairs)
            }
            (Type::Named(a), Type::Named(b)) => match (a.origin, b.origin) {
                (Some(oa), Some(ob)) => {
                    oa == ob
                        && a.type_args.len() == b.type_args.len()
                        && a.type_args
                            .iter()
                            .zip(&b.type_args)
                            .all(|(&p, &q)| self.identical_inner(p, q, pairs))
                }
                _ => false,
            },
            (Type::Interface(a), Type::Interface(b)) => {
                if a.comparable != b.comparable {
                    return false;
                }
                if pairs.contains(&(x, y)) || pairs.contains(&(y, x)) {
                    return true;
                }
                let ma = self.interface_methods(x);
                let mb = self.interface_methods(y);
                if ma.len() != mb.len() {
                    return false;
                }
                pairs.push((x, y));
                let same = ma.iter().zip(&mb).all(|(&f, &g)| {
                    let (f, g) = (self.obj(f), self.obj(g));
                    f.name == g.name
                        && (f.is_exported() || f.pkg == g.pkg)
                        && self.identical_inner(f.ty, g.ty, pairs)
                });
                pairs.pop();
                same
            }
            _ => false,
        }
    }

    /// All methods of an interface type (embedded ones included), sorted by name. Duplicates
    /// and cycles (errors reported elsewhere) are tolerated.
    pub fn interface_methods(&self, ty: TypeId) -> Vec<ObjId> {
        let u = self.under(ty);
        if let Type::Interface(iface) = self.ty(u)
            && let Some(all) = &iface.all_methods
        {
            return all.clone();
        }
        let mut out: Vec<ObjId> = Vec::new();
        let mut seen = Vec::new();
        self.collect_methods(u, &mut out, &mut seen);
        out.sort_by(|&a, &b| self.obj(a).name.cmp(&self.obj(b).name));
        out.dedup_by(|a, b| self.obj(*a).name == self.obj(*b).name);
        out
    }

    fn collect_methods(&self, ty: TypeId, out: &mut Vec<ObjId>, seen: &mut Vec<TypeId>) {
        let u = self.under(ty);
        if seen.contains(&u) {
            return;
        }
        seen.push(u);
        if let Type::Interface(iface) = self.ty(u) {
            out.extend(iface.methods.iter().copied());
            for &e in &iface.embeddeds {
                self.collect_methods(e, out, seen);
            }
        }
    }

    /// Whether the interface (or an interface it embeds) is `comparable`.
    pub fn interface_is_comparable(&self, ty: TypeId) -> bool {
        let mut seen = Vec::new();
        self.is_comparable_iface(ty, &mut seen)
    }

    fn is_comparable_iface(&self, ty: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let u = self.under(ty);
        if seen.contains(&u) {
            return false;
        }
        seen.push(u);
        match self.ty(u) {
            Type::Interface(iface) => {
                iface.comparable
                    || iface
                        .embeddeds
                        .iter()
                        .any(|&e| self.is_comparable_iface(e, seen))
            }
            _ => false,
        }
    }
}
