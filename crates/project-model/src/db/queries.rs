//! The package graph's queries; see the `db` module's documentation for what each one reads
//! and what keeps it from re-running.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{DirEntry, Directory, FsError, SourceDatabase, SourceFile, directory, file};

use super::{
    config,
    fs::{DbFs, EntryKind, EntryName, dir_has_go_files, entry_kind},
};
use crate::{
    build::{BuildContext, FileHeader, FileKind, classify, read_header},
    load::{
        ImportResolver, ModuleRef, Package, PackageReader, Resolved, build_package,
        resolution_to_resolved, resolve_import,
    },
    modules::{Mode, ModuleGraph, ModuleId, ModuleKind},
};

/// The header of a Go file (package clause, imports, build constraints, embed patterns).
/// Equal across edits below the imports, which is what keeps a body edit from re-running any
/// package query.
#[salsa::tracked(returns(ref))]
pub fn file_header(db: &dyn SourceDatabase, file: SourceFile) -> Arc<FileHeader> {
    Arc::new(read_header(file.text(db).as_bytes()))
}

/// Whether `dir` holds a file (or a link to one) called `name`.
fn has_file(db: &dyn SourceDatabase, dir: Directory, name: &str) -> bool {
    matches!(
        entry_kind(db, dir, EntryName::new(db, name.to_string())),
        Some(EntryKind::File | EntryKind::Symlink)
    )
}

/// The nearest directory upward from `dir` (itself included) with a go.work file, stopping
/// below GOROOT, as the go command searches.
#[salsa::tracked(returns(copy))]
fn go_work_dir(db: &dyn SourceDatabase, dir: Directory) -> Option<Directory> {
    if has_file(db, dir, "go.work") {
        return Some(dir);
    }
    let parent = dir.path(db).parent()?;
    let goroot = config(db).goroot(db).as_deref();
    if parent.as_os_str().is_empty() || goroot == Some(parent) {
        return None;
    }
    go_work_dir(db, directory(db, parent))
}

/// The nearest directory upward from `dir` (itself included) with a go.mod file.
#[salsa::tracked(returns(copy))]
fn go_mod_dir(db: &dyn SourceDatabase, dir: Directory) -> Option<Directory> {
    if has_file(db, dir, "go.mod") {
        return Some(dir);
    }
    let parent = dir.path(db).parent()?;
    if parent.as_os_str().is_empty() {
        return None;
    }
    go_mod_dir(db, directory(db, parent))
}

/// The directory whose module graph applies to `dir`: the go.work's directory in a workspace,
/// else the module root (the nearest go.mod), else the file-system root (no main module, or
/// GOPATH mode). Every directory of a module shares its graph.
#[salsa::tracked(returns(copy))]
pub fn graph_root(db: &dyn SourceDatabase, dir: Directory) -> Directory {
    let env = config(db).env(db);
    let path = dir.path(db);
    let fs_root = || directory(db, path.ancestors().last().unwrap_or(path));
    if env.go111module.as_deref() == Some("off") {
        return fs_root();
    }
    let found = match env.gowork.as_deref() {
        Some("off") => go_mod_dir(db, dir),
        None | Some("" | "auto") => go_work_dir(db, dir).or_else(|| go_mod_dir(db, dir)),
        Some(work) => match Path::new(work).parent() {
            Some(parent) if Path::new(work).is_absolute() => Some(directory(db, parent)),
            _ => go_mod_dir(db, dir),
        },
    };
    found.unwrap_or_else(fs_root)
}

/// The module graph loaded from `root` (a [`graph_root`]): re-run when a go.mod, go.work or
/// vendor/modules.txt it read changes, or an entry it looked for appears or disappears.
#[salsa::tracked(returns(ref))]
pub fn module_graph(db: &dyn SourceDatabase, root: Directory) -> Arc<ModuleGraph> {
    let c = config(db);
    // Without a toolchain, a GOROOT that cannot exist (an empty one would be relative to the
    // process's directory).
    let goroot = c
        .goroot(db)
        .clone()
        .unwrap_or_else(|| PathBuf::from("/.no-goroot"));
    Arc::new(ModuleGraph::load_with_gopath(
        &DbFs::new(db),
        root.path(db),
        c.env(db),
        &goroot,
        c.gopath(db),
    ))
}

/// The module graph that applies to the directory `dir`.
pub fn module_graph_for_dir(db: &dyn SourceDatabase, dir: &Path) -> Arc<ModuleGraph> {
    module_graph(db, graph_root(db, directory(db, dir))).clone()
}

