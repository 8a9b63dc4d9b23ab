//! Helpers shared by the syntax crate's integration tests: finding Go source to test on.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `$GOROOT`, from the environment or `go env GOROOT`; `None` when no Go toolchain is present.
pub fn goroot() -> Option<PathBuf> {
    if let Some(root) = std::env::var_os("GOROOT").filter(|r| !r.is_empty()) {
        return Some(PathBuf::from(root));
    }
    let output = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .ok()?;
    let root = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (!root.is_empty()).then(|| PathBuf::from(root))
}

/// Every `.go` file under `dir`, sorted, optionally skipping `testdata` directories.
pub fn go_files(dir: &Path, skip_testdata: bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !(skip_testdata && path.file_name().is_some_and(|n| n == "testdata")) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "go") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The fixtures of `test-fixtures/syntax`.
pub fn fixture_files() -> Vec<PathBuf> {
    go_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/syntax"),
        false,
    )
}
