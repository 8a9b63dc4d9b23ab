//! Sizes, alignments and field offsets of types as the gc compiler lays them out (go/types'
//! `gcSizes`), per GOARCH: amd64 by default, 4-byte words on 386, arm, mips and friends.

use std::collections::HashMap;

use crate::types::{BasicKind, Type, TypeId};
use crate::world::World;

/// The layout parameters of an architecture.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sizes {
    pub word: i64,
    pub max_align: i64,
}

impl Sizes {
    /// gc's sizes for `goarch` (go/types' `gcArchSizes`); unknown architectures get amd64's.
    pub(crate) fn for_arch(goarch: Option<&str>) -> Sizes {
        let (word, max_align) = match goarch {
            Some("386" | "arm" | "mips" | "mipsle") => (4, 4),
            Some("amd64p32") => (4, 8),
            _ => (8, 8),
        };
        Sizes { word, max_align }
    }

    fn basic_size(kind: BasicKind) -> i64 {
        use BasicKind::*;
        match kind {
            Bool | Int8 | Uint8 => 1,
            Int16 | Uint16 => 2,
            Int32 | Uint32 | Float32 => 4,
            Int64 | Uint64 | Float64 | Complex64 => 8,
            Complex128 => 16,
            _ => 0,
        }
    }

    /// `unsafe.Alignof`; at least 1.
    pub(crate) fn alignof(&self, world: &World, t: TypeId) -> i64 {
        Layout::new(world, *self).alignof(t, 0)
    }

    /// `unsafe.Sizeof`; -1 if the type is too large.
    pub(crate) fn sizeof(&self, world: &World, t: TypeId) -> i64 {
        Layout::new(world, *self).sizeof(t, 0)
    }

    /// The offset of the field at `index` (a path through embedded fields) in struct `t`.
    pub(crate) fn offsetof(&self, world: &World, mut t: TypeId, index: &[usize]) -> i64 {
        let mut offs: i64 = 0;
        for &i in index {
            let Type::Struct(s) = world.ty(world.under(t)) else {
                return -1;
            };
            let Some(&d) = Layout::new(world, *self).offsetsof(&s.fields, 0).get(i) else {
                return -1;
            };
            if d < 0 {
                return -1;
            }
            offs = match offs.checked_add(d) {
                Some(o) => o,
                None => return -1,
            };
            t = world.obj(s.fields[i]).ty;
        }
        offs
    }
}

/// One layout computation, with sizes and alignments memoized per type (a type nested in
/// several places is measured once, so deep nesting stays linear).
struct Layout<'a> {
    world: &'a World,
    sizes: Sizes,
    size_cache: HashMap<TypeId, i64>,
    align_cache: HashMap<TypeId, i64>,
}

