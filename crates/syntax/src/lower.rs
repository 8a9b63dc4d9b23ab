//! Lowering: tree-sitter's concrete tree to our [`ast`](crate::ast).
//!
//! tree-sitter-go names some constructs by their most likely reading (`f[int](x)` comes out
//! as a conversion, `g := f[int]` as an index expression, `(*T).M` as a plain selector); we
//! lower call, conversion, index and instantiation into go/ast's shapes and leave the meaning
//! to the checker.
//!
//! Recursion is bounded: long left-leaning chains (`a + b + c + ...`, `x.f().g().h()`) are
//! lowered iteratively along their spine, and any other nesting deeper than [`MAX_DEPTH`]
//! becomes [`Expr::Bad`] with one "exceeded max nesting depth" error, so that no input can
//! overflow the stack.

use tree_sitter::Node;

/// The grammar's id of field `$name`, looked up once: tree-sitter's lookup by name scans and
/// compares every field name of the grammar, on every call, and lowering asks millions of
/// times.
macro_rules! field {
    ($name:literal) => {{
        static ID: std::sync::OnceLock<std::num::NonZeroU16> = std::sync::OnceLock::new();
        *ID.get_or_init(|| {
            crate::language()
                .field_id_for_name($name)
                .expect(concat!("the Go grammar has a field named ", $name))
        })
    }};
}

use crate::{SyntaxError, TextRange, ast::*};

/// How deep expressions, types and statements may nest before lowering gives up on a subtree.
/// Real code stays far below; the limit exists for hostile input (100,000 nested parentheses).
pub const MAX_DEPTH: u32 = 1_000;

/// Lowers a parsed file. Never fails: broken parts become `Bad` nodes.
pub fn lower(text: &str, tree: &tree_sitter::Tree) -> File {
    let mut lowerer = Lowerer {
        text,
        file: File::default(),
        depth: 0,
        too_deep: false,
    };
    lowerer.source_file(tree.root_node());
    lowerer.file
}

struct Lowerer<'t> {
    text: &'t str,
    file: File,
    depth: u32,
    too_deep: bool,
}

fn range(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte() as u32, node.end_byte() as u32)
}

/// Named children that carry meaning: comments and error-recovery nodes are left out (the
/// errors were reported when the tree was parsed).
fn children<'a>(node: Node<'a>) -> Vec<Node<'a>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !c.is_extra() && !c.is_error() && !c.is_missing())
        .collect()
}

fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .any(|c| !c.is_named() && c.kind() == token)
}

impl<'t> Lowerer<'t> {
    fn text(&self, node: Node<'_>) -> &'t str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    fn name(&self, node: Node<'_>) -> Name {
        Name {
            text: self.text(node).into(),
            range: range(node),
        }
    }

    fn alloc_expr(&mut self, expr: Expr, range: TextRange) -> ExprId {
        let id = ExprId(self.file.exprs.len() as u32);
        self.file.exprs.push(expr);
        self.file.expr_ranges.push(range);
        id
    }

    fn alloc_stmt(&mut self, stmt: Stmt, range: TextRange) -> StmtId {
        let id = StmtId(self.file.stmts.len() as u32);
        self.file.stmts.push(stmt);
        self.file.stmt_ranges.push(range);
        id
    }

    fn alloc_decl(&mut self, decl: Decl) -> DeclId {
        let id = DeclId(self.file.decl_data.len() as u32);
        self.file.decl_data.push(decl);
        id
    }

    fn bad_expr(&mut self, at: TextRange) -> ExprId {
        self.alloc_expr(Expr::Bad, at)
    }

    /// Enters one level of nesting; `false` (and one error for the file) when too deep.
    fn enter(&mut self, node: Node<'_>) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.file.errors.push(SyntaxError {
                    range: TextRange::empty(node.start_byte() as u32),
                    message: "exceeded max nesting depth".into(),
                });
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Go needs a comma after the last element of a list whose closing bracket is on a later
    /// line (a newline there is a semicolon). tree-sitter-go does not see newlines inside
    /// lists, so we check it here, with the compiler's wording.
    fn trailing_comma(&mut self, list: Node<'_>, last: Option<Node<'_>>, context: &str) {
        let Some(last) = last else { return };
        let close = list.end_byte() as u32;
        let Some(closer) = self
            .text
            .as_bytes()
            .get(close as usize - 1)
            .filter(|b| matches!(b, b')' | b'}' | b']'))
        else {
            return;
        };
        let between = crate::lexer::tokens_in(self.text, last.end_byte() as u32, close - 1);
        let newline = between
            .iter()
            .find(|t| t.kind == crate::lexer::TokenKind::Newline);
        if let Some(newline) = newline.filter(|_| !between.iter().any(|t| t.text == ",")) {
            self.file.errors.push(SyntaxError {
                range: newline.range,
                message: format!(
                    "syntax error: unexpected newline in {context}; possibly missing comma or {}",
                    *closer as char
                ),
            });
        }
    }

    // ---- files and declarations ----

    fn source_file(&mut self, root: Node<'_>) {
        // Doc comments are found in this one pass over the top level (a run of comment lines
        // ending on the line above a declaration); asking each declaration for its previous
        // siblings would be quadratic in the number of top-level items.
        let mut comments: Option<(TextRange, usize)> = None;
        let mut cursor = root.walk();
        for child in root.named_children(&mut cursor) {
            if child.kind() == "comment" {
                let row = child.start_position().row;
                comments = match comments {
                    Some((run, end_row)) if end_row + 1 >= row => {
                        Some((run.cover(range(child)), child.end_position().row))
                    }
                    _ => Some((range(child), child.end_position().row)),
                };
                continue;
            }
            let doc = comments
                .take()
                .filter(|&(_, end_row)| end_row + 1 == child.start_position().row)
                .map(|(run, _)| run);
            if child.is_extra() || child.is_error() || child.is_missing() {
                continue;
            }
            match child.kind() {
                "package_clause" => {
                    if let Some(name) = children(child)
                        .into_iter()
                        .find(|c| c.kind() == "package_identifier")
                    {
                        self.file.package = Some(self.name(name));
                    }
                }
                "import_declaration" => self.import_declaration(child),
                "function_declaration" | "method_declaration" => {
                    let decl = self.func_decl(child, doc);
                    let id = self.alloc_decl(Decl::Func(decl));
                    self.file.decls.push(id);
                }
                "const_declaration" | "var_declaration" | "type_declaration" => {
                    let decl = self.gen_decl(child, doc);
                    let id = self.alloc_decl(Decl::Gen(decl));
                    self.file.decls.push(id);
                }
                // Statements at top level were reported as errors by the parser; skip them.
                _ => {}
            }
        }
    }

