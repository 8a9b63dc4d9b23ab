//! Object declarations: package-level objects are checked lazily, in dependency order, with
//! go/types' cycle detection (`invalid recursive type`, `invalid cycle in declaration`);
//! constant, variable, type and function declarations, local declaration statements, methods
//! attached to their base types, and the validity of recursive types.

use std::collections::HashSet;

use syntax::TextRange;
use syntax::ast::{self, DeclId, ExprId, GenKind, Spec};

use super::resolver::{ConstGroup, ConstSpec};
use super::{Checker, Delayed};
use crate::constant::Value;
use crate::objects::{ObjId, ObjKind, VarInfo};
use crate::operand::Operand;
use crate::types::{Alias, Named, Type, TypeId, ids};

/// What declared a package-level object (go/types' `declInfo`).
#[derive(Clone, Debug)]
pub(crate) struct DeclInfo {
    pub file: usize,
    pub kind: DeclKind,
    /// Package-level objects this declaration refers to, in first-use order (init order).
    pub deps: Vec<ObjId>,
    pub dep_set: HashSet<ObjId>,
}

#[derive(Clone, Debug)]
pub(crate) enum DeclKind {
    Const {
        ty: Option<ExprId>,
        init: Option<ExprId>,
        iota: u32,
        inherited: bool,
    },
    /// `lhs` has several variables for `var a, b = f()` (one shared initializer).
    Var {
        lhs: Vec<ObjId>,
        ty: Option<ExprId>,
        init: Option<ExprId>,
    },
    Type {
        alias: bool,
        ty: ExprId,
        generic: bool,
        type_params: Vec<ast::Field>,
    },
    Func {
        decl: DeclId,
    },
}

impl DeclInfo {
    pub(crate) fn new(file: usize, kind: DeclKind) -> DeclInfo {
        DeclInfo {
            file,
            kind,
            deps: Vec::new(),
            dep_set: HashSet::new(),
        }
    }
}

/// How many steps one validity check of a type declaration may take.
const VALID_TYPE_STEPS: u32 = 100_000;

