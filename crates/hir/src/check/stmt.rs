//! Statements: function bodies, blocks, if/for/range/switch/type switch/select, go/defer,
//! return, inc/dec, send, expression statements, branch statements; unused variables
//! (go/types' stmt.go).
//!
//! Submodules: `switch` (expression and type switches, select), `range` (range clauses).

mod range;
mod switch;

use syntax::TextRange;
use syntax::ast::{AssignOp, BranchKind, Expr, ExprId, Stmt, StmtId, UnaryOp};

use super::Checker;
use crate::objects::{ObjId, ObjKind};
use crate::operand::{Mode, Operand};
use crate::types::{Type, TypeId};
use crate::world::ScopeId;

/// Which control-flow statements are permitted where a statement is checked, plus context
/// for messages (go/types' `stmtContext`).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct StmtContext(u8);

impl StmtContext {
    pub(crate) const BREAK_OK: StmtContext = StmtContext(1);
    pub(crate) const CONTINUE_OK: StmtContext = StmtContext(2);
    pub(crate) const FALLTHROUGH_OK: StmtContext = StmtContext(4);
    pub(crate) const FINAL_SWITCH_CASE: StmtContext = StmtContext(8);
    pub(crate) const IN_TYPE_SWITCH: StmtContext = StmtContext(16);

    pub(crate) fn has(self, flag: StmtContext) -> bool {
        self.0 & flag.0 != 0
    }

    pub(crate) fn with(self, flag: StmtContext) -> StmtContext {
        StmtContext(self.0 | flag.0)
    }

    pub(crate) fn without(self, flag: StmtContext) -> StmtContext {
        StmtContext(self.0 & !flag.0)
    }
}

/// What a call or receive expression is, for expression, go and defer statements (go/types'
/// `exprKind`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ExprKind {
    Conversion,
    Expression,
    Statement,
}

