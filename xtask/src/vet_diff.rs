//! `cargo xtask vet-diff [std] [MODULE]... [--no-build] [--write]`: our analyzers against
//! `go vet` itself. For each target (the standard library, or a module of the corpus fetched
//! through the module proxy) it runs `go vet -json` and `go-analyzer check --format=json`, and
//! compares the sets of (file, line, analyzer) findings for the analyzers both have. Every
//! difference is listed, so that each one can be explained (a false positive of ours, or of
//! vet's) or fixed. `--write` puts the report in docs/vet-diff.md.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Instant,
};

use crate::corpus::{MODULES, fetch::Scratch};

/// go vet's suite in go1.26 (cmd/vet/main.go), by analyzer name.
const VET_SUITE: &[&str] = &[
    "appends",
    "asmdecl",
    "assign",
    "atomic",
    "bools",
    "buildtag",
    "cgocall",
    "composites",
    "copylocks",
    "defers",
    "directive",
    "errorsas",
    "framepointer",
    "httpresponse",
    "hostport",
    "ifaceassert",
    "loopclosure",
    "lostcancel",
    "nilfunc",
    "printf",
    "shift",
    "sigchanyzer",
    "slog",
    "stdmethods",
    "stdversion",
    "stringintconv",
    "structtag",
    "tests",
    "testinggoroutine",
    "timeformat",
    "unmarshal",
    "unreachable",
    "unsafeptr",
    "unusedresult",
    "waitgroup",
];

/// One finding, keyed as the comparison keys it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Finding {
    file: PathBuf,
    line: u64,
    analyzer: String,
    message: String,
}

/// One target's comparison.
struct Target {
    name: String,
    vet_seconds: f64,
    ours_seconds: f64,
    /// Per analyzer: (both, only vet, only ours).
    by_analyzer: BTreeMap<String, (usize, Vec<Finding>, Vec<Finding>)>,
    /// Packages go vet could not analyze (type errors), with its message.
    vet_errors: Vec<String>,
}

