//! Module-aware loading: import paths resolved through the [`ModuleGraph`], and the package
//! patterns of module mode (`./...`, directories, `example.com/m/...`).

use std::{
    io,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::FileSystem;

use super::{ImportResolver, Loader, ModuleRef, Package, Resolved};
use crate::modules::{ModFs, ModuleGraph, ModuleKind, Resolution};

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
        let module = self.graph.module(id);
        ModuleRef {
            path: module.path.clone(),
            version: module.version.clone(),
            dir: module.dir.clone(),
            main: module.kind == ModuleKind::Main,
        }
    }
}

impl ImportResolver for ModuleResolver<'_> {
    fn resolve(&self, _importer: &Package, path: &str) -> Result<Resolved, String> {
        match self.graph.resolve_import(&self.fs, path) {
            Resolution::Std { import_path, dir } => Ok(Resolved {
                import_path,
                dir,
                module: None,
            }),
            Resolution::Main { module, dir } | Resolution::Dependency { module, dir } => {
                Ok(Resolved {
                    import_path: path.to_string(),
                    dir,
                    module: Some(self.module_ref(module)),
                })
            }
            Resolution::Vendored { module, dir } => Ok(Resolved {
                import_path: path.to_string(),
                dir,
                module: module.map(|m| self.module_ref(m)),
            }),
            Resolution::Cgo => Err("C is cgo's pseudo-package".into()),
            Resolution::NotFound(error) => Err(error.message),
        }
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
        let roots: Vec<PathBuf> = if is_path {
            vec![crate::modules::clean_path(&cwd.join(base))]
        } else {
            // An import path: directories of main modules under it, or one resolved package.
            let dirs: Vec<PathBuf> = resolver
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
                .collect();
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
        for root in roots {
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = self.fs.read_dir(&dir) else {
                    continue;
                };
                let has_go = entries
                    .iter()
                    .any(|e| !e.is_dir && e.path.extension().is_some_and(|x| x == "go"));
                if recursive {
                    for entry in entries.iter().filter(|e| e.is_dir) {
                        let name = entry
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let skip = name == "testdata"
                            || name == "vendor"
                            || name.starts_with('.')
                            || name.starts_with('_');
                        // A nested module is another module's business, unless it is a main one.
                        let nested = entries_has_go_mod(self.fs, &entry.path)
                            && !is_main_root(resolver.graph, &entry.path);
                        if !skip && !nested {
                            stack.push(entry.path.clone());
                        }
                    }
                }
                if has_go && let Some((import_path, module)) = import_path_of(resolver, &dir) {
                    found.push((import_path, dir, module));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.dedup_by(|a, b| a.0 == b.0);
        let wanted = found
            .into_iter()
            .map(|(path, dir, module)| (dir, path, Some(module)))
            .collect();
        self.load_dirs(wanted)
            .into_iter()
            .filter(|p| p.has_files())
            .collect()
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
