//! Computing the diagnostics of open documents on a snapshot, off the owner thread.
//!
//! A computation either finishes a document (publishes it and marks it clean) or is cancelled
//! by the next change and stops: the documents it did not finish stay dirty, and the batch that
//! cancelled it starts a new computation covering them.
//!
//! It publishes in two steps. First the syntax and type errors of every document, with the
//! analyzers' findings when they are cached for the document's current text; then, with the
//! snapshot dropped (running the analyzers cannot be cancelled, and a held snapshot would make
//! the next edit wait for them), the analyzers run for the packages that had no cached
//! findings and each such document is published again with them. A document edited again in
//! the meantime is skipped: the newer computation covers it. So type errors never wait for the
//! analyzers; the price is that a document's findings are missing from the first publication
//! after an edit until the analyzers are done.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use ide::{Analysis, AnalyzerInputs, Cancellable, FileId, PackageFindings};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::{self as lsp, MessageType, Uri};

use crate::{
    config::EnabledAnalyzers,
    main_loop::panic_message,
    mapper::{self, PositionEncoding},
    publisher::{Outgoing, ProgressEvent},
};

/// Open documents whose current diagnostics are not published yet, with the revision at which
/// each last changed.
pub(crate) type Dirty = Arc<Mutex<HashMap<Uri, u64>>>;

#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) uri: Uri,
    pub(crate) file: FileId,
    pub(crate) version: i32,
}

pub(crate) struct Computation {
    pub(crate) analysis: Analysis,
    pub(crate) jobs: Vec<Job>,
    pub(crate) revision: u64,
    pub(crate) encoding: PositionEncoding,
    pub(crate) out: UnboundedSender<Outgoing>,
    pub(crate) dirty: Dirty,
    /// Report work-done progress: some document is computed for the first time, which loads
    /// its package and the package's dependencies (seconds, for a large one).
    pub(crate) progress: bool,
    pub(crate) analyzers: ide::Analyzers,
    /// The analyzers whose findings are shown.
    pub(crate) enabled: EnabledAnalyzers,
}

/// A document published without its analyzers' findings, which are being computed.
struct Pending {
    uri: Uri,
    version: i32,
    path: PathBuf,
    /// What was published: syntax and type errors.
    compiler: Vec<lsp::Diagnostic>,
    inputs: AnalyzerInputs,
}

/// A document's diagnostics on the snapshot, and the analyzer inputs of its package when
/// their findings are not cached.
struct Computed {
    diagnostics: Vec<lsp::Diagnostic>,
    pending: Option<(PathBuf, AnalyzerInputs)>,
}

