//! Differential test against Go's own parser: over every `.go` file of `$GOROOT/src` and
//! `$GOROOT/test`, the files that `gofmt -e` reports a syntax error for must be exactly the
//! files our syntax layer reports an error for (`syntax::parse` errors, or `syntax::lower`
//! errors). Go's test trees are full of code that parses but is ill-typed (the type checker
//! reports that, with go/types' words), and of code that does not parse at all; a grammar that
//! rejects the former or accepts the latter shows up here.
//!
//! Differences that are not grammar problems are listed in [`ALLOWLIST`], each with its reason;
//! an entry that no longer matches a difference fails the test, so that the list stays honest.
//! Run with `--nocapture` for the summary: counts both ways, and every difference with gofmt's
//! first message and ours.

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

/// Files where gofmt and we disagree for reasons that are not grammar problems:
/// (path suffix, reason). Reasons in use:
/// - "lowering check pending: ...": gofmt (go/parser) rejects the file with a check it makes
///   beyond the grammar; the lead is adding it to `syntax::lower`. Remove the entry when the
///   check lands (the test then fails on the stale entry until it is removed).
/// - "max nesting depth": a pathological file that lowering refuses with
///   "exceeded max nesting depth" (see `syntax::MAX_DEPTH`); gofmt accepts it.
const ALLOWLIST: &[(&str, &str)] = &[
    // A label with nothing after it is allowed right before `}` only; the grammar (like
    // tree-sitter-go) accepts it at the end of any statement list, so also before `case`.
    (
        "test/fixedbugs/bug274.go",
        "lowering check pending: expected statement, found 'case' (label ending a case \
         clause that is not the last)",
    ),
    // A /*...*/ comment that spans lines is a newline to Go's semicolon insertion.
    (
        "test/fixedbugs/issue14520.go",
        "lowering check pending: missing ',' before newline in parameter list (the newline \
         is inside a /* */ comment)",
    ),
    // Go 1.26's parser rejects method type parameters; our grammar accepts them (go1.27).
    (
        "src/internal/types/testdata/check/typeparams.go",
        "lowering check pending: method must have no type parameters (before go1.27)",
    ),
];

/// A file's verdict on one side: `None` if it parses, else the first error message.
type Verdicts = BTreeMap<PathBuf, Option<String>>;

