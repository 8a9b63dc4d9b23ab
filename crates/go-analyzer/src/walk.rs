//! From command-line patterns to the list of Go files to check, the way the go tool would
//! pick them: `.go` files, a directory's files, `dir/...` trees, `std`.
//!
//! Walks skip `vendor` and `testdata` directories and names starting with `.` or `_` (below
//! the root the user named; the root itself is taken as asked), and never follow a symbolic
//! link to a directory, so they cannot loop. Symbolic links to files are followed, as go/build
//! does. Anything that is not a regular file (a FIFO, a socket) is left out of walks, since
//! reading it could block forever.

use std::{
    collections::BTreeSet,
    ffi::OsStr,
    fs, io,
    path::{Component, Path, PathBuf},
};

/// What one command-line pattern names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Pattern {
    File(PathBuf),
    Dir(PathBuf),
    Tree(PathBuf),
    Std,
    /// A standard library import path (`strconv`, `go/token`).
    Import(String),
}

/// Classifies a pattern; an `Err` is a usage error.
pub(crate) fn classify(arg: &OsStr) -> Result<Pattern, String> {
    let text = arg.to_string_lossy();
    if text.ends_with(".go") {
        return Ok(Pattern::File(PathBuf::from(arg)));
    }
    if text == "std" {
        return Ok(Pattern::Std);
    }
    let (root, tree) = match text.strip_suffix("/...") {
        Some(root) => (root, true),
        None => (&*text, false),
    };
    if root.contains("...") || text == "..." {
        return Err(format!(
            "pattern {text:?}: `...` is supported only as a final /... after a directory"
        ));
    }
    if !is_file_system_path(Path::new(root))
        && !tree
        && project_model::load::is_standard_import_path(root)
    {
        return Ok(Pattern::Import(root.to_string()));
    }
    if !is_file_system_path(Path::new(root)) {
        let hint = if tree {
            format!("./{root}/...")
        } else {
            format!("./{root}")
        };
        return Err(format!(
            "pattern {text:?}: import paths other than std are not supported yet; \
             pass a directory (such as {hint}), ./... or .go files"
        ));
    }
    // Keep the original bytes when they are not UTF-8.
    let root = if tree {
        PathBuf::from(root)
    } else {
        PathBuf::from(arg)
    };
    Ok(if tree {
        Pattern::Tree(root)
    } else {
        Pattern::Dir(root)
    })
}

/// As the go tool decides: a pattern is a path when it is rooted or starts with `.` or `..`;
/// anything else is an import path.
fn is_file_system_path(path: &Path) -> bool {
    matches!(
        path.components().next(),
        Some(Component::CurDir | Component::ParentDir | Component::RootDir | Component::Prefix(_))
    )
}

/// The files the patterns name, and what went wrong finding them.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// Absolute, lexically clean paths, each once, sorted.
    pub(crate) files: BTreeSet<PathBuf>,
    /// I/O failures, each a complete message naming the path.
    pub(crate) errors: Vec<String>,
    /// Patterns that matched no Go files.
    pub(crate) warnings: Vec<String>,
}

/// Finds the Go files of `patterns`, relative to `cwd`. `goroot` is asked for only when a
/// pattern needs it; its `Err` (no Go toolchain) aborts the selection.
pub(crate) fn select(
    patterns: &[Pattern],
    cwd: &Path,
    tests: bool,
    goroot: impl FnOnce() -> Result<PathBuf, String>,
) -> Result<Selection, String> {
    let mut goroot = Some(goroot);
    let mut goroot_dir: Option<PathBuf> = None;
    let mut std_done = false;
    let mut selection = Selection::default();
    let wanted = |name: &OsStr| {
        let name = name.to_string_lossy();
        name.ends_with(".go") && (tests || !name.ends_with("_test.go"))
    };
    for pattern in patterns {
        let before = selection.files.len();
        let shown = match pattern {
            Pattern::File(path) => {
                let abs = absolute(cwd, path);
                match fs::metadata(&abs) {
                    Err(err) => selection
                        .errors
                        .push(format!("{}: {}", path.display(), err)),
                    Ok(meta) if !meta.is_file() => {
                        selection
                            .errors
                            .push(format!("{}: not a regular file", path.display()));
                    }
                    Ok(_) if path.file_name().is_some_and(&wanted) => {
                        selection.files.insert(abs);
                    }
                    Ok(_) => {}
                }
                continue;
            }
            Pattern::Dir(path) => {
                walk(
                    &absolute(cwd, path),
                    path,
                    false,
                    None,
                    &wanted,
                    &mut selection,
                );
                path.display().to_string()
            }
            Pattern::Tree(path) => {
                walk(
                    &absolute(cwd, path),
                    path,
                    true,
                    None,
                    &wanted,
                    &mut selection,
                );
                format!("{}/...", path.display())
            }
            Pattern::Import(path) => {
                let root = resolved_goroot(&mut goroot, &mut goroot_dir)?;
                let dir = root.join("src").join(path);
                walk(&dir, &dir, false, None, &wanted, &mut selection);
                path.clone()
            }
            Pattern::Std => {
                if std_done {
                    continue; // `std` twice
                }
                std_done = true;
                let root = resolved_goroot(&mut goroot, &mut goroot_dir)?;
                let src = root.join("src");
                if !src.is_dir() {
                    return Err(format!("GOROOT {} has no src directory", root.display()));
                }
                // `std` is the library; the commands under src/cmd are the `cmd` pattern's.
                walk(
                    &src,
                    &src,
                    true,
                    Some(&src.join("cmd")),
                    &wanted,
                    &mut selection,
                );
                "std".to_string()
            }
        };
        if selection.files.len() == before {
            selection
                .warnings
                .push(format!("{shown} matched no Go files"));
        }
    }
    Ok(selection)
}