pub fn run(root: &Path, args: &[String]) -> Result<bool, String> {
    let mut targets = Vec::new();
    let (mut build, mut write) = (true, false);
    for arg in args {
        match arg.as_str() {
            "--no-build" => build = false,
            "--write" => write = true,
            "std" => targets.push("std".to_string()),
            name if MODULES.iter().any(|m| m.name == name) => targets.push(name.to_string()),
            other => {
                let names: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
                return Err(format!(
                    "unknown target {other:?} (want std or one of {})",
                    names.join(", ")
                ));
            }
        }
    }
    if targets.is_empty() {
        targets.push("std".to_string());
    }
    let binary = crate::corpus::release_binary(root, build)?;
    let ours: BTreeSet<&str> = analyzers::all().iter().map(|a| a.name).collect();
    let shared: BTreeSet<&str> = VET_SUITE
        .iter()
        .copied()
        .filter(|n| ours.contains(n))
        .collect();
    let mut results = Vec::new();
    for target in &targets {
        eprintln!("vet-diff: {target}");
        results.push(compare_target(root, &binary, target, &shared)?);
    }
    let report = markdown(&results, &shared);
    print!("{report}");
    if write {
        let path = root.join("docs/vet-diff.md");
        std::fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(results.iter().all(|t| {
        t.by_analyzer
            .values()
            .all(|(_, vet, ours)| vet.is_empty() && ours.is_empty())
    }))
}

fn compare_target(
    root: &Path,
    binary: &Path,
    target: &str,
    shared: &BTreeSet<&str>,
) -> Result<Target, String> {
    let (dir, pattern, scratch) = if target == "std" {
        let goroot = go_env("GOROOT")?;
        (PathBuf::from(goroot).join("src"), "std", None)
    } else {
        let module = MODULES
            .iter()
            .find(|m| m.name == target)
            .ok_or("no such module")?;
        let scratch = Scratch::new(root.join("target/corpus"))?;
        (scratch.prepare(module)?, "./...", Some(scratch))
    };
    let env = |cmd: &mut Command| {
        if let Some(scratch) = &scratch {
            scratch.go_env(cmd, &dir);
        } else {
            cmd.current_dir(&dir).env("GOTOOLCHAIN", "local");
        }
    };

    let started = Instant::now();
    let mut vet = Command::new("go");
    vet.args(["vet", "-json", pattern]);
    env(&mut vet);
    let vet_out = vet
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("go vet: {e}"))?;
    let vet_seconds = started.elapsed().as_secs_f64();
    // The findings go to stdout or stderr depending on the go command's version: read both.
    let vet_text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&vet_out.stdout),
        String::from_utf8_lossy(&vet_out.stderr)
    );
    let (vet_findings, vet_errors) = parse_vet_json(&vet_text)?;

    let started = Instant::now();
    let mut check = Command::new(binary);
    check.args(["check", "--format=json", "--severity=hint", pattern]);
    env(&mut check);
    let check_out = check
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("go-analyzer check: {e}"))?;
    let ours_seconds = started.elapsed().as_secs_f64();
    if !matches!(check_out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "go-analyzer check {pattern} failed ({}): {}",
            check_out.status,
            String::from_utf8_lossy(&check_out.stderr).trim()
        ));
    }
    let our_findings = parse_ours(&String::from_utf8_lossy(&check_out.stdout), &dir)?;

    let keep = |f: &&Finding| shared.contains(f.analyzer.as_str());
    let key = |f: &Finding| (f.file.clone(), f.line, f.analyzer.clone());
    let vet_keys: BTreeSet<_> = vet_findings.iter().filter(keep).map(key).collect();
    let our_keys: BTreeSet<_> = our_findings.iter().filter(keep).map(key).collect();
    let mut by_analyzer: BTreeMap<String, (usize, Vec<Finding>, Vec<Finding>)> = shared
        .iter()
        .map(|a| (a.to_string(), (0, Vec::new(), Vec::new())))
        .collect();
    for k in vet_keys.intersection(&our_keys) {
        if let Some(entry) = by_analyzer.get_mut(&k.2) {
            entry.0 += 1;
        }
    }
    for f in vet_findings.iter().filter(keep) {
        if !our_keys.contains(&key(f))
            && let Some(entry) = by_analyzer.get_mut(&f.analyzer)
            && !entry.1.iter().any(|g| key(g) == key(f))
        {
            entry.1.push(f.clone());
        }
    }
    for f in our_findings.iter().filter(keep) {
        if !vet_keys.contains(&key(f))
            && let Some(entry) = by_analyzer.get_mut(&f.analyzer)
            && !entry.2.iter().any(|g| key(g) == key(f))
        {
            entry.2.push(f.clone());
        }
    }
    Ok(Target {
        name: if target == "std" {
            "std".into()
        } else {
            target.to_string()
        },
        vet_seconds,
        ours_seconds,
        by_analyzer,
        vet_errors,
    })
}

