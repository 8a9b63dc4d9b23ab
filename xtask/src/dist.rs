//! `cargo xtask dist`: the release binary, and the VS Code extension packaged around it.
//!
//! Builds `go-analyzer` with `--release` (or takes the binary given with `--server PATH`, to
//! package a debug build while iterating on the extension), checks that it runs and that its version is
//! the extension's, bundles the extension with esbuild, copies the binary into the extension as
//! `server/go-analyzer` and packages a platform-specific `.vsix` with `@vscode/vsce` into
//! `target/dist/`. npm's packages come from `editors/vscode/package-lock.json` (`npm ci`).
//!
//! Usage: `cargo xtask dist [--server PATH]`

use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// Runs the task from the workspace root `root`; returns the path of the `.vsix`.
pub fn run(root: &Path, args: &[String]) -> Result<PathBuf, String> {
    let mut server: Option<PathBuf> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--server" => match rest.next() {
                Some(path) => server = Some(PathBuf::from(path)),
                None => return Err("--server needs a path".into()),
            },
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: cargo xtask dist [--server PATH]"
                ));
            }
        }
    }
    let platform = vscode_platform()?;
    let extension = root.join("editors/vscode");

    let server = match server {
        Some(path) => path,
        None => {
            run_cmd(Command::new(env!("CARGO")).current_dir(root).args([
                "build",
                "--release",
                "--locked",
                "-p",
                "go-analyzer",
            ]))?;
            root.join("target/release").join(binary_name())
        }
    };
    let server = std::fs::canonicalize(&server)
        .map_err(|e| format!("the server binary {}: {e}", server.display()))?;

    // The binary must run here, and be the version the extension says it ships.
    let output = Command::new(&server)
        .arg("--version")
        .output()
        .map_err(|e| format!("running {} --version: {e}", server.display()))?;
    let version_line = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let server_version = version_line
        .strip_prefix("go-analyzer ")
        .ok_or_else(|| format!("{} --version printed {version_line:?}", server.display()))?;
    let manifest = std::fs::read_to_string(extension.join("package.json"))
        .map_err(|e| format!("editors/vscode/package.json: {e}"))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).map_err(|e| format!("editors/vscode/package.json: {e}"))?;
    let extension_version = manifest["version"].as_str().unwrap_or_default();
    if extension_version != server_version {
        return Err(format!(
            "the extension's version ({extension_version}, editors/vscode/package.json) is not the server's ({server_version}): bump them together"
        ));
    }

    if !extension.join("node_modules/.bin/vsce").exists() {
        run_cmd(Command::new("npm").current_dir(&extension).args([
            "ci",
            "--no-audit",
            "--no-fund",
        ]))?;
    }
    run_cmd(
        Command::new("npm")
            .current_dir(&extension)
            .args(["run", "--silent", "build"]),
    )?;

    let bundled_dir = extension.join("server");
    let _ = std::fs::remove_dir_all(&bundled_dir);
    std::fs::create_dir_all(&bundled_dir).map_err(|e| format!("{}: {e}", bundled_dir.display()))?;
    let bundled = bundled_dir.join(binary_name());
    std::fs::copy(&server, &bundled)
        .map_err(|e| format!("copying {} into the extension: {e}", server.display()))?;
    make_executable(&bundled)?;

    let dist = root.join("target/dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let vsix = dist.join(format!("go-analyzer-{platform}.vsix"));
    let packaged = run_cmd(
        Command::new(extension.join("node_modules/.bin/vsce"))
            .current_dir(&extension)
            .args([
                "package",
                "--no-dependencies",
                "--target",
                &platform,
                "--out",
            ])
            .arg(&vsix),
    );
    // The copy is only for packaging: a stale binary left in the tree would be shipped by the
    // next `vsce package` run by hand.
    let _ = std::fs::remove_dir_all(&bundled_dir);
    packaged?;
    println!(
        "{} ({version_line}, {platform}, {} from {})",
        vsix.display(),
        binary_name(),
        server.display()
    );
    Ok(vsix)
}

fn binary_name() -> &'static str {
    if cfg!(windows) {
        "go-analyzer.exe"
    } else {
        "go-analyzer"
    }
}

/// The VS Code target platform of this machine, as `vsce --target` names it.
fn vscode_platform() -> Result<String, String> {
    let os = match std::env::consts::OS {
        "linux" => "linux",
        "macos" => "darwin",
        "windows" => "win32",
        other => return Err(format!("no VS Code platform for OS {other}")),
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => return Err(format!("no VS Code platform for architecture {other}")),
    };
    Ok(format!("{os}-{arch}"))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), String> {
    Ok(())
}

fn run_cmd(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command.status().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed: {status}"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn platform_is_one_vsce_knows() {
        let platform = super::vscode_platform().unwrap();
        let known = [
            "linux-x64",
            "linux-arm64",
            "darwin-x64",
            "darwin-arm64",
            "win32-x64",
            "win32-arm64",
        ];
        assert!(known.contains(&platform.as_str()), "{platform}");
    }
}
