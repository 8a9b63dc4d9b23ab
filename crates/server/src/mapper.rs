//! Every conversion between LSP coordinates and ours, in one place.
//!
//! **API Boundary**: LSP positions are (line, column) pairs whose column counts UTF-16 code
//! units or bytes, as negotiated at `initialize`; the analysis speaks byte offsets. Nothing
//! outside this module does that arithmetic, so the two encodings cannot drift apart.
//!
//! Lines are separated by `\n` only, as go/token and gopls count them (`\r\n` is a `\n` line
//! whose last byte is `\r`). Client positions that do not exist are clamped, never trusted: a
//! line past the end means the end of the document, a column past the end of its line means
//! the end of that line, a column inside a character means that character's start.

use ide::{LineIndex, TextRange};
use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

/// How LSP columns are counted on this connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PositionEncoding {
    Utf8,
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (it is what we store: no conversion at all), else the
    /// mandatory UTF-16.
    pub(crate) fn negotiate(client: &lsp::ClientCapabilities) -> PositionEncoding {
        let offered = client
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The file-system path a document URI names, or why it has none.
pub(crate) fn uri_to_path(uri: &lsp::Uri) -> Result<std::path::PathBuf, String> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return Err(format!(
            "{} is not a file: URI; only files on disk are analyzed",
            uri.as_str()
        ));
    }
    match uri.to_file_path() {
        Some(path) if path.is_absolute() => Ok(path.into_owned()),
        _ => Err(format!(
            "{} does not name an absolute file path",
            uri.as_str()
        )),
    }
}

/// A rope together with what we need to find `\n`-separated lines in it quickly.
///
/// ropey's own line metric also breaks at `\r`, U+2028 and a few more; that disagrees with ours
/// only in documents containing such characters, which we detect by comparing its line count
/// with the number of `\n` bytes (maintained incrementally), falling back to scanning.
#[derive(Debug)]
pub(crate) struct LineRope {
    rope: Rope,
    newlines: usize,
}

