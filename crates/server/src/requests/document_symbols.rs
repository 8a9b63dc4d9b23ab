//! `textDocument/documentSymbol`: the outline as a tree, or, for a client that does not
//! declare `hierarchicalDocumentSymbolSupport`, flattened with each symbol's parent as its
//! container.

use ide::{DocumentSymbol, SymbolKind};
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};
use crate::mapper;

/// Whether the client takes a tree of document symbols, read at `initialize`.
pub(crate) fn hierarchical(capabilities: &lsp::ClientCapabilities) -> bool {
    capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.document_symbol.as_ref())
        .and_then(|d| d.hierarchical_document_symbol_support)
        .unwrap_or(false)
}

pub(crate) fn symbol_kind(kind: SymbolKind) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Function => lsp::SymbolKind::FUNCTION,
        SymbolKind::Method => lsp::SymbolKind::METHOD,
        SymbolKind::Struct => lsp::SymbolKind::STRUCT,
        SymbolKind::Interface => lsp::SymbolKind::INTERFACE,
        SymbolKind::Class => lsp::SymbolKind::CLASS,
        SymbolKind::Field => lsp::SymbolKind::FIELD,
        SymbolKind::Constant => lsp::SymbolKind::CONSTANT,
        SymbolKind::Variable => lsp::SymbolKind::VARIABLE,
    }
}

pub(crate) fn document_symbols(
    cx: &RequestContext,
    params: lsp::DocumentSymbolParams,
    hierarchical: bool,
) -> RequestResult<Option<lsp::DocumentSymbolResponse>> {
    let symbols = cx.analysis.document_symbols(cx.file)?;
    let text = cx.analysis.file_text(cx.file)?;
    let index = cx.analysis.line_index(cx.file)?;
    let range = |r| mapper::range(&index, &text, r, cx.encoding);
    if hierarchical {
        fn convert(
            s: DocumentSymbol,
            range: &dyn Fn(ide::TextRange) -> lsp::Range,
        ) -> lsp::DocumentSymbol {
            let children: Vec<lsp::DocumentSymbol> =
                s.children.into_iter().map(|c| convert(c, range)).collect();
            #[allow(deprecated)]
            lsp::DocumentSymbol {
                name: s.name,
                detail: s.detail,
                kind: symbol_kind(s.kind),
                tags: None,
                deprecated: None,
                range: range(s.range),
                selection_range: range(s.selection_range),
                children: (!children.is_empty()).then_some(children),
            }
        }
        let tree = symbols.into_iter().map(|s| convert(s, &range)).collect();
        return Ok(Some(lsp::DocumentSymbolResponse::Nested(tree)));
    }
    let uri = params.text_document.uri;
    let mut flat = Vec::new();
    // Depth first, parents before their children, as the tree would list them.
    let mut stack: Vec<(DocumentSymbol, Option<String>)> =
        symbols.into_iter().rev().map(|s| (s, None)).collect();
    while let Some((mut s, container)) = stack.pop() {
        let children = std::mem::take(&mut s.children);
        stack.extend(
            children
                .into_iter()
                .rev()
                .map(|c| (c, Some(s.name.clone()))),
        );
        #[allow(deprecated)]
        flat.push(lsp::SymbolInformation {
            name: s.name,
            kind: symbol_kind(s.kind),
            tags: None,
            deprecated: None,
            location: lsp::Location {
                uri: uri.clone(),
                range: range(s.range),
            },
            container_name: container,
        });
    }
    Ok(Some(lsp::DocumentSymbolResponse::Flat(flat)))
}