#[test]
fn syntax_errors_match_gofmt() {
    let start = std::time::Instant::now();
    let Some(goroot) = common::goroot() else {
        eprintln!("no Go toolchain found (GOROOT unset, `go` not on PATH): nothing to check");
        return;
    };
    let gofmt = goroot
        .join("bin")
        .join(format!("gofmt{}", std::env::consts::EXE_SUFFIX));
    if !gofmt.is_file() {
        eprintln!("no gofmt at {}: nothing to check", gofmt.display());
        return;
    }
    let roots = [goroot.join("src"), goroot.join("test")];

    // gofmt runs (as one process over both trees) while we parse.
    let child = Command::new(&gofmt)
        .arg("-e")
        .arg("-l")
        .args(&roots)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gofmt");

    // The files gofmt visits: `.go` files, not starting with a dot (gofmt's isGoFile).
    let files: Vec<PathBuf> = roots
        .iter()
        .flat_map(|root| common::go_files(root, false))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    assert!(
        files.len() > 5000,
        "expected the Go source tree under {}",
        goroot.display()
    );

    let (texts, non_utf8, unreadable) = read_all(&files);
    let ours = parse_all(&texts);
    let parsed_at = start.elapsed();

    let output = child.wait_with_output().expect("gofmt output");
    let gofmt_done_at = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let known: BTreeSet<&Path> = texts.keys().map(PathBuf::as_path).collect();
    let mut theirs: Verdicts = texts.keys().map(|p| (p.clone(), None)).collect();
    let directive_files: Vec<&PathBuf> = texts
        .iter()
        .filter(|(_, t)| has_line_directive(Some(t)))
        .map(|(p, _)| p)
        .collect();
    let mut unattributed = Vec::new();
    let mut gofmt_unreadable = BTreeSet::new();
    for line in stderr.lines() {
        match split_position(line) {
            Some((path, _)) if non_utf8.contains(Path::new(path)) => {}
            // `//line` directives rename the file in positions (to the file itself, or to
            // a name that does not exist); such files are re-run below.
            Some((path, _)) if has_line_directive(texts.get(Path::new(path))) => {}
            Some((path, _)) if known.contains(Path::new(path)) => {
                let verdict = theirs.get_mut(Path::new(path)).unwrap();
                verdict.get_or_insert_with(|| line[path.len() + 1..].to_string());
            }
            Some((path, _)) if !directive_files.is_empty() && !Path::new(path).exists() => {}
            // `open <path>: ...`, `read <path>: ...`: a file gofmt cannot read is skipped.
            None if known.iter().any(|p| line.contains(&*p.to_string_lossy())) => {
                gofmt_unreadable.extend(
                    known
                        .iter()
                        .filter(|p| line.contains(&*p.to_string_lossy()))
                        .map(|p| p.to_path_buf()),
                );
            }
            _ => unattributed.push(line.to_string()),
        }
    }
    for (path, message) in gofmt_without_line_directives(&gofmt, &directive_files, &texts) {
        theirs.insert(path, message);
    }

    for path in &gofmt_unreadable {
        theirs.remove(path);
    }
    let ours: Verdicts = ours
        .into_iter()
        .filter(|(p, _)| !gofmt_unreadable.contains(p))
        .collect();

    // Compare.
    let mut only_gofmt = Vec::new(); // gofmt rejects, we accept
    let mut only_ours = Vec::new(); // we reject, gofmt accepts
    for (path, our) in &ours {
        match (&theirs[path], our) {
            (Some(m), None) => only_gofmt.push((path, m.clone())),
            (None, Some(m)) => only_ours.push((path, m.clone())),
            _ => {}
        }
    }
    let rejected = |v: &Verdicts| v.values().filter(|m| m.is_some()).count();
    let allowed = |path: &Path| {
        let path = path.to_string_lossy().replace('\\', "/");
        ALLOWLIST
            .iter()
            .find(|(suffix, _)| path.ends_with(suffix))
            .map(|(_, reason)| *reason)
    };

    let mut report = String::new();
    let mut unexpected = 0;
    report.push_str(&format!(
        "{} files under {} ({} not UTF-8, {} unreadable, {} unreadable by gofmt: skipped)\n\
         gofmt rejects {}, we reject {}; rejected by both {}\n",
        ours.len(),
        goroot.display(),
        non_utf8.len(),
        unreadable.len(),
        gofmt_unreadable.len(),
        rejected(&theirs),
        rejected(&ours),
        ours.iter()
            .filter(|(p, m)| m.is_some() && theirs[*p].is_some())
            .count(),
    ));
    for (title, list, side) in [
        ("gofmt rejects, we accept", &only_gofmt, "gofmt"),
        ("we reject, gofmt accepts", &only_ours, "ours"),
    ] {
        report.push_str(&format!("\n{title}: {}\n", list.len()));
        for (path, message) in list {
            let shown = path.strip_prefix(&goroot).unwrap_or(path).display();
            match allowed(path) {
                Some(reason) => {
                    report.push_str(&format!(
                        "  {shown} [allowed: {reason}]\n    {side}: {message}\n"
                    ));
                }
                None => {
                    unexpected += 1;
                    report.push_str(&format!("  {shown}\n    {side}: {message}\n"));
                }
            }
        }
    }
    let differing: BTreeSet<&Path> = only_gofmt
        .iter()
        .chain(&only_ours)
        .map(|(p, _)| p.as_path())
        .collect();
    let stale: Vec<&str> = ALLOWLIST
        .iter()
        .filter(|(suffix, _)| {
            !differing
                .iter()
                .any(|p| p.to_string_lossy().replace('\\', "/").ends_with(suffix))
        })
        .map(|(suffix, _)| *suffix)
        .collect();
    if !stale.is_empty() {
        report.push_str(&format!(
            "\nstale allowlist entries (both sides agree now; remove them): {stale:?}\n"
        ));
    }
    if !unattributed.is_empty() {
        report.push_str(&format!(
            "\ngofmt output not attributed to a file:\n  {}\n",
            unattributed.join("\n  ")
        ));
    }
    report.push_str(&format!(
        "\n{:.1?} in all (our parse done at {parsed_at:.1?}, gofmt at {gofmt_done_at:.1?})\n",
        start.elapsed()
    ));
    eprintln!("{report}");

    assert!(
        output.status.success() || rejected(&theirs) > 0,
        "gofmt failed without reporting a syntax error: {}",
        output.status
    );
    assert!(
        unexpected == 0 && stale.is_empty() && unattributed.is_empty(),
        "{unexpected} unexpected differences with gofmt, {} stale allowlist entries, {} \
         unattributed gofmt lines (see the summary above)",
        stale.len(),
        unattributed.len()
    );
}

