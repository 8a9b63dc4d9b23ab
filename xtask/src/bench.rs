//! `cargo xtask bench`: go-analyzer against the go command and go/types, in the same run, on
//! this machine.
//!
//! Builds the release binary and `xtask/bench-gotypes` (go/types over std, the like-for-like
//! competitor of `go-analyzer check`), then times each command (median of three runs, or one
//! run for a command that takes over [`SLOW`], to keep the whole bench near ten minutes; wall
//! clock; peak memory from the `VmHWM` of every process in the command's tree, read from
//! /proc, so Linux only) and writes the tables, with the exact commands, to
//! docs/benchmarks.md. Benchmarks, never timed tests: numbers depend on the machine and are
//! reported, not asserted.

mod report;

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// The go build cache a command runs with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cache {
    /// The user's, as the environment says.
    Inherit,
    /// The bench's own cache directory, emptied before every run.
    Cold,
    /// The bench's own cache directory as the previous command left it.
    Warm,
}

/// One command to time.
struct Cmd {
    argv: Vec<String>,
    cache: Cache,
}

impl Cmd {
    fn new(argv: &[&str], cache: Cache) -> Cmd {
        Cmd {
            argv: argv.iter().map(|a| a.to_string()).collect(),
            cache,
        }
    }
}

/// Runs of a command, of which the median is reported.
const RUNS: usize = 3;

/// A command whose first run takes longer than this is run once: `go vet std` from an empty
/// build cache takes minutes, and `go-analyzer check std` is not yet fast either.
const SLOW: Duration = Duration::from_secs(20);

/// A timed command.
struct Measured {
    /// As a reader types it (binaries by name, the cache as `GOCACHE=...`).
    shown: String,
    wall: Duration,
    peak_kb: u64,
    runs: usize,
    /// The exit status of a run that did not succeed, if any did not.
    failed: Option<String>,
    /// For `check`: the diagnostics of the last run.
    diagnostics: Option<usize>,
}

/// Two commands doing the same job, ours first.
struct Pair<'a> {
    name: &'static str,
    ours: &'a Measured,
    theirs: &'a Measured,
}

pub fn run(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    if !dev_null_ok() {
        return Err("/dev/null is not the null device; restore it first".into());
    }
    let load_before = load_average();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "go-analyzer"])
        .current_dir(root)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("cargo build --release failed".into());
    }
    let gotypes = root.join("target/bench-gotypes");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&gotypes)
        .arg(".")
        .current_dir(root.join("xtask/bench-gotypes"))
        .env("GOWORK", "off")
        .env("GOTOOLCHAIN", "local")
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("go build of xtask/bench-gotypes failed".into());
    }
    let bench = Bench {
        root,
        binary: root.join("target/release/go-analyzer"),
        gotypes,
        cache: std::env::temp_dir()
            .join(format!("go-analyzer-bench-gocache-{}", std::process::id())),
    };
    let result = bench.measure_all(started, load_before);
    let _ = std::fs::remove_dir_all(&bench.cache);
    let report = result?;
    print!("{report}");
    std::fs::create_dir_all(root.join("docs")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("docs/benchmarks.md"), report).map_err(|e| e.to_string())
}

struct Bench<'a> {
    root: &'a Path,
    binary: PathBuf,
    gotypes: PathBuf,
    /// The go build cache of the cold and warm cases.
    cache: PathBuf,
}

