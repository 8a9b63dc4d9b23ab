//! The outline of one file (`textDocument/documentSymbol`), from its typed AST: functions and
//! methods, types with their fields or methods as children, and every name of `const` and
//! `var` specs, in source order. Blank names (`_`) are left out, as gopls leaves them out.
//!
//! Signatures are read from the concrete syntax tree, where a function's parameters and
//! results are nodes of their own (the AST keeps their fields, not the parentheses).

use base_db::{SourceDatabase, SourceFile};
use syntax::{
    TextRange,
    ast::{Decl, Expr, ExprId, Field, File, GenKind, InterfaceElem, Spec},
};

use super::{DocumentSymbol, SymbolKind, one_line};

pub(crate) fn document_symbols(db: &dyn SourceDatabase, file: SourceFile) -> Vec<DocumentSymbol> {
    let ast = base_db::file_ast(db, file);
    let cx = Cx {
        text: file.text(db),
        ast,
        tree: base_db::parse(db, file).tree(),
    };
    let mut out = Vec::new();
    for decl in ast.top_level() {
        match decl {
            Decl::Func(f) => {
                if f.name.is_blank() {
                    continue;
                }
                let (name, kind) = match &f.recv {
                    Some(recv) => (
                        format!(
                            "({}).{}",
                            cx.source(ast.expr_range(recv.ty)),
                            f.name.as_str()
                        ),
                        SymbolKind::Method,
                    ),
                    None => (f.name.as_str().to_string(), SymbolKind::Function),
                };
                out.push(DocumentSymbol {
                    name,
                    kind,
                    detail: cx.signature(f.name.range),
                    range: f.range,
                    selection_range: f.name.range,
                    children: Vec::new(),
                });
            }
            Decl::Gen(g) => {
                for spec in &g.specs {
                    match spec {
                        Spec::Type {
                            name, ty, range, ..
                        } => {
                            if name.is_blank() {
                                continue;
                            }
                            let (kind, detail, children) = cx.type_details(*ty);
                            out.push(DocumentSymbol {
                                name: name.as_str().to_string(),
                                kind,
                                detail: Some(detail),
                                range: *range,
                                selection_range: name.range,
                                children,
                            });
                        }
                        Spec::Value {
                            names, ty, range, ..
                        } => {
                            let kind = match g.kind {
                                GenKind::Const => SymbolKind::Constant,
                                _ => SymbolKind::Variable,
                            };
                            for name in names.iter().filter(|n| !n.is_blank()) {
                                // The type, when written; gopls shows no detail otherwise.
                                let (detail, children) = match ty {
                                    Some(ty) => {
                                        let (_, detail, children) = cx.type_details(*ty);
                                        (Some(detail), children)
                                    }
                                    None => (None, Vec::new()),
                                };
                                out.push(DocumentSymbol {
                                    name: name.as_str().to_string(),
                                    kind,
                                    detail,
                                    range: *range,
                                    selection_range: name.range,
                                    children,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

struct Cx<'a> {
    text: &'a str,
    ast: &'a File,
    tree: &'a syntax::Tree,
}

impl Cx<'_> {
    fn source(&self, range: TextRange) -> String {
        one_line(self.text, range)
    }

    /// `func(params) results` of the function, method or interface method named at `name`.
    fn signature(&self, name: TextRange) -> Option<String> {
        let root = self.tree.root_node();
        let mut node = root.descendant_for_byte_range(name.start as usize, name.end as usize)?;
        while !matches!(
            node.kind(),
            "function_declaration" | "method_declaration" | "method_elem"
        ) {
            node = node.parent()?;
        }
        let params = node.child_by_field_name("parameters")?;
        let end = node.child_by_field_name("result").unwrap_or(params);
        let range = TextRange::new(params.start_byte() as u32, end.end_byte() as u32);
        Some(format!("func{}", self.source(range)))
    }

    /// A type's symbol kind, its detail, and the symbols of its fields or methods.
    fn type_details(&self, ty: ExprId) -> (SymbolKind, String, Vec<DocumentSymbol>) {
        match self.ast.expr(ty) {
            Expr::StructType { fields } => {
                let children: Vec<DocumentSymbol> =
                    fields.iter().flat_map(|f| self.field_symbols(f)).collect();
                let detail = if fields.is_empty() {
                    "struct{}"
                } else {
                    "struct{...}"
                };
                (SymbolKind::Struct, detail.to_string(), children)
            }
            Expr::InterfaceType { elems } => {
                let mut children = Vec::new();
                for elem in elems {
                    match elem {
                        InterfaceElem::Method { name, sig } => children.push(DocumentSymbol {
                            name: name.as_str().to_string(),
                            kind: SymbolKind::Method,
                            detail: self.signature(name.range),
                            range: TextRange::new(name.range.start, sig.range.end),
                            selection_range: name.range,
                            children: Vec::new(),
                        }),
                        InterfaceElem::Type(ty) => children.push(self.embedded(*ty)),
                    }
                }
                let detail = if elems.is_empty() {
                    "interface{}"
                } else {
                    "interface{...}"
                };
                (SymbolKind::Interface, detail.to_string(), children)
            }
            Expr::FuncType(_) => (
                SymbolKind::Function,
                self.source(self.ast.expr_range(ty)),
                Vec::new(),
            ),
            _ => (
                SymbolKind::Class,
                self.source(self.ast.expr_range(ty)),
                Vec::new(),
            ),
        }
    }

    /// A struct field's symbols: one per name, or one for an embedded type.
    fn field_symbols(&self, field: &Field) -> Vec<DocumentSymbol> {
        if field.names.is_empty() {
            return vec![self.embedded(field.ty)];
        }
        let (_, detail, children) = self.type_details(field.ty);
        field
            .names
            .iter()
            .map(|name| DocumentSymbol {
                name: name.as_str().to_string(),
                kind: SymbolKind::Field,
                detail: Some(detail.clone()),
                range: field.range,
                selection_range: name.range,
                children: children.clone(),
            })
            .collect()
    }

    /// An embedded type (struct field or interface element) is a field named after its type
    /// name (`T` of `*pkg.T[int]`); a type term without one (`~int | string`) is named by its
    /// text.
    fn embedded(&self, ty: ExprId) -> DocumentSymbol {
        let range = self.ast.expr_range(ty);
        let (_, detail, children) = self.type_details(ty);
        match embedded_name(self.ast, ty) {
            Some(name) => DocumentSymbol {
                name: name.as_str().to_string(),
                kind: SymbolKind::Field,
                detail: Some(detail),
                range,
                selection_range: name.range,
                children,
            },
            None => DocumentSymbol {
                name: detail,
                kind: SymbolKind::Field,
                detail: None,
                range,
                selection_range: range,
                children,
            },
        }
    }
}

/// The type name an embedded type expression names: `T`, `*T`, `pkg.T`, `T[A]`.
pub(super) fn embedded_name(ast: &File, mut ty: ExprId) -> Option<&syntax::ast::Name> {
    loop {
        match ast.expr(ty) {
            Expr::Name(name) => return Some(name),
            Expr::Selector { sel, .. } => return Some(sel),
            Expr::Star(x) | Expr::Paren(x) | Expr::Index { x, .. } => ty = *x,
            _ => return None,
        }
    }
}
