//! `textDocument/codeAction`: the analyzers' suggested fixes as quick fixes.
//!
//! Each fix of a finding that overlaps the requested range becomes a `quickfix` with its
//! edits and the finding's diagnostic attached. Findings of analyzers that only fix compiler
//! errors are not shown as diagnostics; their fixes come with the compiler's error at the
//! same range, as the client sent it back.
//!
//! The findings come from the analyzers' cache, or are computed: in two parts, so that no
//! snapshot is held while the analyzers run (the next edit would wait for them): [`prepare`]
//! reads what they need on the snapshot, [`actions`] runs them and builds the answer.

use std::{collections::HashMap, path::PathBuf};

use ide::{AnalyzerInputs, PackageFindings, TextRange};
use tower_lsp_server::ls_types as lsp;

use super::{RequestContext, RequestResult, path_uri};
use crate::{
    config::EnabledAnalyzers,
    diagnostics::finding_diagnostic,
    mapper::{self, PositionEncoding},
};

/// What a code action request needs once the snapshot is gone.
pub(crate) struct Prepared {
    path: PathBuf,
    range: TextRange,
    inputs: AnalyzerInputs,
    analyzers: ide::Analyzers,
    enabled: EnabledAnalyzers,
    encoding: PositionEncoding,
    /// The diagnostics the client sent with the request.
    context: Vec<lsp::Diagnostic>,
}

/// Whether the client asked for kinds that include quick fixes.
fn wants_quick_fixes(only: Option<&[lsp::CodeActionKind]>) -> bool {
    only.is_none_or(|kinds| {
        kinds
            .iter()
            .any(|k| k.as_str().is_empty() || *k == lsp::CodeActionKind::QUICKFIX)
    })
}

/// Reads on the snapshot what [`actions`] needs; `None` when there is nothing to offer.
pub(crate) fn prepare(
    cx: &RequestContext,
    params: lsp::CodeActionParams,
) -> RequestResult<Option<Prepared>> {
    if !wants_quick_fixes(params.context.only.as_deref()) {
        return Ok(None);
    }
    let start = cx.offset(params.range.start)?;
    let end = cx.offset(params.range.end)?;
    let Some(inputs) = cx.analysis.analyzer_inputs(cx.file)? else {
        return Ok(None);
    };
    Ok(Some(Prepared {
        path: cx.analysis.file_path(cx.file)?,
        range: TextRange::new(start.min(end), end.max(start)),
        inputs,
        analyzers: cx.analyzers.clone(),
        enabled: cx.enabled.clone(),
        encoding: cx.encoding,
        context: params.context.diagnostics,
    }))
}

/// The quick fixes, running the analyzers if their findings are not cached.
pub(crate) fn actions(prepared: Prepared) -> Vec<lsp::CodeActionOrCommand> {
    let Some((found, fresh)) =
        prepared
            .analyzers
            .findings(&prepared.inputs, &prepared.enabled, || true)
    else {
        return Vec::new();
    };
    if fresh {
        crate::diagnostics::log_bugs(&found);
    }
    quick_fixes(
        &found,
        &prepared.path,
        prepared.range,
        &prepared.enabled,
        prepared.encoding,
        &prepared.context,
    )
}

