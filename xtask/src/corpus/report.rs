//! What `cargo xtask corpus` prints: a markdown table to paste into docs/corpus.md (or
//! `--json`), then our diagnostics grouped by message, each group with one place to look.

use std::{collections::BTreeMap, fmt::Write, time::Duration};

use super::{Diagnostic, Outcome, VetStatus};

pub fn vet_cell(status: &VetStatus) -> String {
    match status {
        VetStatus::Clean => "clean".into(),
        VetStatus::Findings(n) => format!("compiles; {n} vet findings"),
        VetStatus::TypeErrors(n) => format!("**{n} type errors**"),
        VetStatus::Failed(why) => format!("**failed**: {why}"),
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn megabytes(kb: u64) -> String {
    format!("{} MB", kb / 1024)
}

pub fn markdown(outcomes: &[Outcome], errors: &[String], go: &str, elapsed: Duration) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| module | kind | version | packages | files | our diagnostics | check wall | check peak \
         | `go vet ./...` | go vet wall | go vet peak |"
    );
    let _ = writeln!(out, "|---|---|---|--:|--:|--:|--:|--:|---|--:|--:|");
    for o in outcomes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            o.module.path,
            o.module.kind,
            o.module.version,
            o.packages,
            o.files,
            o.diagnostics.len(),
            seconds(o.check.wall),
            megabytes(o.check.peak_kb),
            vet_cell(&o.vet_status),
            seconds(o.vet.wall),
            megabytes(o.vet.peak_kb),
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{go}; {} cores; whole run {}.",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        seconds(elapsed)
    );
    for error in errors {
        let _ = writeln!(out, "\n**not measured**: {error}");
    }
    for o in outcomes {
        if o.diagnostics.is_empty() && o.check_stderr.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {}: {} diagnostics (all in {})\n",
            o.module.name,
            o.diagnostics.len(),
            o.diagnostics_file.display()
        );
        for group in groups(&o.diagnostics) {
            let d = group.example;
            let _ = writeln!(
                out,
                "- {} x [{}] {}  \n  e.g. {}:{}:{}: {}",
                group.count, d.source, group.pattern, d.file, d.line, d.column, d.message
            );
        }
        for line in o.check_stderr.iter().take(10) {
            let _ = writeln!(out, "- stderr: {line}");
        }
    }
    out
}

pub fn json(outcomes: &[Outcome], errors: &[String]) -> String {
    use serde_json::json;
    let modules: Vec<_> = outcomes
        .iter()
        .map(|o| {
            let groups: Vec<_> = groups(&o.diagnostics)
                .into_iter()
                .map(|g| {
                    json!({
                        "pattern": g.pattern,
                        "source": g.example.source,
                        "count": g.count,
                        "example": format!(
                            "{}:{}:{}: {}",
                            g.example.file, g.example.line, g.example.column, g.example.message
                        ),
                    })
                })
                .collect();
            json!({
                "name": o.module.name,
                "path": o.module.path,
                "version": o.module.version,
                "kind": o.module.kind,
                "packages": o.packages,
                "files": o.files,
                "diagnostics": o.diagnostics.len(),
                "check_wall_s": o.check.wall.as_secs_f64(),
                "check_peak_kb": o.check.peak_kb,
                "check_stderr": o.check_stderr,
                "vet": vet_cell(&o.vet_status),
                "vet_compiles": o.vet_status.compiles(),
                "vet_wall_s": o.vet.wall.as_secs_f64(),
                "vet_peak_kb": o.vet.peak_kb,
                "diagnostics_file": o.diagnostics_file.display().to_string(),
                "groups": groups,
            })
        })
        .collect();
    let report = json!({ "modules": modules, "errors": errors });
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

struct Group<'a> {
    pattern: String,
    count: usize,
    example: &'a Diagnostic,
}

/// Diagnostics by message with quoted text and numbers blanked, most frequent first.
fn groups(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut by_pattern: BTreeMap<String, Group<'_>> = BTreeMap::new();
    for d in diagnostics {
        let pattern = pattern(&d.message);
        by_pattern
            .entry(pattern.clone())
            .or_insert(Group {
                pattern,
                count: 0,
                example: d,
            })
            .count += 1;
    }
    let mut groups: Vec<_> = by_pattern.into_values().collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.pattern.cmp(&b.pattern)));
    groups
}

/// `message` with quoted text blanked and standalone numbers as N (not digits inside words:
/// `k8s.io`, `v3`).
fn pattern(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    // The previous character outside quotes: a digit run is a number unless it continues a
    // word, and one N stands for the whole run.
    let mut previous = ' ';
    for c in message.chars() {
        if c == '"' {
            if !quoted {
                out.push_str("\"…\"");
            }
            quoted = !quoted;
        } else if quoted {
            continue;
        } else if c.is_ascii_digit() && !previous.is_alphanumeric() && previous != '_' {
            out.push('N');
        } else if !(c.is_ascii_digit() && out.ends_with('N') && previous.is_ascii_digit()) {
            out.push(c);
        }
        previous = c;
    }
    out
}
