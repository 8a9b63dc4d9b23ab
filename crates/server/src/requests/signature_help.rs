//! `textDocument/signatureHelp`.

use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult};
use crate::mapper::PositionEncoding;

/// The characters that open signature help (a call's `(`) and move it along (`,`).
pub(crate) const TRIGGER_CHARACTERS: [&str; 2] = ["(", ","];
pub(crate) const RETRIGGER_CHARACTERS: [&str; 1] = [","];

pub(crate) fn signature_help(
    cx: &RequestContext,
    params: lsp::SignatureHelpParams,
) -> RequestResult<Option<lsp::SignatureHelp>> {
    let offset = cx.offset(params.text_document_position_params.position)?;
    let Some(found) = cx.analysis.signature_help(cx.file, offset)? else {
        return Ok(None);
    };
    // Parameter labels are offsets into the signature's label, counted in the position
    // encoding like every other offset (UTF-16 code units unless UTF-8 was negotiated).
    let units = |byte: u32| -> u32 {
        let prefix = &found.label[..byte as usize];
        match cx.encoding {
            PositionEncoding::Utf8 => byte,
            PositionEncoding::Utf16 => prefix.encode_utf16().count() as u32,
        }
    };
    let parameters = found
        .parameters
        .iter()
        .map(|range| lsp::ParameterInformation {
            label: lsp::ParameterLabel::LabelOffsets([units(range.start), units(range.end)]),
            documentation: None,
        })
        .collect();
    let signature = lsp::SignatureInformation {
        label: found.label.clone(),
        documentation: found.documentation.map(|value| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value,
            })
        }),
        parameters: Some(parameters),
        active_parameter: Some(found.active_parameter),
    };
    Ok(Some(lsp::SignatureHelp {
        signatures: vec![signature],
        active_signature: Some(0),
        active_parameter: Some(found.active_parameter),
    }))
}
