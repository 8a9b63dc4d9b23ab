//! `textDocument/foldingRange`.

use ide::{FoldKind, FoldingConfig};
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};
use crate::mapper;

/// Whether the client folds whole lines only (its `lineFoldingOnly`), read at `initialize`.
pub(crate) fn line_folding_only(capabilities: &lsp::ClientCapabilities) -> bool {
    capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.folding_range.as_ref())
        .and_then(|f| f.line_folding_only)
        .unwrap_or(false)
}

pub(crate) fn folding_ranges(
    cx: &RequestContext,
    _params: lsp::FoldingRangeParams,
    line_folding_only: bool,
) -> RequestResult<Option<Vec<lsp::FoldingRange>>> {
    let folds = cx
        .analysis
        .folding_ranges(cx.file, FoldingConfig { line_folding_only })?;
    // One text and line index for all ranges: a large file has thousands.
    let text = cx.analysis.file_text(cx.file)?;
    let index = cx.analysis.line_index(cx.file)?;
    let ranges = folds
        .into_iter()
        .map(|fold| {
            let range = mapper::range(&index, &text, fold.range, cx.encoding);
            // A client folding lines ignores characters; leave them out rather than send
            // positions it must not act on.
            let character = |c: u32| (!line_folding_only).then_some(c);
            lsp::FoldingRange {
                start_line: range.start.line,
                start_character: character(range.start.character),
                end_line: range.end.line,
                end_character: character(range.end.character),
                kind: match fold.kind {
                    FoldKind::Comment => Some(lsp::FoldingRangeKind::Comment),
                    FoldKind::Imports => Some(lsp::FoldingRangeKind::Imports),
                    FoldKind::Region => Some(lsp::FoldingRangeKind::Region),
                    // gopls sends code folds without a kind; LSP's `region` means a
                    // user-marked region.
                    FoldKind::Code => None,
                },
                collapsed_text: None,
            }
        })
        .collect();
    Ok(Some(ranges))
}
