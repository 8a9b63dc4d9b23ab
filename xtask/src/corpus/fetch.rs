//! The corpus's scratch space under target/corpus/: a module cache of its own (so that the
//! user's is neither read nor filled), a go build cache of its own for `go vet`, and for each
//! module a writable working copy of its source in which `go mod download` has fetched its
//! dependencies. A `.ready` marker beside a working copy makes later runs skip the network.
//!
//! Layout: `gomodcache/`, `gocache/`, `src/NAME-VERSION/` (+ `.ready`), `out/NAME/` (the last
//! run's outputs: diagnostics.jsonl, check-stderr.txt, vet.txt).

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use super::Module;

pub struct Scratch {
    root: PathBuf,
}

impl Scratch {
    pub fn new(root: PathBuf) -> Result<Scratch, String> {
        for dir in ["gomodcache", "gocache", "src", "out"] {
            let dir = root.join(dir);
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(Scratch { root })
    }

    /// Sets the environment every command of the corpus runs with (the go command's and
    /// ours alike, so that both resolve the same modules) and the working directory.
    pub fn go_env<'c>(&self, cmd: &'c mut Command, dir: &Path) -> &'c mut Command {
        cmd.current_dir(dir)
            .env("GOMODCACHE", self.root.join("gomodcache"))
            .env("GOCACHE", self.root.join("gocache"))
            // -mod=mod: go.sum may be completed as needed. -modcacherw: the cache can be
            // deleted without chmod first (`cargo clean`).
            .env("GOFLAGS", "-mod=mod -modcacherw")
            // Some modules ship a go.work naming directories their zip leaves out.
            .env("GOWORK", "off")
            // The installed Go; a module needing a newer one must fail, not download one.
            .env("GOTOOLCHAIN", "local")
    }

    /// Where the outputs of `module`'s last run go.
    pub fn outputs(&self, module: &Module) -> Result<PathBuf, String> {
        let dir = self.root.join("out").join(module.name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(dir)
    }

    /// The working copy of `module` with its dependencies in the scratch module cache,
    /// fetching whatever an earlier run did not finish.
    pub fn prepare(&self, module: &Module) -> Result<PathBuf, String> {
        let src = self.root.join("src");
        let dir = src.join(format!("{}-{}", module.name, module.version));
        let ready = src.join(format!("{}-{}.ready", module.name, module.version));
        if ready.is_file() && dir.is_dir() {
            return Ok(dir);
        }
        let query = format!("{}@{}", module.path, module.version);
        eprintln!("corpus: {}: go mod download {query}", module.name);
        let mut download = Command::new("go");
        download.args(["mod", "download", "-json", &query]);
        let output = self
            .go_env(&mut download, &self.root)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("go mod download: {e}"))?;
        // On failure too the go command prints the JSON object, with an Error field.
        let info: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
            format!(
                "go mod download {query}: {}; unreadable output ({e}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )
        })?;
        if let Some(error) = info.get("Error").and_then(serde_json::Value::as_str) {
            return Err(format!("go mod download {query}: {error}"));
        }
        let Some(source) = info.get("Dir").and_then(serde_json::Value::as_str) else {
            return Err(format!("go mod download {query}: no Dir in its output"));
        };
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        copy_tree(Path::new(source), &dir)?;

        // With no arguments: the modules needed to build and test the packages of the main
        // module, which is what both `go vet ./...` and `check ./...` load.
        eprintln!("corpus: {}: go mod download (dependencies)", module.name);
        let mut deps = Command::new("go");
        deps.args(["mod", "download"]);
        let output = self
            .go_env(&mut deps, &dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("go mod download: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "go mod download in {}: {}: {}",
                dir.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        std::fs::write(&ready, format!("{query}\n"))
            .map_err(|e| format!("{}: {e}", ready.display()))?;
        Ok(dir)
    }
}

/// Copies a module's extracted source, which the module cache keeps read-only, into a
/// writable tree (the go command may rewrite go.mod and go.sum there).
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", source.display()))?;
        if kind.is_dir() {
            copy_tree(&source, &target)?;
        } else if kind.is_file() {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("{} -> {}: {e}", source.display(), target.display()))?;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644))
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
        // Module zips hold no symbolic links or other special files.
    }
    Ok(())
}
