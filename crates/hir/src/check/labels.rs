//! Labels: declarations, unused labels, and the targets of break, continue and goto (jumps
//! over variable declarations, into blocks) (go/types' labels.go). Runs once per function
//! body that contains a label or a labeled branch, after its statements were checked.

use std::collections::HashMap;

use syntax::TextRange;
use syntax::ast::{self, AssignOp, BranchKind, Decl, GenKind, Name, Stmt, StmtId};

use super::Checker;
use crate::objects::{ObjId, ObjKind, Object};
use crate::types::ids;

/// All labels of a function body (they have function scope).
#[derive(Default)]
struct LabelScope {
    labels: HashMap<Box<str>, ObjId>,
}

/// A block of statements, for the targets of `goto` (labels of this and enclosing blocks)
/// and of `break`/`continue` (enclosing labeled statements).
struct Block<'p, 'a> {
    parent: Option<&'p Block<'p, 'a>>,
    /// The labeled statement this block belongs to: (label, the statement it labels).
    lstmt: Option<(&'a Name, StmtId)>,
    /// Labels declared in this block: name -> labeled statement.
    labels: HashMap<&'a str, StmtId>,
}

impl Block<'_, '_> {
    fn goto_target(&self, name: &str) -> Option<StmtId> {
        let mut b = Some(self);
        while let Some(block) = b {
            if let Some(&s) = block.labels.get(name) {
                return Some(s);
            }
            b = block.parent;
        }
        None
    }

    fn enclosing_target(&self, name: &str) -> Option<StmtId> {
        let mut b = Some(self);
        while let Some(block) = b {
            if let Some((label, s)) = block.lstmt
                && label.as_str() == name
            {
                return Some(s);
            }
            b = block.parent;
        }
        None
    }
}

/// A `goto` whose label is not (yet) known: the label name.
type FwdJump<'a> = &'a Name;

impl<'a> Checker<'a> {
    /// Checks the labels of a function `body`.
    pub(crate) fn labels(&mut self, body: StmtId) {
        let ast = self.ast();
        let Stmt::Block { stmts, .. } = ast.stmt(body) else {
            return;
        };
        let mut all = LabelScope::default();
        let fwd = self.block_branches(&mut all, None, None, stmts);

        // Forward jumps left over: the label was never declared, or it is inside a block the
        // goto cannot see.
        for jmp in fwd {
            let name = jmp.as_str();
            if let Some(&lbl) = all.labels.get(name) {
                self.world.obj_mut(lbl).used = true; // avoid another error
                self.error(jmp.range, format!("goto {name} jumps into block"));
            } else {
                self.error(jmp.range, format!("label {name} not declared"));
            }
        }

        // spec: "It is illegal to define a label that is never used."
        let mut unused: Vec<ObjId> = all
            .labels
            .values()
            .copied()
            .filter(|&l| !self.world.obj(l).used)
            .collect();
        unused.sort_by_key(|&l| self.world.obj(l).pos.offset);
        for lbl in unused {
            let o = self.world.obj(lbl);
            let range = TextRange::new(o.pos.offset, o.pos.offset + o.name.len() as u32);
            let msg = format!("label {} declared and not used", o.name);
            self.soft_error(range, msg);
        }
    }

    fn block_branches<'p>(
        &mut self,
        all: &mut LabelScope,
        parent: Option<&'p Block<'p, 'a>>,
        lstmt: Option<(&'a Name, StmtId)>,
        list: &'a [StmtId],
    ) -> Vec<FwdJump<'a>> {
        let mut b = Block {
            parent,
            lstmt,
            labels: HashMap::new(),
        };
        let mut st = BranchState::default();
        for &s in list {
            self.stmt_branches(all, &mut b, &mut st, None, s);
        }
        st.fwd_jumps
    }