/// Whether the graph at `root` is in GOPATH mode; a firewall, so that packages do not depend
/// on the whole graph.
#[salsa::tracked(returns(copy))]
fn graph_is_gopath(db: &dyn SourceDatabase, root: Directory) -> bool {
    *module_graph(db, root).mode() == Mode::Gopath
}

/// One import path to resolve in one graph. `importer_dir` is set only in GOPATH mode, where
/// vendor directories make resolution depend on the importer.
#[salsa::interned(revisions = usize::MAX, debug)]
struct ImportKey<'db> {
    #[returns(copy)]
    graph: Directory,
    #[returns(ref)]
    importer_dir: Option<PathBuf>,
    #[returns(ref)]
    path: String,
}

/// Where an import path leads in a graph. A go.mod edit re-runs these; the packages whose
/// imports still resolve the same are not re-run.
#[salsa::tracked(returns(ref))]
fn resolve_in_graph<'db>(
    db: &'db dyn SourceDatabase,
    key: ImportKey<'db>,
) -> Result<Resolved, String> {
    let graph = module_graph(db, key.graph(db));
    let fs = DbFs::new(db);
    let path = key.path(db);
    let resolution = if *graph.mode() == Mode::Gopath {
        graph.resolve_gopath(&fs, key.importer_dir(db).as_deref(), path)
    } else {
        graph.resolve_import(&fs, path)
    };
    resolution_to_resolved(graph, resolution, path)
}

/// Import resolution through the database.
struct DbResolver<'db> {
    db: &'db dyn SourceDatabase,
    graph: Directory,
}

impl ImportResolver for DbResolver<'_> {
    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        let importer_dir = self
            .gopath_mode()
            .then(|| importer.dir.clone())
            .filter(|d| !d.as_os_str().is_empty());
        let key = ImportKey::new(self.db, self.graph, importer_dir, path.to_string());
        resolve_in_graph(self.db, key).clone()
    }

    fn gopath_mode(&self) -> bool {
        graph_is_gopath(self.db, self.graph)
    }
}

/// What [`build_package`] reads, read from the database.
struct DbReader<'db> {
    db: &'db dyn SourceDatabase,
    resolver: Option<DbResolver<'db>>,
    goroot_src: Option<PathBuf>,
}

impl PackageReader for DbReader<'_> {
    fn list_dir(&self, dir: &Path) -> Result<Arc<[DirEntry]>, FsError> {
        directory(self.db, dir).listing(self.db).clone()
    }

    fn header(&self, path: &Path) -> Result<Arc<FileHeader>, FsError> {
        Ok(file_header(self.db, file(self.db, path)).clone())
    }

    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        resolve_import(
            self.goroot_src.as_deref(),
            &|dir| dir_has_go_files(self.db, directory(self.db, dir)),
            self.resolver.as_ref().map(|r| r as &dyn ImportResolver),
            importer,
            path,
        )
    }
}

impl<'db> DbReader<'db> {
    fn new(db: &'db dyn SourceDatabase, graph: Option<Directory>) -> DbReader<'db> {
        DbReader {
            db,
            resolver: graph.map(|graph| DbResolver { db, graph }),
            goroot_src: config(db).goroot(db).as_ref().map(|g| g.join("src")),
        }
    }
}

/// Who a directory belongs to: its import path, its module, and the graph its imports
/// resolve in (`None` for the standard library, whose imports never leave GOROOT).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Owner {
    pub import_path: String,
    pub module: Option<ModuleRef>,
    pub graph: Option<Directory>,
    pub standard: bool,
}

