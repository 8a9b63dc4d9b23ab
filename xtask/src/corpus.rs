//! `cargo xtask corpus`: go-analyzer on five well-known open-source Go modules, fetched with
//! their dependencies through the module proxy, where the goal is zero diagnostics: the
//! modules compile (the go command's `go vet ./...` in the same directory shows it), so every
//! diagnostic we report is a false positive of ours. Opt-in and never part of `cargo test`: it
//! needs the network once, gigabytes of scratch space, and minutes. See docs/corpus.md.
//!
//! - [`fetch`]: the scratch module cache and each module's writable working copy, under
//!   target/corpus/ (nothing fetched is committed);
//! - [`report`]: the markdown table, `--json`, and the diagnostics grouped by message.

pub mod fetch;
mod report;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitStatus, Stdio},
    time::{Duration, Instant},
};

const USAGE: &str =
    "usage: cargo xtask corpus [--module NAME]... [--keep-going] [--json] [--no-build]";

/// One module of the corpus, pinned to an exact version so that figures stay comparable.
pub struct Module {
    /// Short name, for `--module` and the scratch directories.
    pub name: &'static str,
    pub path: &'static str,
    pub version: &'static str,
    pub kind: &'static str,
}

/// The corpus: one module of each kind. Versions are ones the module proxy serves and the
/// installed go command (go1.26) accepts; bump them together with docs/corpus.md.
pub const MODULES: &[Module] = &[
    Module {
        name: "cobra",
        path: "github.com/spf13/cobra",
        version: "v1.10.2",
        kind: "CLI library",
    },
    Module {
        name: "gin",
        path: "github.com/gin-gonic/gin",
        version: "v1.12.0",
        kind: "web framework",
    },
    Module {
        name: "pgx",
        path: "github.com/jackc/pgx/v5",
        version: "v5.12.0",
        kind: "database driver",
    },
    Module {
        name: "zap",
        path: "go.uber.org/zap",
        version: "v1.28.0",
        kind: "logging library",
    },
    Module {
        name: "prometheus",
        path: "github.com/prometheus/prometheus",
        version: "v0.316.0",
        kind: "large application",
    },
];

struct Options {
    only: Vec<String>,
    keep_going: bool,
    json: bool,
    build: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        only: Vec::new(),
        keep_going: false,
        json: false,
        build: true,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--module" => {
                let name = it
                    .next()
                    .ok_or_else(|| format!("--module needs a name\n{USAGE}"))?;
                if !MODULES.iter().any(|m| m.name == name) {
                    let names: Vec<_> = MODULES.iter().map(|m| m.name).collect();
                    return Err(format!(
                        "no module named {name}; the corpus has {}",
                        names.join(", ")
                    ));
                }
                o.only.push(name.clone());
            }
            "--keep-going" | "-k" => o.keep_going = true,
            "--json" => o.json = true,
            "--no-build" => o.build = false,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// How `go vet ./...` ended: whether the module compiles here (tests included), which is what
/// makes our diagnostics false positives.
pub enum VetStatus {
    /// Exit status 0.
    Clean,
    /// Compiles; vet's analyzers reported this many findings (not type errors).
    Findings(usize),
    /// This many type errors (`vet: file:line:col: ...`): the setup is wrong, or go.mod needs
    /// another Go.
    TypeErrors(usize),
    /// Failed before type checking (module resolution, a missing toolchain...): the first
    /// line of its output.
    Failed(String),
}

impl VetStatus {
    fn compiles(&self) -> bool {
        matches!(self, VetStatus::Clean | VetStatus::Findings(_))
    }
}

/// One diagnostic of ours, as `check --format=json` printed it.
pub struct Diagnostic {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub source: String,
    pub message: String,
}

/// The figures of one module.
pub struct Outcome {
    pub module: &'static Module,
    pub packages: usize,
    pub files: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Lines go-analyzer wrote to stderr (problems reading files).
    pub check_stderr: Vec<String>,
    pub check: Timed,
    pub vet_status: VetStatus,
    pub vet: Timed,
    /// Where our diagnostics are kept in full (relative to the workspace root).
    pub diagnostics_file: PathBuf,
}

impl Outcome {
    fn passed(&self) -> bool {
        self.diagnostics.is_empty() && self.vet_status.compiles()
    }
}