impl LineRope {
    pub(crate) fn new(text: &str) -> LineRope {
        LineRope {
            rope: Rope::from_str(text),
            newlines: count_newlines(text.as_bytes()),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    /// Replaces `range` (byte offsets on character boundaries, as [`LineRope::offset`] returns
    /// them) by `text`.
    pub(crate) fn replace(&mut self, range: std::ops::Range<usize>, text: &str) {
        let removed = self
            .rope
            .byte_slice(range.clone())
            .chunks()
            .map(|c| count_newlines(c.as_bytes()))
            .sum::<usize>();
        let start = self.rope.byte_to_char(range.start);
        let end = self.rope.byte_to_char(range.end);
        self.rope.remove(start..end);
        self.rope.insert(start, text);
        self.newlines = self.newlines - removed + count_newlines(text.as_bytes());
    }

    /// The byte offset of an LSP position, clamped into the document (see the module docs),
    /// and whether it was there as given. Always a character boundary.
    pub(crate) fn offset(&self, pos: lsp::Position, encoding: PositionEncoding) -> (usize, bool) {
        let Some((start, end)) = self.line_bounds(pos.line as usize) else {
            return (self.rope.len_bytes(), false);
        };
        let col = pos.character as usize;
        match encoding {
            PositionEncoding::Utf8 => {
                let target = start + col.min(end - start);
                // Rounds a byte inside a character down to the character's first byte.
                let offset = self.rope.char_to_byte(self.rope.byte_to_char(target));
                (offset, offset - start == col)
            }
            PositionEncoding::Utf16 => {
                let line_start = self.rope.char_to_utf16_cu(self.rope.byte_to_char(start));
                let line_end = self.rope.char_to_utf16_cu(self.rope.byte_to_char(end));
                let target = line_start.saturating_add(col).min(line_end);
                // A unit inside a surrogate pair maps to the character it belongs to.
                let ch = self.rope.utf16_cu_to_char(target);
                (
                    self.rope.char_to_byte(ch),
                    self.rope.char_to_utf16_cu(ch) - line_start == col,
                )
            }
        }
    }

    /// Byte range of line `line` without its `\n`, or `None` when there is no such line.
    fn line_bounds(&self, line: usize) -> Option<(usize, usize)> {
        if line > self.newlines {
            return None;
        }
        let len = self.rope.len_bytes();
        if self.rope.len_lines() == self.newlines + 1 {
            // ropey's breaks are exactly the `\n`s: use its O(log n) index.
            let start = self.rope.line_to_byte(line);
            let end = if line == self.newlines {
                len
            } else {
                self.rope.line_to_byte(line + 1) - 1
            };
            return Some((start, end));
        }
        let mut seen = 0;
        let mut start = (line == 0).then_some(0);
        let mut base = 0;
        for chunk in self.rope.chunks() {
            for (i, &b) in chunk.as_bytes().iter().enumerate() {
                if b != b'\n' {
                    continue;
                }
                if let Some(start) = start {
                    return Some((start, base + i));
                }
                seen += 1;
                if seen == line {
                    start = Some(base + i + 1);
                }
            }
            base += chunk.len();
        }
        start.map(|start| (start, len))
    }

    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.rope.to_string()
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The LSP position of a byte offset in `text` (whose line index is `index`).
pub(crate) fn position(
    index: &LineIndex,
    text: &str,
    offset: u32,
    encoding: PositionEncoding,
) -> lsp::Position {
    let lc = match encoding {
        PositionEncoding::Utf8 => index.line_col(offset),
        PositionEncoding::Utf16 => index.line_col_utf16(text, offset),
    };
    lsp::Position::new(lc.line, lc.col)
}

pub(crate) fn range(
    index: &LineIndex,
    text: &str,
    range: TextRange,
    encoding: PositionEncoding,
) -> lsp::Range {
    lsp::Range::new(
        position(index, text, range.start, encoding),
        position(index, text, range.end, encoding),
    )
}

pub(crate) fn diagnostic(
    index: &LineIndex,
    text: &str,
    diagnostic: &ide::Diagnostic,
    encoding: PositionEncoding,
) -> lsp::Diagnostic {
    let severity = match diagnostic.severity {
        ide::Severity::Error => lsp::DiagnosticSeverity::ERROR,
        ide::Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        ide::Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        ide::Severity::Hint => lsp::DiagnosticSeverity::HINT,
    };
    lsp::Diagnostic {
        range: range(index, text, diagnostic.range, encoding),
        severity: Some(severity),
        code: diagnostic
            .code
            .map(|code| lsp::NumberOrString::String(code.to_string())),
        source: Some(diagnostic.source.to_string()),
        message: diagnostic.message.clone(),
        ..lsp::Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position::new(line, character)
    }

    /// Checks the rope's answer against `LineIndex`, the reference for the opposite direction.
    fn check_round_trip(text: &str) {
        let rope = LineRope::new(text);
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                let p = position(&index, text, offset as u32, encoding);
                assert_eq!(
                    rope.offset(p, encoding),
                    (offset, true),
                    "{text:?} {p:?} {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn offsets_round_trip_with_line_index() {
        check_round_trip("package p\n\nvar s = \"héllo 😀\"\n");
        check_round_trip("a\r\nb\r\n");
        check_round_trip("");
        // Line separators ropey knows but Go does not: the slow path must agree with LineIndex.
        check_round_trip("a\rb\u{2028}c\nd\u{85}e\x0c\nf");
    }

    #[test]
    fn hostile_positions_are_clamped() {
        let rope = LineRope::new("ab😀c\nxy");
        assert_eq!(rope.offset(pos(0, 99), PositionEncoding::Utf16).0, 7);
        assert_eq!(rope.offset(pos(0, 99), PositionEncoding::Utf8).0, 7);
        assert_eq!(rope.offset(pos(7, 0), PositionEncoding::Utf8).0, 10);
        assert_eq!(
            rope.offset(pos(u32::MAX, u32::MAX), PositionEncoding::Utf16)
                .0,
            10
        );
        assert_eq!(rope.offset(pos(1, u32::MAX), PositionEncoding::Utf16).0, 10);
        // Inside the surrogate pair, or inside the UTF-8 sequence: the emoji's start.
        assert_eq!(rope.offset(pos(0, 3), PositionEncoding::Utf16).0, 2);
        assert_eq!(rope.offset(pos(0, 4), PositionEncoding::Utf8).0, 2);
    }

    #[test]
    fn replace_keeps_line_count() {
        let mut rope = LineRope::new("a\nb\nc");
        rope.replace(1..4, "\r");
        assert_eq!(rope.text(), "a\rc");
        assert_eq!(rope.offset(pos(1, 0), PositionEncoding::Utf8).0, 3);
        rope.replace(2..2, "\n");
        assert_eq!(rope.offset(pos(1, 0), PositionEncoding::Utf8).0, 3);
        assert_eq!(rope.offset(pos(0, 5), PositionEncoding::Utf8).0, 2);
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let mut caps = lsp::ClientCapabilities::default();
        assert_eq!(PositionEncoding::negotiate(&caps), PositionEncoding::Utf16);
        caps.general = Some(lsp::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(PositionEncoding::negotiate(&caps), PositionEncoding::Utf8);
    }

    #[test]
    #[cfg(unix)]
    fn only_absolute_file_uris_are_paths() {
        let uri = |s: &str| s.parse::<lsp::Uri>().unwrap();
        assert!(
            uri_to_path(&uri("file:///tmp/a%20b.go"))
                .is_ok_and(|p| p == std::path::Path::new("/tmp/a b.go"))
        );
        assert!(uri_to_path(&uri("untitled:Untitled-1")).is_err());
        assert!(uri_to_path(&uri("https://example.com/a.go")).is_err());
    }
}
