//! `cargo xtask conformance`: the type checker against go/types' own test suite
//! (`$GOROOT/src/internal/types/testdata`), scored per unit at L1 (every expected error at its
//! exact position, nothing else) and L2 (and every message matching). See docs/conformance.md.
//!
//! - [`units`]: discovering units, their flags and their `ERROR` annotations;
//! - [`score`]: pairing reported errors with annotations, and the totals;
//! - [`worker`]: running our checker over units in worker processes (crashes, timeouts);
//! - [`reference`]: running go/types over the same units (`--reference`);
//! - [`report`]: tables, `--verbose`, `--json`, docs/conformance.md.

mod reference;
mod report;
mod score;
mod units;
mod worker;

use std::{path::Path, time::Duration};

use score::{Status, UnitScore};

const USAGE: &str = "usage: cargo xtask conformance [--filter SUBSTRING] [--verbose] [--json FILE] \
                     [--jobs N] [--timeout SECS] [--reference] [--write]";

struct Options {
    filter: Option<String>,
    verbose: bool,
    json: Option<String>,
    jobs: usize,
    timeout: u64,
    reference: bool,
    write: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        filter: None,
        verbose: false,
        json: None,
        jobs: 1,
        timeout: 10,
        reference: false,
        write: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--filter" => o.filter = Some(value("--filter")?),
            "--verbose" | "-v" => o.verbose = true,
            "--json" => o.json = Some(value("--json")?),
            "--jobs" | "-j" => {
                o.jobs = value("--jobs")?
                    .parse()
                    .map_err(|_| format!("--jobs takes a number\n{USAGE}"))?
            }
            "--timeout" => {
                o.timeout = value("--timeout")?
                    .parse()
                    .map_err(|_| format!("--timeout takes seconds\n{USAGE}"))?
            }
            "--reference" => o.reference = true,
            "--write" => o.write = true,
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// The command line that reproduces a run's figures (no output options, no parallelism).
fn command_line(o: &Options) -> String {
    let mut cmd = String::from("cargo xtask conformance");
    if let Some(f) = &o.filter {
        cmd.push_str(&format!(" --filter {f}"));
    }
    if o.timeout != 10 {
        cmd.push_str(&format!(" --timeout {}", o.timeout));
    }
    if o.reference {
        cmd.push_str(" --reference");
    }
    if o.write {
        cmd.push_str(" --write");
    }
    cmd
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--worker") {
        return worker::worker_main(&args[1..]);
    }
    let o = parse_args(args)?;
    let toolchain = worker::Toolchain::detect()?;
    let testdata = toolchain.goroot.join("src/internal/types/testdata");
    let mut units = units::discover(&testdata)?;
    if let Some(f) = &o.filter {
        units.retain(|u| u.name.contains(f.as_str()));
    }
    if units.is_empty() {
        return Err(format!("no units in {}", testdata.display()));
    }
    let results = if o.reference {
        reference::run(root, &toolchain.goroot, &units)?
    } else {
        let progress = |unit: &units::Unit, status: &Status| match status {
            Status::Ok => {}
            Status::Crash(why) => {
                let first = why.lines().collect::<Vec<_>>().join(" ");
                eprintln!("{}: crash: {first}", unit.name);
            }
            Status::Timeout => eprintln!("{}: timeout after {} s", unit.name, o.timeout),
        };
        worker::run_units(
            &toolchain,
            &units,
            o.jobs,
            Duration::from_secs(o.timeout),
            &progress,
        )?
    };
    let scores: Vec<UnitScore> = units
        .iter()
        .zip(&results)
        .map(|(unit, (status, errors))| score::score(unit, status.clone(), errors))
        .collect();

    if o.verbose {
        print!("{}", report::failures(&units, &scores));
        println!();
    }
    let who = if o.reference {
        "go/types (reference)"
    } else {
        "go-analyzer's checker"
    };
    let tables = report::tables(&scores);
    let count = match units.len() {
        1 => "1 unit".to_string(),
        n => format!("{n} units"),
    };
    println!("{who} on {count} of {}'s suite\n", toolchain.version);
    print!("{tables}");
    if let Some(path) = &o.json {
        std::fs::write(path, report::json(&scores))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    if o.write {
        let (section, title) = if o.reference {
            ("reference", "## go/types (reference)")
        } else {
            ("checker", "## go-analyzer's checker")
        };
        let body = format!(
            "{title}\n\n`{}` on {}'s suite ({} units):\n\n{tables}",
            command_line(&o),
            toolchain.version,
            units.len()
        );
        report::write_docs(root, section, &body)?;
        println!("\nwrote docs/conformance.md");
    }
    Ok(())
}
