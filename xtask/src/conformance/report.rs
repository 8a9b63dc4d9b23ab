//! What a run prints and writes: the tables (per folder and in total, for every unit and for
//! the units without type parameters), `--verbose`'s list of failures, `--json`'s per-unit
//! results, and docs/conformance.md.

use std::{fmt::Write as _, path::Path};

use super::{
    score::{Mismatch, Reported, Status, Totals, UnitScore},
    units::{FOLDERS, Unit},
};

/// The two tables of a run, in Markdown.
pub fn tables(scores: &[UnitScore]) -> String {
    let mut out = String::new();
    out.push_str("All units:\n\n");
    out.push_str(&table(scores.iter()));
    out.push_str("\nUnits without type parameters:\n\n");
    out.push_str(&table(scores.iter().filter(|s| !s.generic)));
    out
}

fn table<'a>(scores: impl Iterator<Item = &'a UnitScore> + Clone) -> String {
    let mut out = String::from(
        "| folder | annotated units | L1 | L2 | annotations | at line | at position | with message \
         | unexpected errors | unannotated units | clean | crashes | timeouts |\n\
         |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n",
    );
    let mut total = Totals::default();
    for folder in FOLDERS {
        let mut t = Totals::default();
        for s in scores.clone().filter(|s| s.folder == folder) {
            t.add(s);
            total.add(s);
        }
        out.push_str(&row(folder, &t));
    }
    out.push_str(&row("**total**", &total));
    out
}

fn row(name: &str, t: &Totals) -> String {
    format!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
        t.annotated,
        share(t.l1, t.annotated),
        share(t.l2, t.annotated),
        t.annotations,
        share(t.at_line, t.annotations),
        share(t.at_pos, t.annotations),
        share(t.with_msg, t.annotations),
        t.unexpected,
        t.unannotated,
        share(t.clean, t.unannotated),
        t.crashes,
        t.timeouts,
    )
}

fn share(n: usize, of: usize) -> String {
    if of == 0 {
        return n.to_string();
    }
    format!("{n} ({:.1}%)", 100.0 * n as f64 / of as f64)
}

/// `--verbose`: every unit that does not pass L2 (or, unannotated, does not check clean), with
/// what is missing, unexpected, misplaced and misworded.
pub fn failures(units: &[Unit], scores: &[UnitScore]) -> String {
    let mut out = String::new();
    for (unit, s) in units.iter().zip(scores).filter(|(_, s)| s.failing()) {
        let level = if s.l1 { "L1 only" } else { "fails L1" };
        let _ = write!(out, "--- {} ({level}", s.unit);
        if !s.unsupported_flags.is_empty() {
            let _ = write!(
                out,
                "; unsupported flags: {}",
                s.unsupported_flags.join(" ")
            );
        }
        if let Some(e) = &unit.flags.error {
            let _ = write!(out, "; bad flags line: {e}");
        }
        out.push_str(")\n");
        match &s.status {
            Status::Ok => {}
            Status::Crash(why) => {
                let _ = writeln!(out, "    crash: {}", why.replace('\n', "\n           "));
            }
            Status::Timeout => out.push_str("    timeout\n"),
        }
        let file = |i: usize| unit.files.get(i).map_or("?", |f| f.name.as_str());
        for m in &s.missing {
            let _ = writeln!(
                out,
                "    missing     {}:{}:{}: {}",
                file(m.file),
                m.line,
                m.col,
                m.annotation
            );
        }
        for e in &s.unexpected {
            let _ = writeln!(out, "    unexpected  {}: {:?}", at(unit, e), e.msg);
        }
        for Mismatch { expected, got } in &s.wrong_col {
            let _ = writeln!(
                out,
                "    wrong col   {}:{}:{}: want col {}, got {}: {:?} ({})",
                file(expected.file),
                expected.line,
                expected.col,
                expected.col,
                got.col,
                got.msg,
                expected.annotation
            );
        }
        for Mismatch { expected, got } in &s.wrong_msg {
            let _ = writeln!(
                out,
                "    wrong msg   {}:{}:{}: got {:?}, want {}",
                file(expected.file),
                expected.line,
                expected.col,
                got.msg,
                expected.annotation
            );
        }
    }
    out
}

