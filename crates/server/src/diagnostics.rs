//! Computing the diagnostics of open documents on a snapshot, off the owner thread.
//!
//! A computation either finishes a document (publishes it and marks it clean) or is cancelled
//! by the next change and stops: the documents it did not finish stay dirty, and the batch that
//! cancelled it starts a new computation covering them.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use ide::{Analysis, Cancellable, FileId};
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::{self as lsp, MessageType, Uri};

use crate::{
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
        self.compute();
        if self.progress {
            self.send_progress(ProgressEvent::End { token });
        }
    }

    fn send_progress(&self, event: ProgressEvent) {
        let _ = self.out.send(Outgoing::Progress(event));
    }

    fn compute(&self) {
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
                Ok(Ok(diagnostics)) => {
                    let publish = Outgoing::Diagnostics {
                        uri: job.uri.clone(),
                        version: Some(job.version),
                        revision: self.revision,
                        diagnostics,
                    };
                    let _ = self.out.send(publish);
                }
                // A newer change is being applied; it brings a new computation.
                Ok(Err(cancelled)) => {
                    tracing::debug!(
                        "diagnostics at revision {} cancelled: {cancelled}",
                        self.revision
                    );
                    return;
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
    }

    fn document_diagnostics(&self, file: FileId) -> Cancellable<Vec<lsp::Diagnostic>> {
        let mut diagnostics = self.analysis.diagnostics(file)?;
        // Syntax errors inside function bodies leave the package checked (only the broken
        // bodies' type errors are left out), so type errors come along with them.
        diagnostics.extend(self.analysis.type_diagnostics(file)?);
        if diagnostics.is_empty() {
            return Ok(Vec::new());
        }
        let text = self.analysis.file_text(file)?;
        let index = self.analysis.line_index(file)?;
        Ok(diagnostics
            .iter()
            .map(|d| mapper::diagnostic(&index, &text, d, self.encoding))
            .collect())
    }
}
