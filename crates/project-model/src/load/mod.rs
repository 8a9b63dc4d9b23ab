//! The package loader: directories to packages, import paths to directories, patterns to
//! package lists, as `go list` resolves them.
//!
//! Granularity: one [`Package`] per directory, built from the directory listing and the
//! headers of its `.go` files only (see [`crate::build`]); nothing is parsed in full. Imports
//! resolve in the standard library (with its `vendor/` and `cmd/vendor/` trees, as the go
//! command rewrites them) and, through an [`ImportResolver`], in modules (or, in GOPATH mode,
//! in vendor directories, GOROOT and GOPATH).
//!
//! Building one package (`read.rs`: [`build_package`], [`resolve_import`]) is shared with the
//! database's queries ([`crate::db`]), which read through salsa inputs instead of this
//! loader's caches. Matching `./...` reports what it cannot walk (a directory that cannot be
//! read, a symlink loop) in [`Loader::errors`] instead of skipping it silently.
//!
//! **Architecture Invariant**: all reads go through [`base_db::FileSystem`]; the loader never
//! runs the go command.

mod json;
mod modules;
mod package;
mod read;

use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{DirEntry, FileSystem, FsError, Listing};

use crate::build::{BuildContext, FileHeader, read_header};
pub use json::{quote, to_go_list_json};
pub use modules::{FsBridge, ModuleResolver, module_ref, resolution_to_resolved};
pub use package::{ModuleRef, Package};
pub use read::{PackageReader, build_package, has_go_file, resolve_import, resolve_written};

/// Module-aware resolution of import paths outside the standard library.
pub trait ImportResolver {
    /// The import path and directory `path` names when imported from `importer`, or go's error.
    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String>;

    /// GOPATH mode: the resolver decides every import, the standard library's included (its
    /// vendor directories come first).
    fn gopath_mode(&self) -> bool {
        false
    }
}

/// Where an import path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The import path go list reports (for vendored packages, with its `vendor/` prefix).
    pub import_path: String,
    pub dir: PathBuf,
    pub module: Option<ModuleRef>,
}

/// Loads packages for one build configuration.
pub struct Loader<'a> {
    fs: &'a dyn FileSystem,
    ctx: BuildContext,
    goroot: Option<PathBuf>,
    resolver: Option<&'a (dyn ImportResolver + Sync)>,
    cache: HashMap<PathBuf, Arc<Package>>,
    /// Directory listings, read once: resolving every import asks whether its directory has
    /// Go files, and the same directories come up again and again.
    listings: std::sync::RwLock<HashMap<PathBuf, Listing>>,
    /// Problems met while matching patterns (unreadable directories, symlink loops): each
    /// also becomes the Error of a package named after the pattern, as `go list -e` shows it.
    errors: Vec<String>,
    /// What the go command only warns about (a symlink to a directory, which `...` does not
    /// follow).
    warnings: Vec<String>,
}

impl std::fmt::Debug for Loader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("ctx", &self.ctx)
            .field("goroot", &self.goroot)
            .finish_non_exhaustive()
    }
}

