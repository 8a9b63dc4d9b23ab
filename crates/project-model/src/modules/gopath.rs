//! GOPATH mode (GO111MODULE=off, or auto without a go.mod), as the go command resolves
//! imports there (cmd/go/internal/load's vendoredImportPath, then go/build's Import):
//!
//! 1. Vendor directories: from the importing package's directory up to the `src` directory
//!    of the tree it is in (GOROOT's or a GOPATH entry's), the first `<dir>/vendor/<path>`
//!    holding Go files. The package's import path is then its path in that tree
//!    (`example.com/app/vendor/example.com/lib`, or `vendor/golang.org/x/net/...` in GOROOT).
//! 2. `$GOROOT/src/<path>`, if that directory exists.
//! 3. `<entry>/src/<path>` for each GOPATH entry in order, the first directory that exists.
//!
//! A directory's own import path is its path under GOROOT/src or a GOPATH entry's src.

use std::path::{Path, PathBuf};

use super::escape::join_slash_path;
use super::fs::{ModFs, has_go_files};
use super::graph::ModuleGraph;
use super::resolve::{ImportError, ImportErrorKind, Resolution};
use crate::modfile::quote::go_quote;

impl ModuleGraph {
    /// The GOPATH entries GOPATH mode searches.
    pub fn gopath(&self) -> &[PathBuf] {
        &self.gopath
    }

    /// The `src` directories of GOROOT and of each GOPATH entry, GOROOT first.
    fn source_trees(&self) -> Vec<(PathBuf, bool)> {
        let mut trees = vec![(self.goroot.join("src"), true)];
        trees.extend(self.gopath.iter().map(|g| (g.join("src"), false)));
        trees
    }

    /// The import path of `dir` in GOPATH mode: its path under GOROOT/src or under the `src`
    /// of a GOPATH entry (the first that contains it), and whether that is GOROOT.
    pub fn gopath_import_path(&self, dir: &Path) -> Option<(String, bool)> {
        self.source_trees().into_iter().find_map(|(src, goroot)| {
            let rel = dir.strip_prefix(&src).ok()?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            (!rel.is_empty()).then_some((rel, goroot))
        })
    }

    /// Resolves `path` imported from a package in `importer_dir` (`None`: from the command
    /// line, where no vendor directory applies), in GOPATH mode.
    pub fn resolve_gopath(
        &self,
        fs: &dyn ModFs,
        importer_dir: Option<&Path>,
        path: &str,
    ) -> Resolution {
        if path == "C" {
            return Resolution::Cgo;
        }
        let trees = self.source_trees();
        if let Some(dir) = importer_dir
            && let Some((src, goroot)) = trees.iter().find(|(src, _)| dir.starts_with(src))
        {
            // Innermost vendor directory first.
            for base in dir.ancestors().take_while(|d| d.starts_with(src)) {
                let vendor = base.join("vendor");
                if !fs.is_dir(&vendor) {
                    continue;
                }
                let target = join_slash_path(&vendor, path);
                if has_go_files(fs, &target) {
                    let rel = target.strip_prefix(src).unwrap_or(&target);
                    let import_path = rel.to_string_lossy().replace('\\', "/");
                    return if *goroot {
                        Resolution::Std {
                            import_path,
                            dir: target,
                        }
                    } else {
                        Resolution::Gopath {
                            import_path,
                            dir: target,
                        }
                    };
                }
            }
        }
        let local =
            path.starts_with("./") || path.starts_with("../") || path == "." || path == "..";
        if local || path.starts_with('/') || path.is_empty() {
            return Resolution::NotFound(ImportError {
                import_path: path.to_string(),
                kind: ImportErrorKind::Invalid,
                message: format!(
                    "{} is not a GOPATH import path; see 'go help gopath'",
                    go_quote(path)
                ),
            });
        }
        for (src, goroot) in &trees {
            let dir = join_slash_path(src, path);
            if fs.is_dir(&dir) {
                return if *goroot {
                    Resolution::Std {
                        import_path: path.to_string(),
                        dir,
                    }
                } else {
                    Resolution::Gopath {
                        import_path: path.to_string(),
                        dir,
                    }
                };
            }
        }
        let mut message = format!("cannot find package {} in any of:", go_quote(path));
        for (src, goroot) in &trees {
            let from = if *goroot { "$GOROOT" } else { "$GOPATH" };
            message.push_str(&format!(
                "\n\t{} (from {from})",
                join_slash_path(src, path).display()
            ));
        }
        if self.gopath.is_empty() {
            message.push_str("\n\t($GOPATH not set. For more details see: 'go help gopath')");
        }
        Resolution::NotFound(ImportError {
            import_path: path.to_string(),
            kind: ImportErrorKind::GopathMode,
            message,
        })
    }
}
