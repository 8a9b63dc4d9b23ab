//! Writing diagnostics in the formats of the CLI contract (DESIGN.md): text like go vet, and
//! JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

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

pub(crate) fn write(out: &mut impl Write, format: Format, records: &[Record]) -> io::Result<()> {
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
        }
    }
    out.flush()
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

    #[test]
    fn text_and_json_lines() {
        let mut out = Vec::new();
        write(
            &mut out,
            Format::Text,
            &[record("a.go", 3, "oops\nsecond line")],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.go:3:2: oops second line\n"
        );
        let mut out = Vec::new();
        write(&mut out, Format::Json, &[record("a.go", 3, "oops")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"file\":\"a.go\",\"line\":3,\"column\":2,\"end_line\":3,\"end_column\":3,\
             \"severity\":\"error\",\"source\":\"syntax\",\"code\":null,\"message\":\"oops\"}\n"
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
