//! The checker's facts for a text the user has not written yet: completion asks about code
//! mid-edit (`x.` with nothing after it, `f(a, ` unclosed), where the checked body has no
//! expression at the cursor. So it patches the function's text (a placeholder name at the
//! cursor, closers for what is open) and checks that patched body once, uncached: the
//! package's declarations stay the salsa-cached ones, so a request costs one body check.
//!
//! Outside function bodies the facts are the package's declarations (not patched: checking
//! them again would cost the whole package).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use base_db::{SourceDatabase, SourceFile};
use hir::staged::{BODY_PREFIX, BodyCheck, BodyCuts, StagedPackage};
use hir::world::ScopeId;
use hir::{Info, World};
use syntax::TextRange;

use super::{Staged, declarations, func_ranges, package_declarations};

/// Checked facts around a place in a file: a (patched) function body's, or the package's
/// declarations'.
pub(crate) struct Checked {
    staged: Staged,
    /// The index of the file among the package's files (the first half of Info's keys).
    pub(crate) index: u32,
    /// The text that was checked, parsed: the patched body text, or the declarations text.
    /// Info's expression ids are this AST's.
    pub(crate) source: hir::SourceFile,
    /// The body's check and the file offset its declaration starts at.
    body: Option<(Arc<BodyCheck>, u32)>,
    cuts: BodyCuts,
}

/// What a feature reads while the package's checker state is locked.
pub(crate) struct CheckedFacts<'a> {
    pub(crate) world: &'a World,
    pub(crate) package: &'a StagedPackage,
    /// The facts of the checked text.
    pub(crate) info: &'a Info,
    /// The facts of the package's declarations (the same as `info` outside bodies).
    pub(crate) declarations: Option<&'a Info>,
}

/// The function body around `offset`: its key ([`hir::staged::func_keys`]) and the range of
/// its declaration. `None` outside bodies (signatures included).
pub(crate) fn body_at(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Option<(String, TextRange)> {
    let ast = base_db::file_ast(db, file);
    let inside = |range: TextRange| {
        ast.decls.iter().any(|&decl| match ast.decl(decl) {
            syntax::ast::Decl::Func(f) if f.range == range => f.body.is_some_and(|b| {
                let body = ast.stmt_range(b);
                body.start < offset && offset < body.end
            }),
            _ => false,
        })
    };
    func_ranges(db, file)
        .keys
        .iter()
        .find(|(_, range)| range.start <= offset && offset < range.end && inside(*range))
        .cloned()
}

/// The package of `file` with its declarations checked, and the file's index in it.
fn staged_of(db: &dyn SourceDatabase, file: SourceFile) -> Option<(Staged, u32)> {
    let path = file.path(db);
    let dir = path.parent()?;
    let staged = package_declarations(db, base_db::directory(db, dir)).clone()?;
    let index = staged.files.iter().position(|p| p == path)? as u32;
    last_good(db).remember(dir, &staged);
    Some((staged, index))
}

/// The packages completion last saw checked, by directory (the few most recent): while a
/// file has a syntax error outside function bodies (a missing `}`, an unclosed call that
/// made the parser drop a body) its package is not checked, and the last check of it, stale
/// by a few keystrokes, knows the names around the cursor. Outside salsa's values in spirit:
/// a cache whose contents change without a revision, held by a query that reads no input so
/// that every snapshot of one database shares it.
#[derive(Clone, Default)]
pub(crate) struct LastGood(Arc<Mutex<Vec<(PathBuf, Staged)>>>);

/// How many packages [`LastGood`] keeps (each holds its World).
const LAST_GOOD_PACKAGES: usize = 4;

impl std::fmt::Debug for LastGood {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LastGood")
    }
}

impl LastGood {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, Staged)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn remember(&self, dir: &Path, staged: &Staged) {
        let mut known = self.lock();
        known.retain(|(d, _)| d != dir);
        known.insert(0, (dir.to_path_buf(), staged.clone()));
        known.truncate(LAST_GOOD_PACKAGES);
    }

    fn get(&self, dir: &Path) -> Option<Staged> {
        let known = self.lock();
        known.iter().find(|(d, _)| d == dir).map(|(_, s)| s.clone())
    }
}

#[salsa::tracked(returns(ref), no_eq)]
fn last_good(db: &dyn SourceDatabase) -> LastGood {
    let _ = db;
    LastGood::default()
}

/// The facts of the function whose declaration starts at file offset `start`, checked from
/// `source` (its text, patched) against the last checked state of `file`'s package: for a
/// file whose package is not checked now. `None` without such a state, or when it has no
/// such function.
pub(crate) fn check_stale_body(
    db: &dyn SourceDatabase,
    file: SourceFile,
    start: u32,
    source: hir::SourceFile,
) -> Option<Checked> {
    let path = file.path(db);
    let staged = last_good(db).get(path.parent()?)?;
    let index = staged.files.iter().position(|p| p == path)? as u32;
    let key = hir::staged::func_keys(&source.ast).first()?.key.clone();
    let check = {
        let mut package = staged.lock();
        package.check_body(index as usize, &key, &source)?
    };
    Some(Checked::new(
        db,
        file,
        staged,
        index,
        source,
        Some((Arc::new(check), start)),
    ))
}

