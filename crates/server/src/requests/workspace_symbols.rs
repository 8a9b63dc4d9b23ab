//! `workspace/symbol`: a fuzzy search over the workspace's and the standard library's
//! declarations, best first, with the package's import path as container.

use tower_lsp_server::ls_types as lsp;

use super::{RequestResult, WorkspaceContext, document_symbols::symbol_kind};

/// At most this many results: a client shows a short list and asks again as the user types.
pub(crate) const LIMIT: usize = 100;

pub(crate) fn workspace_symbols(
    cx: &WorkspaceContext,
    params: lsp::WorkspaceSymbolParams,
) -> RequestResult<Option<lsp::WorkspaceSymbolResponse>> {
    let mut out = Vec::new();
    for symbol in cx.analysis.workspace_symbols(&params.query, LIMIT)? {
        let Some(location) = cx.location(symbol.file, symbol.range)? else {
            continue;
        };
        #[allow(deprecated)]
        out.push(lsp::SymbolInformation {
            name: symbol.name,
            kind: symbol_kind(symbol.kind),
            tags: None,
            deprecated: None,
            location,
            container_name: Some(symbol.container),
        });
    }
    Ok(Some(lsp::WorkspaceSymbolResponse::Flat(out)))
}
