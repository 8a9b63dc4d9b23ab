//! The checker's view of a place in a file: which stage's facts cover it (a function body's
//! check, or the package's declarations), and how offsets translate between the file and the
//! text that stage checked. IDE features (hover, definition, ...) start here.

use std::sync::Arc;

use base_db::{SourceDatabase, SourceFile};
use hir::objects::ObjId;
use hir::staged::{BODY_PREFIX, BodyCheck, StagedPackage};
use hir::{Info, World};
use syntax::TextRange;

use super::{Body, Staged, body_check, func_ranges, package_declarations};

/// A place in a file, with the facts of the stage that checked it.
pub(crate) struct Site {
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
            staged,
            body,
            index,
            cuts,
        })
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

/// Where an object is declared: the file and the range of its name. `None` for predeclared
/// objects and objects of files the database no longer has.
pub(crate) fn object_location(
    db: &dyn SourceDatabase,
    facts: &Facts<'_>,
    obj: ObjId,
) -> Option<(SourceFile, TextRange)> {
    let o = facts.world.obj(obj);
    let world_file = o.pos.file?;
    let path = std::path::Path::new(&*facts.world.file(world_file).path);
    let file = base_db::file(db, path);
    let offset = match facts.package.body_of_file(world_file) {
        Some((_, key)) => {
            let start = func_ranges(db, file).by_key.get(key)?.start;
            start + o.pos.offset.checked_sub(BODY_PREFIX.len() as u32)?
        }
        None => {
            let text = file.text(db);
            hir::staged::body_cuts(text, base_db::file_ast(db, file)).file_offset(o.pos.offset)
        }
    };
    let end = offset + o.name.len() as u32;
    (end as usize <= file.text(db).len()).then_some((file, TextRange::new(offset, end)))
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
