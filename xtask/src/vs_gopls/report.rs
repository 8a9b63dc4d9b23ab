//! The reports of `cargo xtask vs-gopls`: the summary tables (per package, per kind of
//! declaration, the kinds of disagreement, latency), `--verbose`'s mismatches with both
//! answers, `--json`'s one line per position, and docs/vs-gopls.md (written whole by
//! `--write`: the text around the figures lives here, once).

use std::collections::BTreeMap;

use super::compare::Verdict;
use super::latency::{Latency, Stats};
use super::sample::PACKAGES;
use super::{Row, Run};

/// Mismatches listed in docs/vs-gopls.md (all of them are in `--json`).
const DOCS_MISMATCHES: usize = 25;

pub fn summary(run: &Run) -> String {
    let mut out = format!(
        "go-analyzer against {} ({})\n",
        run.gopls_version, run.go_version,
    );
    if !run.rows.is_empty() {
        out.push_str(&format!("\n{} positions in std:\n\n", run.rows.len()));
        out.push_str(&packages_table(&run.rows));
        out.push('\n');
        out.push_str(&kinds_table(&run.rows));
        out.push('\n');
        out.push_str(&verdicts_table(&run.rows));
    }
    if !run.latency.is_empty() {
        out.push('\n');
        out.push_str(&latency_table(&run.latency));
    }
    out.push_str(&format!(
        "\nPeak memory over the run: gopls {} MB, go-analyzer {} MB.\n",
        run.peak_kb.0 / 1024,
        run.peak_kb.1 / 1024
    ));
    out
}

fn packages_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| package | sampled | hover equal | definition equal | hover both empty \
         | definition both empty |\n|---|---|---|---|---|---|\n",
    );
    for package in PACKAGES {
        let here: Vec<&Row> = rows
            .iter()
            .filter(|r| r.sample.package == package)
            .collect();
        out.push_str(&totals_row(package, &here));
    }
    out.push_str(&totals_row("**total**", &rows.iter().collect::<Vec<_>>()));
    out
}

fn totals_row(name: &str, rows: &[&Row]) -> String {
    let n = rows.len();
    let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    format!(
        "| {name} | {n} | {} | {} | {} | {} |\n",
        share(count(&|r| r.hover.agrees()), n),
        share(count(&|r| r.definition.agrees()), n),
        count(&|r| r.hover == Verdict::BothEmpty),
        count(&|r| r.definition == Verdict::BothEmpty),
    )
}

/// The kind of what gopls says the identifier denotes: the first word of its signature line
/// (`func (` counts as a method), else how the syntax sees the token.
fn kind(row: &Row) -> String {
    match row.gopls.signature.as_deref() {
        Some(s) if s.starts_with("func (") => "method".into(),
        Some(s) => s.split([' ', '(']).next().unwrap_or("").to_string(),
        None => format!("(no gopls hover: {})", row.sample.token),
    }
}

fn kinds_table(rows: &[Row]) -> String {
    let mut by_kind: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        by_kind.entry(kind(row)).or_default().push(row);
    }
    let mut out = String::from(
        "| kind (gopls' hover) | sampled | hover equal | definition equal |\n|---|---|---|---|\n",
    );
    for (kind, here) in &by_kind {
        let n = here.len();
        out.push_str(&format!(
            "| {kind} | {n} | {} | {} |\n",
            share(here.iter().filter(|r| r.hover.agrees()).count(), n),
            share(here.iter().filter(|r| r.definition.agrees()).count(), n),
        ));
    }
    out
}

fn verdicts_table(rows: &[Row]) -> String {
    let order = [
        Verdict::Equal,
        Verdict::BothEmpty,
        Verdict::OursEmpty,
        Verdict::GoplsEmpty,
        Verdict::Differs,
        Verdict::SameFileOtherPosition,
    ];
    let mut out = String::from("| answer | hover | definition |\n|---|---|---|\n");
    for v in order {
        let hovers = rows.iter().filter(|r| r.hover == v).count();
        let definitions = rows.iter().filter(|r| r.definition == v).count();
        if hovers + definitions > 0 {
            out.push_str(&format!("| {} | {hovers} | {definitions} |\n", v.label()));
        }
    }
    let failed = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    let (g, o) = (
        failed(&|r| r.gopls.failure.is_some()),
        failed(&|r| r.ours.failure.is_some()),
    );
    if g + o > 0 {
        out.push_str(&format!(
            "\nRequests that failed (error or timeout, counted as empty answers): gopls at {}, \
             go-analyzer at {}.\n",
            positions(g),
            positions(o)
        ));
    }
    out
}