impl<'a> Loader<'a> {
    pub fn new(fs: &'a dyn FileSystem, ctx: BuildContext, goroot: Option<PathBuf>) -> Loader<'a> {
        Loader {
            fs,
            ctx,
            goroot,
            resolver: None,
            cache: HashMap::new(),
            listings: Default::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Problems met while matching patterns, each worded as the go command words it
    /// (`pattern ./...: open /m/secret: permission denied`).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// What the go command would print as warnings while matching patterns.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn with_resolver(mut self, resolver: &'a (dyn ImportResolver + Sync)) -> Loader<'a> {
        self.resolver = Some(resolver);
        self
    }

    fn goroot_src(&self) -> Option<PathBuf> {
        self.goroot.as_ref().map(|root| root.join("src"))
    }

    /// Loads many directories at once, on all cores; results in the order given, cached.
    pub fn load_dirs(
        &mut self,
        items: Vec<(PathBuf, String, Option<ModuleRef>)>,
    ) -> Vec<Arc<Package>> {
        let todo: Vec<&(PathBuf, String, Option<ModuleRef>)> = items
            .iter()
            .filter(|(dir, _, _)| !self.cache.contains_key(dir))
            .collect();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(todo.len())
            .max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let this = &*self;
        let loaded: Vec<(PathBuf, Package)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some((dir, path, module)) = todo.get(i) else {
                                break;
                            };
                            done.push((dir.clone(), this.read_package(dir, path, module.clone())));
                        }
                        done
                    })
                })
                .collect();
            // A worker that panicked loses its directories; they are loaded again below.
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        });
        for (dir, package) in loaded {
            self.cache.insert(dir, Arc::new(package));
        }
        items
            .into_iter()
            .map(|(dir, path, module)| self.load_dir(&dir, &path, module))
            .collect()
    }

    /// The package in `dir`, known by `import_path`. Cached: each directory is read once.
    pub fn load_dir(
        &mut self,
        dir: &Path,
        import_path: &str,
        module: Option<ModuleRef>,
    ) -> Arc<Package> {
        if let Some(package) = self.cache.get(dir) {
            return package.clone();
        }
        let package = Arc::new(self.read_package(dir, import_path, module));
        self.cache.insert(dir.to_path_buf(), package.clone());
        package
    }

    fn read_package(&self, dir: &Path, import_path: &str, module: Option<ModuleRef>) -> Package {
        let standard =
            self.goroot_src().is_some_and(|src| dir.starts_with(&src)) && module.is_none();
        build_package(self, &self.ctx, dir, import_path, module, standard)
    }

    /// Where `path`, imported by `importer`, lives.
    pub fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        resolve_import(
            self.goroot_src().as_deref(),
            &|dir| self.is_package_dir(dir),
            self.resolver.map(|r| r as &dyn ImportResolver),
            importer,
            path,
        )
    }

    fn is_package_dir(&self, dir: &Path) -> bool {
        self.listing(dir).is_ok_and(|entries| has_go_file(&entries))
    }

    /// The entries of `dir` (cached), or why it cannot be read.
    fn listing(&self, dir: &Path) -> Result<Arc<[DirEntry]>, FsError> {
        if let Some(listing) = self
            .listings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return listing.clone();
        }
        let listing = self
            .fs
            .read_dir(dir)
            .map(Arc::from)
            .map_err(|err| FsError::new(&err));
        self.listings
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), listing.clone());
        listing
    }

    /// Packages matching `std` or `cmd`: every directory of the tree with Go files, except
    /// `testdata` and names starting with `.` or `_`.
    pub fn goroot_packages(&mut self, tree: &str) -> Vec<Arc<Package>> {
        let Some(src) = self.goroot_src() else {
            return Vec::new();
        };
        let mut dirs = BTreeMap::new();
        let roots: Vec<PathBuf> = if tree == "cmd" {
            vec![src.join("cmd")]
        } else {
            vec![src.clone()]
        };
        let mut stack = roots;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = self.fs.read_dir(&dir) else {
                continue;
            };
            let mut has_go = false;
            for entry in entries {
                let name = entry
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if entry.is_dir {
                    let skip = name == "testdata" || name.starts_with('.') || name.starts_with('_');
                    let other_tree = tree != "cmd" && entry.path == src.join("cmd");
                    if !skip && !other_tree {
                        stack.push(entry.path);
                    }
                } else if name.ends_with(".go") {
                    has_go = true;
                }
            }
            if has_go && let Ok(rel) = dir.strip_prefix(&src) {
                let import_path = rel.to_string_lossy().replace('\\', "/");
                if !import_path.is_empty() {
                    dirs.insert(import_path, dir);
                }
            }
        }
        // The go command's own exclusions from `std` and `cmd`: the documentation-only
        // `builtin`, `runtime/cgo` when cgo is off, and commands vendored for the go command's
        // sake (below).
        let cgo = self.ctx.cgo_enabled;
        let wanted: Vec<(PathBuf, String, Option<ModuleRef>)> = dirs
            .into_iter()
            .filter(|(path, _)| path != "builtin" && (path != "runtime/cgo" || cgo))
            .map(|(path, dir)| (dir, path, None))
            .collect();
        let mut packages = Vec::new();
        for package in self.load_dirs(wanted) {
            let import_path = &package.import_path;
            let vendored = import_path.starts_with("vendor/") || import_path.contains("/vendor/");
            if vendored && package.name == "main" {
                continue;
            }
            if package.has_files() {
                packages.push(package);
            }
        }
        packages
    }

    /// `roots` and everything they import, each package after its dependencies (go list -deps
    /// order). Import cycles are reported on the importing package, never followed.
    pub fn with_deps(&mut self, roots: &[Arc<Package>]) -> Vec<Arc<Package>> {
        let mut order = Vec::new();
        let mut state: HashMap<String, Visit> = HashMap::new();
        for root in roots {
            self.visit(root.clone(), &mut state, &mut order);
        }
        order
    }

    fn visit(
        &mut self,
        package: Arc<Package>,
        state: &mut HashMap<String, Visit>,
        order: &mut Vec<Arc<Package>>,
    ) {
        // Iterative post-order walk: import chains can be long, and a cycle must not loop.
        let mut stack: Vec<(Arc<Package>, usize)> = vec![(package, 0)];
        while let Some((current, next)) = stack.pop() {
            if next == 0 {
                if state.contains_key(&current.import_path) {
                    continue;
                }
                state.insert(current.import_path.clone(), Visit::InProgress);
            }
            let mut imports: Vec<String> = current
                .imports
                .iter()
                .filter(|i| *i != "C")
                .cloned()
                .collect();
            if !current.cgo_files.is_empty() {
                // Code generated by cgo imports these, so they are dependencies, though go list
                // does not show them among the package's imports.
                for implicit in ["runtime/cgo", "syscall", "unsafe"] {
                    if current.import_path != implicit && !imports.iter().any(|i| i == implicit) {
                        imports.push(implicit.to_string());
                    }
                }
            }
            if let Some(import) = imports.get(next) {
                stack.push((current.clone(), next + 1));
                match state.get(import) {
                    Some(Visit::Done) => {}
                    Some(Visit::InProgress) => {
                        let mut updated = (*current).clone();
                        updated.deps_errors.push(format!(
                            "import cycle not allowed: {} imports {import}",
                            current.import_path
                        ));
                        if let Some(top) = stack.last_mut() {
                            top.0 = Arc::new(updated);
                        }
                    }
                    None => {
                        if let Ok(resolved) = self.resolve_written(&current, import) {
                            let dep = self.load_dir(
                                &resolved.dir,
                                &resolved.import_path,
                                resolved.module,
                            );
                            stack.push((dep, 0));
                        }
                    }
                }
                continue;
            }
            state.insert(current.import_path.clone(), Visit::Done);
            order.push(current);
        }
    }

    /// Resolves an import path as go list reports it (already rewritten to `vendor/...`).
    fn resolve_written(&self, importer: &Package, resolved_path: &str) -> Result<Resolved, String> {
        resolve_written(
            self.goroot_src().as_deref(),
            || self.resolve(importer, resolved_path),
            resolved_path,
        )
    }
}

