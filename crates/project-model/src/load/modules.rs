//! Module-aware loading: import paths resolved through the [`ModuleGraph`], and the package
//! patterns of module mode (`./...`, directories, `example.com/m/...`).

use std::{
    io,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{FileSystem, FsError};

use super::{ImportResolver, Loader, ModuleRef, Package, Resolved, has_go_file};
use crate::modules::{ModFs, Mode, ModuleGraph, ModuleKind, Resolution};

/// Lets the module graph read through the database's [`FileSystem`], so that the whole loader
/// runs on one file system (an in-memory one in tests).
#[derive(Clone, Copy)]
pub struct FsBridge<'a>(pub &'a dyn FileSystem);

impl std::fmt::Debug for FsBridge<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FsBridge")
    }
}

impl ModFs for FsBridge<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.0.read(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.0.read_dir(path).is_ok()
    }

    fn exists(&self, path: &Path) -> bool {
        self.0.read(path).is_ok() || self.0.read_dir(path).is_ok()
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        Ok(self
            .0
            .read_dir(path)?
            .into_iter()
            .filter_map(|e| e.path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect())
    }
}

/// Resolves imports outside the standard library through a module graph.
pub struct ModuleResolver<'a> {
    pub graph: &'a ModuleGraph,
    pub fs: FsBridge<'a>,
}

impl std::fmt::Debug for ModuleResolver<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ModuleResolver")
    }
}

impl ModuleResolver<'_> {
    /// go list's Module fields for a module of the graph.
    pub fn module_ref(&self, id: crate::modules::ModuleId) -> ModuleRef {
        module_ref(self.graph, id)
    }
}

impl ImportResolver for ModuleResolver<'_> {
    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String> {
        let resolution = if *self.graph.mode() == Mode::Gopath {
            let dir = (!importer.dir.as_os_str().is_empty()).then_some(importer.dir.as_path());
            self.graph.resolve_gopath(&self.fs, dir, path)
        } else {
            self.graph.resolve_import(&self.fs, path)
        };
        resolution_to_resolved(self.graph, resolution, path)
    }

    fn gopath_mode(&self) -> bool {
        *self.graph.mode() == Mode::Gopath
    }
}

/// go list's Module fields for a module of the graph.
pub fn module_ref(graph: &ModuleGraph, id: crate::modules::ModuleId) -> ModuleRef {
    let module = graph.module(id);
    ModuleRef {
        path: module.path.clone(),
        version: module.version.clone(),
        dir: module.dir.clone(),
        main: module.kind == ModuleKind::Main,
        go_version: module.go_version.clone(),
    }
}

/// A [`Resolution`] of `path` in `graph` as the loader's [`Resolved`], or go's error.
pub fn resolution_to_resolved(
    graph: &ModuleGraph,
    resolution: Resolution,
    path: &str,
) -> Result<Resolved, String> {
    match resolution {
        Resolution::Std { import_path, dir } | Resolution::Gopath { import_path, dir } => {
            Ok(Resolved {
                import_path,
                dir,
                module: None,
            })
        }
        Resolution::Main { module, dir } | Resolution::Dependency { module, dir } => Ok(Resolved {
            import_path: path.to_string(),
            dir,
            module: Some(module_ref(graph, module)),
        }),
        Resolution::Vendored { module, dir } => Ok(Resolved {
            import_path: path.to_string(),
            dir,
            module: module.map(|m| module_ref(graph, m)),
        }),
        Resolution::Cgo => Err("C is cgo's pseudo-package".into()),
        Resolution::NotFound(error) => Err(error.message),
    }
}

