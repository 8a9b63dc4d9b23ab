//! Differential test of the project model against the go command: `go-analyzer list -json
//! -deps std cmd` and `go list -e -json -deps std cmd` must agree on the set of packages and,
//! for each, on Dir, Name, GoFiles, CgoFiles, TestGoFiles, XTestGoFiles and Imports, for four
//! targets. Without a Go toolchain there is nothing to compare against; the test says so.

use std::{
    collections::BTreeMap,
    process::{Command, Stdio},
};

use serde_json::Value;

const TARGETS: &[(&str, &str)] = &[
    ("linux", "amd64"),
    ("windows", "amd64"),
    ("darwin", "arm64"),
    ("js", "wasm"),
];
const FIELDS: &[&str] = &[
    "Dir",
    "Name",
    "GoFiles",
    "CgoFiles",
    "TestGoFiles",
    "XTestGoFiles",
    "Imports",
];

fn packages(mut command: Command) -> BTreeMap<String, Value> {
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .expect("run the command");
    let stream = serde_json::Deserializer::from_slice(&output.stdout).into_iter::<Value>();
    let mut packages = BTreeMap::new();
    for value in stream {
        let value = value.expect("valid JSON objects");
        let path = value["ImportPath"].as_str().unwrap_or_default().to_string();
        // `bufio [cmd/compile]`: go list's variants of packages built with cmd/compile's PGO
        // profile. They are the same directories and files as the plain packages.
        if !path.contains(" [") {
            packages.insert(path, strip_variants(value));
        }
    }
    packages
}

/// Imports of the PGO variants (`fmt [cmd/compile]`) name the plain packages.
fn strip_variants(mut value: Value) -> Value {
    if let Some(Value::Array(imports)) = value.get_mut("Imports") {
        for import in imports.iter_mut() {
            if let Some(s) = import.as_str().and_then(|s| s.split(" [").next()) {
                *import = Value::String(s.to_string());
            }
        }
    }
    value
}

fn go_env(goos: &str, goarch: &str, name: &str) -> Option<String> {
    let output = Command::new("go")
        .args(["env", name])
        .env("GOOS", goos)
        .env("GOARCH", goarch)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Runs both listings in `dir` with `env` for every target and returns the differences.
fn compare(dir: &std::path::Path, patterns: &[&str], extra_env: &[(&str, String)]) -> Vec<String> {
    let mut report = Vec::new();
    for &(goos, goarch) in TARGETS {
        let cgo = go_env(goos, goarch, "CGO_ENABLED").unwrap_or_default();
        let mut env: Vec<(&str, String)> = vec![
            ("GOOS", goos.into()),
            ("GOARCH", goarch.into()),
            ("CGO_ENABLED", cgo.clone()),
            ("GOFLAGS", String::new()),
        ];
        env.extend(extra_env.iter().cloned());
        let mut go = Command::new("go");
        go.args(["list", "-e", "-json", "-deps"])
            .args(patterns)
            .current_dir(dir)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        let mut ours = Command::new(env!("CARGO_BIN_EXE_go-analyzer"));
        ours.args(["list", "-json", "-deps"])
            .args(patterns)
            .current_dir(dir)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        let (expected, actual) = (packages(go), packages(ours));
        let mut differences = Vec::new();
        for path in expected.keys().filter(|p| !actual.contains_key(*p)) {
            differences.push(format!("missing package {path}"));
        }
        for path in actual.keys().filter(|p| !expected.contains_key(*p)) {
            differences.push(format!("extra package {path}"));
        }
        for (path, want) in &expected {
            let Some(got) = actual.get(path) else {
                continue;
            };
            for field in FIELDS {
                let empty = Value::Null;
                let (w, g) = (
                    want.get(*field).unwrap_or(&empty),
                    got.get(*field).unwrap_or(&empty),
                );
                if w != g {
                    differences.push(format!("{path} {field}: go list {w} vs ours {g}"));
                }
            }
            for field in ["Path", "Version", "Dir", "GoVersion"] {
                let (w, g) = (&want["Module"][field], &got["Module"][field]);
                if w != g {
                    differences.push(format!("{path} Module.{field}: go list {w} vs ours {g}"));
                }
            }
        }
        eprintln!(
            "{} {goos}/{goarch} (CGO_ENABLED={cgo}): {} packages from go list, {} from us, {} differences",
            dir.display(),
            expected.len(),
            actual.len(),
            differences.len()
        );
        for d in differences.iter().take(40) {
            eprintln!("  {d}");
        }
        report.extend(
            differences
                .into_iter()
                .map(|d| format!("{goos}/{goarch}: {d}")),
        );
    }
    report
}

#[test]
fn list_agrees_with_go_list() {
    if go_env("linux", "amd64", "GOROOT").is_none() {
        eprintln!("no go command: nothing to compare against");
        return;
    }
    let report = compare(&std::env::temp_dir(), &["std", "cmd"], &[]);
    assert!(
        report.is_empty(),
        "{} differences with go list (see above)",
        report.len()
    );
}

/// The fixture workspace of test-fixtures/project: a go.work with two main modules, replace
/// directives, a fake module cache (MVS, `!` escaping, nested modules), a vendored module, and
/// build-tagged files. Offline: GOPROXY=off, and the cache is the fixture's.
#[test]
fn list_agrees_with_go_list_on_modules() {
    if go_env("linux", "amd64", "GOROOT").is_none() {
        eprintln!("no go command: nothing to compare against");
        return;
    }
    let project =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/project");
    let project = project.canonicalize().expect("fixture exists");
    let env = [
        ("GOENV", "off".to_string()),
        ("GOWORK", String::new()),
        ("GOTOOLCHAIN", "local".to_string()),
        ("GOPROXY", "off".to_string()),
        (
            "GOMODCACHE",
            project.join("gomodcache").to_string_lossy().into_owned(),
        ),
    ];
    let mut report = compare(
        &project.join("workspace"),
        &["./app/...", "./lib/..."],
        &env,
    );
    report.extend(compare(&project.join("vendored"), &["./..."], &env));
    assert!(
        report.is_empty(),
        "{} differences with go list (see above)",
        report.len()
    );
}
