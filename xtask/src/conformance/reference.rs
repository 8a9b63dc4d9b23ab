//! `--reference`: go/types itself, run by `xtask/gotypes-ref` (`go run`) over the same units,
//! its errors scored by our harness. go/types passes its own suite, so anything short of 100%
//! here is a bug in the harness.

use std::{
    collections::HashMap,
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use serde::{Deserialize, Serialize};

use super::{
    score::{Outcome, Reported, Status},
    units::Unit,
};

#[derive(Serialize)]
struct Request<'a> {
    unit: &'a str,
    files: Vec<(String, &'a str)>,
    lang: Option<&'a str>,
    gotypesalias: Option<&'a str>,
    fake_import_c: bool,
}

#[derive(Deserialize)]
struct Line {
    unit: String,
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: u32,
    #[serde(default)]
    col: u32,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    crash: Option<String>,
}

/// Runs go/types over `units`; results in the order of `units`.
pub fn run(root: &Path, goroot: &Path, units: &[Unit]) -> Result<Vec<Outcome>, String> {
    let mut input = String::new();
    for unit in units {
        let request = Request {
            unit: &unit.name,
            files: unit
                .files
                .iter()
                .map(|f| (f.path.to_string_lossy().into_owned(), f.name.as_str()))
                .collect(),
            lang: unit.flags.lang.as_deref(),
            gotypesalias: unit.flags.gotypesalias.as_deref(),
            fake_import_c: unit.flags.fake_import_c,
        };
        input.push_str(&serde_json::to_string(&request).map_err(|e| e.to_string())?);
        input.push('\n');
    }
    let go = goroot.join("bin/go");
    let go = if go.exists() { go } else { "go".into() };
    let mut child = Command::new(go)
        .args(["run", "."])
        .current_dir(root.join("xtask/gotypes-ref"))
        .env("CGO_ENABLED", "0")
        .env("GOWORK", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "")
        .env_remove("GODEBUG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run go: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "go run ./xtask/gotypes-ref failed ({})",
            output.status
        ));
    }

    let index: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    let mut results: Vec<Outcome> = units.iter().map(|_| (Status::Ok, Vec::new())).collect();
    for text in String::from_utf8_lossy(&output.stdout).lines() {
        let line: Line =
            serde_json::from_str(text).map_err(|e| format!("gotypes-ref said {text:?}: {e}"))?;
        let Some(&i) = index.get(line.unit.as_str()) else {
            return Err(format!(
                "gotypes-ref reported an unknown unit {}",
                line.unit
            ));
        };
        if let Some(crash) = line.crash {
            results[i].0 = Status::Crash(crash);
            continue;
        }
        let file = units[i].files.iter().position(|f| f.name == line.file);
        results[i].1.push(Reported {
            file,
            line: line.line,
            col: line.col,
            msg: line.msg,
        });
    }
    Ok(results)
}
