//! The file-system view the module graph reads through, so tests run on an in-memory tree and
//! the database serves the same reads from its inputs (`crate::db::DbFs`, which answers each
//! question with a small query, so that the graph is re-loaded only when an answer it got
//! changes). Four questions are all it asks:
//! read a file, is this a directory, does this exist, and which names does a directory hold
//! (the go command's "does this directory contain .go files", which decides which module
//! provides a package).
//!
//! Paths are handled lexically ([`clean_path`] is Go's filepath.Clean), never canonicalized:
//! symlinks are followed by the OS implementation only where the OS follows them.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Read-only file-system access for the module graph.
pub trait ModFs {
    /// The bytes of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Whether `path` is a directory.
    fn is_dir(&self, path: &Path) -> bool;
    /// Whether anything (file or directory) is at `path`.
    fn exists(&self, path: &Path) -> bool;
    /// The names of the entries of a directory, in no particular order.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>>;
    /// Whether a directory holds at least one `.go` file (fsys.IsGoDir): the test the go
    /// command uses to decide whether a module provides a package. An implementation may
    /// answer it from a cache (the database's answers from a query of its own).
    fn has_go_files(&self, dir: &Path) -> bool {
        match self.read_dir(dir) {
            Ok(names) => names
                .iter()
                .any(|n| n.ends_with(".go") && !self.is_dir(&dir.join(n))),
            Err(_) => false,
        }
    }
}

/// Whether `path` is a file (exists and is not a directory), as the go command checks go.mod.
pub(crate) fn is_file(fs: &dyn ModFs, path: &Path) -> bool {
    fs.exists(path) && !fs.is_dir(path)
}

/// Whether a directory holds at least one `.go` file (fsys.IsGoDir): the test the go command
/// uses to decide whether a module provides a package.
pub(crate) fn has_go_files(fs: &dyn ModFs, dir: &Path) -> bool {
    fs.has_go_files(dir)
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsFs;

impl ModFs for OsFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        // An entry that vanished or cannot be read is simply not there.
        for entry in std::fs::read_dir(path)?.flatten() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        Ok(names)
    }
}

/// An in-memory tree of files; directories exist when a file is under them (or were added
/// with [`MemFs::add_dir`]).
#[derive(Debug, Clone, Default)]
pub struct MemFs {
    files: BTreeMap<PathBuf, Vec<u8>>,
    dirs: BTreeMap<PathBuf, ()>,
}

impl MemFs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file and, implicitly, its parent directories.
    pub fn add_file(&mut self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) {
        let path = clean_path(path.as_ref());
        let mut parent = path.parent();
        while let Some(p) = parent {
            self.dirs.insert(p.to_path_buf(), ());
            parent = p.parent();
        }
        self.files.insert(path, contents.into());
    }

    /// Adds an empty directory.
    pub fn add_dir(&mut self, path: impl AsRef<Path>) {
        let path = clean_path(path.as_ref());
        let mut cur = Some(path.as_path());
        while let Some(p) = cur {
            self.dirs.insert(p.to_path_buf(), ());
            cur = p.parent();
        }
    }

    /// Removes a file (directories stay).
    pub fn remove_file(&mut self, path: impl AsRef<Path>) {
        self.files.remove(&clean_path(path.as_ref()));
    }
}

impl ModFs for MemFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let path = clean_path(path);
        if self.dirs.contains_key(&path) {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        }
        self.files
            .get(&path)
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.dirs.contains_key(&clean_path(path))
    }

    fn exists(&self, path: &Path) -> bool {
        let path = clean_path(path);
        self.files.contains_key(&path) || self.dirs.contains_key(&path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        let path = clean_path(path);
        if !self.dirs.contains_key(&path) {
            return Err(io::Error::from(io::ErrorKind::NotFound));
        }
        let child_name = |p: &Path| -> Option<String> {
            (p.parent() == Some(path.as_path()))
                .then(|| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .flatten()
        };
        let files = self
            .files
            .range(path.clone()..)
            .take_while(|(p, _)| p.starts_with(&path));
        let dirs = self
            .dirs
            .range(path.clone()..)
            .take_while(|(p, _)| p.starts_with(&path));
        Ok(files
            .filter_map(|(p, _)| child_name(p))
            .chain(dirs.filter_map(|(p, _)| child_name(p)))
            .collect())
    }
}

/// Go's filepath.Clean, lexically: removes `.` elements and resolves `..` against the
/// preceding element (a `..` at the root stays at the root; leading `..` of a relative path
/// stay).
pub fn clean_path(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// `target` relative to `base` when both are absolute and lexically clean, as filepath.Rel
/// does; `None` when they have no common root.
pub(crate) fn relative_path(base: &Path, target: &Path) -> Option<PathBuf> {
    let b: Vec<Component<'_>> = base.components().collect();
    let t: Vec<Component<'_>> = target.components().collect();
    if b.first() != t.first() {
        return None;
    }
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_is_lexical() {
        assert_eq!(clean_path(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(clean_path(Path::new("/../a")), Path::new("/a"));
        assert_eq!(clean_path(Path::new("../a/../../b")), Path::new("../../b"));
        assert_eq!(clean_path(Path::new("./")), Path::new("."));
        assert_eq!(
            relative_path(Path::new("/w/app"), Path::new("/w/forked")).unwrap(),
            Path::new("../forked")
        );
        assert_eq!(
            relative_path(Path::new("/w"), Path::new("/w/forked")).unwrap(),
            Path::new("forked")
        );
        assert_eq!(
            relative_path(Path::new("/w"), Path::new("/w")).unwrap(),
            Path::new(".")
        );
    }

    #[test]
    fn mem_fs_answers_like_a_disk() {
        let mut fs = MemFs::new();
        fs.add_file("/m/go.mod", "module m");
        fs.add_file("/m/p/a.go", "package p");
        fs.add_file("/m/p/q/b.go", "package q");
        fs.add_dir("/m/empty");
        assert!(fs.is_dir(Path::new("/m")) && fs.is_dir(Path::new("/m/p/")));
        assert!(is_file(&fs, Path::new("/m/go.mod")) && !is_file(&fs, Path::new("/m/p")));
        assert!(fs.exists(Path::new("/m/empty")) && !fs.exists(Path::new("/m/nope")));
        let mut names = fs.read_dir(Path::new("/m/p")).unwrap();
        names.sort();
        assert_eq!(names, ["a.go", "q"]);
        assert!(has_go_files(&fs, Path::new("/m/p")) && !has_go_files(&fs, Path::new("/m")));
        assert!(fs.read(Path::new("/m/p")).is_err());
        assert_eq!(fs.read(Path::new("/m/./go.mod")).unwrap(), b"module m");
    }
}