/// A version of a function declaration's text, parsed as its body text.
pub(crate) fn body_source(
    db: &dyn SourceDatabase,
    file: SourceFile,
    decl: &str,
) -> hir::SourceFile {
    let path: Arc<str> = file.path(db).to_string_lossy().into();
    hir::staged::body_source(path, decl)
}

/// The facts of function `key` of `file` (its declaration starting at `start`) checked from
/// `source`, a version of the declaration's text ([`body_source`]). `None` when the package is
/// not checked or has no such function.
pub(crate) fn check_patched_body(
    db: &dyn SourceDatabase,
    file: SourceFile,
    key: &str,
    start: u32,
    source: hir::SourceFile,
) -> Option<Checked> {
    let (staged, index) = staged_of(db, file)?;
    let check = {
        // No database access while the lock is held.
        let mut package = staged.lock();
        package.check_body(index as usize, key, &source)?
    };
    Some(Checked::new(
        db,
        file,
        staged,
        index,
        source,
        Some((Arc::new(check), start)),
    ))
}

/// The facts of function `key` of `file` as the editor's own check of its body has them
/// (cached: no check when the diagnostics have run), with `source` its body text parsed (so
/// that expression ids agree with the check's). For a text that needs no patch.
pub(crate) fn cached_body(
    db: &dyn SourceDatabase,
    file: SourceFile,
    key: &str,
    start: u32,
    source: hir::SourceFile,
) -> Option<Checked> {
    let (staged, index) = staged_of(db, file)?;
    let check = super::body_check(db, super::Body::new(db, file, key.to_string()))
        .clone()?
        .0;
    Some(Checked::new(
        db,
        file,
        staged,
        index,
        source,
        Some((check, start)),
    ))
}

/// The facts of the package's declarations, for a place in `file` outside function bodies.
pub(crate) fn declarations_facts(db: &dyn SourceDatabase, file: SourceFile) -> Option<Checked> {
    let (staged, index) = staged_of(db, file)?;
    let source = declarations(db, file).as_ref()?.0.clone();
    Some(Checked::new(db, file, staged, index, source, None))
}

impl Checked {
    fn new(
        db: &dyn SourceDatabase,
        file: SourceFile,
        staged: Staged,
        index: u32,
        source: hir::SourceFile,
        body: Option<(Arc<BodyCheck>, u32)>,
    ) -> Checked {
        let cuts = hir::staged::body_cuts(file.text(db), base_db::file_ast(db, file));
        Checked {
            staged,
            index,
            source,
            body,
            cuts,
        }
    }

    /// Runs `f` on the facts, with the package's checker state locked.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&CheckedFacts<'_>) -> T) -> Option<T> {
        let package = self.staged.lock();
        let declarations = package.info();
        let info = match &self.body {
            Some((check, _)) => &check.info,
            None => declarations?,
        };
        let facts = CheckedFacts {
            world: package.world(),
            package: &package,
            info,
            declarations,
        };
        Some(f(&facts))
    }

    /// The offset, in the checked text, of a file offset (in a body: before any patch).
    pub(crate) fn to_checked(&self, offset: u32) -> u32 {
        match &self.body {
            Some((_, start)) => offset - start + BODY_PREFIX.len() as u32,
            None => self.cuts.declarations_offset(offset),
        }
    }

    /// The innermost scope at checked offset `at` (a body's check records its function's
    /// scope, so inside a body there always is one).
    pub(crate) fn scope_at(&self, facts: &CheckedFacts<'_>, at: u32) -> Option<ScopeId> {
        facts.info.innermost_scope(self.index, at)
    }

    /// The offset in the package's declarations text of a file offset outside bodies.
    pub(crate) fn declarations_offset(&self, offset: u32) -> u32 {
        self.cuts.declarations_offset(offset)
    }

    /// The file offset of an offset in the checked text.
    pub(crate) fn to_file(&self, checked: u32) -> u32 {
        match &self.body {
            Some((_, start)) => (start + checked).saturating_sub(BODY_PREFIX.len() as u32),
            None => self.cuts.file_offset(checked),
        }
    }
}

/// A package's declarations, checked on their own (with their dependencies'): what completion
/// offers after `pkg.` for a package the current one does not import (yet).
pub(crate) struct PackageApi(Staged);

/// The package in `dir`, its declarations checked; `None` when it has syntax errors outside
/// function bodies or is no package. Cached like every package's declarations.
pub(crate) fn package_api(db: &dyn SourceDatabase, dir: &std::path::Path) -> Option<PackageApi> {
    let staged = package_declarations(db, base_db::directory(db, dir)).clone()?;
    Some(PackageApi(staged))
}

impl PackageApi {
    /// Runs `f` on the world holding the package, and the package, with its state locked.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&World, hir::PackageId) -> T) -> T {
        let package = self.0.lock();
        f(package.world(), package.package())
    }
}
