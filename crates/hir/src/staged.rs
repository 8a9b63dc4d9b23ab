//! Staged checking, for the editor's incremental analysis: a package's declarations first,
//! then each function body on its own, then what needs all bodies (initialization order,
//! unused imports).
//!
//! The stages see the code through texts that an edit inside a function body does not change:
//!
//! - the **declarations text** of a file ([`declarations_text`]): the file with the inside of
//!   every function body cut out (`func f() {}`). A body edit leaves it equal, so whatever is
//!   computed from it (the package's scope, its API for importers) stays valid;
//! - the **body text** of a function ([`body_source`]): its declaration alone, after a
//!   package clause. Offsets in it are relative to the declaration, so edits elsewhere in the
//!   file leave it equal.
//!
//! Errors carry the [`Space`] their range is in; [`BodyCuts`] and the declaration's start map
//! them back to the file, and [`crate::resolve_markers`] does the same for positions written
//! inside messages.
//!
//! Within one [`StagedPackage`], body checks share the world of the declarations: a body
//! check only adds to it (its locals, instances it needs), so checking bodies in any order,
//! or again after an edit, gives each the answer a whole-package check gives.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use syntax::TextRange;
use syntax::ast::{self, DeclId};

use crate::check::{Checker, PendingBody, State};
use crate::objects::ObjId;
use crate::world::FileId as WorldFileId;
use crate::{Config, Importer, Info, PackageId, SourceFile, TypeError, World, on_big_stack};

/// What precedes a function declaration in its body text.
pub const BODY_PREFIX: &str = "package p\n";

/// Where the declarations text cut function bodies out: (offset in the declarations text just
/// after the body's `{`, bytes removed there), in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyCuts(Vec<(u32, u32)>);

impl BodyCuts {
    /// The file offset of an offset in the declarations text.
    pub fn file_offset(&self, offset: u32) -> u32 {
        let removed: u32 = self
            .0
            .iter()
            .take_while(|&&(at, _)| at <= offset)
            .map(|&(_, n)| n)
            .sum();
        offset + removed
    }

    /// The declarations-text offset of a file offset outside every cut body (an offset
    /// inside one maps to the body's `}`).
    pub fn declarations_offset(&self, offset: u32) -> u32 {
        let mut removed = 0;
        for &(at, n) in &self.0 {
            if offset < at + removed {
                break;
            }
            if offset < at + removed + n {
                return at;
            }
            removed += n;
        }
        offset - removed
    }
}

/// The file's text with the inside of every package-level function body removed, and where.
pub fn declarations_text(text: &str, file: &ast::File) -> (String, BodyCuts) {
    let mut out = String::with_capacity(text.len() / 2);
    let mut copied = 0;
    for (open, close) in body_interiors(text, file) {
        out.push_str(&text[copied..open]);
        copied = close;
    }
    out.push_str(&text[copied..]);
    (out, body_cuts(text, file))
}

/// Where [`declarations_text`] cuts `text`, without building the text.
pub fn body_cuts(text: &str, file: &ast::File) -> BodyCuts {
    let mut removed = 0;
    let mut cuts = Vec::new();
    for (open, close) in body_interiors(text, file) {
        cuts.push(((open - removed) as u32, (close - open) as u32));
        removed += close - open;
    }
    BodyCuts(cuts)
}

/// Whether every one of `errors` lies inside a package-level function body whose closing
/// brace starts its line. Then the declarations text is whole, and the errors touch only
/// those bodies: the usual state of a file being typed into. A brace elsewhere hints that the
/// parser closed the body in the wrong place (a missing `}` swallows the declarations after
/// it), so the file does not qualify. An error on the closing brace itself counts as inside
/// (`x.` as a body's last line: the parser reports the `}` it found instead of a name).
pub fn errors_only_in_bodies(text: &str, file: &ast::File, errors: &[syntax::SyntaxError]) -> bool {
    let bodies: Vec<(usize, usize)> = body_interiors(text, file)
        .filter(|&(_, close)| close == 0 || text.as_bytes()[close - 1] == b'\n')
        .collect();
    errors.iter().all(|e| {
        bodies.iter().any(|&(open, close)| {
            open <= e.range.start as usize && e.range.end as usize <= close + 1
        })
    })
}

