//! Field and method lookup (with embedding depth and ambiguity), method sets, interface
//! satisfaction with go/types' explanations, and assignability.
//!
//! The lookup itself ([`World::lookup_field_or_method`]) is a pure function of the world, so
//! the IDE can use it too; the checker's wrappers make sure the signature of a method found is
//! computed (`obj_decl`) before anyone looks at it.

use super::Checker;
use crate::objects::{ObjId, ObjKind};
use crate::operand::Operand;
use crate::types::{BasicKind, ChanDir, Interface, Type, TypeId};
use crate::world::{PackageId, World};

/// The result of a field or method lookup (go/types' `obj, index, indirect` triple).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The field (a variable) or method (a function) found.
    pub obj: Option<ObjId>,
    /// The path of embedded field indices, the last one the index of the field or method in
    /// the type it was found in. Without `obj`, a path means the selector is ambiguous.
    pub index: Option<Vec<usize>>,
    /// With `obj`: a pointer was dereferenced on the way. Without `obj`: a method with a
    /// pointer receiver was found but the receiver is neither a pointer nor addressable.
    pub indirect: bool,
}

/// One entry of a method set: the method, its index path, and whether a pointer was
/// dereferenced to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodSetEntry {
    pub obj: ObjId,
    pub index: Vec<usize>,
    pub indirect: bool,
}

/// An embedded type found at some depth of a lookup.
#[derive(Clone)]
struct Embedded {
    ty: TypeId,
    index: Vec<usize>,
    indirect: bool,
    multiples: bool,
}

fn concat(list: &[usize], i: usize) -> Vec<usize> {
    let mut v = Vec::with_capacity(list.len() + 1);
    v.extend_from_slice(list);
    v.push(i);
    v
}