impl Computation {
    pub(crate) fn run(self) {
        let token = format!("go-analyzer/load/{}", self.revision);
        if self.progress {
            self.send_progress(ProgressEvent::Begin {
                token: token.clone(),
                title: "Loading packages".to_string(),
                message: format!("{} document(s)", self.jobs.len()),
            });
        }
        let pending = self.compute();
        if self.progress {
            self.send_progress(ProgressEvent::End { token });
        }
        let Computation {
            analysis,
            revision,
            encoding,
            out,
            dirty,
            analyzers,
            enabled,
            ..
        } = self;
        // Every query on the snapshot is done: the analyzers run without it.
        drop(analysis);
        for p in pending {
            // Edited again since: the computation of that edit publishes it.
            let stale = || {
                dirty
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(&p.uri)
                    .is_some_and(|&changed| changed > revision)
            };
            if stale() {
                continue;
            }
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyzers.findings(&p.inputs, || !stale())
            }));
            let found = match ran {
                Ok(Some((found, fresh))) => {
                    if fresh {
                        log_bugs(&found);
                    }
                    found
                }
                Ok(None) => continue,
                Err(panic) => {
                    tracing::error!(
                        "internal error running the analyzers for {}: {}",
                        p.uri.as_str(),
                        panic_message(&*panic)
                    );
                    continue;
                }
            };
            let mut diagnostics = p.compiler;
            diagnostics.extend(shown_findings(&found, &p.path, &enabled, encoding));
            let _ = out.send(Outgoing::Diagnostics {
                uri: p.uri,
                version: Some(p.version),
                revision,
                diagnostics,
            });
        }
    }

    fn send_progress(&self, event: ProgressEvent) {
        let _ = self.out.send(Outgoing::Progress(event));
    }

    /// Publishes every document's syntax and type errors (and cached findings); returns the
    /// documents whose analyzers are still to run.
    fn compute(&self) -> Vec<Pending> {
        let mut pending = Vec::new();
        let token = format!("go-analyzer/load/{}", self.revision);
        for (i, job) in self.jobs.iter().enumerate() {
            if self.progress {
                let name = job.uri.as_str().rsplit('/').next().unwrap_or_default();
                self.send_progress(ProgressEvent::Report {
                    token: token.clone(),
                    message: format!("checking {name}"),
                    percentage: (i * 100 / self.jobs.len()) as u32,
                });
            }
            let computed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.document_diagnostics(job.file)
            }));
            match computed {
                Ok(Ok(computed)) => {
                    if let Some((path, inputs)) = computed.pending {
                        pending.push(Pending {
                            uri: job.uri.clone(),
                            version: job.version,
                            path,
                            compiler: computed.diagnostics.clone(),
                            inputs,
                        });
                    }
                    let publish = Outgoing::Diagnostics {
                        uri: job.uri.clone(),
                        version: Some(job.version),
                        revision: self.revision,
                        diagnostics: computed.diagnostics,
                    };
                    let _ = self.out.send(publish);
                }
                // A newer change is being applied; it brings a new computation.
                Ok(Err(cancelled)) => {
                    tracing::debug!(
                        "diagnostics at revision {} cancelled: {cancelled}",
                        self.revision
                    );
                    return Vec::new();
                }
                // Reported, and not retried until the document changes: the same input would
                // panic the same way.
                Err(panic) => {
                    let message = format!(
                        "internal error computing diagnostics of {}: {}",
                        job.uri.as_str(),
                        panic_message(&*panic)
                    );
                    tracing::error!("{message}");
                    let _ = self.out.send(Outgoing::Log {
                        typ: MessageType::ERROR,
                        message,
                    });
                }
            }
            let mut dirty = self.dirty.lock().unwrap_or_else(|e| e.into_inner());
            if dirty
                .get(&job.uri)
                .is_some_and(|&changed| changed <= self.revision)
            {
                dirty.remove(&job.uri);
            }
        }
        pending
    }

    fn document_diagnostics(&self, file: FileId) -> Cancellable<Computed> {
        let mut diagnostics = self.analysis.diagnostics(file)?;
        // Syntax errors inside function bodies leave the package checked (only the broken
        // bodies' type errors are left out), so type errors come along with them.
        diagnostics.extend(self.analysis.type_diagnostics(file)?);
        let text = self.analysis.file_text(file)?;
        let index = self.analysis.line_index(file)?;
        let mut diagnostics: Vec<lsp::Diagnostic> = diagnostics
            .iter()
            .map(|d| mapper::diagnostic(&index, &text, d, self.encoding))
            .collect();
        let mut pending = None;
        if let Some(inputs) = self.analysis.analyzer_inputs(file)? {
            let path = self.analysis.file_path(file)?;
            match self.analyzers.cached(&inputs) {
                Some(found) => {
                    diagnostics.extend(shown_findings(&found, &path, &self.enabled, self.encoding))
                }
                None => pending = Some((path, inputs)),
            }
        }
        Ok(Computed {
            diagnostics,
            pending,
        })
    }
}

/// The findings in `path` to show: of enabled analyzers, and not those that only carry fixes
/// for compiler errors.
fn shown_findings(
    found: &PackageFindings,
    path: &Path,
    enabled: &EnabledAnalyzers,
    encoding: PositionEncoding,
) -> Vec<lsp::Diagnostic> {
    let Some(text) = found.texts.get(path) else {
        return Vec::new();
    };
    let index = ide::LineIndex::new(text);
    found
        .in_file(path)
        .filter(|f| !f.fixes_error && enabled.contains(f.analyzer()))
        .map(|f| mapper::diagnostic(&index, text, &f.diagnostic, encoding))
        .collect()
}

/// Analyzers that panicked are bugs of ours: logged, and the other findings still shown.
pub(crate) fn log_bugs(found: &PackageFindings) {
    for bug in &found.bugs {
        tracing::error!("{bug}");
    }
}