/// A finished command: exit status, wall time, and the peak resident memory of its whole
/// process tree.
pub struct Timed {
    pub status: ExitStatus,
    pub wall: Duration,
    pub peak_kb: u64,
}

pub fn run(root: &Path, args: &[String]) -> Result<bool, String> {
    let options = parse_args(args)?;
    let started = Instant::now();
    let binary = release_binary(root, options.build)?;
    let scratch = fetch::Scratch::new(root.join("target/corpus"))?;
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for module in MODULES
        .iter()
        .filter(|m| options.only.is_empty() || options.only.iter().any(|o| o == m.name))
    {
        match measure_module(root, &scratch, &binary, module) {
            Ok(outcome) => {
                let passed = outcome.passed();
                outcomes.push(outcome);
                if !passed && !options.keep_going {
                    break;
                }
            }
            Err(why) => {
                eprintln!("corpus: {}: {why}", module.name);
                errors.push(format!("{}: {why}", module.name));
                if !options.keep_going {
                    break;
                }
            }
        }
    }
    if options.json {
        println!("{}", report::json(&outcomes, &errors));
    } else {
        print!(
            "{}",
            report::markdown(&outcomes, &errors, &go_version(), started.elapsed())
        );
    }
    Ok(errors.is_empty() && outcomes.iter().all(Outcome::passed))
}

/// The release binary, built first when `build` (else it must exist).
pub fn release_binary(root: &Path, build: bool) -> Result<std::path::PathBuf, String> {
    if build {
        eprintln!("cargo build --release -p go-analyzer");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "go-analyzer"])
            .current_dir(root)
            .status()
            .map_err(|e| format!("cargo: {e}"))?;
        if !status.success() {
            return Err(format!("cargo build --release -p go-analyzer: {status}"));
        }
    }
    let binary = root.join("target/release/go-analyzer");
    if !binary.is_file() {
        return Err(format!(
            "{} is missing; build it (leave out --no-build)",
            binary.display()
        ));
    }
    Ok(binary)
}

/// Fetches `module`, then runs `go list`, `go vet` and our `check` in its working copy.
fn measure_module(
    root: &Path,
    scratch: &fetch::Scratch,
    binary: &Path,
    module: &'static Module,
) -> Result<Outcome, String> {
    let dir = scratch.prepare(module)?;
    let outputs = scratch.outputs(module)?;
    let (packages, files) = count_packages(scratch, &dir)?;

    // The go command first: with -mod=mod it would fetch anything `go mod download` left
    // out, so that a missing dependency can only be our setup's fault, never the checker's.
    eprintln!("corpus: {}: go vet ./...", module.name);
    let vet_out = outputs.join("vet.txt");
    let mut vet = Command::new("go");
    vet.args(["vet", "./..."]);
    let vet_timed = timed(scratch.go_env(&mut vet, &dir), &vet_out, &vet_out)?;
    let vet_text = read(&vet_out)?;
    let vet_status = vet_status(&vet_timed.status, &vet_text);
    eprintln!(
        "corpus:   {:.1} s, {} MB, {}",
        vet_timed.wall.as_secs_f64(),
        vet_timed.peak_kb / 1024,
        report::vet_cell(&vet_status)
    );

    eprintln!(
        "corpus: {}: go-analyzer check --format=json ./...",
        module.name
    );
    let diagnostics_file = outputs.join("diagnostics.jsonl");
    let stderr_file = outputs.join("check-stderr.txt");
    let mut check = Command::new(binary);
    // The checker's false positives only: the analyzers are compared with go vet's own
    // findings by `cargo xtask vet-diff`.
    check.args(["check", "--format=json", "--disable=all", "./..."]);
    let check_timed = timed(
        scratch.go_env(&mut check, &dir),
        &diagnostics_file,
        &stderr_file,
    )?;
    // 0: clean; 1: diagnostics; anything else (a panic's 101, a signal) is a crash.
    if !matches!(check_timed.status.code(), Some(0 | 1)) {
        let stderr = read(&stderr_file).unwrap_or_default();
        let tail: Vec<_> = stderr.lines().rev().take(5).collect();
        return Err(format!(
            "go-analyzer check crashed ({}): {}",
            check_timed.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ));
    }
    let diagnostics = parse_diagnostics(&read(&diagnostics_file)?)
        .map_err(|why| format!("{}: {why}", diagnostics_file.display()))?;
    let check_stderr: Vec<String> = read(&stderr_file)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    eprintln!(
        "corpus:   {:.1} s, {} MB, {} diagnostics",
        check_timed.wall.as_secs_f64(),
        check_timed.peak_kb / 1024,
        diagnostics.len()
    );
    Ok(Outcome {
        module,
        packages,
        files,
        diagnostics,
        check_stderr,
        check: check_timed,
        vet_status,
        vet: vet_timed,
        diagnostics_file: diagnostics_file
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or(diagnostics_file.clone()),
    })
}

