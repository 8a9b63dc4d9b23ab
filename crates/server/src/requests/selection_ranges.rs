//! `textDocument/selectionRange`.

use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};
use crate::mapper;

/// One answer per position, as LSP requires: the chain of enclosing syntax, outermost last.
/// A position outside the document (past the end of the file or of its line), and any
/// position of an empty file, gets a zero-width range and no parent.
pub(crate) fn selection_ranges(
    cx: &RequestContext,
    params: lsp::SelectionRangeParams,
) -> RequestResult<Option<Vec<lsp::SelectionRange>>> {
    let text = cx.analysis.file_text(cx.file)?;
    let index = cx.analysis.line_index(cx.file)?;
    let mut out = Vec::with_capacity(params.positions.len());
    for position in params.positions {
        let offset = cx.offset(position)?;
        let at = mapper::position(&index, &text, offset, cx.encoding);
        let chain = if at == position {
            cx.analysis.selection_ranges(cx.file, offset)?
        } else {
            Vec::new()
        };
        let mut selection: Option<lsp::SelectionRange> = None;
        for range in chain.iter().rev() {
            selection = Some(lsp::SelectionRange {
                range: mapper::range(&index, &text, *range, cx.encoding),
                parent: selection.map(Box::new),
            });
        }
        out.push(selection.unwrap_or(lsp::SelectionRange {
            range: lsp::Range::new(at, at),
            parent: None,
        }));
    }
    Ok(Some(out))
}
