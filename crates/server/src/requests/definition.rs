//! `textDocument/definition`.

use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};

pub(crate) fn definition(
    cx: &RequestContext,
    params: lsp::GotoDefinitionParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let mut locations = Vec::new();
    for target in cx.analysis.goto_definition(cx.file, offset)? {
        locations.extend(cx.location(target.file, target.range)?);
    }
    Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
}

pub(crate) fn type_definition(
    cx: &RequestContext,
    params: lsp::request::GotoTypeDefinitionParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let mut locations = Vec::new();
    for target in cx.analysis.goto_type_definition(cx.file, offset)? {
        locations.extend(cx.location(target.file, target.range)?);
    }
    Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
}

pub(crate) fn implementation(
    cx: &RequestContext,
    params: lsp::request::GotoImplementationParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let mut locations = Vec::new();
    for target in cx.analysis.implementations(cx.file, offset)? {
        locations.extend(cx.location(target.file, target.range)?);
    }
    Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
}