/// The insides of the package-level function bodies, as (after `{`, at `}`), in order. Only a
/// well-formed `{ ... }` counts (a broken file is not type-checked anyway).
fn body_interiors<'a>(
    text: &'a str,
    file: &'a ast::File,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let bytes = text.as_bytes();
    let mut last = 0;
    file.decls.iter().filter_map(move |&decl| {
        let ast::Decl::Func(f) = file.decl(decl) else {
            return None;
        };
        let range = file.stmt_range(f.body?);
        let (open, close) = (
            range.start as usize + 1,
            (range.end as usize).checked_sub(1)?,
        );
        let ok = open <= close
            && close < bytes.len()
            && last <= open
            && bytes[open - 1] == b'{'
            && bytes[close] == b'}';
        ok.then(|| {
            last = close;
            (open, close)
        })
    })
}

/// A name for each package-level function with a body, stable under edits elsewhere in the
/// file: `f`, `T.m` (receiver base type), with `#2`, `#3`... for repeats (`init`, `_`); with
/// the declaration and its range.
pub fn func_keys(file: &ast::File) -> Vec<FuncKey> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut keys = Vec::new();
    for &decl in &file.decls {
        let ast::Decl::Func(f) = file.decl(decl) else {
            continue;
        };
        if f.body.is_none() {
            continue;
        }
        let recv = f
            .recv
            .as_ref()
            .and_then(|r| crate::check::unpack_recv(file, r.ty).1);
        let mut key = match recv {
            Some(base) => format!("{base}.{}", f.name.text),
            None => f.name.text.to_string(),
        };
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            key = format!("{key}#{n}");
        }
        keys.push(FuncKey {
            decl,
            range: f.range,
            key,
        });
    }
    keys
}

/// A package-level function with a body, named by [`func_keys`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuncKey {
    pub decl: DeclId,
    pub range: TextRange,
    pub key: String,
}

/// The body text of a function, parsed: `decl` is the text of its declaration.
pub fn body_source(path: Arc<str>, decl: &str) -> SourceFile {
    let mut file = SourceFile::parse(&path, &format!("{BODY_PREFIX}{decl}"));
    file.path = path;
    file
}

/// The result of checking one function body.
#[derive(Debug)]
pub struct BodyCheck {
    /// Errors, in the body text ([`crate::Space::Body`]) unless marked otherwise.
    pub errors: Vec<TypeError>,
    pub info: Info,
    func: Option<ObjId>,
    /// Imports the body uses.
    used: Vec<ObjId>,
    /// Package-level objects the body refers to, in first-use order (initialization order).
    deps: Vec<ObjId>,
    /// The body's instantiations of type parameters (instantiation cycles).
    mono_edges: Vec<crate::check::MonoEdge>,
}

/// A package whose declarations are checked, its bodies checked one at a time on demand.
pub struct StagedPackage {
    world: World,
    files: Vec<SourceFile>,
    config: Config,
    /// `None` only while a stage runs (or after a stage panicked).
    state: Option<State>,
    package: PackageId,
    errors: Vec<TypeError>,
    bodies: HashMap<(usize, String), PendingBody>,
    /// Imports used by the declarations themselves.
    used: HashSet<ObjId>,
    /// The world's file for each body text checked: (file index, function key). Objects a
    /// body declares are positioned in their body text's file.
    body_files: HashMap<WorldFileId, (usize, String)>,
}

impl std::fmt::Debug for StagedPackage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StagedPackage")
            .field("package", &self.package)
            .field("files", &self.files.len())
            .field("bodies", &self.bodies.len())
            .finish()
    }
}

