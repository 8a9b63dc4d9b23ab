//! The checker's view of a place in a file: which stage's facts cover it (a function body's
//! check, or the package's declarations), and how offsets translate between the file and the
//! text that stage checked. IDE features (hover, definition, ...) start here.

use std::collections::HashMap;
use std::sync::Arc;

use base_db::{SourceDatabase, SourceFile};
use hir::objects::ObjId;
use hir::staged::{BODY_PREFIX, BodyCheck, StagedPackage};
use hir::{Info, World};
use syntax::TextRange;
use syntax::ast::ExprId;

use super::{Body, Staged, body_check, func_ranges, package_declarations};

/// A place in a file, with the facts of the stage that checked it.
pub(crate) struct Site {
    file: SourceFile,
    staged: Staged,
    /// The check of the function body the place is in, and where that function starts.
    body: Option<(Arc<BodyCheck>, u32)>,
    /// The index of the file among the package's files.
    index: u32,
    cuts: hir::staged::BodyCuts,
}

/// What a feature reads while the package's checker state is locked.
pub(crate) struct Facts<'a> {
    pub(crate) world: &'a World,
    pub(crate) package: &'a StagedPackage,
    pub(crate) info: &'a Info,
    /// The index of the file among the package's files (the first half of Info's keys).
    pub(crate) index: u32,
    site: &'a Site,
}

impl Site {
    /// The site of `offset` in `file`; `None` when the file's package is not checked (syntax
    /// errors, not in a package) or the offset is in a function that has no body check.
    pub(crate) fn at(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> Option<Site> {
        let path = file.path(db);
        let dir = path.parent()?;
        let staged = package_declarations(db, base_db::directory(db, dir)).clone()?;
        let index = staged.files.iter().position(|p| p == path)? as u32;
        let body = func_ranges(db, file)
            .keys
            .iter()
            .find(|(_, range)| range.start <= offset && offset < range.end)
            .filter(|_| in_body(db, file, offset))
            .and_then(|(key, range)| {
                let check = body_check(db, Body::new(db, file, key.clone())).clone()?;
                Some((check.0, range.start))
            });
        let text = file.text(db);
        let cuts = hir::staged::body_cuts(text, base_db::file_ast(db, file));
        Some(Site {
            file,
            staged,
            body,
            index,
            cuts,
        })
    }

    /// The text this site's stage checked, parsed (Info's expression ids are nodes of its
    /// tree): the function's body text, or the file's declarations text.
    pub(crate) fn checked_source(&self, db: &dyn SourceDatabase) -> Option<hir::SourceFile> {
        match &self.body {
            Some((_, start)) => {
                let text = self.file.text(db);
                let range = func_ranges(db, self.file)
                    .keys
                    .iter()
                    .find(|(_, r)| r.start == *start)?
                    .1;
                let path = self.file.path(db).to_string_lossy();
                Some(hir::staged::body_source(
                    path.as_ref().into(),
                    text.get(range.as_usize())?,
                ))
            }
            None => Some(super::declarations(db, self.file).as_ref()?.0.clone()),
        }
    }

    /// The declarations of the package in `dir`, for questions about the package as a whole
    /// (its scope, its world) rather than about a place in one of its files.
    pub(crate) fn of_package(db: &dyn SourceDatabase, dir: &std::path::Path) -> Option<Site> {
        let staged = package_declarations(db, base_db::directory(db, dir)).clone()?;
        let file = base_db::file(db, staged.files.first()?);
        Some(Site {
            file,
            staged,
            body: None,
            index: 0,
            cuts: hir::staged::BodyCuts::default(),
        })
    }

    /// Every site of `file`: its declarations, then each function body. Empty when its
    /// package is not checked.
    pub(crate) fn all(db: &dyn SourceDatabase, file: SourceFile) -> Vec<Site> {
        let Some(declarations) = Site::at(db, file, 0) else {
            return Vec::new();
        };
        let bodies: Vec<Site> = func_ranges(db, file)
            .keys
            .iter()
            .filter_map(|(key, range)| {
                let check = body_check(db, Body::new(db, file, key.clone())).clone()?;
                Some(Site {
                    file,
                    staged: declarations.staged.clone(),
                    body: Some((check.0, range.start)),
                    index: declarations.index,
                    cuts: declarations.cuts.clone(),
                })
            })
            .collect();
        std::iter::once(declarations).chain(bodies).collect()
    }

    /// Runs `f` on the facts, with the package's checker state locked.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&Facts<'_>) -> T) -> Option<T> {
        let package = self.staged.lock();
        let info = match &self.body {
            Some((check, _)) => &check.info,
            None => package.info()?,
        };
        let facts = Facts {
            world: package.world(),
            package: &package,
            info,
            index: self.index,
            site: self,
        };
        Some(f(&facts))
    }

