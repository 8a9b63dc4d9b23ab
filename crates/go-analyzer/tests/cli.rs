//! `go-analyzer check` end to end: the real binary on files written to temporary directories.
//! Expected positions are derived from the test's own text (where the bad byte or token is),
//! never copied from the program's output.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::Command,
    sync::atomic::{AtomicUsize, Ordering},
};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_go-analyzer");

/// A temporary directory tree, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "go-analyzer-cli-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = std::env::temp_dir().join(unique);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("cannot create a temp dir");
        TempDir(dir)
    }

    /// Writes `contents` to `path` (relative), creating directories.
    fn write(&self, path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent"))
            .expect("cannot create a directory");
        std::fs::write(&path, contents).expect("cannot write a file");
        path
    }

    fn path(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        make_readable(&self.0);
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn make_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                make_readable(&entry.path());
            }
        }
    }
    // Our own directories: restore what `unreadable_directories_are_io_errors` took away.
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn make_readable(_: &Path) {}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The JSON Lines of stdout.
    fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }

    /// The distinct files diagnostics were reported for (text format).
    fn files(&self) -> BTreeSet<String> {
        self.stdout
            .lines()
            .filter_map(|line| line.split(':').next())
            .map(str::to_string)
            .collect()
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, &[])
}

fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env("GO_ANALYZER_LOG", "warn");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("cannot run go-analyzer");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const VALID: &str = "package p\n\nfunc f() int { return 1 }\n";
const BROKEN: &str = "package p\n\nfunc f() int { return 1 +  }\n";

/// A file whose error is at the `)` of a line with multi-byte characters before it.
fn non_ascii_case() -> (String, usize, usize) {
    let line = "\tprintln(\"héllo, 世界 😀\" +)";
    let text = format!("package main\n\nfunc main() {{\n{line}\n}}\n");
    // 1-based line and byte column of the `)`.
    (text, 4, line.find(')').expect("a paren") + 1)
}