    fn import_declaration(&mut self, node: Node<'_>) {
        let mut specs = Vec::new();
        for child in children(node) {
            match child.kind() {
                "import_spec" => specs.push(child),
                "import_spec_list" => specs.extend(
                    children(child)
                        .into_iter()
                        .filter(|c| c.kind() == "import_spec"),
                ),
                _ => {}
            }
        }
        for spec in specs {
            let name = spec
                .child_by_field_id(field!("name").get())
                .map(|n| self.name(n));
            let path_node = spec.child_by_field_id(field!("path").get());
            let path = path_node.and_then(|p| unquote(self.text(p)));
            let path_range = path_node.map_or(range(spec), range);
            self.file.imports.push(ImportSpec {
                name,
                path,
                path_range,
                range: range(spec),
            });
        }
    }

    fn func_decl(&mut self, node: Node<'_>, doc: Option<TextRange>) -> FuncDecl {
        let name = match node.child_by_field_id(field!("name").get()) {
            Some(n) => self.name(n),
            None => Name {
                text: "_".into(),
                range: TextRange::empty(node.start_byte() as u32),
            },
        };
        let recv = node
            .child_by_field_id(field!("receiver").get())
            .and_then(|list| self.receiver(list));
        let type_params = node
            .child_by_field_id(field!("type_parameters").get())
            .map(|list| self.type_parameter_list(list))
            .unwrap_or_default();
        let sig = self.signature(node);
        let body = node
            .child_by_field_id(field!("body").get())
            .map(|b| self.block(b));
        FuncDecl {
            name,
            recv,
            type_params,
            sig,
            body,
            doc,
            range: range(node),
        }
    }

    /// The receiver of a method: the first of the list, the others reported as go/types
    /// reports them (the list with the message; then, of the first field, its last name).
    fn receiver(&mut self, list: Node<'_>) -> Option<Field> {
        let mut fields = self.parameter_list(list, true);
        let check_error = |range: TextRange, message: &str| SyntaxError {
            range: TextRange::empty(range.start),
            message: message.to_string(),
        };
        match fields.last() {
            None => {
                let error = check_error(range(list), "method has no receiver");
                self.file.check_errors.push(error);
                return None;
            }
            Some(last) if fields.len() > 1 => {
                let error = check_error(last.range, "method has multiple receivers");
                self.file.check_errors.push(error);
            }
            Some(_) => {}
        }
        let first = fields.swap_remove(0);
        if first.names.len() > 1
            && let Some(last) = first.names.last()
        {
            let error = check_error(last.range, "method has multiple receivers");
            self.file.check_errors.push(error);
        }
        Some(first)
    }

    /// The parameters and results of a function declaration, literal, type or method element.
    fn signature(&mut self, node: Node<'_>) -> FuncType {
        let params = node
            .child_by_field_id(field!("parameters").get())
            .map(|p| self.parameter_list(p, true))
            .unwrap_or_default();
        let results = match node.child_by_field_id(field!("result").get()) {
            Some(result) if result.kind() == "parameter_list" => self.parameter_list(result, false),
            Some(result) => {
                let ty = self.ty(result);
                vec![Field {
                    names: Vec::new(),
                    ty,
                    tag: None,
                    embedded: false,
                    range: range(result),
                }]
            }
            None => Vec::new(),
        };
        FuncType {
            params,
            results,
            range: range(node),
        }
    }

    /// A parameter, result or receiver list; `...` is allowed on the final parameter where
    /// `variadic` (parameters and receivers: go/parser leaves `func (...T) m()` to the checker).
    fn parameter_list(&mut self, node: Node<'_>, variadic: bool) -> Vec<Field> {
        let mut fields = Vec::new();
        let params = children(node);
        self.trailing_comma(node, params.last().copied(), "parameter list");
        for param in params {
            let names = {
                let mut cursor = param.walk();
                param
                    .children_by_field_id(field!("name"), &mut cursor)
                    .filter(|n| n.kind() == "identifier")
                    .map(|n| self.name(n))
                    .collect::<Vec<_>>()
            };
            let ty = match param.child_by_field_id(field!("type").get()) {
                Some(t) => self.ty(t),
                None => self.bad_expr(range(param)),
            };
            let ty = if param.kind() == "variadic_parameter_declaration" {
                let at = param
                    .child_by_field_id(field!("type").get())
                    .map_or(range(param), |t| {
                        TextRange::new(param.start_byte() as u32, t.end_byte() as u32)
                    });
                let start = names.last().map_or(at.start, |n: &Name| {
                    // `...` follows the name; find it so the ellipsis range starts there.
                    self.text[n.range.end as usize..at.end as usize]
                        .find("...")
                        .map_or(at.start, |i| n.range.end + i as u32)
                });
                self.alloc_expr(Expr::Ellipsis(Some(ty)), TextRange::new(start, at.end))
            } else {
                ty
            };
            fields.push(Field {
                names,
                ty,
                tag: None,
                embedded: false,
                range: range(param),
            });
        }
        let fields = self.group_parameters(fields);
        self.check_variadic_parameters(&fields, variadic);
        fields
    }

    /// Groups parameters the way Go's parser does. Parameters are either all named or all
    /// unnamed; when some are named, a lone identifier is a name that takes the type of the
    /// next named entry: `(a, b, c T)`. tree-sitter-go sometimes splits long name lists that
    /// way (`(trap, a1, ..., a9 uintptr)` comes out as an unnamed `trap` and nine named
    /// parameters), so this grouping is needed for valid code too, not only to report errors.
    /// A lone identifier with no typed entry after it is missing its type; any other unnamed
    /// entry is a type missing its name. Positions and wording as Go's parser reports them.
    fn group_parameters(&mut self, fields: Vec<Field>) -> Vec<Field> {
        if !fields.iter().any(|f| !f.names.is_empty()) {
            return fields;
        }
        let mut grouped = Vec::with_capacity(fields.len());
        let mut pending: Vec<Field> = Vec::new();
        for field in fields {
            if !field.names.is_empty() {
                let start = pending.first().map_or(field.range.start, |p| p.range.start);
                let mut names: Vec<Name> = Vec::new();
                for lone in pending.drain(..) {
                    if let Expr::Name(name) = self.file.expr(lone.ty) {
                        names.push(name.clone());
                    }
                }
                names.extend(field.names);
                grouped.push(Field {
                    names,
                    range: TextRange::new(start, field.range.end),
                    ..field
                });
            } else if matches!(self.file.expr(field.ty), Expr::Name(_)) {
                pending.push(field);
            } else {
                self.missing_types(&mut pending, &mut grouped);
                self.syntax_error(
                    TextRange::empty(field.range.start),
                    "missing parameter name",
                );
                grouped.push(field);
            }
        }
        self.missing_types(&mut pending, &mut grouped);
        grouped
    }

    fn missing_types(&mut self, pending: &mut Vec<Field>, grouped: &mut Vec<Field>) {
        for lone in pending.drain(..) {
            let next = crate::lexer::token_at(self.text, lone.range.end);
            self.syntax_error(TextRange::empty(next.range.start), "missing parameter type");
            grouped.push(lone);
        }
    }

