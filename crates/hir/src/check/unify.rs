//! Type unification for inference (go/types' unify.go): whether two types can be made
//! identical by binding the type parameters being inferred, with go/types' modes. In
//! `ASSIGN` mode the top level follows assignability (a defined type matches a type literal
//! through its underlying type, a bidirectional channel matches a directional one) and the
//! elements must match exactly; in `INEXACT` mode that leniency reaches every level; in
//! `EXACT` mode types must be identical. Interfaces unify through their methods (go1.21's
//! interface inference).

use super::Checker;
use crate::types::{ChanDir, Type, TypeId};

pub(crate) const INEXACT: u8 = 0;
pub(crate) const ASSIGN: u8 = 1;
pub(crate) const EXACT: u8 = 2;

/// How deep unification goes before giving up (cyclic or absurdly nested types).
const DEPTH_LIMIT: u32 = 50;

/// The unifier's state: the type parameters being inferred and what they are bound to.
pub(crate) struct Unifier<'t> {
    pub tparams: &'t [TypeId],
    pub targs: Vec<Option<TypeId>>,
    /// Interfaces unify through their methods (go1.21 and later).
    pub interfaces: bool,
}

impl Unifier<'_> {
    pub(crate) fn index(&self, c: &Checker<'_>, t: TypeId) -> Option<usize> {
        let t = c.world.unalias(t);
        self.tparams.iter().position(|&p| p == t)
    }

    /// The type bound to parameter `i`, following parameters bound to parameters.
    fn at(&self, c: &Checker<'_>, mut i: usize) -> Option<TypeId> {
        for _ in 0..=self.tparams.len() {
            let t = self.targs[i]?;
            match self.index(c, t) {
                Some(j) if j != i => i = j,
                Some(_) => return None,
                None => return Some(t),
            }
        }
        None
    }

    /// The representative of parameter `i`: itself, or the unbound parameter it is joined to.
    fn root(&self, c: &Checker<'_>, mut i: usize) -> usize {
        for _ in 0..=self.tparams.len() {
            match self.targs[i].and_then(|t| self.index(c, t)) {
                Some(j) if j != i => i = j,
                _ => break,
            }
        }
        i
    }
}