impl Checker<'_> {
    /// Checks the body of a function with signature `sig` (parameters declared in a new
    /// function scope nested in `self.env.scope`).
    pub(crate) fn func_body(&mut self, name: &str, sig: TypeId, body: StmtId) {
        let _ = name;
        let saved = self.env.clone();
        self.env.sig = Some(sig);
        self.env.has_label = false;
        let scope = self.env.scope;
        let first_scope = self.world.scopes.len() as u32;
        let ast = self.ast();
        // The body block shares the function scope (parameters and top-level declarations of
        // the body conflict).
        let (stmts, rbrace) = match ast.stmt(body) {
            Stmt::Block { stmts, rbrace } => (stmts.as_slice(), *rbrace),
            _ => (&[][..], None),
        };
        self.stmt_list(StmtContext::default(), stmts);

        if self.env.has_label {
            self.labels(body);
        }

        let has_results = match self.world.ty(sig) {
            Type::Signature(s) => !self.world.tuple_vars(s.results).is_empty(),
            _ => false,
        };
        // Without a closing brace the body is broken; the parser said so already.
        if has_results
            && let Some(rbrace) = rbrace
            && !self.is_terminating(body, None)
        {
            self.error(TextRange::new(rbrace, rbrace + 1), "missing return");
        }

        // spec: "Implementation restriction: A compiler may make it illegal to declare a
        // variable inside a function body if the variable is never used."
        self.usage(scope, first_scope);
        self.env = saved;
    }

    /// Reports the unused local variables of the function whose scope is `func_scope`: those
    /// of its blocks, not of the function literals inside (they have their own body check).
    /// The blocks are the scopes created since `first_scope`, while the body was checked.
    fn usage(&mut self, func_scope: ScopeId, first_scope: u32) {
        let nscopes = self.world.scopes.len() as u32;
        let mut unused: Vec<ObjId> = Vec::new();
        for id in std::iter::once(func_scope.0).chain(first_scope.max(func_scope.0 + 1)..nscopes) {
            let sid = ScopeId(id);
            if !self.in_function(sid, func_scope) {
                continue;
            }
            for &obj in self.world.scope(sid).names.values() {
                let o = self.world.obj(obj);
                if let ObjKind::Var(info) = o.kind
                    && !info.is_param
                    && !info.is_field
                    && !o.used
                    && o.parent == Some(sid)
                {
                    unused.push(obj);
                }
            }
        }
        unused.sort_by_key(|&v| self.world.obj(v).pos.offset);
        for v in unused {
            let o = self.world.obj(v);
            let range = TextRange::new(o.pos.offset, o.pos.offset + o.name.len() as u32);
            let msg = format!("declared and not used: {}", o.name);
            self.soft_error(range, msg);
        }
    }

    /// Whether block scope `s` belongs to the function with scope `func_scope` (and not to a
    /// function literal nested in it).
    fn in_function(&self, mut s: ScopeId, func_scope: ScopeId) -> bool {
        loop {
            if s == func_scope {
                return true;
            }
            let scope = self.world.scope(s);
            if scope.is_func {
                return false;
            }
            match scope.parent {
                Some(p) if p.0 >= func_scope.0 => s = p,
                _ => return false,
            }
        }
    }

    /// Checks a list of statements; trailing empty statements do not count for `fallthrough`.
    pub(crate) fn stmt_list(&mut self, ctxt: StmtContext, list: &[StmtId]) {
        let ok = ctxt.has(StmtContext::FALLTHROUGH_OK);
        let inner = ctxt.without(StmtContext::FALLTHROUGH_OK);
        let ast = self.ast();
        let n = list
            .iter()
            .rposition(|&s| !matches!(ast.stmt(s), Stmt::Empty))
            .map_or(0, |i| i + 1);
        for (i, &s) in list[..n].iter().enumerate() {
            let ctxt = if ok && i + 1 == n {
                inner.with(StmtContext::FALLTHROUGH_OK)
            } else {
                inner
            };
            self.stmt(ctxt, s);
        }
        // Trailing empty statements have nothing to check.
    }

    /// An optional init or post statement.
    fn simple_stmt(&mut self, s: Option<StmtId>) {
        if let Some(s) = s {
            self.stmt(StmtContext::default(), s);
        }
    }

    /// Checks statement `s`; function literals found in it are checked at its end, before the
    /// enclosing scope changes.
    pub(crate) fn stmt(&mut self, ctxt: StmtContext, s: StmtId) {
        let top = self.delayed.len();
        let scope = self.env.scope;
        self.stmt_inner(ctxt, s);
        self.env.scope = scope;
        self.process_delayed(top);
    }

    fn stmt_inner(&mut self, ctxt: StmtContext, s: StmtId) {
        let ast = self.ast();
        // The context for statements of inner blocks.
        let inner = ctxt
            .without(StmtContext::FALLTHROUGH_OK)
            .without(StmtContext::FINAL_SWITCH_CASE)
            .without(StmtContext::IN_TYPE_SWITCH);
        match ast.stmt(s) {
            Stmt::Bad | Stmt::Empty => {}
            Stmt::Decl(d) => self.decl_stmt(*d),
            Stmt::Labeled { stmt, .. } => {
                self.env.has_label = true;
                self.stmt(ctxt, *stmt);
            }
            Stmt::Expr(e) => self.expr_stmt(*e),
            Stmt::Send { chan, value } => self.send_stmt(*chan, *value),
            Stmt::IncDec { x, inc } => self.inc_dec_stmt(*x, *inc),
            Stmt::Assign { lhs, op, rhs } => self.assign_stmt(s, lhs, *op, rhs),
            Stmt::Go(call) => self.suspended_call("go", *call),
            Stmt::Defer(call) => self.suspended_call("defer", *call),
            Stmt::Return(results) => self.return_stmt(s, results),
            Stmt::Branch { kind, label } => {
                if label.is_some() {
                    // Checked with the labels of the function.
                    self.env.has_label = true;
                    return;
                }
                let range = ast.stmt_range(s);
                match kind {
                    BranchKind::Break => {
                        if !ctxt.has(StmtContext::BREAK_OK) {
                            self.error(range, "break not in for, switch, or select statement");
                        }
                    }
                    BranchKind::Continue => {
                        if !ctxt.has(StmtContext::CONTINUE_OK) {
                            self.error(range, "continue not in for statement");
                        }
                    }
                    BranchKind::Fallthrough => {
                        if !ctxt.has(StmtContext::FALLTHROUGH_OK) {
                            let msg = if ctxt.has(StmtContext::FINAL_SWITCH_CASE) {
                                "cannot fallthrough final case in switch"
                            } else if ctxt.has(StmtContext::IN_TYPE_SWITCH) {
                                "cannot fallthrough in type switch"
                            } else {
                                "fallthrough statement out of place"
                            };
                            self.error(range, msg);
                        }
                    }
                    // A goto always has a label (else the parser complained).
                    BranchKind::Goto => {}
                }
            }
            Stmt::Block { stmts, .. } => {
                self.open_scope(ast.stmt_range(s));
                self.stmt_list(inner, stmts);
                self.close_scope();
            }
            Stmt::If {
                init,
                cond,
                then,
                els,
            } => {
                self.open_scope(ast.stmt_range(s));
                self.simple_stmt(*init);
                let x = self.expr(*cond);
                if !x.is_invalid() && !self.world.is_boolean(x.ty) {
                    self.error_at(*cond, "non-boolean condition in if statement");
                }
                self.stmt(inner, *then);
                if let Some(els) = els
                    && matches!(ast.stmt(*els), Stmt::If { .. } | Stmt::Block { .. })
                {
                    self.stmt(inner, *els);
                }
                self.close_scope();
            }
            Stmt::Switch { init, tag, clauses } => {
                let range = ast.stmt_range(s);
                self.switch_stmt(
                    inner.with(StmtContext::BREAK_OK),
                    range,
                    *init,
                    *tag,
                    clauses,
                );
            }
            Stmt::TypeSwitch {
                init,
                bind,
                x,
                clauses,
            } => {
                let inner = inner
                    .with(StmtContext::BREAK_OK)
                    .with(StmtContext::IN_TYPE_SWITCH);
                let range = ast.stmt_range(s);
                self.type_switch_stmt(inner, range, *init, bind.as_ref(), *x, clauses);
            }
            Stmt::Select { clauses } => {
                self.select_stmt(inner.with(StmtContext::BREAK_OK), clauses)
            }
            Stmt::For {
                init,
                cond,
                post,
                body,
            } => {
                let inner = inner
                    .with(StmtContext::BREAK_OK)
                    .with(StmtContext::CONTINUE_OK);
                self.open_scope(ast.stmt_range(s));
                self.simple_stmt(*init);
                if let Some(cond) = cond {
                    let x = self.expr(*cond);
                    if !x.is_invalid() && !self.world.is_boolean(x.ty) {
                        self.error_at(*cond, "non-boolean condition in for statement");
                    }
                }
                self.simple_stmt(*post);
                // spec: "The init statement may be a short variable declaration, but the post
                // statement must not."
                if let Some(post) = post
                    && let Stmt::Assign {
                        lhs,
                        op: AssignOp::Define,
                        ..
                    } = ast.stmt(*post)
                {
                    let range = ast.stmt_range(*post);
                    self.soft_error(range, "cannot declare in post statement");
                    // Use the lhs so that its variables are not reported unused as well.
                    self.use_exprs(lhs);
                }
                self.stmt(inner, *body);
                self.close_scope();
            }
            Stmt::Range {
                key,
                value,
                define,
                x,
                body,
            } => {
                let inner = inner
                    .with(StmtContext::BREAK_OK)
                    .with(StmtContext::CONTINUE_OK);
                self.range_stmt(inner, s, *key, *value, *define, *x, *body);
            }
        }
    }

    /// An expression statement: only calls and receives may stand alone.
    fn expr_stmt(&mut self, e: ExprId) {
        let x = self.raw_expr(e, None);
        let msg = match x.mode {
            Mode::Builtin(_) => "must be called",
            Mode::TypeExpr => "is not an expression",
            _ => {
                if self.expr_kind(e) == ExprKind::Statement {
                    return;
                }
                "is not used"
            }
        };
        let s = self.operand_str(&x);
        self.error_op(&x, format!("{s} {msg}"));
    }

    /// Whether `e` (already evaluated) is a call, a conversion, or another expression: what
    /// go/types' `rawExpr` returns, found again from the recorded facts.
    fn expr_kind(&self, e: ExprId) -> ExprKind {
        let ast = self.ast();
        match ast.expr(self.unparen(e)) {
            Expr::Call { fun, .. } => {
                let file = self.env.file as u32;
                let f = self.unparen(*fun);
                let is_type = |id: ExprId| {
                    self.info
                        .types
                        .get(&(file, id))
                        .is_some_and(|tv| tv.is_type)
                };
                if is_type(*fun) || is_type(f) {
                    return ExprKind::Conversion;
                }
                let name_offset = match ast.expr(f) {
                    Expr::Name(n) => Some(n.range.start),
                    Expr::Selector { sel, .. } => Some(sel.range.start),
                    _ => None,
                };
                if let Some(offset) = name_offset
                    && let Some(&obj) = self.info.uses.get(&(file, offset))
                {
                    match self.world.obj(obj).kind {
                        ObjKind::Builtin(b) => {
                            return if b.is_statement() {
                                ExprKind::Statement
                            } else {
                                ExprKind::Expression
                            };
                        }
                        ObjKind::TypeName => return ExprKind::Conversion,
                        _ => {}
                    }
                }
                ExprKind::Statement
            }
            Expr::Unary {
                op: UnaryOp::Recv, ..
            } => ExprKind::Statement,
            _ => ExprKind::Expression,
        }
    }

    /// `ch <- v`.
    fn send_stmt(&mut self, chan: ExprId, value: ExprId) {
        let ch = self.expr(chan);
        let mut val = self.expr(value);
        if ch.is_invalid() || val.is_invalid() {
            return;
        }
        let (from, to) = (self.expr_range(chan).end, self.expr_range(value).start);
        let arrow = self.find_token(from, to, "<-").unwrap_or(from);
        // The channel's element type, reporting at the arrow (go/types' chanElem reports at
        // the statement).
        let res = self.common_under(ch.ty, |c, pair| {
            let Some((t, u)) = pair else {
                return Some("no specific channel type".into());
            };
            match c.world.ty(u) {
                Type::Chan {
                    dir: crate::types::ChanDir::Recv,
                    ..
                } => Some(format!("receive-only channel {}", c.type_str(t))),
                Type::Chan { .. } => None,
                _ => Some(format!("non-channel {}", c.type_str(t))),
            }
        });
        match res {
            Ok(u) => {
                if let Type::Chan { elem, .. } = self.world.ty(u) {
                    let elem = *elem;
                    self.assignment(&mut val, Some(elem), "send");
                }
            }
            Err(cause) => {
                let msg = self.chan_op_error(&ch, false, &cause);
                self.error(TextRange::new(arrow, arrow + 2), msg);
            }
        }
    }

    /// `x++`, `x--`.
    fn inc_dec_stmt(&mut self, xe: ExprId, inc: bool) {
        let x = self.expr(xe);
        if x.is_invalid() {
            return;
        }
        if !self.world.is_numeric(x.ty) {
            let (es, tok, ts) = (
                self.expr_string(xe),
                if inc { "++" } else { "--" },
                self.type_str(x.ty),
            );
            self.error_at(
                xe,
                format!("invalid operation: {es}{tok} (non-numeric type {ts})"),
            );
            return;
        }
        // x op 1 has x's type (the constant 1 converts to any numeric type).
        let mut x = self.inc_dec_result(x);
        if x.is_invalid() {
            return;
        }
        self.assign_var(xe, None, Some(&mut x), "assignment");
    }

    /// The value of `x + 1` for `x++` (go/types evaluates `x op 1` with a literal 1 at x's
    /// position through `binary`).
    fn inc_dec_result(&mut self, mut x: Operand) -> Operand {
        if !x.is_constant() {
            x.mode = Mode::Value;
        }
        x
    }

    /// `=`, `:=` and `op=`.
    fn assign_stmt(&mut self, s: StmtId, lhs: &[ExprId], op: AssignOp, rhs: &[ExprId]) {
        let range = self.ast().stmt_range(s);
        match op {
            AssignOp::Assign | AssignOp::Define => {
                if lhs.is_empty() {
                    return; // the parser complained
                }
                if op == AssignOp::Define {
                    let from = lhs.last().map_or(range.start, |&e| self.expr_range(e).end);
                    let to = rhs.first().map_or(range.end, |&e| self.expr_range(e).start);
                    let pos = self.find_token(from, to, ":=").unwrap_or(from);
                    self.short_var_decl(TextRange::new(pos, pos + 2), lhs, rhs);
                } else {
                    self.assign_vars(lhs, rhs);
                }
            }
            AssignOp::Op(op) => {
                let tok = format!("{}=", op.as_str());
                if lhs.len() != 1 || rhs.len() != 1 {
                    let from = lhs.last().map_or(range.start, |&e| self.expr_range(e).end);
                    let to = rhs.first().map_or(range.end, |&e| self.expr_range(e).start);
                    let pos = self.find_token(from, to, &tok).unwrap_or(from);
                    self.error(
                        TextRange::new(pos, pos + tok.len() as u32),
                        format!("assignment operation {tok} requires single-valued expressions"),
                    );
                    return;
                }
                let mut x = self.binary(None, lhs[0], rhs[0], op);
                if x.is_invalid() {
                    return;
                }
                self.assign_var(lhs[0], None, Some(&mut x), "assignment");
            }
        }
    }

    /// `go f()` / `defer f()`: the operand must be a call, and its result is discarded.
    fn suspended_call(&mut self, keyword: &str, call: ExprId) {
        // A parenthesized call is reported by the parser, and checked as if unparenthesized;
        // anything but a call is a syntax error.
        let call = self.unparen(call);
        if !matches!(self.ast().expr(call), Expr::Call { .. }) {
            return;
        }
        let x = self.raw_expr(call, None);
        let msg = match self.expr_kind(call) {
            ExprKind::Conversion => "requires function call, not conversion",
            ExprKind::Expression => "discards result of",
            ExprKind::Statement => return,
        };
        let s = self.operand_str(&x);
        self.error_op(&x, format!("{keyword} {msg} {s}"));
    }

    /// `return results...`.
    fn return_stmt(&mut self, s: StmtId, results: &[ExprId]) {
        let res: Vec<ObjId> = match self.env.sig.map(|sig| self.world.ty(sig)) {
            Some(Type::Signature(sig)) => self.world.tuple_vars(sig.results).to_vec(),
            _ => Vec::new(),
        };
        // A return without results is allowed for a function with named results (if one is
        // named, all are).
        if results.is_empty()
            && res
                .first()
                .is_some_and(|&v| !self.world.obj(v).name.is_empty())
        {
            // spec: "Implementation restriction: A compiler may disallow an empty expression
            // list in a "return" statement if a different entity (constant, type, or variable)
            // with the same name as a result parameter is in scope at the place of the
            // return."
            for obj in res {
                let name = self.world.obj(obj).name.clone();
                if let Some((_, alt)) = self.world.lookup_parent(self.env.scope, &name)
                    && alt != obj
                {
                    let range = self.ast().stmt_range(s);
                    let at = self.position_string(alt);
                    let desc = self.var_string(obj);
                    self.error(
                        range,
                        format!("result parameter {name} not in scope at return\n\t{at}: inner declaration of {desc}"),
                    );
                }
            }
            return;
        }
        self.init_vars(&res, results, Some(s));
    }

    // ---- helpers ----

    /// The offset of token `tok` in the current file between `from` and `to`, outside
    /// comments.
    pub(crate) fn find_token(&self, from: u32, to: u32, tok: &str) -> Option<u32> {
        let text = self.files[self.env.file].text.as_bytes();
        let to = (to as usize).min(text.len());
        let mut i = from as usize;
        while i < to {
            if text[i..].starts_with(b"//") {
                while i < to && text[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            if text[i..].starts_with(b"/*") {
                i += 2;
                while i < to && !text[i..].starts_with(b"*/") {
                    i += 1;
                }
                i += 2;
                continue;
            }
            if text[i..].starts_with(tok.as_bytes()) {
                return Some(i as u32);
            }
            i += 1;
        }
        None
    }

    /// A variable as go/types' `ObjectString` prints it: `var x int`.
    fn var_string(&self, obj: ObjId) -> String {
        let o = self.world.obj(obj);
        format!("var {} {}", o.name, self.type_str(o.ty))
    }

    /// Whether `e` is the predeclared `nil` (possibly parenthesized).
    pub(crate) fn is_nil_expr(&self, e: ExprId) -> bool {
        match self.ast().expr(self.unparen(e)) {
            Expr::Name(n) => self
                .world
                .lookup_parent(self.env.scope, n.as_str())
                .is_some_and(|(_, obj)| matches!(self.world.obj(obj).kind, ObjKind::Nil)),
            _ => false,
        }
    }
}
