//! Command-line parsing, by hand: the grammar is small and the CLI is a contract (see
//! DESIGN.md), so every accepted spelling is written down here and in [`USAGE`].

use std::ffi::OsString;

pub(crate) const USAGE: &str = "\
go-analyzer: a language server and checker for Go.

Usage:
  go-analyzer [lsp]                     serve the Language Server Protocol on stdin/stdout
  go-analyzer check [flags] [patterns]  report diagnostics, like go vet
  go-analyzer list [-json] [-deps] [packages]
                                        the packages the loader resolved, like go list
  go-analyzer --version                 print the version
  go-analyzer --help                    print this help

Patterns (default: .):
  a.go b.go   the named files, checked together as one package
  dir         the .go files directly in dir (a path: starts with ., .. or /)
  dir/...     dir and every directory below it; ./... is the current tree
  std         the standard library: $GOROOT/src without cmd
  Walks skip directories named vendor or testdata and files and directories whose
  names start with . or _ (below the named root), and do not follow symbolic links
  to directories. Import paths other than std are not supported yet.

Flags of check (one dash or two; -flag value or -flag=value):
  --format F           output format: text (default), json, sarif, github
  --severity S         report only diagnostics at least this severe: error, warning
                       (default), info or hint
  --enable a,b         switch analyzers on (by name; all: every analyzer)
  --disable a,b        switch analyzers off (applied after --enable)
  --tests=false        leave out _test.go files (default: included)
  --lang go1.N         language version (default: each module's go.mod `go` line)
  --goos os            target operating system (default: $GOOS, else the host's)
  --goarch arch        target architecture (default: $GOARCH, else the host's)
  --tags a,b           extra build tags

Analyzers: go vet's suite and gopls' analyzers run on every package that type-checks,
with gopls' defaults. A go-analyzer.toml at the module root (the nearest directory
with a go.mod, from the current directory up) switches them too; the flags win:
  [analyses]
  unusedparams = false
  shadow = true

Output, on stdout, sorted by path, line, column, message:
  text  path:line:col: message       (1-based line; 1-based column counting bytes)
  json  JSON Lines, one object per diagnostic with exactly the fields file, line,
        column, end_line, end_column (1-based; columns count bytes), severity
        (error|warning|info|hint), source (syntax, compiler, or an analyzer's name),
        code (null when the diagnostic has none) and message.
  sarif SARIF 2.1.0 (GitHub code scanning): one run, a rule per analyzer, paths
        relative to the repository root (the nearest directory with .git).
  github  GitHub Actions workflow commands (::error file=...,line=...::message).
  Paths are relative to the current directory when the file is below it, else
  absolute. Problems reading files are reported on stderr.

Packages of list: std, cmd, or import paths of the standard library (module
packages are not resolved by list yet). GOOS, GOARCH and CGO_ENABLED are read from
the environment, as go list reads them. -json prints go list -json's field names.

Exit status:
  0  no errors or warnings reported
  1  errors or warnings reported (after --severity)
  2  usage error; I/O failure (the other files are still checked); no Go toolchain
     where one is needed (std without GOROOT); internal error

Environment:
  GOROOT           the Go root for std (else `go env GOROOT` is asked)
  GO_ANALYZER_LOG  what to log on stderr (tracing filter syntax; default
                   info,salsa=warn)
";

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Lsp,
    Check(CheckOptions),
    List(ListOptions),
    Help,
    Version,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CheckOptions {
    pub(crate) format: Format,
    /// The least severe diagnostic reported.
    pub(crate) severity: analyzers::Severity,
    /// Analyzers switched on (`true`) or off by `--enable`/`--disable`, in order.
    pub(crate) analyses: Vec<(String, bool)>,
    pub(crate) tests: bool,
    pub(crate) lang: Option<String>,
    pub(crate) goos: Option<String>,
    pub(crate) goarch: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) patterns: Vec<OsString>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ListOptions {
    pub(crate) json: bool,
    pub(crate) deps: bool,
    pub(crate) patterns: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

/// A command line we cannot run; the message says what is wrong with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UsageError(pub(crate) String);

/// Parses the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(Command::Lsp);
    };
    match first.to_str() {
        Some("lsp") => lsp(args),
        // Editors' LSP client libraries often pass --stdio to the server command.
        Some("--stdio") => lsp(args),
        Some("check") => check(args),
        Some("--version" | "-version" | "-V" | "version") => Ok(Command::Version),
        Some("--help" | "-help" | "-h" | "help") => Ok(Command::Help),
        Some("list") => list(args),
        _ => Err(UsageError(format!(
            "unknown command {:?}",
            first.to_string_lossy()
        ))),
    }
}

/// `list` takes go list's spellings of the flags it supports; `-e` is accepted and always in
/// effect (errors are reported in the packages, as with `go list -e`).
fn list(args: impl Iterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut options = ListOptions {
        json: false,
        deps: false,
        patterns: Vec::new(),
    };
    for arg in args {
        let Some(arg) = arg.to_str() else {
            return Err(UsageError(format!(
                "go-analyzer list: invalid argument {:?}",
                arg.to_string_lossy()
            )));
        };
        match arg.trim_start_matches('-') {
            _ if !arg.starts_with('-') => options.patterns.push(arg.to_string()),
            "json" => options.json = true,
            "deps" => options.deps = true,
            "e" => {}
            _ => return Err(UsageError(format!("go-analyzer list: unknown flag {arg}"))),
        }
    }
    if options.patterns.is_empty() {
        options.patterns.push(".".to_string());
    }
    Ok(Command::List(options))
}

fn lsp(args: impl Iterator<Item = OsString>) -> Result<Command, UsageError> {
    for arg in args {
        if arg != "--stdio" {
            return Err(UsageError(format!(
                "go-analyzer lsp: unexpected argument {:?}",
                arg.to_string_lossy()
            )));
        }
    }
    Ok(Command::Lsp)
}

fn check(args: impl Iterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut options = CheckOptions {
        format: Format::Text,
        severity: analyzers::Severity::Warning,
        analyses: Vec::new(),
        tests: true,
        lang: None,
        goos: None,
        goarch: None,
        tags: Vec::new(),
        patterns: Vec::new(),
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--" {
            options.patterns.extend(args);
            break;
        }
        let Some(flag) = arg
            .to_str()
            .and_then(|a| a.strip_prefix('-'))
            .filter(|f| !f.is_empty())
        else {
            // A pattern, or a lone "-"; patterns may be non-UTF-8 paths.
            options.patterns.push(arg);
            continue;
        };
        let flag = flag.strip_prefix('-').unwrap_or(flag);
        let (name, inline_value) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (flag, None),
        };
        let mut value = || -> Result<String, UsageError> {
            if let Some(value) = inline_value.clone() {
                return Ok(value);
            }
            match args.next() {
                Some(value) => value
                    .into_string()
                    .map_err(|_| UsageError(format!("--{name}: value is not UTF-8"))),
                None => Err(UsageError(format!("flag --{name} needs a value"))),
            }
        };
        match name {
            "format" => options.format = parse_format(&value()?)?,
            "severity" => options.severity = parse_severity(&value()?)?,
            "enable" | "disable" => {
                let on = name == "enable";
                for analyzer in value()?.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    options.analyses.push((analyzer.to_string(), on));
                }
            }
            // A boolean takes its value only after `=`, as in Go's flag package, so that
            // `--tests foo.go` keeps foo.go a pattern.
            "tests" => options.tests = inline_value.as_deref().map_or(Ok(true), parse_bool)?,
            "lang" => options.lang = Some(validate_lang(value()?)?),
            "goos" => options.goos = Some(validate_word("goos", value()?)?),
            "goarch" => options.goarch = Some(validate_word("goarch", value()?)?),
            "tags" => options.tags = parse_tags(&value()?)?,
            "h" | "help" => return Ok(Command::Help),
            _ => {
                return Err(UsageError(format!(
                    "unknown flag {:?}",
                    arg.to_string_lossy()
                )));
            }
        }
    }
    Ok(Command::Check(options))
}