impl Checker<'_> {
    /// Checks all package-level objects in source order: type declarations first (non-alias
    /// before alias), then the rest, as go/types does.
    pub(crate) fn package_objects(&mut self) {
        let mut objs: Vec<ObjId> = self.decls.keys().copied().collect();
        objs.sort_by_key(|&o| self.world.obj(o).order);
        let is_type = |c: &Checker<'_>, o: ObjId| matches!(c.decls[&o].kind, DeclKind::Type { .. });
        let is_alias = |c: &Checker<'_>, o: ObjId| {
            matches!(c.decls[&o].kind, DeclKind::Type { alias: true, .. })
        };
        let mut ordered: Vec<ObjId> = objs
            .iter()
            .copied()
            .filter(|&o| is_type(self, o) && !is_alias(self, o))
            .collect();
        ordered.extend(objs.iter().copied().filter(|&o| is_alias(self, o)));
        ordered.extend(objs.iter().copied().filter(|&o| !is_type(self, o)));
        for obj in ordered {
            self.obj_decl(obj);
        }
        // Methods whose base type was never declared as a type of this package are dropped
        // by `collect_methods`; they were checked as functions above.
        self.methods.clear();
    }

    /// Checks the declaration of package-level `obj` unless done or in progress (a cycle).
    pub(crate) fn obj_decl(&mut self, obj: ObjId) {
        if self.complete_lazy_method(obj) {
            return;
        }
        if self.done.contains(&obj) {
            return;
        }
        // A cycle through `obj` (package-level, or a local type being declared).
        if let Some(start) = self.obj_path.iter().position(|&o| o == obj) {
            // A cycle through `obj`.
            let valid = self.valid_cycle(start);
            let o = self.world.obj(obj);
            match o.kind {
                ObjKind::Const(_) | ObjKind::Var(_) => {
                    if !valid || o.ty == ids::INVALID {
                        self.world.obj_mut(obj).ty = ids::INVALID;
                    }
                }
                ObjKind::TypeName => {
                    if !valid {
                        self.world.obj_mut(obj).ty = ids::INVALID;
                    }
                }
                _ => {}
            }
            return;
        }
        let Some(info) = self.decls.get(&obj).cloned() else {
            return;
        };
        self.obj_path.push(obj);
        let saved = self.env.clone();
        let saved_err_pos = self.err_pos.take();
        self.env = super::Env {
            file: info.file,
            scope: self.file_scopes[info.file],
            decl: None,
            iota: None,
            sig: None,
            has_label: false,
            has_call_or_recv: false,
        };
        match info.kind {
            DeclKind::Const {
                ty,
                init,
                iota,
                inherited,
                ..
            } => {
                self.env.decl = Some(obj);
                self.const_decl(obj, ty, init, iota, inherited);
            }
            DeclKind::Var { lhs, ty, init } => {
                self.env.decl = Some(obj);
                self.var_decl(obj, &lhs, ty, init);
            }
            DeclKind::Type {
                alias,
                ty,
                type_params,
                ..
            } => {
                self.type_decl(obj, alias, ty, &type_params);
                self.collect_methods(obj);
                self.expand_pending();
            }
            // Functions may be recursive: their signatures record no dependencies (their
            // bodies do).
            DeclKind::Func { decl } => self.func_decl(obj, decl),
        }
        self.env = saved;
        self.err_pos = saved_err_pos;
        self.obj_path.pop();
        self.done.insert(obj);
    }

    /// Records that the declaration being checked depends on package-level `obj`.
    pub(crate) fn add_decl_dep(&mut self, obj: ObjId) {
        let Some(decl) = self.env.decl else { return };
        if !self.decls.contains_key(&obj) {
            return;
        }
        // `var a, b = f()` shares one initializer: every lhs variable depends on it.
        let owners = match self.decls.get(&decl).map(|d| &d.kind) {
            Some(DeclKind::Var { lhs, .. }) if lhs.len() > 1 => lhs.clone(),
            _ => vec![decl],
        };
        for owner in owners {
            if let Some(info) = self.decls.get_mut(&owner)
                && info.dep_set.insert(obj)
            {
                info.deps.push(obj);
            }
        }
    }

    /// go/types' `validCycle`: whether the cycle from `obj_path[start]` is permitted, reporting
    /// it if not.
    fn valid_cycle(&mut self, start: usize) -> bool {
        let cycle: Vec<ObjId> = self.obj_path[start..].to_vec();
        let mut nval = 0;
        let mut ndef = 0;
        for &o in &cycle {
            match self.world.obj(o).kind {
                ObjKind::Const(_) | ObjKind::Var(_) => nval += 1,
                ObjKind::TypeName => {
                    let alias = match self.decls.get(&o) {
                        Some(info) => matches!(info.kind, DeclKind::Type { alias: true, .. }),
                        None => matches!(self.world.ty(self.world.obj(o).ty), Type::Alias(_)),
                    };
                    if !alias {
                        ndef += 1;
                    }
                }
                _ => {}
            }
        }
        if nval == cycle.len() {
            return true;
        }
        if nval == 0 && ndef > 0 {
            return true;
        }
        let first = self.first_in_src(&cycle);
        self.cycle_error(&cycle, first);
        false
    }

    pub(crate) fn first_in_src(&self, cycle: &[ObjId]) -> usize {
        let mut best = 0;
        for (i, &o) in cycle.iter().enumerate() {
            if self.world.obj(o).pos < self.world.obj(cycle[best]).pos {
                best = i;
            }
        }
        best
    }

    pub(crate) fn cycle_error(&mut self, cycle: &[ObjId], start: usize) {
        let msg = self.cycle_message(cycle, start);
        self.error_at_obj(cycle[start], msg);
    }

    /// The message of [`Checker::cycle_error`] (and its side effect: an alias in the cycle
    /// becomes invalid).
    pub(crate) fn cycle_message(&mut self, cycle: &[ObjId], start: usize) -> String {
        let obj = cycle[start];
        let is_type = self.world.obj(obj).is_type_name();
        if is_type && let Type::Alias(_) = self.world.ty(self.world.obj(obj).ty) {
            let t = self.world.obj(obj).ty;
            if let Type::Alias(a) = self.world.ty_mut(t) {
                a.actual = ids::INVALID;
            }
        }
        let name = self.obj_name(obj);
        if cycle.len() == 1 {
            if is_type {
                format!("invalid recursive type: {name} refers to itself")
            } else {
                format!("invalid cycle in declaration: {name} refers to itself")
            }
        } else if is_type {
            format!("invalid recursive type {name}")
        } else {
            format!("invalid cycle in declaration of {name}")
        }
    }

    /// Reports at the position of `obj`'s name (which must be in this package).
    pub(crate) fn error_at_obj(&mut self, obj: ObjId, msg: String) {
        let o = self.world.obj(obj);
        let Some(file) = o.pos.file else {
            self.error(TextRange::default(), msg);
            return;
        };
        let file_idx = self
            .file_ids
            .iter()
            .position(|&f| f == file)
            .unwrap_or(self.env.file);
        let range = TextRange {
            start: o.pos.offset,
            end: o.pos.offset + o.name.len() as u32,
        };
        let space = self.obj_space(obj);
        self.report_in(space, file_idx, range, msg, false);
    }

    fn const_decl(
        &mut self,
        obj: ObjId,
        ty: Option<ExprId>,
        init: Option<ExprId>,
        iota: u32,
        inherited: bool,
    ) {
        let saved_iota = self.env.iota.replace(Value::from_i64(iota as i64));
        let saved_err_pos = self.err_pos.take();
        if let ObjKind::Const(v) = &mut self.world.obj_mut(obj).kind {
            *v = Value::Unknown;
        }
        let mut ok = true;
        if let Some(ty) = ty {
            let t = self.typ(ty);
            if !self.world.is_const_type(t) {
                if self.world.is_valid(self.world.under(t)) {
                    let s = self.type_str(t);
                    self.error_at(ty, format!("invalid constant type {s}"));
                }
                self.world.obj_mut(obj).ty = ids::INVALID;
                ok = false;
            } else {
                self.world.obj_mut(obj).ty = t;
            }
        }
        if ok {
            let mut x = Operand::invalid(None);
            if let Some(init) = init {
                if inherited {
                    let o = self.world.obj(obj);
                    self.err_pos = Some(TextRange {
                        start: o.pos.offset,
                        end: o.pos.offset + o.name.len() as u32,
                    });
                }
                x = self.expr(init);
            }
            self.init_const(obj, &mut x);
        }
        self.env.iota = saved_iota;
        self.err_pos = saved_err_pos;
    }

    fn var_decl(&mut self, obj: ObjId, lhs: &[ObjId], ty: Option<ExprId>, init: Option<ExprId>) {
        if let Some(ty) = ty {
            let t = self.var_type(ty);
            self.world.obj_mut(obj).ty = t;
        }
        let Some(init) = init else {
            if ty.is_none() {
                self.world.obj_mut(obj).ty = ids::INVALID;
            }
            return;
        };
        if lhs.len() <= 1 {
            let t = self.world.obj(obj).ty;
            let mut x = if ty.is_some() {
                self.expr_with_target(init, t, true)
            } else {
                self.expr(init)
            };
            let desc = self.world.obj(obj).name.to_string();
            self.init_var_to(obj, &mut x, "variable declaration", Some(&desc));
            return;
        }
        if ty.is_some() {
            let t = self.world.obj(obj).ty;
            for &v in lhs {
                self.world.obj_mut(v).ty = t;
            }
        }
        self.init_vars(lhs, &[init], None);
        for &v in lhs {
            self.done.insert(v);
        }
    }

    /// Checks a type declaration (package-level or local) for `obj`.
    pub(crate) fn type_decl(
        &mut self,
        obj: ObjId,
        alias: bool,
        ty: ExprId,
        type_params: &[ast::Field],
    ) {
        // An alias's type parameters need go1.23 (and then no go1.9 error for the alias);
        // a type's need go1.18.
        if let Some(first) = type_params.first() {
            if alias {
                self.verify_version(first.range, 23, "generic type alias");
            } else {
                self.verify_version(first.range, 18, "type parameter");
            }
        }
        if !type_params.is_empty() && alias {
            self.generic_alias_decl(obj, ty, type_params);
            return;
        }
        if !type_params.is_empty() {
            let named = self
                .world
                .new_type(Type::Named(Box::new(Named::new(obj, ids::INVALID))));
            self.world.obj_mut(obj).ty = named;
            self.pending_named.insert(named);
            let saved = self.env.scope;
            // The type parameters' scope, recorded for the type spec (go/types).
            let start = self.world.obj(obj).pos.offset;
            let end = self.expr_range(ty).end;
            self.open_scope(TextRange { start, end });
            let tparams = self.declare_type_params(type_params, Some(named));
            if let Type::Named(n) = self.world.ty_mut(named) {
                n.type_params = tparams;
            }
            let mut rhs = self.defined_type(ty, named);
            if self.world.is_type_param(rhs) {
                self.error_at(ty, "cannot use a type parameter as RHS in type declaration");
                rhs = ids::INVALID;
            }
            self.env.scope = saved;
            self.pending_named.remove(&named);
            self.named_rhs.insert(named, rhs);
            self.set_underlying(named, rhs);
            self.valid_type(named);
            return;
        }
        if alias {
            if !self.allow_version(9) {
                // At the `=`, which the AST does not keep: it follows the name.
                let o = self.world.obj(obj);
                let from = (o.pos.offset as usize + o.name.len())
                    .min(self.files[self.env.file].text.len());
                let text = &self.files[self.env.file].text[from..];
                let at = from + text.find('=').unwrap_or(0);
                let range = TextRange {
                    start: at as u32,
                    end: at as u32 + 1,
                };
                self.verify_version(range, 9, "type alias");
            }
            let a = self.new_alias(obj);
            let actual = self.typ(ty);
            if let Type::Alias(al) = self.world.ty_mut(a)
                && al.actual == ids::INVALID
            {
                al.actual = actual;
            }
            // A cycle through aliases only was reported by `valid_cycle`; keep it invalid.
            if self.world.obj(obj).ty == ids::INVALID {
                self.world.obj_mut(obj).ty = a;
                if let Type::Alias(al) = self.world.ty_mut(a) {
                    al.actual = ids::INVALID;
                }
            }
            return;
        }
        let named = self
            .world
            .new_type(Type::Named(Box::new(Named::new(obj, ids::INVALID))));
        self.world.obj_mut(obj).ty = named;
        self.pending_named.insert(named);
        let rhs = self.defined_type(ty, named);
        self.pending_named.remove(&named);
        self.named_rhs.insert(named, rhs);
        self.set_underlying(named, rhs);
        self.valid_type(named);
    }

    /// A new alias type for `obj`, its right-hand side not known yet.
    fn new_alias(&mut self, obj: ObjId) -> TypeId {
        let a = self.world.new_type(Type::Alias(Box::new(Alias {
            obj,
            actual: ids::INVALID,
            type_params: Vec::new(),
            type_args: Vec::new(),
        })));
        self.world.obj_mut(obj).ty = a;
        a
    }

    /// `type A[P any] = RHS` (go1.24): an alias with type parameters, instantiated by
    /// substitution.
    fn generic_alias_decl(&mut self, obj: ObjId, ty: ExprId, type_params: &[ast::Field]) {
        let a = self.new_alias(obj);
        let saved = self.env.scope;
        let start = self.world.obj(obj).pos.offset;
        let end = self.expr_range(ty).end;
        self.open_scope(TextRange { start, end });
        let tparams = self.declare_type_params(type_params, None);
        if let Type::Alias(al) = self.world.ty_mut(a) {
            al.type_params = tparams.clone();
        }
        let mut actual = self.typ(ty);
        if tparams.contains(&self.world.unalias(actual)) {
            self.error_at(
                ty,
                "cannot use type parameter declared in alias declaration as RHS",
            );
            actual = ids::INVALID;
        }
        self.env.scope = saved;
        if let Type::Alias(al) = self.world.ty_mut(a) {
            al.actual = actual;
        }
    }

    /// Sets `named`'s underlying type from its right-hand side `rhs`, following chains of
    /// named types and reporting cycles among them (`type A B; type B A`).
    fn set_underlying(&mut self, named: TypeId, rhs: TypeId) {
        let mut path = vec![named];
        let mut t = self.world.unalias(rhs);
        loop {
            match self.world.ty(t) {
                Type::Named(n) => {
                    if let Some(i) = path.iter().position(|&p| p == t) {
                        self.underlying_cycle_error(&path[i..]);
                        t = ids::INVALID;
                        break;
                    }
                    if self.pending_named.contains(&t) || self.world.unexpanded.contains(&t) {
                        // Still being declared (or an instance of a type still being
                        // declared): keep the chain; `World::under` follows it.
                        break;
                    }
                    let u = self.world.unalias(n.underlying);
                    path.push(t);
                    t = u;
                }
                _ => break,
            }
        }
        for p in path {
            if let Type::Named(n) = self.world.ty_mut(p)
                && (n.underlying == ids::INVALID || p == named)
            {
                n.underlying = t;
            }
        }
    }

    /// Reports a cycle of defined types each the underlying type of the previous. Through
    /// instances (`type N[P any] M[P]; type M[P any] N[P]`) go/types finds it in `validType`
    /// and reports it at the first instance, where it was written; otherwise at the first
    /// type in source order.
    fn underlying_cycle_error(&mut self, cycle: &[TypeId]) {
        let obj = |c: &Self, p: TypeId| match c.world.ty(p) {
            Type::Named(n) => n.obj,
            _ => unreachable!("a cycle of defined types"),
        };
        if let Some(k) = cycle.iter().position(|p| self.instance_pos.contains_key(p)) {
            let rotated: Vec<TypeId> = cycle[k..].iter().chain(&cycle[..k]).copied().collect();
            let objs: Vec<ObjId> = rotated.iter().map(|&p| obj(self, p)).collect();
            let (file, range) = self.instance_pos[&rotated[0]];
            let msg = self.cycle_message(&objs, 0);
            self.report(file, range, msg, false);
            return;
        }
        let objs: Vec<ObjId> = cycle.iter().map(|&p| obj(self, p)).collect();
        let first = self.first_in_src(&objs);
        self.cycle_error(&objs, first);
    }

    /// Reports types that contain themselves without indirection (`type T struct{ f T }`).
    fn valid_type(&mut self, named: TypeId) {
        self.valid_steps = 0;
        self.valid_type0(named, &mut Vec::new(), &mut Vec::new());
    }

    /// go/types' `validType0`: `nest` is the stack of types whose memory contains the next
    /// (a type in its own nest is an invalid recursive type); `path` is every type visited,
    /// for the message. A type parameter stands for its type argument in the innermost
    /// instance of the nest, checked in the nest outside that instance.
    fn valid_type0(&mut self, t: TypeId, nest: &mut Vec<TypeId>, path: &mut Vec<TypeId>) -> bool {
        // The walk visits every path through nested instances, which doubles per level in
        // types built to do so; past a budget the type is taken as valid (go/types has no
        // cache here either, see go.dev/issue/65711).
        self.valid_steps += 1;
        if self.valid_steps > VALID_TYPE_STEPS {
            return true;
        }
        let t = self.world.unalias(t);
        match self.world.ty(t).clone() {
            Type::Array { elem, .. } => self.valid_type0(elem, nest, path),
            Type::Struct(s) => s.fields.iter().all(|&f| {
                let ft = self.world.obj(f).ty;
                self.valid_type0(ft, nest, path)
            }),
            Type::Union(terms) => terms
                .iter()
                .all(|term| self.valid_type0(term.ty, nest, path)),
            Type::Interface(iface) => iface
                .embeddeds
                .iter()
                .all(|&e| self.valid_type0(e, nest, path)),
            Type::Named(n) => {
                if self.world.obj(n.obj).pkg != Some(self.pkg) {
                    return true;
                }
                if nest.iter().any(|&e| self.world.identical(e, t)) {
                    // `t` contains itself: its origin is invalid however it is instantiated.
                    let origin = n.origin.unwrap_or(t);
                    for x in [t, origin] {
                        if let Type::Named(n) = self.world.ty_mut(x) {
                            n.underlying = ids::INVALID;
                        }
                    }
                    let start = path
                        .iter()
                        .position(|&p| self.world.identical(p, t))
                        .unwrap_or(0);
                    let cycle: Vec<ObjId> = path[start..]
                        .iter()
                        .filter_map(|&p| match self.world.ty(p) {
                            Type::Named(n) => Some(n.obj),
                            _ => None,
                        })
                        .collect();
                    if !cycle.is_empty() {
                        // An instance is reported where it was written (go/types gives
                        // instances the position of their instantiation).
                        match path
                            .get(start)
                            .and_then(|p| self.instance_pos.get(p))
                            .copied()
                        {
                            Some((file, range)) => {
                                let msg = self.cycle_message(&cycle, 0);
                                self.report(file, range, msg, false);
                            }
                            None => self.cycle_error(&cycle, 0),
                        }
                    }
                    return false;
                }
                let simple = n.origin.is_none() && n.type_params.is_empty();
                if simple && self.valid_types.contains(&t) {
                    return true;
                }
                // The origin's right-hand side as declared (go/types' `fromRHS`): through
                // instances, as written, so that a cycle is reported where it is written.
                let origin = n.origin.unwrap_or(t);
                let rhs = match (self.named_rhs.get(&origin), self.world.ty(origin)) {
                    (Some(&rhs), Type::Named(o)) if o.underlying != ids::INVALID => rhs,
                    (_, Type::Named(o)) => o.underlying,
                    _ => n.underlying,
                };
                nest.push(t);
                path.push(t);
                let ok = self.valid_type0(rhs, nest, path);
                nest.pop();
                path.pop();
                if ok && simple && path.is_empty() && self.pending_named.is_empty() {
                    self.valid_types.insert(t);
                }
                ok
            }
            Type::TypeParam { .. } => {
                let Some(inst) = nest.pop() else {
                    return true;
                };
                let targ = match self.world.ty(inst) {
                    Type::Named(n) => n
                        .type_params
                        .iter()
                        .position(|&p| p == t)
                        .and_then(|i| n.type_args.get(i).copied()),
                    _ => None,
                };
                let ok = match targ {
                    Some(targ) => self.valid_type0(targ, nest, path),
                    None => true,
                };
                nest.push(inst);
                ok
            }
            _ => true,
        }
    }

    /// Attaches the methods declared for type `obj` to it, reporting duplicates.
    fn collect_methods(&mut self, obj: ObjId) {
        let Some(methods) = self.methods.remove(&obj) else {
            return;
        };
        let named = self.world.obj(obj).ty;
        if !matches!(self.world.ty(named), Type::Named(_)) {
            return;
        }
        self.later(move |c| c.check_field_uniqueness(named));
        let mut seen: Vec<ObjId> = match self.world.ty(named) {
            Type::Named(n) => n.methods.clone(),
            _ => Vec::new(),
        };
        for m in methods {
            let name = self.world.obj(m).name.clone();
            if let Some(&alt) = seen.iter().find(|&&a| self.world.obj(a).name == name) {
                let tname = self.world.obj(obj).name.clone();
                let at = self.position_string(alt);
                self.error_at_obj(m, format!("method {tname}.{name} already declared at {at}"));
                continue;
            }
            seen.push(m);
            if let Type::Named(n) = self.world.ty_mut(named) {
                n.methods.push(m);
            }
        }
    }

    /// `field and method with the same name X`, once the struct type is known.
    fn check_field_uniqueness(&mut self, named: TypeId) {
        let Type::Named(n) = self.world.ty(named).clone() else {
            return;
        };
        let Type::Struct(s) = self.world.ty(self.world.under(named)).clone() else {
            return;
        };
        for m in n.methods {
            let name = self.world.obj(m).name.clone();
            if let Some(&f) = s.fields.iter().find(|&&f| self.world.obj(f).name == name) {
                let _ = f;
                self.error_at_obj(m, format!("field and method with the same name {name}"));
            }
        }
    }

    fn func_decl(&mut self, obj: ObjId, decl: DeclId) {
        let ast = self.ast();
        let ast::Decl::Func(fdecl) = ast.decl(decl) else {
            return;
        };
        // Guard against cycles: the object gets its signature type first (empty until the
        // signature is known), so references from inside the signature are not cycles.
        let sig = self
            .world
            .new_type(Type::Signature(Box::new(crate::types::Signature::new(
                None,
                ids::EMPTY_TUPLE,
                ids::EMPTY_TUPLE,
                false,
            ))));
        self.world.obj_mut(obj).ty = sig;
        let (built, scope) = self.func_type(
            fdecl.range,
            fdecl.recv.as_ref(),
            &fdecl.sig,
            &fdecl.type_params,
            Some(sig),
        );
        let built = self.world.ty(built).clone();
        *self.world.ty_mut(sig) = built;
        if !fdecl.type_params.is_empty() && fdecl.body.is_none() {
            self.soft_error(
                fdecl.name.range,
                "generic function is missing function body",
            );
        }
        if !self.config.ignore_func_bodies
            && let Some(body) = fdecl.body
        {
            let mut env = self.env.clone();
            env.scope = scope;
            env.sig = Some(sig);
            env.decl = Some(obj);
            env.iota = None;
            self.delayed.push(Delayed::FuncBody {
                file: self.env.file,
                name: fdecl.name.text.to_string(),
                sig,
                body,
                env,
                decl: Some(decl),
            });
        }
    }

    /// A local `const`, `var` or `type` declaration statement.
    pub(crate) fn decl_stmt(&mut self, decl: DeclId) {
        let ast = self.ast();
        let ast::Decl::Gen(gdecl) = ast.decl(decl) else {
            return;
        };
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
                    let top = self.delayed.len();
                    let mut lhs = Vec::new();
                    for (i, name) in names.iter().enumerate() {
                        let obj =
                            self.new_object(name, ObjKind::Const(Value::from_i64(*iota as i64)));
                        self.const_decl(obj, ty, values.get(i).copied(), *iota, inherited);
                        lhs.push(obj);
                    }
                    self.check_const_arity(names, &values, ty.is_some(), inherited_info, *range);
                    self.process_delayed(top);
                    for (name, obj) in names.iter().zip(lhs) {
                        self.declare(self.env.scope, Some(name), obj);
                    }
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
                    let top = self.delayed.len();
                    let lhs0: Vec<ObjId> = names
                        .iter()
                        .map(|name| self.new_object(name, ObjKind::Var(VarInfo::default())))
                        .collect();
                    if values.len() == 1 && names.len() > 1 {
                        self.var_decl(lhs0[0], &lhs0, *ty, Some(values[0]));
                    } else {
                        for (i, &obj) in lhs0.iter().enumerate() {
                            self.var_decl(obj, &[], *ty, values.get(i).copied());
                        }
                    }
                    self.check_arity(names, values, ty.is_some(), None, *range, false);
                    self.process_delayed(top);
                    for (name, obj) in names.iter().zip(lhs0) {
                        self.declare(self.env.scope, Some(name), obj);
                    }
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
                    self.declare(self.env.scope, Some(name), obj);
                    self.obj_path.push(obj);
                    self.type_decl(obj, *alias, *ty, type_params);
                    self.obj_path.pop();
                    self.expand_pending();
                }
                _ => {}
            }
        }
    }
}
