//! Writing diagnostics in the formats of the CLI contract (DESIGN.md): text like go vet, JSON
//! Lines, SARIF 2.1.0 for code scanning, and GitHub Actions workflow commands.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use crate::cli::Format;

/// One diagnostic as reported: 1-based lines and 1-based byte columns, as go/token counts.
/// The field order and names are the JSON contract; `code` is `null` when there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Record {
    pub(crate) file: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) end_line: u32,
    pub(crate) end_column: u32,
    pub(crate) severity: &'static str,
    pub(crate) source: &'static str,
    pub(crate) code: Option<&'static str>,
    pub(crate) message: String,
}

/// Sorts into the contract's stable order: path, line, column, message (then the rest, so that
/// equal keys still come out the same every run).
pub(crate) fn sort(records: &mut [Record]) {
    records.sort_by(|a, b| {
        (
            &a.file,
            a.line,
            a.column,
            &a.message,
            a.end_line,
            a.end_column,
            a.severity,
            a.source,
            a.code,
        )
            .cmp(&(
                &b.file,
                b.line,
                b.column,
                &b.message,
                b.end_line,
                b.end_column,
                b.severity,
                b.source,
                b.code,
            ))
    });
}

/// What the report formats need besides the records.
pub(crate) struct Context<'a> {
    /// Record paths that are relative are relative to it.
    pub(crate) cwd: &'a Path,
    /// SARIF and GitHub paths are relative to it.
    pub(crate) repository_root: &'a Path,
    /// The analyzers that ran: SARIF's rules.
    pub(crate) analyzers: &'a [&'static analyzers::Analyzer],
}

/// 0 for errors up to 3 for hints: the order of [`analyzers::Severity`].
pub(crate) fn severity_rank(severity: &str) -> u8 {
    use analyzers::Severity::*;
    [Error, Warning, Info, Hint]
        .into_iter()
        .find(|s| s.as_str() == severity)
        .map_or(0, |s| s as u8)
}

/// The repository `cwd` is in: the nearest directory at or above it with a `.git`, else
/// `cwd` itself.
pub(crate) fn repository_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

pub(crate) fn write(
    out: &mut impl Write,
    format: Format,
    records: &[Record],
    context: &Context<'_>,
) -> io::Result<()> {
    match format {
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(records, context))?;
            out.write_all(b"\n")?;
            return out.flush();
        }
        Format::Github => {
            for record in records {
                github_command(out, record, context)?;
            }
            return out.flush();
        }
        Format::Text | Format::Json => {}
    }
    for record in records {
        match format {
            Format::Text => {
                // One diagnostic per line, even when a message spans several.
                let message = record.message.replace('\n', " ");
                writeln!(
                    out,
                    "{}:{}:{}: {}",
                    record.file, record.line, record.column, message
                )?;
            }
            Format::Json => {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")?;
            }
            Format::Sarif | Format::Github => {}
        }
    }
    out.flush()
}

/// Where a record's file is: relative to the repository root (with `/`) when inside it,
/// else absolute.
enum Place {
    InRepository(String),
    Elsewhere(PathBuf),
}

fn place(record: &Record, context: &Context<'_>) -> Place {
    let path = context.cwd.join(&record.file);
    match path.strip_prefix(context.repository_root) {
        Ok(rel) => Place::InRepository(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        ),
        Err(_) => Place::Elsewhere(path),
    }
}

/// Rule ids besides the analyzers' names.
const SYNTAX_RULE: &str = "syntax";
const COMPILER_RULE: &str = "compiler";

