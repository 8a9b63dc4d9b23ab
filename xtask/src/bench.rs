//! `cargo xtask bench`: go-analyzer against the go command, in the same run, on this machine.
//!
//! Builds the release binary, then times each pair of commands (median of a few runs, wall
//! clock; peak memory from the child's `VmHWM` in /proc, so Linux only) and writes the table,
//! with the exact commands, to docs/benchmarks.md. Benchmarks, never timed tests: numbers
//! depend on the machine and are reported, not asserted.

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

struct Case {
    name: &'static str,
    ours: Vec<String>,
    theirs: Vec<String>,
    /// Environment for the go command's side: a cold case gets an empty GOCACHE.
    cold_go_cache: bool,
}

pub fn run(root: &Path) -> Result<(), String> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "go-analyzer"])
        .current_dir(root)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("cargo build --release failed".into());
    }
    let binary = root.join("target/release/go-analyzer");
    let bin = binary.to_string_lossy().into_owned();
    let cases = [
        Case {
            name: "resolve std with all dependencies",
            ours: vec![bin.clone(), "list".into(), "-deps".into(), "std".into()],
            theirs: vec!["go".into(), "list".into(), "-deps".into(), "std".into()],
            cold_go_cache: true,
        },
        Case {
            name: "resolve std and cmd, -json",
            ours: vec![
                bin.clone(),
                "list".into(),
                "-json".into(),
                "-deps".into(),
                "std".into(),
                "cmd".into(),
            ],
            theirs: vec![
                "go".into(),
                "list".into(),
                "-e".into(),
                "-json".into(),
                "-deps".into(),
                "std".into(),
                "cmd".into(),
            ],
            cold_go_cache: true,
        },
    ];
    let mut table =
        String::from("| case | go-analyzer | go command | ratio |\n|---|---|---|---|\n");
    let mut commands = String::new();
    for case in &cases {
        let ours = measure(&case.ours, None)?;
        let cache =
            std::env::temp_dir().join(format!("go-analyzer-bench-gocache-{}", std::process::id()));
        let theirs = measure(&case.theirs, case.cold_go_cache.then_some(cache.as_path()))?;
        let _ = std::fs::remove_dir_all(&cache);
        let ratio = theirs.wall.as_secs_f64() / ours.wall.as_secs_f64().max(1e-9);
        table.push_str(&format!(
            "| {} | {:.3} s, {} MB | {:.3} s, {} MB | {ratio:.1}x faster |\n",
            case.name,
            ours.wall.as_secs_f64(),
            ours.peak_kb / 1024,
            theirs.wall.as_secs_f64(),
            theirs.peak_kb / 1024
        ));
        commands.push_str(&format!(
            "- {}: `{}` vs `{}{}`\n",
            case.name,
            case.ours.join(" ").replace(&bin, "go-analyzer"),
            if case.cold_go_cache {
                "GOCACHE=$(mktemp -d) "
            } else {
                ""
            },
            case.theirs.join(" ")
        ));
    }
    let report = format!(
        "# Benchmarks\n\nProduced by `cargo xtask bench` on {} ({} cores); median of 3 runs, wall clock and peak RSS.\n\n{table}\nCommands:\n{commands}",
        machine(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    print!("{report}");
    std::fs::create_dir_all(root.join("docs")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("docs/benchmarks.md"), report).map_err(|e| e.to_string())
}

struct Measurement {
    wall: Duration,
    peak_kb: u64,
}

/// Median wall time of three runs, and the largest peak memory seen.
fn measure(argv: &[String], go_cache: Option<&Path>) -> Result<Measurement, String> {
    let mut walls = Vec::new();
    let mut peak_kb = 0;
    for _ in 0..3 {
        if let Some(cache) = go_cache {
            // Cold: every run starts from an empty build cache (go list's package index lives
            // there).
            let _ = std::fs::remove_dir_all(cache);
        }
        let mut command = Command::new(&argv[0]);
        command
            .args(&argv[1..])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(cache) = go_cache {
            command.env("GOCACHE", cache);
        }
        let start = Instant::now();
        let mut child = command.spawn().map_err(|e| format!("{}: {e}", argv[0]))?;
        let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
        loop {
            if let Ok(status) = std::fs::read_to_string(&status_path)
                && let Some(kb) = vm_hwm(&status)
            {
                peak_kb = peak_kb.max(kb);
            }
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                Err(e) => return Err(e.to_string()),
            }
        }
        walls.push(start.elapsed());
    }
    walls.sort();
    Ok(Measurement {
        wall: walls[walls.len() / 2],
        peak_kb,
    })
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
