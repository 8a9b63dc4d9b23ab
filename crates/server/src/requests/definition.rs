//! `textDocument/definition`, `textDocument/typeDefinition` and `textDocument/implementation`:
//! places to go, as locations.

use ide::NavigationTarget;
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};

pub(crate) fn definition(
    cx: &RequestContext,
    params: lsp::GotoDefinitionParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    locations(cx, cx.analysis.goto_definition(cx.file, offset)?)
}

pub(crate) fn type_definition(
    cx: &RequestContext,
    params: lsp::request::GotoTypeDefinitionParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    locations(cx, cx.analysis.goto_type_definition(cx.file, offset)?)
}

pub(crate) fn implementation(
    cx: &RequestContext,
    params: lsp::request::GotoImplementationParams,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    locations(cx, cx.analysis.implementations(cx.file, offset)?)
}

/// The targets as LSP locations; `None` (no answer) when there are none.
fn locations(
    cx: &RequestContext,
    targets: Vec<NavigationTarget>,
) -> RequestResult<Option<lsp::GotoDefinitionResponse>> {
    let mut locations = Vec::new();
    for target in targets {
        locations.extend(cx.location(target.file, target.range)?);
    }
    Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
}