fn slash_path(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// The import path and module of `dir`: GOROOT/src is the standard library; else the
/// innermost module of a workspace root's graph containing it (main modules, dependencies in
/// the module cache, replacement directories, vendored packages); else the module of the
/// directory's own graph; else, outside any module, the go command's local import path
/// `_/abs/dir`. `None` only for GOROOT/src itself.
#[salsa::tracked(returns(ref))]
pub fn dir_owner(db: &dyn SourceDatabase, dir: Directory) -> Option<Owner> {
    let c = config(db);
    let path = dir.path(db);
    if let Some(goroot) = c.goroot(db)
        && let Ok(rel) = path.strip_prefix(goroot.join("src"))
    {
        let import_path = slash_path(rel);
        return (!import_path.is_empty()).then_some(Owner {
            import_path,
            module: None,
            graph: None,
            standard: true,
        });
    }
    let mut best: Option<(usize, Owner)> = None;
    for root in c.roots(db) {
        let groot = graph_root(db, directory(db, root));
        if let Some(found) = owner_in_graph(db, groot, path)
            && best.as_ref().is_none_or(|(depth, _)| found.0 > *depth)
        {
            best = Some(found);
        }
    }
    if let Some((_, owner)) = best {
        return Some(owner);
    }
    let groot = graph_root(db, dir);
    if let Some((_, owner)) = owner_in_graph(db, groot, path) {
        return Some(owner);
    }
    Some(Owner {
        import_path: format!("_{}", slash_path(path)),
        module: None,
        graph: Some(groot),
        standard: false,
    })
}

/// `dir`'s owner in the graph at `groot`, with the depth of the tree that decided it (the
/// innermost wins among graphs).
fn owner_in_graph(db: &dyn SourceDatabase, groot: Directory, dir: &Path) -> Option<(usize, Owner)> {
    let graph = module_graph(db, groot);
    let depth = |p: &Path| p.components().count();
    if *graph.mode() == Mode::Gopath {
        let (import_path, standard) = graph.gopath_import_path(dir)?;
        return Some((
            1,
            Owner {
                import_path,
                module: None,
                graph: Some(groot),
                standard,
            },
        ));
    }
    if let Some(vendor) = graph.vendor_dir()
        && let Ok(rel) = dir.strip_prefix(vendor)
        && !rel.as_os_str().is_empty()
    {
        // A vendored package is known by its own import path (and its vendored module).
        let import_path = slash_path(rel);
        let key = ImportKey::new(db, groot, None, import_path.clone());
        let module = match resolve_in_graph(db, key) {
            Ok(r) if r.dir == dir => r.module.clone(),
            _ => None,
        };
        let owner = Owner {
            import_path,
            module,
            graph: Some(groot),
            standard: false,
        };
        return Some((depth(vendor), owner));
    }
    let (index, module) = graph
        .modules()
        .iter()
        .enumerate()
        .filter(|(_, m)| m.dir.as_deref().is_some_and(|d| dir.starts_with(d)))
        .max_by_key(|(_, m)| m.dir.as_deref().map_or(0, depth))?;
    let root = module.dir.as_deref()?;
    let local = module.kind == ModuleKind::Main
        || module.replace.as_ref().is_some_and(|r| r.version.is_none());
    if local {
        // A go.mod between the module root and the directory makes it another module's.
        let fs = DbFs::new(db);
        let nested = dir
            .ancestors()
            .take_while(|d| *d != root && d.starts_with(root))
            .any(|d| {
                matches!(
                    fs.entry(&d.join("go.mod")),
                    Some(EntryKind::File | EntryKind::Symlink)
                )
            });
        if nested {
            return None;
        }
    }
    let rel = slash_path(dir.strip_prefix(root).ok()?);
    let import_path = if rel.is_empty() {
        module.path.clone()
    } else {
        format!("{}/{rel}", module.path)
    };
    let owner = Owner {
        import_path,
        module: Some(crate::load::module_ref(graph, ModuleId(index as u32))),
        graph: Some(groot),
        standard: false,
    };
    Some((depth(root), owner))
}

/// One package: a directory known by an import path, in a module, resolved in a graph, for
/// a build configuration.
#[salsa::interned(revisions = usize::MAX, debug)]
struct PackageKey<'db> {
    #[returns(copy)]
    dir: Directory,
    #[returns(ref)]
    import_path: String,
    #[returns(ref)]
    module: Option<ModuleRef>,
    #[returns(copy)]
    graph: Option<Directory>,
    #[returns(copy)]
    standard: bool,
    #[returns(ref)]
    ctx: BuildContext,
}

/// The package of a [`PackageKey`], as `go list` would list it.
#[salsa::tracked(returns(ref))]
fn package_query<'db>(db: &'db dyn SourceDatabase, key: PackageKey<'db>) -> Arc<Package> {
    let reader = DbReader::new(db, key.graph(db));
    Arc::new(build_package(
        &reader,
        key.ctx(db),
        key.dir(db).path(db),
        key.import_path(db),
        key.module(db).clone(),
        key.standard(db),
    ))
}

fn package_with_owner(
    db: &dyn SourceDatabase,
    dir: Directory,
    owner: &Owner,
    ctx: BuildContext,
) -> Arc<Package> {
    let key = PackageKey::new(
        db,
        dir,
        owner.import_path.clone(),
        owner.module.clone(),
        owner.graph,
        owner.standard,
        ctx,
    );
    package_query(db, key).clone()
}