/// The fixes of the enabled analyzers' findings in `path` that overlap `range` (an empty
/// range touching a finding counts: it is the cursor).
pub(crate) fn quick_fixes(
    found: &PackageFindings,
    path: &std::path::Path,
    range: TextRange,
    enabled: &EnabledAnalyzers,
    encoding: PositionEncoding,
    context: &[lsp::Diagnostic],
) -> Vec<lsp::CodeActionOrCommand> {
    let mut indexes: HashMap<&std::path::Path, ide::LineIndex> = HashMap::new();
    let mut lsp_range = |path: &'_ std::path::Path, range: TextRange| -> Option<lsp::Range> {
        let (stored, text) = found.texts.get_key_value(path)?;
        let index = indexes
            .entry(stored.as_path())
            .or_insert_with(|| ide::LineIndex::new(text));
        Some(mapper::range(index, text, range, encoding))
    };
    let mut out = Vec::new();
    for finding in found.in_file(path) {
        let at = finding.diagnostic.range;
        if !enabled.contains(finding.analyzer())
            || at.start > range.end
            || range.start > at.end
            || finding.fixes.is_empty()
        {
            continue;
        }
        let Some(at_lsp) = lsp_range(path, at) else {
            continue;
        };
        let diagnostic = if finding.fixes_error {
            // The compiler's error the fix is for, as the client has it.
            context
                .iter()
                .find(|d| d.range == at_lsp && d.source.as_deref() == Some("compiler"))
                .cloned()
        } else {
            context
                .iter()
                .find(|d| d.range == at_lsp && d.source.as_deref() == Some(finding.analyzer()))
                .cloned()
        }
        .or_else(|| {
            let text = found.texts.get(path)?;
            let index = ide::LineIndex::new(text);
            Some(finding_diagnostic(&index, text, finding, encoding))
        });
        let Some(diagnostic) = diagnostic else {
            continue;
        };
        for fix in &finding.fixes {
            let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
            let mut complete = true;
            for edit in &fix.edits {
                match (path_uri(&edit.path), lsp_range(&edit.path, edit.range)) {
                    (Some(uri), Some(range)) => {
                        changes.entry(uri).or_default().push(lsp::TextEdit {
                            range,
                            new_text: edit.new_text.clone(),
                        })
                    }
                    _ => complete = false,
                }
            }
            // Half a fix would leave the code broken differently.
            if !complete || changes.is_empty() {
                continue;
            }
            out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: fix.title.clone(),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(changes),
                    ..lsp::WorkspaceEdit::default()
                }),
                ..lsp::CodeAction::default()
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ide::{Diagnostic, FileEdit, Finding, Fix, Severity};

    use super::*;

    const TEXT: &str = "package a\n\nfunc f() {\n\tif f == nil {\n\t}\n}\n";

    fn findings(fixes_error: bool) -> (PathBuf, PackageFindings) {
        let path = PathBuf::from("/w/a/a.go");
        let start = TEXT.find("f == nil").unwrap() as u32;
        let range = TextRange::new(start, start + 8);
        let finding = Finding {
            path: path.clone(),
            diagnostic: Diagnostic {
                range,
                severity: Severity::Warning,
                source: "nilfunc",
                code: None,
                message: "comparison of function f == nil is always false".into(),
            },
            fixes: vec![Fix {
                title: "Replace with false".into(),
                edits: vec![FileEdit {
                    path: path.clone(),
                    range,
                    new_text: "false".into(),
                }],
            }],
            fixes_error,
        };
        let found = PackageFindings {
            findings: vec![finding],
            texts: HashMap::from([(path.clone(), Arc::from(TEXT))]),
            ..PackageFindings::default()
        };
        (path, found)
    }

    fn enabled(names: &[&'static str]) -> EnabledAnalyzers {
        Arc::new(names.iter().copied().collect())
    }

    fn edits(action: &lsp::CodeActionOrCommand) -> (&lsp::CodeAction, Vec<lsp::TextEdit>) {
        let lsp::CodeActionOrCommand::CodeAction(action) = action else {
            panic!("a command: {action:?}");
        };
        let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
        assert_eq!(changes.len(), 1);
        (action, changes.values().next().unwrap().clone())
    }

    #[test]
    fn a_fix_overlapping_the_range_is_a_quick_fix_with_its_edits() {
        let (path, found) = findings(false);
        let cursor = TEXT.find("nil").unwrap() as u32;
        let actions = quick_fixes(
            &found,
            &path,
            TextRange::new(cursor, cursor),
            &enabled(&["nilfunc"]),
            PositionEncoding::Utf16,
            &[],
        );
        assert_eq!(actions.len(), 1, "{actions:?}");
        let (action, edits) = edits(&actions[0]);
        assert_eq!(action.title, "Replace with false");
        assert_eq!(action.kind, Some(lsp::CodeActionKind::QUICKFIX));
        let attached = &action.diagnostics.as_ref().unwrap()[0];
        assert_eq!(attached.source.as_deref(), Some("nilfunc"));
        let range = lsp::Range::new(lsp::Position::new(3, 4), lsp::Position::new(3, 12));
        assert_eq!(attached.range, range);
        assert_eq!(
            edits,
            [lsp::TextEdit {
                range,
                new_text: "false".into()
            }]
        );
        // Elsewhere, or with the analyzer off, or when the client wants other kinds: nothing.
        let far = TextRange::new(0, 3);
        let none = |range, on: &[&'static str]| {
            quick_fixes(
                &found,
                &path,
                range,
                &enabled(on),
                PositionEncoding::Utf8,
                &[],
            )
        };
        assert!(none(far, &["nilfunc"]).is_empty());
        assert!(none(TextRange::new(cursor, cursor), &[]).is_empty());
        assert!(!wants_quick_fixes(Some(&[lsp::CodeActionKind::REFACTOR])));
        assert!(wants_quick_fixes(Some(&[lsp::CodeActionKind::QUICKFIX])));
        assert!(wants_quick_fixes(None));
    }

    #[test]
    fn a_fix_for_a_compiler_error_comes_with_the_clients_error() {
        let (path, found) = findings(true);
        let range = lsp::Range::new(lsp::Position::new(3, 4), lsp::Position::new(3, 12));
        let compiler = lsp::Diagnostic {
            range,
            source: Some("compiler".into()),
            message: "some compiler error".into(),
            ..lsp::Diagnostic::default()
        };
        let at = TEXT.find("f == nil").unwrap() as u32;
        let actions = quick_fixes(
            &found,
            &path,
            TextRange::new(at, at + 2),
            &enabled(&["nilfunc"]),
            PositionEncoding::Utf16,
            std::slice::from_ref(&compiler),
        );
        assert_eq!(actions.len(), 1);
        let (action, _) = edits(&actions[0]);
        assert_eq!(action.diagnostics.as_deref(), Some(&[compiler][..]));
    }
}