/// Checks the declarations of a package: `files` are declarations texts
/// ([`declarations_text`]), in `world` where the importer finds the imports.
pub fn check_declarations(
    mut world: World,
    import_path: &str,
    files: Vec<SourceFile>,
    importer: &mut dyn Importer,
    config: Config,
) -> StagedPackage {
    let package = crate::new_package(&mut world, import_path, &files, &config);
    let (errors, deferred, state) = on_big_stack(|| {
        let mut checker = Checker::new(&mut world, package, &files, importer, &config);
        checker.check_declarations();
        let errors = std::mem::take(&mut checker.errors);
        let deferred = std::mem::take(&mut checker.deferred);
        (errors, deferred, checker.into_state())
    });
    let used = state
        .imports
        .iter()
        .map(|&(_, o)| o)
        .filter(|&o| world.obj(o).used)
        .collect();
    let mut bodies = HashMap::new();
    let keys: Vec<HashMap<DeclId, String>> = files
        .iter()
        .map(|f| {
            func_keys(&f.ast)
                .into_iter()
                .map(|k| (k.decl, k.key))
                .collect()
        })
        .collect();
    for body in deferred {
        if let Some(key) = keys.get(body.file).and_then(|k| k.get(&body.decl)) {
            bodies.insert((body.file, key.clone()), body);
        }
    }
    StagedPackage {
        world,
        files,
        config,
        state: Some(state),
        package,
        errors,
        bodies,
        used,
        body_files: HashMap::new(),
    }
}

