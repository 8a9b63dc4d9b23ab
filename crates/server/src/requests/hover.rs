//! `textDocument/hover`.

use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};

pub(crate) fn hover(
    cx: &RequestContext,
    params: lsp::HoverParams,
) -> RequestResult<Option<lsp::Hover>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let Some(found) = cx.analysis.hover(cx.file, offset)? else {
        return Ok(None);
    };
    Ok(Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: found.markdown,
        }),
        range: Some(cx.range(cx.file, found.range)?),
    }))
}
