//! Open documents: the editor's copy of each file, and turning LSP content changes into the
//! byte-offset edits the analysis takes.
//!
//! **Architecture Invariant**: a document's rope and the host's text for its file are equal
//! after every change notification, because both receive the same edits in the same order and
//! the offsets handed to the host are already clamped onto character boundaries (so the host's
//! own clamping never comes into play).

use ide::{FileId, TextEdit, TextRange};
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::mapper::{LineRope, PositionEncoding};

#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) file: FileId,
    pub(crate) version: i32,
    text: LineRope,
}

/// What a `didChange` means for the analysis: an optional new whole text, then edits relative
/// to it (or to the previous text when there is none).
#[derive(Debug, Default)]
pub(crate) struct HostChange {
    pub(crate) full_text: Option<String>,
    pub(crate) edits: Vec<TextEdit>,
    /// How many positions did not exist in the document and were clamped.
    pub(crate) clamped: usize,
}

impl Document {
    pub(crate) fn new(file: FileId, version: i32, text: LineRope) -> Document {
        Document {
            file,
            version,
            text,
        }
    }

    /// Applies `changes` in order, each to the result of the previous one, as the LSP says.
    pub(crate) fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) -> HostChange {
        let mut change = HostChange::default();
        for event in changes {
            let Some(range) = event.range else {
                // A whole new text makes the edits before it moot.
                self.text = LineRope::new(&event.text);
                change.edits.clear();
                change.full_text = Some(event.text);
                continue;
            };
            let (start, start_exact) = self.text.offset(range.start, encoding);
            let (end, end_exact) = self.text.offset(range.end, encoding);
            // A reversed range is malformed; reading it as an insertion at its start deletes
            // nothing the user did not ask to delete.
            let end = end.max(start);
            change.clamped += usize::from(!start_exact) + usize::from(!end_exact);
            self.text.replace(start..end, &event.text);
            change.edits.push(TextEdit {
                delete: TextRange::new(start as u32, end as u32),
                insert: event.text,
            });
        }
        change
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }
}