    /// The operand of `go` and `defer` is a call as written: not parenthesized, not a value.
    /// The parser checks this (the type checker then checks what is called), with this wording.
    /// Positions as go/parser's: the parentheses at their start, a non-call at its end.
    fn check_go_defer_operand(&mut self, keyword: &str, call: ExprId) {
        let range = self.file.expr_range(call);
        match self.file.expr(call) {
            Expr::Call { .. } | Expr::Bad => {}
            &Expr::Paren(mut inner) => {
                self.error(
                    TextRange::empty(range.start),
                    format!("expression in {keyword} must not be parenthesized"),
                );
                while let &Expr::Paren(x) = self.file.expr(inner) {
                    inner = x;
                }
                if !matches!(self.file.expr(inner), Expr::Call { .. } | Expr::Bad) {
                    let end = self.file.expr_range(inner).end;
                    self.error(
                        TextRange::empty(end),
                        format!("expression in {keyword} must be function call"),
                    );
                }
            }
            _ => self.error(
                TextRange::empty(range.end),
                format!("expression in {keyword} must be function call"),
            ),
        }
    }

    /// `...` marks the final parameter only (and no result): go/parser's check, reported once
    /// per list. `a, b ...int` gives `...` to `a` too, which is not final.
    fn check_variadic_parameters(&mut self, fields: &[Field], variadic: bool) {
        let count: usize = fields.iter().map(|f| f.names.len().max(1)).sum();
        let mut seen = 0;
        for field in fields {
            seen += field.names.len().max(1);
            if !matches!(self.file.expr(field.ty), Expr::Ellipsis(_)) {
                continue;
            }
            let first_of_field = seen - field.names.len().max(1) + 1;
            if variadic && first_of_field == count {
                continue;
            }
            let at = TextRange::empty(self.file.expr_range(field.ty).start);
            let message = if variadic {
                "can only use ... with final parameter"
            } else {
                "invalid use of ..."
            };
            self.error(at, message.to_string());
            return;
        }
    }