/// Packages under `./...` and their Go files (tests included) for this GOOS/GOARCH, as `go
/// list` counts them.
fn count_packages(scratch: &fetch::Scratch, dir: &Path) -> Result<(usize, usize), String> {
    let mut list = Command::new("go");
    list.args([
        "list",
        "-e",
        "-f",
        "{{len .GoFiles}} {{len .CgoFiles}} {{len .TestGoFiles}} {{len .XTestGoFiles}}",
        "./...",
    ]);
    let output = scratch
        .go_env(&mut list, dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("go list: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "go list ./...: {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut packages = 0;
    let mut files = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        packages += 1;
        for count in line.split_whitespace() {
            files += count
                .parse::<usize>()
                .map_err(|_| format!("go list printed {line:?}, not four counts"))?;
        }
    }
    Ok((packages, files))
}

/// Runs `cmd` with stdout and stderr sent to files (the same file for both is fine), timing
/// it and sampling the peak memory of its process tree as `cargo xtask bench` does.
fn timed(cmd: &mut Command, stdout: &Path, stderr: &Path) -> Result<Timed, String> {
    let create =
        |path: &Path| std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()));
    let out = create(stdout)?;
    let err = if stderr == stdout {
        out.try_clone().map_err(|e| e.to_string())?
    } else {
        create(stderr)?
    };
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("{:?}: {e}", cmd.get_program()))?;
    let mut peak_kb = 0;
    let status = loop {
        peak_kb = peak_kb.max(crate::bench::tree_peak_kb(child.id()));
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(crate::bench::POLL),
            Err(e) => return Err(e.to_string()),
        }
    };
    Ok(Timed {
        status,
        wall: start.elapsed(),
        peak_kb,
    })
}

/// Classifies `go vet`'s output: type errors come as `vet: file:line:col: message` (after a
/// `# package` line), analyzer findings as plain `file:line:col: message`.
fn vet_status(status: &ExitStatus, output: &str) -> VetStatus {
    if status.success() {
        return VetStatus::Clean;
    }
    let positioned = |l: &str| {
        let mut parts = l.splitn(4, ':');
        let file = parts.next().unwrap_or("");
        let line = parts.next().unwrap_or("");
        file.ends_with(".go") && !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit())
    };
    let type_errors = output
        .lines()
        .filter(|l| l.strip_prefix("vet: ").is_some_and(positioned))
        .count();
    let findings = output.lines().filter(|l| positioned(l)).count();
    if type_errors > 0 {
        VetStatus::TypeErrors(type_errors)
    } else if findings > 0 {
        VetStatus::Findings(findings)
    } else {
        let first = output
            .lines()
            .find(|l| !l.starts_with('#') && !l.trim().is_empty())
            .unwrap_or("no output");
        VetStatus::Failed(format!("{status}: {first}"))
    }
}

fn parse_diagnostics(text: &str) -> Result<Vec<Diagnostic>, String> {
    let mut diagnostics = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| format!("line {}: {why}: {line}", n + 1);
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
        let text_field = |name: &str| {
            value
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| bad(&format!("no string field {name}")))
        };
        let number_field = |name: &str| {
            value
                .get(name)
                .and_then(serde_json::Value::as_u64)
                .ok_or_else(|| bad(&format!("no number field {name}")))
        };
        diagnostics.push(Diagnostic {
            file: text_field("file")?,
            line: number_field("line")?,
            column: number_field("column")?,
            source: text_field("source")?,
            message: text_field("message")?,
        });
    }
    Ok(diagnostics)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn go_version() -> String {
    Command::new("go")
        .arg("version")
        .env("GOTOOLCHAIN", "local")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown go version".into())
}