/// The package in `dir` under `ctx` (the workspace's configuration when `None`). `None` only
/// for GOROOT/src itself; a directory without Go files gets a package with go list's error.
pub fn package_of_dir(
    db: &dyn SourceDatabase,
    dir: &Path,
    ctx: Option<&BuildContext>,
) -> Option<Arc<Package>> {
    let dir = directory(db, dir);
    let owner = dir_owner(db, dir).as_ref()?;
    let ctx = ctx.cloned().unwrap_or_else(|| config(db).build(db).clone());
    Some(package_with_owner(db, dir, owner, ctx))
}

/// Where `path`, imported by the package in `from_dir`, leads.
pub fn resolve_import_from(
    db: &dyn SourceDatabase,
    from_dir: &Path,
    path: &str,
) -> Result<Resolved, String> {
    let dir = directory(db, from_dir);
    let owner = dir_owner(db, dir).clone();
    let importer = Package {
        import_path: owner
            .as_ref()
            .map(|o| o.import_path.clone())
            .unwrap_or_default(),
        dir: from_dir.to_path_buf(),
        standard: owner.as_ref().is_some_and(|o| o.standard),
        module: owner.as_ref().and_then(|o| o.module.clone()),
        ..Package::default()
    };
    DbReader::new(db, owner.and_then(|o| o.graph)).resolve(&importer, path)
}

/// A directory's reader that sees only one of its files.
struct SingleFile<'db, 'p> {
    inner: DbReader<'db>,
    file: &'p Path,
}

impl PackageReader for SingleFile<'_, '_> {
    fn list_dir(&self, dir: &Path) -> Result<Arc<[DirEntry]>, FsError> {
        // The file itself even when the listing does not have it yet (an editor's new file).
        let _ = self.inner.list_dir(dir)?;
        Ok(Arc::from([DirEntry {
            path: self.file.to_path_buf(),
            is_dir: false,
            is_symlink: false,
        }]))
    }

    fn header(&self, path: &Path) -> Result<Arc<FileHeader>, FsError> {
        self.inner.header(path)
    }

    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        self.inner.resolve(importer, path)
    }
}

/// A file's package, and the configuration it was loaded in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePackage {
    pub package: Arc<Package>,
    /// The configuration the package was loaded for: the workspace's, or, for a file that
    /// configuration excludes, one that includes it.
    pub config: BuildContext,
    /// Whether `config` is the workspace's own.
    pub default_config: bool,
    /// Where the file is in the package under `config`.
    pub kind: FileKind,
}

/// The package of a Go file. A file the workspace's configuration excludes gets the package
/// as a configuration that includes it sees it (`foo_windows.go` on Linux: the package for
/// windows; `//go:build ignore`: with the `ignore` tag set); when none does (a release tag of
/// a newer Go, a malformed constraint), the workspace's package, which leaves the file out.
/// Such a file in another package than its directory's (a `package main` generator next to
/// the package it generates for) is a package of its own, `command-line-arguments`, as the go
/// command makes of `go run gen.go`.
#[salsa::tracked(returns(ref))]
pub fn file_package(db: &dyn SourceDatabase, file: SourceFile) -> Option<FilePackage> {
    let path = file.path(db);
    let dir_path = path.parent()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let dir = directory(db, dir_path);
    let owner = dir_owner(db, dir).as_ref()?;
    let header = file_header(db, file);
    let default = config(db).build(db);
    let class = classify(default, &name, header);
    let (ctx, default_config, kind) = if class.is_included() {
        (default.clone(), true, class.kind)
    } else {
        match default.context_including_tags(&name, header) {
            Some(ctx) => {
                let kind = classify(&ctx, &name, header).kind;
                (ctx, false, kind)
            }
            None => (default.clone(), true, class.kind),
        }
    };
    let mut package = package_with_owner(db, dir, owner, ctx.clone());
    if !default_config && kind != FileKind::XTest && header.package_name() != package.name {
        // A file only another configuration includes, of another package than its
        // directory's (`//go:build ignore` generators in `package main`): a package of its
        // own, as `go run gen.go` makes it.
        let reader = SingleFile {
            inner: DbReader::new(db, owner.graph),
            file: path,
        };
        package = Arc::new(build_package(
            &reader,
            &ctx,
            dir_path,
            "command-line-arguments",
            owner.module.clone(),
            owner.standard,
        ));
    }
    Some(FilePackage {
        package,
        config: ctx,
        default_config,
        kind,
    })
}