impl Checker<'_> {
    /// Unifies `x` with `y` in `mode` (go/types' `nify`).
    pub(crate) fn unify(
        &self,
        u: &mut Unifier<'_>,
        x: TypeId,
        y: TypeId,
        mode: u8,
        depth: u32,
    ) -> bool {
        let w = &*self.world;
        // Unaliased types are compared, but a type parameter is bound to the type as written
        // (its alias name shows in messages, go.dev/issue/67628).
        let (mut xo, mut yo) = (x, y);
        let (mut x, mut y) = (w.unalias(x), w.unalias(y));
        if x == y {
            return true;
        }
        if depth > DEPTH_LIMIT {
            return false;
        }
        let d = depth + 1;
        let named = |t: TypeId| matches!(w.ty(t), Type::Named(_));
        // A defined type or a bound type parameter goes right.
        if named(x) || u.index(self, y).is_some() {
            std::mem::swap(&mut x, &mut y);
            std::mem::swap(&mut xo, &mut yo);
        }
        // Inexact: a defined type matches a type literal through its underlying type.
        if mode & EXACT == 0
            && named(y)
            && self.is_type_lit(x)
            && !(u.interfaces && w.is_interface(x))
        {
            y = w.under(y);
            yo = y;
            if x == y {
                return true;
            }
        }
        match (u.index(self, x), u.index(self, y)) {
            (Some(i), Some(j)) => {
                let (ri, rj) = (u.root(self, i), u.root(self, j));
                if ri == rj {
                    return true;
                }
                match (u.at(self, ri), u.at(self, rj)) {
                    (Some(a), Some(b)) => return self.unify(u, a, b, mode, d),
                    (None, _) => u.targs[ri] = Some(u.tparams[rj]),
                    (Some(_), None) => u.targs[rj] = Some(u.tparams[ri]),
                }
                return true;
            }
            (Some(i), None) => {
                let i = u.root(self, i);
                let Some(bound) = u.at(self, i) else {
                    u.targs[i] = Some(yo);
                    return true;
                };
                if !self.unify(u, bound, y, mode, d) {
                    return false;
                }
                let (bi, yi) = (self.as_interface(bound), self.as_interface(y));
                let (bn, yn) = (named(bound), named(y));
                if bi && yi {
                    if bn && yn {
                        return w.identical(bound, y);
                    }
                    if w.interface_methods(bound).len() != w.interface_methods(y).len() {
                        return false;
                    }
                } else if bi || yi {
                    return false;
                }
                // Inexact: keep the defined type, else a directional channel.
                if mode & EXACT == 0 && !bn {
                    let directional = matches!(
                        w.ty(w.under(y)),
                        Type::Chan { dir, .. } if *dir != ChanDir::Both
                    );
                    if yn || directional {
                        u.targs[i] = Some(yo);
                    }
                }
                return true;
            }
            _ => {}
        }
        if u.interfaces && mode & EXACT == 0 {
            let (xi, yi) = (self.as_interface(x), self.as_interface(y));
            if xi && yi {
                return self.unify_interfaces(u, x, y, d);
            }
            if xi || yi {
                let (iface, other) = if xi { (x, y) } else { (y, x) };
                return self.unify_methods(u, iface, other, d);
            }
        }
        if w.is_type_param(y) && !w.is_type_param(x) {
            std::mem::swap(&mut x, &mut y);
        }
        let emode = if mode & ASSIGN != 0 {
            mode | EXACT
        } else {
            mode
        };
        match (w.ty(x).clone(), w.ty(y).clone()) {
            (Type::Basic { kind: a, .. }, Type::Basic { kind: b, .. }) => a == b,
            (Type::Array { len: l1, elem: a }, Type::Array { len: l2, elem: b }) => {
                (l1.is_none() || l2.is_none() || l1 == l2) && self.unify(u, a, b, emode, d)
            }
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => {
                self.unify(u, a, b, emode, d)
            }
            (Type::Struct(a), Type::Struct(b)) => {
                a.fields.len() == b.fields.len()
                    && a.tags == b.tags
                    && a.fields.iter().zip(&b.fields).all(|(&f, &g)| {
                        let (fo, go) = (w.obj(f), w.obj(g));
                        let embedded =
                            |o: &crate::objects::Object| o.var_info().is_some_and(|v| v.embedded);
                        embedded(fo) == embedded(go)
                            && w.same_id(f, go.pkg, &go.name, false)
                            && self.unify(u, fo.ty, go.ty, emode, d)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => {
                a.len() == b.len()
                    && a.iter().zip(&b).all(|(&v, &t)| {
                        let (vt, tt) = (w.obj(v).ty, w.obj(t).ty);
                        self.unify(u, vt, tt, mode, d)
                    })
            }
            (Type::Signature(a), Type::Signature(b)) => {
                a.variadic == b.variadic
                    && self.unify(u, a.params, b.params, emode, d)
                    && self.unify(u, a.results, b.results, emode, d)
            }
            (Type::Interface(_), Type::Interface(_)) => self.unify_interfaces(u, x, y, d),
            (Type::Map { key: k1, elem: e1 }, Type::Map { key: k2, elem: e2 }) => {
                self.unify(u, k1, k2, emode, d) && self.unify(u, e1, e2, emode, d)
            }
            (Type::Chan { dir: d1, elem: a }, Type::Chan { dir: d2, elem: b }) => {
                (mode & EXACT == 0 || d1 == d2) && self.unify(u, a, b, emode, d)
            }
            (Type::Named(a), Type::Named(b)) => {
                // Type arguments first, so that they are inferred even if the origins
                // differ (for the better message).
                a.type_args.len() == b.type_args.len()
                    && a.type_args
                        .iter()
                        .zip(&b.type_args)
                        .all(|(&p, &q)| self.unify(u, p, q, mode, d))
                    && a.origin.unwrap_or(x) == b.origin.unwrap_or(y)
            }
            (Type::TypeParam { .. }, _) => {
                // A type parameter not being inferred: its core type describes every type
                // argument it may stand for.
                match w.core_type(x) {
                    Some(core) => self.unify(u, core, y, ASSIGN, d),
                    None => false,
                }
            }
            _ => false,
        }
    }

    /// Whether `t` is a type literal: neither a defined type nor a type parameter (basic
    /// types count as literals, as in go/types).
    fn is_type_lit(&self, t: TypeId) -> bool {
        !matches!(
            self.world.ty(self.world.unalias(t)),
            Type::Named(_) | Type::TypeParam { .. }
        )
    }

    /// Whether `t` is an interface that is not a type parameter's constraint.
    fn as_interface(&self, t: TypeId) -> bool {
        !self.world.is_type_param(t) && self.world.is_interface(t)
    }

    /// Two interfaces unify if their type sets have the same terms and comparability and
    /// the methods of one are methods of the other, with signatures that unify exactly.
    fn unify_interfaces(&self, u: &mut Unifier<'_>, x: TypeId, y: TypeId, d: u32) -> bool {
        let w = &*self.world;
        let (xs, ys) = (w.type_set(x), w.type_set(y));
        if xs.comparable != ys.comparable || xs.terms.len() != ys.terms.len() {
            return false;
        }
        let same_terms = xs.terms.iter().all(|a| {
            ys.terms
                .iter()
                .any(|b| a.tilde == b.tilde && w.identical(a.ty, b.ty))
        });
        if !same_terms {
            return false;
        }
        // The smaller method set must be a subset of the larger.
        let (mut xm, mut ym) = (w.interface_methods(x), w.interface_methods(y));
        if xm.len() > ym.len() {
            std::mem::swap(&mut xm, &mut ym);
        }
        xm.iter().all(|&m| {
            let mo = w.obj(m);
            ym.iter()
                .find(|&&f| w.same_id(f, mo.pkg, &mo.name, false))
                .is_some_and(|&f| self.unify(u, mo.ty, w.obj(f).ty, EXACT, d))
        })
    }

    /// An interface and another type unify if the other type has every method of the
    /// interface, with signatures that unify exactly.
    fn unify_methods(&self, u: &mut Unifier<'_>, iface: TypeId, other: TypeId, d: u32) -> bool {
        let w = &*self.world;
        w.interface_methods(iface).iter().all(|&m| {
            let mo = w.obj(m);
            let found = w.lookup_impl(other, false, mo.pkg, &mo.name, false).obj;
            found.is_some_and(|f| {
                matches!(w.obj(f).kind, crate::objects::ObjKind::Func { .. })
                    && self.unify(u, mo.ty, w.obj(f).ty, EXACT, d)
            })
        })
    }
}