    /// Escape sequences in a rune or interpreted string literal, checked as Go's scanner
    /// checks them (the grammar takes any backslash pair as one token), with the compiler's
    /// wording and positions: an unknown escape at the character after the backslash, a value
    /// out of range after the escape.
    fn check_escapes(&mut self, node: Node<'_>) {
        let text = self.text(node);
        let start = node.start_byte() as u32;
        let quote = if node.kind() == "rune_literal" {
            '\''
        } else {
            '"'
        };
        let bytes = text.as_bytes();
        let mut i = 1;
        while i + 1 < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            let (digits, base, max) = match bytes[i + 1] {
                b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                    i += 2;
                    continue;
                }
                c if c as char == quote => {
                    i += 2;
                    continue;
                }
                b'x' => (2, 16, 255),
                b'u' => (4, 16, 0x10FFFF),
                b'U' => (8, 16, 0x10FFFF),
                b'0'..=b'7' => (3, 8, 255),
                _ => {
                    self.error(
                        TextRange::empty(start + i as u32 + 1),
                        "unknown escape".to_string(),
                    );
                    return;
                }
            };
            let first = if base == 8 { i + 1 } else { i + 2 };
            let end = (first + digits).min(bytes.len());
            let value = text
                .get(first..end)
                .and_then(|d| u32::from_str_radix(d, base).ok());
            let Some(value) = value.filter(|_| end - first == digits) else {
                // Malformed digits are the grammar's to report.
                return;
            };
            if base == 8 && value > max {
                self.error(
                    TextRange::empty(start + end as u32),
                    format!("octal escape value {value} > 255"),
                );
            } else if digits >= 4 && (value > max || (0xD800..0xE000).contains(&value)) {
                self.error(
                    TextRange::empty(start + end as u32),
                    format!("escape is invalid Unicode code point U+{value:04X}"),
                );
            }
            i = end;
        }
    }

    fn error(&mut self, range: TextRange, message: String) {
        self.file.errors.push(SyntaxError { range, message });
    }

    fn syntax_error(&mut self, range: TextRange, message: &str) {
        self.file.errors.push(SyntaxError {
            range,
            message: format!("syntax error: {message}"),
        });
    }

    fn type_parameter_list(&mut self, node: Node<'_>) -> Vec<Field> {
        let mut fields = Vec::new();
        for decl in children(node)
            .into_iter()
            .filter(|c| c.kind() == "type_parameter_declaration")
        {
            let names = {
                let mut cursor = decl.walk();
                decl.children_by_field_id(field!("name"), &mut cursor)
                    .map(|n| self.name(n))
                    .collect()
            };
            let ty = match decl.child_by_field_id(field!("type").get()) {
                Some(constraint) => self.union(constraint),
                None => self.bad_expr(range(decl)),
            };
            fields.push(Field {
                names,
                ty,
                tag: None,
                embedded: false,
                range: range(decl),
            });
        }
        fields
    }

    /// A `type_constraint` or `type_elem`: one or more terms joined by `|`.
    fn union(&mut self, node: Node<'_>) -> ExprId {
        let terms = children(node);
        let mut acc: Option<ExprId> = None;
        for term in terms {
            let t = self.ty(term);
            acc = Some(match acc {
                None => t,
                Some(x) => {
                    let r = self.file.expr_range(x).cover(range(term));
                    self.alloc_expr(
                        Expr::Binary {
                            op: BinaryOp::Or,
                            x,
                            y: t,
                        },
                        r,
                    )
                }
            });
        }
        acc.unwrap_or_else(|| self.bad_expr(range(node)))
    }

    fn gen_decl(&mut self, node: Node<'_>, doc: Option<TextRange>) -> GenDecl {
        let kind = match node.kind() {
            "const_declaration" => GenKind::Const,
            "var_declaration" => GenKind::Var,
            _ => GenKind::Type,
        };
        let grouped =
            has_token(node, "(") || children(node).iter().any(|c| c.kind() == "var_spec_list");
        let mut spec_nodes = Vec::new();
        for child in children(node) {
            match child.kind() {
                "var_spec_list" => spec_nodes.extend(children(child)),
                _ => spec_nodes.push(child),
            }
        }
        let mut specs = Vec::new();
        for (i, spec) in spec_nodes.into_iter().enumerate() {
            match spec.kind() {
                "const_spec" | "var_spec" => {
                    let names = {
                        let mut cursor = spec.walk();
                        spec.children_by_field_id(field!("name"), &mut cursor)
                            .filter(|n| n.kind() == "identifier")
                            .map(|n| self.name(n))
                            .collect()
                    };
                    let ty = spec
                        .child_by_field_id(field!("type").get())
                        .map(|t| self.ty(t));
                    let values = spec
                        .child_by_field_id(field!("value").get())
                        .map(|v| self.expr_list(v))
                        .unwrap_or_default();
                    specs.push(Spec::Value {
                        names,
                        ty,
                        values,
                        iota: i as u32,
                        range: range(spec),
                    });
                }
                "type_spec" | "type_alias" => {
                    let name = match spec.child_by_field_id(field!("name").get()) {
                        Some(n) => self.name(n),
                        None => Name {
                            text: "_".into(),
                            range: TextRange::empty(spec.start_byte() as u32),
                        },
                    };
                    let type_params = spec
                        .child_by_field_id(field!("type_parameters").get())
                        .map(|list| self.type_parameter_list(list))
                        .unwrap_or_default();
                    let ty = match spec.child_by_field_id(field!("type").get()) {
                        Some(t) => self.ty(t),
                        None => self.bad_expr(range(spec)),
                    };
                    specs.push(Spec::Type {
                        name,
                        type_params,
                        alias: spec.kind() == "type_alias",
                        ty,
                        range: range(spec),
                    });
                }
                _ => {}
            }
        }
        GenDecl {
            kind,
            specs,
            grouped,
            doc,
            range: range(node),
        }
    }

    // ---- types ----

    /// A type. Types are expressions in our AST, so this shares the expression arena.
    fn ty(&mut self, node: Node<'_>) -> ExprId {
        if !self.enter(node) {
            return self.bad_expr(range(node));
        }
        let id = self.ty_inner(node);
        self.leave();
        id
    }

    fn ty_inner(&mut self, node: Node<'_>) -> ExprId {
        let r = range(node);
        let expr = match node.kind() {
            "type_identifier" | "identifier" | "field_identifier" | "package_identifier" => {
                Expr::Name(self.name(node))
            }
            "qualified_type" => {
                let package = node.child_by_field_id(field!("package").get());
                let x = match package {
                    Some(p) => {
                        let name = self.name(p);
                        self.alloc_expr(Expr::Name(name), range(p))
                    }
                    None => self.bad_expr(r),
                };
                match node.child_by_field_id(field!("name").get()) {
                    Some(n) => Expr::Selector {
                        x,
                        sel: self.name(n),
                    },
                    None => Expr::Bad,
                }
            }
            "generic_type" => {
                let x = match node.child_by_field_id(field!("type").get()) {
                    Some(t) => self.ty(t),
                    None => self.bad_expr(r),
                };
                let indices = match node.child_by_field_id(field!("type_arguments").get()) {
                    Some(args) => self.type_arguments(args),
                    None => Vec::new(),
                };
                Expr::Index { x, indices }
            }
            "pointer_type" => match children(node).first() {
                Some(&elem) => Expr::Star(self.ty(elem)),
                None => Expr::Bad,
            },
            "parenthesized_type" => match children(node).first() {
                Some(&inner) => Expr::Paren(self.ty(inner)),
                None => Expr::Bad,
            },
            "negated_type" => match children(node).first() {
                Some(&inner) => Expr::Unary {
                    op: UnaryOp::Tilde,
                    x: self.ty(inner),
                },
                None => Expr::Bad,
            },
            "array_type" => {
                let len = node
                    .child_by_field_id(field!("length").get())
                    .map(|l| self.expr(l));
                let elem = self.field_ty(node, "element");
                Expr::ArrayType {
                    len: Some(len.unwrap_or_else(|| self.bad_expr(r))),
                    elem,
                }
            }
            "implicit_length_array_type" => {
                let open = node.start_byte() as u32;
                let len = self.text[open as usize..]
                    .find("...")
                    .map_or(open, |i| open + i as u32);
                let len = self.alloc_expr(Expr::Ellipsis(None), TextRange::new(len, len + 3));
                let elem = self.field_ty(node, "element");
                Expr::ArrayType {
                    len: Some(len),
                    elem,
                }
            }
            "slice_type" => Expr::ArrayType {
                len: None,
                elem: self.field_ty(node, "element"),
            },
            "map_type" => {
                let key = self.field_ty(node, "key");
                let value = self.field_ty(node, "value");
                Expr::MapType { key, value }
            }
            "channel_type" => {
                let mut cursor = node.walk();
                let tokens: Vec<&str> = node
                    .children(&mut cursor)
                    .filter(|c| !c.is_named())
                    .map(|c| c.kind())
                    .collect();
                let dir = match tokens.as_slice() {
                    ["<-", "chan", ..] => ChanDir::Recv,
                    ["chan", "<-", ..] => ChanDir::Send,
                    _ => ChanDir::Both,
                };
                Expr::ChanType {
                    dir,
                    elem: self.field_ty(node, "value"),
                }
            }
            "function_type" => Expr::FuncType(self.signature(node)),
            "struct_type" => Expr::StructType {
                fields: self.struct_fields(node),
            },
            "interface_type" => Expr::InterfaceType {
                elems: self.interface_elems(node),
            },
            // An expression where a type was expected (a conversion's operand type, say):
            // lower it as an expression and let the checker judge.
            _ => return self.expr_unguarded(node),
        };
        self.alloc_expr(expr, r)
    }

    fn field_ty(&mut self, node: Node<'_>, field: &str) -> ExprId {
        match node.child_by_field_name(field) {
            Some(t) => self.ty(t),
            None => self.bad_expr(TextRange::empty(node.end_byte() as u32)),
        }
    }

    fn type_arguments(&mut self, node: Node<'_>) -> Vec<ExprId> {
        children(node)
            .into_iter()
            .map(|arg| {
                if arg.kind() == "type_elem" {
                    self.union(arg)
                } else {
                    self.ty(arg)
                }
            })
            .collect()
    }

    fn struct_fields(&mut self, node: Node<'_>) -> Vec<Field> {
        let Some(list) = children(node)
            .into_iter()
            .find(|c| c.kind() == "field_declaration_list")
        else {
            return Vec::new();
        };
        let mut fields = Vec::new();
        for decl in children(list)
            .into_iter()
            .filter(|c| c.kind() == "field_declaration")
        {
            let names: Vec<Name> = {
                let mut cursor = decl.walk();
                decl.children_by_field_id(field!("name"), &mut cursor)
                    .map(|n| self.name(n))
                    .collect()
            };
            let embedded = names.is_empty();
            let mut ty = self.field_ty(decl, "type");
            if embedded && has_token(decl, "*") {
                let r = TextRange::new(decl.start_byte() as u32, self.file.expr_range(ty).end);
                ty = self.alloc_expr(Expr::Star(ty), r);
            }
            let tag = decl
                .child_by_field_id(field!("tag").get())
                .map(|t| self.text(t).into());
            fields.push(Field {
                names,
                ty,
                tag,
                embedded,
                range: range(decl),
            });
        }
        fields
    }

    fn interface_elems(&mut self, node: Node<'_>) -> Vec<InterfaceElem> {
        let mut elems = Vec::new();
        for child in children(node) {
            match child.kind() {
                "method_elem" => {
                    let name = match child.child_by_field_id(field!("name").get()) {
                        Some(n) => self.name(n),
                        None => continue,
                    };
                    let sig = self.signature(child);
                    elems.push(InterfaceElem::Method { name, sig });
                }
                "type_elem" => {
                    let ty = self.union(child);
                    elems.push(InterfaceElem::Type(ty));
                }
                _ => {}
            }
        }
        elems
    }

    // ---- expressions ----

    fn expr_list(&mut self, node: Node<'_>) -> Vec<ExprId> {
        if node.kind() != "expression_list" {
            return vec![self.expr(node)];
        }
        children(node).into_iter().map(|e| self.expr(e)).collect()
    }

    /// An expression. Left-leaning chains are walked iteratively: the spine is collected first,
    /// its innermost operand lowered, and the chain rebuilt outward.
    fn expr(&mut self, node: Node<'_>) -> ExprId {
        let mut spine = Vec::new();
        let mut innermost = Some(node);
        while let Some(current) = innermost {
            let next = match current.kind() {
                "binary_expression" => current.child_by_field_id(field!("left").get()),
                "call_expression" => current.child_by_field_id(field!("function").get()),
                "selector_expression"
                | "index_expression"
                | "slice_expression"
                | "type_assertion_expression" => current.child_by_field_id(field!("operand").get()),
                _ => break,
            };
            spine.push(current);
            innermost = next;
        }
        let mut acc = match innermost {
            Some(leaf) if spine.last() != Some(&leaf) => self.expr_guarded(leaf),
            _ => self.bad_expr(range(node)),
        };
        for step in spine.into_iter().rev() {
            acc = self.spine_step(step, acc);
        }
        acc
    }

    fn expr_guarded(&mut self, node: Node<'_>) -> ExprId {
        if node.is_missing() {
            // A token tree-sitter invented to recover (`if x := 0; {` has a MISSING condition):
            // the parse reported it; the checker must not see a name that was never written.
            return self.bad_expr(range(node));
        }
        if !self.enter(node) {
            return self.bad_expr(range(node));
        }
        let id = self.expr_unguarded(node);
        self.leave();
        id
    }

    /// One link of a left-leaning chain, given its already-lowered left operand.
    fn spine_step(&mut self, node: Node<'_>, left: ExprId) -> ExprId {
        let r = range(node);
        if !self.enter(node) {
            return self.bad_expr(r);
        }
        let expr = match node.kind() {
            "binary_expression" => {
                let op = node
                    .child_by_field_id(field!("operator").get())
                    .and_then(|o| BinaryOp::from_token(o.kind()));
                let y = match node.child_by_field_id(field!("right").get()) {
                    Some(right) => self.expr(right),
                    None => self.bad_expr(TextRange::empty(r.end)),
                };
                match op {
                    Some(op) => Expr::Binary { op, x: left, y },
                    None => Expr::Bad,
                }
            }
            "call_expression" => {
                let fun = match node.child_by_field_id(field!("type_arguments").get()) {
                    Some(type_args) => {
                        let indices = self.type_arguments(type_args);
                        let ir = self.file.expr_range(left).cover(range(type_args));
                        self.alloc_expr(Expr::Index { x: left, indices }, ir)
                    }
                    None => left,
                };
                let (args, ellipsis) = match node.child_by_field_id(field!("arguments").get()) {
                    Some(list) => self.arguments(list),
                    None => (Vec::new(), None),
                };
                Expr::Call {
                    fun,
                    args,
                    ellipsis,
                }
            }
            "selector_expression" => match node.child_by_field_id(field!("field").get()) {
                Some(field) => Expr::Selector {
                    x: left,
                    sel: self.name(field),
                },
                None => Expr::Bad,
            },
            "index_expression" => {
                let index = match node.child_by_field_id(field!("index").get()) {
                    Some(i) => self.expr(i),
                    None => self.bad_expr(TextRange::empty(r.end)),
                };
                Expr::Index {
                    x: left,
                    indices: vec![index],
                }
            }
            "slice_expression" if let Some(missing) = slice_missing_index(node) => {
                self.three_index_slice(left, node, missing)
            }
            "slice_expression" => {
                let low = node
                    .child_by_field_id(field!("start").get())
                    .map(|e| self.expr(e));
                let high = node
                    .child_by_field_id(field!("end").get())
                    .map(|e| self.expr(e));
                let max = node
                    .child_by_field_id(field!("capacity").get())
                    .map(|e| self.expr(e));
                let colons = {
                    let mut cursor = node.walk();
                    node.children(&mut cursor)
                        .filter(|c| c.kind() == ":")
                        .count()
                };
                Expr::Slice {
                    x: left,
                    low,
                    high,
                    max,
                    three: colons == 2,
                }
            }
            "type_assertion_expression" => {
                let ty = node
                    .child_by_field_id(field!("type").get())
                    .map(|t| self.ty(t));
                Expr::TypeAssert { x: left, ty }
            }
            _ => Expr::Bad,
        };
        self.leave();
        self.alloc_expr(expr, r)
    }

    /// `a[lo:hi:max]` with `hi` or `max` missing, which the grammar leaves as an ERROR around
    /// the second colon: reported as go/parser reports it, each missing index a `Bad` node.
    fn three_index_slice(&mut self, x: ExprId, node: Node<'_>, colons: SliceColons) -> Expr {
        let mut indices = [None, None, None];
        for child in children(node) {
            let at = child.start_byte() as u32;
            if at < colons.lbrack {
                continue; // the operand
            }
            let slot = if at < colons.first {
                0
            } else if at < colons.second {
                1
            } else {
                2
            };
            indices[slot] = Some(child);
        }
        let [low, high, max] = indices;
        let low = low.map(|e| self.expr(e));
        let high = match high {
            Some(e) => self.expr(e),
            None => {
                self.error(
                    TextRange::empty(colons.first),
                    "middle index required in 3-index slice".into(),
                );
                self.bad_expr(TextRange::new(colons.first + 1, colons.second))
            }
        };
        let max = match max {
            Some(e) => self.expr(e),
            None => {
                self.error(
                    TextRange::empty(colons.second),
                    "final index required in 3-index slice".into(),
                );
                let end = (node.end_byte() as u32)
                    .saturating_sub(1)
                    .max(colons.second + 1);
                self.bad_expr(TextRange::new(colons.second + 1, end))
            }
        };
        Expr::Slice {
            x,
            low,
            high: Some(high),
            max: Some(max),
            three: true,
        }
    }

    fn arguments(&mut self, list: Node<'_>) -> (Vec<ExprId>, Option<u32>) {
        let mut args = Vec::new();
        let mut ellipsis = None;
        let all = children(list);
        self.trailing_comma(list, all.last().copied(), "argument list");
        for arg in all {
            if arg.kind() == "variadic_argument" {
                if let Some(inner) = children(arg).first() {
                    args.push(self.expr(*inner));
                }
                let dots = self
                    .text(arg)
                    .rfind("...")
                    .map_or(arg.end_byte(), |i| arg.start_byte() + i);
                ellipsis = Some(dots as u32);
            } else if is_type_node(arg.kind()) {
                args.push(self.ty(arg));
            } else {
                args.push(self.expr(arg));
            }
        }
        (args, ellipsis)
    }

    fn expr_unguarded(&mut self, node: Node<'_>) -> ExprId {
        let r = range(node);
        let expr = match node.kind() {
            "identifier" | "field_identifier" | "type_identifier" | "package_identifier"
            | "true" | "false" | "nil" | "iota" | "blank_identifier" => Expr::Name(self.name(node)),
            "int_literal" => Expr::BasicLit {
                kind: LitKind::Int,
                value: self.text(node).into(),
            },
            "float_literal" => Expr::BasicLit {
                kind: LitKind::Float,
                value: self.text(node).into(),
            },
            "imaginary_literal" => Expr::BasicLit {
                kind: LitKind::Imag,
                value: self.text(node).into(),
            },
            "rune_literal" | "interpreted_string_literal" => {
                self.check_escapes(node);
                let kind = if node.kind() == "rune_literal" {
                    LitKind::Char
                } else {
                    LitKind::String
                };
                Expr::BasicLit {
                    kind,
                    value: self.text(node).into(),
                }
            }
            "raw_string_literal" => Expr::BasicLit {
                kind: LitKind::String,
                value: self.text(node).into(),
            },
            "parenthesized_expression" => match children(node).first() {
                Some(&inner) => Expr::Paren(self.expr(inner)),
                None => Expr::Bad,
            },
            "unary_expression" => {
                let op = node
                    .child_by_field_id(field!("operator").get())
                    .map(|o| o.kind());
                let x = match node.child_by_field_id(field!("operand").get()) {
                    Some(operand) => self.expr(operand),
                    None => self.bad_expr(TextRange::empty(r.end)),
                };
                match op {
                    Some("*") => Expr::Star(x),
                    Some(token) => match UnaryOp::from_token(token) {
                        Some(op) => Expr::Unary { op, x },
                        None => Expr::Bad,
                    },
                    None => Expr::Bad,
                }
            }
            "binary_expression"
            | "call_expression"
            | "selector_expression"
            | "index_expression"
            | "slice_expression"
            | "type_assertion_expression" => {
                return self.expr(node);
            }
            "type_conversion_expression" => {
                // `T(x)`, but also `f[int](x)` and `a[i](x)`: a call either way, in go/ast.
                // tree-sitter-go reads `*(*T)(x)` as a conversion to the type `*(*T)`; Go reads
                // a leading `*` as the unary operator (the spec: `*Point(p)` is
                // `*(Point(p))`), so pointer types at the top become dereferences of the call.
                let mut stars = Vec::new();
                let mut type_node = node.child_by_field_id(field!("type").get());
                while let Some(t) = type_node
                    && t.kind() == "pointer_type"
                    && let Some(&elem) = children(t).first()
                {
                    stars.push(t.start_byte() as u32);
                    type_node = Some(elem);
                }
                if let (false, Some(t)) = (stars.is_empty(), type_node) {
                    let fun = self.ty(t);
                    let args = match node.child_by_field_id(field!("operand").get()) {
                        Some(operand) => vec![self.expr(operand)],
                        None => Vec::new(),
                    };
                    let ellipsis = has_token(node, "...").then(|| {
                        self.text(node)
                            .rfind("...")
                            .map_or(r.end, |i| r.start + i as u32)
                    });
                    let call_range = TextRange {
                        start: t.start_byte() as u32,
                        end: r.end,
                    };
                    let mut inner = self.alloc_expr(
                        Expr::Call {
                            fun,
                            args,
                            ellipsis,
                        },
                        call_range,
                    );
                    for &start in stars[1..].iter().rev() {
                        inner = self.alloc_expr(Expr::Star(inner), TextRange { start, end: r.end });
                    }
                    return self.alloc_expr(Expr::Star(inner), r);
                }
                let fun = self.field_ty(node, "type");
                let args = match node.child_by_field_id(field!("operand").get()) {
                    Some(operand) => vec![self.expr(operand)],
                    None => Vec::new(),
                };
                let ellipsis = has_token(node, "...").then(|| {
                    self.text(node)
                        .rfind("...")
                        .map_or(r.end, |i| r.start + i as u32)
                });
                Expr::Call {
                    fun,
                    args,
                    ellipsis,
                }
            }
            "type_instantiation_expression" => {
                let type_node = node.child_by_field_id(field!("type").get());
                let mut indices = Vec::new();
                for arg in children(node) {
                    if Some(arg) != type_node {
                        indices.push(self.ty(arg));
                    }
                }
                // The grammar reads `*T[A, B]` as `(*T)[A, B]`; a pointer is never generic, so
                // it means `*(T[A, B])`.
                let mut stars = Vec::new();
                let mut base = type_node;
                while let Some(t) = base.filter(|t| t.kind() == "pointer_type") {
                    stars.push(t.start_byte() as u32);
                    base = t.named_child(0);
                }
                match base.filter(|_| !stars.is_empty()) {
                    None => {
                        let x = self.field_ty(node, "type");
                        Expr::Index { x, indices }
                    }
                    Some(base) => {
                        let x = self.ty(base);
                        let mut e = self.alloc_expr(
                            Expr::Index { x, indices },
                            TextRange::new(base.start_byte() as u32, r.end),
                        );
                        for start in stars.into_iter().rev().skip(1) {
                            e = self.alloc_expr(Expr::Star(e), TextRange::new(start, r.end));
                        }
                        Expr::Star(e)
                    }
                }
            }
            "composite_literal" => {
                let ty = node
                    .child_by_field_id(field!("type").get())
                    .map(|t| self.ty(t));
                let (elts, lbrace) = match node.child_by_field_id(field!("body").get()) {
                    Some(body) => (self.literal_elements(body), body.start_byte() as u32),
                    None => (Vec::new(), r.end),
                };
                Expr::CompositeLit { ty, elts, lbrace }
            }
            "literal_value" => {
                let elts = self.literal_elements(node);
                Expr::CompositeLit {
                    ty: None,
                    elts,
                    lbrace: r.start,
                }
            }
            "func_literal" => {
                let sig = self.signature(node);
                let body = match node.child_by_field_id(field!("body").get()) {
                    Some(b) => self.block(b),
                    None => self.alloc_stmt(
                        Stmt::Block {
                            stmts: Vec::new(),
                            rbrace: None,
                        },
                        TextRange::empty(r.end),
                    ),
                };
                Expr::FuncLit { sig, body }
            }
            kind if is_type_node(kind) => return self.ty_inner(node),
            _ => Expr::Bad,
        };
        self.alloc_expr(expr, r)
    }

    fn literal_elements(&mut self, body: Node<'_>) -> Vec<ExprId> {
        let mut elts = Vec::new();
        let elements = children(body);
        self.trailing_comma(body, elements.last().copied(), "composite literal");
        for element in elements {
            match element.kind() {
                "keyed_element" => {
                    let key = self
                        .literal_element(element.child_by_field_id(field!("key").get()), element);
                    let value = self
                        .literal_element(element.child_by_field_id(field!("value").get()), element);
                    elts.push(self.alloc_expr(Expr::KeyValue { key, value }, range(element)));
                }
                "literal_element" => {
                    let value = self.literal_element(Some(element), element);
                    elts.push(value);
                }
                _ => {}
            }
        }
        elts
    }

    /// A `literal_element`: an expression, or a nested literal with its type elided.
    fn literal_element(&mut self, node: Option<Node<'_>>, parent: Node<'_>) -> ExprId {
        let Some(node) = node else {
            return self.bad_expr(TextRange::empty(parent.end_byte() as u32));
        };
        match children(node).first() {
            Some(&inner) if node.kind() == "literal_element" => self.expr_guarded(inner),
            _ if node.kind() == "literal_element" => self.bad_expr(range(node)),
            _ => self.expr_guarded(node),
        }
    }

    // ---- statements ----

    fn block(&mut self, node: Node<'_>) -> StmtId {
        if !self.enter(node) {
            return self.alloc_stmt(Stmt::Bad, range(node));
        }
        let stmts = self.statement_list_of(node);
        let rbrace = has_token(node, "}").then(|| node.end_byte() as u32 - 1);
        self.leave();
        self.alloc_stmt(Stmt::Block { stmts, rbrace }, range(node))
    }

    /// The statements of a block or clause (tree-sitter wraps them in a `statement_list`).
    fn statement_list_of(&mut self, node: Node<'_>) -> Vec<StmtId> {
        let mut stmts = Vec::new();
        for child in children(node) {
            if child.kind() == "statement_list" {
                for stmt in children(child) {
                    stmts.push(self.stmt(stmt));
                }
            }
        }
        stmts
    }

    fn opt_stmt(&mut self, node: Node<'_>, field: &str) -> Option<StmtId> {
        node.child_by_field_name(field).map(|s| self.stmt(s))
    }

    fn stmt(&mut self, node: Node<'_>) -> StmtId {
        if !self.enter(node) {
            return self.alloc_stmt(Stmt::Bad, range(node));
        }
        let stmt = self.stmt_inner(node);
        self.leave();
        self.alloc_stmt(stmt, range(node))
    }

    fn stmt_inner(&mut self, node: Node<'_>) -> Stmt {
        let r = range(node);
        let first = || children(node).into_iter().next();
        match node.kind() {
            "block" => {
                let stmts = self.statement_list_of(node);
                let rbrace = has_token(node, "}").then(|| r.end - 1);
                Stmt::Block { stmts, rbrace }
            }
            "empty_statement" => Stmt::Empty,
            "const_declaration" | "var_declaration" | "type_declaration" => {
                let decl = self.gen_decl(node, None);
                Stmt::Decl(self.alloc_decl(Decl::Gen(decl)))
            }
            "labeled_statement" => {
                let label = match node.child_by_field_id(field!("label").get()) {
                    Some(l) => self.name(l),
                    None => return Stmt::Bad,
                };
                let label_node = node.child_by_field_id(field!("label").get());
                let inner = children(node).into_iter().find(|c| Some(*c) != label_node);
                let stmt = match inner {
                    Some(s) => self.stmt(s),
                    None => self.alloc_stmt(Stmt::Empty, TextRange::empty(r.end)),
                };
                Stmt::Labeled { label, stmt }
            }
            "expression_statement" => match first() {
                Some(e) => Stmt::Expr(self.expr(e)),
                None => Stmt::Bad,
            },
            "send_statement" => {
                let chan = self.field_expr(node, "channel");
                let value = self.field_expr(node, "value");
                Stmt::Send { chan, value }
            }
            "inc_statement" | "dec_statement" => match first() {
                Some(e) => Stmt::IncDec {
                    x: self.expr(e),
                    inc: node.kind() == "inc_statement",
                },
                None => Stmt::Bad,
            },
            "assignment_statement" | "short_var_declaration" => {
                let lhs = self.field_list(node, "left");
                let rhs = self.field_list(node, "right");
                let op = match node
                    .child_by_field_id(field!("operator").get())
                    .map(|o| o.kind())
                {
                    _ if node.kind() == "short_var_declaration" => AssignOp::Define,
                    Some("=") | None => AssignOp::Assign,
                    Some(op) => match BinaryOp::from_token(op.trim_end_matches('=')) {
                        Some(op) => AssignOp::Op(op),
                        None => AssignOp::Assign,
                    },
                };
                Stmt::Assign { lhs, op, rhs }
            }
            "go_statement" | "defer_statement" => {
                let call = match first() {
                    Some(e) => self.expr(e),
                    None => self.bad_expr(TextRange::empty(r.end)),
                };
                let keyword = if node.kind() == "go_statement" {
                    "go"
                } else {
                    "defer"
                };
                self.check_go_defer_operand(keyword, call);
                if node.kind() == "go_statement" {
                    Stmt::Go(call)
                } else {
                    Stmt::Defer(call)
                }
            }
            "return_statement" => {
                let results = match first() {
                    Some(list) => self.expr_list(list),
                    None => Vec::new(),
                };
                Stmt::Return(results)
            }
            "break_statement"
            | "continue_statement"
            | "goto_statement"
            | "fallthrough_statement" => {
                let kind = match node.kind() {
                    "break_statement" => BranchKind::Break,
                    "continue_statement" => BranchKind::Continue,
                    "goto_statement" => BranchKind::Goto,
                    _ => BranchKind::Fallthrough,
                };
                let label = first()
                    .filter(|c| c.kind() == "label_name")
                    .map(|l| self.name(l));
                Stmt::Branch { kind, label }
            }
            "if_statement" => {
                let init = self.opt_stmt(node, "initializer");
                let cond = self.field_expr(node, "condition");
                let then = match node.child_by_field_id(field!("consequence").get()) {
                    Some(b) => self.block(b),
                    None => self.alloc_stmt(
                        Stmt::Block {
                            stmts: Vec::new(),
                            rbrace: None,
                        },
                        TextRange::empty(r.end),
                    ),
                };
                let els = self.opt_stmt(node, "alternative");
                Stmt::If {
                    init,
                    cond,
                    then,
                    els,
                }
            }
            "expression_switch_statement" => {
                let init = self.opt_stmt(node, "initializer");
                let tag = node
                    .child_by_field_id(field!("value").get())
                    .map(|v| self.expr(v));
                let clauses = self.case_clauses(node, false);
                Stmt::Switch { init, tag, clauses }
            }
            "type_switch_statement" => {
                let init = self.opt_stmt(node, "initializer");
                let bind = node
                    .child_by_field_id(field!("alias").get())
                    .and_then(|list| children(list).into_iter().next())
                    .map(|n| self.name(n));
                let x = self.field_expr(node, "value");
                let clauses = self.case_clauses(node, true);
                Stmt::TypeSwitch {
                    init,
                    bind,
                    x,
                    clauses,
                }
            }
            "select_statement" => {
                let mut clauses = Vec::new();
                for clause in children(node) {
                    let comm = match clause.kind() {
                        "communication_case" => self.opt_stmt(clause, "communication"),
                        "default_case" => None,
                        _ => continue,
                    };
                    let body = self.statement_list_of(clause);
                    clauses.push(CommClause {
                        comm,
                        body,
                        range: range(clause),
                    });
                }
                Stmt::Select { clauses }
            }
            "receive_statement" => {
                // Only inside a select case: `v, ok := <-ch` or `v = <-ch`.
                let rhs = vec![self.field_expr(node, "right")];
                match node.child_by_field_id(field!("left").get()) {
                    Some(left) => {
                        let lhs = self.expr_list(left);
                        let op = if has_token(node, ":=") {
                            AssignOp::Define
                        } else {
                            AssignOp::Assign
                        };
                        Stmt::Assign { lhs, op, rhs }
                    }
                    None => Stmt::Expr(rhs[0]),
                }
            }
            "for_statement" => self.for_statement(node),
            _ => Stmt::Bad,
        }
    }

    /// The expression list under `field`, empty when the field is missing.
    fn field_list(&mut self, node: Node<'_>, field: &str) -> Vec<ExprId> {
        node.child_by_field_name(field)
            .map(|l| self.expr_list(l))
            .unwrap_or_default()
    }

    fn field_expr(&mut self, node: Node<'_>, field: &str) -> ExprId {
        match node.child_by_field_name(field) {
            Some(e) => self.expr(e),
            None => self.bad_expr(TextRange::empty(node.end_byte() as u32)),
        }
    }

    fn case_clauses(&mut self, node: Node<'_>, types: bool) -> Vec<CaseClause> {
        let mut clauses = Vec::new();
        for clause in children(node) {
            let list = match clause.kind() {
                "expression_case" => Some(match clause.child_by_field_id(field!("value").get()) {
                    Some(values) => self.expr_list(values),
                    None => Vec::new(),
                }),
                "type_case" => {
                    let mut cursor = clause.walk();
                    let nodes: Vec<Node<'_>> = clause
                        .children_by_field_id(field!("type"), &mut cursor)
                        .filter(|n| n.is_named())
                        .collect();
                    Some(
                        nodes
                            .into_iter()
                            .map(|t| if types { self.ty(t) } else { self.expr(t) })
                            .collect(),
                    )
                }
                "default_case" => None,
                _ => continue,
            };
            let body = self.statement_list_of(clause);
            clauses.push(CaseClause {
                list,
                body,
                range: range(clause),
            });
        }
        clauses
    }

    fn for_statement(&mut self, node: Node<'_>) -> Stmt {
        let body_node = node.child_by_field_id(field!("body").get());
        let body = match body_node {
            Some(b) => self.block(b),
            None => self.alloc_stmt(
                Stmt::Block {
                    stmts: Vec::new(),
                    rbrace: None,
                },
                TextRange::empty(node.end_byte() as u32),
            ),
        };
        let header = children(node).into_iter().find(|c| Some(*c) != body_node);
        match header {
            None => Stmt::For {
                init: None,
                cond: None,
                post: None,
                body,
            },
            Some(clause) if clause.kind() == "for_clause" => {
                let init = self.opt_stmt(clause, "initializer");
                let cond = clause
                    .child_by_field_id(field!("condition").get())
                    .map(|c| self.expr(c));
                let post = self.opt_stmt(clause, "update");
                Stmt::For {
                    init,
                    cond,
                    post,
                    body,
                }
            }
            Some(clause) if clause.kind() == "range_clause" => {
                let left = self.field_list(clause, "left");
                if left.len() > 2
                    && let Some(&last) = left.last()
                {
                    // go/parser's wording and position (the last variable); cmd/compile's
                    // type checker says "range clause permits at most two iteration variables".
                    let at = self.file.expr_range(last);
                    self.syntax_error(at, "expected at most 2 expressions");
                }
                let define = has_token(clause, ":=");
                let x = self.field_expr(clause, "right");
                let mut left = left.into_iter();
                Stmt::Range {
                    key: left.next(),
                    value: left.next(),
                    define,
                    x,
                    body,
                }
            }
            Some(cond) => Stmt::For {
                init: None,
                cond: Some(self.expr(cond)),
                post: None,
                body,
            },
        }
    }
}

