//! The checker proper: one [`Checker`] checks one package, in go/types' phases: collect the
//! package-level objects, type-check them in source order (lazily following dependencies),
//! check function bodies, compute the initialization order, report unused imports.
//!
//! Modules, by go/types' file names: `resolver` (collecting objects, imports), `decl` (object
//! declarations, cycles), `typexpr` (type expressions, identifiers), `expr` (expressions,
//! operators, untyped constants), `call` (calls, conversions, selectors), `builtins`, `lookup`
//! (fields and methods, method sets, assignability), `stmt` (statements), `assign`
//! (assignments), `labels`, `returns` (terminating statements), `initorder`.

mod assign;
mod builtins;
mod call;
mod decl;
mod expr;
mod infer;
mod initorder;
mod labels;
mod lookup;
mod mono;
pub(crate) mod positions;
mod resolver;
mod returns;
mod stmt;
mod typeparam;
mod typexpr;
mod under;
mod unify;
mod versions;

use std::collections::HashMap;

use syntax::TextRange;
use syntax::ast::{self, ExprId};

use crate::constant::Value;
use crate::info::{Info, NodeScope, Selection, SelectionKind, TypeAndValue};
use crate::objects::ObjId;
use crate::operand::{Mode, Operand};
use crate::types::TypeId;
use crate::typestring::Qualifier;
use crate::world::{FileId, PackageId, ScopeId, World};
use crate::{Config, Importer, SourceFile, TypeError};

pub(crate) use decl::DeclInfo;
pub(crate) use mono::Edge as MonoEdge;
pub(crate) use resolver::unpack_recv;

/// The context an expression or statement is checked in (go/types' `environment`).
#[derive(Clone, Debug)]
pub(crate) struct Env {
    /// Index of the current file in `Checker::files`.
    pub file: usize,
    pub scope: ScopeId,
    /// The package-level object whose declaration is being checked (for dependencies).
    pub decl: Option<ObjId>,
    /// The value of `iota` in a constant declaration.
    pub iota: Option<Value>,
    /// The signature of the function whose body is being checked.
    pub sig: Option<TypeId>,
    /// Set if the function has labels (a label check is needed).
    pub has_label: bool,
    /// Set if an expression contains a function call or channel receive.
    pub has_call_or_recv: bool,
}

