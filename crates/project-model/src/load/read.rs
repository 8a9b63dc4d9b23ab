//! Building one [`Package`] from its directory, and resolving one import path, the way `go
//! list` does. Shared by the [`super::Loader`] (plain reads, for `list`) and the database
//! queries ([`crate::db`]), which read through salsa inputs: both answer alike because they
//! run this same code, and `tests/list_vs_go.rs` compares the loader with the go command.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{DirEntry, FsError};

use super::{
    ImportResolver, ModuleRef, Package, Resolved, internal_allowed, is_standard_import_path,
};
use crate::build::{BuildContext, FileHeader, FileKind, classify};

/// What building a package reads.
pub trait PackageReader {
    /// The entries of `dir`, sorted by name.
    fn list_dir(&self, dir: &Path) -> Result<Arc<[DirEntry]>, FsError>;
    /// The header of the Go file at `path`.
    fn header(&self, path: &Path) -> Result<Arc<FileHeader>, FsError>;
    /// Where `path`, imported by `importer`, leads.
    fn resolve(&self, importer: &Package, path: &str) -> Result<Resolved, String>;
}

/// The package in `dir`, known by `import_path`, in configuration `ctx`.
pub fn build_package(
    reader: &dyn PackageReader,
    ctx: &BuildContext,
    dir: &Path,
    import_path: &str,
    module: Option<ModuleRef>,
    standard: bool,
) -> Package {
    let mut package = Package {
        import_path: import_path.to_string(),
        dir: dir.to_path_buf(),
        standard,
        module,
        ..Package::default()
    };
    let entries = match reader.list_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind == std::io::ErrorKind::NotFound => {
            package.error = Some(format!(
                "cannot find package {import_path:?} in {}",
                dir.display()
            ));
            return package;
        }
        Err(err) => {
            package.error = Some(format!("open {}: {err}", dir.display()));
            return package;
        }
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
        let header = match reader.header(&entry.path) {
            Ok(header) => header,
            Err(err) => {
                package.invalid_go_files.push(file_name.clone());
                package
                    .error
                    .get_or_insert_with(|| format!("read {}: {err}", entry.path.display()));
                continue;
            }
        };
        let class = classify(ctx, &file_name, &header);
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
    let (resolved, map) = resolve_list(reader, &mut package, &imports, true);
    package.imports = resolved;
    package.import_map = map;
    package.test_imports = resolve_list(reader, &mut package, &test_imports, false).0;
    package.xtest_imports = resolve_list(reader, &mut package, &xtest_imports, false).0;
    package
}

/// Resolves a sorted set of import paths as written, keeping go list's order (by the path as
/// written) and recording each path that resolved to another.
/// Problems are recorded in `importer.deps_errors` only when `report` is set: like `go
/// list` without `-test`, we do not report on test imports.
fn resolve_list(
    reader: &dyn PackageReader,
    importer: &mut Package,
    paths: &BTreeSet<String>,
    report: bool,
) -> (Vec<String>, Vec<(String, String)>) {
    let mut resolved = Vec::with_capacity(paths.len());
    let mut map = Vec::new();
    for path in paths {
        let target = match reader.resolve(importer, path) {
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

/// Where `path`, imported by `importer`, lives: the standard library (whose packages import
/// their vendored dependencies as `vendor/...`, or `cmd/vendor/...` in cmd), else what the
/// `resolver` says. In GOPATH mode the resolver decides everything (its vendor directories
/// come before GOROOT).
pub fn resolve_import(
    goroot_src: Option<&Path>,
    is_package_dir: &dyn Fn(&Path) -> bool,
    resolver: Option<&dyn ImportResolver>,
    importer: &Package,
    path: &str,
) -> Result<Resolved, String> {
    if path == "C" {
        return Err("C is cgo's pseudo-package".into());
    }
    if let Some(resolver) = resolver
        && resolver.gopath_mode()
    {
        return resolver.resolve(importer, path);
    }
    if is_standard_import_path(path) {
        let src = goroot_src
            .ok_or_else(|| format!("package {path} is not in std (no Go toolchain found)"))?;
        let dir = src.join(path);
        if is_package_dir(&dir) {
            return Ok(Resolved {
                import_path: path.to_string(),
                dir,
                module: None,
            });
        }
        return Err(format!("package {path} is not in std ({})", dir.display()));
    }
    if importer.standard
        && let Some(src) = goroot_src
    {
        // The standard library vendors its few dependencies; the go command rewrites their
        // import paths to `vendor/...` (in cmd: `cmd/vendor/...`), and go list reports those.
        let prefix = if importer.import_path == "cmd" || importer.import_path.starts_with("cmd/") {
            "cmd/vendor"
        } else {
            "vendor"
        };
        let dir = src.join(prefix).join(path);
        if is_package_dir(&dir) {
            return Ok(Resolved {
                import_path: format!("{prefix}/{path}"),
                dir,
                module: None,
            });
        }
    }
    match resolver {
        Some(resolver) => resolver.resolve(importer, path),
        None => Err(format!(
            "cannot find module providing package {path}: not in a module"
        )),
    }
}

/// Whether a listing holds a `.go` file (a directory with one is a package directory).
pub fn has_go_file(entries: &[DirEntry]) -> bool {
    entries
        .iter()
        .any(|e| !e.is_dir && e.path.extension().is_some_and(|x| x == "go"))
}

/// Resolves an import path as go list reports it (already rewritten to `vendor/...`): the
/// standard library's vendored packages are directories of GOROOT/src as they are named.
pub fn resolve_written(
    goroot_src: Option<&Path>,
    resolve: impl FnOnce() -> Result<Resolved, String>,
    resolved_path: &str,
) -> Result<Resolved, String> {
    if let Some(src) = goroot_src {
        for prefix in ["vendor/", "cmd/vendor/"] {
            if resolved_path.starts_with(prefix) {
                return Ok(Resolved {
                    import_path: resolved_path.to_string(),
                    dir: PathBuf::from(src).join(resolved_path),
                    module: None,
                });
            }
        }
    }
    resolve()
}