impl<'a> Layout<'a> {
    fn new(world: &'a World, sizes: Sizes) -> Layout<'a> {
        Layout {
            world,
            sizes,
            size_cache: HashMap::new(),
            align_cache: HashMap::new(),
        }
    }

    fn alignof(&mut self, t: TypeId, depth: u32) -> i64 {
        if let Some(&a) = self.align_cache.get(&t) {
            return a;
        }
        let a = self.alignof_uncached(t, depth);
        self.align_cache.insert(t, a);
        a
    }

    fn alignof_uncached(&mut self, t: TypeId, depth: u32) -> i64 {
        if depth > 500 {
            return 1;
        }
        let world = self.world;
        let u = world.under(t);
        match world.ty(u) {
            Type::Array { elem, .. } => return self.alignof(*elem, depth + 1),
            Type::Struct(s) => {
                if s.fields.is_empty() && is_sync_atomic_align64(world, t) {
                    return 8;
                }
                let mut max = 1;
                for &f in &s.fields {
                    let a = self.alignof(world.obj(f).ty, depth + 1);
                    if a > max {
                        max = a;
                    }
                }
                return max;
            }
            Type::Slice(_) | Type::Interface(_) => return self.sizes.word,
            Type::Basic { kind, .. } if kind.is_string() => return self.sizes.word,
            _ => {}
        }
        let mut a = self.sizeof(t, depth + 1);
        if a < 1 {
            return 1;
        }
        if world.is_complex(t) {
            a /= 2;
        }
        a.min(self.sizes.max_align)
    }

    /// The offsets of `fields` in a struct; -1 for offsets too large.
    fn offsetsof(&mut self, fields: &[crate::objects::ObjId], depth: u32) -> Vec<i64> {
        let mut offsets = Vec::with_capacity(fields.len());
        let mut offs: i64 = 0;
        for &f in fields {
            if offs < 0 {
                offsets.push(-1);
                continue;
            }
            let ft = self.world.obj(f).ty;
            let a = self.alignof(ft, depth + 1);
            offs = align(offs, a);
            offsets.push(offs);
            let d = self.sizeof(ft, depth + 1);
            if d >= 0 && offs >= 0 {
                offs = offs.checked_add(d).unwrap_or(-1);
            } else {
                offs = -1;
            }
        }
        offsets
    }

    fn sizeof(&mut self, t: TypeId, depth: u32) -> i64 {
        if let Some(&s) = self.size_cache.get(&t) {
            return s;
        }
        let s = self.sizeof_uncached(t, depth);
        self.size_cache.insert(t, s);
        s
    }

    fn sizeof_uncached(&mut self, t: TypeId, depth: u32) -> i64 {
        if depth > 500 {
            return 0;
        }
        let world = self.world;
        let u = world.under(t);
        match world.ty(u) {
            Type::Basic { kind, .. } => {
                let s = Sizes::basic_size(*kind);
                if s > 0 {
                    return s;
                }
                if *kind == BasicKind::String {
                    return self.sizes.word * 2;
                }
            }
            Type::Array { len, elem } => {
                let n = len.unwrap_or(0) as i64;
                if n <= 0 {
                    return 0;
                }
                let esize = self.sizeof(*elem, depth + 1);
                if esize < 0 {
                    return -1;
                }
                if esize == 0 {
                    return 0;
                }
                return esize.checked_mul(n).unwrap_or(-1);
            }
            Type::Slice(_) => return self.sizes.word * 3,
            Type::Struct(s) => {
                let n = s.fields.len();
                if n == 0 {
                    return 0;
                }
                let offsets = self.offsetsof(&s.fields, depth + 1);
                let offs = offsets[n - 1];
                let mut size = self.sizeof(world.obj(s.fields[n - 1]).ty, depth + 1);
                if offs < 0 || size < 0 {
                    return -1;
                }
                if offs > 0 && size == 0 {
                    size = 1;
                }
                let Some(total) = offs.checked_add(size) else {
                    return -1;
                };
                return align(total, self.alignof(t, depth + 1));
            }
            Type::Interface(_) => return self.sizes.word * 2,
            _ => {}
        }
        self.sizes.word
    }
}

/// `x` rounded up to a multiple of `a` (overflow gives a negative result, as in go/types).
fn align(x: i64, a: i64) -> i64 {
    let a = a.max(1);
    let y = x.wrapping_add(a - 1);
    y - y.rem_euclid(a)
}

/// sync/atomic's `align64`: an empty struct that asks for 64-bit alignment.
fn is_sync_atomic_align64(world: &World, t: TypeId) -> bool {
    let t = world.unalias(t);
    let Type::Named(n) = world.ty(t) else {
        return false;
    };
    let obj = world.obj(n.obj);
    &*obj.name == "align64"
        && obj.pkg.is_some_and(|p| {
            matches!(
                &*world.package(p).path,
                "sync/atomic" | "internal/runtime/atomic"
            )
        })
}

/// Whether the size of `t` is not known yet: it contains a defined type whose declaration is
/// still in progress through a cycle (go/types' `hasVarSize`, without type parameters).
pub(crate) fn has_var_size(world: &World, t: TypeId, seen: &mut Vec<(TypeId, bool)>) -> bool {
    let tu = world.unalias(t);
    let named = matches!(world.ty(tu), Type::Named(_));
    if named {
        if let Some(&(_, v)) = seen.iter().find(|(n, _)| *n == tu) {
            return v;
        }
        seen.push((tu, true));
    }
    let u = world.under(t);
    let r = match world.ty(u) {
        Type::Array { elem, .. } => has_var_size(world, *elem, seen),
        Type::Struct(s) => s
            .fields
            .iter()
            .any(|&f| has_var_size(world, world.obj(f).ty, seen)),
        // A type parameter's size depends on its type argument.
        Type::TypeParam { .. } => true,
        _ => false,
    };
    if named && let Some(e) = seen.iter_mut().find(|(n, _)| *n == tu) {
        e.1 = r;
    }
    r
}
