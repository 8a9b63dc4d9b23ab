//! Collecting a package's objects: file scopes, imports (named, dot, blank, `"C"`), and the
//! package-level constants, variables, types and functions, with their declarations; methods
//! are associated with their receiver base type names.

use std::collections::HashMap;

use syntax::TextRange;
use syntax::ast::{self, Decl, Expr, GenKind, Spec};

use super::Checker;
use super::decl::{DeclInfo, DeclKind};
use crate::constant::Value;
use crate::objects::{ObjId, ObjKind, Object, VarInfo};
use crate::types::ids;

impl Checker<'_> {
    /// Registers the files with the world and creates their scopes.
    pub(crate) fn init_files(&mut self) {
        let pkg_scope = self.world.package(self.pkg).scope;
        let mut pkg_name: Option<Box<str>> = None;
        for (i, file) in self.files.iter().enumerate() {
            let id = self.world.add_file(file.path.clone(), file.text.clone());
            self.file_ids.push(id);
            let scope = self.world.new_scope(Some(pkg_scope), false);
            self.file_scopes.push(scope);
            // A file's scope spans its whole text, comments included (go/types).
            self.env.file = i;
            self.record_scope(TextRange::new(0, file.text.len() as u32), scope);
            // A file's //go:build version governs it, but never below go1.21 (go/types).
            self.file_lang.push(
                super::versions::build_line_version(&file.text).map(|minor| (1, minor.max(21))),
            );
            self.dot_imports.push(HashMap::new());
            // Errors lowering found for the checker (receiver lists: none or several).
            for e in &file.ast.check_errors {
                self.report(i, e.range, e.message.clone(), false);
            }
            let Some(name) = &file.ast.package else {
                continue;
            };
            if name.is_blank() {
                self.env.file = i;
                self.error(name.range, "invalid package name _");
                continue;
            }
            match &pkg_name {
                None => {
                    pkg_name = Some(name.text.clone());
                    self.world.package_mut(self.pkg).name = name.text.clone();
                }
                Some(expected) if *expected != name.text => {
                    self.env.file = i;
                    self.error(
                        name.range,
                        format!("package {}; expected package {}", name.text, expected),
                    );
                }
                Some(_) => {}
            }
        }
        self.env.file = 0;
    }

    pub(crate) fn collect_objects(&mut self) {
        let pkg_scope = self.world.package(self.pkg).scope;
        let mut methods: Vec<(ObjId, bool, String)> = Vec::new();
        for file_no in 0..self.files.len() {
            self.env.file = file_no;
            self.env.scope = self.file_scopes[file_no];
            let ast = self.ast();
            for spec in &ast.imports {
                self.import_spec(file_no, spec);
            }
            for &decl_id in &ast.decls {
                match ast.decl(decl_id) {
                    Decl::Gen(gdecl) => self.collect_gen_decl(file_no, gdecl),
                    Decl::Func(func) => {
                        let name = func.name.as_str();
                        let obj = self.new_object(
                            &func.name,
                            ObjKind::Func {
                                has_ptr_recv: false,
                            },
                        );
                        let info = DeclInfo::new(file_no, DeclKind::Func { decl: decl_id });
                        match &func.recv {
                            None => {
                                let special = name == "init"
                                    || (name == "main"
                                        && &*self.world.package(self.pkg).name == "main");
                                if !special && let Some(first) = func.type_params.first() {
                                    self.verify_version(first.range, 18, "type parameter");
                                }
                                if special {
                                    if !func.type_params.is_empty() {
                                        self.soft_error(
                                            func.type_params[0].range,
                                            format!("func {name} must have no type parameters"),
                                        );
                                    }
                                    if !func.sig.params.is_empty() || !func.sig.results.is_empty() {
                                        self.soft_error(func.name.range, format!("func {name} must have no arguments and no return values"));
                                    }
                                }
                                if name == "init" {
                                    self.world.obj_mut(obj).parent = Some(pkg_scope);
                                    self.record_def(&func.name, obj);
                                    if func.body.is_none() {
                                        self.soft_error(
                                            func.name.range,
                                            "func init must have a body",
                                        );
                                    }
                                } else {
                                    self.declare(pkg_scope, Some(&func.name), obj);
                                }
                            }
                            Some(recv) => {
                                // go/parser's error; the type parameters are then ignored
                                // (see `func_decl`).
                                if let Some(first) = func.type_params.first() {
                                    let from = func.name.range.end;
                                    let at = self
                                        .find_token(from, first.range.start, "[")
                                        .unwrap_or(first.range.start);
                                    self.error(
                                        TextRange::new(at, at + 1),
                                        "method must have no type parameters",
                                    );
                                }
                                let (ptr, base) = unpack_recv(ast, recv.ty);
                                if let Some(base) = base
                                    && name != "_"
                                {
                                    methods.push((obj, ptr, base));
                                }
                                self.record_def(&func.name, obj);
                            }
                        }
                        self.add_decl(obj, info);
                    }
                }
            }
        }

        // Objects in file scopes and the package scope must have different names.
        for file_no in 0..self.files.len() {
            self.env.file = file_no;
            let mut names: Vec<(Box<str>, ObjId)> = self
                .world
                .scope(self.file_scopes[file_no])
                .names
                .iter()
                .map(|(n, &o)| (n.clone(), o))
                .collect();
            names.sort_by_key(|(_, o)| *o);
            for (name, obj) in names {
                let Some(alt) = self.world.lookup_local(pkg_scope, &name) else {
                    continue;
                };
                let alt_obj = self.world.obj(alt).clone();
                let Some(file) = alt_obj.pos.file else {
                    continue;
                };
                let file_idx = self.file_ids.iter().position(|&f| f == file).unwrap_or(0);
                let range = syntax::TextRange {
                    start: alt_obj.pos.offset,
                    end: alt_obj.pos.offset + name.len() as u32,
                };
                let msg = match self.world.obj(obj).kind {
                    ObjKind::PkgName { imported } => {
                        format!(
                            "{name} already declared through import of package {} ({:?})",
                            self.world.package(imported).name,
                            &*self.world.package(imported).path
                        )
                    }
                    _ => {
                        let pkg = self
                            .world
                            .obj(obj)
                            .pkg
                            .map(|p| self.world.package(p).clone());
                        match pkg {
                            Some(p) => format!(
                                "{name} already declared through dot-import of package {} ({:?})",
                                p.name, &*p.path
                            ),
                            None => format!("{name} already declared through dot-import"),
                        }
                    }
                };
                self.report(file_idx, range, msg, false);
            }
        }

        self.find_ambiguous_package_names();

        // Associate methods with their receiver base type names.
        for (method, ptr, base) in methods {
            if let Some((ptr, base_obj)) = self.resolve_base_type_name(ptr, &base) {
                if let ObjKind::Func { has_ptr_recv } = &mut self.world.obj_mut(method).kind {
                    *has_ptr_recv = ptr;
                }
                self.methods.entry(base_obj).or_default().push(method);
            }
        }
        self.env.file = 0;
    }

    /// Package names that two packages reachable from this one share: messages qualify their
    /// types by path (`"html/template".Template`), as go/types' qualifier does.
    fn find_ambiguous_package_names(&mut self) {
        let mut paths_by_name: HashMap<Box<str>, Vec<Box<str>>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![self.pkg];
        while let Some(p) = stack.pop() {
            if !seen.insert(p) {
                continue;
            }
            let pkg = self.world.package(p);
            let paths = paths_by_name.entry(pkg.name.clone()).or_default();
            if !paths.contains(&pkg.path) {
                paths.push(pkg.path.clone());
            }
            stack.extend(pkg.imports.iter().copied());
        }
        let mut ambiguous: Vec<Box<str>> = paths_by_name
            .into_iter()
            .filter(|(_, paths)| paths.len() > 1)
            .map(|(name, _)| name)
            .collect();
        ambiguous.sort();
        self.ambiguous_pkg_names = ambiguous;
    }

    /// Follows local alias declarations (`type A = B`, `type A = *B`) syntactically to a
    /// defined type of this package, as go/types' `resolveBaseTypeName` does: the base type and
    /// whether the receiver is a pointer; at most one pointer along the way.
    fn resolve_base_type_name(&self, mut ptr: bool, name: &str) -> Option<(bool, ObjId)> {
        let pkg_scope = self.world.package(self.pkg).scope;
        let mut name = name.to_string();
        let mut seen = Vec::new();
        loop {
            let obj = self.world.lookup_local(pkg_scope, &name)?;
            if !self.world.obj(obj).is_type_name() || seen.contains(&obj) {
                return None;
            }
            let info = self.decls.get(&obj)?;
            let DeclKind::Type {
                alias, ty, generic, ..
            } = info.kind
            else {
                return None;
            };
            if !alias {
                return Some((ptr, obj));
            }
            if generic {
                return None;
            }
            seen.push(obj);
            let ast = &self.files[info.file].ast;
            let mut e = ty;
            while let Expr::Paren(x) = ast.expr(e) {
                e = *x;
            }
            if let Expr::Star(x) = ast.expr(e) {
                if ptr {
                    return None;
                }
                ptr = true;
                e = *x;
                while let Expr::Paren(x) = ast.expr(e) {
                    e = *x;
                }
            }
            let Expr::Name(n) = ast.expr(e) else {
                return None;
            };
            name = n.text.to_string();
        }
    }

    fn import_spec(&mut self, file_no: usize, spec: &ast::ImportSpec) {
        let Some(path) = &spec.path else { return };
        if path.is_empty() {
            self.error(spec.path_range, "invalid import path (empty string)");
            return;
        }
        // go/types' `validatedImportPath` (invalid UTF-8 reads as U+FFFD).
        if let Some(c) = path.chars().find(|&c| {
            c.is_whitespace() || c.is_control() || "!\"#$%&'()*,:;<=>?[\\]^`{|}\u{FFFD}".contains(c)
        }) {
            // Go's `%#U`: the code point, then the character if it is printable.
            let printed = if c.is_control() {
                String::new()
            } else {
                format!(" '{c}'")
            };
            self.error(
                spec.path_range,
                format!(
                    "invalid import path (invalid character U+{:04X}{printed})",
                    c as u32
                ),
            );
            return;
        }
        let imported = match path.as_str() {
            "unsafe" => self.world.unsafe_pkg,
            "C" => self.fake_c_package(),
            _ => match self.importer.import(self.world, path) {
                Ok(p) => p,
                Err(err) => {
                    self.error(spec.path_range, format!("could not import {path} ({err})"));
                    // Continue with a fake package, as go/types does: its members are not
                    // checked, so uses of it stay silent.
                    let name = path
                        .trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(path);
                    let fake = self.world.new_package(path, name);
                    let p = self.world.package_mut(fake);
                    p.complete = true;
                    p.fake = true;
                    fake
                }
            },
        };
        let mut name: Box<str> = self.world.package(imported).name.clone();
        if let Some(local) = &spec.name {
            if path == "C" {
                self.error(local.range, "cannot rename import \"C\"");
                return;
            }
            name = local.text.clone();
        }
        if &*name == "init" {
            self.error(
                spec.range,
                "cannot import package as init - init must be a func",
            );
            return;
        }
        let pkg = self.world.package_mut(self.pkg);
        if !pkg.imports.contains(&imported) {
            pkg.imports.push(imported);
        }
        let obj = self.world.new_obj(Object {
            name: name.clone(),
            kind: ObjKind::PkgName { imported },
            ty: ids::INVALID,
            pkg: Some(self.pkg),
            pos: self.pos(spec.range.start),
            parent: None,
            used: self.world.package(imported).fake,
            order: 0,
        });
        match &spec.name {
            Some(local) => self.record_def(local, obj),
            None => self.record_implicit(spec.range.start, obj),
        }
        self.imports.push((file_no, obj));
        let file_scope = self.file_scopes[file_no];
        if &*name == "." {
            let scope = self.world.package(imported).scope;
            let mut members: Vec<(Box<str>, ObjId)> = self
                .world
                .scope(scope)
                .names
                .iter()
                .map(|(n, &o)| (n.clone(), o))
                .collect();
            members.sort();
            for (member, mobj) in members {
                if !member.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                if self.world.lookup_local(file_scope, &member).is_some() {
                    let range = spec.name.as_ref().map(|n| n.range).unwrap_or(spec.range);
                    self.error(range, format!("{member} redeclared in this block"));
                } else {
                    // Dot-imported objects stay owned by their package: insert without
                    // re-parenting them.
                    self.world.insert_alias(file_scope, &member, mobj);
                    self.dot_imports[file_no].insert(mobj, obj);
                }
            }
        } else if &*name != "_" {
            if let Some(prev) = self.world.insert(file_scope, obj) {
                let _ = prev;
                self.error(spec.range, format!("{name} redeclared in this block"));
            }
        }
    }

    /// Package "C" of cgo: a fake package whose members are not checked.
    fn fake_c_package(&mut self) -> crate::world::PackageId {
        if let Some(p) = self.world.package_by_path("C") {
            return p;
        }
        let p = self.world.new_package("C", "C");
        let pkg = self.world.package_mut(p);
        pkg.complete = true;
        pkg.fake = true;
        p
    }

    fn collect_gen_decl(&mut self, file_no: usize, gdecl: &ast::GenDecl) {
        let mut group = ConstGroup::default();
        for spec in &gdecl.specs {
            match (gdecl.kind, spec) {
                (
                    GenKind::Const,
                    Spec::Value {
                        names,
                        ty,
                        values,
                        iota,
                        range,
                    },
                ) => {
                    let ConstSpec {
                        ty,
                        values,
                        inherited: inherited_info,
                    } = group.spec(*ty, values, range.start);
                    let inherited = inherited_info.is_some();
                    for (i, name) in names.iter().enumerate() {
                        let obj =
                            self.new_object(name, ObjKind::Const(Value::from_i64(*iota as i64)));
                        let kind = DeclKind::Const {
                            ty,
                            init: values.get(i).copied(),
                            iota: *iota,
                            inherited,
                        };
                        self.declare_pkg_obj(name, obj, DeclInfo::new(file_no, kind));
                    }
                    self.check_const_arity(names, &values, ty.is_some(), inherited_info, *range);
                }
                (
                    GenKind::Var,
                    Spec::Value {
                        names,
                        ty,
                        values,
                        range,
                        ..
                    },
                ) => {
                    let lhs: Vec<ObjId> = names
                        .iter()
                        .map(|name| {
                            self.new_object(
                                name,
                                ObjKind::Var(VarInfo {
                                    is_package: true,
                                    ..VarInfo::default()
                                }),
                            )
                        })
                        .collect();
                    for (i, name) in names.iter().enumerate() {
                        let kind = if values.len() == 1 && names.len() > 1 {
                            DeclKind::Var {
                                lhs: lhs.clone(),
                                ty: *ty,
                                init: Some(values[0]),
                            }
                        } else {
                            DeclKind::Var {
                                lhs: vec![lhs[i]],
                                ty: *ty,
                                init: values.get(i).copied(),
                            }
                        };
                        self.declare_pkg_obj(name, lhs[i], DeclInfo::new(file_no, kind));
                    }
                    self.check_arity(names, values, ty.is_some(), None, *range, false);
                }
                (
                    GenKind::Type,
                    Spec::Type {
                        name,
                        type_params,
                        alias,
                        ty,
                        ..
                    },
                ) => {
                    let obj = self.new_object(name, ObjKind::TypeName);
                    let kind = DeclKind::Type {
                        alias: *alias,
                        ty: *ty,
                        generic: !type_params.is_empty(),
                        type_params: type_params.clone(),
                    };
                    self.declare_pkg_obj(name, obj, DeclInfo::new(file_no, kind));
                }
                _ => {}
            }
        }
    }

    /// go/types' `arityMatch` for a `const`/`var` spec: missing or extra init expressions.
    /// `inherited` is the earlier constant spec whose values this one repeats, if any.
    pub(crate) fn check_arity(
        &mut self,
        names: &[ast::Name],
        own_values: &[ast::ExprId],
        has_type: bool,
        inherited: Option<(usize, u32)>,
        spec_range: syntax::TextRange,
        is_const: bool,
    ) {
        let l = names.len();
        let r = match inherited {
            Some((n, _)) => n,
            None => own_values.len(),
        };
        if !is_const && r == 0 {
            if !has_type {
                self.error(spec_range, "missing type or init expr");
            }
        } else if l < r {
            if l < own_values.len() {
                let extra = own_values[l];
                let s = self.expr_string(extra);
                self.error_at(extra, format!("extra init expr {s}"));
            } else if let Some((_, at)) = inherited {
                let pos = self.offset_position(at);
                self.error(spec_range, format!("extra init expr at {pos}"));
            }
        } else if l > r && (is_const || r != 1) {
            let name = &names[r];
            self.error(
                name.range,
                format!("missing init expr for {}", name.as_str()),
            );
        }
    }

    /// [`Checker::check_arity`] for a constant spec: an inherited spec's values are not its own.
    pub(crate) fn check_const_arity(
        &mut self,
        names: &[ast::Name],
        values: &[ast::ExprId],
        has_type: bool,
        inherited: Option<(usize, u32)>,
        spec_range: syntax::TextRange,
    ) {
        let own = if inherited.is_some() { &[][..] } else { values };
        self.check_arity(names, own, has_type, inherited, spec_range, true);
    }

    pub(crate) fn new_object(&mut self, name: &ast::Name, kind: ObjKind) -> ObjId {
        let pos = self.pos(name.range.start);
        self.world.new_obj(Object {
            name: name.text.clone(),
            kind,
            ty: ids::INVALID,
            pkg: Some(self.pkg),
            pos,
            parent: None,
            used: false,
            order: 0,
        })
    }

    fn declare_pkg_obj(&mut self, name: &ast::Name, obj: ObjId, info: DeclInfo) {
        if name.as_str() == "init" {
            self.error(name.range, "cannot declare init - must be func");
            return;
        }
        if name.as_str() == "main" && &*self.world.package(self.pkg).name == "main" {
            self.error(name.range, "cannot declare main - must be func");
            return;
        }
        let pkg_scope = self.world.package(self.pkg).scope;
        self.declare(pkg_scope, Some(name), obj);
        self.add_decl(obj, info);
    }

    fn add_decl(&mut self, obj: ObjId, info: DeclInfo) {
        self.world.obj_mut(obj).order = self.decls.len() as u32 + 1;
        self.decls.insert(obj, info);
    }

    /// Reports imports that no identifier used.
    pub(crate) fn unused_imports(&mut self) {
        if self.config.ignore_func_bodies {
            return;
        }
        let imports = std::mem::take(&mut self.imports);
        for &(file_no, obj) in &imports {
            let o = self.world.obj(obj);
            if &*o.name == "_" || o.used {
                continue;
            }
            let ObjKind::PkgName { imported } = o.kind else {
                continue;
            };
            let path = self.world.package(imported).path.to_string();
            let elem = path.rsplit('/').next().unwrap_or(&path).to_string();
            let msg = if &*o.name == "." || *o.name == *elem {
                format!("{path:?} imported and not used")
            } else {
                format!("{path:?} imported as {} and not used", o.name)
            };
            let offset = o.pos.offset;
            let range = syntax::TextRange {
                start: offset,
                end: offset + 1,
            };
            self.report(file_no, range, msg, true);
        }
        self.imports = imports;
    }
}