#[test]
fn text_output_has_one_based_byte_columns() {
    let dir = TempDir::new("text");
    let (text, line, column) = non_ascii_case();
    dir.write("main.go", &text);
    let run = run_in(&dir.0, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = run.stdout.lines().next().expect("a diagnostic");
    let prefix = format!("main.go:{line}:{column}: ");
    assert!(
        first.starts_with(&prefix),
        "{first:?} should start with {prefix:?}"
    );
    assert!(first.len() > prefix.len(), "a message follows the position");
}

#[test]
fn json_output_has_exactly_the_contract_fields() {
    let dir = TempDir::new("json");
    let (text, line, column) = non_ascii_case();
    dir.write("main.go", &text);
    let run = run_in(&dir.0, &["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = run.json();
    assert!(!records.is_empty());
    let first = &records[0];
    let keys: BTreeSet<&str> = first
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "source",
        "code",
        "message",
    ]
    .into();
    assert_eq!(keys, expected);
    assert_eq!(first["file"], "main.go");
    assert_eq!(first["line"], line);
    assert_eq!(first["column"], column);
    let end = (
        first["end_line"].as_u64().unwrap(),
        first["end_column"].as_u64().unwrap(),
    );
    assert!(
        end >= (line as u64, column as u64),
        "end {end:?} before start"
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(first["source"], "syntax");
    assert_eq!(first["code"], Value::Null);
    // The text format says the same thing.
    let text_run = run_in(&dir.0, &["check"]);
    let message = first["message"].as_str().expect("a message");
    assert_eq!(
        text_run.stdout.lines().next(),
        Some(format!("main.go:{line}:{column}: {message}").as_str())
    );
}

#[test]
fn output_is_sorted_by_path_line_column() {
    let dir = TempDir::new("sorted");
    for name in ["b.go", "a.go", "c/z.go", "c/a.go"] {
        dir.write(name, "package p\n\nvar = 1\n\nfunc f( {\n\nvar y int = +\n");
    }
    let run = run_in(&dir.0, &["check", "--format=json", "./..."]);
    assert_eq!(run.code, 1);
    let keys: Vec<(String, u64, u64, String)> = run
        .json()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (
                s("file"),
                r["line"].as_u64().unwrap(),
                r["column"].as_u64().unwrap(),
                s("message"),
            )
        })
        .collect();
    assert!(keys.len() >= 4, "{keys:?}");
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let files: BTreeSet<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    assert_eq!(files, ["a.go", "b.go", "c/a.go", "c/z.go"].into());
}

#[test]
fn exit_codes() {
    let dir = TempDir::new("exit");
    dir.write("ok/a.go", VALID);
    dir.write("bad/a.go", BROKEN);
    let clean = run_in(&dir.0, &["check", "./ok"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, ""),
        "{}",
        clean.stderr
    );
    assert_eq!(run_in(&dir.0, &["check", "./bad"]).code, 1);
    assert_eq!(run_in(&dir.0, &["check", "./missing"]).code, 2);
    assert_eq!(run_in(&dir.0, &["check", "--bogus"]).code, 2);
}

#[test]
fn recursive_walk_skips_what_the_go_tool_skips() {
    let dir = TempDir::new("walk");
    dir.write("a.go", VALID);
    for name in [
        "sub/b.go",
        "sub/deeper/c.go",
        "vendor/v/v.go",
        "testdata/t.go",
        ".hidden/h.go",
        "_under/u.go",
        "sub/_skip.go",
        "sub/.dot.go",
        "sub/vendor/v.go",
        "sub/testdata/t.go",
        "sub/not_go.txt",
    ] {
        dir.write(name, BROKEN);
    }
    #[cfg(unix)]
    {
        // A link to a directory is not followed, and a link cycle does not loop.
        std::os::unix::fs::symlink(dir.path("sub"), dir.path("linked")).unwrap();
        std::os::unix::fs::symlink(".", dir.path("sub/loop")).unwrap();
    }
    let run = run_in(&dir.0, &["check", "./..."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.files(),
        ["sub/b.go", "sub/deeper/c.go"].map(String::from).into()
    );
    // A directory pattern takes only the files directly in it.
    let run = run_in(&dir.0, &["check", "./sub"]);
    assert_eq!(run.files(), ["sub/b.go"].map(String::from).into());
    // A skipped name is checked when named as the root.
    let run = run_in(&dir.0, &["check", "./testdata/..."]);
    assert_eq!(run.files(), ["testdata/t.go"].map(String::from).into());
    // A file reached by two patterns is reported once.
    let once = run_in(&dir.0, &["check", "./sub", "sub/b.go", "./sub/../sub/b.go"]);
    assert_eq!(once.stdout, run_in(&dir.0, &["check", "./sub"]).stdout);
}

#[test]
fn tests_false_leaves_out_test_files() {
    let dir = TempDir::new("tests");
    dir.write("a.go", VALID);
    dir.write("a_test.go", BROKEN);
    let with_tests = run_in(&dir.0, &["check"]);
    assert_eq!(with_tests.code, 1);
    assert_eq!(with_tests.files(), ["a_test.go"].map(String::from).into());
    let without = run_in(&dir.0, &["check", "--tests=false"]);
    assert_eq!(
        (without.code, without.stdout.as_str()),
        (0, ""),
        "{}",
        without.stderr
    );
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    let dir = TempDir::new("usage");
    dir.write("a.go", VALID);
    let unknown = run_in(&dir.0, &["check", "--frobnicate"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("--frobnicate") && unknown.stderr.contains("--help"),
        "{}",
        unknown.stderr
    );
    assert!(unknown.stdout.is_empty());
    let format = run_in(&dir.0, &["check", "--format=xml"]);
    assert_eq!(format.code, 2);
    assert!(
        format.stderr.contains("sarif") && format.stderr.contains("github"),
        "{}",
        format.stderr
    );
    let import_path = run_in(&dir.0, &["check", "example.com/m/pkg"]);
    assert_eq!(import_path.code, 2);
    assert!(
        import_path.stderr.contains("./..."),
        "{}",
        import_path.stderr
    );
    assert_eq!(run_in(&dir.0, &["check", "--lang=1.22"]).code, 2);
    assert_eq!(
        run_in(
            &dir.0,
            &[
                "check",
                "--lang=go1.22",
                "--goos=linux",
                "--goarch=arm64",
                "--tags=a,b"
            ]
        )
        .code,
        0
    );
    assert_eq!(run_in(&dir.0, &["frobnicate"]).code, 2);
}

#[test]
fn missing_paths_are_reported_and_the_rest_is_checked() {
    let dir = TempDir::new("missing");
    dir.write("bad/a.go", BROKEN);
    let run = run_in(&dir.0, &["check", "./nope", "./bad", "nope.go"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nope.go") && run.stderr.contains("./nope"),
        "{}",
        run.stderr
    );
    assert_eq!(run.files(), ["bad/a.go"].map(String::from).into());
}

#[test]
fn unreadable_paths_are_io_errors() {
    let dir = TempDir::new("unreadable");
    dir.write("bad/a.go", BROKEN);
    dir.write("plain.go", VALID);
    std::fs::create_dir_all(dir.path("dir.go")).unwrap();
    // Each of these names a path that cannot be read, whoever runs the test (root included):
    // a directory below a regular file, and a directory given as a .go file.
    let mut patterns = vec!["./plain.go/sub", "dir.go"];
    #[cfg(unix)]
    {
        // A symbolic-link cycle given as a directory.
        std::os::unix::fs::symlink("cycle2", dir.path("cycle1")).unwrap();
        std::os::unix::fs::symlink("cycle1", dir.path("cycle2")).unwrap();
        patterns.push("./cycle1");
    }
    for pattern in &patterns {
        let run = run_in(&dir.0, &["check", pattern, "./bad"]);
        assert_eq!(run.code, 2, "{pattern}: {}", run.stderr);
        let name = pattern.trim_start_matches("./");
        assert!(run.stderr.contains(name), "{pattern}: {}", run.stderr);
        assert_eq!(
            run.files(),
            ["bad/a.go"].map(String::from).into(),
            "{pattern}"
        );
    }
    // A directory without read permission inside a walk; root is not denied, so this part
    // checks itself against what the file system actually allows.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        dir.write("tree/locked/x.go", BROKEN);
        dir.write("tree/open/y.go", BROKEN);
        let locked = dir.path("tree/locked");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let denied = std::fs::read_dir(&locked).is_err();
        let run = run_in(&dir.0, &["check", "./tree/..."]);
        if denied {
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert!(run.stderr.contains("tree/locked"), "{}", run.stderr);
            assert_eq!(run.files(), ["tree/open/y.go"].map(String::from).into());
        } else {
            assert_eq!(run.code, 1, "{}", run.stderr);
            assert_eq!(
                run.files(),
                ["tree/locked/x.go", "tree/open/y.go"]
                    .map(String::from)
                    .into()
            );
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn files_outside_the_current_directory_are_absolute() {
    let dir = TempDir::new("absolute");
    let file = dir.write("far/a.go", BROKEN);
    dir.write("here/keep.go", VALID);
    let run = run_in(&dir.path("here"), &["check", file.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.files(), [file.to_string_lossy().into_owned()].into());
}

#[test]
fn empty_file() {
    let dir = TempDir::new("empty");
    dir.write("empty.go", "");
    let run = run_in(&dir.0, &["check", "--format=json"]);
    // The compiler's wording and position: `empty.go:1:1: syntax error: package statement
    // must be first`.
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = run.json();
    assert_eq!(records.len(), 1, "{}", run.stdout);
    assert_eq!(
        (records[0]["line"].as_u64(), records[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        records[0]["message"],
        "syntax error: package statement must be first"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn binary_file_gets_one_clear_diagnostic() {
    let dir = TempDir::new("binary");
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    let first_nul = bytes.len();
    bytes.extend((0..=255u8).cycle().take(100_000));
    dir.write("blob.go", &bytes);
    let run = run_in(&dir.0, &["check", "--format=json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = run.json();
    assert_eq!(records.len(), 1, "{}", run.stdout);
    assert_eq!(
        (records[0]["line"].as_u64(), records[0]["column"].as_u64()),
        (Some(1), Some(first_nul as u64 + 1))
    );
}

#[test]
fn invalid_utf8_is_located() {
    let dir = TempDir::new("utf8");
    let line: &[u8] = b"var s = \"\xff\xfe\"";
    let bad_column = line.iter().position(|&b| b == 0xff).unwrap() + 1;
    dir.write("bad.go", [b"package p\n\n", line, b"\n"].concat());
    let run = run_in(&dir.0, &["check", "--format=json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let records = run.json();
    assert!(
        records
            .iter()
            .any(|r| r["line"].as_u64() == Some(3)
                && r["column"].as_u64() == Some(bad_column as u64)),
        "{}",
        run.stdout
    );
}

#[test]
fn fifty_megabyte_file_completes() {
    let dir = TempDir::new("huge");
    // ~50 MB of valid Go: a few thousand functions, then one large raw string. (Large amounts
    // of declarations are slow in debug builds; the size, not the tree, is what this tests.)
    let mut text = String::with_capacity(51 * 1024 * 1024);
    text.push_str("package huge\n\n");
    for i in 0..5_000 {
        text.push_str(&format!("func f{i}(a, b int) int {{\n\tif a > b {{\n\t\treturn a - {i}\n\t}}\n\treturn b\n}}\n\n"));
    }
    text.push_str("const blob = `\n");
    let filler = "0123456789abcdef".repeat(5) + "\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&filler);
    }
    text.push_str("`\n");
    dir.write("huge.go", &text);
    let run = run_in(&dir.0, &["check", "huge.go"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn std_uses_goroot_and_leaves_out_cmd() {
    let dir = TempDir::new("std");
    let goroot = dir.path("goroot");
    dir.write("goroot/src/fmt/print.go", BROKEN);
    dir.write("goroot/src/cmd/go/main.go", BROKEN);
    dir.write("work/keep.go", VALID);
    let run = run_with_env(
        &dir.path("work"),
        &["check", "std"],
        &[("GOROOT", goroot.to_str().unwrap())],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = goroot
        .join("src/fmt/print.go")
        .to_string_lossy()
        .into_owned();
    assert_eq!(run.files(), [expected].into());
}

#[test]
fn std_without_a_toolchain_exits_2() {
    let dir = TempDir::new("nogo");
    let run = run_with_env(&dir.0, &["check", "std"], &[("GOROOT", ""), ("PATH", "")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("GOROOT"), "{}", run.stderr);
}

#[test]
fn version_and_help() {
    let dir = TempDir::new("version");
    let version = run_in(&dir.0, &["--version"]);
    assert_eq!(
        (version.code, version.stdout.as_str()),
        (
            0,
            format!("go-analyzer {}\n", env!("CARGO_PKG_VERSION")).as_str()
        )
    );
    let help = run_in(&dir.0, &["--help"]);
    assert_eq!(help.code, 0);
    for word in [
        "check",
        "lsp",
        "--format",
        "--tests=false",
        "./...",
        "std",
        "Exit status",
        "null",
    ] {
        assert!(
            help.stdout.contains(word),
            "--help does not mention {word}:\n{}",
            help.stdout
        );
    }
    assert_eq!(run_in(&dir.0, &["help"]).stdout, help.stdout);
}

#[test]
fn type_errors_are_reported_as_the_compiler_reports_them() {
    let dir = TempDir::new("types");
    dir.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    dir.write(
        "a.go",
        "package m\n\nimport \"os\"\n\nvar x int = \"s\"\n\nfunc f() {\n\ty := 1\n}\n",
    );
    let run = run_in(&dir.0, &["check", "--format=json", "./..."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<(u64, u64, String, String)> = run
        .json()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap_or(0),
                r["column"].as_u64().unwrap_or(0),
                r["source"].as_str().unwrap_or("").to_string(),
                r["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        (3, 8, "\"os\" imported and not used"),
        (
            5,
            13,
            "cannot use \"s\" (untyped string constant) as int value in variable declaration",
        ),
        (8, 2, "declared and not used: y"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for ((line, col, source, message), (el, ec, em)) in found.iter().zip(expected) {
        assert_eq!(
            (*line, *col, source.as_str(), message.as_str()),
            (el, ec, "compiler", em)
        );
    }
}

/// The module's `go` line is the language version, as for the go command; `--lang` wins.
#[test]
fn the_go_line_of_go_mod_sets_the_language_version() {
    let dir = TempDir::new("lang");
    dir.write("go.mod", "module example.com/m\n\ngo 1.21\n");
    dir.write(
        "a.go",
        "package m\n\nfunc f() {\n\tfor i := range 10 {\n\t\t_ = i\n\t}\n}\n",
    );
    let run = run_in(&dir.0, &["check", "./..."]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            1,
            "a.go:4:17: cannot range over 10 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)\n"
        ),
        "{}",
        run.stderr
    );
    let run = run_in(&dir.0, &["check", "--lang=go1.22", "./..."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    dir.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    let run = run_in(&dir.0, &["check", "./..."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

/// Packages imported only by test files (a sibling package, from an internal and an
/// external test) are loaded and checked against, as the go command does.
#[test]
fn packages_imported_only_by_tests_are_found() {
    let dir = TempDir::new("testimports");
    dir.write("go.mod", "module example.com/a\n\ngo 1.21\n");
    dir.write("a.go", "package a\n");
    dir.write(
        "a_test.go",
        "package a\n\nimport \"example.com/a/testdata/p\"\n\nconst Y = p.X\n",
    );
    dir.write(
        "x_test.go",
        "package a_test\n\nimport \"example.com/a/internal/q\"\n\nvar _ string = q.S\n",
    );
    dir.write("testdata/p/p.go", "package p\n\nconst X = 1\n");
    dir.write("internal/q/q.go", "package q\n\nconst S = 2\n");
    let run = run_in(&dir.0, &["check", "."]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (
            1,
            "x_test.go:5:16: cannot use q.S (untyped int constant 2) as string value in variable declaration\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn external_tests_see_the_test_variant_of_their_package() {
    let dir = TempDir::new("xtest");
    dir.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    dir.write("p/p.go", "package p\n\nfunc internal() int { return 1 }\n");
    dir.write("p/export_test.go", "package p\n\nvar Exported = internal\n");
    dir.write(
        "p/p_test.go",
        "package p_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/p\"\n)\n\nfunc TestX(t *testing.T) {\n\tif p.Exported() != 1 {\n\t\tt.Fatal()\n\t}\n}\n",
    );
    let run = run_in(&dir.0, &["check", "./..."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // Without test files, the external test package is not checked at all.
    let run = run_in(&dir.0, &["check", "--tests=false", "./..."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

/// Type checker I's acceptance list: these packages check clean, tests included.
#[test]
fn standard_packages_without_generics_check_clean() {
    let dir = TempDir::new("stdclean");
    let packages = [
        "errors",
        "unicode/utf8",
        "strconv",
        "math",
        "container/list",
        "text/tabwriter",
        "encoding/hex",
        "path",
        "bufio",
        "regexp/syntax",
        "go/scanner",
        "go/token",
    ];
    let mut args = vec!["check"];
    args.extend(packages);
    let run = run_in(&dir.0, &args);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

// ---- analyzers and the CI formats ----

#[path = "sarif/schema.rs"]
mod sarif_schema;

/// A module whose `a.go` has one nilfunc finding, on the returned (1-based) line.
fn module_with_a_finding(dir: &TempDir, sub: &str) -> usize {
    let text = "package m\n\nfunc F() {}\n\nfunc G() bool {\n\treturn F == nil\n}\n";
    dir.write(&format!("{sub}go.mod"), "module example.com/m\n\ngo 1.22\n");
    dir.write(&format!("{sub}a.go"), text);
    text.lines()
        .position(|l| l.contains("F == nil"))
        .expect("the line")
        + 1
}

#[test]
fn analyzer_findings_are_reported_switchable_and_filtered_by_severity() {
    let dir = TempDir::new("analyzers");
    let line = module_with_a_finding(&dir, "");
    let run = run_in(&dir.0, &["check", "--format=json", "./..."]);
    assert_eq!(run.code, 1, "a warning fails the run: {}", run.stderr);
    let records = run.json();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["source"], "nilfunc");
    assert_eq!(records[0]["severity"], "warning");
    assert_eq!(records[0]["line"], line as u64);
    assert_eq!(
        records[0]["message"],
        "comparison of function F == nil is always false"
    );
    for args in [
        &["check", "--disable=nilfunc", "./..."][..],
        &["check", "--severity", "error", "./..."],
        &["check", "--disable", "all", "./..."],
    ] {
        let quiet = run_in(&dir.0, args);
        assert_eq!(
            (quiet.code, quiet.stdout.as_str()),
            (0, ""),
            "{args:?}: {}",
            quiet.stderr
        );
    }
    // An unknown name is a warning naming the known ones; the rest of the flags apply.
    let run = run_in(&dir.0, &["check", "--enable=nosuch", "./..."]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("comparison of function F"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("\"nosuch\"") && run.stderr.contains("nilfunc"),
        "{}",
        run.stderr
    );
}

#[test]
fn go_analyzer_toml_at_the_module_root_switches_analyzers() {
    let dir = TempDir::new("toml");
    module_with_a_finding(&dir, "");
    dir.write("sub/b.go", "package sub\n");
    dir.write("go-analyzer.toml", "# ours\n[analyses]\nnilfunc = false\n");
    let run = run_in(&dir.path("sub"), &["check", "../..."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // The flags win over the file.
    let run = run_in(&dir.0, &["check", "--enable=nilfunc", "./..."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // A malformed file: an error with line and column, the file ignored, the rest checked.
    dir.write("go-analyzer.toml", "[analyses]\nnilfunc = off\n");
    let run = run_in(&dir.0, &["check", "./..."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("go-analyzer.toml:2:11:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("comparison of function F"),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let dir = TempDir::new("sarif");
    std::fs::create_dir_all(dir.path(".git")).expect("a .git directory");
    let line = module_with_a_finding(&dir, "mod/");
    dir.write(
        "mod/broken/broken.go",
        "package broken\n\nvar x int = \"s\"\n",
    );
    let run = run_in(&dir.path("mod"), &["check", "--format", "sarif", "./..."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/sarif/sarif-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("the schema"))
            .expect("the schema is JSON");
    let mut errors = Vec::new();
    sarif_schema::validate(&schema, &schema, &log, "", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    broken["runs"][0]["bogus"] = Value::from(1);
    let mut errors = Vec::new();
    sarif_schema::validate(&schema, &schema, &broken, "", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");

    let run0 = &log["runs"][0];
    let rules: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(
        rules.contains(&"nilfunc") && rules.contains(&"compiler"),
        "{rules:?}"
    );
    let results = run0["results"].as_array().expect("results");
    let finding = results
        .iter()
        .find(|r| r["ruleId"] == "nilfunc")
        .expect("the nilfunc result");
    let location = &finding["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "mod/a.go");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], line as u64);
    assert_eq!(finding["level"], "warning");
    let rule =
        &run0["tool"]["driver"]["rules"][finding["ruleIndex"].as_u64().expect("index") as usize];
    assert_eq!(rule["id"], "nilfunc");
    assert!(
        rule["helpUri"]
            .as_str()
            .is_some_and(|u| u.ends_with("/nilfunc"))
    );
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "compiler" && r["level"] == "error")
    );
}

#[test]
fn github_format_prints_workflow_commands() {
    let dir = TempDir::new("github");
    std::fs::create_dir_all(dir.path(".git")).expect("a .git directory");
    let line = module_with_a_finding(&dir, "mod/");
    let run = run_in(&dir.path("mod"), &["check", "--format=github", "./..."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "::warning file=mod/a.go,line={line},col=9,endLine={line},endColumn=17,\
             title=go-analyzer (nilfunc)::comparison of function F == nil is always false\n"
        )
    );
}
