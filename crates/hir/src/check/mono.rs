//! Instantiation cycles (go/types' monomorph.go): a generic function or type that
//! instantiates itself with ever larger type arguments (`func f[P any]() { f[[]P]() }`)
//! cannot be compiled by monomorphization, so Go rejects it. The type parameters of the
//! package are the vertices of a graph; instantiating `P` with a type mentioning `Q` adds an
//! edge `Q -> P` of weight 0 when the argument is `Q` itself and 1 when `Q` is nested inside.
//! A cycle of positive weight is an instantiation cycle.

use std::collections::HashMap;

use syntax::TextRange;

use super::Checker;
use crate::types::{Type, TypeId};

/// One instantiation of a type parameter: `dst` instantiated with a type mentioning `src`.
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    src: TypeId,
    dst: TypeId,
    weight: u32,
    /// The type argument, and where it was written (as a message shows it).
    typ: TypeId,
    at: String,
}

/// The graph's edges, and receiver type parameters mapped to their base type's.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mono {
    pub edges: Vec<Edge>,
    pub canon: HashMap<TypeId, TypeId>,
}

impl Checker<'_> {
    /// Records that `tparams` were instantiated with `targs` at `at` (go/types'
    /// `recordInstance`); type parameters of other packages are ignored (a cycle stays
    /// within one package).
    pub(crate) fn record_instance(&mut self, tparams: &[TypeId], targs: &[TypeId], at: TextRange) {
        for (&tp, &targ) in tparams.iter().zip(targs) {
            let tp = self.canon_tparam(tp);
            if !self.is_local_tparam(tp) {
                continue;
            }
            let mut sources = Vec::new();
            self.tparams_in(targ, &mut sources, 0);
            for src in sources {
                let weight = u32::from(self.world.unalias(targ) != src);
                let src = self.canon_tparam(src);
                self.mono.edges.push(Edge {
                    src,
                    dst: tp,
                    weight,
                    typ: targ,
                    at: self.offset_position(at.start),
                });
            }
        }
    }

    fn canon_tparam(&self, tp: TypeId) -> TypeId {
        self.mono.canon.get(&tp).copied().unwrap_or(tp)
    }

    fn is_local_tparam(&self, tp: TypeId) -> bool {
        match self.world.ty(tp) {
            Type::TypeParam { obj, .. } => self.world.obj(*obj).pkg == Some(self.pkg),
            _ => false,
        }
    }

    /// The type parameters `t` mentions (go/types' walk of the type argument).
    fn tparams_in(&self, t: TypeId, out: &mut Vec<TypeId>, depth: u32) {
        if depth > 64 {
            return;
        }
        let d = depth + 1;
        let w = &*self.world;
        let t = w.unalias(t);
        match w.ty(t) {
            Type::TypeParam { .. } => out.push(t),
            Type::Named(n) => {
                for &a in &n.type_args {
                    self.tparams_in(a, out, d);
                }
            }
            Type::Pointer(e) | Type::Slice(e) | Type::Array { elem: e, .. } => {
                self.tparams_in(*e, out, d)
            }
            Type::Chan { elem, .. } => self.tparams_in(*elem, out, d),
            Type::Map { key, elem } => {
                self.tparams_in(*key, out, d);
                self.tparams_in(*elem, out, d);
            }
            Type::Tuple(vars) => {
                for &v in vars {
                    self.tparams_in(w.obj(v).ty, out, d);
                }
            }
            Type::Signature(s) => {
                self.tparams_in(s.params, out, d);
                self.tparams_in(s.results, out, d);
            }
            Type::Struct(s) => {
                for &f in &s.fields {
                    self.tparams_in(w.obj(f).ty, out, d);
                }
            }
            Type::Interface(i) => {
                for &m in &i.methods {
                    self.tparams_in(w.obj(m).ty, out, d);
                }
                for &e in &i.embeddeds {
                    self.tparams_in(e, out, d);
                }
            }
            Type::Union(terms) => {
                for term in terms {
                    self.tparams_in(term.ty, out, d);
                }
            }
            _ => {}
        }
    }

    /// Reports an instantiation cycle, if any (go/types' `monomorph`): the longest paths
    /// keep growing past as many rounds as there are vertices only around a positive cycle.
    pub(crate) fn mono_check(&mut self) {
        let edges = &self.mono.edges;
        if edges.is_empty() {
            return;
        }
        let mut index: HashMap<TypeId, usize> = HashMap::new();
        for e in edges {
            let n = index.len();
            index.entry(e.src).or_insert(n);
            let n = index.len();
            index.entry(e.dst).or_insert(n);
        }
        let nv = index.len();
        let mut dist = vec![0u64; nv];
        let mut pre: Vec<Option<usize>> = vec![None; nv];
        for round in 0..=nv {
            let mut changed = None;
            for (k, e) in edges.iter().enumerate() {
                let (s, t) = (index[&e.src], index[&e.dst]);
                let d = dist[s] + u64::from(e.weight);
                if d > dist[t] {
                    dist[t] = d;
                    pre[t] = Some(k);
                    changed = Some(t);
                }
            }
            let Some(v) = changed else { return };
            if round == nv {
                self.report_instance_loop(v, &index, &pre);
                return;
            }
        }
    }

    fn report_instance_loop(
        &mut self,
        mut v: usize,
        index: &HashMap<TypeId, usize>,
        pre: &[Option<usize>],
    ) {
        // Walk back along the path until a vertex repeats: that one is on the cycle.
        let mut seen = vec![false; pre.len()];
        let mut stack = Vec::new();
        while !seen[v] {
            seen[v] = true;
            stack.push(v);
            let Some(k) = pre[v] else { return };
            v = index[&self.mono.edges[k].src];
        }
        while stack.first().is_some_and(|&s| s != v) {
            stack.remove(0);
        }
        let vertex = |i: usize| index.iter().find(|e| *e.1 == i).map(|e| *e.0);
        let Some(tp) = vertex(v) else { return };
        let Type::TypeParam { obj, .. } = *self.world.ty(tp) else {
            return;
        };
        let mut msg = "instantiation cycle:".to_string();
        for &s in &stack {
            let Some(k) = pre[s] else { continue };
            let e = self.mono.edges[k].clone();
            let name = match self.world.ty(e.dst) {
                Type::TypeParam { obj, .. } => self.world.obj(*obj).name.to_string(),
                _ => continue,
            };
            let ts = self.type_str(e.typ);
            msg.push_str(&format!("\n\t{}: {name} instantiated as {ts}", e.at));
        }
        self.error_at_obj(obj, msg);
    }
}