/// GOROOT, asked for once.
fn resolved_goroot(
    goroot: &mut Option<impl FnOnce() -> Result<PathBuf, String>>,
    cached: &mut Option<PathBuf>,
) -> Result<PathBuf, String> {
    if let Some(dir) = cached {
        return Ok(dir.clone());
    }
    let dir = match goroot.take() {
        Some(find) => find()?,
        None => find_goroot()?,
    };
    *cached = Some(dir.clone());
    Ok(dir)
}

/// Adds the Go files of `dir` (and, when `recursive`, of the directories below it except
/// `exclude`) to `selection`; `shown` is how the user wrote `dir`, for messages.
fn walk(
    dir: &Path,
    shown: &Path,
    recursive: bool,
    exclude: Option<&Path>,
    wanted: &dyn Fn(&OsStr) -> bool,
    selection: &mut Selection,
) {
    // An explicit stack: directory trees can be deeper than the call stack is tall.
    let mut stack = vec![(dir.to_path_buf(), shown.to_path_buf())];
    while let Some((dir, shown)) = stack.pop() {
        let entries = match read_dir_sorted(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                selection
                    .errors
                    .push(format!("{}: {}", shown.display(), err));
                continue;
            }
        };
        let mut subdirs = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            let name_text = name.to_string_lossy();
            if name_text.starts_with('.') || name_text.starts_with('_') {
                continue;
            }
            let path = dir.join(&name);
            let file_type = match entry.file_type() {
                Ok(file_type) => file_type,
                Err(err) => {
                    selection
                        .errors
                        .push(format!("{}: {}", shown.join(&name).display(), err));
                    continue;
                }
            };
            if file_type.is_dir() {
                if recursive
                    && name_text != "vendor"
                    && name_text != "testdata"
                    && exclude != Some(&*path)
                {
                    subdirs.push((path, shown.join(&name)));
                }
                continue;
            }
            let is_file = file_type.is_file()
                // A link to a file counts as the file; a dangling link is kept, to fail on
                // reading as it would for the go tool. A link to a directory is not followed.
                || (file_type.is_symlink() && fs::metadata(&path).map_or(true, |meta| meta.is_file()));
            if is_file && wanted(&name) {
                selection.files.insert(path);
            }
        }
        // Reversed, so the stack visits subdirectories in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

fn read_dir_sorted(dir: &Path) -> io::Result<Vec<fs::DirEntry>> {
    let mut entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    Ok(entries)
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically (as Go's
/// filepath.Clean does), so that one file reached two ways is checked once.
pub(crate) fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// The GOROOT of the Go toolchain: `$GOROOT`, else what `go env GOROOT` says.
pub(crate) fn find_goroot() -> Result<PathBuf, String> {
    if let Some(root) = std::env::var_os("GOROOT").filter(|r| !r.is_empty()) {
        return Ok(PathBuf::from(root));
    }
    let output = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .map_err(|err| format!("cannot find the Go standard library: GOROOT is not set and running `go env GOROOT` failed: {err}"))?;
    let root = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || root.is_empty() {
        return Err(format!(
            "cannot find the Go standard library: GOROOT is not set and `go env GOROOT` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(PathBuf::from(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_classified_like_the_go_tool() {
        let c = |s: &str| classify(OsStr::new(s));
        assert_eq!(c("a.go"), Ok(Pattern::File("a.go".into())));
        assert_eq!(c("std"), Ok(Pattern::Std));
        assert_eq!(c("."), Ok(Pattern::Dir(".".into())));
        assert_eq!(c("../x"), Ok(Pattern::Dir("../x".into())));
        assert_eq!(c("/abs/dir"), Ok(Pattern::Dir("/abs/dir".into())));
        assert_eq!(c("./..."), Ok(Pattern::Tree(".".into())));
        assert_eq!(c("./a/..."), Ok(Pattern::Tree("./a".into())));
        assert_eq!(c("fmt"), Ok(Pattern::Import("fmt".into())));
        assert_eq!(c("go/token"), Ok(Pattern::Import("go/token".into())));
        assert!(c("example.com/m").is_err_and(|e| e.contains("./example.com/m")));
        assert!(c("net/...").is_err());
        assert!(c("example.com/m/...").is_err());
        assert!(c("./a/.../b").is_err());
        assert!(c("...").is_err());
    }

    #[test]
    fn absolute_paths_are_clean() {
        let cwd = Path::new("/w/m");
        assert_eq!(
            absolute(cwd, Path::new("./a/../b.go")),
            Path::new("/w/m/b.go")
        );
        assert_eq!(absolute(cwd, Path::new("..")), Path::new("/w"));
        assert_eq!(absolute(cwd, Path::new("/x/./y")), Path::new("/x/y"));
    }
}
