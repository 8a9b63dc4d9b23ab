//! [`Pass`]: one analyzer's view of one package, and the questions analyzers ask of it.

use hir::info::{Selection, TypeAndValue};
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};
use hir::{Info, PackageId, SourceFile, World};
use syntax::TextRange;
use syntax::ast::{self, Expr, ExprId, Name};

use crate::{Analyzer, Diagnostic, Facts, Fix, Package};

/// What an analyzer reads and where it reports, for one package.
pub struct Pass<'a> {
    pub analyzer: &'static Analyzer,
    pub world: &'a World,
    pub package: PackageId,
    pub files: &'a [SourceFile],
    pub info: &'a Info,
    /// The checker's errors in the package (soft ones included).
    pub errors: &'a [hir::TypeError],
    imported: &'a Facts,
    exported: &'a mut Facts,
    found: &'a mut Vec<Diagnostic>,
}

impl<'a> Pass<'a> {
    pub(crate) fn new(
        analyzer: &'static Analyzer,
        package: Package<'a>,
        imported: &'a Facts,
        exported: &'a mut Facts,
        found: &'a mut Vec<Diagnostic>,
    ) -> Pass<'a> {
        Pass {
            analyzer,
            world: package.world,
            package: package.package,
            files: package.files,
            info: package.info,
            errors: package.errors,
            imported,
            exported,
            found,
        }
    }

    // ---- reporting ----

    /// Reports a finding at `range` of file `file`.
    pub fn report(&mut self, file: usize, range: TextRange, message: impl Into<String>) {
        self.report_with_fixes(file, range, message, Vec::new());
    }

    pub fn report_with_fixes(
        &mut self,
        file: usize,
        range: TextRange,
        message: impl Into<String>,
        fixes: Vec<Fix>,
    ) {
        self.found.push(Diagnostic {
            analyzer: self.analyzer.name,
            severity: self.analyzer.severity,
            file,
            range,
            message: message.into(),
            fixes,
        });
    }

    // ---- facts ----

    /// This analyzer's fact about the object named `full_name` ([`Pass::full_name`]), from
    /// this package or one analyzed before it.
    pub fn fact(&self, full_name: &str) -> Option<&str> {
        self.exported
            .get(self.analyzer.name, full_name)
            .or_else(|| self.imported.get(self.analyzer.name, full_name))
    }

    pub fn export_fact(&mut self, full_name: String, value: impl Into<String>) {
        self.exported
            .insert(self.analyzer.name, full_name, value.into());
    }

    // ---- the package ----

    /// The package's import path.
    pub fn path(&self) -> &str {
        &self.world.package(self.package).path
    }

    /// The language version the package was checked with, as (1, minor).
    pub fn go_version(&self) -> (u32, u32) {
        self.world
            .package(self.package)
            .go_version
            .unwrap_or(hir::LATEST_GO)
    }

    pub fn ast(&self, file: usize) -> &'a ast::File {
        &self.files[file].ast
    }

    pub fn text(&self, file: usize, range: TextRange) -> &'a str {
        let text: &'a str = &self.files[file].text;
        text.get(range.start as usize..range.end as usize)
            .unwrap_or("")
    }

    /// The file's name, without its directory.
    pub fn file_name(&self, file: usize) -> &'a str {
        let path: &'a str = &self.files[file].path;
        path.rsplit(['/', '\\']).next().unwrap_or(path)
    }

    pub fn is_test_file(&self, file: usize) -> bool {
        self.file_name(file).ends_with("_test.go")
    }

    // ---- recorded facts ----

    pub fn type_and_value(&self, file: usize, e: ExprId) -> Option<&'a TypeAndValue> {
        self.info.types.get(&(file as u32, e))
    }

    /// The type of expression `e`, if the checker recorded one (and it is valid).
    pub fn type_of(&self, file: usize, e: ExprId) -> Option<TypeId> {
        let tv = self.type_and_value(file, e)?;
        (tv.ty != hir::types::ids::INVALID).then_some(tv.ty)
    }

    /// The object a name uses or declares.
    pub fn object_of(&self, file: usize, name: &Name) -> Option<ObjId> {
        let key = (file as u32, name.range.start);
        self.info
            .uses
            .get(&key)
            .or_else(|| self.info.defs.get(&key))
            .copied()
    }

    /// The object a name declares.
    pub fn def_of(&self, file: usize, name: &Name) -> Option<ObjId> {
        self.info
            .defs
            .get(&(file as u32, name.range.start))
            .copied()
    }

    /// The field or method selector expression `e` selects.
    pub fn selection(&self, file: usize, e: ExprId) -> Option<&'a Selection> {
        self.info.selections.get(&(file as u32, e))
    }

    /// The object `e` denotes, if it is a name, a qualified name or a selector (through
    /// parentheses and instantiation `f[T]`).
    pub fn object_of_expr(&self, file: usize, e: ExprId) -> Option<ObjId> {
        let ast = self.ast(file);
        match ast.expr(e) {
            Expr::Paren(x) => self.object_of_expr(file, *x),
            Expr::Name(name) => self.object_of(file, name),
            Expr::Selector { sel, .. } => match self.selection(file, e) {
                Some(selection) => Some(selection.obj),
                None => self.object_of(file, sel),
            },
            Expr::Index { x, .. } => {
                let obj = self.object_of_expr(file, *x)?;
                matches!(self.world.obj(obj).kind, ObjKind::Func { .. }).then_some(obj)
            }
            _ => None,
        }
    }

    /// The function or method a call calls statically (go/types' `typeutil.StaticCallee`,
    /// method values of interfaces included: `callee` of `w.Write(p)` is `io.Writer.Write`);
    /// `None` for calls of function values, conversions and builtins.
    pub fn callee(&self, file: usize, call: ExprId) -> Option<ObjId> {
        let Expr::Call { fun, .. } = self.ast(file).expr(call) else {
            return None;
        };
        let obj = self.object_of_expr(file, *fun)?;
        matches!(self.world.obj(obj).kind, ObjKind::Func { .. }).then_some(obj)
    }

    /// The builtin a call calls (`len`, `append`, ...).
    pub fn builtin_callee(&self, file: usize, call: ExprId) -> Option<hir::objects::Builtin> {
        let Expr::Call { fun, .. } = self.ast(file).expr(call) else {
            return None;
        };
        let obj = self.object_of_expr(file, crate::util::unparen(self.ast(file), *fun))?;
        match self.world.obj(obj).kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// A function's or method's full name, as go vet writes it: `fmt.Printf`,
    /// `(*log.Logger).Printf`, `(io.Writer).Write`. `None` for local functions and objects
    /// that are not functions.
    pub fn full_name(&self, obj: ObjId) -> Option<String> {
        let o = self.world.obj(obj);
        if !matches!(o.kind, ObjKind::Func { .. }) {
            return None;
        }
        let pkg = self.world.package(o.pkg?);
        let Type::Signature(sig) = self.world.ty(o.ty) else {
            return None;
        };
        let Some(recv) = sig.recv else {
            return Some(format!("{}.{}", pkg.path, o.name));
        };
        let recv_ty = self.world.obj(recv).ty;
        let (base, pointer) = match self.world.ty(recv_ty) {
            Type::Pointer(elem) => (*elem, true),
            _ => (recv_ty, false),
        };
        let type_name = self.type_name(base)?;
        let star = if pointer { "*" } else { "" };
        Some(format!("({star}{}.{type_name}).{}", pkg.path, o.name))
    }

    /// The name of a named type (of an instance: its origin's), or of an alias.
    fn type_name(&self, ty: TypeId) -> Option<&'a str> {
        let world: &'a World = self.world;
        match world.ty(ty) {
            Type::Named(named) => Some(&world.obj(named.obj).name),
            Type::Alias(alias) => Some(&world.obj(alias.obj).name),
            _ => None,
        }
    }
}