fn positions(n: usize) -> String {
    match n {
        1 => "1 position".into(),
        n => format!("{n} positions"),
    }
}

fn latency_table(latency: &[Latency]) -> String {
    let mut out = String::from(
        "| server | hover p50 | hover p95 | hover max | completion p50 | completion p95 \
         | completion max |\n|---|---|---|---|---|---|---|\n",
    );
    for l in latency {
        let (h50, h95, hmax) = stats_cells(l.hover.as_ref());
        let (c50, c95, cmax) = stats_cells(l.completion.as_ref());
        out.push_str(&format!(
            "| {} | {h50} | {h95} | {hmax} | {c50} | {c95} | {cmax} |\n",
            l.server
        ));
    }
    for l in latency {
        if !l.idle {
            out.push_str(&format!(
                "\n- The servers did not go idle before {}'s timed requests (timed anyway).",
                l.server
            ));
        }
        for (what, stats) in [("hover", &l.hover), ("completion", &l.completion)] {
            if let Some(s) = stats {
                out.push_str(&format!(
                    "\n- {} {what}: {} requests, {} empty answers, {} failed; slowest at {}.",
                    l.server,
                    s.requests,
                    s.empty,
                    s.failures,
                    s.slowest.join(", ")
                ));
            }
        }
    }
    out.push('\n');
    out
}

fn stats_cells(stats: Option<&Stats>) -> (String, String, String) {
    match stats {
        Some(s) => (ms(s.p50_ms), ms(s.p95_ms), ms(s.max_ms)),
        None => (
            "not implemented".into(),
            "not implemented".into(),
            "not implemented".into(),
        ),
    }
}

fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.1} ms")
    }
}

fn share(n: usize, of: usize) -> String {
    if of == 0 {
        return "-".into();
    }
    format!("{:.1}% ({n}/{of})", 100.0 * n as f64 / of as f64)
}

/// The first `limit` positions where the answers differ, with both answers; lines and columns
/// one-based.
pub fn mismatches(run: &Run, limit: usize) -> String {
    let differing: Vec<&Row> = run
        .rows
        .iter()
        .filter(|r| !r.hover.agrees() || !r.definition.agrees())
        .collect();
    let mut out = format!(
        "{} positions where the answers differ; the first {}:\n",
        differing.len(),
        limit.min(differing.len())
    );
    let src = run.goroot.join("src");
    let short = |path: &str| {
        path.strip_prefix(&*src.to_string_lossy())
            .map(|p| p.trim_start_matches('/').to_string())
            .unwrap_or_else(|| path.to_string())
    };
    for row in differing.into_iter().take(limit) {
        let s = &row.sample;
        out.push_str(&format!(
            "\n- {}:{}:{} `{}` ({})\n",
            short(&s.file.to_string_lossy()),
            s.line + 1,
            s.character + 1,
            s.name,
            s.token
        ));
        let shown = |v: Option<&str>| v.map_or("(none)".to_string(), |v| format!("`{v}`"));
        if !row.hover.agrees() {
            out.push_str(&format!(
                "  - hover ({}): gopls {} / ours {}\n",
                row.hover.label(),
                shown(row.gopls.signature.as_deref()),
                shown(row.ours.signature.as_deref())
            ));
        }
        if !row.definition.agrees() {
            let g = row
                .gopls
                .definition
                .as_deref()
                .map(|d| short(&one_based(d)));
            let o = row.ours.definition.as_deref().map(|d| short(&one_based(d)));
            out.push_str(&format!(
                "  - definition ({}): gopls {} / ours {}\n",
                row.definition.label(),
                shown(g.as_deref()),
                shown(o.as_deref())
            ));
        }
        for (who, answer) in [("gopls", &row.gopls), ("ours", &row.ours)] {
            if let Some(f) = &answer.failure {
                out.push_str(&format!("  - {who} failed: {f}\n"));
            }
        }
    }
    out
}

/// `path:line:character` from LSP's zero-based numbers to the one-based ones editors show,
/// as the sampled positions are shown.
fn one_based(location: &str) -> String {
    let mut parts = location.rsplitn(3, ':');
    let (Some(character), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next())
    else {
        return location.to_string();
    };
    match (line.parse::<u64>(), character.parse::<u64>()) {
        (Ok(line), Ok(character)) => format!("{path}:{}:{}", line + 1, character + 1),
        _ => location.to_string(),
    }
}