fn parse_format(value: &str) -> Result<Format, UsageError> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "sarif" => Ok(Format::Sarif),
        "github" => Ok(Format::Github),
        _ => Err(UsageError(format!(
            "unknown --format {value:?} (want text, json, sarif or github)"
        ))),
    }
}

fn parse_severity(value: &str) -> Result<analyzers::Severity, UsageError> {
    use analyzers::Severity::*;
    [Error, Warning, Info, Hint]
        .into_iter()
        .find(|s| s.as_str() == value)
        .ok_or_else(|| {
            UsageError(format!(
                "unknown --severity {value:?} (want error, warning, info or hint)"
            ))
        })
}

/// Go's flag package's spellings of a boolean.
fn parse_bool(value: &str) -> Result<bool, UsageError> {
    match value {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(UsageError(format!("invalid boolean {value:?} for --tests"))),
    }
}

/// `go1.N`, or `go1.N.M` as go.mod's go line allows.
fn validate_lang(value: String) -> Result<String, UsageError> {
    let numbers = value
        .strip_prefix("go1.")
        .map(|rest| rest.split('.').collect::<Vec<_>>());
    let valid = numbers.is_some_and(|parts| {
        parts.len() <= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    if valid {
        Ok(value)
    } else {
        Err(UsageError(format!(
            "invalid --lang {value:?} (want go1.N, e.g. go1.22)"
        )))
    }
}

/// GOOS and GOARCH values are lowercase letters and digits (linux, amd64, wasip1, ...).
fn validate_word(flag: &str, value: String) -> Result<String, UsageError> {
    if !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Ok(value)
    } else {
        Err(UsageError(format!(
            "invalid --{flag} {value:?} (want lowercase letters and digits, e.g. linux)"
        )))
    }
}

/// A comma-separated list (spaces are accepted too, as the go command still does); a tag is
/// letters, digits, `_` and `.`.
fn parse_tags(value: &str) -> Result<Vec<String>, UsageError> {
    let mut tags = Vec::new();
    for tag in value.split([',', ' ']).filter(|t| !t.is_empty()) {
        if !tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            return Err(UsageError(format!("invalid build tag {tag:?} in --tags")));
        }
        tags.push(tag.to_string());
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    fn check_options(args: &[&str]) -> CheckOptions {
        match parse_args(args) {
            Ok(Command::Check(options)) => options,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn commands() {
        assert_eq!(parse_args(&[]), Ok(Command::Lsp));
        assert_eq!(parse_args(&["lsp"]), Ok(Command::Lsp));
        assert_eq!(parse_args(&["lsp", "--stdio"]), Ok(Command::Lsp));
        assert_eq!(parse_args(&["--version"]), Ok(Command::Version));
        assert_eq!(parse_args(&["help"]), Ok(Command::Help));
        assert_eq!(parse_args(&["check", "-h"]), Ok(Command::Help));
        assert!(parse_args(&["frobnicate"]).is_err());
        assert!(parse_args(&["lsp", "x"]).is_err());
    }

    #[test]
    fn check_flags_in_both_spellings() {
        let options = check_options(&[
            "check",
            "-format=json",
            "--tests=false",
            "--lang",
            "go1.22",
            "./...",
        ]);
        assert_eq!(options.format, Format::Json);
        assert!(!options.tests);
        assert_eq!(options.lang.as_deref(), Some("go1.22"));
        assert_eq!(options.patterns, [OsString::from("./...")]);
        let options = check_options(&[
            "check",
            "--tests",
            "a.go",
            "--goos=linux",
            "--goarch",
            "amd64",
            "--tags=a,b.c",
        ]);
        assert!(options.tests);
        assert_eq!(options.patterns, [OsString::from("a.go")]);
        assert_eq!(options.tags, ["a", "b.c"]);
        let options = check_options(&["check", "--", "-odd.go"]);
        assert_eq!(options.patterns, [OsString::from("-odd.go")]);
        let options = check_options(&[
            "check",
            "--format=sarif",
            "--severity",
            "error",
            "--enable=printf,nilfunc",
            "-disable",
            "nilfunc",
        ]);
        assert_eq!(options.format, Format::Sarif);
        assert_eq!(options.severity, analyzers::Severity::Error);
        let analyses: Vec<(&str, bool)> = options
            .analyses
            .iter()
            .map(|(n, on)| (n.as_str(), *on))
            .collect();
        assert_eq!(
            analyses,
            [("printf", true), ("nilfunc", true), ("nilfunc", false)]
        );
        assert_eq!(
            check_options(&["check", "-format", "github"]).format,
            Format::Github
        );
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for args in [
            &["check", "--bogus"][..],
            &["check", "--format"],
            &["check", "--severity=fatal"],
            &["check", "--enable"],
            &["check", "--format=xml"],
            &["check", "--tests=maybe"],
            &["check", "--lang=1.22"],
            &["check", "--lang=go1."],
            &["check", "--goos=Linux"],
            &["check", "--tags=a;b"],
        ] {
            assert!(parse_args(args).is_err(), "{args:?}");
        }
    }
}