/// Where the `[` and the two colons of a 3-index slice are, when the grammar could not take it
/// because an index is missing.
#[derive(Clone, Copy)]
pub(crate) struct SliceColons {
    lbrack: u32,
    first: u32,
    second: u32,
}

/// A slice expression with one colon of its own and a second one the grammar left in an ERROR
/// (`a[: :]`, `a[0: :10]`, `a[:10:]`): a 3-index slice missing its middle or final index.
/// The error walk leaves such an ERROR to lowering, which reports what is missing.
pub(crate) fn slice_missing_index(node: Node<'_>) -> Option<SliceColons> {
    let mut lbrack = None;
    let mut first = None;
    let mut second = None;
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind() {
            "[" if lbrack.is_none() => lbrack = Some(child.start_byte() as u32),
            ":" if first.is_none() && second.is_none() => first = Some(child.start_byte() as u32),
            ":" => return None,
            "ERROR" if first.is_some() && second.is_none() => {
                let colon = child.child(0).filter(|c| c.kind() == ":");
                match colon {
                    Some(colon) if child.child_count() == 1 => {
                        second = Some(colon.start_byte() as u32)
                    }
                    _ => return None,
                }
            }
            "ERROR" => return None,
            _ => {}
        }
    }
    Some(SliceColons {
        lbrack: lbrack?,
        first: first?,
        second: second?,
    })
}