impl StagedPackage {
    pub fn package(&self) -> PackageId {
        self.package
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// The errors of the declarations, in the declarations texts.
    pub fn errors(&self) -> &[TypeError] {
        &self.errors
    }

    /// The recorded facts of the declarations.
    pub fn info(&self) -> Option<&Info> {
        self.state.as_ref().map(|s| &s.info)
    }

    /// The index of the file named `path` among the package's files.
    pub fn file_index(&self, path: &str) -> Option<usize> {
        self.files.iter().position(|f| &*f.path == path)
    }

    /// For a world file holding a body text: the index of the package's file and the function
    /// key ([`func_keys`]) it was checked for. Other files of the world are declarations texts.
    pub fn body_of_file(&self, file: WorldFileId) -> Option<(usize, &str)> {
        self.body_files
            .get(&file)
            .map(|(i, key)| (*i, key.as_str()))
    }

    /// Whether file `file` has a function body named `key` ([`func_keys`]) to check.
    pub fn has_body(&self, file: usize, key: &str) -> bool {
        self.bodies.contains_key(&(file, key.to_string()))
    }

    /// Checks the body of function `key` of file `file`, from its body text `source`
    /// ([`body_source`]); `None` if the declarations have no such function.
    pub fn check_body(&mut self, file: usize, key: &str, source: &SourceFile) -> Option<BodyCheck> {
        let pending = self.bodies.get(&(file, key.to_string()))?.clone();
        let ast::Decl::Func(f) = source.ast.decl(*source.ast.decls.first()?) else {
            return None;
        };
        let body = f.body?;
        let decl_range = f.range;
        if file >= self.files.len() {
            return None;
        }
        let mut state = self.state.take()?;
        let edges_before = state.mono.edges.len();
        let func = pending.env.decl;
        let saved_deps = func.and_then(|o| state.decls.get(&o).cloned());
        let declarations_info = std::mem::take(&mut state.info);
        let imports: Vec<ObjId> = state.imports.iter().map(|&(_, o)| o).collect();
        for &o in &imports {
            self.world.obj_mut(o).used = false;
        }
        let mut files = self.files.clone();
        files[file] = source.clone();
        // The body's objects are positioned in the body text, a file of its own in the world.
        let body_file = self
            .world
            .add_file(source.path.clone(), source.text.clone());
        self.body_files.insert(body_file, (file, key.to_string()));
        let declarations_file = std::mem::replace(&mut state.file_ids[file], body_file);
        let (errors, info, mut state) = {
            let world = &mut self.world;
            let config = &self.config;
            let files = &files;
            on_big_stack(move || {
                let first_obj = world.objects.len() as u32;
                let mut no_imports = NoImports;
                let mut checker = Checker::resume(world, files, &mut no_imports, config, state);
                checker.body_objs = Some(first_obj);
                checker.body_key = Some(key.to_string());
                // A fresh copy of the function's scope: the body declares its locals there,
                // and it may be checked again.
                let mut env = pending.env;
                env.scope = checker.world.copy_scope(env.scope);
                env.file = file;
                // The function's scope as the body sees it (go/types records it for the
                // declaration): the outermost scope of the body's facts.
                checker.info.scopes.push(crate::info::NodeScope {
                    file: file as u32,
                    range: decl_range,
                    scope: env.scope,
                });
                checker.env = env;
                checker.func_body(&pending.name, pending.sig, body);
                checker.process_delayed(0);
                checker.finish_instances();
                checker.record_untyped();
                let errors = std::mem::take(&mut checker.errors);
                let mut info = std::mem::take(&mut checker.info);
                info.sort_scopes();
                (errors, info, checker.into_state())
            })
        };
        let used = imports
            .iter()
            .copied()
            .filter(|&o| self.world.obj(o).used)
            .collect();
        for &o in &imports {
            self.world.obj_mut(o).used = self.used.contains(&o);
        }
        let deps = match (func, saved_deps) {
            (Some(o), Some(saved)) => state
                .decls
                .insert(o, saved)
                .map(|d| d.deps)
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        state.info = declarations_info;
        state.file_ids[file] = declarations_file;
        let mono_edges = state
            .mono
            .edges
            .split_off(edges_before.min(state.mono.edges.len()));
        self.state = Some(state);
        Some(BodyCheck {
            errors,
            info,
            func,
            used,
            deps,
            mono_edges,
        })
    }

    /// What needs every body: initialization cycles and unused imports, in the declarations
    /// texts. `bodies` are the checks of all bodies.
    pub fn finish(&mut self, bodies: &[&BodyCheck]) -> Vec<TypeError> {
        let Some(mut state) = self.state.take() else {
            return Vec::new();
        };
        let used: HashSet<ObjId> = bodies.iter().flat_map(|b| b.used.iter().copied()).collect();
        let imports: Vec<ObjId> = state.imports.iter().map(|&(_, o)| o).collect();
        for &o in &imports {
            self.world.obj_mut(o).used = self.used.contains(&o) || used.contains(&o);
        }
        let mut saved = Vec::new();
        for b in bodies {
            let Some(decl) = b.func.and_then(|o| state.decls.get_mut(&o)) else {
                continue;
            };
            saved.push((b.func, decl.clone()));
            for &d in &b.deps {
                if decl.dep_set.insert(d) {
                    decl.deps.push(d);
                }
            }
        }
        let edges_before = state.mono.edges.len();
        for b in bodies {
            state.mono.edges.extend(b.mono_edges.iter().cloned());
        }
        let mut no_imports = NoImports;
        let mut checker = Checker::resume(
            &mut self.world,
            &self.files,
            &mut no_imports,
            &self.config,
            state,
        );
        if self.errors.is_empty() && bodies.iter().all(|b| b.errors.is_empty()) {
            checker.mono_check();
        }
        checker.init_order();
        checker.unused_imports();
        let mut errors = std::mem::take(&mut checker.errors);
        let mut state = checker.into_state();
        state.mono.edges.truncate(edges_before);
        for (func, decl) in saved {
            if let Some(o) = func {
                state.decls.insert(o, decl);
            }
        }
        for &o in &imports {
            self.world.obj_mut(o).used = self.used.contains(&o);
        }
        self.state = Some(state);
        errors.sort_by_key(|e| (e.file, e.range.start));
        errors
    }
}

/// Imports are resolved when the declarations are checked; later stages import nothing.
struct NoImports;

impl Importer for NoImports {
    fn import(&mut self, _world: &mut World, path: &str) -> Result<PackageId, String> {
        Err(format!(
            "cannot import {path:?} while checking a function body"
        ))
    }
}