fn at(unit: &Unit, e: &Reported) -> String {
    let file = e
        .file
        .and_then(|i| unit.files.get(i))
        .map_or("?", |f| f.name.as_str());
    format!("{file}:{}:{}", e.line, e.col)
}

/// `--json`: one object per unit, one unit per line, so that two runs diff line by line.
pub fn json(scores: &[UnitScore]) -> String {
    let lines: Vec<String> = scores
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

const BEGIN: &str = "<!-- begin ";
const END: &str = "<!-- end ";

/// Writes docs/conformance.md: the section of this run (`checker` or `reference`) replaced,
/// the other kept as it was.
pub fn write_docs(root: &Path, section: &str, body: &str) -> Result<(), String> {
    let path = root.join("docs/conformance.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let keep = |name: &str| -> Option<String> {
        let begin = format!("{BEGIN}{name} -->");
        let end = format!("{END}{name} -->");
        let start = old.find(&begin)?;
        let stop = old[start..].find(&end)? + start + end.len();
        Some(old[start..stop].to_string())
    };
    let fresh = |name: &str, text: &str| format!("{BEGIN}{name} -->\n{text}{END}{name} -->");
    let mut sections = Vec::new();
    for name in ["checker", "reference"] {
        let text = if name == section {
            Some(fresh(name, body))
        } else {
            keep(name)
        };
        sections.extend(text);
    }
    let text = format!("{HEADER}\n{}\n", sections.join("\n\n"));
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

const HEADER: &str = "# Type checker conformance

The type checker is measured against go/types' own test suite:
`$(go env GOROOT)/src/internal/types/testdata/{check,spec,examples,fixedbugs}`. Each `.go` file
directly in those folders is one unit (one package), and so is each subdirectory. A comment
`/* ERROR \"pattern\" */` or `// ERROR \"pattern\"` expects an error at the start of the token
just before the comment (semicolons inserted at newlines do not count) whose message contains
the pattern; `ERRORx` takes a regular expression instead. A unit without annotations must check
clean. The first line may carry flags (`// -lang=go1.17`); units are checked with
`Config { lang, test_funcs: true }` and standard library imports are checked from
`$GOROOT/src` (linux/amd64, cgo off, without function bodies). Syntax errors count.

- **L1**: every expected error is reported at its exact line and column (byte columns, 1-based)
  and no other error is reported. **L2**: L1, and every message matches its pattern. L1 and L2
  count annotated units; *clean* counts the unannotated ones that report nothing.
- Per annotation: paired with an error on its line (*at line*), at its exact position (*at
  position*), and there with a matching message (*with message*). *Unexpected errors* are the
  errors paired with no annotation. A crash (a panic, or the worker process dying) or a
  timeout (no progress for 10 s) fails the unit.
- Units with type parameters (a type parameter list on a function or type declaration, or a
  method of a generic type) are also left out in a second table.
- Flags our `Config` cannot express (`-gotypesalias=0`, `-fakeImportC`, `-goexperiment`) are
  ignored for our checker and listed per unit in `--verbose` and `--json`; a unit's `lang` is
  passed on.
- `--reference` scores go/types itself (`xtask/gotypes-ref`, run with `go run`) with the same
  harness, configured as go/types' own harness configures it (all flags honoured; but each unit
  is checked once, with alias types as its flags say, where go/types' harness checks units
  without `-gotypesalias` twice, with and without). It passes every unit, so any shortfall
  there is a harness bug.

`cargo xtask conformance [--filter S] [--verbose] [--json FILE] [--jobs N] [--timeout SECS]
[--reference] [--write]`; `--write` rewrites this file's section for the run (the other is kept).
";