    /// The offset, in the text this site's stage checked, of a file offset.
    pub(crate) fn to_checked(&self, offset: u32) -> u32 {
        match &self.body {
            Some((_, start)) => offset - start + BODY_PREFIX.len() as u32,
            None => self.cuts.declarations_offset(offset),
        }
    }

    /// The file offset of an offset in the text this site's stage checked.
    fn to_file(&self, offset: u32) -> u32 {
        match &self.body {
            Some((_, start)) => start + offset.saturating_sub(BODY_PREFIX.len() as u32),
            None => self.cuts.file_offset(offset),
        }
    }
}

/// An identifier of the file that declares or uses an object.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence {
    /// The identifier's start in the file.
    pub(crate) start: u32,
    pub(crate) obj: ObjId,
    /// Whether it declares the object (else it uses it).
    pub(crate) is_def: bool,
}

/// Whether `offset` is inside a package-level function's body (between its braces), where
/// the body's check has the facts, rather than in its signature.
fn in_body(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> bool {
    let ast = base_db::file_ast(db, file);
    ast.decls.iter().any(|&decl| {
        let syntax::ast::Decl::Func(f) = ast.decl(decl) else {
            return false;
        };
        f.body.is_some_and(|body| {
            let range = ast.stmt_range(body);
            range.start < offset && offset < range.end
        })
    })
}

impl Facts<'_> {
    /// The packages this site's file imports under a name other than their own
    /// (`import isync "internal/sync"`), for writing types as the file's reader knows them.
    pub(crate) fn import_names(&self) -> Vec<(hir::PackageId, Box<str>)> {
        let Some(declarations) = self.package.info() else {
            return Vec::new();
        };
        // The file's scope is the first recorded for the file: it starts at 0 and is longest.
        let Some(file_scope) = declarations.scopes.iter().find(|s| s.file == self.index) else {
            return Vec::new();
        };
        let mut out: Vec<(hir::PackageId, Box<str>)> = self
            .world
            .scope(file_scope.scope)
            .names
            .iter()
            .filter_map(|(name, &obj)| match self.world.obj(obj).kind {
                hir::objects::ObjKind::PkgName { imported }
                    if *self.world.package(imported).name != **name =>
                {
                    Some((imported, name.clone()))
                }
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    /// The identifiers of this site's file that declare or use an object named `name`.
    /// A body site holds only its body's; the declarations site only what is outside bodies.
    pub(crate) fn occurrences(&self, name: &str) -> Vec<Occurrence> {
        let world = self.world;
        let entries = (self.info.defs.iter().map(|e| (e, true)))
            .chain(self.info.uses.iter().map(|e| (e, false)));
        entries
            .filter(|&((&(index, _), &obj), _)| {
                index == self.index && &*world.obj(obj).name == name
            })
            .map(|((&(_, offset), &obj), is_def)| Occurrence {
                start: self.site.to_file(offset),
                obj,
                is_def,
            })
            .collect()
    }

    /// The expression of `ast` (this site's [`Site::checked_ast`]) that the identifier at file
    /// offset `start` is: a name, or the selector whose selected name it is.
    pub(crate) fn expr_at(&self, ast: &syntax::ast::File, start: u32) -> Option<ExprId> {
        let at = self.site.to_checked(start);
        (0..ast.exprs.len() as u32)
            .map(ExprId)
            .find(|&e| match ast.expr(e) {
                syntax::ast::Expr::Name(name) => name.range.start == at,
                syntax::ast::Expr::Selector { sel, .. } => sel.range.start == at,
                _ => false,
            })
    }

    /// The object the identifier starting at file offset `start` defines or uses.
    pub(crate) fn object_at(&self, start: u32) -> Option<ObjId> {
        let key = (self.index, self.site.to_checked(start));
        self.info
            .defs
            .get(&key)
            .or_else(|| self.info.uses.get(&key))
            .copied()
    }
}

/// Runs `f` on the object the identifier at `offset` of `file` denotes (with the facts of the
/// site it is in, and the identifier's range): the first step of most semantic features.
/// `None` when there is no identifier there, its package is not checked, or it denotes nothing.
pub(crate) fn with_object_at<T>(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
    f: impl FnOnce(&Facts<'_>, ObjId, TextRange) -> Option<T>,
) -> Option<T> {
    let ident = ident_at(file.text(db), offset)?;
    let site = Site::at(db, file, ident.start)?;
    site.with(|facts| f(facts, facts.object_at(ident.start)?, ident))
        .flatten()
}

/// Where an object is declared: the file and the range of its name. `None` for predeclared
/// objects and objects of files the database no longer has.
pub(crate) fn object_location(
    db: &dyn SourceDatabase,
    facts: &Facts<'_>,
    obj: ObjId,
) -> Option<(SourceFile, TextRange)> {
    Locator::new(db).locate(facts, obj)
}

/// Finds where objects are declared, remembering each file's cuts: a search over many
/// occurrences locates many objects of the same few files.
pub(crate) struct Locator<'db> {
    db: &'db dyn SourceDatabase,
    cuts: HashMap<SourceFile, hir::staged::BodyCuts>,
}

impl<'db> Locator<'db> {
    pub(crate) fn new(db: &'db dyn SourceDatabase) -> Locator<'db> {
        Locator {
            db,
            cuts: HashMap::new(),
        }
    }

    /// See [`object_location`].
    pub(crate) fn locate(
        &mut self,
        facts: &Facts<'_>,
        obj: ObjId,
    ) -> Option<(SourceFile, TextRange)> {
        let db = self.db;
        let o = facts.world.obj(obj);
        let world_file = o.pos.file?;
        let path = std::path::Path::new(&*facts.world.file(world_file).path);
        let file = base_db::file(db, path);
        let offset = match facts.package.body_of_file(world_file) {
            Some((_, key)) => {
                let start = func_ranges(db, file).by_key.get(key)?.start;
                start + o.pos.offset.checked_sub(BODY_PREFIX.len() as u32)?
            }
            None => self
                .cuts
                .entry(file)
                .or_insert_with(|| {
                    hir::staged::body_cuts(file.text(db), base_db::file_ast(db, file))
                })
                .file_offset(o.pos.offset),
        };
        let end = offset + o.name.len() as u32;
        (end as usize <= file.text(db).len()).then_some((file, TextRange::new(offset, end)))
    }
}

/// The identifier around `offset` (touching it on either side), by Go's lexical rules.
pub(crate) fn ident_at(text: &str, offset: u32) -> Option<TextRange> {
    let offset = (offset as usize).min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let is_ident = |c: char| c == '_' || c.is_alphanumeric();
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_ident(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .char_indices()
            .find(|&(_, c)| !is_ident(c))
            .map_or(text.len() - offset, |(i, _)| i);
    let first = text[start..end].chars().next()?;
    (!first.is_ascii_digit()).then(|| TextRange::new(start as u32, end as u32))
}