/// `--json`: one object per position, one position per line, so that two runs diff line by
/// line.
pub fn json(run: &Run) -> String {
    let mut out: String = run
        .rows
        .iter()
        .map(|r| serde_json::to_string(r).unwrap_or_default() + "\n")
        .collect();
    for l in &run.latency {
        out.push_str(&serde_json::to_string(l).unwrap_or_default());
        out.push('\n');
    }
    out
}

pub fn docs(run: &Run) -> String {
    format!(
        "# go-analyzer against gopls

Issue 6's acceptance test: on a fixed sample of identifiers from std, the type part of
go-analyzer's hover equals gopls' hover signature line, and go to definition lands where
gopls' does, each for at least 98% of them. Opt-in, as it installs gopls: `cargo xtask
vs-gopls` (it builds `target/release/go-analyzer` first, or takes `--server PATH`; gopls is
`go install golang.org/x/tools/gopls@latest` into `target/vs-gopls/bin` unless `--gopls PATH`).

- **Sample**: every identifier token (tree-sitter's `identifier`, `field_identifier`,
  `type_identifier`, `package_identifier`, `label_name`; not `_`), declarations and uses
  alike, of the non-test `.go` files for this GOOS/GOARCH (as `go list` lists them) of
  {packages}; per package, its tokens in file order cut into {per_package} equal slices, and
  one token drawn from each by a generator with a fixed seed (`--per-package N`, `--seed N`).
- **Servers**: both over LSP on stdio, with `$GOROOT/src` as the workspace folder, each file
  opened once, every sampled position in it asked (`textDocument/hover`, then
  `textDocument/definition`), then closed. The client offers Markdown hovers and UTF-16
  positions. A file's first request is asked again while it fails, until the server has loaded
  the package (up to `--timeout`, 300 s).
- **Hover**: the first line of the first ```` ```go ```` block, whitespace runs made one space;
  gopls' layout note (a trailing `// size=...` or `// offset=...` comment) is dropped.
  **Definition**: the first location's file and start position. Two empty answers agree and
  are counted apart (*both empty*); a failed request counts as an empty answer.
- `--verbose` lists the first mismatches (`--mismatches N`) with both answers; `--json FILE`
  writes every position with both full answers; `--write` rewrites this file.

## Figures

`{command}`, with {gopls}, {go}, and go-analyzer {ours}; {rows} positions. The run, the
release build included, took {elapsed:.0} s, with load averages (1, 5, 15 min) of
{load_before} before and {load_after} after it.

{packages_table}
By the kind of declaration gopls' hover shows:

{kinds_table}
How the answers differ:

{verdicts_table}
## Latency

Hover and completion in net/http/server.go, both servers in the same run, after the
differential test (so the sampled packages are loaded in both): {positions} identifiers of
server.go drawn as above, each asked once, one request at a time, timed from writing the
request to reading the answer; {warm} other positions are asked first, untimed, and both
servers are left alone until neither uses CPU (under 3 clock ticks in a second, up to 120 s)
before each server's timed requests. Hover at the identifier; completion just after its first
character, as if it had just been typed. A server that does not advertise completion is marked
*not implemented*. DESIGN.md's target: p95 under 20 ms. Percentiles by nearest rank. The
machine is shared: the load averages above say how busy it was. `cargo xtask vs-gopls
--latency-only` measures only this (with only net/http loaded).

{latency_table}
Peak memory of each server's process tree over the whole run: gopls {gopls_mb} MB,
go-analyzer {ours_mb} MB. gopls keeps what it learns of packages in a cache on disk
(`~/.cache/gopls`), so its first run on a machine does more work, and holds more, than the
next ones.

## First mismatches

{mismatches}",
        packages = PACKAGES
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", "),
        command = run.command,
        ours = run.ours,
        per_package = run.per_package,
        gopls = run.gopls_version,
        go = run.go_version,
        rows = run.rows.len(),
        elapsed = run.elapsed.as_secs_f64(),
        load_before = run.load.0,
        load_after = run.load.1,
        packages_table = packages_table(&run.rows),
        kinds_table = kinds_table(&run.rows),
        verdicts_table = verdicts_table(&run.rows),
        positions = super::LATENCY_POSITIONS,
        warm = super::LATENCY_WARM_UP,
        latency_table = if run.latency.is_empty() {
            "Not measured in this run (`--no-latency`).\n".to_string()
        } else {
            latency_table(&run.latency)
        },
        gopls_mb = run.peak_kb.0 / 1024,
        ours_mb = run.peak_kb.1 / 1024,
        mismatches = mismatches(run, DOCS_MISMATCHES),
    )
}
