//! A readable, indented rendering of the AST, for fixture tests and debugging.
//!
//! One node per line: `Kind@start..end` followed by its scalar data; children indented below.
//! The format is for people reading a diff, not for machines.

use std::fmt::Write;

use crate::ast::*;

/// Renders `file` as an indented tree.
pub fn dump(file: &File) -> String {
    let mut d = Dumper {
        file,
        out: String::new(),
        indent: 0,
    };
    if let Some(package) = &file.package {
        d.line(format_args!("package {}", package.text));
    }
    for import in &file.imports {
        let name = import
            .name
            .as_ref()
            .map_or(String::new(), |n| format!("{} ", n.text));
        d.line(format_args!(
            "import {name}{:?}@{:?}",
            import.path.as_deref().unwrap_or("<bad>"),
            import.range
        ));
    }
    for &decl in &file.decls {
        d.decl(decl);
    }
    for error in &file.errors {
        d.line(format_args!("error@{:?} {}", error.range, error.message));
    }
    for error in &file.check_errors {
        d.line(format_args!(
            "check error@{:?} {}",
            error.range, error.message
        ));
    }
    d.out
}

struct Dumper<'f> {
    file: &'f File,
    out: String,
    indent: usize,
}

impl Dumper<'_> {
    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.indent += 1;
        f(self);
        self.indent -= 1;
    }

    fn decl(&mut self, id: DeclId) {
        match self.file.decl(id) {
            Decl::Func(func) => {
                self.line(format_args!("FuncDecl {}@{:?}", func.name.text, func.range));
                self.nested(|d| {
                    if let Some(recv) = &func.recv {
                        d.fields("recv", std::slice::from_ref(recv));
                    }
                    d.fields("type_params", &func.type_params);
                    d.func_type(&func.sig);
                    if let Some(body) = func.body {
                        d.stmt(body);
                    }
                });
            }
            Decl::Gen(gen_decl) => {
                self.line(format_args!("{:?}Decl@{:?}", gen_decl.kind, gen_decl.range));
                self.nested(|d| {
                    for spec in &gen_decl.specs {
                        d.spec(spec);
                    }
                });
            }
        }
    }

    fn spec(&mut self, spec: &Spec) {
        match spec {
            Spec::Value {
                names,
                ty,
                values,
                iota,
                range,
            } => {
                self.line(format_args!(
                    "ValueSpec {} iota={iota}@{range:?}",
                    names_str(names)
                ));
                self.nested(|d| {
                    if let Some(ty) = ty {
                        d.expr(*ty);
                    }
                    for &v in values {
                        d.expr(v);
                    }
                });
            }
            Spec::Type {
                name,
                type_params,
                alias,
                ty,
                range,
            } => {
                let kind = if *alias { "AliasSpec" } else { "TypeSpec" };
                self.line(format_args!("{kind} {}@{range:?}", name.text));
                self.nested(|d| {
                    d.fields("type_params", type_params);
                    d.expr(*ty);
                });
            }
        }
    }

    fn fields(&mut self, label: &str, fields: &[Field]) {
        if fields.is_empty() {
            return;
        }
        self.line(format_args!("{label}"));
        self.nested(|d| {
            for field in fields {
                let embedded = if field.embedded { " embedded" } else { "" };
                let tag = field
                    .tag
                    .as_deref()
                    .map_or(String::new(), |t| format!(" tag={t}"));
                d.line(format_args!(
                    "Field {}{embedded}{tag}@{:?}",
                    names_str(&field.names),
                    field.range
                ));
                d.nested(|d| d.expr(field.ty));
            }
        });
    }

    fn func_type(&mut self, sig: &FuncType) {
        self.fields("params", &sig.params);
        self.fields("results", &sig.results);
    }

    fn expr(&mut self, id: ExprId) {
        let r = self.file.expr_range(id);
        match self.file.expr(id) {
            Expr::Bad => self.line(format_args!("Bad@{r:?}")),
            Expr::Name(name) => self.line(format_args!("Name {}@{r:?}", name.text)),
            Expr::BasicLit { kind, value } => self.line(format_args!("{kind:?}Lit {value}@{r:?}")),
            Expr::CompositeLit { ty, elts, .. } => {
                self.line(format_args!("CompositeLit@{r:?}"));
                self.nested(|d| {
                    if let Some(ty) = ty {
                        d.expr(*ty);
                    }
                    d.exprs(elts);
                });
            }
            Expr::KeyValue { key, value } => self.node("KeyValue", r, &[*key, *value]),
            Expr::FuncLit { sig, body } => {
                self.line(format_args!("FuncLit@{r:?}"));
                self.nested(|d| {
                    d.func_type(sig);
                    d.stmt(*body);
                });
            }
            Expr::Paren(x) => self.node("Paren", r, &[*x]),
            Expr::Selector { x, sel } => {
                self.line(format_args!("Selector .{}@{r:?}", sel.text));
                self.nested(|d| d.expr(*x));
            }
            Expr::Index { x, indices } => {
                self.line(format_args!("Index@{r:?}"));
                self.nested(|d| {
                    d.expr(*x);
                    d.exprs(indices);
                });
            }
            Expr::Slice {
                x,
                low,
                high,
                max,
                three,
            } => {
                self.line(format_args!("Slice three={three}@{r:?}"));
                self.nested(|d| {
                    d.expr(*x);
                    for part in [low, high, max] {
                        match part {
                            Some(e) => d.expr(*e),
                            None => d.line(format_args!("_")),
                        }
                    }
                });
            }
            Expr::TypeAssert { x, ty } => {
                self.line(format_args!("TypeAssert@{r:?}"));
                self.nested(|d| {
                    d.expr(*x);
                    match ty {
                        Some(ty) => d.expr(*ty),
                        None => d.line(format_args!("type")),
                    }
                });
            }
            Expr::Call {
                fun,
                args,
                ellipsis,
            } => {
                let dots = if ellipsis.is_some() { " ..." } else { "" };
                self.line(format_args!("Call{dots}@{r:?}"));
                self.nested(|d| {
                    d.expr(*fun);
                    d.exprs(args);
                });
            }
            Expr::Star(x) => self.node("Star", r, &[*x]),
            Expr::Unary { op, x } => self.node(&format!("Unary {op:?}"), r, &[*x]),
            Expr::Binary { op, x, y } => {
                self.node(&format!("Binary {}", op.as_str()), r, &[*x, *y])
            }
            Expr::Ellipsis(elem) => self.node("Ellipsis", r, elem.as_slice()),
            Expr::ArrayType { len, elem } => {
                let kind = if len.is_some() {
                    "ArrayType"
                } else {
                    "SliceType"
                };
                let mut children: Vec<ExprId> = len.iter().copied().collect();
                children.push(*elem);
                self.node(kind, r, &children);
            }
            Expr::StructType { fields } => {
                self.line(format_args!("StructType@{r:?}"));
                self.nested(|d| d.fields("fields", fields));
            }
            Expr::FuncType(sig) => {
                self.line(format_args!("FuncType@{r:?}"));
                self.nested(|d| d.func_type(sig));
            }
            Expr::InterfaceType { elems } => {
                self.line(format_args!("InterfaceType@{r:?}"));
                self.nested(|d| {
                    for elem in elems {
                        match elem {
                            InterfaceElem::Method { name, sig } => {
                                d.line(format_args!("Method {}@{:?}", name.text, sig.range));
                                d.nested(|d| d.func_type(sig));
                            }
                            InterfaceElem::Type(ty) => d.expr(*ty),
                        }
                    }
                });
            }
            Expr::MapType { key, value } => self.node("MapType", r, &[*key, *value]),
            Expr::ChanType { dir, elem } => self.node(&format!("ChanType {dir:?}"), r, &[*elem]),
        }
    }

    fn node(&mut self, label: &str, r: crate::TextRange, children: &[ExprId]) {
        self.line(format_args!("{label}@{r:?}"));
        self.nested(|d| d.exprs(children));
    }

    fn exprs(&mut self, ids: &[ExprId]) {
        for &id in ids {
            self.expr(id);
        }
    }

    fn opt_stmt(&mut self, label: &str, id: Option<StmtId>) {
        if let Some(id) = id {
            self.line(format_args!("{label}:"));
            self.nested(|d| d.stmt(id));
        }
    }

    fn stmts(&mut self, ids: &[StmtId]) {
        for &id in ids {
            self.stmt(id);
        }
    }

    fn stmt(&mut self, id: StmtId) {
        let r = self.file.stmt_range(id);
        match self.file.stmt(id) {
            Stmt::Bad => self.line(format_args!("BadStmt@{r:?}")),
            Stmt::Empty => self.line(format_args!("EmptyStmt@{r:?}")),
            Stmt::Decl(decl) => self.decl(*decl),
            Stmt::Labeled { label, stmt } => {
                self.line(format_args!("Labeled {}@{r:?}", label.text));
                self.nested(|d| d.stmt(*stmt));
            }
            Stmt::Expr(x) => {
                self.line(format_args!("ExprStmt@{r:?}"));
                self.nested(|d| d.expr(*x));
            }
            Stmt::Send { chan, value } => {
                self.line(format_args!("Send@{r:?}"));
                self.nested(|d| d.exprs(&[*chan, *value]));
            }
            Stmt::IncDec { x, inc } => {
                self.line(format_args!("{}@{r:?}", if *inc { "Inc" } else { "Dec" }));
                self.nested(|d| d.expr(*x));
            }
            Stmt::Assign { lhs, op, rhs } => {
                let op = match op {
                    AssignOp::Assign => "=".to_string(),
                    AssignOp::Define => ":=".to_string(),
                    AssignOp::Op(op) => format!("{}=", op.as_str()),
                };
                self.line(format_args!("Assign {op}@{r:?}"));
                self.nested(|d| {
                    d.exprs(lhs);
                    d.line(format_args!("{op}"));
                    d.exprs(rhs);
                });
            }
            Stmt::Go(x) | Stmt::Defer(x) => {
                let kind = if matches!(self.file.stmt(id), Stmt::Go(_)) {
                    "Go"
                } else {
                    "Defer"
                };
                self.line(format_args!("{kind}@{r:?}"));
                self.nested(|d| d.expr(*x));
            }
            Stmt::Return(results) => {
                self.line(format_args!("Return@{r:?}"));
                self.nested(|d| d.exprs(results));
            }
            Stmt::Branch { kind, label } => {
                let label = label
                    .as_ref()
                    .map_or(String::new(), |l| format!(" {}", l.text));
                self.line(format_args!("{kind:?}{label}@{r:?}"));
            }
            Stmt::Block { stmts, .. } => {
                self.line(format_args!("Block@{r:?}"));
                self.nested(|d| d.stmts(stmts));
            }
            Stmt::If {
                init,
                cond,
                then,
                els,
            } => {
                self.line(format_args!("If@{r:?}"));
                self.nested(|d| {
                    d.opt_stmt("init", *init);
                    d.expr(*cond);
                    d.stmt(*then);
                    d.opt_stmt("else", *els);
                });
            }
            Stmt::Switch { init, tag, clauses } => {
                self.line(format_args!("Switch@{r:?}"));
                self.nested(|d| {
                    d.opt_stmt("init", *init);
                    if let Some(tag) = tag {
                        d.expr(*tag);
                    }
                    d.case_clauses(clauses);
                });
            }
            Stmt::TypeSwitch {
                init,
                bind,
                x,
                clauses,
            } => {
                let bind = bind
                    .as_ref()
                    .map_or(String::new(), |b| format!(" {} :=", b.text));
                self.line(format_args!("TypeSwitch{bind}@{r:?}"));
                self.nested(|d| {
                    d.opt_stmt("init", *init);
                    d.expr(*x);
                    d.case_clauses(clauses);
                });
            }
            Stmt::Select { clauses } => {
                self.line(format_args!("Select@{r:?}"));
                self.nested(|d| {
                    for clause in clauses {
                        let kind = if clause.comm.is_some() {
                            "Case"
                        } else {
                            "Default"
                        };
                        d.line(format_args!("{kind}@{:?}", clause.range));
                        d.nested(|d| {
                            d.opt_stmt("comm", clause.comm);
                            d.stmts(&clause.body);
                        });
                    }
                });
            }
            Stmt::For {
                init,
                cond,
                post,
                body,
            } => {
                self.line(format_args!("For@{r:?}"));
                self.nested(|d| {
                    d.opt_stmt("init", *init);
                    if let Some(cond) = cond {
                        d.expr(*cond);
                    }
                    d.opt_stmt("post", *post);
                    d.stmt(*body);
                });
            }
            Stmt::Range {
                key,
                value,
                define,
                x,
                body,
            } => {
                self.line(format_args!(
                    "Range{}@{r:?}",
                    if *define { " :=" } else { "" }
                ));
                self.nested(|d| {
                    for part in [key, value] {
                        match part {
                            Some(e) => d.expr(*e),
                            None => d.line(format_args!("_")),
                        }
                    }
                    d.expr(*x);
                    d.stmt(*body);
                });
            }
        }
    }

    fn case_clauses(&mut self, clauses: &[CaseClause]) {
        for clause in clauses {
            let kind = if clause.list.is_some() {
                "Case"
            } else {
                "Default"
            };
            self.line(format_args!("{kind}@{:?}", clause.range));
            self.nested(|d| {
                if let Some(list) = &clause.list {
                    d.exprs(list);
                }
                d.stmts(&clause.body);
            });
        }
    }
}

fn names_str(names: &[Name]) -> String {
    names
        .iter()
        .map(|n| &*n.text)
        .collect::<Vec<_>>()
        .join(", ")
}