impl Loader<'_> {
    /// The packages a module-mode pattern names, relative to `cwd`: `./...`, `dir/...`, `.`,
    /// a directory, `module/path/...`, or an import path.
    pub fn module_packages(
        &mut self,
        resolver: &ModuleResolver<'_>,
        cwd: &Path,
        pattern: &str,
    ) -> Vec<Arc<Package>> {
        let (base, recursive) = match pattern.strip_suffix("/...") {
            Some(base) => (base, true),
            None if pattern == "..." => ("", true),
            None => (pattern, false),
        };
        let is_path = base.is_empty()
            || base == "."
            || base.starts_with("./")
            || base.starts_with("../")
            || base.starts_with('/');
        let gopath = *resolver.graph.mode() == Mode::Gopath;
        let roots: Vec<PathBuf> = if is_path {
            vec![crate::modules::clean_path(&cwd.join(base))]
        } else {
            // An import path: directories of main modules under it (in GOPATH mode, of the
            // GOPATH entries), or one resolved package.
            let dirs: Vec<PathBuf> = if gopath {
                resolver
                    .graph
                    .gopath()
                    .iter()
                    .map(|g| g.join("src").join(base))
                    .filter(|d| self.fs.read_dir(d).is_ok())
                    .collect()
            } else {
                resolver
                    .graph
                    .main_modules()
                    .iter()
                    .filter_map(|m| {
                        let dir = m.dir.as_ref()?;
                        if base == m.path {
                            Some(dir.clone())
                        } else {
                            base.strip_prefix(&format!("{}/", m.path))
                                .map(|rest| dir.join(rest))
                        }
                    })
                    .collect()
            };
            if dirs.is_empty() && !recursive {
                let importer = Package::default();
                return match resolver.resolve(&importer, base) {
                    Ok(r) => vec![self.load_dir(&r.dir, &r.import_path, r.module)],
                    Err(err) => vec![Arc::new(Package {
                        import_path: base.to_string(),
                        error: Some(err),
                        ..Package::default()
                    })],
                };
            }
            dirs
        };
        let mut found = Vec::new();
        let mut errors = Vec::new();
        for root in roots {
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                let entries = match self.fs.read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(err) => {
                        // A root that does not exist matches nothing; anything else that
                        // cannot be read is the go command's pattern error.
                        if dir != root || err.kind() != io::ErrorKind::NotFound {
                            errors.push(format!(
                                "pattern {pattern}: open {}: {}",
                                dir.display(),
                                FsError::new(&err)
                            ));
                        }
                        continue;
                    }
                };
                let has_go = has_go_file(&entries);
                if recursive {
                    for entry in &entries {
                        let name = entry
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let skip = name == "testdata"
                            || name == "vendor"
                            || name.starts_with('.')
                            || name.starts_with('_');
                        if skip {
                            continue;
                        }
                        if entry.is_symlink {
                            self.check_symlink(pattern, &entry.path, &mut errors);
                            continue;
                        }
                        if !entry.is_dir {
                            continue;
                        }
                        // A nested module is another module's business, unless it is a main one.
                        let nested = !gopath
                            && entries_has_go_mod(self.fs, &entry.path)
                            && !is_main_root(resolver.graph, &entry.path);
                        if !nested {
                            stack.push(entry.path.clone());
                        }
                    }
                }
                if !has_go {
                    continue;
                }
                if gopath {
                    let import_path = match resolver.graph.gopath_import_path(&dir) {
                        Some((path, _)) => path,
                        // Outside GOROOT and GOPATH: the go command's local import path.
                        None => format!("_{}", dir.to_string_lossy().replace('\\', "/")),
                    };
                    found.push((import_path, dir, None));
                } else if let Some((import_path, module)) = import_path_of(resolver, &dir) {
                    found.push((import_path, dir, Some(module)));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.dedup_by(|a, b| a.0 == b.0);
        let wanted = found
            .into_iter()
            .map(|(path, dir, module)| (dir, path, module))
            .collect();
        let mut packages: Vec<Arc<Package>> = self
            .load_dirs(wanted)
            .into_iter()
            .filter(|p| p.has_files())
            .collect();
        if !errors.is_empty() {
            // As `go list -e` shows a pattern's errors: a package named after the pattern.
            packages.push(Arc::new(Package {
                import_path: pattern.to_string(),
                error: Some(errors.join("\n")),
                ..Package::default()
            }));
            self.errors.extend(errors);
        }
        packages
    }

    /// A symbolic link met while matching `...`: the go command does not follow links to
    /// directories (it warns that it ignores them); a link that leads nowhere readable, a loop
    /// above all, is reported instead of being skipped silently.
    fn check_symlink(&mut self, pattern: &str, path: &Path, errors: &mut Vec<String>) {
        match self.fs.read_dir(path) {
            Ok(_) => self
                .warnings
                .push(format!("warning: ignoring symlink {}", path.display())),
            // A link to a file, or to nothing: not a directory to walk.
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::NotADirectory | io::ErrorKind::NotFound
                ) => {}
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => self
                .warnings
                .push(format!("warning: ignoring symlink {}", path.display())),
            Err(err) => errors.push(format!(
                "pattern {pattern}: stat {}: {}",
                path.display(),
                FsError::new(&err)
            )),
        }
    }
}

fn entries_has_go_mod(fs: &dyn FileSystem, dir: &Path) -> bool {
    fs.read(&dir.join("go.mod")).is_ok()
}

fn is_main_root(graph: &ModuleGraph, dir: &Path) -> bool {
    graph
        .main_modules()
        .iter()
        .any(|m| m.dir.as_deref() == Some(dir))
}

/// The import path of a directory inside a main module (the innermost one containing it).
fn import_path_of(resolver: &ModuleResolver<'_>, dir: &Path) -> Option<(String, ModuleRef)> {
    let module = resolver
        .graph
        .main_modules()
        .iter()
        .filter(|m| m.dir.as_deref().is_some_and(|root| dir.starts_with(root)))
        .max_by_key(|m| m.dir.as_ref().map_or(0, |d| d.components().count()))?;
    let rel = dir.strip_prefix(module.dir.as_deref()?).ok()?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    let import_path = if rel.is_empty() {
        module.path.clone()
    } else {
        format!("{}/{rel}", module.path)
    };
    let id = resolver.graph.module_by_path(&module.path)?;
    Some((import_path, resolver.module_ref(id)))
}