impl PackageReader for Loader<'_> {
    fn list_dir(&self, dir: &Path) -> Result<Arc<[DirEntry]>, FsError> {
        self.listing(dir)
    }

    fn header(&self, path: &Path) -> Result<Arc<FileHeader>, FsError> {
        let bytes = self.fs.read(path).map_err(|err| FsError::new(&err))?;
        Ok(Arc::new(read_header(&bytes)))
    }

    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        Loader::resolve(self, importer, path)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    InProgress,
    Done,
}

/// The go command's `internal` rule: a package whose path has an `internal` element may be
/// imported only from the tree rooted at that element's parent; the last such element is the
/// one that counts (it is the most restrictive). `internal/...` at the top is the standard
/// library's own.
pub fn internal_allowed(importer: &str, importer_standard: bool, target: &str) -> bool {
    let elements: Vec<&str> = target.split('/').collect();
    let Some(at) = elements.iter().rposition(|e| *e == "internal") else {
        return true;
    };
    let parent = elements[..at].join("/");
    if parent.is_empty() {
        return importer_standard;
    }
    importer == parent || importer.starts_with(&format!("{parent}/"))
}

/// The go command's test for the standard library: the first path element has no dot.
pub fn is_standard_import_path(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or(path);
    !first.contains('.') && !path.is_empty()
}
