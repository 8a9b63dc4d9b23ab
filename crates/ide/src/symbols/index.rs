//! The per-file symbol index that workspace symbol search scans: every package-level name of
//! a file, with methods as `T.M` and struct fields and interface methods as `T.f` (nested:
//! `T.f.g`), as gopls' symbol index names them.
//!
//! One salsa query per file, reading nothing but the file's text: after an edit only that
//! file is indexed again, and the index of the whole standard library stays warm.

use std::sync::Arc;

use base_db::{SourceDatabase, SourceFile};
use syntax::{
    TextRange,
    ast::{Decl, Expr, ExprId, Field, File, GenKind, InterfaceElem, Spec},
};

use super::{SymbolKind, document::embedded_name, one_line};

/// One entry of a file's index.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct IndexedSymbol {
    pub(crate) name: Box<str>,
    pub(crate) kind: SymbolKind,
    /// The name's range.
    pub(crate) range: TextRange,
    /// The name's characters, for the search's quick test ([`super::fuzzy::char_mask`]).
    pub(crate) mask: u64,
}

/// The symbols of `file`. Not LRU-bounded: an index is small (a name and a range per
/// declaration) and is what makes the next search fast.
///
/// A file open in the editor is read through `base_db::file_ast`, which diagnostics have
/// computed already (incrementally) after each edit, so re-indexing it costs a walk of its
/// declarations. Other files are parsed and lowered here, and their trees dropped at once:
/// indexing the standard library passes over thousands of files, whose trees and ASTs would
/// otherwise stay in memory up to the next revision (salsa evicts LRU entries only then).
/// Both ways give the same AST, so which one ran does not change the answer.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_symbol_index(db: &dyn SourceDatabase, file: SourceFile) -> Arc<[IndexedSymbol]> {
    let text = file.text(db);
    let ast = if db.vfs().is_open(file.path(db)) {
        base_db::file_ast(db, file).clone()
    } else {
        Arc::new(syntax::lower(text, syntax::parse(text).tree()))
    };
    let ast: &File = &ast;
    let mut w = Walker {
        ast,
        text,
        out: Vec::new(),
    };
    for decl in ast.top_level() {
        match decl {
            Decl::Func(f) => {
                let kind = if f.recv.is_some() {
                    SymbolKind::Method
                } else {
                    SymbolKind::Function
                };
                let recv = f.recv.as_ref().and_then(|r| embedded_name(ast, r.ty));
                let name = match recv {
                    Some(recv) => format!("{}.{}", recv.as_str(), f.name.as_str()),
                    None => f.name.as_str().to_string(),
                };
                w.declare(name, kind, f.name.range);
            }
            Decl::Gen(g) => {
                for spec in &g.specs {
                    match spec {
                        Spec::Type { name, ty, .. } => {
                            let kind = match ast.expr(*ty) {
                                Expr::StructType { .. } => SymbolKind::Struct,
                                Expr::InterfaceType { .. } => SymbolKind::Interface,
                                Expr::FuncType(_) => SymbolKind::Function,
                                _ => SymbolKind::Class,
                            };
                            w.declare(name.as_str().to_string(), kind, name.range);
                            w.walk_type(*ty, name.as_str());
                        }
                        Spec::Value { names, .. } => {
                            let kind = match g.kind {
                                GenKind::Const => SymbolKind::Constant,
                                _ => SymbolKind::Variable,
                            };
                            for name in names {
                                w.declare(name.as_str().to_string(), kind, name.range);
                            }
                        }
                    }
                }
            }
        }
    }
    w.out.into()
}

struct Walker<'a> {
    ast: &'a File,
    text: &'a str,
    out: Vec<IndexedSymbol>,
}

impl Walker<'_> {
    fn declare(&mut self, name: String, kind: SymbolKind, range: TextRange) {
        // Blank names cannot be referred to; searching for them finds nothing useful.
        if name.is_empty() || name == "_" || name.ends_with("._") {
            return;
        }
        self.out.push(IndexedSymbol {
            mask: super::fuzzy::char_mask(&name),
            name: name.into(),
            kind,
            range,
        });
    }

    /// The fields of a struct type and the methods and embedded types of an interface, under
    /// `path` (the dotted names leading to the type).
    fn walk_type(&mut self, ty: ExprId, path: &str) {
        match self.ast.expr(ty) {
            Expr::StructType { fields } => {
                for field in fields {
                    self.walk_field(field, path);
                }
            }
            Expr::InterfaceType { elems } => {
                for elem in elems {
                    match elem {
                        InterfaceElem::Method { name, .. } => self.declare(
                            format!("{path}.{}", name.as_str()),
                            SymbolKind::Method,
                            name.range,
                        ),
                        InterfaceElem::Type(ty) => {
                            let name = self.embedded(*ty);
                            self.declare(
                                format!("{path}.{name}"),
                                SymbolKind::Interface,
                                self.ast.expr_range(*ty),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// An embedded type's name: its type name (`T` of `*pkg.T`; gopls keeps the `*`, which
    /// nobody types in a search), else its text (`~int | string`).
    fn embedded(&self, ty: ExprId) -> String {
        match embedded_name(self.ast, ty) {
            Some(name) => name.as_str().to_string(),
            None => one_line(self.text, self.ast.expr_range(ty)),
        }
    }

    fn walk_field(&mut self, field: &Field, path: &str) {
        if field.names.is_empty() {
            let name = self.embedded(field.ty);
            self.declare(format!("{path}.{name}"), SymbolKind::Field, field.range);
            return;
        }
        for name in &field.names {
            let dotted = format!("{path}.{}", name.as_str());
            self.declare(dotted.clone(), SymbolKind::Field, name.range);
            self.walk_type(field.ty, &dotted);
        }
    }
}
