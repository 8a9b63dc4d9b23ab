//! `cargo xtask vs-gopls`: go-analyzer's hover and go to definition against gopls', on a fixed
//! sample of identifiers from std (issue 6's acceptance test: at least 98% of each equal),
//! and the hover and completion latency of both servers in net/http/server.go. Opt-in: it
//! needs the network once (to install gopls) and a few minutes. See docs/vs-gopls.md.
//!
//! - [`lsp`]: the LSP client that drives both servers over stdio;
//! - [`sample`]: the fixed sample of identifier positions;
//! - [`compare`]: what is compared, exactly, and the verdicts;
//! - [`latency`]: the hover and completion benchmark;
//! - [`report`]: tables, `--verbose`, `--json`, docs/vs-gopls.md.

mod compare;
mod latency;
mod lsp;
mod report;
mod sample;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use serde::Serialize;
use serde_json::json;

use compare::{Answer, Verdict};
use lsp::{Client, Reply, file_uri};
use sample::Sample;

const USAGE: &str = "usage: cargo xtask vs-gopls [--server PATH] [--gopls PATH] [--per-package N] \
                     [--seed N] [--verbose] [--mismatches N] [--json FILE] [--no-latency | \
                     --latency-only] [--timeout SECS] [--write]";

const DEFAULT_PER_PACKAGE: usize = 120;
const DEFAULT_SEED: u64 = 6;
const DEFAULT_TIMEOUT: u64 = 300;
/// Timed positions of the latency bench, and untimed warm-up positions before them.
const LATENCY_POSITIONS: usize = 200;
const LATENCY_WARM_UP: usize = 10;
/// Time given to a request once the file's package has answered once.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

struct Options {
    server: Option<PathBuf>,
    gopls: Option<PathBuf>,
    per_package: usize,
    seed: u64,
    verbose: bool,
    mismatches: usize,
    json: Option<String>,
    latency: bool,
    /// `false` with `--latency-only`.
    differential: bool,
    timeout: u64,
    write: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        server: None,
        gopls: None,
        per_package: DEFAULT_PER_PACKAGE,
        seed: DEFAULT_SEED,
        verbose: false,
        mismatches: 20,
        json: None,
        latency: true,
        differential: true,
        timeout: DEFAULT_TIMEOUT,
        write: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name} takes a number\n{USAGE}"))
        };
        match arg.as_str() {
            "--server" => o.server = Some(absolute(&value("--server")?)?),
            "--gopls" => o.gopls = Some(absolute(&value("--gopls")?)?),
            "--per-package" => {
                o.per_package = number("--per-package", value("--per-package")?)? as usize
            }
            "--seed" => o.seed = number("--seed", value("--seed")?)?,
            "--verbose" | "-v" => o.verbose = true,
            "--mismatches" => {
                o.mismatches = number("--mismatches", value("--mismatches")?)? as usize
            }
            "--json" => o.json = Some(value("--json")?),
            "--no-latency" => o.latency = false,
            "--latency-only" => o.differential = false,
            "--timeout" => o.timeout = number("--timeout", value("--timeout")?)?,
            "--write" => o.write = true,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if !o.latency && !o.differential {
        return Err(format!(
            "--no-latency and --latency-only leave nothing to do\n{USAGE}"
        ));
    }
    if o.write && !o.differential {
        return Err(format!(
            "--write needs the differential test: docs/vs-gopls.md has both\n{USAGE}"
        ));
    }
    Ok(o)
}

/// The servers run in GOROOT/src: a relative path is made absolute from where we are.
fn absolute(path: &str) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("{path}: {e}"))
}

/// The command line that reproduces a run's figures (no output options, no binaries).
fn command_line(o: &Options) -> String {
    let mut cmd = String::from("cargo xtask vs-gopls");
    if o.per_package != DEFAULT_PER_PACKAGE {
        cmd.push_str(&format!(" --per-package {}", o.per_package));
    }
    if o.seed != DEFAULT_SEED {
        cmd.push_str(&format!(" --seed {}", o.seed));
    }
    if !o.latency {
        cmd.push_str(" --no-latency");
    }
    if o.write {
        cmd.push_str(" --write");
    }
    cmd
}

/// One sampled position, both answers, and the verdicts.
#[derive(Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub sample: Sample,
    pub gopls: Answer,
    pub ours: Answer,
    pub hover: Verdict,
    pub definition: Verdict,
}

