//! unreachable: statements that cannot run, after a return, panic, branch, an infinite loop,
//! or an if/else or switch every branch of which ends so.

use std::collections::{HashMap, HashSet};

use hir::objects::{Builtin, ObjKind};
use syntax::TextRange;
use syntax::ast::{BranchKind, Expr, Stmt, StmtId};

use crate::walk;
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unreachable",
    doc: "check for unreachable code\n\n\
          Reports the first statement of a run that no path reaches: one after a return, a \
          panic call, a break, continue, goto or fallthrough, a for loop with no condition \
          and no break, or an if/else, switch or select all of whose branches end that way. \
          The decision is syntactic, as go vet's: calls such as os.Exit are not known to end \
          the function, and a labeled statement some goto targets counts as reachable.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for func in walk::funcs(ast) {
            let Some(body) = func.body(ast) else {
                continue;
            };
            let mut d = Dead {
                pass: &mut *pass,
                file,
                has_break: HashSet::new(),
                has_goto: HashSet::new(),
                labels: HashMap::new(),
                break_target: None,
                reachable: true,
                depth: 0,
            };
            d.find_labels(body);
            d.find_dead(body);
        }
    }
}

struct Dead<'p, 'a> {
    pass: &'p mut Pass<'a>,
    file: usize,
    /// Statements some `break` leaves.
    has_break: HashSet<StmtId>,
    /// Labels some `goto` names.
    has_goto: HashSet<Box<str>>,
    /// Each label's statement.
    labels: HashMap<Box<str>, StmtId>,
    /// The statement an unlabeled `break` leaves here.
    break_target: Option<StmtId>,
    /// Whether the statement about to be looked at can run.
    reachable: bool,
    depth: usize,
}

