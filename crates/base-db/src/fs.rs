//! The file-system trait: the only way analysis reads files.
//!
//! [`OsFileSystem`] is the real disk; [`MemoryFileSystem`] is a map for tests. Reading returns
//! bytes: decoding (and saying so when the bytes are not UTF-8) is [`decode_source`]'s job.

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    pub path: PathBuf,
    pub is_dir: bool,
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
            let is_dir = entry.file_type()?.is_dir();
            entries.push(DirEntry {
                path: entry.path(),
                is_dir,
            });
        }
        entries.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
        Ok(entries)
    }
}

/// An in-memory tree of files, for tests.
#[derive(Debug, Default)]
pub struct MemoryFileSystem {
    files: RwLock<BTreeMap<PathBuf, Vec<u8>>>,
}

impl MemoryFileSystem {
    pub fn insert(&self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.into(), contents.into());
    }
}

impl FileSystem for MemoryFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<DirEntry>> {
        let files = self.files.read().unwrap_or_else(|e| e.into_inner());
        let mut entries: Vec<DirEntry> = Vec::new();
        for file in files.keys() {
            let Ok(rest) = file.strip_prefix(path) else {
                continue;
            };
            let mut parts = rest.components();
            let Some(first) = parts.next() else { continue };
            let is_dir = parts.next().is_some();
            let entry = DirEntry {
                path: path.join(first),
                is_dir,
            };
            if !entries.contains(&entry) {
                entries.push(entry);
            }
        }
        if entries.is_empty() && !files.contains_key(path) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
        }
        entries.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
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
                    is_dir: false
                },
                DirEntry {
                    path: "/m/sub".into(),
                    is_dir: true
                },
            ]
        );
        assert_eq!(fs.read(Path::new("/m/a.go")).unwrap(), b"package a");
        assert!(fs.read(Path::new("/m/nope.go")).is_err());
        assert!(fs.read_dir(Path::new("/nope")).is_err());
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