/// Everything a report is made of.
pub struct Run {
    pub command: String,
    pub per_package: usize,
    pub goroot: PathBuf,
    pub go_version: String,
    pub gopls_version: String,
    /// Which go-analyzer: the commit it was built from, or the `--server` path.
    pub ours: String,
    pub rows: Vec<Row>,
    pub latency: Vec<latency::Latency>,
    /// Peak memory (KB) of each server's process tree over the run, gopls first.
    pub peak_kb: (u64, u64),
    pub load: (String, String),
    pub elapsed: Duration,
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let o = parse_args(args)?;
    let started = Instant::now();
    let load_before = load_average();
    let goroot = go_env("GOROOT")?;
    let work = root.join("target/vs-gopls");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let gopls = match &o.gopls {
        Some(path) => path.clone(),
        None => install_gopls(&work)?,
    };
    // Read before the build, which compiles the tree as it is now.
    let ours_label = match &o.server {
        Some(path) => format!("`{}`", path.display()),
        None => built_from(root),
    };
    let ours = match &o.server {
        Some(path) => path.clone(),
        None => build_ours(root)?,
    };
    let mut rng = sample::Rng::new(o.seed);
    let mut samples = Vec::new();
    for package in sample::PACKAGES.iter().filter(|_| o.differential) {
        let files = sample::package_files(&goroot, package)?;
        samples.extend(sample::sample_package(
            package,
            &files,
            o.per_package,
            &mut rng,
        )?);
    }

    // Both servers see GOROOT/src as the workspace: the std module, whose packages the sample
    // is taken from.
    let src = goroot.join("src");
    let wait = Duration::from_secs(o.timeout);
    let mut gopls_client = Client::start("gopls", &gopls, &[], &src, &work.join("gopls.log"))?;
    let mut ours_client = Client::start(
        "go-analyzer",
        &ours,
        &["lsp"],
        &src,
        &work.join("go-analyzer.log"),
    )?;
    let rows = differential(&mut gopls_client, &mut ours_client, &samples, wait)?;

    let mut latencies = Vec::new();
    if o.latency {
        let file = src.join("net/http/server.go");
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut rng = sample::Rng::new(o.seed);
        let picked = sample::sample_package(
            "net/http",
            std::slice::from_ref(&file),
            LATENCY_POSITIONS + LATENCY_WARM_UP,
            &mut rng,
        )?;
        // Every (LATENCY_POSITIONS / LATENCY_WARM_UP + 1)th pick warms up; the rest are timed.
        let every = LATENCY_POSITIONS / LATENCY_WARM_UP + 1;
        let mut warm = Vec::new();
        let mut timed = Vec::new();
        for (i, s) in picked.into_iter().enumerate() {
            if i % every == 0 {
                warm.push(s);
            } else {
                timed.push(s);
            }
        }
        for client in [&mut gopls_client, &mut ours_client] {
            eprintln!("vs-gopls: latency of {}: warming up", client.name);
            latency::warm_up(client, &file, &text, &warm, wait)?;
        }
        eprintln!("vs-gopls: latency of gopls");
        latencies.push(latency::measure(
            &mut gopls_client,
            &mut ours_client,
            &file,
            &timed,
        ));
        eprintln!("vs-gopls: latency of go-analyzer");
        latencies.push(latency::measure(
            &mut ours_client,
            &mut gopls_client,
            &file,
            &timed,
        ));
        for client in [&mut gopls_client, &mut ours_client] {
            client.did_close(&file)?;
        }
    }
    let peak_kb = (gopls_client.peak_kb(), ours_client.peak_kb());
    gopls_client.stop();
    ours_client.stop();