/// The receiver's base type name, syntactically: `T`, `*T`, `(T)`, `T[P]`; and whether the
/// receiver is a pointer.
pub(crate) fn unpack_recv(ast: &ast::File, mut e: ast::ExprId) -> (bool, Option<String>) {
    let mut ptr = false;
    loop {
        match ast.expr(e) {
            Expr::Paren(x) => e = *x,
            Expr::Star(x) if !ptr => {
                ptr = true;
                e = *x;
            }
            Expr::Index { x, .. } => e = *x,
            Expr::Name(name) => return (ptr, Some(name.text.to_string())),
            _ => return (ptr, None),
        }
    }
}

/// The constant specs of one group: a spec without type and values repeats the last one's
/// (with its own `iota`).
#[derive(Default)]
pub(crate) struct ConstGroup {
    /// The last spec with a type or values, and where it starts.
    last: Option<(Option<ast::ExprId>, Vec<ast::ExprId>, u32)>,
}

/// What one constant spec declares its constants with.
pub(crate) struct ConstSpec {
    pub ty: Option<ast::ExprId>,
    pub values: Vec<ast::ExprId>,
    /// For a spec that repeats an earlier one: how many values that one has, and where it
    /// starts (for `extra init expr at <position>`).
    pub inherited: Option<(usize, u32)>,
}

impl ConstGroup {
    pub(crate) fn spec(
        &mut self,
        ty: Option<ast::ExprId>,
        values: &[ast::ExprId],
        start: u32,
    ) -> ConstSpec {
        if ty.is_some() || !values.is_empty() {
            self.last = Some((ty, values.to_vec(), start));
            return ConstSpec {
                ty,
                values: values.to_vec(),
                inherited: None,
            };
        }
        match &self.last {
            Some((ty, values, at)) => ConstSpec {
                ty: *ty,
                values: values.clone(),
                inherited: Some((values.len(), *at)),
            },
            None => ConstSpec {
                ty: None,
                values: Vec::new(),
                inherited: None,
            },
        }
    }
}
