//! Diagnostics of a file, as plain data.

use base_db::{SourceDatabase, SourceFile};
use syntax::TextRange;

/// How serious a diagnostic is; the names are the JSON contract's. The analyzers' own, so that
/// their findings keep theirs.
pub use analyzers::Severity;

/// One diagnostic: a byte range in the file, and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    /// Who found it: `syntax` for parse errors, `compiler` for type errors, else an analyzer.
    pub source: &'static str,
    pub code: Option<&'static str>,
    pub message: String,
}

/// Files with a NUL byte in their first 8 KiB are taken for binary files and not parsed: they
/// would only yield a wall of meaningless syntax errors.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

pub(crate) fn file_diagnostics(db: &dyn SourceDatabase, file: SourceFile) -> Vec<Diagnostic> {
    let text = file.text(db);
    let sniff = &text.as_bytes()[..text.len().min(BINARY_SNIFF_LEN)];
    if let Some(nul) = sniff.iter().position(|&b| b == 0) {
        return vec![syntax_error(
            TextRange::new(nul as u32, nul as u32 + 1),
            "invalid NUL character (is this a binary file?)".to_string(),
        )];
    }
    let mut diagnostics = Vec::new();
    if *file.lossy(db) {
        // One diagnostic per bad sequence would drown a file in noise; the first locates it.
        if let Some(at) = text.find('\u{FFFD}') {
            let at = at as u32;
            diagnostics.push(syntax_error(
                TextRange::new(at, at + '\u{FFFD}'.len_utf8() as u32),
                "invalid UTF-8 encoding (the file was decoded with replacement characters)"
                    .to_string(),
            ));
        }
    }
    let parse = base_db::parse(db, file);
    diagnostics.extend(
        parse
            .errors()
            .iter()
            .map(|e| syntax_error(e.range, e.message.clone())),
    );
    let ast = base_db::file_ast(db, file);
    diagnostics.extend(
        ast.errors
            .iter()
            .map(|e| syntax_error(e.range, e.message.clone())),
    );
    diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
    diagnostics
}

fn syntax_error(range: TextRange, message: String) -> Diagnostic {
    Diagnostic {
        range,
        severity: Severity::Error,
        source: "syntax",
        code: None,
        message,
    }
}