impl Bench<'_> {
    fn measure_all(&self, started: Instant, load_before: String) -> Result<String, String> {
        let ga = "go-analyzer";
        let gt = "bench-gotypes";
        // Loading packages: the go command with an empty build cache (its package index
        // lives there), every run.
        let list_deps = self.measure(Cmd::new(&[ga, "list", "-deps", "std"], Cache::Inherit))?;
        let go_list_deps = self.measure(Cmd::new(&["go", "list", "-deps", "std"], Cache::Cold))?;
        let list_json = self.measure(Cmd::new(
            &[ga, "list", "-json", "-deps", "std", "cmd"],
            Cache::Inherit,
        ))?;
        let go_list_json = self.measure(Cmd::new(
            &["go", "list", "-e", "-json", "-deps", "std", "cmd"],
            Cache::Cold,
        ))?;
        // Type checking.
        let check_plain = self.measure(Cmd::new(
            &[ga, "check", "--tests=false", "std"],
            Cache::Inherit,
        ))?;
        let gotypes_plain = self.measure(Cmd::new(&[gt], Cache::Inherit))?;
        let check_tests = self.measure(Cmd::new(&[ga, "check", "std"], Cache::Inherit))?;
        let gotypes_tests = self.measure(Cmd::new(&[gt, "-tests"], Cache::Inherit))?;
        // go vet from an empty cache takes minutes (so runs once); the warm runs use the cache
        // it filled.
        let vet_cold = self.measure(Cmd::new(&["go", "vet", "std"], Cache::Cold))?;
        let vet_warm = self.measure(Cmd::new(&["go", "vet", "std"], Cache::Warm))?;
        let loading = [
            Pair {
                name: "resolve std with all dependencies",
                ours: &list_deps,
                theirs: &go_list_deps,
            },
            Pair {
                name: "resolve std and cmd, -json",
                ours: &list_json,
                theirs: &go_list_json,
            },
        ];
        let checking = [
            Pair {
                name: "type-check std without tests, against go/types",
                ours: &check_plain,
                theirs: &gotypes_plain,
            },
            Pair {
                name: "type-check std with tests, against go/types",
                ours: &check_tests,
                theirs: &gotypes_tests,
            },
            Pair {
                name: "check std with tests, against go vet (empty build cache)",
                ours: &check_tests,
                theirs: &vet_cold,
            },
            Pair {
                name: "check std with tests, against go vet (warm build cache)",
                ours: &check_tests,
                theirs: &vet_warm,
            },
        ];
        Ok(report::render(&report::Inputs {
            machine: machine(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            go_version: go_version(),
            loading: &loading,
            checking: &checking,
            elapsed: started.elapsed(),
            load: (load_before, load_average()),
        }))
    }

    /// Times `cmd`: the median wall time of its runs, and the largest peak memory seen.
    fn measure(&self, cmd: Cmd) -> Result<Measured, String> {
        let program = match cmd.argv[0].as_str() {
            "go-analyzer" => self.binary.clone(),
            "bench-gotypes" => self.gotypes.clone(),
            other => PathBuf::from(other),
        };
        let shown = format!(
            "{}{}",
            match cmd.cache {
                Cache::Inherit => "",
                Cache::Cold => "GOCACHE=$(mktemp -d) ",
                Cache::Warm => "GOCACHE=<the directory the cold run filled> ",
            },
            cmd.argv.join(" ")
        );
        eprintln!("bench: {shown}");
        let mut walls = Vec::new();
        let mut peak_kb = 0;
        let mut failed = None;
        // `check` writes one line per diagnostic: count them (std should have none).
        let reports = cmd.argv[0] == "go-analyzer" && cmd.argv[1] == "check";
        let mut diagnostics = None;
        while walls.len() < RUNS && walls.first().is_none_or(|&w| w <= SLOW) {
            if cmd.cache == Cache::Cold {
                let _ = std::fs::remove_dir_all(&self.cache);
            }
            let mut command = Command::new(&program);
            command
                .args(&cmd.argv[1..])
                .current_dir(self.root)
                .stdout(if reports {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .stderr(Stdio::null());
            if cmd.cache != Cache::Inherit {
                command.env("GOCACHE", &self.cache);
            }
            let start = Instant::now();
            let mut child = command
                .spawn()
                .map_err(|e| format!("{}: {e}", program.display()))?;
            // The report is read as it comes, so that a full pipe never stalls the command.
            let counter = child.stdout.take().map(|mut out| {
                std::thread::spawn(move || {
                    let mut text = Vec::new();
                    let _ = std::io::Read::read_to_end(&mut out, &mut text);
                    text.iter().filter(|&&b| b == b'\n').count()
                })
            });
            let status = loop {
                peak_kb = peak_kb.max(tree_peak_kb(child.id()));
                match child.try_wait() {
                    Ok(Some(status)) => break status,
                    Ok(None) => std::thread::sleep(POLL),
                    Err(e) => return Err(e.to_string()),
                }
            };
            let wall = start.elapsed();
            if let Some(counter) = counter {
                diagnostics = counter.join().ok();
            }
            eprintln!(
                "bench:   {:.3} s, {} MB",
                wall.as_secs_f64(),
                peak_kb / 1024
            );
            walls.push(wall);
            if !status.success() {
                failed = Some(status.to_string());
            }
        }
        let runs = walls.len();
        walls.sort();
        Ok(Measured {
            shown,
            wall: walls[runs / 2],
            peak_kb,
            runs,
            failed,
            diagnostics,
        })
    }
}

/// How often the process tree's memory is sampled. `VmHWM` is a high-water mark, so a sample
/// loses nothing but the last few milliseconds of a process.
pub(crate) const POLL: Duration = Duration::from_millis(5);

/// The largest `VmHWM` (peak resident set size, KB) of `root` and its descendants now: what
/// `/usr/bin/time` reports as the maximum resident set size of a command (go vet's work is
/// done by the compilers and vet tools the go command starts).
pub(crate) fn tree_peak_kb(root: u32) -> u64 {
    let mut peak = 0;
    let mut stack = vec![root];
    while let Some(pid) = stack.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(kb) = vm_hwm(&status)
        {
            peak = peak.max(kb);
        }
        // Children are listed per thread.
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            if let Ok(children) = std::fs::read_to_string(task.path().join("children")) {
                stack.extend(
                    children
                        .split_whitespace()
                        .filter_map(|c| c.parse::<u32>().ok()),
                );
            }
        }
    }
    peak
}

fn dev_null_ok() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device())
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cpu}, {}", std::env::consts::OS)
}

/// The 1, 5 and 15-minute load averages: other work on a shared machine slows every command.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|| "unknown".into())
}

fn go_version() -> String {
    Command::new("go")
        .arg("version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown go version".into())
}