    fn stmt_branches(
        &mut self,
        all: &mut LabelScope,
        b: &mut Block<'_, 'a>,
        st: &mut BranchState<'a>,
        lstmt: Option<(&'a Name, StmtId)>,
        s: StmtId,
    ) {
        let ast: &'a ast::File = self.ast();
        match ast.stmt(s) {
            Stmt::Decl(d) => {
                if let Decl::Gen(g) = ast.decl(*d)
                    && g.kind == GenKind::Var
                {
                    st.record_var_decl(g.range.start);
                }
            }
            Stmt::Labeled { label, stmt } => {
                let mut lstmt = lstmt;
                if !label.is_blank() {
                    let name = label.as_str();
                    let lbl = self.world.new_obj(Object {
                        name: name.into(),
                        kind: ObjKind::Label,
                        ty: ids::INVALID,
                        pkg: Some(self.pkg),
                        pos: self.pos(label.range.start),
                        parent: None,
                        used: false,
                        order: 0,
                    });
                    if let Some(&alt) = all.labels.get(name) {
                        let other = self.position_string(alt);
                        self.soft_error(
                            label.range,
                            format!("label {name} already declared\n\t{other}: other declaration of {name}"),
                        );
                    } else {
                        all.labels.insert(name.into(), lbl);
                        b.labels.insert(name, *stmt);
                        self.record_def(label, lbl);
                    }
                    // Resolve matching forward jumps.
                    let mut remaining = Vec::new();
                    for jmp in std::mem::take(&mut st.fwd_jumps) {
                        if jmp.as_str() == name {
                            self.world.obj_mut(lbl).used = true;
                            self.record_use(jmp.range.start, lbl);
                            if let Some(line) = st.jumps_over_var_decl(jmp) {
                                let line = self.line_of(line);
                                self.soft_error(
                                    jmp.range,
                                    format!(
                                        "goto {name} jumps over variable declaration at line {line}"
                                    ),
                                );
                            }
                        } else {
                            remaining.push(jmp);
                        }
                    }
                    st.fwd_jumps = remaining;
                    lstmt = Some((label, *stmt));
                }
                self.stmt_branches(all, b, st, lstmt, *stmt);
            }
            Stmt::Branch {
                kind,
                label: Some(label),
            } => {
                let name = label.as_str();
                match kind {
                    BranchKind::Break => {
                        // spec: "If there is a label, it must be that of an enclosing "for",
                        // "switch", or "select" statement".
                        let valid = b.enclosing_target(name).is_some_and(|t| {
                            matches!(
                                ast.stmt(t),
                                Stmt::Switch { .. }
                                    | Stmt::TypeSwitch { .. }
                                    | Stmt::Select { .. }
                                    | Stmt::For { .. }
                                    | Stmt::Range { .. }
                            )
                        });
                        if !valid {
                            self.error(label.range, format!("invalid break label {name}"));
                            return;
                        }
                    }
                    BranchKind::Continue => {
                        let valid = b.enclosing_target(name).is_some_and(|t| {
                            matches!(ast.stmt(t), Stmt::For { .. } | Stmt::Range { .. })
                        });
                        if !valid {
                            self.error(label.range, format!("invalid continue label {name}"));
                            return;
                        }
                    }
                    BranchKind::Goto => {
                        if b.goto_target(name).is_none() {
                            // The label may be declared later.
                            st.fwd_jumps.push(label);
                            return;
                        }
                    }
                    BranchKind::Fallthrough => return,
                }
                if let Some(&lbl) = all.labels.get(name) {
                    self.world.obj_mut(lbl).used = true;
                    self.record_use(label.range.start, lbl);
                }
            }
            Stmt::Assign {
                op: AssignOp::Define,
                ..
            } => {
                st.record_var_decl(ast.stmt_range(s).start);
            }
            Stmt::Block { stmts, .. } => {
                let fwd = self.block_branches(all, Some(b), lstmt, stmts);
                st.fwd_jumps.extend(fwd);
            }
            Stmt::If { then, els, .. } => {
                self.stmt_branches(all, b, st, lstmt, *then);
                if let Some(els) = els {
                    self.stmt_branches(all, b, st, lstmt, *els);
                }
            }
            Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
                // The switch body is a block of case clauses, each a block of its own.
                let body = Block {
                    parent: Some(b),
                    lstmt,
                    labels: HashMap::new(),
                };
                for cc in clauses {
                    let fwd = self.block_branches(all, Some(&body), None, &cc.body);
                    st.fwd_jumps.extend(fwd);
                }
            }
            Stmt::Select { clauses } => {
                let body = Block {
                    parent: Some(b),
                    lstmt,
                    labels: HashMap::new(),
                };
                for cc in clauses {
                    let fwd = self.block_branches(all, Some(&body), None, &cc.body);
                    st.fwd_jumps.extend(fwd);
                }
            }
            Stmt::For { body, .. } | Stmt::Range { body, .. } => {
                self.stmt_branches(all, b, st, lstmt, *body);
            }
            _ => {}
        }
    }
}

/// Per-block bookkeeping of forward jumps and the variable declarations they may jump over.
#[derive(Default)]
struct BranchState<'a> {
    fwd_jumps: Vec<FwdJump<'a>>,
    /// The position of the latest variable declaration in the block.
    var_decl_pos: Option<u32>,
    /// The forward jumps pending when that declaration was seen.
    bad_jumps: Vec<FwdJump<'a>>,
}

impl<'a> BranchState<'a> {
    /// All forward jumps so far possibly jump over the variable declaration at `pos` (they
    /// may still leave the block and be fine).
    fn record_var_decl(&mut self, pos: u32) {
        self.var_decl_pos = Some(pos);
        self.bad_jumps = self.fwd_jumps.clone();
    }

    fn jumps_over_var_decl(&self, jmp: FwdJump<'a>) -> Option<u32> {
        let pos = self.var_decl_pos?;
        self.bad_jumps
            .iter()
            .any(|&j| std::ptr::eq(j, jmp))
            .then_some(pos)
    }
}
