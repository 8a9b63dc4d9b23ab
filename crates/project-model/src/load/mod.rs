//! The package loader: directories to packages, import paths to directories, patterns to
//! package lists, as `go list` resolves them.
//!
//! Granularity: one [`Package`] per directory, built from the directory listing and the
//! headers of its `.go` files only (see [`crate::build`]); nothing is parsed in full. Imports
//! resolve in the standard library (with its `vendor/` and `cmd/vendor/` trees, as the go
//! command rewrites them) and, through an [`ImportResolver`], in modules.
//!
//! **Architecture Invariant**: all reads go through [`base_db::FileSystem`]; the loader never
//! runs the go command.

mod json;
mod modules;
mod package;

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::FileSystem;

use crate::build::{BuildContext, FileKind, classify, read_header};
pub use json::{quote, to_go_list_json};
pub use modules::{FsBridge, ModuleResolver};
pub use package::{ModuleRef, Package};

/// Module-aware resolution of import paths outside the standard library.
pub trait ImportResolver: Sync {
    /// The import path and directory `path` names when imported from `importer`, or go's error.
    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String>;
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
    resolver: Option<&'a dyn ImportResolver>,
    cache: HashMap<PathBuf, Arc<Package>>,
    /// Directory listings, read once: resolving every import asks whether its directory has
    /// Go files, and the same directories come up again and again.
    listings: std::sync::RwLock<HashMap<PathBuf, Option<Arc<Vec<base_db::DirEntry>>>>>,
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
        }
    }

    pub fn with_resolver(mut self, resolver: &'a dyn ImportResolver) -> Loader<'a> {
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
        let mut package = Package {
            import_path: import_path.to_string(),
            dir: dir.to_path_buf(),
            standard,
            module,
            ..Package::default()
        };
        let Some(entries) = self.listing(dir) else {
            package.error = Some(format!(
                "cannot find package {import_path:?} in {}",
                dir.display()
            ));
            return package;
        };
        let mut imports = BTreeSet::new();
        let mut test_imports = BTreeSet::new();
        let mut xtest_imports = BTreeSet::new();
        let mut embeds = BTreeSet::new();
        let mut name_from: Option<(String, String)> = None;
        for entry in entries.iter().filter(|e| !e.is_dir) {
            let Some(file_name) = entry
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
            else {
                continue;
            };
            if !file_name.ends_with(".go") {
                continue;
            }
            let bytes = match self.fs.read(&entry.path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    package.invalid_go_files.push(file_name.clone());
                    package
                        .error
                        .get_or_insert_with(|| format!("read {}: {err}", entry.path.display()));
                    continue;
                }
            };
            let header = read_header(&bytes);
            let class = classify(&self.ctx, &file_name, &header);
            if class.is_invalid() {
                package.invalid_go_files.push(file_name.clone());
            }
            if class.fails_package() {
                // A malformed //go:build line fails the whole package, and the go command stops
                // listing its files there.
                package.error = class.error.clone();
                break;
            }
            let paths = || header.build_imports().iter().map(|i| i.path.clone());
            match class.kind {
                FileKind::Go | FileKind::Cgo | FileKind::Test => {
                    let name = header.package_name().to_string();
                    match &name_from {
                        None => name_from = Some((name, file_name.clone())),
                        Some((first, first_file))
                            if *first != name && !name.is_empty() && !first.is_empty() =>
                        {
                            package.error.get_or_insert_with(|| {
                                format!(
                                    "found packages {first} ({first_file}) and {name} ({file_name}) in {}",
                                    dir.display()
                                )
                            });
                        }
                        _ => {}
                    }
                    match class.kind {
                        FileKind::Go => package.go_files.push(file_name),
                        FileKind::Cgo => package.cgo_files.push(file_name),
                        _ => package.test_go_files.push(file_name),
                    }
                    if class.kind == FileKind::Test {
                        test_imports.extend(paths());
                    } else {
                        imports.extend(paths());
                        embeds.extend(header.embeds.iter().map(|e| e.pattern.clone()));
                    }
                }
                FileKind::XTest => {
                    // go/build names a directory of external tests alone after them: `p_test`
                    // gives `p`.
                    if name_from.is_none() {
                        let name = header.package_name();
                        let name = name.strip_suffix("_test").unwrap_or(name).to_string();
                        name_from = Some((name, file_name.clone()));
                    }
                    package.xtest_go_files.push(file_name);
                    xtest_imports.extend(paths());
                }
                FileKind::Ignored(_) if class.go_list_field().is_some() => {
                    package.ignored_go_files.push(file_name)
                }
                FileKind::Ignored(_) | FileKind::Invalid => {}
            }
        }
        package.name = name_from.map(|(name, _)| name).unwrap_or_default();
        if package.go_files.is_empty() && package.cgo_files.is_empty() && package.error.is_none() {
            package.error = Some(
                if package.test_go_files.is_empty() && package.xtest_go_files.is_empty() {
                    format!("no Go files in {}", dir.display())
                } else {
                    format!("no non-test Go files in {}", dir.display())
                },
            );
        }
        if !package.cgo_files.is_empty() {
            imports.insert("C".to_string());
        }
        package.embed_patterns = embeds.into_iter().collect();
        let (resolved, map) = self.resolve_list(&mut package, &imports, true);
        package.imports = resolved;
        package.import_map = map;
        package.test_imports = self.resolve_list(&mut package, &test_imports, false).0;
        package.xtest_imports = self.resolve_list(&mut package, &xtest_imports, false).0;
        package
    }

    /// Resolves a sorted set of import paths as written, keeping go list's order (by the path as
    /// written) and recording each path that resolved to another.
    /// Problems are recorded in `importer.deps_errors` only when `report` is set: like `go
    /// list` without `-test`, we do not report on test imports.
    fn resolve_list(
        &self,
        importer: &mut Package,
        paths: &BTreeSet<String>,
        report: bool,
    ) -> (Vec<String>, Vec<(String, String)>) {
        let mut resolved = Vec::with_capacity(paths.len());
        let mut map = Vec::new();
        for path in paths {
            let target = match self.resolve(importer, path) {
                Ok(r) => r.import_path,
                Err(err) => {
                    if report && path != "C" {
                        importer.deps_errors.push(err);
                    }
                    path.clone()
                }
            };
            if report && !internal_allowed(&importer.import_path, importer.standard, &target) {
                importer
                    .deps_errors
                    .push(format!("use of internal package {target} not allowed"));
            }
            if target != *path {
                map.push((path.clone(), target.clone()));
            }
            resolved.push(target);
        }
        (resolved, map)
    }

    /// Where `path`, imported by `importer`, lives.
    pub fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        if path == "C" {
            return Err("C is cgo's pseudo-package".into());
        }
        if is_standard_import_path(path) {
            let src = self
                .goroot_src()
                .ok_or_else(|| format!("package {path} is not in std (no Go toolchain found)"))?;
            let dir = src.join(path);
            if self.is_package_dir(&dir) {
                return Ok(Resolved {
                    import_path: path.to_string(),
                    dir,
                    module: None,
                });
            }
            return Err(format!("package {path} is not in std ({})", dir.display()));
        }
        if importer.standard {
            // The standard library vendors its few dependencies; the go command rewrites their
            // import paths to `vendor/...` (in cmd: `cmd/vendor/...`), and go list reports those.
            if let Some(src) = self.goroot_src() {
                let prefix =
                    if importer.import_path == "cmd" || importer.import_path.starts_with("cmd/") {
                        "cmd/vendor"
                    } else {
                        "vendor"
                    };
                let dir = src.join(prefix).join(path);
                if self.is_package_dir(&dir) {
                    return Ok(Resolved {
                        import_path: format!("{prefix}/{path}"),
                        dir,
                        module: None,
                    });
                }
            }
        }
        match self.resolver {
            Some(resolver) => resolver.resolve(importer, path),
            None => Err(format!(
                "cannot find module providing package {path}: not in a module"
            )),
        }
    }

    fn is_package_dir(&self, dir: &Path) -> bool {
        self.listing(dir).is_some_and(|entries| {
            entries
                .iter()
                .any(|e| !e.is_dir && e.path.extension().is_some_and(|x| x == "go"))
        })
    }

    /// The entries of `dir` (cached), or `None` if it cannot be read.
    fn listing(&self, dir: &Path) -> Option<Arc<Vec<base_db::DirEntry>>> {
        if let Some(listing) = self
            .listings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return listing.clone();
        }
        let listing = self.fs.read_dir(dir).ok().map(Arc::new);
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
        if let Some(src) = self.goroot_src() {
            for prefix in ["vendor/", "cmd/vendor/"] {
                if resolved_path.starts_with(prefix) {
                    return Ok(Resolved {
                        import_path: resolved_path.to_string(),
                        dir: src.join(resolved_path),
                        module: None,
                    });
                }
            }
        }
        self.resolve(importer, resolved_path)
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