impl Dead<'_, '_> {
    /// Records labels, gotos, and which statements are broken out of.
    fn find_labels(&mut self, s: StmtId) {
        let ast = self.pass.ast(self.file);
        match ast.stmt(s) {
            Stmt::Block { stmts, .. } => {
                for &s in stmts {
                    self.find_labels(s);
                }
            }
            Stmt::Branch { kind, label } => match kind {
                BranchKind::Goto => {
                    if let Some(label) = label {
                        self.has_goto.insert(label.text.clone());
                    }
                }
                BranchKind::Break => {
                    let target = match label {
                        Some(label) => self.labels.get(&label.text).copied(),
                        None => self.break_target,
                    };
                    if let Some(t) = target {
                        self.has_break.insert(t);
                    }
                }
                _ => {}
            },
            Stmt::If { then, els, .. } => {
                self.find_labels(*then);
                if let Some(els) = els {
                    self.find_labels(*els);
                }
            }
            Stmt::Labeled { label, stmt } => {
                self.labels.insert(label.text.clone(), *stmt);
                self.find_labels(*stmt);
            }
            Stmt::For { body, .. } | Stmt::Range { body, .. } => {
                let outer = self.break_target.replace(s);
                self.find_labels(*body);
                self.break_target = outer;
            }
            Stmt::Select { clauses } => {
                let outer = self.break_target.replace(s);
                for clause in clauses {
                    for &b in &clause.body {
                        self.find_labels(b);
                    }
                }
                self.break_target = outer;
            }
            Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
                let outer = self.break_target.replace(s);
                for clause in clauses {
                    for &b in &clause.body {
                        self.find_labels(b);
                    }
                }
                self.break_target = outer;
            }
            _ => {}
        }
    }

    /// Reports `s` if it cannot run (then assumes it can, to report each dead run once), and
    /// leaves in `reachable` whether the statement after it can run.
    fn find_dead(&mut self, s: StmtId) {
        let ast = self.pass.ast(self.file);
        // A label some goto names is assumed reachable (whether the goto is or not).
        if let Stmt::Labeled { label, .. } = ast.stmt(s)
            && self.has_goto.contains(&label.text)
        {
            self.reachable = true;
        }
        if !self.reachable && !matches!(ast.stmt(s), Stmt::Empty) {
            self.report(s);
            self.reachable = true;
        }
        // Nesting deep enough to overflow is not Go anyone writes; stop looking.
        if self.depth > 1000 {
            return;
        }
        self.depth += 1;
        match ast.stmt(s) {
            Stmt::Block { stmts, .. } => {
                for &s in stmts {
                    self.find_dead(s);
                }
            }
            Stmt::Branch { .. } => self.reachable = false,
            Stmt::Expr(x) if self.is_panic_call(*x) => self.reachable = false,
            Stmt::For { cond, body, .. } => {
                self.find_dead(*body);
                self.reachable = cond.is_some() || self.has_break.contains(&s);
            }
            Stmt::If { then, els, .. } => {
                self.find_dead(*then);
                match els {
                    Some(els) => {
                        let after_then = self.reachable;
                        self.reachable = true;
                        self.find_dead(*els);
                        self.reachable |= after_then;
                    }
                    // The condition may be false.
                    None => self.reachable = true,
                }
            }
            Stmt::Labeled { stmt, .. } => self.find_dead(*stmt),
            Stmt::Range { body, .. } => {
                self.find_dead(*body);
                self.reachable = true;
            }
            Stmt::Return(_) => self.reachable = false,
            Stmt::Select { clauses } => {
                // A select without default blocks until a case runs: no implicit way out.
                let mut any = false;
                for clause in clauses {
                    self.reachable = true;
                    for &b in &clause.body {
                        self.find_dead(b);
                    }
                    any |= self.reachable;
                }
                self.reachable = any || self.has_break.contains(&s);
            }
            Stmt::Switch { clauses, .. } | Stmt::TypeSwitch { clauses, .. } => {
                // A switch without default may run no case.
                let mut any = false;
                let mut has_default = false;
                for clause in clauses {
                    has_default |= clause.list.is_none();
                    self.reachable = true;
                    for &b in &clause.body {
                        self.find_dead(b);
                    }
                    any |= self.reachable;
                }
                self.reachable = any || self.has_break.contains(&s) || !has_default;
            }
            _ => {}
        }
        self.depth -= 1;
    }

    /// `panic(...)` of the builtin, by its bare name (go vet's test is syntactic: a local
    /// `panic` hides the builtin, and so does ours; `(panic)(x)` is not a panic call).
    fn is_panic_call(&self, x: syntax::ast::ExprId) -> bool {
        let ast = self.pass.ast(self.file);
        let Expr::Call { fun, .. } = ast.expr(x) else {
            return false;
        };
        let Expr::Name(name) = ast.expr(*fun) else {
            return false;
        };
        if name.as_str() != "panic" {
            return false;
        }
        match self.pass.object_of(self.file, name) {
            Some(obj) => matches!(
                self.pass.world.obj(obj).kind,
                ObjKind::Builtin(Builtin::Panic)
            ),
            None => true,
        }
    }

    fn report(&mut self, s: StmtId) {
        let ast = self.pass.ast(self.file);
        let range = ast.stmt_range(s);
        let fix = Fix {
            message: "Remove".to_string(),
            edits: vec![Edit {
                file: self.file,
                range: deletion(&self.pass.files[self.file].text, range),
                new_text: String::new(),
            }],
        };
        self.pass
            .report_with_fixes(self.file, range, "unreachable code", vec![fix]);
    }
}

/// What to delete to remove the statement at `range`: its whole lines when nothing else is on
/// them, else just the statement.
fn deletion(text: &str, range: TextRange) -> TextRange {
    let bytes = text.as_bytes();
    let (start, end) = (range.start as usize, range.end as usize);
    if end > bytes.len() || start > end {
        return range;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before_blank = text[line_start..start].trim().is_empty();
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    // A trailing line comment goes with the statement.
    let after = text[end..line_end].trim();
    let after_blank = after.is_empty() || after.starts_with("//");
    if before_blank && after_blank {
        let through_newline = (line_end + 1).min(text.len());
        return TextRange::new(line_start as u32, through_newline as u32);
    }
    range
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unreachable");
    }
}
