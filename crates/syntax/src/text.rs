//! Byte ranges and the line index: the coordinates every other crate speaks.
//!
//! Offsets are byte offsets into the file's UTF-8 text, as go/token counts them. Conversion to
//! UTF-16 (what most LSP clients want) lives here too because it is pure text arithmetic; the
//! decision of *which* encoding to use belongs to the server.

use std::fmt;

/// A half-open byte range `start..end` in a file's text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> TextRange {
        TextRange { start, end }
    }

    pub const fn empty(at: u32) -> TextRange {
        TextRange { start: at, end: at }
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A zero-based line and a zero-based column counted in bytes (UTF-8 code units).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Maps byte offsets to lines and columns and back, in UTF-8 or UTF-16 code units.
///
/// Built once per text (O(n)); every lookup is a binary search over line starts.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Line and byte column of `offset`; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol {
            line: line as u32,
            col: offset - self.line_starts[line],
        }
    }

    /// Byte offset of a line and byte column, or `None` when the line does not exist. A column
    /// past the end of its line clamps to the line's end (before its newline).
    pub fn offset(&self, pos: LineCol) -> Option<u32> {
        let start = *self.line_starts.get(pos.line as usize)?;
        let end = self.line_end(pos.line);
        Some((start + pos.col).min(end))
    }

    /// The byte range of a line, without its terminating newline.
    pub fn line_range(&self, line: u32) -> Option<TextRange> {
        let start = *self.line_starts.get(line as usize)?;
        Some(TextRange::new(start, self.line_end(line)))
    }

    fn line_end(&self, line: u32) -> u32 {
        match self.line_starts.get(line as usize + 1) {
            Some(&next) => next - 1,
            None => self.len,
        }
    }

    /// Line and UTF-16 column of `offset` in `text` (the text this index was built from).
    pub fn line_col_utf16(&self, text: &str, offset: u32) -> LineCol {
        let LineCol { line, col } = self.line_col(offset);
        let start = self.line_starts[line as usize] as usize;
        let prefix = floor_char_slice(text, start, start + col as usize);
        LineCol {
            line,
            col: prefix.encode_utf16().count() as u32,
        }
    }

    /// Byte offset of a line and UTF-16 column in `text`; a column past the line's end, or one
    /// that falls inside a surrogate pair, clamps (to the end, or to the character's start).
    pub fn offset_utf16(&self, text: &str, pos: LineCol) -> Option<u32> {
        let range = self.line_range(pos.line)?;
        let line_text = floor_char_slice(text, range.start as usize, range.end as usize);
        let mut units = 0u32;
        for (i, ch) in line_text.char_indices() {
            let next = units + ch.len_utf16() as u32;
            if next > pos.col {
                return Some(range.start + i as u32);
            }
            units = next;
        }
        Some(range.start + line_text.len() as u32)
    }
}

/// `text[start..end]`, with both ends moved back to character boundaries so that a stale or
/// hostile offset can never panic.
fn floor_char_slice(text: &str, start: usize, end: usize) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end));
    &text[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_round_trips() {
        let text = "package p\n\nvar x = \"héllo\"\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        for offset in 0..=text.len() as u32 {
            let lc = index.line_col(offset);
            assert_eq!(index.offset(lc), Some(offset), "offset {offset}");
        }
        assert_eq!(index.line_col(11), LineCol { line: 2, col: 0 });
        assert_eq!(index.offset(LineCol { line: 9, col: 0 }), None);
        assert_eq!(index.offset(LineCol { line: 0, col: 99 }), Some(9));
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let text = "a😀b\nx";
        let index = LineIndex::new(text);
        // 'b' is at byte 5, UTF-16 column 3 (the emoji is a surrogate pair).
        assert_eq!(index.line_col_utf16(text, 5), LineCol { line: 0, col: 3 });
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 3 }),
            Some(5)
        );
        // Inside the surrogate pair: clamp to the emoji's start.
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 2 }),
            Some(1)
        );
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 0, col: 50 }),
            Some(6)
        );
        assert_eq!(
            index.offset_utf16(text, LineCol { line: 1, col: 1 }),
            Some(8)
        );
    }
}
