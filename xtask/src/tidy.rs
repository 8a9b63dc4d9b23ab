//! `cargo xtask tidy`: the rules every file of the repository keeps, checked as a test too.
//!
//! - every Rust file starts with a `//!` comment that says what it is for;
//! - no Rust file grows past 2,500 lines (split it before it becomes unreadable);
//! - every crate manifest opts into the workspace lints.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 2_500;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Checks the repository under `root`; returns every problem found.
pub fn check(root: &Path) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    let mut rust_files = Vec::new();
    collect(root, &mut rust_files);
    for path in &rust_files {
        let Ok(text) = std::fs::read_to_string(path) else {
            problems.push(format!("{}: unreadable", path.display()));
            continue;
        };
        let shown = path.strip_prefix(root).unwrap_or(path).display();
        if path.extension().is_some_and(|e| e == "rs") {
            if !text.trim_start_matches("#!").starts_with("//!") {
                problems.push(format!(
                    "{shown}: must start with a `//!` comment saying what the file is for"
                ));
            }
            let lines = text.lines().count();
            if lines > MAX_LINES {
                problems.push(format!(
                    "{shown}: {lines} lines; split it (limit {MAX_LINES})"
                ));
            }
        } else if path.file_name().is_some_and(|n| n == "Cargo.toml")
            && path.parent() != Some(root)
            && (!text.contains("[lints]") || !text.contains("workspace = true"))
        {
            problems.push(format!("{shown}: add `[lints] workspace = true`"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(&path, out);
        } else if name.ends_with(".rs") || name == "Cargo.toml" {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repository_is_tidy() {
        if let Err(problems) = super::check(&super::workspace_root()) {
            panic!("cargo xtask tidy found problems:\n{}", problems.join("\n"));
        }
    }
}
