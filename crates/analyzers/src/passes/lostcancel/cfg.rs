//! A control-flow graph of a function body, shaped as golang.org/x/tools/go/cfg builds it:
//! blocks of simple statements and expressions, with the same blocks, edges and reachability,
//! so that path questions ("can this return be reached without passing a use of v?") get go
//! vet's answers.
//!
//! A call that cannot return (`panic`, `os.Exit`, a function whose own graph has no reachable
//! return) ends its block, as go/cfg's `mayReturn` callback decides.

use std::collections::HashMap;

use syntax::ast::{
    BranchKind, CaseClause, Decl, DeclId, Expr, ExprId, File, GenKind, Spec, Stmt, StmtId,
};

/// A node of a block.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Node {
    Stmt(StmtId),
    Expr(ExprId),
    /// The `index`th spec of the `var` declaration `decl`.
    Spec(DeclId, usize),
    /// The implicit return at the end of a body, at its closing brace (this offset).
    Return(u32),
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub nodes: Vec<Node>,
    pub succs: Vec<usize>,
    /// Reachable from the entry block (block 0).
    pub live: bool,
    /// Contains a return or a defer (which may recover and return).
    returns: bool,
}

impl Block {
    /// The return statement ending the block, explicit or implicit.
    pub fn ret(&self, file: &File) -> Option<Node> {
        let last = *self.nodes.last()?;
        match last {
            Node::Stmt(s) if matches!(file.stmt(s), Stmt::Return(_)) => Some(last),
            Node::Return(_) => Some(last),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cfg {
    pub blocks: Vec<Block>,
    /// The body has no reachable return: calling the function never returns.
    pub no_return: bool,
}

/// Builds the graph of `body` (a block statement); `may_return` tells whether a call
/// statement's call may return.
pub fn build(file: &File, body: StmtId, may_return: &mut dyn FnMut(ExprId) -> bool) -> Cfg {
    let mut b = Builder {
        file,
        blocks: Vec::new(),
        current: None,
        labels: HashMap::new(),
        targets: Vec::new(),
        may_return,
    };
    b.current = Some(b.new_block());
    b.stmt(body, None);

    // Reachability from the entry.
    let mut queue = vec![0];
    while let Some(i) = queue.pop() {
        if !b.blocks[i].live {
            b.blocks[i].live = true;
            queue.extend(b.blocks[i].succs.iter().copied());
        }
    }
    // Falling off the end of a reachable block is an implicit return at the closing brace.
    if let Some(cur) = b.current
        && b.blocks[cur].live
    {
        let end = file.stmt_range(body).end.saturating_sub(1);
        b.blocks[cur].returns = true;
        b.blocks[cur].nodes.push(Node::Return(end));
    }
    let no_return = !b.blocks.iter().any(|bl| bl.live && bl.returns);
    Cfg {
        blocks: b.blocks,
        no_return,
    }
}

/// Where `break`, `continue` and `fallthrough` go inside a statement.
#[derive(Clone, Copy, Default)]
struct Targets {
    brk: Option<usize>,
    cont: Option<usize>,
    fall: Option<usize>,
}

/// A label's blocks: the labeled statement, and where `break L` / `continue L` go.
#[derive(Clone, Copy)]
struct Label {
    goto: usize,
    brk: Option<usize>,
    cont: Option<usize>,
}

struct Builder<'a, 'f> {
    file: &'a File,
    blocks: Vec<Block>,
    current: Option<usize>,
    labels: HashMap<Box<str>, Label>,
    targets: Vec<Targets>,
    may_return: &'f mut dyn FnMut(ExprId) -> bool,
}

impl Builder<'_, '_> {
    fn new_block(&mut self) -> usize {
        self.blocks.push(Block::default());
        self.blocks.len() - 1
    }

    /// The current block; after a jump there is none until one is chosen, and anything added
    /// then goes to a fresh, unreachable block.
    fn cur(&mut self) -> usize {
        match self.current {
            Some(c) => c,
            None => {
                let c = self.new_block();
                self.current = Some(c);
                c
            }
        }
    }

    fn add(&mut self, node: Node) {
        let c = self.cur();
        self.blocks[c].nodes.push(node);
    }

    fn jump(&mut self, target: usize) {
        let c = self.cur();
        self.blocks[c].succs.push(target);
        self.current = None;
    }

    fn if_else(&mut self, then: usize, els: usize) {
        let c = self.cur();
        self.blocks[c].succs.extend([then, els]);
        self.current = None;
    }

    fn label(&mut self, name: &str) -> Label {
        if let Some(l) = self.labels.get(name) {
            return *l;
        }
        let l = Label {
            goto: self.new_block(),
            brk: None,
            cont: None,
        };
        self.labels.insert(name.into(), l);
        l
    }

    fn set_label(&mut self, name: Option<&str>, brk: usize, cont: Option<usize>) {
        let Some(name) = name else {
            return;
        };
        if let Some(l) = self.labels.get_mut(name) {
            l.brk = Some(brk);
            if cont.is_some() {
                l.cont = cont;
            }
        }
    }

    fn stmts(&mut self, list: &[StmtId]) {
        for &s in list {
            self.stmt(s, None);
        }
    }

    fn stmt(&mut self, s: StmtId, label: Option<&str>) {
        let file = self.file;
        match file.stmt(s) {
            Stmt::Bad
            | Stmt::Send { .. }
            | Stmt::IncDec { .. }
            | Stmt::Go(_)
            | Stmt::Empty
            | Stmt::Assign { .. } => self.add(Node::Stmt(s)),
            Stmt::Defer(_) => {
                self.add(Node::Stmt(s));
                let c = self.cur();
                self.blocks[c].returns = true;
            }
            Stmt::Expr(x) => {
                self.add(Node::Stmt(s));
                if matches!(file.expr(*x), Expr::Call { .. }) && !(self.may_return)(*x) {
                    self.current = Some(self.new_block());
                }
            }
            Stmt::Decl(d) => {
                if let Decl::Gen(g) = file.decl(*d)
                    && g.kind == GenKind::Var
                {
                    for (i, spec) in g.specs.iter().enumerate() {
                        if matches!(spec, Spec::Value { .. }) {
                            self.add(Node::Spec(*d, i));
                        }
                    }
                }
            }
            Stmt::Labeled { label: name, stmt } => {
                let l = self.label(name.as_str());
                self.jump(l.goto);
                self.current = Some(l.goto);
                self.stmt(*stmt, Some(name.as_str()));
            }
            Stmt::Return(_) => {
                let c = self.cur();
                self.blocks[c].returns = true;
                self.add(Node::Stmt(s));
                self.current = Some(self.new_block());
            }
            Stmt::Branch { kind, label: name } => {
                self.branch(*kind, name.as_ref().map(|n| n.as_str()))
            }
            Stmt::Block { stmts, .. } => self.stmts(stmts),
            Stmt::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(init) = init {
                    self.stmt(*init, None);
                }
                let then_block = self.new_block();
                let done = self.new_block();
                let else_block = match els {
                    Some(_) => self.new_block(),
                    None => done,
                };
                self.add(Node::Expr(*cond));
                self.if_else(then_block, else_block);
                self.current = Some(then_block);
                self.stmt(*then, None);
                self.jump(done);
                if let Some(els) = els {
                    self.current = Some(else_block);
                    self.stmt(*els, None);
                    self.jump(done);
                }
                self.current = Some(done);
            }
            Stmt::Switch { init, tag, clauses } => self.switch(*init, *tag, clauses, label),
            Stmt::TypeSwitch {
                init, x, clauses, ..
            } => self.type_switch(*init, *x, clauses, label),
            Stmt::Select { clauses } => {
                for clause in clauses {
                    if let Some(comm) = clause.comm {
                        self.stmt(comm, None);
                    }
                }
                let done = self.new_block();
                self.set_label(label, done, None);
                let mut default = None;
                for clause in clauses {
                    let Some(comm) = clause.comm else {
                        default = Some(&clause.body);
                        continue;
                    };
                    let body = self.new_block();
                    let next = self.new_block();
                    self.if_else(body, next);
                    self.current = Some(body);
                    self.targets.push(Targets {
                        brk: Some(done),
                        ..Targets::default()
                    });
                    if let Stmt::Assign { lhs, .. } = file.stmt(comm)
                        && let Some(&first) = lhs.first()
                    {
                        self.add(Node::Expr(first));
                    }
                    self.stmts(&clause.body);
                    self.targets.pop();
                    self.jump(done);
                    self.current = Some(next);
                }
                if let Some(body) = default {
                    self.targets.push(Targets {
                        brk: Some(done),
                        ..Targets::default()
                    });
                    self.stmts(body);
                    self.targets.pop();
                    self.jump(done);
                }
                self.current = Some(done);
            }
            Stmt::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(init) = init {
                    self.stmt(*init, None);
                }
                let body_block = self.new_block();
                let done = self.new_block();
                let looping = match cond {
                    Some(_) => self.new_block(),
                    None => body_block,
                };
                let cont = match post {
                    Some(_) => self.new_block(),
                    None => looping,
                };
                self.set_label(label, done, Some(cont));
                self.jump(looping);
                self.current = Some(looping);
                if let Some(cond) = cond {
                    self.add(Node::Expr(*cond));
                    self.if_else(body_block, done);
                    self.current = Some(body_block);
                }
                self.targets.push(Targets {
                    brk: Some(done),
                    cont: Some(cont),
                    fall: None,
                });
                self.stmt(*body, None);
                self.targets.pop();
                self.jump(cont);
                if let Some(post) = post {
                    self.current = Some(cont);
                    self.stmt(*post, None);
                    self.jump(looping);
                }
                self.current = Some(done);
            }
            Stmt::Range {
                key,
                value,
                x,
                body,
                ..
            } => {
                self.add(Node::Expr(*x));
                if let Some(k) = key {
                    self.add(Node::Expr(*k));
                }
                if let Some(v) = value {
                    self.add(Node::Expr(*v));
                }
                let looping = self.new_block();
                self.jump(looping);
                self.current = Some(looping);
                let body_block = self.new_block();
                let done = self.new_block();
                self.if_else(body_block, done);
                self.current = Some(body_block);
                self.set_label(label, done, Some(looping));
                self.targets.push(Targets {
                    brk: Some(done),
                    cont: Some(looping),
                    fall: None,
                });
                self.stmt(*body, None);
                self.targets.pop();
                self.jump(looping);
                self.current = Some(done);
            }
        }
    }

    fn branch(&mut self, kind: BranchKind, label: Option<&str>) {
        let innermost = |targets: &[Targets], f: fn(&Targets) -> Option<usize>| {
            targets.iter().rev().find_map(f)
        };
        let target = match (kind, label) {
            (BranchKind::Break, Some(name)) => self.label(name).brk,
            (BranchKind::Break, None) => innermost(&self.targets, |t| t.brk),
            (BranchKind::Continue, Some(name)) => self.label(name).cont,
            (BranchKind::Continue, None) => innermost(&self.targets, |t| t.cont),
            (BranchKind::Fallthrough, _) => innermost(&self.targets, |t| t.fall),
            (BranchKind::Goto, Some(name)) => Some(self.label(name).goto),
            (BranchKind::Goto, None) => None,
        };
        // An ill-formed branch (no such target) goes nowhere reachable.
        let target = match target {
            Some(t) => t,
            None => self.new_block(),
        };
        self.jump(target);
        self.current = Some(self.new_block());
    }

    fn switch(
        &mut self,
        init: Option<StmtId>,
        tag: Option<ExprId>,
        clauses: &[CaseClause],
        label: Option<&str>,
    ) {
        if let Some(init) = init {
            self.stmt(init, None);
        }
        if let Some(tag) = tag {
            self.add(Node::Expr(tag));
        }
        let done = self.new_block();
        self.set_label(label, done, None);
        let mut default: Option<(&[StmtId], usize, usize)> = None;
        let mut fallthru: Option<usize> = None;
        for (i, clause) in clauses.iter().enumerate() {
            let body = match fallthru {
                Some(b) => b,
                None => self.new_block(),
            };
            let next_fall = if i + 1 < clauses.len() {
                self.new_block()
            } else {
                done
            };
            fallthru = Some(next_fall);
            let Some(list) = &clause.list else {
                default = Some((&clause.body, next_fall, body));
                continue;
            };
            let mut next_cond = None;
            for &cond in list {
                let next = self.new_block();
                self.add(Node::Expr(cond));
                self.if_else(body, next);
                self.current = Some(next);
                next_cond = Some(next);
            }
            self.current = Some(body);
            self.targets.push(Targets {
                brk: Some(done),
                cont: None,
                fall: Some(next_fall),
            });
            self.stmts(&clause.body);
            self.targets.pop();
            self.jump(done);
            self.current = next_cond;
        }
        if let Some((body, fall, block)) = default {
            self.jump(block);
            self.current = Some(block);
            self.targets.push(Targets {
                brk: Some(done),
                cont: None,
                fall: Some(fall),
            });
            self.stmts(body);
            self.targets.pop();
        }
        self.jump(done);
        self.current = Some(done);
    }

    fn type_switch(
        &mut self,
        init: Option<StmtId>,
        x: ExprId,
        clauses: &[CaseClause],
        label: Option<&str>,
    ) {
        if let Some(init) = init {
            self.stmt(init, None);
        }
        self.add(Node::Expr(x));
        let done = self.new_block();
        self.set_label(label, done, None);
        let mut default = None;
        for clause in clauses {
            let Some(list) = &clause.list else {
                default = Some(&clause.body);
                continue;
            };
            let body = self.new_block();
            let mut next = None;
            for _ in list {
                let n = self.new_block();
                self.if_else(body, n);
                self.current = Some(n);
                next = Some(n);
            }
            self.current = Some(body);
            self.type_case_body(&clause.body, done);
            self.current = next;
        }
        match default {
            Some(body) => self.type_case_body(body, done),
            None => self.jump(done),
        }
        self.current = Some(done);
    }

    fn type_case_body(&mut self, body: &[StmtId], done: usize) {
        self.targets.push(Targets {
            brk: Some(done),
            ..Targets::default()
        });
        self.stmts(body);
        self.targets.pop();
        self.jump(done);
    }
}