/// A piece of work deferred until package-level declarations are done.
pub(crate) enum Delayed {
    /// Check a function body: (file, declaring object or None for literals, signature, body,
    /// the environment's scope to nest in, the decl for dependencies, iota).
    FuncBody {
        file: usize,
        name: String,
        sig: TypeId,
        body: ast::StmtId,
        env: Env,
        /// The declaration, for a function declared at package level (not a literal).
        decl: Option<ast::DeclId>,
    },
    /// Any other check (validity of map keys once types are complete, ...), run in the
    /// environment it was registered in.
    Check(Env, Box<dyn FnOnce(&mut Checker<'_>)>),
}

/// What a `const x = ...` remembers when it is checked before its type is known (go/types'
/// untyped expression bookkeeping): see `expr::update_expr_type`.
#[derive(Clone, Debug)]
pub(crate) struct UntypedInfo {
    pub is_lhs: bool,
    pub mode: Mode,
    pub ty: TypeId,
}

pub(crate) struct Checker<'a> {
    pub world: &'a mut World,
    pub pkg: PackageId,
    pub files: &'a [SourceFile],
    /// World file ids, parallel to `files`.
    pub file_ids: Vec<FileId>,
    /// File scopes, parallel to `files`.
    pub file_scopes: Vec<ScopeId>,
    pub config: &'a Config,
    pub importer: &'a mut dyn Importer,
    /// The language version in effect: (major, minor), e.g. (1, 22).
    pub lang: (u32, u32),
    /// Per-file language versions from `//go:build go1.N` (None: package version).
    pub file_lang: Vec<Option<(u32, u32)>>,
    pub errors: Vec<TypeError>,
    /// Offsets already reported at, to suppress follow-on errors at the same position.
    pub env: Env,
    /// Package-level objects and their declarations.
    pub decls: HashMap<ObjId, DeclInfo>,
    /// The objects whose declarations are being checked, outermost first (cycle detection).
    pub obj_path: Vec<ObjId>,
    /// Package-level objects fully checked.
    pub done: std::collections::HashSet<ObjId>,
    /// Methods declared in this package by receiver base type name object.
    pub methods: HashMap<ObjId, Vec<ObjId>>,
    pub delayed: Vec<Delayed>,
    /// Untyped expressions whose final type is not known yet.
    pub untyped: HashMap<(u32, ExprId), UntypedInfo>,
    pub info: Info,
    /// Package names used by more than one imported package (qualified by path in messages).
    pub ambiguous_pkg_names: Vec<Box<str>>,
    /// Dot-imported objects per file, to report unused dot imports.
    pub dot_imports: Vec<HashMap<ObjId, ObjId>>,
    /// Whether an error has been reported (go/types' `firstErr != nil`).
    pub has_errors: bool,
    /// Where errors go while an inherited constant initializer is checked (the constant's
    /// name, since the expression belongs to an earlier spec).
    pub err_pos: Option<TextRange>,
    /// Defined types whose declaration is in progress.
    pub pending_named: std::collections::HashSet<TypeId>,
    /// Defined types known not to contain themselves.
    pub valid_types: std::collections::HashSet<TypeId>,
    /// The right-hand side of each defined type's declaration as written (go/types'
    /// `fromRHS`), which `valid_type` walks: the underlying type skips instances.
    pub named_rhs: HashMap<TypeId, TypeId>,
    /// Import declarations: (file, package name object), for unused imports.
    pub imports: Vec<(usize, ObjId)>,
    /// Partially instantiated generic functions `f[int]`: their full type parameter list,
    /// the explicit type arguments (completed by inference at the call) and the generic
    /// signature.
    pub partial_targs: HashMap<(u32, ExprId), (Vec<TypeId>, Vec<TypeId>, TypeId)>,
    /// The function expression of the call being checked (`f[int]` in `f[int](x)` may be
    /// partial).
    pub call_fun: Option<(u32, ExprId)>,
    /// Methods of instances created while checking this package (completed at the end).
    pub new_lazy_methods: Vec<ObjId>,
    /// Staged checking (see `crate::staged`): package-level function bodies are set aside in
    /// `deferred` instead of being checked.
    pub defer_bodies: bool,
    pub deferred: Vec<PendingBody>,
    /// Staged checking: positions inside messages are written as markers that the caller
    /// resolves (see `positions`), because the text checked is not the file's text.
    pub relocatable: bool,
    /// While one deferred body is checked: the first object it created (objects from there
    /// on are positioned in the body's own text).
    pub body_objs: Option<u32>,
    /// While one deferred body is checked: its function's key (positions in messages).
    pub body_key: Option<String>,
    /// Instances of generic types this check may still create (see `INSTANCE_BUDGET`).
    pub instance_budget: u32,
    pub instance_budget_reported: bool,
    /// Steps taken by the current `valid_type` walk.
    pub valid_steps: u32,
    /// Types whose size was found finite (`finite_size`).
    pub finite_types: std::collections::HashSet<TypeId>,
    /// Where each instance of a generic type was first written (file, base type name), for
    /// invalid recursive types.
    pub instance_pos: HashMap<TypeId, (usize, TextRange)>,
    /// The expression assigned to a function type, and that type: a partially instantiated
    /// generic function there is completed by the assignment (reverse inference).
    pub func_target: Option<(u32, ExprId, TypeId)>,
    /// Instantiations of the package's type parameters, for instantiation cycles.
    pub mono: mono::Mono,
}

/// A function body set aside by staged checking, with what checking it needs.
#[derive(Clone, Debug)]
pub(crate) struct PendingBody {
    pub file: usize,
    pub decl: ast::DeclId,
    pub name: String,
    pub sig: TypeId,
    pub env: Env,
}

/// What a [`Checker`] owns, kept between the stages of a staged check (everything but the
/// borrowed world, files, config and importer, and the work queues, which are empty between
/// stages).
pub(crate) struct State {
    pkg: PackageId,
    /// The world's file of each of the package's files (a body check swaps in its body text's).
    pub file_ids: Vec<FileId>,
    file_scopes: Vec<ScopeId>,
    lang: (u32, u32),
    file_lang: Vec<Option<(u32, u32)>>,
    pub decls: HashMap<ObjId, DeclInfo>,
    done: std::collections::HashSet<ObjId>,
    methods: HashMap<ObjId, Vec<ObjId>>,
    pub info: Info,
    ambiguous_pkg_names: Vec<Box<str>>,
    dot_imports: Vec<HashMap<ObjId, ObjId>>,
    pub has_errors: bool,
    pending_named: std::collections::HashSet<TypeId>,
    valid_types: std::collections::HashSet<TypeId>,
    named_rhs: HashMap<TypeId, TypeId>,
    pub imports: Vec<(usize, ObjId)>,
    pub mono: mono::Mono,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        world: &'a mut World,
        pkg: PackageId,
        files: &'a [SourceFile],
        importer: &'a mut dyn Importer,
        config: &'a Config,
    ) -> Checker<'a> {
        let universe = world.universe();
        let lang = config
            .lang
            .as_deref()
            .and_then(crate::parse_go_version)
            .unwrap_or(crate::LATEST_GO);
        Checker {
            world,
            pkg,
            files,
            file_ids: Vec::new(),
            file_scopes: Vec::new(),
            config,
            importer,
            lang,
            file_lang: Vec::new(),
            errors: Vec::new(),
            env: Env {
                file: 0,
                scope: universe,
                decl: None,
                iota: None,
                sig: None,
                has_label: false,
                has_call_or_recv: false,
            },
            decls: HashMap::new(),
            obj_path: Vec::new(),
            done: Default::default(),
            methods: HashMap::new(),
            delayed: Vec::new(),
            untyped: HashMap::new(),
            info: Info::default(),
            ambiguous_pkg_names: Vec::new(),
            dot_imports: Vec::new(),
            has_errors: false,
            err_pos: None,
            pending_named: Default::default(),
            valid_types: Default::default(),
            named_rhs: HashMap::new(),
            imports: Vec::new(),
            partial_targs: HashMap::new(),
            call_fun: None,
            new_lazy_methods: Vec::new(),
            defer_bodies: false,
            deferred: Vec::new(),
            relocatable: false,
            body_objs: None,
            body_key: None,
            instance_budget: typeparam::INSTANCE_BUDGET,
            instance_budget_reported: false,
            valid_steps: 0,
            finite_types: Default::default(),
            instance_pos: HashMap::new(),
            func_target: None,
            mono: Default::default(),
        }
    }

    /// Sets the checker's state aside between stages.
    pub(crate) fn into_state(self) -> State {
        State {
            pkg: self.pkg,
            file_ids: self.file_ids,
            file_scopes: self.file_scopes,
            lang: self.lang,
            file_lang: self.file_lang,
            decls: self.decls,
            done: self.done,
            methods: self.methods,
            info: self.info,
            ambiguous_pkg_names: self.ambiguous_pkg_names,
            dot_imports: self.dot_imports,
            has_errors: self.has_errors,
            pending_named: self.pending_named,
            valid_types: self.valid_types,
            named_rhs: self.named_rhs,
            imports: self.imports,
            mono: self.mono,
        }
    }

    /// A checker resuming from `state` (staged checking), relocatable.
    pub(crate) fn resume(
        world: &'a mut World,
        files: &'a [SourceFile],
        importer: &'a mut dyn Importer,
        config: &'a Config,
        state: State,
    ) -> Checker<'a> {
        let mut c = Checker::new(world, state.pkg, files, importer, config);
        c.file_ids = state.file_ids;
        c.file_scopes = state.file_scopes;
        c.lang = state.lang;
        c.file_lang = state.file_lang;
        c.decls = state.decls;
        c.done = state.done;
        c.methods = state.methods;
        c.info = state.info;
        c.ambiguous_pkg_names = state.ambiguous_pkg_names;
        c.dot_imports = state.dot_imports;
        c.has_errors = state.has_errors;
        c.pending_named = state.pending_named;
        c.valid_types = state.valid_types;
        c.named_rhs = state.named_rhs;
        c.imports = state.imports;
        c.mono = state.mono;
        c.relocatable = true;
        c
    }

    /// The package-level stage of a staged check: everything but the bodies of functions
    /// declared at package level, the initialization order and unused imports (which need
    /// the bodies).
    pub(crate) fn check_declarations(&mut self) {
        self.defer_bodies = true;
        self.relocatable = true;
        self.init_files();
        self.collect_objects();
        self.package_objects();
        self.process_delayed(0);
        self.finish_instances();
        self.record_untyped();
        self.finish_package();
    }

    /// Marks the package checked, with the language version it was checked with (which the
    /// analyzers read: loop variables are per-iteration from go1.22).
    fn finish_package(&mut self) {
        let lang = self.lang;
        let package = self.world.package_mut(self.pkg);
        package.go_version = Some(lang);
        package.complete = true;
    }

    /// Runs all phases.
    pub(crate) fn check_files(&mut self) {
        self.init_files();
        self.collect_objects();
        self.package_objects();
        self.process_delayed(0);
        self.finish_instances();
        // go/types looks for instantiation cycles only in packages without errors.
        if !self.has_errors {
            self.mono_check();
        }
        self.init_order();
        self.unused_imports();
        self.record_untyped();
        self.info.sort_scopes();
        self.finish_package();
    }

    /// Completes the instances of generic types created so far.
    pub(crate) fn finish_instances(&mut self) {
        self.expand_pending();
        self.complete_all_lazy_methods();
        // What is still unexpanded belongs to types declared with errors: it stays invalid.
        self.world.unexpanded.clear();
    }

    /// Runs delayed actions (function bodies, late checks) until none are left; actions may
    /// add more (function literals inside bodies are checked in place, not delayed).
    pub(crate) fn process_delayed(&mut self, mut top: usize) {
        while top < self.delayed.len() {
            let action = std::mem::replace(
                &mut self.delayed[top],
                Delayed::Check(self.env.clone(), Box::new(|_| {})),
            );
            match action {
                Delayed::FuncBody {
                    file,
                    name,
                    sig,
                    decl: Some(decl),
                    env,
                    ..
                } if self.defer_bodies => self.deferred.push(PendingBody {
                    file,
                    decl,
                    name,
                    sig,
                    env,
                }),
                Delayed::FuncBody {
                    file,
                    name,
                    sig,
                    body,
                    env,
                    ..
                } => {
                    let saved = std::mem::replace(&mut self.env, env);
                    self.env.file = file;
                    self.func_body(&name, sig, body);
                    self.env = saved;
                }
                Delayed::Check(env, f) => {
                    let saved = std::mem::replace(&mut self.env, env);
                    f(self);
                    self.env = saved;
                }
            }
            top += 1;
        }
    }

    pub(crate) fn later(&mut self, f: impl FnOnce(&mut Checker<'_>) + 'static) {
        self.delayed
            .push(Delayed::Check(self.env.clone(), Box::new(f)));
    }

    // ---- the current file ----

    /// The AST of the current file.
    pub(crate) fn ast(&self) -> &'a ast::File {
        &self.files[self.env.file].ast
    }

    pub(crate) fn expr_range(&self, e: ExprId) -> TextRange {
        self.ast().expr_range(e)
    }

    pub(crate) fn expr_string(&self, e: ExprId) -> String {
        crate::exprstring::expr_string(self.ast(), e)
    }

    pub(crate) fn pos(&self, offset: u32) -> crate::objects::Pos {
        crate::objects::Pos {
            file: Some(self.file_ids[self.env.file]),
            offset,
        }
    }

    pub(crate) fn qualifier(&self) -> Qualifier<'_> {
        Qualifier {
            local: Some(self.pkg),
            ambiguous: &self.ambiguous_pkg_names,

            import_names: &[],
        }
    }

    /// A type as messages print it.
    pub(crate) fn type_str(&self, ty: TypeId) -> String {
        self.world.type_string_in_message(ty, self.qualifier())
    }

    /// An operand as messages print it: `x (variable of type int)`.
    pub(crate) fn operand_str(&self, x: &Operand) -> String {
        let expr = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        x.describe(self.world, &expr, self.qualifier())
    }

    /// An object's name, qualified when it belongs to another package.
    pub(crate) fn obj_name(&self, obj: ObjId) -> String {
        let o = self.world.obj(obj);
        format!(
            "{}{}",
            self.world.package_prefix(o.pkg, self.qualifier()),
            o.name
        )
    }

    // ---- errors ----

    /// Reports an error at `range` of the current file.
    pub(crate) fn error(&mut self, range: TextRange, msg: impl Into<String>) {
        self.report(self.env.file, range, msg.into(), false);
    }

    /// Reports an error at the start of expression `e`.
    pub(crate) fn error_at(&mut self, e: ExprId, msg: impl Into<String>) {
        let range = self.expr_range(e);
        self.error(range, msg);
    }

    /// A soft error: the package is still well-typed (unused variables and imports).
    pub(crate) fn soft_error(&mut self, range: TextRange, msg: impl Into<String>) {
        self.report(self.env.file, range, msg.into(), true);
    }

    pub(crate) fn report(&mut self, file: usize, range: TextRange, msg: String, soft: bool) {
        let space = if self.body_objs.is_some() && file == self.env.file {
            positions::Space::Body
        } else {
            positions::Space::Declarations
        };
        self.report_in(space, file, range, msg, soft);
    }

    /// Reports an error whose range is in the text `space` (staged checking).
    pub(crate) fn report_in(
        &mut self,
        space: positions::Space,
        file: usize,
        range: TextRange,
        msg: String,
        soft: bool,
    ) {
        // go/types' follow-on suppression: once an error was reported, messages mentioning an
        // invalid operand or type (not at their start) add nothing.
        if self.has_errors
            && (msg.find("invalid operand").is_some_and(|i| i > 0)
                || msg.find("invalid type").is_some_and(|i| i > 0))
        {
            return;
        }
        self.has_errors = true;
        let range = self.err_pos.unwrap_or(range);
        self.errors.push(TypeError {
            file,
            range,
            message: msg,
            soft,
            space,
        });
    }

    // ---- language versions ----

    /// Whether the current file may use features of go1.`minor`.
    pub(crate) fn allow_version(&self, minor: u32) -> bool {
        let v = self
            .file_lang
            .get(self.env.file)
            .copied()
            .flatten()
            .unwrap_or(self.lang);
        v >= (1, minor)
    }

    /// Reports `feature requires go1.N or later` unless allowed; returns whether allowed.
    pub(crate) fn verify_version(&mut self, range: TextRange, minor: u32, feature: &str) -> bool {
        if self.allow_version(minor) {
            return true;
        }
        let hint = self.version_hint();
        self.error(
            range,
            format!("{feature} requires go1.{minor} or later{hint}"),
        );
        false
    }

    /// Where the version that refused a feature came from, as the go command adds it to
    /// go/types' message: ` (file declares //go:build go1.N)` or ` (-lang was set to go1.N;
    /// check go.mod)`.
    pub(crate) fn version_hint(&self) -> String {
        match self.file_lang.get(self.env.file).copied().flatten() {
            Some(v) => format!(" (file declares //go:build go{}.{})", v.0, v.1),
            None => format!(
                " (-lang was set to go{}.{}; check go.mod)",
                self.lang.0, self.lang.1
            ),
        }
    }

    // ---- recording ----

    pub(crate) fn record_type(&mut self, e: ExprId, x: &Operand) {
        if x.is_invalid() {
            return;
        }
        let tv = TypeAndValue {
            ty: x.ty,
            value: x.value().cloned(),
            is_type: x.mode == Mode::TypeExpr,
        };
        self.info.types.insert((self.env.file as u32, e), tv);
    }

    pub(crate) fn record_def(&mut self, name: &ast::Name, obj: ObjId) {
        self.info
            .defs
            .insert((self.env.file as u32, name.range.start), obj);
    }

    pub(crate) fn record_use(&mut self, offset: u32, obj: ObjId) {
        self.info.uses.insert((self.env.file as u32, offset), obj);
    }

    /// Records what selector `e` selects (go/types' `recordSelection`; the use of the
    /// selected name is recorded by the caller, with the rest of its uses).
    pub(crate) fn record_selection(
        &mut self,
        e: ExprId,
        kind: SelectionKind,
        recv: TypeId,
        obj: ObjId,
        index: Vec<usize>,
        indirect: bool,
    ) {
        let selection = Selection {
            kind,
            recv,
            obj,
            index,
            indirect,
        };
        self.info
            .selections
            .insert((self.env.file as u32, e), selection);
    }

    /// Records the scope the node at `range` of the current file opens.
    pub(crate) fn record_scope(&mut self, range: TextRange, scope: ScopeId) {
        self.info.scopes.push(NodeScope {
            file: self.env.file as u32,
            range,
            scope,
        });
    }

    pub(crate) fn record_implicit(&mut self, offset: u32, obj: ObjId) {
        self.info
            .implicits
            .insert((self.env.file as u32, offset), obj);
    }

    // ---- scopes ----

    /// Opens a block scope (not a function's) for the node at `range`, and records it.
    pub(crate) fn open_scope(&mut self, range: TextRange) {
        self.env.scope = self.world.new_scope(Some(self.env.scope), false);
        self.record_scope(range, self.env.scope);
    }

    pub(crate) fn close_scope(&mut self) {
        if let Some(parent) = self.world.scope(self.env.scope).parent {
            self.env.scope = parent;
        }
    }

    /// Declares `obj` in `scope`, reporting a redeclaration; records the definition.
    pub(crate) fn declare(&mut self, scope: ScopeId, name: Option<&ast::Name>, obj: ObjId) {
        if let Some(name) = name {
            self.record_def(name, obj);
        }
        let obj_name = self.world.obj(obj).name.clone();
        if &*obj_name == "_" {
            return;
        }
        if let Some(prev) = self.world.insert(scope, obj) {
            let range = name.map(|n| n.range).unwrap_or_default();
            let _ = prev;
            self.error(range, format!("{obj_name} redeclared in this block"));
        }
    }
}
