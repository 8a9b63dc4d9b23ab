//! Initialization order of package-level variables, and initialization cycles
//! (`initialization cycle for x`), computed as go/types does: a dependency graph of
//! constants, variables and functions with the functions eliminated, then repeatedly the node
//! with the fewest remaining dependencies (source order breaks ties).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::Checker;
use super::decl::DeclKind;
use crate::objects::ObjId;

struct Node {
    obj: ObjId,
    succ: BTreeSet<usize>,
    pred: BTreeSet<usize>,
    is_func: bool,
}

impl Checker<'_> {
    /// Reports initialization cycles. (The order itself is not needed by any client yet.)
    pub(crate) fn init_order(&mut self) {
        let mut objs: Vec<ObjId> = self
            .decls
            .iter()
            .filter(|(_, d)| !matches!(d.kind, DeclKind::Type { .. }))
            .map(|(&o, _)| o)
            .collect();
        objs.sort_by_key(|&o| self.world.obj(o).order);
        let index: HashMap<ObjId, usize> = objs.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut nodes: Vec<Node> = objs
            .iter()
            .map(|&o| Node {
                obj: o,
                succ: BTreeSet::new(),
                pred: BTreeSet::new(),
                is_func: matches!(self.decls[&o].kind, DeclKind::Func { .. }),
            })
            .collect();
        for (i, &o) in objs.iter().enumerate() {
            for d in &self.decls[&o].deps {
                if let Some(&j) = index.get(d) {
                    nodes[i].succ.insert(j);
                    nodes[j].pred.insert(i);
                }
            }
        }
        // Eliminate function nodes, cheapest first, connecting their predecessors to their
        // successors.
        let mut funcs: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].is_func).collect();
        funcs.sort_by_key(|&i| (nodes[i].succ.len() * nodes[i].pred.len(), i));
        let mut removed = vec![false; nodes.len()];
        for n in funcs {
            let preds: Vec<usize> = nodes[n].pred.iter().copied().filter(|&p| p != n).collect();
            let succs: Vec<usize> = nodes[n].succ.iter().copied().filter(|&s| s != n).collect();
            for &p in &preds {
                for &s in &succs {
                    nodes[p].succ.insert(s);
                    nodes[s].pred.insert(p);
                }
                nodes[p].succ.remove(&n);
            }
            for &s in &succs {
                nodes[s].pred.remove(&n);
            }
            removed[n] = true;
        }
        let mut ndeps: Vec<usize> = nodes.iter().map(|n| n.succ.len()).collect();
        let mut queue: BTreeSet<(usize, u32, usize)> = (0..nodes.len())
            .filter(|&i| !removed[i])
            .map(|i| (ndeps[i], self.world.obj(nodes[i].obj).order, i))
            .collect();
        while let Some(first) = queue.pop_first() {
            let (deps, _, n) = first;
            if deps > 0 {
                let obj = nodes[n].obj;
                if let Some(cycle) = self.find_path(obj, obj, &mut HashSet::new()) {
                    self.report_init_cycle(obj, cycle.len());
                }
            }
            let preds: Vec<usize> = nodes[n].pred.iter().copied().collect();
            for p in preds {
                if removed[p] || p == n {
                    continue;
                }
                let key = (ndeps[p], self.world.obj(nodes[p].obj).order, p);
                if queue.remove(&key) {
                    ndeps[p] = ndeps[p].saturating_sub(1);
                    queue.insert((ndeps[p], key.1, p));
                }
            }
        }
    }

    /// A path of dependencies from `from` to `to` (following functions too), if any.
    fn find_path(&self, from: ObjId, to: ObjId, seen: &mut HashSet<ObjId>) -> Option<Vec<ObjId>> {
        if !seen.insert(from) {
            return None;
        }
        let mut deps = self.decls.get(&from)?.deps.clone();
        deps.sort_by_key(|&d| self.world.obj(d).order);
        for d in deps {
            if d == to {
                return Some(vec![d]);
            }
            if let Some(mut path) = self.find_path(d, to, seen) {
                path.insert(0, d);
                return Some(path);
            }
        }
        None
    }

    fn report_init_cycle(&mut self, obj: ObjId, len: usize) {
        let name = self.world.obj(obj).name.clone();
        let msg = if len == 1 {
            format!("initialization cycle: {name} refers to itself")
        } else {
            format!("initialization cycle for {name}")
        };
        self.error_at_obj(obj, msg);
    }
}
