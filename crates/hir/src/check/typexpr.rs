//! Type expressions and identifiers: resolving a name to its object (declaring package-level
//! objects on demand), and building array, slice, struct, pointer, function, interface, map
//! and channel types from their syntax.

use syntax::TextRange;
use syntax::ast::{self, Expr, ExprId, Field, InterfaceElem};

use super::Checker;
use crate::objects::{ObjId, ObjKind, VarInfo};
use crate::operand::{Mode, Operand};
use crate::types::{self, ChanDir, Interface, Signature, Struct, Type, TypeId, ids};
use crate::world::ScopeId;

impl Checker<'_> {
    /// Resolves identifier `e` (go/types' `ident`). `want_type`: a type is expected.
    pub(crate) fn ident(&mut self, e: ExprId, name: &ast::Name, want_type: bool) -> Operand {
        let mut x = Operand::invalid(Some(e));
        if name.as_str().is_empty() {
            // A name the parser had to invent: the syntax error says it all.
            return x;
        }
        let Some((scope, obj)) = self.world.lookup_parent(self.env.scope, name.as_str()) else {
            if name.is_blank() {
                let msg = if want_type {
                    "cannot use _ as type"
                } else {
                    "cannot use _ as value"
                };
                self.error(name.range, msg);
            } else {
                self.error(name.range, format!("undefined: {}", name.as_str()));
            }
            return x;
        };
        let universe = self.world.universe();
        if scope == universe
            && matches!(name.as_str(), "any" | "comparable")
            && !self.allow_version(18)
        {
            self.verify_version(name.range, 18, &format!("predeclared {}", name.as_str()));
            return x;
        }
        self.record_use(name.range.start, obj);
        let is_type = self.world.obj(obj).is_type_name();
        if !is_type && want_type {
            let what = self.world.obj(obj).kind_description();
            let what = match (what, &self.world.obj(obj).kind) {
                ("function", ObjKind::Func { .. })
                    if self.world.is_signature(self.world.obj(obj).ty)
                        && matches!(self.world.ty(self.world.obj(obj).ty), Type::Signature(s) if s.recv.is_some()) =>
                {
                    "method"
                }
                _ => what,
            };
            self.error(
                name.range,
                format!("{} ({what}) is not a type", name.as_str()),
            );
            if matches!(self.world.obj(obj).kind, ObjKind::Var(_)) {
                self.world.obj_mut(obj).used = true;
            }
            return x;
        }
        if self.world.obj(obj).ty == ids::INVALID || is_type {
            self.obj_decl(obj);
        }
        // A dot-imported object marks its import as used.
        if let Some(&pkg_name) = self
            .dot_imports
            .get(self.env.file)
            .and_then(|m| m.get(&obj))
            && scope == self.file_scopes[self.env.file]
        {
            self.world.obj_mut(pkg_name).used = true;
        }
        let ty = self.world.obj(obj).ty;
        match self.world.obj(obj).kind.clone() {
            ObjKind::PkgName { .. } => {
                self.error(
                    name.range,
                    format!("use of package {} not in selector", name.as_str()),
                );
                return x;
            }
            ObjKind::Const(value) => {
                self.add_decl_dep(obj);
                if !self.world.is_valid(ty) {
                    return x;
                }
                if scope == universe && name.as_str() == "iota" {
                    match &self.env.iota {
                        Some(v) => x.mode = Mode::Constant(v.clone()),
                        None => {
                            self.error(name.range, "cannot use iota outside constant declaration");
                            return x;
                        }
                    }
                } else {
                    x.mode = Mode::Constant(value);
                }
            }
            ObjKind::TypeName => {
                if self.world.generic.contains(&obj) {
                    // Generic aliases are not checked yet: their uses stay silent.
                    return x;
                }
                x.mode = Mode::TypeExpr;
            }
            ObjKind::Var(_) => {
                if self.world.obj(obj).pkg == Some(self.pkg) {
                    self.world.obj_mut(obj).used = true;
                }
                self.add_decl_dep(obj);
                if !self.world.is_valid(ty) {
                    return x;
                }
                x.mode = Mode::Variable;
            }
            ObjKind::Func { .. } => {
                self.add_decl_dep(obj);
                x.mode = Mode::Value;
            }
            ObjKind::Builtin(b) => {
                x.mode = Mode::Builtin(b);
            }
            ObjKind::Nil => x.mode = Mode::Value,
            ObjKind::Label => return x,
        }
        x.ty = ty;
        x
    }

    /// The type denoted by `e`, reporting `x is not a type` otherwise; records it.
    pub(crate) fn typ(&mut self, e: ExprId) -> TypeId {
        let t = self.typ_internal(e, None);
        let x = Operand {
            mode: Mode::TypeExpr,
            expr: Some(e),
            ty: t,
        };
        self.record_type(e, &x);
        t
    }

    /// A type name that may denote a generic type (the `G` of `G[int]`); records it.
    pub(crate) fn generic_type_expr(&mut self, e: ExprId) -> TypeId {
        let t = self.generic_type_internal(e);
        let x = Operand {
            mode: Mode::TypeExpr,
            expr: Some(e),
            ty: t,
        };
        self.record_type(e, &x);
        t
    }

    /// Like [`Checker::typ`], allowing a generic type (for uses that report nothing more).
    pub(crate) fn typ_generic_ok(&mut self, e: ExprId) -> TypeId {
        match self.ast().expr(self.unparen(e)) {
            Expr::Name(_) | Expr::Selector { .. } => self.generic_type_expr(e),
            _ => self.typ(e),
        }
    }

    fn generic_type_internal(&mut self, e: ExprId) -> TypeId {
        let ast = self.ast();
        match ast.expr(e) {
            Expr::Name(name) => {
                let x = self.ident(e, name, true);
                if x.mode == Mode::TypeExpr {
                    return x.ty;
                }
                self.not_a_type(&x);
                ids::INVALID
            }
            Expr::Selector { x, sel } => {
                let op = self.selector(e, *x, sel, true);
                if op.mode == Mode::TypeExpr {
                    return op.ty;
                }
                self.not_a_type(&op);
                ids::INVALID
            }
            Expr::Paren(x) => self.generic_type_expr(*x),
            _ => self.typ(e),
        }
    }

    /// Like [`Checker::typ`] for the type of a variable (map keys etc. are checked later).
    pub(crate) fn var_type(&mut self, e: ExprId) -> TypeId {
        let t = self.typ(e);
        // Constraint interfaces are not types of values; decided once all types are complete.
        self.later(move |c| c.valid_var_type(e, t));
        t
    }

    /// go/types' `validVarType`: an interface with type terms or `comparable` in its type set
    /// cannot be the type of a variable.
    pub(crate) fn valid_var_type(&mut self, e: ExprId, t: TypeId) {
        if !self.world.is_interface(t) {
            return;
        }
        let (comparable, terms) = self.constraint_parts(t);
        if !comparable && !terms {
            return;
        }
        let s = self.type_str(t);
        let range = self.expr_range(e);
        let why = if comparable {
            "interface is (or embeds) comparable"
        } else {
            "interface contains type constraints"
        };
        self.soft_error(
            range,
            format!("cannot use type {s} outside a type constraint: {why}"),
        );
    }

    /// Whether the interface's type set is restricted by `comparable` or by type terms
    /// (embedded interfaces and non-interface types included).
    pub(crate) fn constraint_parts(&self, t: TypeId) -> (bool, bool) {
        let mut seen = Vec::new();
        let mut stack = vec![t];
        let (mut comparable, mut terms) = (false, false);
        while let Some(t) = stack.pop() {
            let u = self.world.under(t);
            if seen.contains(&u) {
                continue;
            }
            seen.push(u);
            match self.world.ty(u) {
                Type::Interface(i) => {
                    comparable |= i.comparable;
                    terms |= i.has_terms;
                    stack.extend(i.embeddeds.iter().copied());
                }
                _ if self.world.is_valid(u) => terms = true,
                _ => {}
            }
        }
        (comparable, terms)
    }

    /// The right-hand side of the declaration of defined type `def`.
    pub(crate) fn defined_type(&mut self, e: ExprId, def: TypeId) -> TypeId {
        let t = self.typ_internal(e, Some(def));
        let x = Operand {
            mode: Mode::TypeExpr,
            expr: Some(e),
            ty: t,
        };
        self.record_type(e, &x);
        t
    }

    fn not_a_type(&mut self, x: &Operand) {
        match x.mode {
            Mode::Invalid => {}
            Mode::NoValue => {
                let s = self.operand_str(x);
                if let Some(e) = x.expr {
                    self.error_at(e, format!("{s} used as type"));
                }
            }
            _ => {
                let s = self.operand_str(x);
                if let Some(e) = x.expr {
                    self.error_at(e, format!("{s} is not a type"));
                }
            }
        }
    }

    fn typ_internal(&mut self, e: ExprId, def: Option<TypeId>) -> TypeId {
        let ast = self.ast();
        match ast.expr(e) {
            Expr::Bad => ids::INVALID,
            Expr::Name(_) | Expr::Selector { .. } => {
                let t = self.generic_type_internal(e);
                if self.world.is_generic_type(t) {
                    let s = self.type_str(t);
                    self.error_at(
                        e,
                        format!("cannot use generic type {s} without instantiation"),
                    );
                    return ids::INVALID;
                }
                t
            }
            Expr::Index { x, indices } => self.instantiated_type(e, *x, indices),
            Expr::Paren(x) => match def {
                Some(def) => self.defined_type(*x, def),
                None => self.typ(*x),
            },
            Expr::ArrayType {
                len: Some(len),
                elem,
            } => {
                if matches!(ast.expr(*len), Expr::Ellipsis(None)) {
                    self.error_at(
                        *len,
                        "invalid use of [...] array (outside a composite literal)",
                    );
                    let _ = self.var_type(*elem);
                    return ids::INVALID;
                }
                let n = self.array_length(*len);
                let elem = self.var_type(*elem);
                // An array type with an invalid length is invalid (go1.26).
                match n {
                    Some(n) => self.world.array(Some(n), elem),
                    None => ids::INVALID,
                }
            }
            Expr::ArrayType { len: None, elem } => {
                let elem = self.var_type(*elem);
                self.world.slice(elem)
            }
            Expr::Ellipsis(_) => {
                self.error_at(e, "invalid use of ...");
                ids::INVALID
            }
            Expr::StructType { fields } => self.struct_type(fields),
            Expr::Star(x) => {
                let base = self.var_type(*x);
                // A pointer to an invalid type is invalid (go/types), so that uses of it stay
                // silent.
                if self.world.is_valid(base) {
                    self.world.pointer(base)
                } else {
                    ids::INVALID
                }
            }
            Expr::FuncType(sig) => {
                let saved = self.env.scope;
                let (t, _) = self.func_type(self.expr_range(e), None, sig, &[], None);
                self.env.scope = saved;
                t
            }
            Expr::InterfaceType { elems } => self.interface_type(elems, def),
            Expr::MapType { key, value } => {
                let k = self.var_type(*key);
                let v = self.var_type(*value);
                let key_expr = *key;
                self.later(move |c| {
                    if c.world.is_valid(k) && !c.world.comparable(k) && !c.world.is_interface(k) {
                        let s = c.type_str(k);
                        c.error_at(key_expr, format!("invalid map key type {s}"));
                    }
                });
                self.world.map(k, v)
            }
            Expr::ChanType { dir, elem } => {
                let elem = self.var_type(*elem);
                let dir = match dir {
                    ast::ChanDir::Both => ChanDir::Both,
                    ast::ChanDir::Send => ChanDir::Send,
                    ast::ChanDir::Recv => ChanDir::Recv,
                };
                self.world.chan(dir, elem)
            }
            _ => {
                // Not a type expression: say so, then evaluate it for its own errors and uses.
                let s = self.expr_string(e);
                self.error_at(e, format!("{s} is not a type"));
                self.use_exprs(&[e]);
                ids::INVALID
            }
        }
    }

    /// A constant array length, or `None` after reporting why it is not one.
    fn array_length(&mut self, e: ExprId) -> Option<u64> {
        if let Expr::Name(name) = self.ast().expr(e) {
            match self.world.lookup_parent(self.env.scope, name.as_str()) {
                None => {
                    self.error(
                        name.range,
                        format!(
                            "undefined array length {} or missing type constraint",
                            name.as_str()
                        ),
                    );
                    return None;
                }
                Some((_, obj)) if !matches!(self.world.obj(obj).kind, ObjKind::Const(_)) => {
                    self.error(
                        name.range,
                        format!("invalid array length {}", name.as_str()),
                    );
                    return None;
                }
                _ => {}
            }
        }
        let x = self.expr(e);
        let Mode::Constant(v) = &x.mode else {
            if !x.is_invalid() {
                let s = self.operand_str(&x);
                self.error_at(e, format!("array length {s} must be constant"));
            }
            return None;
        };
        if (self.world.is_untyped(x.ty) || self.world.is_integer(x.ty))
            && let Some(n) = v.to_int().and_then(|i| i.to_i64())
            && n >= 0
        {
            return Some(n as u64);
        }
        let s = self.operand_str(&x);
        if self.world.is_integer(x.ty) {
            self.error_at(e, format!("invalid array length {s}"));
        } else {
            self.error_at(e, format!("array length {s} must be integer"));
        }
        None
    }

    fn struct_type(&mut self, fields: &[Field]) -> TypeId {
        let mut s = Struct::default();
        let mut names: Vec<(Box<str>, ObjId)> = Vec::new();
        for field in fields {
            let ty = self.var_type(field.ty);
            let tag = field
                .tag
                .as_deref()
                .map(|t| syntax::unquote(t).unwrap_or_default().into_boxed_str());
            if field.embedded || field.names.is_empty() {
                let (name, name_range) = embedded_name(self.ast(), field.ty);
                let Some(name) = name else {
                    continue;
                };
                let obj = self
                    .world
                    .new_var(&name, self.pos(name_range.start), Some(self.pkg), ty);
                if let ObjKind::Var(info) = &mut self.world.obj_mut(obj).kind {
                    *info = VarInfo {
                        is_field: true,
                        embedded: true,
                        ..VarInfo::default()
                    };
                }
                // As go/types: the type name's identifier also defines the field.
                self.info
                    .defs
                    .insert((self.env.file as u32, name_range.start), obj);
                self.add_field(&mut s, &mut names, obj, tag, name_range);
                let fty = field.ty;
                self.later(move |c| c.check_embedded(fty, ty));
            } else {
                for name in &field.names {
                    let obj = self.world.new_var(
                        name.as_str(),
                        self.pos(name.range.start),
                        Some(self.pkg),
                        ty,
                    );
                    if let ObjKind::Var(info) = &mut self.world.obj_mut(obj).kind {
                        info.is_field = true;
                    }
                    self.record_def(name, obj);
                    self.add_field(&mut s, &mut names, obj, tag.clone(), name.range);
                }
            }
        }
        self.world.new_type(Type::Struct(Box::new(s)))
    }

    fn add_field(
        &mut self,
        s: &mut Struct,
        names: &mut Vec<(Box<str>, ObjId)>,
        obj: ObjId,
        tag: Option<Box<str>>,
        range: syntax::TextRange,
    ) {
        let name = self.world.obj(obj).name.clone();
        if &*name != "_" {
            if names.iter().any(|(n, _)| *n == name) {
                self.error(range, format!("{name} redeclared"));
            } else {
                names.push((name, obj));
            }
        }
        s.fields.push(obj);
        s.tags.push(tag);
    }

    /// The rules for embedded field types, once types are complete.
    fn check_embedded(&mut self, e: ExprId, ty: TypeId) {
        let (t, is_ptr) = match self.world.ty(self.world.unalias(ty)) {
            Type::Pointer(b) => (*b, true),
            _ => (ty, false),
        };
        let range = self.expr_range(e);
        match self.world.ty(self.world.under(t)) {
            Type::Basic { kind, .. } => {
                if self.world.is_valid(t) && *kind == types::BasicKind::UnsafePointer {
                    self.error(range, "embedded field type cannot be unsafe.Pointer");
                }
            }
            Type::Pointer(_) => self.error(range, "embedded field type cannot be a pointer"),
            Type::Interface(_) if is_ptr => {
                self.error(
                    range,
                    "embedded field type cannot be a pointer to an interface",
                );
            }
            _ => {}
        }
    }

    pub(crate) fn interface_type(
        &mut self,
        elems: &[InterfaceElem],
        def: Option<TypeId>,
    ) -> TypeId {
        let iface = self.world.new_type(Type::Interface(Box::default()));
        let _ = def;
        let mut methods: Vec<ObjId> = Vec::new();
        let mut embeddeds = Vec::new();
        let mut embed_ranges = Vec::new();
        let mut has_terms = false;
        for elem in elems {
            match elem {
                InterfaceElem::Method { name, sig } => {
                    if name.is_blank() {
                        self.error(name.range, "methods must have a unique non-blank name");
                        continue;
                    }
                    let saved = self.env.scope;
                    // The signature without the name, as go/ast's method type.
                    let range = TextRange::new(name.range.end, sig.range.end);
                    let (sig_ty, _) = self.func_type(range, None, sig, &[], None);
                    self.env.scope = saved;
                    // The receiver is the interface itself.
                    let recv = self.world.new_var(
                        "",
                        self.pos(name.range.start),
                        Some(self.pkg),
                        def.unwrap_or(iface),
                    );
                    if let Type::Signature(s) = self.world.ty_mut(sig_ty) {
                        s.recv = Some(recv);
                    }
                    let m = self.new_object(
                        name,
                        ObjKind::Func {
                            has_ptr_recv: false,
                        },
                    );
                    self.world.obj_mut(m).ty = sig_ty;
                    self.record_def(name, m);
                    if let Some(&prev) = methods
                        .iter()
                        .find(|&&p| self.world.obj(p).name == name.text)
                    {
                        let _ = prev;
                        self.error(name.range, format!("duplicate method {}", name.as_str()));
                        continue;
                    }
                    methods.push(m);
                }
                InterfaceElem::Type(e) => {
                    let terms = union_terms(self.ast(), *e);
                    if terms.len() == 1
                        && !matches!(
                            self.ast().expr(terms[0]),
                            Expr::Unary {
                                op: ast::UnaryOp::Tilde,
                                ..
                            }
                        )
                    {
                        let mut t = self.typ(*e);
                        if self.world.is_type_param(t) {
                            self.error_at(*e, "term cannot be a type parameter");
                            t = ids::INVALID;
                        }
                        embeddeds.push(t);
                        embed_ranges.push((t, self.expr_range(*e)));
                        continue;
                    }
                    // A union or `~T` term: a type constraint.
                    has_terms = true;
                    let u = self.parse_union(&terms);
                    if self.world.is_valid(u) {
                        embeddeds.push(u);
                        if !self.allow_version(18) {
                            // The union prints as its `String` does (qualified by path).
                            let us = self.world.type_string_by_path(u);
                            let range = self.expr_range(*e);
                            self.verify_version(
                                range,
                                18,
                                &format!("embedding interface element {us}"),
                            );
                        }
                    }
                }
            }
        }
        if let Type::Interface(i) = self.world.ty_mut(iface) {
            **i = Interface {
                methods,
                embeddeds,
                all_methods: None,
                comparable: false,
                has_terms,
                implicit: false,
            };
        }
        self.later(move |c| c.complete_interface(iface, embed_ranges));
        iface
    }

    /// Computes the interface's method set once the embedded interfaces are known, reporting
    /// methods embedded twice with different signatures (or at all, before go1.14).
    fn complete_interface(&mut self, iface: TypeId, embedded: Vec<(TypeId, syntax::TextRange)>) {
        let Type::Interface(i) = self.world.ty(iface) else {
            return;
        };
        let mut all: Vec<ObjId> = i.methods.clone();
        for (t, range) in embedded {
            if !self.world.is_interface(t) {
                if self.world.is_valid(self.world.under(t)) {
                    let s = self.type_str(t);
                    self.verify_version(range, 18, &format!("embedding non-interface type {s}"));
                }
                continue;
            }
            for m in self.world.interface_methods(t) {
                let name = self.world.obj(m).name.clone();
                if let Some(&other) = all.iter().find(|&&o| self.world.obj(o).name == name) {
                    if !self.allow_version(14)
                        || (other != m
                            && !self
                                .world
                                .identical(self.world.obj(m).ty, self.world.obj(other).ty))
                    {
                        self.error(range, format!("duplicate method {name}"));
                    }
                    continue;
                }
                all.push(m);
            }
        }
        all.sort_by(|&a, &b| self.world.obj(a).name.cmp(&self.world.obj(b).name));
        if let Type::Interface(i) = self.world.ty_mut(iface) {
            i.all_methods = Some(all);
        }
    }

    /// Builds a signature from `recv` and `sig`, declaring the parameters in a new function
    /// scope (returned for the body), recorded for the node at `range`: the declaration,
    /// literal or type the signature belongs to.
    pub(crate) fn func_type(
        &mut self,
        range: TextRange,
        recv: Option<&Field>,
        sig: &ast::FuncType,
        type_params: &[Field],
        early: Option<TypeId>,
    ) -> (TypeId, ScopeId) {
        let outer = self.env.scope;
        let scope = self.world.new_scope(Some(outer), true);
        self.record_scope(range, scope);
        self.env.scope = scope;
        let tparams = self.declare_type_params(type_params, None);
        // `early` is the function's type while its signature is checked: with the type
        // parameters known, the function can be instantiated inside its own signature
        // (`func F[T any](_ [unsafe.Sizeof(F[int])]T)`), as in go/types.
        if let Some(early) = early
            && !tparams.is_empty()
            && let Type::Signature(s) = self.world.ty_mut(early)
        {
            s.type_params = tparams.clone();
        }
        let mut recv_tparams = Vec::new();
        let mut recv_var = None;
        if let Some(recv) = recv {
            let (tparams, recv_type) = self.declare_recv_type_params(recv.ty);
            recv_tparams = tparams;
            let vars = match recv_type {
                Some(ty) => self.recv_var(recv, ty),
                None => {
                    let vars = self.collect_params(std::slice::from_ref(recv), false).0;
                    for &v in &vars {
                        self.recv_alias_of_instance(recv.ty, v);
                    }
                    vars
                }
            };
            recv_var = vars.first().copied();
            for &v in &vars {
                if let ObjKind::Var(info) = &mut self.world.obj_mut(v).kind {
                    info.is_recv = true;
                }
            }
        }
        let (params, variadic) = self.collect_params(&sig.params, true);
        let (results, _) = self.collect_params(&sig.results, false);
        for &v in &results {
            if let ObjKind::Var(info) = &mut self.world.obj_mut(v).kind {
                info.is_result = true;
            }
        }
        for &v in recv_var.iter().chain(&params).chain(&results) {
            let name = self.world.obj(v).name.clone();
            if !name.is_empty() && &*name != "_" && self.world.insert(scope, v).is_some() {
                let o = self.world.obj(v);
                let range = syntax::TextRange {
                    start: o.pos.offset,
                    end: o.pos.offset + name.len() as u32,
                };
                self.error(range, format!("{name} redeclared in this block"));
            }
        }
        let params = self.world.tuple(params);
        let results = self.world.tuple(results);
        let mut signature = Signature::new(recv_var, params, results, variadic);
        signature.type_params = tparams;
        signature.recv_type_params = recv_tparams;
        let t = self.world.new_type(Type::Signature(Box::new(signature)));
        if let (Some(rv), Some(recv)) = (recv_var, recv) {
            let e = recv.ty;
            self.later(move |c| c.valid_recv(e, rv));
        }
        self.env.scope = outer;
        (t, scope)
    }

    /// A receiver written as an alias of an instance (`type A = T[int]`) cannot take new
    /// methods: reports it and makes the receiver invalid.
    fn recv_alias_of_instance(&mut self, mut e: ExprId, recv: ObjId) {
        let unpointer = |w: &crate::World, t: TypeId| match w.ty(t) {
            Type::Pointer(b) => *b,
            _ => t,
        };
        let mut t = unpointer(self.world, self.world.obj(recv).ty);
        while let Type::Alias(a) = self.world.ty(t) {
            let base = unpointer(self.world, a.actual);
            let instance = match self.world.ty(base) {
                Type::Named(n) => !n.type_params.is_empty(),
                // An instance of a generic alias (`type C2 = *C1[int]`).
                Type::Alias(b) => !b.type_args.is_empty(),
                _ => false,
            };
            if instance {
                while let Expr::Star(x) | Expr::Paren(x) = self.ast().expr(e) {
                    e = *x;
                }
                let s = self.type_str(base);
                self.error_at(
                    e,
                    format!("cannot define new methods on instantiated type {s}"),
                );
                self.world.obj_mut(recv).ty = ids::INVALID;
                return;
            }
            t = base;
        }
    }

    /// The receiver variable of a generic receiver, of type `ty`.
    fn recv_var(&mut self, recv: &Field, ty: TypeId) -> Vec<ObjId> {
        let x = Operand {
            mode: Mode::TypeExpr,
            expr: Some(recv.ty),
            ty,
        };
        self.record_type(recv.ty, &x);
        let (name, pos) = match recv.names.first() {
            Some(name) => (name.as_str(), name.range.start),
            None => ("", self.expr_range(recv.ty).start),
        };
        let v = self.world.new_var(name, self.pos(pos), Some(self.pkg), ty);
        if let ObjKind::Var(info) = &mut self.world.obj_mut(v).kind {
            info.is_param = true;
        }
        if let Some(name) = recv.names.first() {
            self.record_def(name, v);
        }
        vec![v]
    }

    /// Declares the receiver type parameters of `func (l *List[T]) ...` as type parameters
    /// bound like the receiver base type's (go/types' `collectRecv`), and gives the receiver
    /// type: the base type instantiated with them (not the expression evaluated, where `_`
    /// and a parameter named like the base type would not mean what they declare).
    fn declare_recv_type_params(&mut self, mut e: ExprId) -> (Vec<TypeId>, Option<TypeId>) {
        let ast = self.ast();
        let mut ptr = false;
        loop {
            match ast.expr(e) {
                Expr::Paren(x) => e = *x,
                Expr::Star(x) => {
                    ptr = true;
                    e = *x;
                }
                Expr::Index { x, indices } => {
                    let base = self.generic_type_expr(*x);
                    self.verify_version(self.expr_range(*x), 18, "type instantiation");
                    let origin_tparams = match self.world.ty(self.world.unalias(base)) {
                        Type::Named(n) if n.origin.is_none() => n.type_params.clone(),
                        _ => Vec::new(),
                    };
                    let mut tparams = Vec::new();
                    for &i in indices {
                        // Anything but an identifier stands for `_` (after the error).
                        let blank;
                        let name = match ast.expr(i) {
                            Expr::Name(name) => name,
                            _ => {
                                self.error_at(i, "receiver type parameter must be an identifier");
                                blank = ast::Name {
                                    text: "_".into(),
                                    range: syntax::TextRange::empty(self.expr_range(i).start),
                                };
                                &blank
                            }
                        };
                        let tp = self.new_type_param(name, tparams.len());
                        tparams.push(tp);
                    }
                    if !self.world.is_valid(base) {
                        return (tparams, Some(ids::INVALID));
                    }
                    if let Type::Alias(a) = self.world.ty(base)
                        && !a.type_params.is_empty()
                    {
                        let s = self.type_str(base);
                        self.error_at(
                            *x,
                            format!("cannot define new methods on generic alias type {s}"),
                        );
                        return (tparams, Some(ids::INVALID));
                    }
                    if !self.world.is_generic_type(base) {
                        let s = self.type_str(base);
                        self.error_at(*x, format!("{s} is not a generic type"));
                        return (tparams, Some(ids::INVALID));
                    }
                    if origin_tparams.len() != tparams.len() {
                        let got = match tparams.len() {
                            1 => "1 type parameter".to_string(),
                            n => format!("{n} type parameters"),
                        };
                        let want = origin_tparams.len();
                        self.error_at(
                            *x,
                            format!(
                                "receiver declares {got}, but receiver base type declares {want}"
                            ),
                        );
                        return (tparams, Some(ids::INVALID));
                    }
                    for (k, &tp) in tparams.iter().enumerate() {
                        self.mono.canon.insert(tp, origin_tparams[k]);
                        let ob = self
                            .world
                            .type_param_bound(origin_tparams[k])
                            .unwrap_or(ids::INVALID);
                        let b = self.subst(ob, &origin_tparams, &tparams);
                        if let Type::TypeParam { bound, .. } = self.world.ty_mut(tp) {
                            *bound = b;
                        }
                    }
                    let inst = self.instantiate_named(base, tparams.clone());
                    let ty = if ptr { self.world.pointer(inst) } else { inst };
                    return (tparams, Some(ty));
                }
                _ => return (Vec::new(), None),
            }
        }
    }

    /// Parameter variables for `fields`; whether the last is variadic (its type becomes `[]T`).
    fn collect_params(&mut self, fields: &[Field], allow_variadic: bool) -> (Vec<ObjId>, bool) {
        let mut vars = Vec::new();
        let mut variadic = false;
        for (i, field) in fields.iter().enumerate() {
            let mut fty = field.ty;
            let mut is_variadic = false;
            if let Expr::Ellipsis(Some(elem)) = self.ast().expr(fty) {
                fty = *elem;
                is_variadic = true;
            }
            let mut ty = self.var_type(fty);
            if is_variadic {
                if allow_variadic && i == fields.len() - 1 && field.names.len() <= 1 {
                    variadic = true;
                } else if allow_variadic || !fields.is_empty() {
                    // Reported by the parser already ("can only use ... with final parameter").
                }
                ty = self.world.slice(ty);
                let x = Operand {
                    mode: Mode::TypeExpr,
                    expr: Some(field.ty),
                    ty,
                };
                self.record_type(field.ty, &x);
            }
            if field.names.is_empty() {
                let v = self.world.new_var(
                    "",
                    self.pos(self.expr_range(field.ty).start),
                    Some(self.pkg),
                    ty,
                );
                if let ObjKind::Var(info) = &mut self.world.obj_mut(v).kind {
                    info.is_param = true;
                }
                vars.push(v);
            } else {
                for name in &field.names {
                    let v = self.world.new_var(
                        name.as_str(),
                        self.pos(name.range.start),
                        Some(self.pkg),
                        ty,
                    );
                    if let ObjKind::Var(info) = &mut self.world.obj_mut(v).kind {
                        info.is_param = true;
                    }
                    self.record_def(name, v);
                    vars.push(v);
                }
            }
        }
        (vars, variadic)
    }

    /// The receiver base type must be a defined type of this package, not a pointer or an
    /// interface.
    fn valid_recv(&mut self, mut e: ExprId, recv: ObjId) {
        // Errors go to the base type name, past `*` and parentheses.
        while let Expr::Star(x) | Expr::Paren(x) = self.ast().expr(e) {
            e = *x;
        }
        let rt = self.world.obj(recv).ty;
        let base = match self.world.ty(self.world.unalias(rt)) {
            Type::Pointer(b) => *b,
            _ => rt,
        };
        let atyp = self.world.unalias(base);
        if !self.world.is_valid(atyp) {
            return;
        }
        let range = self.expr_range(e);
        let s = self.type_str(base);
        match self.world.ty(atyp) {
            Type::Named(n) => {
                if self.world.obj(n.obj).pkg != Some(self.pkg) {
                    self.error(
                        range,
                        format!("cannot define new methods on non-local type {s}"),
                    );
                    return;
                }
                let cause = match self.world.ty(self.world.under(atyp)) {
                    Type::Basic {
                        kind: types::BasicKind::UnsafePointer,
                        ..
                    } => "unsafe.Pointer",
                    Type::Pointer(_) | Type::Interface(_) => "pointer or interface type",
                    _ => "",
                };
                if !cause.is_empty() {
                    self.error(range, format!("invalid receiver type {s} ({cause})"));
                }
            }
            Type::Basic { .. } => self.error(
                range,
                format!("cannot define new methods on non-local type {s}"),
            ),
            _ => {
                let s = self.type_str(rt);
                self.error(range, format!("invalid receiver type {s}"));
            }
        }
    }
}

/// The terms of a union `A | ~B | C`, left to right (the chain is walked, not recursed).
fn union_terms(ast: &ast::File, e: ExprId) -> Vec<ExprId> {
    let mut terms = Vec::new();
    let mut cur = e;
    while let Expr::Binary {
        op: ast::BinaryOp::Or,
        x,
        y,
    } = ast.expr(cur)
    {
        terms.push(*y);
        cur = *x;
    }
    terms.push(cur);
    terms.reverse();
    terms
}

/// The implicit name of an embedded field: the type name without package or pointer.
fn embedded_name(ast: &ast::File, mut e: ExprId) -> (Option<String>, syntax::TextRange) {
    loop {
        match ast.expr(e) {
            Expr::Star(x) | Expr::Paren(x) => e = *x,
            Expr::Index { x, .. } => e = *x,
            Expr::Name(name) => return (Some(name.text.to_string()), name.range),
            Expr::Selector { sel, .. } => return (Some(sel.text.to_string()), sel.range),
            _ => return (None, ast.expr_range(e)),
        }
    }
}