    let run = Run {
        command: command_line(&o),
        per_package: o.per_package,
        go_version: go_version(),
        gopls_version: gopls_version(&gopls),
        ours: ours_label,
        goroot,
        rows,
        latency: latencies,
        peak_kb,
        load: (load_before, load_average()),
        elapsed: started.elapsed(),
    };
    if o.verbose {
        print!("{}", report::mismatches(&run, o.mismatches));
        println!();
    }
    print!("{}", report::summary(&run));
    if let Some(path) = &o.json {
        std::fs::write(path, report::json(&run))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    if o.write {
        let docs = root.join("docs/vs-gopls.md");
        std::fs::write(&docs, report::docs(&run))
            .map_err(|e| format!("{}: {e}", docs.display()))?;
        println!("\nwrote docs/vs-gopls.md");
    }
    Ok(())
}

/// Asks both servers about every sample, one file at a time (opened once, every position
/// asked, closed), and compares.
fn differential(
    gopls: &mut Client,
    ours: &mut Client,
    samples: &[Sample],
    wait: Duration,
) -> Result<Vec<Row>, String> {
    let mut by_file: BTreeMap<&Path, Vec<&Sample>> = BTreeMap::new();
    for s in samples {
        by_file.entry(&s.file).or_default().push(s);
    }
    let mut answers: BTreeMap<(&Path, u32, u32), (Answer, Answer)> = BTreeMap::new();
    for (file, here) in &by_file {
        eprintln!("vs-gopls: {}: {} sampled", file.display(), here.len());
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let gopls_answers = ask_file(gopls, file, &text, here, wait)?;
        let ours_answers = ask_file(ours, file, &text, here, wait)?;
        for ((s, g), a) in here.iter().zip(gopls_answers).zip(ours_answers) {
            answers.insert((file, s.line, s.character), (g, a));
        }
    }
    Ok(samples
        .iter()
        .map(|s| {
            let (gopls, ours) = answers
                .remove(&(s.file.as_path(), s.line, s.character))
                .unwrap_or_default();
            Row {
                hover: compare::hover_verdict(&gopls, &ours),
                definition: compare::definition_verdict(&gopls, &ours),
                sample: s.clone(),
                gopls,
                ours,
            }
        })
        .collect())
}

/// Opens `file` in `client`, asks hover and definition at each sample, closes it. The first
/// request waits for the server to load the package: it is asked again while it fails, up to
/// `wait`.
fn ask_file(
    client: &mut Client,
    file: &Path,
    text: &str,
    samples: &[&Sample],
    wait: Duration,
) -> Result<Vec<Answer>, String> {
    client.did_open(file, text)?;
    let mut answers = Vec::new();
    for (i, s) in samples.iter().enumerate() {
        let params = json!({
            "textDocument": { "uri": file_uri(file) },
            "position": { "line": s.line, "character": s.character },
        });
        let hover = if i == 0 {
            first_answer(client, "textDocument/hover", &params, wait)
        } else {
            client.request("textDocument/hover", params.clone(), REQUEST_TIMEOUT)
        };
        let definition = client.request("textDocument/definition", params, REQUEST_TIMEOUT);
        if matches!(hover, Reply::Gone) || matches!(definition, Reply::Gone) {
            return Err(format!(
                "{} exited; see target/vs-gopls/{0}.log",
                client.name
            ));
        }
        answers.push(Answer::from_replies(&hover, &definition));
    }
    client.did_close(file)?;
    Ok(answers)
}

fn first_answer(
    client: &mut Client,
    method: &str,
    params: &serde_json::Value,
    wait: Duration,
) -> Reply {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match client.request(method, params.clone(), left) {
            Reply::Error { .. } if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(500))
            }
            other => return other,
        }
    }
}

/// `target/vs-gopls/bin/gopls`, installed with `go install golang.org/x/tools/gopls@latest`
/// when missing. gopls' newest release may need a newer go than the local toolchain; the go
/// command then fetches that toolchain (`GOTOOLCHAIN=auto`) to build it, and gopls still runs
/// the local go (from PATH) to load packages.
fn install_gopls(work: &Path) -> Result<PathBuf, String> {
    let bin = work.join("bin");
    let gopls = bin.join("gopls");
    if gopls.exists() {
        return Ok(gopls);
    }
    for toolchain in [None, Some("auto")] {
        eprintln!("vs-gopls: go install golang.org/x/tools/gopls@latest");
        let mut cmd = Command::new("go");
        cmd.args(["install", "golang.org/x/tools/gopls@latest"])
            .env("GOBIN", &bin);
        if let Some(t) = toolchain {
            cmd.env("GOTOOLCHAIN", t);
        }
        let out = cmd.output().map_err(|e| format!("go install: {e}"))?;
        if out.status.success() && gopls.exists() {
            return Ok(gopls);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if toolchain.is_some() || !stderr.contains("requires go >=") {
            return Err(format!("go install gopls failed: {}", stderr.trim()));
        }
        eprintln!("vs-gopls: {}; again with GOTOOLCHAIN=auto", stderr.trim());
    }
    Err("go install gopls failed".into())
}

fn build_ours(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "go-analyzer"])
        .current_dir(root)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("cargo build --release -p go-analyzer failed".into());
    }
    Ok(root.join("target/release/go-analyzer"))
}

/// The commit the release binary was built from, and whether the crates had changes on top.
fn built_from(root: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]);
    let dirty = !git(&["status", "--porcelain", "--", "crates"]).is_empty();
    format!(
        "built from {commit}{}",
        if dirty {
            " with uncommitted changes in crates/"
        } else {
            ""
        }
    )
}

fn go_env(name: &str) -> Result<PathBuf, String> {
    let out = Command::new("go")
        .args(["env", name])
        .output()
        .map_err(|e| format!("go env {name}: {e}"))?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if value.is_empty() {
        return Err(format!("go env {name} is empty"));
    }
    Ok(PathBuf::from(value))
}

fn go_version() -> String {
    Command::new("go")
        .arg("version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown go version".into())
}

/// `gopls version`'s first line (`golang.org/x/tools/gopls v0.24.0`).
fn gopls_version(gopls: &Path) -> String {
    Command::new(gopls)
        .arg("version")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .map(str::to_string)
        })
        .unwrap_or_else(|| "unknown gopls version".into())
}

/// The 1, 5 and 15-minute load averages: the machine is shared, and latency suffers first.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|| "unknown".into())
}