fn is_type_node(kind: &str) -> bool {
    matches!(
        kind,
        "array_type"
            | "implicit_length_array_type"
            | "slice_type"
            | "map_type"
            | "channel_type"
            | "function_type"
            | "struct_type"
            | "interface_type"
            | "pointer_type"
            | "qualified_type"
            | "generic_type"
            | "parenthesized_type"
            | "negated_type"
    )
}

/// The value of a Go string literal as written (`"..."` with escapes, or `` `...` ``); `None`
/// if it is malformed. Byte escapes (`\xff`, `\377`) are bytes, as in Go; a value that is not
/// valid UTF-8 has its invalid bytes replaced by U+FFFD (as iterating a Go string over runes
/// would see them).
pub fn unquote(lit: &str) -> Option<String> {
    if let Some(raw) = lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        return Some(raw.replace('\r', ""));
    }
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let escaped = match chars.next()? {
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            '\\' => '\\',
            '"' => '"',
            'x' => {
                out.push(u8::from_str_radix(&take(&mut chars, 2)?, 16).ok()?);
                continue;
            }
            'u' => char::from_u32(u32::from_str_radix(&take(&mut chars, 4)?, 16).ok()?)?,
            'U' => char::from_u32(u32::from_str_radix(&take(&mut chars, 8)?, 16).ok()?)?,
            d @ '0'..='7' => {
                let rest = take(&mut chars, 2)?;
                out.push(u8::from_str_radix(&format!("{d}{rest}"), 8).ok()?);
                continue;
            }
            _ => return None,
        };
        out.extend_from_slice(escaped.encode_utf8(&mut buf).as_bytes());
    }
    Some(match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn take(chars: &mut std::str::Chars<'_>, n: usize) -> Option<String> {
    let s: String = chars.take(n).collect();
    (s.chars().count() == n).then_some(s)
}