fn go_env(name: &str) -> Result<String, String> {
    let out = Command::new("go")
        .args(["env", name])
        .output()
        .map_err(|e| format!("go env: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `go vet -json`'s stream: per package a `# path` line and a JSON object mapping the package
/// to its analyzers' findings (`posn` is `file:line:col`), or to an `error`.
fn parse_vet_json(text: &str) -> Result<(Vec<Finding>, Vec<String>), String> {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let text = strip_headers(text);
    let stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    for value in stream {
        let value = value.map_err(|e| format!("go vet -json output: {e}"))?;
        let Some(packages) = value.as_object() else {
            continue;
        };
        for (package, analyzers) in packages {
            let Some(analyzers) = analyzers.as_object() else {
                continue;
            };
            for (analyzer, result) in analyzers {
                if let Some(error) = result.get("error") {
                    errors.push(format!("{package}: {analyzer}: {error}"));
                    continue;
                }
                for item in result.as_array().into_iter().flatten() {
                    let posn = item["posn"].as_str().unwrap_or("");
                    let mut parts = posn.rsplitn(3, ':');
                    let (_col, line, file) = (parts.next(), parts.next(), parts.next());
                    let (Some(line), Some(file)) = (line.and_then(|l| l.parse().ok()), file) else {
                        continue;
                    };
                    findings.push(Finding {
                        file: PathBuf::from(file),
                        line,
                        analyzer: analyzer.clone(),
                        message: item["message"].as_str().unwrap_or("").to_string(),
                    });
                }
            }
        }
    }
    Ok((findings, errors))
}

/// The text without go vet's `# package` header lines.
fn strip_headers(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Our JSON Lines, with paths made absolute against `dir` (where check ran).
fn parse_ours(text: &str, dir: &Path) -> Result<Vec<Finding>, String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("check output: {e}: {line}"))?;
        let source = v["source"].as_str().unwrap_or("");
        if source == "syntax" || source == "compiler" {
            continue;
        }
        out.push(Finding {
            file: dir.join(v["file"].as_str().unwrap_or("")),
            line: v["line"].as_u64().unwrap_or(0),
            analyzer: source.to_string(),
            message: v["message"].as_str().unwrap_or("").to_string(),
        });
    }
    Ok(out)
}

fn markdown(targets: &[Target], shared: &BTreeSet<&str>) -> String {
    let mut out = String::from("# Analyzers against go vet\n\n");
    out.push_str(
        "Generated by `cargo xtask vet-diff --write std cobra gin pgx zap prometheus` (or a \
         subset of those targets): `go vet -json` and `go-analyzer check --format=json \
         --severity=hint` on the same packages, findings compared as (file, line, analyzer) \
         for the analyzers both have. Test files are included on both sides.\n\n",
    );
    let missing: Vec<&str> = VET_SUITE
        .iter()
        .copied()
        .filter(|n| !shared.contains(n))
        .collect();
    out.push_str(&format!(
        "Compared analyzers ({}): {}.\n\nIn go vet's suite but not ours yet: {}.\n\n",
        shared.len(),
        shared.iter().copied().collect::<Vec<_>>().join(", "),
        if missing.is_empty() {
            "none".to_string()
        } else {
            missing.join(", ")
        }
    ));
    for t in targets {
        let both: usize = t.by_analyzer.values().map(|e| e.0).sum();
        let only_vet: usize = t.by_analyzer.values().map(|e| e.1.len()).sum();
        let only_ours: usize = t.by_analyzer.values().map(|e| e.2.len()).sum();
        out.push_str(&format!(
            "## {}\n\ngo vet {:.1} s, go-analyzer {:.1} s (wall, this run; go vet's build cache \
             as it was). Findings in both: **{both}**; only go vet: **{only_vet}**; only ours: \
             **{only_ours}**.\n\n",
            t.name, t.vet_seconds, t.ours_seconds
        ));
        out.push_str("| analyzer | both | only go vet | only ours |\n|---|---|---|---|\n");
        for (name, (both, vet, ours)) in &t.by_analyzer {
            if *both + vet.len() + ours.len() > 0 {
                out.push_str(&format!(
                    "| {name} | {both} | {} | {} |\n",
                    vet.len(),
                    ours.len()
                ));
            }
        }
        out.push('\n');
        for (name, (_, vet, ours)) in &t.by_analyzer {
            for (side, list) in [("only go vet", vet), ("only ours", ours)] {
                if list.is_empty() {
                    continue;
                }
                out.push_str(&format!("{name}, {side}:\n\n"));
                for f in list.iter().take(25) {
                    out.push_str(&format!(
                        "- `{}:{}`: {}\n",
                        f.file.display(),
                        f.line,
                        f.message
                    ));
                }
                if list.len() > 25 {
                    out.push_str(&format!("- ... and {} more\n", list.len() - 25));
                }
                out.push('\n');
            }
        }
        if !t.vet_errors.is_empty() {
            out.push_str(&format!(
                "go vet could not analyze {} package(s) (type errors), e.g. {}\n\n",
                t.vet_errors.len(),
                t.vet_errors[0]
            ));
        }
    }
    out
}
