//! docs/benchmarks.md: the tables of `cargo xtask bench`, the exact commands, and what each
//! side of a comparison does (the text around the figures is written here, once).

use std::time::Duration;

use super::{Measured, Pair, SLOW};

pub(super) struct Inputs<'a> {
    pub(super) machine: String,
    pub(super) cores: usize,
    pub(super) go_version: String,
    pub(super) loading: &'a [Pair<'a>],
    /// Against go/types first (the design's target compares with those), then go vet.
    pub(super) checking: &'a [Pair<'a>],
    pub(super) elapsed: Duration,
    /// /proc/loadavg before and after the run.
    pub(super) load: (String, String),
}

pub(super) fn render(inputs: &Inputs) -> String {
    let mut out = format!(
        "# Benchmarks

Produced by `cargo xtask bench` on {machine} ({cores} cores), with {go}.
The whole run, builds included, took {elapsed:.0} s, with load averages (1, 5, 15 min) of
{load_before} before and {load_after} after it: the machine is shared, and other work on it
slows every command.
Wall clock: the median of 3 runs, but a command whose first run takes over {slow} s runs once
(`go vet std` with an empty build cache, which takes minutes, and whatever else is that slow);
the runs column counts them, go-analyzer's then the other side's. Memory: the peak resident
set size of the largest process in the command's process tree (`VmHWM`, sampled from /proc
every 5 ms), as `/usr/bin/time -v` reports it. Figures are reported, not asserted.

## Loading packages

{loading}
## Type checking

{checking}
{target}

What each side does:
- `go-analyzer check std` parses every file of std (its vendored modules included, as `go list
  std` lists them) and reports syntax errors on all cores, then type-checks on one thread in
  one `hir::World`: the packages of std in full, with `--tests` (the default) also each
  package with its `_test.go` files and its external test package, against the test variant
  of the package (the packages in between re-checked without function bodies, as the go
  command builds `q [p.test]`); a package with test files is first checked without function
  bodies for its importers.
- `bench-gotypes` (`xtask/bench-gotypes`, std only) does the same with go/types, on one
  goroutine (`GOMAXPROCS=1`): the same packages, variants and bodies, each file parsed once,
  `Types`, `Defs`, `Uses` and `Implicits` recorded per package and dropped after it, as
  go-analyzer records and drops its own. Type checking against type checking.
- `go vet std` is what users run today and DESIGN.md's reference point, not type checking
  alone: with an empty build cache it compiles std for export data and runs the vet analyzers
  over every package and its tests, on all cores; with a warm cache (the one the cold run
  left) it finds the vet results of every package in the cache and checks nothing.
- gopls is not in the table: `gopls check` takes files, loads them with go/packages and runs
  its analyzers on top of go/types, and over std's files it would take the bench past its
  10-minute budget. bench-gotypes times the go/types part, which gopls type-checks with.

## Editing latency

Hover and completion (DESIGN.md: p95 under 20 ms) are measured by `cargo xtask vs-gopls`,
which drives go-analyzer and gopls over LSP in the same run, at 200 identifiers of
net/http/server.go; its figures are in docs/vs-gopls.md (`cargo xtask vs-gopls
--latency-only` measures only them). Not measured yet: an edit in net/http/server.go to fresh
diagnostics (p50 under 10 ms) and first diagnostics after opening a file in a large module
(under 1 s).

## Commands

Built first, not timed: `cargo build --release -p go-analyzer`, and `go build -o
target/bench-gotypes .` in `xtask/bench-gotypes`. Run from the repository's root;
`go-analyzer` is `target/release/go-analyzer`, `bench-gotypes` is `target/bench-gotypes`.
",
        machine = inputs.machine,
        cores = inputs.cores,
        go = inputs.go_version,
        elapsed = inputs.elapsed.as_secs_f64(),
        load_before = inputs.load.0,
        load_after = inputs.load.1,
        slow = SLOW.as_secs(),
        loading = table(inputs.loading, "go command"),
        checking = table(inputs.checking, "go/types or go vet"),
        target = target(inputs.checking),
    );
    for pair in inputs.loading.iter().chain(inputs.checking) {
        out.push_str(&format!(
            "- {}: `{}` vs `{}`\n",
            pair.name, pair.ours.shown, pair.theirs.shown
        ));
    }
    out
}

fn table(pairs: &[Pair], theirs: &str) -> String {
    let mut out = format!(
        "| case | go-analyzer | {theirs} | runs | wall | memory |\n|---|---|---|---|---|---|\n"
    );
    for pair in pairs {
        out.push_str(&format!(
            "| {} | {} | {} | {} / {} | {} | {} |\n",
            pair.name,
            cell(pair.ours),
            cell(pair.theirs),
            pair.ours.runs,
            pair.theirs.runs,
            wall_ratio(pair),
            memory_ratio(pair),
        ));
    }
    out
}

fn cell(m: &Measured) -> String {
    let mut cell = format!("{:.3} s, {} MB", m.wall.as_secs_f64(), m.peak_kb / 1024);
    match (&m.failed, m.diagnostics) {
        (Some(status), Some(n)) => cell.push_str(&format!(" ({status}, {n} diagnostics)")),
        (Some(status), None) => cell.push_str(&format!(" ({status})")),
        (None, _) => {}
    }
    cell
}

/// Their wall time over ours: above 1, we are faster.
fn speedup(pair: &Pair) -> f64 {
    pair.theirs.wall.as_secs_f64() / pair.ours.wall.as_secs_f64().max(1e-9)
}

/// Our memory over theirs: below 1, we use less.
fn memory_share(pair: &Pair) -> f64 {
    pair.ours.peak_kb as f64 / (pair.theirs.peak_kb as f64).max(1.0)
}

fn wall_ratio(pair: &Pair) -> String {
    let r = speedup(pair);
    if r >= 1.0 {
        format!("{r:.1}x faster")
    } else {
        format!("{:.1}x slower", 1.0 / r)
    }
}

fn memory_ratio(pair: &Pair) -> String {
    let r = memory_share(pair);
    if r <= 1.0 {
        format!("{:.1}x less", 1.0 / r.max(1e-9))
    } else {
        format!("{r:.1}x more")
    }
}

/// DESIGN.md's target for `check std`, against the go/types rows.
fn target(checking: &[Pair]) -> String {
    let against: Vec<&Pair> = checking
        .iter()
        .filter(|p| p.name.contains("go/types"))
        .collect();
    let met = |p: &&Pair| speedup(p) >= 5.0 && memory_share(p) <= 1.0 / 3.0;
    let verdict = if against.iter().all(met) {
        "met"
    } else {
        "not met yet"
    };
    let figures: Vec<String> = against
        .iter()
        .map(|p| {
            format!(
                "{}: {:.2}x the speed, {:.2}x the memory",
                p.name.trim_end_matches(", against go/types"),
                speedup(p),
                memory_share(p)
            )
        })
        .collect();
    format!(
        "DESIGN.md's target, 5x faster than a go/types-based check of the same packages with at \
         most a third of its memory, is {verdict} ({}).",
        figures.join("; ")
    )
}