/// The report as one SARIF 2.1.0 log: one run, a rule for the parser, the type checker and
/// each analyzer that ran (with its documentation), a result per record. Files in the
/// repository are given relative to the `%SRCROOT%` base (the repository root), as GitHub code
/// scanning wants them.
fn sarif(records: &[Record], context: &Context<'_>) -> serde_json::Value {
    let mut rules = vec![
        json!({
            "id": SYNTAX_RULE,
            "name": "SyntaxError",
            "shortDescription": { "text": "Go syntax errors, as the Go parser reports them." },
            "defaultConfiguration": { "level": "error" },
        }),
        json!({
            "id": COMPILER_RULE,
            "name": "TypeError",
            "shortDescription": { "text": "Go type errors, as the Go type checker reports them." },
            "defaultConfiguration": { "level": "error" },
        }),
    ];
    let mut ids: Vec<&str> = vec![SYNTAX_RULE, COMPILER_RULE];
    for analyzer in context.analyzers {
        ids.push(analyzer.name);
        rules.push(json!({
            "id": analyzer.name,
            "name": analyzer.name,
            "shortDescription": { "text": analyzer.summary() },
            "fullDescription": { "text": analyzer.doc },
            "help": { "text": format!("{}\n\nDocumentation: {}", analyzer.doc, analyzer.url()) },
            "helpUri": analyzer.url(),
            "defaultConfiguration": { "level": sarif_level(analyzer.severity.as_str()) },
        }));
    }
    let results: Vec<serde_json::Value> = records
        .iter()
        .map(|record| {
            let artifact = match place(record, context) {
                Place::InRepository(rel) => json!({ "uri": rel, "uriBaseId": "%SRCROOT%" }),
                Place::Elsewhere(path) => json!({ "uri": file_uri(&path) }),
            };
            let mut result = json!({
                "ruleId": record.source,
                "level": sarif_level(record.severity),
                "message": { "text": record.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": record.line,
                            "startColumn": record.column,
                            "endLine": record.end_line,
                            "endColumn": record.end_column,
                        },
                    },
                }],
            });
            if let Some(index) = ids.iter().position(|id| *id == record.source) {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "go-analyzer",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "originalUriBaseIds": {
                "%SRCROOT%": { "uri": format!("{}/", file_uri(context.repository_root).trim_end_matches('/')) },
            },
            // Columns count bytes, as go/token does; SARIF has no such kind, and these are
            // the same as Unicode code points on ASCII lines.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn sarif_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// A `file://` URI for an absolute path, with the characters URIs reserve escaped.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' | b':' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// One GitHub Actions workflow command (`::warning file=...,line=...::message`): the runner
/// turns it into an annotation on the file and line.
fn github_command(out: &mut impl Write, record: &Record, context: &Context<'_>) -> io::Result<()> {
    let command = match record.severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    let file = match place(record, context) {
        Place::InRepository(rel) => rel,
        Place::Elsewhere(path) => path.to_string_lossy().into_owned(),
    };
    writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&file),
        record.line,
        record.column,
        record.end_line,
        record.end_column,
        escape_property(&format!("go-analyzer ({})", record.source)),
        escape_data(&record.message),
    )
}

/// Escapes a workflow command's message, as the Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value, as the Actions toolkit does.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, line: u32, message: &str) -> Record {
        Record {
            file: file.to_string(),
            line,
            column: 2,
            end_line: line,
            end_column: 3,
            severity: "error",
            source: "syntax",
            code: None,
            message: message.to_string(),
        }
    }

    fn context() -> Context<'static> {
        Context {
            cwd: Path::new("/repo/sub"),
            repository_root: Path::new("/repo"),
            analyzers: &[],
        }
    }

    #[test]
    fn text_and_json_lines() {
        let mut out = Vec::new();
        write(
            &mut out,
            Format::Text,
            &[record("a.go", 3, "oops\nsecond line")],
            &context(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.go:3:2: oops second line\n"
        );
        let mut out = Vec::new();
        write(
            &mut out,
            Format::Json,
            &[record("a.go", 3, "oops")],
            &context(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"file\":\"a.go\",\"line\":3,\"column\":2,\"end_line\":3,\"end_column\":3,\
             \"severity\":\"error\",\"source\":\"syntax\",\"code\":null,\"message\":\"oops\"}\n"
        );
    }

    #[test]
    fn github_commands_are_escaped_and_relative_to_the_repository() {
        let mut out = Vec::new();
        let records = [
            record("a.go", 3, "50% done,\nnext: x"),
            record("/elsewhere/b.go", 1, "x"),
        ];
        write(&mut out, Format::Github, &records, &context()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=sub/a.go,line=3,col=2,endLine=3,endColumn=3,\
             title=go-analyzer (syntax)::50%25 done,%0Anext: x\n\
             ::error file=/elsewhere/b.go,line=1,col=2,endLine=1,endColumn=3,\
             title=go-analyzer (syntax)::x\n"
        );
    }

    #[test]
    fn sarif_paths_are_relative_to_the_repository_root() {
        let log = sarif(
            &[
                record("a.go", 3, "oops"),
                record("/go/src/fmt/x.go", 1, "y"),
            ],
            &context(),
        );
        let results = &log["runs"][0]["results"];
        let artifact = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uri"], "sub/a.go");
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        let outside = &results[1]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(outside["uri"], "file:///go/src/fmt/x.go");
        assert_eq!(results[0]["ruleId"], "syntax");
        assert_eq!(results[0]["ruleIndex"], 0);
        assert_eq!(
            log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///repo/"
        );
    }

    #[test]
    fn order_is_path_line_column_message() {
        let mut records = vec![
            record("b.go", 1, "x"),
            record("a.go", 9, "y"),
            record("a.go", 2, "z"),
            record("a.go", 2, "a"),
        ];
        sort(&mut records);
        let keys: Vec<_> = records
            .iter()
            .map(|r| (r.file.as_str(), r.line, r.message.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("a.go", 2, "a"),
                ("a.go", 2, "z"),
                ("a.go", 9, "y"),
                ("b.go", 1, "x")
            ]
        );
    }
}