/// Reads every file: (path -> text for UTF-8 files, non-UTF-8 paths, unreadable paths).
/// Files that are not UTF-8 are skipped on both sides: Go and we treat stray bytes differently
/// (Go reports them, we would read them lossily).
fn read_all(files: &[PathBuf]) -> (BTreeMap<PathBuf, String>, BTreeSet<PathBuf>, Vec<PathBuf>) {
    let mut texts = BTreeMap::new();
    let mut non_utf8 = BTreeSet::new();
    let mut unreadable = Vec::new();
    for path in files {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    texts.insert(path.clone(), text);
                }
                Err(_) => {
                    non_utf8.insert(path.clone());
                }
            },
            Err(_) => unreadable.push(path.clone()),
        }
    }
    (texts, non_utf8, unreadable)
}

/// Our verdict on every file, parsed on 2 threads.
fn parse_all(texts: &BTreeMap<PathBuf, String>) -> Verdicts {
    let all: Vec<(&PathBuf, &String)> = texts.iter().collect();
    let verdicts = std::thread::scope(|scope| {
        let workers: Vec<_> = [0, 1]
            .map(|k| {
                let all = &all;
                scope.spawn(move || {
                    all.iter()
                        .skip(k)
                        .step_by(2)
                        .map(|&(path, text)| (path.clone(), our_verdict(text)))
                        .collect::<Vec<_>>()
                })
            })
            .into_iter()
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("parser thread"))
            .collect::<Vec<_>>()
    });
    verdicts.into_iter().collect()
}

/// `None` if the file parses and lowers without error, else the first error, as `line:col: msg`.
fn our_verdict(text: &str) -> Option<String> {
    let parse = syntax::parse(text);
    let error = match parse.errors().first() {
        Some(e) => e.clone(),
        None => syntax::lower(text, parse.tree()).errors.first()?.clone(),
    };
    let at = (error.range.start as usize).min(text.len());
    let before = &text.as_bytes()[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    Some(format!("{line}:{col}: {}", error.message))
}

/// Splits gofmt's `path:line:col: msg` (or `path:line: msg`) into path and the rest.
fn split_position(line: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some(i) = line[from..].find(".go:") {
        let end = from + i + 3;
        let rest = &line[end + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(':') {
            return Some((&line[..end], rest));
        }
        from = end;
    }
    None
}

fn has_line_directive(text: Option<&String>) -> bool {
    text.is_some_and(|t| t.contains("//line ") || t.contains("/*line "))
}

/// gofmt's verdicts on files with `//line` directives, which rename the file in gofmt's
/// positions: one more gofmt run over copies (named by index) with the directives defused
/// (`//line` becomes `//LINE`: still a comment, same length, no longer a directive).
fn gofmt_without_line_directives(
    gofmt: &Path,
    files: &[&PathBuf],
    texts: &BTreeMap<PathBuf, String>,
) -> Vec<(PathBuf, Option<String>)> {
    if files.is_empty() {
        return Vec::new();
    }
    let dir = std::env::temp_dir().join(format!("vs_gofmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (i, path) in files.iter().enumerate() {
        let text = texts[*path]
            .replace("//line ", "//LINE ")
            .replace("/*line ", "/*LINE ");
        std::fs::write(dir.join(format!("{i}.go")), text).expect("write temp copy");
    }
    let output = Command::new(gofmt)
        .arg("-e")
        .arg("-l")
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run gofmt");
    let _ = std::fs::remove_dir_all(&dir);
    let mut verdicts: Vec<(PathBuf, Option<String>)> =
        files.iter().map(|p| ((*p).clone(), None)).collect();
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        let index = split_position(line).and_then(|(path, _)| {
            Path::new(path)
                .file_stem()?
                .to_str()?
                .parse::<usize>()
                .ok()
                .filter(|&i| i < files.len())
                .map(|i| (i, path.len()))
        });
        match index {
            Some((i, len)) => {
                verdicts[i]
                    .1
                    .get_or_insert_with(|| line[len + 1..].to_string());
            }
            None => panic!("unexpected gofmt output on the defused copies: {line}"),
        }
    }
    verdicts
}
