//! Hostile trees under a `./...` pattern: a symlink loop and a directory that cannot be read
//! are reported (the loader's errors, and the Error of a package named after the pattern, as
//! `go list -e` shows pattern errors) instead of being skipped silently, and everything else
//! still loads. On an in-memory tree, and once with a real symlink loop on disk.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use base_db::{FileSystem, MemoryFileSystem, OsFileSystem};
use project_model::{
    build::BuildContext,
    load::{FsBridge, Loader, ModuleResolver, Package},
    modules::{Env, ModuleGraph},
};

fn linux() -> BuildContext {
    BuildContext::new("linux", "amd64", false, 26, Vec::new())
}

fn load(fs: &dyn FileSystem, module: &Path) -> (Vec<Arc<Package>>, Vec<String>, Vec<String>) {
    let graph = ModuleGraph::load(
        &FsBridge(fs),
        module,
        &Env::new("/nonexistent/modcache"),
        Path::new("/nonexistent/goroot"),
    );
    let resolver = ModuleResolver {
        graph: &graph,
        fs: FsBridge(fs),
    };
    let mut loader = Loader::new(fs, linux(), None).with_resolver(&resolver);
    let packages = loader.module_packages(&resolver, module, "./...");
    (
        packages,
        loader.errors().to_vec(),
        loader.warnings().to_vec(),
    )
}

fn paths(packages: &[Arc<Package>]) -> Vec<&str> {
    packages.iter().map(|p| p.import_path.as_str()).collect()
}

#[test]
fn symlink_loops_and_unreadable_directories_are_reported() {
    let fs = MemoryFileSystem::default();
    fs.insert("/m/go.mod", "module example.com/m\n\ngo 1.22\n");
    fs.insert("/m/a/a.go", "package a\n");
    fs.insert("/m/b/b.go", "package b\n");
    fs.insert("/m/b/deep/d.go", "package deep\n");
    fs.insert_symlink_loop("/m/loop");
    fs.insert_symlink_loop("/m/b/deep/again");
    fs.insert_unreadable_dir("/m/secret");
    // Skipped by name, so never looked at: no report.
    fs.insert_unreadable_dir("/m/testdata");
    fs.insert_symlink_loop("/m/_hidden");

    let (packages, errors, warnings) = load(&fs, Path::new("/m"));
    assert_eq!(
        paths(&packages),
        [
            "example.com/m/a",
            "example.com/m/b",
            "example.com/m/b/deep",
            "./..."
        ]
    );
    let mut sorted = errors.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "pattern ./...: open /m/secret: permission denied",
            "pattern ./...: stat /m/b/deep/again: too many levels of symbolic links",
            "pattern ./...: stat /m/loop: too many levels of symbolic links",
        ]
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let pattern = packages.last().expect("the pattern's package");
    assert_eq!(pattern.error.as_deref(), Some(errors.join("\n").as_str()));
    assert!(!pattern.has_files());
}

#[test]
fn an_unreadable_package_directory_is_the_packages_error() {
    let fs = MemoryFileSystem::default();
    fs.insert("/m/go.mod", "module example.com/m\n");
    fs.insert(
        "/m/a/a.go",
        "package a\n\nimport \"example.com/m/secret\"\n",
    );
    fs.insert_unreadable_dir("/m/secret");
    let graph = ModuleGraph::load(
        &FsBridge(&fs),
        Path::new("/m"),
        &Env::new("/nonexistent/modcache"),
        Path::new("/nonexistent/goroot"),
    );
    let resolver = ModuleResolver {
        graph: &graph,
        fs: FsBridge(&fs),
    };
    let mut loader = Loader::new(&fs, linux(), None).with_resolver(&resolver);
    let secret = loader.load_dir(Path::new("/m/secret"), "example.com/m/secret", None);
    assert_eq!(
        secret.error.as_deref(),
        Some("open /m/secret: permission denied")
    );
}

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
#[test]
fn a_real_symlink_loop_on_disk() {
    let dir = TempDir(
        std::env::temp_dir().join(format!("go-analyzer-symlink-loop-{}", std::process::id())),
    );
    let root = &dir.0;
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("go.mod"), "module example.com/m\n\ngo 1.22\n").unwrap();
    std::fs::write(root.join("a/a.go"), "package a\n").unwrap();
    // loop -> loop, and a pair that point at each other.
    std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
    std::os::unix::fs::symlink("pong", root.join("a/ping")).unwrap();
    std::os::unix::fs::symlink("ping", root.join("a/pong")).unwrap();
    // A link to a directory: the go command ignores it, with a warning.
    std::os::unix::fs::symlink("a", root.join("link")).unwrap();
    // A link to a Go file counts as the file.
    std::os::unix::fs::symlink("a.go", root.join("a/alias.go")).unwrap();

    let (packages, errors, warnings) = load(&OsFileSystem, root);
    assert_eq!(paths(&packages), ["example.com/m/a", "./..."]);
    assert_eq!(packages[0].go_files, ["a.go", "alias.go"]);
    let mut errors = errors;
    errors.sort();
    let stat = |rel: &str| {
        format!(
            "pattern ./...: stat {}: too many levels of symbolic links",
            root.join(rel).display()
        )
    };
    assert_eq!(errors, [stat("a/ping"), stat("a/pong"), stat("loop")]);
    assert_eq!(
        warnings,
        [format!(
            "warning: ignoring symlink {}",
            root.join("link").display()
        )]
    );
}
