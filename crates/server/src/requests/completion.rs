//! `textDocument/completion`: `ide`'s items as LSP items, each replacing the identifier being
//! typed through a text edit, ordered by `sortText` (editors re-sort by their own matching
//! unless told otherwise; the sort text carries our ranking).

use ide::{CompletionConfig, CompletionKind};
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};

/// The characters after which the client asks for completion on its own.
pub(crate) const TRIGGER_CHARACTERS: [&str; 1] = ["."];

/// Whether the client takes snippets in completion items (`${1:}` placeholders).
pub(crate) fn snippet_support(capabilities: &lsp::ClientCapabilities) -> bool {
    capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref())
        .and_then(|i| i.snippet_support)
        .unwrap_or(false)
}

pub(crate) fn completion(
    cx: &RequestContext,
    params: lsp::CompletionParams,
    snippets: bool,
) -> RequestResult<Option<lsp::CompletionResponse>> {
    let position = params.text_document_position.position;
    // A line past the end is no place to write at (`offset` would clamp it to the end).
    if position.line >= cx.analysis.line_index(cx.file)?.line_count() {
        return Ok(None);
    }
    let offset = cx.offset(position)?;
    let items = cx
        .analysis
        .completions(cx.file, offset, CompletionConfig { snippets })?;
    if items.is_empty() {
        return Ok(None);
    }
    // A full list means more may match as the prefix changes: ask the client to come back.
    let is_incomplete = items.len() >= ide::COMPLETION_LIMIT;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let range = cx.range(cx.file, item.range)?;
        let mut additional = Vec::new();
        for edit in &item.additional_edits {
            additional.push(lsp::TextEdit {
                range: cx.range(cx.file, edit.delete)?,
                new_text: edit.insert.clone(),
            });
        }
        out.push(lsp::CompletionItem {
            label: item.label.clone(),
            kind: Some(kind(item.kind)),
            detail: item.detail,
            // Lower sorts first: the complement of the score, fixed width.
            sort_text: Some(format!("{:010}", u32::MAX - item.score)),
            filter_text: Some(item.label),
            insert_text_format: Some(if item.is_snippet {
                lsp::InsertTextFormat::SNIPPET
            } else {
                lsp::InsertTextFormat::PLAIN_TEXT
            }),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range,
                new_text: item.insert_text,
            })),
            additional_text_edits: (!additional.is_empty()).then_some(additional),
            ..lsp::CompletionItem::default()
        });
    }
    Ok(Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete,
        items: out,
    })))
}

fn kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::Var => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Const => lsp::CompletionItemKind::CONSTANT,
        CompletionKind::Func => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Method => lsp::CompletionItemKind::METHOD,
        CompletionKind::Field => lsp::CompletionItemKind::FIELD,
        // gopls' choice for defined types.
        CompletionKind::Type => lsp::CompletionItemKind::CLASS,
        CompletionKind::Interface => lsp::CompletionItemKind::INTERFACE,
        CompletionKind::Package => lsp::CompletionItemKind::MODULE,
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Snippet => lsp::CompletionItemKind::SNIPPET,
        CompletionKind::Label => lsp::CompletionItemKind::REFERENCE,
    }
}
