//! The file-system trait: the only way analysis reads files.
//!
//! [`OsFileSystem`] is the real disk; [`MemoryFileSystem`] is a map for tests. Reading returns
//! bytes: decoding (and saying so when the bytes are not UTF-8) is [`decode_source`]'s job.
//! [`MemoryFileSystem`] can also hold what makes real trees hostile (symlink loops, directories
//! that cannot be read), so that tests of those cases need no disk.

use std::{
    collections::BTreeMap,
    io,
    path::{Path, PathBuf},
    sync::RwLock,
};

/// Read access to files and directories.
pub trait FileSystem: Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Entries of a directory, sorted by name.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>>;
}

/// One directory entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DirEntry {
    pub path: PathBuf,
    /// A directory itself, not a symbolic link to one.
    pub is_dir: bool,
    /// A symbolic link (to anything, or to nothing). Walks do not follow these as
    /// directories, as the go command does not; reading through one says where it leads.
    pub is_symlink: bool,
}

/// The operating system's file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsFileSystem;

impl FileSystem for OsFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            // `file_type` does not follow symlinks; a symlinked directory is reported as a
            // file here on purpose, so that walks cannot loop.
            let file_type = entry.file_type()?;
            entries.push(DirEntry {
                path: entry.path(),
                is_dir: file_type.is_dir(),
                is_symlink: file_type.is_symlink(),
            });
        }
        entries.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        Ok(entries)
    }
}

/// An in-memory tree of files, for tests. Directories exist when something is under them.
#[derive(Debug, Default)]
pub struct MemoryFileSystem {
    files: RwLock<BTreeMap<PathBuf, Node>>,
}

#[derive(Debug, Clone)]
enum Node {
    File(Vec<u8>),
    /// A symbolic link that leads back to itself: reading it fails, as `ELOOP` does.
    SymlinkLoop,
    /// A directory whose entries cannot be read (no permission).
    Unreadable,
}

impl MemoryFileSystem {
    pub fn insert(&self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.write()
            .insert(path.into(), Node::File(contents.into()));
    }

    /// Removes the file at `path`, or everything under the directory `path`.
    pub fn remove(&self, path: &Path) {
        self.write().retain(|p, _| !p.starts_with(path));
    }

    /// A symbolic link at `path` that points at itself.
    pub fn insert_symlink_loop(&self, path: impl Into<PathBuf>) {
        self.write().insert(path.into(), Node::SymlinkLoop);
    }

    /// A directory at `path` whose listing fails with "permission denied".
    pub fn insert_unreadable_dir(&self, path: impl Into<PathBuf>) {
        self.write().insert(path.into(), Node::Unreadable);
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, BTreeMap<PathBuf, Node>> {
        self.files.write().unwrap_or_else(|e| e.into_inner())
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<PathBuf, Node>> {
        self.files.read().unwrap_or_else(|e| e.into_inner())
    }
}

fn symlink_loop() -> io::Error {
    io::Error::other("too many levels of symbolic links")
}

impl FileSystem for MemoryFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.read_lock().get(path) {
            Some(Node::File(bytes)) => Ok(bytes.clone()),
            Some(Node::SymlinkLoop) => Err(symlink_loop()),
            Some(Node::Unreadable) => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            )),
            None => Err(io::Error::new(io::ErrorKind::NotFound, "no such file")),
        }
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        let files = self.read_lock();
        match files.get(path) {
            Some(Node::SymlinkLoop) => return Err(symlink_loop()),
            Some(Node::Unreadable) => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "permission denied",
                ));
            }
            Some(Node::File(_)) => {
                return Err(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    "not a directory",
                ));
            }
            None => {}
        }
        let mut entries: Vec<DirEntry> = Vec::new();
        for (file, node) in files.range(path.to_path_buf()..) {
            let Ok(rest) = file.strip_prefix(path) else {
                break;
            };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            let nested = parts.next().is_some();
            let entry = DirEntry {
                path: path.join(first),
                is_dir: nested || matches!(node, Node::Unreadable),
                is_symlink: !nested && matches!(node, Node::SymlinkLoop),
            };
            if entries.last() != Some(&entry) {
                entries.push(entry);
            }
        }
        if entries.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
        }
        entries.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        entries.dedup();
        Ok(entries)
    }
}

/// Decodes a Go source file. Go source is UTF-8; other bytes are replaced by U+FFFD and the
/// second value says that happened.
pub fn decode_source(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_fs_lists_files_and_directories() {
        let fs = MemoryFileSystem::default();
        fs.insert("/m/a.go", "package a");
        fs.insert("/m/sub/b.go", "package b");
        let entries = fs.read_dir(Path::new("/m")).unwrap();
        assert_eq!(
            entries,
            [
                DirEntry {
                    path: "/m/a.go".into(),
                    is_dir: false,
                    is_symlink: false,
                },
                DirEntry {
                    path: "/m/sub".into(),
                    is_dir: true,
                    is_symlink: false,
                },
            ]
        );
        assert_eq!(fs.read(Path::new("/m/a.go")).unwrap(), b"package a");
        assert!(fs.read(Path::new("/m/nope.go")).is_err());
        assert!(fs.read_dir(Path::new("/nope")).is_err());
        assert_eq!(
            fs.read_dir(Path::new("/m/a.go")).unwrap_err().kind(),
            io::ErrorKind::NotADirectory
        );
        fs.remove(Path::new("/m/sub"));
        assert_eq!(fs.read_dir(Path::new("/m")).unwrap().len(), 1);
    }

    #[test]
    fn memory_fs_models_hostile_trees() {
        let fs = MemoryFileSystem::default();
        fs.insert("/m/a.go", "package a");
        fs.insert_symlink_loop("/m/loop");
        fs.insert_unreadable_dir("/m/secret");
        let entries = fs.read_dir(Path::new("/m")).unwrap();
        assert_eq!(entries.len(), 3);
        assert!(entries[1].is_symlink && !entries[1].is_dir, "{entries:?}");
        assert!(entries[2].is_dir && !entries[2].is_symlink, "{entries:?}");
        let err = fs.read_dir(Path::new("/m/loop")).unwrap_err();
        assert!(err.to_string().contains("symbolic links"), "{err}");
        let err = fs.read_dir(Path::new("/m/secret")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert!(fs.read(Path::new("/m/loop")).is_err());
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let (text, lossy) = decode_source(b"package p // \xff\n".to_vec());
        assert!(lossy);
        assert!(text.contains('\u{FFFD}'));
        assert_eq!(
            decode_source(b"package p".to_vec()),
            ("package p".to_string(), false)
        );
    }
}
