//! What an editor asks of a type without checking anything: every field and method a selector
//! `x.f` can select (with promotion through embedded fields), and whether a value of one type
//! would be assignable to another, for ranking completions by the type the cursor expects.
//!
//! Both are pure functions of the [`World`]. The enumeration defers to the checker's own lookup
//! ([`World::lookup_field_or_method`]) for every candidate name, so depth, ambiguity, pointer
//! receivers and unexported names of other packages follow go/types' rules exactly.

use crate::objects::{ObjId, ObjKind};
use crate::types::{BasicKind, Type, TypeId};
use crate::world::{PackageId, World};

/// A field or method `x.f` can select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The field (a variable) or method (a function).
    pub obj: ObjId,
    /// The path of embedded fields walked through; the last entry is the index of the member
    /// in the type declaring it, so `index.len() - 1` is the promotion depth.
    pub index: Vec<usize>,
    /// Whether a pointer was dereferenced on the way.
    pub indirect: bool,
}

impl Member {
    /// How many embedded fields the member is promoted through (0: declared by the type).
    pub fn depth(&self) -> usize {
        self.index.len().saturating_sub(1)
    }
}

/// More embedded levels than any real code has; a guard against pathological types.
const MAX_DEPTH: usize = 64;

impl World {
    /// The fields and methods a selector on a value of type `t` can select, as seen from
    /// package `pkg` (unexported members of other packages are left out). `addressable`: the
    /// value is addressable, so methods with pointer receivers count for a `T` too. Sorted by
    /// promotion depth, then name.
    pub fn members(&self, t: TypeId, addressable: bool, pkg: Option<PackageId>) -> Vec<Member> {
        let mut names: Vec<Box<str>> = Vec::new();
        let (base, _) = self.deref(t);
        let mut stack = vec![(base, 0usize)];
        let mut seen: Vec<TypeId> = Vec::new();
        while let Some((ty, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                continue;
            }
            if let Some(n) = self.as_named(ty) {
                if seen.contains(&n) {
                    continue;
                }
                seen.push(n);
                if let Type::Named(named) = self.ty(n) {
                    names.extend(named.methods.iter().map(|&m| self.obj(m).name.clone()));
                }
            }
            let mut u = self.under(ty);
            // A type parameter's members are its constraint's methods.
            if let Type::TypeParam { bound, .. } = self.ty(u) {
                u = self.under(*bound);
            }
            match self.ty(u) {
                Type::Struct(s) => {
                    for &f in &s.fields {
                        let field = self.obj(f);
                        names.push(field.name.clone());
                        if field.var_info().is_some_and(|v| v.embedded) {
                            stack.push((self.deref(field.ty).0, depth + 1));
                        }
                    }
                }
                // A pointer to a pointer (or a named pointer type's base) selects nothing more
                // than the lookup finds; interfaces contribute their method set.
                Type::Interface(_) => {
                    names.extend(
                        self.interface_methods(u)
                            .into_iter()
                            .map(|m| self.obj(m).name.clone()),
                    );
                }
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        let mut out: Vec<Member> = Vec::new();
        for name in names {
            if &*name == "_" {
                continue;
            }
            let sel = self.lookup_field_or_method(t, addressable, pkg, &name);
            let (Some(obj), Some(index)) = (sel.obj, sel.index) else {
                continue;
            };
            if !out.iter().any(|m| m.obj == obj) {
                out.push(Member {
                    obj,
                    index,
                    indirect: sel.indirect,
                });
            }
        }
        out.sort_by(|a, b| {
            (a.depth(), &self.obj(a.obj).name).cmp(&(b.depth(), &self.obj(b.obj).name))
        });
        out
    }

    /// Whether a value of type `v` would be assignable to a variable of type `t`, by the
    /// spec's rules, without the checker: untyped constants are taken as representable, and
    /// interface satisfaction compares method signatures by identity. Good for ranking; the
    /// checker's own assignability is the one that reports errors. Invalid types are not
    /// assignable to anything.
    pub fn assignable_for_ranking(&self, v: TypeId, t: TypeId) -> bool {
        if !self.is_valid(v) || !self.is_valid(t) {
            return false;
        }
        let (v, t) = (self.unalias(v), self.unalias(t));
        if self.identical(v, t) {
            return true;
        }
        let (vu, tu) = (self.under(v), self.under(t));
        if let Some(kind) = self.basic_kind(vu).filter(|k| k.is_untyped()) {
            if self.is_interface(tu) && !self.is_type_param(t) {
                // Untyped values take their default type in an interface (nil: any interface).
                return kind == BasicKind::UntypedNil
                    || self.interface_methods(tu).is_empty()
                    || self.assignable_for_ranking(self.default_type(vu), t);
            }
            return match kind {
                BasicKind::UntypedNil => self.has_nil(t),
                BasicKind::UntypedBool => self.is_boolean(tu),
                BasicKind::UntypedString => self.is_string(tu),
                BasicKind::UntypedInt | BasicKind::UntypedRune => self.is_numeric(tu),
                BasicKind::UntypedFloat => self.is_float(tu) || self.is_complex(tu),
                BasicKind::UntypedComplex => self.is_complex(tu),
                _ => false,
            };
        }
        if self.identical(vu, tu) && (!self.has_name(v) || !self.has_name(t)) {
            return true;
        }
        if matches!(self.ty(tu), Type::Interface(_)) && !self.is_type_param(t) {
            return self.has_methods_of(v, tu);
        }
        // A bidirectional channel to a directional one of the same element type.
        if let (
            Type::Chan {
                dir: crate::types::ChanDir::Both,
                elem: ve,
            },
            Type::Chan { elem: te, .. },
        ) = (self.ty(vu), self.ty(tu))
        {
            return self.identical(*ve, *te) && (!self.has_name(v) || !self.has_name(t));
        }
        false
    }

    /// Whether `v` has every method of interface `iface`, with identical signatures.
    fn has_methods_of(&self, v: TypeId, iface: TypeId) -> bool {
        if self.is_interface_ptr(v) {
            return false;
        }
        self.interface_methods(iface).into_iter().all(|m| {
            let want = self.obj(m);
            let found = self.lookup_field_or_method(v, false, want.pkg, &want.name);
            found.obj.is_some_and(|f| {
                matches!(self.obj(f).kind, ObjKind::Func { .. })
                    && self.identical(self.obj(f).ty, want.ty)
            })
        })
    }
}