/// Whether two names are equal ignoring case (Unicode simple folding, as `strings.EqualFold`).
pub(crate) fn equal_fold(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(c), Some(d)) => {
                if c != d && !c.to_lowercase().eq(d.to_lowercase()) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

pub(crate) fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

impl World {
    /// go/types' `sameId`: whether object `obj` is named `name` as seen from `pkg` (unexported
    /// names of different packages differ); with `fold_case`, any capitalization matches.
    pub(crate) fn same_id(
        &self,
        obj: ObjId,
        pkg: Option<PackageId>,
        name: &str,
        fold_case: bool,
    ) -> bool {
        let o = self.obj(obj);
        if fold_case && equal_fold(&o.name, name) {
            return true;
        }
        if &*o.name != name {
            return false;
        }
        o.is_exported() || o.pkg == pkg
    }

    /// `(T, true)` for `*T` (an unnamed pointer), else `(typ, false)`.
    pub(crate) fn deref(&self, typ: TypeId) -> (TypeId, bool) {
        match self.ty(self.unalias(typ)) {
            Type::Pointer(base) => (*base, true),
            _ => (typ, false),
        }
    }

    /// The base of a (named or unnamed) pointer to a struct, else `typ`.
    pub(crate) fn deref_struct_ptr(&self, typ: TypeId) -> TypeId {
        if let Type::Pointer(base) = self.ty(self.under(typ))
            && matches!(self.ty(self.under(*base)), Type::Struct(_))
        {
            return *base;
        }
        typ
    }

    /// The defined type `typ` denotes (through aliases), if any.
    pub(crate) fn as_named(&self, typ: TypeId) -> Option<TypeId> {
        let t = self.unalias(typ);
        matches!(self.ty(t), Type::Named(_)).then_some(t)
    }

    /// Whether `typ` has a name: a basic or defined type (go/types' `hasName`).
    pub(crate) fn has_name(&self, typ: TypeId) -> bool {
        matches!(
            self.ty(self.unalias(typ)),
            Type::Named(_) | Type::Basic { .. } | Type::TypeParam { .. }
        )
    }

    /// A pointer to an interface (`*I`), whose method set is empty.
    pub(crate) fn is_interface_ptr(&self, typ: TypeId) -> bool {
        match self.ty(self.under(typ)) {
            Type::Pointer(base) => self.is_interface(*base),
            _ => false,
        }
    }

    /// Whether method `m` has a pointer receiver: from its signature once known (aliases of
    /// pointer types count), else from the syntax of its declaration.
    pub(crate) fn has_ptr_recv(&self, m: ObjId) -> bool {
        let o = self.obj(m);
        let ObjKind::Func { has_ptr_recv } = o.kind else {
            return false;
        };
        if let Type::Signature(sig) = self.ty(o.ty)
            && let Some(recv) = sig.recv
        {
            return self.deref(self.obj(recv).ty).1;
        }
        has_ptr_recv
    }

    /// Looks up field or method `name` (as seen from package `pkg`) in `t`, as go/types'
    /// `lookupFieldOrMethod`. `addressable`: `t` is the type of an addressable variable.
    pub fn lookup_field_or_method(
        &self,
        t: TypeId,
        addressable: bool,
        pkg: Option<PackageId>,
        name: &str,
    ) -> Selection {
        self.lookup_fold(t, addressable, pkg, name, false)
    }

    pub(crate) fn lookup_fold(
        &self,
        t: TypeId,
        addressable: bool,
        pkg: Option<PackageId>,
        name: &str,
        fold_case: bool,
    ) -> Selection {
        // Methods cannot be associated with a named pointer type: look in the underlying
        // pointer type, but only fields count.
        if let Some(n) = self.as_named(t)
            && let Type::Pointer(_) = self.ty(self.under(n))
        {
            let p = self.under(n);
            let sel = self.lookup_impl(p, false, pkg, name, fold_case);
            if sel
                .obj
                .is_some_and(|o| matches!(self.obj(o).kind, ObjKind::Func { .. }))
            {
                return Selection::default();
            }
            return sel;
        }
        self.lookup_impl(t, addressable, pkg, name, fold_case)
    }

    /// go/types' `lookupFieldOrMethodImpl`: a breadth-first search through embedded fields.
    pub(crate) fn lookup_impl(
        &self,
        t: TypeId,
        addressable: bool,
        pkg: Option<PackageId>,
        name: &str,
        fold_case: bool,
    ) -> Selection {
        if name == "_" {
            return Selection::default();
        }
        let (typ, is_ptr) = self.deref(t);
        // *I where I is an interface (or a type parameter) has no methods.
        if is_ptr && (self.is_interface(typ) || self.is_type_param(typ)) {
            return Selection::default();
        }
        let mut current = vec![Embedded {
            ty: typ,
            index: Vec::new(),
            indirect: is_ptr,
            multiples: false,
        }];
        let mut seen: Vec<TypeId> = Vec::new();
        let mut obj: Option<ObjId> = None;
        let mut index: Option<Vec<usize>> = None;
        let mut indirect = false;
        while !current.is_empty() {
            let mut next: Vec<Embedded> = Vec::new();
            for e in &current {
                let typ = e.ty;
                if let Some(named) = self.as_named(typ) {
                    if seen.contains(&named) {
                        continue;
                    }
                    seen.push(named);
                    if let Type::Named(n) = self.ty(named)
                        && let Some(i) = n
                            .methods
                            .iter()
                            .position(|&m| self.same_id(m, pkg, name, fold_case))
                    {
                        let path = concat(&e.index, i);
                        if obj.is_some() || e.multiples {
                            return Selection {
                                obj: None,
                                index: Some(path),
                                indirect: false,
                            };
                        }
                        index = Some(path);
                        obj = Some(n.methods[i]);
                        indirect = e.indirect;
                        continue;
                    }
                }
                let mut u = self.under(typ);
                // The methods of a type parameter are those of its constraint.
                if let Type::TypeParam { bound, .. } = self.ty(u) {
                    u = self.under(*bound);
                }
                match self.ty(u) {
                    Type::Struct(s) => {
                        for (i, &f) in s.fields.iter().enumerate() {
                            if self.same_id(f, pkg, name, fold_case) {
                                let path = concat(&e.index, i);
                                if obj.is_some() || e.multiples {
                                    return Selection {
                                        obj: None,
                                        index: Some(path),
                                        indirect: false,
                                    };
                                }
                                index = Some(path);
                                obj = Some(f);
                                indirect = e.indirect;
                                continue;
                            }
                            if obj.is_none() && self.obj(f).var_info().is_some_and(|v| v.embedded) {
                                let (ft, fptr) = self.deref(self.obj(f).ty);
                                next.push(Embedded {
                                    ty: ft,
                                    index: concat(&e.index, i),
                                    indirect: e.indirect || fptr,
                                    multiples: e.multiples,
                                });
                            }
                        }
                    }
                    Type::Interface(_) => {
                        let methods = self.interface_methods(u);
                        if let Some(i) = methods
                            .iter()
                            .position(|&m| self.same_id(m, pkg, name, fold_case))
                        {
                            let path = concat(&e.index, i);
                            if obj.is_some() || e.multiples {
                                return Selection {
                                    obj: None,
                                    index: Some(path),
                                    indirect: false,
                                };
                            }
                            index = Some(path);
                            obj = Some(methods[i]);
                            indirect = e.indirect;
                        }
                    }
                    _ => {}
                }
            }
            if let Some(o) = obj {
                if self.has_ptr_recv(o) && !indirect && !addressable {
                    return Selection {
                        obj: None,
                        index: None,
                        indirect: true,
                    };
                }
                return Selection {
                    obj,
                    index,
                    indirect,
                };
            }
            current = self.consolidate_multiples(next);
        }
        Selection::default()
    }

    /// Merges entries of identical types into one marked `multiples`.
    fn consolidate_multiples(&self, list: Vec<Embedded>) -> Vec<Embedded> {
        if list.len() <= 1 {
            return list;
        }
        let mut out: Vec<Embedded> = Vec::with_capacity(list.len());
        for e in list {
            if let Some(prev) = out
                .iter_mut()
                .find(|p| p.ty == e.ty || self.identical(p.ty, e.ty))
            {
                prev.multiples = true;
            } else {
                out.push(e);
            }
        }
        out
    }

    /// The method set of `t` (go/types' `NewMethodSet`), sorted by name: for `*T` it includes
    /// the methods with pointer receivers; promoted methods of embedded fields are included.
    pub fn method_set(&self, t: TypeId) -> Vec<MethodSetEntry> {
        // Interfaces: their methods.
        if self.is_interface(t) && !self.is_pointer(t) {
            return self
                .interface_methods(t)
                .into_iter()
                .enumerate()
                .map(|(i, m)| MethodSetEntry {
                    obj: m,
                    index: vec![i],
                    indirect: true,
                })
                .collect();
        }
        let (base, is_ptr) = self.deref(t);
        if is_ptr && self.is_interface(base) {
            return Vec::new();
        }
        // Candidate names: every method and field name reachable through embedding; each is
        // then resolved by the ordinary lookup, which applies the depth and ambiguity rules.
        let mut names: Vec<(Box<str>, Option<PackageId>)> = Vec::new();
        let mut stack = vec![(base, 0usize)];
        let mut seen: Vec<TypeId> = Vec::new();
        while let Some((ty, depth)) = stack.pop() {
            if depth > 64 {
                continue;
            }
            if let Some(n) = self.as_named(ty) {
                if seen.contains(&n) {
                    continue;
                }
                seen.push(n);
                if let Type::Named(named) = self.ty(n) {
                    for &m in &named.methods {
                        let o = self.obj(m);
                        names.push((o.name.clone(), o.pkg));
                    }
                }
            }
            match self.ty(self.under(ty)) {
                Type::Struct(s) => {
                    for &f in &s.fields {
                        if self.obj(f).var_info().is_some_and(|v| v.embedded) {
                            stack.push((self.deref(self.obj(f).ty).0, depth + 1));
                        }
                    }
                }
                Type::Interface(_) if depth > 0 => {
                    for m in self.interface_methods(ty) {
                        let o = self.obj(m);
                        names.push((o.name.clone(), o.pkg));
                    }
                }
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for (name, pkg) in names {
            let sel = self.lookup_fold(t, false, pkg, &name, false);
            if let Some(o) = sel.obj
                && matches!(self.obj(o).kind, ObjKind::Func { .. })
                && !out.iter().any(|e: &MethodSetEntry| e.obj == o)
            {
                // As in go/types' method sets, interface methods count as indirect.
                let indirect = sel.indirect || self.is_interface_method(o);
                out.push(MethodSetEntry {
                    obj: o,
                    index: sel.index.unwrap_or_default(),
                    indirect,
                });
            }
        }
        out.sort_by(|a, b| self.obj(a.obj).name.cmp(&self.obj(b.obj).name));
        out
    }

    /// Whether `m` is a method of an interface (its receiver is the interface).
    fn is_interface_method(&self, m: ObjId) -> bool {
        match self.ty(self.obj(m).ty) {
            Type::Signature(sig) => sig.recv.is_some_and(|r| self.is_interface(self.obj(r).ty)),
            _ => false,
        }
    }

    /// Whether function `f` is generic (declared with type parameters). The object does not
    /// record it, so look at the declaration's text: a `[` right after the function's name.
    pub(crate) fn is_generic_func(&self, f: ObjId) -> bool {
        matches!(self.obj(f).kind, ObjKind::Func { .. }) && self.generic.contains(&f)
    }

    /// Type identity ignoring struct tags (conversions).
    pub(crate) fn identical_ignore_tags(&self, x: TypeId, y: TypeId) -> bool {
        let mut depth = 0;
        self.identical_it(x, y, &mut depth)
    }

    fn identical_it(&self, x: TypeId, y: TypeId, depth: &mut u32) -> bool {
        let x = self.unalias(x);
        let y = self.unalias(y);
        if x == y {
            return true;
        }
        if *depth > 200 {
            return self.identical(x, y);
        }
        *depth += 1;
        let r = match (self.ty(x), self.ty(y)) {
            (Type::Struct(a), Type::Struct(b)) => {
                a.fields.len() == b.fields.len()
                    && a.fields.iter().zip(&b.fields).all(|(&f, &g)| {
                        let (f, g) = (self.obj(f), self.obj(g));
                        f.name == g.name
                            && f.var_info().map(|v| v.embedded) == g.var_info().map(|v| v.embedded)
                            && (f.is_exported() || f.pkg == g.pkg)
                            && self.identical_it(f.ty, g.ty, depth)
                    })
            }
            (Type::Array { len: l1, elem: e1 }, Type::Array { len: l2, elem: e2 }) => {
                l1 == l2 && self.identical_it(*e1, *e2, depth)
            }
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.identical_it(*a, *b, depth)
            }
            (Type::Map { key: k1, elem: e1 }, Type::Map { key: k2, elem: e2 }) => {
                self.identical_it(*k1, *k2, depth) && self.identical_it(*e1, *e2, depth)
            }
            (Type::Chan { dir: d1, elem: e1 }, Type::Chan { dir: d2, elem: e2 }) => {
                d1 == d2 && self.identical_it(*e1, *e2, depth)
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(&v, &w)| self.identical_it(self.obj(v).ty, self.obj(w).ty, depth))
            }
            (Type::Signature(a), Type::Signature(b)) => {
                a.variadic == b.variadic
                    && self.identical_it(a.params, b.params, depth)
                    && self.identical_it(a.results, b.results, depth)
            }
            _ => self.identical(x, y),
        };
        *depth -= 1;
        r
    }

    /// Whether the type contains the invalid type in its structure (not through defined types):
    /// the signature of a generic function (its type parameters are opaque) or one with errors.
    pub(crate) fn contains_invalid(&self, t: TypeId) -> bool {
        let mut depth = 0;
        self.contains_invalid_in(t, &mut depth)
    }

    fn contains_invalid_in(&self, t: TypeId, depth: &mut u32) -> bool {
        if *depth > 100 {
            return false;
        }
        *depth += 1;
        let t = self.unalias(t);
        let r = match self.ty(t) {
            Type::Basic { kind, .. } => *kind == BasicKind::Invalid,
            Type::Pointer(e)
            | Type::Slice(e)
            | Type::Array { elem: e, .. }
            | Type::Chan { elem: e, .. } => self.contains_invalid_in(*e, depth),
            Type::Map { key, elem } => {
                self.contains_invalid_in(*key, depth) || self.contains_invalid_in(*elem, depth)
            }
            Type::Tuple(vars) => vars
                .iter()
                .any(|&v| self.contains_invalid_in(self.obj(v).ty, depth)),
            Type::Signature(s) => {
                self.contains_invalid_in(s.params, depth)
                    || self.contains_invalid_in(s.results, depth)
            }
            Type::Struct(s) => s
                .fields
                .iter()
                .any(|&f| self.contains_invalid_in(self.obj(f).ty, depth)),
            Type::Named(_)
            | Type::Interface(_)
            | Type::Alias(_)
            | Type::TypeParam { .. }
            | Type::Union(_) => false,
        };
        *depth -= 1;
        r
    }
}

impl Checker<'_> {
    /// Looks up a field or method and makes sure a method's signature is computed.
    pub(crate) fn lookup_member(&mut self, t: TypeId, addressable: bool, name: &str) -> Selection {
        let sel = self
            .world
            .lookup_field_or_method(t, addressable, Some(self.pkg), name);
        if let Some(o) = sel.obj
            && matches!(self.world.obj(o).kind, ObjKind::Func { .. })
        {
            self.obj_decl(o);
        }
        sel
    }

    /// go/types' `funcString`: `name(params) results`, without parameter names.
    pub(crate) fn func_string(&self, f: ObjId, pkg_info: bool) -> String {
        let o = self.world.obj(f);
        let qf = if pkg_info {
            crate::typestring::Qualifier {
                local: None,
                ambiguous: &[],

                import_names: &[],
            }
        } else {
            self.qualifier()
        };
        let mut s = o.name.to_string();
        let Type::Signature(sig) = self.world.ty(o.ty) else {
            s.push_str("()");
            return s;
        };
        let params = self.world.tuple_vars(sig.params);
        s.push('(');
        for (i, &p) in params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            let pt = self.world.obj(p).ty;
            if sig.variadic && i == params.len() - 1 {
                match self.world.ty(pt) {
                    Type::Slice(elem) => {
                        s.push_str("...");
                        s.push_str(&self.world.type_string(*elem, qf));
                    }
                    _ => {
                        s.push_str(&self.world.type_string(pt, qf));
                        s.push_str("...");
                    }
                }
            } else {
                s.push_str(&self.world.type_string(pt, qf));
            }
        }
        s.push(')');
        let results = self.world.tuple_vars(sig.results);
        match results {
            [] => {}
            [r] if self.world.obj(*r).name.is_empty() => {
                s.push(' ');
                s.push_str(&self.world.type_string(self.world.obj(*r).ty, qf));
            }
            _ => {
                s.push_str(" (");
                for (i, &r) in results.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&self.world.type_string(self.world.obj(r).ty, qf));
                }
                s.push(')');
            }
        }
        s
    }

    /// `type *I is pointer to interface, not interface` (or to a type parameter, which
    /// go/types counts as an interface here).
    pub(crate) fn interface_ptr_error(&self, t: TypeId) -> String {
        let what = match self.world.ty(self.world.under(t)) {
            Type::Pointer(base) if self.world.is_type_param(*base) => "type parameter",
            _ => "interface",
        };
        format!("type {} is pointer to {what}, not {what}", self.type_str(t))
    }

    /// go/types' `missingMethod`: the first method of interface `t` that `v` lacks (or has
    /// with the wrong type), whether it has the wrong type, and the cause in go/types' words.
    /// With `static` unset and `v` an interface, only methods present in both are compared.
    pub(crate) fn missing_method(
        &mut self,
        v: TypeId,
        t: TypeId,
        is_static: bool,
    ) -> Option<(ObjId, bool, String)> {
        self.missing_method_eq(v, t, is_static, &mut |c, a, b| c.world.identical(a, b))
    }

    /// [`Checker::missing_method`] with method signatures compared by `equivalent` (the
    /// unifier's, during inference).
    pub(crate) fn missing_method_eq(
        &mut self,
        v: TypeId,
        t: TypeId,
        is_static: bool,
        equivalent: &mut dyn FnMut(&Checker<'_>, TypeId, TypeId) -> bool,
    ) -> Option<(ObjId, bool, String)> {
        let methods = self.world.interface_methods(t);
        if methods.is_empty() {
            return None;
        }
        #[derive(PartialEq)]
        enum State {
            NotFound,
            WrongName,
            Unexported,
            WrongSig,
            AmbigSel,
            PtrRecv,
            Field,
        }
        let mut state = None;
        let mut missing = methods[0];
        let mut found: Option<ObjId> = None;
        if self.world.is_interface(v) {
            let vmethods = self.world.interface_methods(v);
            for &m in &methods {
                missing = m;
                let (mname, mpkg) = (self.world.obj(m).name.clone(), self.world.obj(m).pkg);
                let f = vmethods
                    .iter()
                    .copied()
                    .find(|&f| self.world.same_id(f, mpkg, &mname, false));
                found = f;
                let Some(f) = f else {
                    if !is_static {
                        continue;
                    }
                    state = Some(State::NotFound);
                    break;
                };
                if !equivalent(self, self.world.obj(f).ty, self.world.obj(m).ty) {
                    state = Some(State::WrongSig);
                    break;
                }
            }
        } else {
            for &m in &methods {
                missing = m;
                found = None;
                let (mname, mpkg) = (self.world.obj(m).name.clone(), self.world.obj(m).pkg);
                let sel = self.world.lookup_impl(v, false, mpkg, &mname, false);
                let Some(obj) = sel.obj else {
                    if sel.index.is_some() {
                        state = Some(State::AmbigSel);
                    } else if sel.indirect {
                        state = Some(State::PtrRecv);
                    } else {
                        state = Some(State::NotFound);
                        let alt = self.world.lookup_impl(v, false, mpkg, &mname, true);
                        if let Some(f) = alt.obj
                            && matches!(self.world.obj(f).kind, ObjKind::Func { .. })
                        {
                            found = Some(f);
                            state = Some(if self.world.obj(f).name == mname {
                                State::Unexported
                            } else {
                                State::WrongName
                            });
                        }
                    }
                    break;
                };
                if !matches!(self.world.obj(obj).kind, ObjKind::Func { .. }) {
                    state = Some(State::Field);
                    break;
                }
                found = Some(obj);
                self.obj_decl(obj);
                if !equivalent(self, self.world.obj(obj).ty, self.world.obj(m).ty) {
                    state = Some(State::WrongSig);
                    break;
                }
            }
        }
        let state = state?;
        if let Some(f) = found {
            self.obj_decl(f);
        }
        let mname = self.world.obj(missing).name.to_string();
        let cause = match state {
            State::NotFound => {
                if self.world.is_interface_ptr(v) {
                    format!("({})", self.interface_ptr_error(v))
                } else if self.world.is_interface_ptr(t) {
                    format!("({})", self.interface_ptr_error(t))
                } else {
                    format!("(missing method {mname})")
                }
            }
            State::WrongName => {
                let f = found.unwrap_or(missing);
                let (fs, ms) = (self.func_string(f, false), self.func_string(missing, false));
                format!("(missing method {mname})\n\t\thave {fs}\n\t\twant {ms}")
            }
            State::Unexported => format!("(unexported method {mname})"),
            State::WrongSig => {
                let f = found.unwrap_or(missing);
                let (mut fs, mut ms) =
                    (self.func_string(f, false), self.func_string(missing, false));
                if fs == ms {
                    fs = self.func_string(f, true);
                    ms = self.func_string(missing, true);
                }
                if fs == ms {
                    format!("(wrong type for method {mname})")
                } else {
                    format!("(wrong type for method {mname})\n\t\thave {fs}\n\t\twant {ms}")
                }
            }
            State::AmbigSel => format!("(ambiguous selector {}.{mname})", self.type_str(v)),
            State::PtrRecv => format!("(method {mname} has pointer receiver)"),
            State::Field => format!("({}.{mname} is a field, not a method)", self.type_str(v)),
        };
        let wrong_type = matches!(state, State::WrongSig | State::PtrRecv);
        Some((missing, wrong_type, cause))
    }

    /// go/types' `hasAllMethods`: `Err(cause)` if `v` lacks a method of `t`; invalid types
    /// and structs with invalid embedded fields have all methods (no follow-on errors).
    pub(crate) fn has_all_methods(
        &mut self,
        v: TypeId,
        t: TypeId,
        is_static: bool,
    ) -> Result<(), String> {
        if !self.world.is_valid(v) {
            return Ok(());
        }
        match self.missing_method(v, t, is_static) {
            None => Ok(()),
            Some(_) if self.has_invalid_embedded_fields(v, &mut Vec::new()) => Ok(()),
            Some((_, _, cause)) => Err(cause),
        }
    }

    fn has_invalid_embedded_fields(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        let s = self.world.under(self.world.deref_struct_ptr(t));
        if seen.contains(&s) {
            return false;
        }
        seen.push(s);
        if let Type::Struct(st) = self.world.ty(s) {
            for &f in &st.fields {
                let fo = self.world.obj(f);
                if fo.var_info().is_some_and(|v| v.embedded)
                    && (!self.world.is_valid(fo.ty)
                        || self.has_invalid_embedded_fields(fo.ty, seen))
                {
                    return true;
                }
            }
        }
        false
    }

    /// go/types' `implements`: whether `v` implements interface `t` (`constraint`: satisfies),
    /// with the cause (`T does not implement I (missing method M)`) on failure.
    pub(crate) fn implements(
        &mut self,
        v: TypeId,
        t: TypeId,
        constraint: bool,
    ) -> Result<(), String> {
        let vu = self.world.under(v);
        let tu = self.world.under(t);
        if !self.world.is_valid(vu) || !self.world.is_valid(tu) {
            return Ok(());
        }
        if let Type::Pointer(base) = self.world.ty(vu)
            && !self.world.is_valid(self.world.under(*base))
        {
            return Ok(());
        }
        let verb = if constraint { "satisfy" } else { "implement" };
        let Type::Interface(ti) = self.world.ty(tu) else {
            let detail = if self.world.is_interface_ptr(tu) {
                format!(
                    "type {} is pointer to interface, not interface",
                    self.type_str(t)
                )
            } else {
                format!("{} is not an interface", self.type_str(t))
            };
            return Err(format!(
                "{} does not {verb} {} ({detail})",
                self.type_str(v),
                self.type_str(t)
            ));
        };
        let t_comparable = ti.comparable || self.world.interface_is_comparable(tu);
        if !t_comparable && self.world.interface_methods(tu).is_empty() {
            return Ok(());
        }
        if let Err(cause) = self.has_all_methods(v, t, true) {
            return Err(format!(
                "{} does not {verb} {} {cause}",
                self.type_str(v),
                self.type_str(t)
            ));
        }
        if t_comparable && !self.world.strictly_comparable(v) {
            if constraint && self.world.spec_comparable(v) {
                if self.allow_version(20) {
                    return Ok(());
                }
                return Err(format!(
                    "{} to {verb} comparable requires go1.20 or later",
                    self.type_str(v)
                ));
            }
            return Err(format!("{} does not {verb} comparable", self.type_str(v)));
        }
        Ok(())
    }

    /// go/types' `assertableTo`: whether a value of interface type `v` may hold a `t` (for
    /// `x.(T)`); the cause otherwise (`(missing method M)`).
    pub(crate) fn assertable_to(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        if self.world.is_interface(t) {
            return Ok(());
        }
        self.has_all_methods(t, v, false)
    }

    /// Whether `x` is assignable to a variable of type `t` (go/types' `assignableTo`); on
    /// failure, the cause for the message (may be empty).
    pub(crate) fn assignable_to(&mut self, x: &Operand, t: TypeId) -> Result<(), String> {
        if x.is_invalid() || !self.world.is_valid(t) {
            return Ok(());
        }
        let v = self.world.unalias(x.ty);
        let t = self.world.unalias(t);
        if self.world.identical(v, t) {
            return Ok(());
        }
        let vu = self.world.under(v);
        let tu = self.world.under(t);
        if self.world.is_untyped(vu) {
            return match self.implicit_type_and_value(x, t) {
                Ok(_) => Ok(()),
                Err(_) => Err(String::new()),
            };
        }
        if self.world.identical(vu, tu) && (!self.world.has_name(v) || !self.world.has_name(t)) {
            return Ok(());
        }
        if matches!(self.world.ty(tu), Type::Interface(_)) || self.world.is_interface_ptr(tu) {
            return self.implements(v, t, false);
        }
        if matches!(self.world.ty(vu), Type::Interface(_)) && self.implements(t, v, false).is_ok() {
            return Err("need type assertion".into());
        }
        if let (
            Type::Chan {
                dir: ChanDir::Both,
                elem: ve,
            },
            Type::Chan { elem: te, .. },
        ) = (self.world.ty(vu), self.world.ty(tu))
            && self.world.identical(*ve, *te)
        {
            return if !self.world.has_name(v) || !self.world.has_name(t) {
                Ok(())
            } else {
                Err(String::new())
            };
        }
        // Type parameters: every type of the type set must be assignable; the cause names
        // the first that is not (nested causes follow on their own lines).
        let (vp, tp) = (self.world.is_type_param(v), self.world.is_type_param(t));
        let chain = |msg: String, inner: String| {
            if inner.is_empty() {
                msg
            } else {
                format!("{msg}\n\t{inner}")
            }
        };
        if tp && !self.world.has_name(v) {
            for pair in self.type_set_pairs(t) {
                let Some((tt, _)) = pair else {
                    return Err(String::new());
                };
                if let Err(inner) = self.assignable_to(x, tt) {
                    let msg = format!(
                        "cannot assign {} to {} (in {})",
                        self.type_str(v),
                        self.type_str(tt),
                        self.type_str(t)
                    );
                    return Err(chain(msg, inner));
                }
            }
            return Ok(());
        }
        if vp && !self.world.has_name(t) {
            let mut x2 = x.clone();
            for pair in self.type_set_pairs(v) {
                let Some((vt, _)) = pair else {
                    return Err(String::new());
                };
                x2.ty = vt;
                if let Err(inner) = self.assignable_to(&x2, t) {
                    let msg = format!(
                        "cannot assign {} (in {}) to {}",
                        self.type_str(vt),
                        self.type_str(v),
                        self.type_str(t)
                    );
                    return Err(chain(msg, inner));
                }
            }
            return Ok(());
        }
        Err(String::new())
    }

    /// A new empty interface type (`interface{}`, printed so, unlike `any`).
    pub(crate) fn empty_interface(&mut self) -> TypeId {
        self.world.new_type(Type::Interface(Box::new(Interface {
            all_methods: Some(Vec::new()),
            ..Default::default()
        })))
    }
}
