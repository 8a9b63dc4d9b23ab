//! `textDocument/references` and `textDocument/documentHighlight`.

use ide::HighlightKind;
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};

pub(crate) fn references(
    cx: &RequestContext,
    params: lsp::ReferenceParams,
) -> RequestResult<Option<Vec<lsp::Location>>> {
    let offset = cx.offset(params.text_document_position.position)?;
    let include = params.context.include_declaration;
    let mut locations = Vec::new();
    for target in cx.analysis.references(cx.file, offset, include)? {
        locations.extend(cx.location(target.file, target.range)?);
    }
    Ok(Some(locations))
}

pub(crate) fn highlights(
    cx: &RequestContext,
    params: lsp::DocumentHighlightParams,
) -> RequestResult<Option<Vec<lsp::DocumentHighlight>>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let mut out = Vec::new();
    for h in cx.analysis.highlights(cx.file, offset)? {
        out.push(lsp::DocumentHighlight {
            range: cx.range(cx.file, h.range)?,
            kind: Some(match h.kind {
                HighlightKind::Read => lsp::DocumentHighlightKind::READ,
                HighlightKind::Write => lsp::DocumentHighlightKind::WRITE,
            }),
        });
    }
    Ok((!out.is_empty()).then_some(out))
}
