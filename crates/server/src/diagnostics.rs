//! Computing the diagnostics of open documents on a snapshot, off the owner thread.
//!
//! A computation either finishes a document (publishes it and marks it clean) or is cancelled
//! by the next change and stops: the documents it did not finish stay dirty, and the batch that
//! cancelled it starts a new computation covering them.
//!
//! The analyzers' findings come with the syntax and type errors. When they are cached for the
//! document's current text, at once; otherwise, with the snapshot dropped (running the
//! analyzers cannot be cancelled, and a held snapshot would make the next edit wait for
//! them), the analyzers run for those documents' packages, and a document is published when
//! its findings are ready, or without them once [`ANALYZERS_BUDGET`] is spent and again with
//! them later. A document edited again in the meantime is left to the newer computation. So
//! type errors never wait long for the analyzers; the price is that in a large package a
//! document's findings are missing from the first publication after an edit, until the
//! analyzers are done.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        mpsc::{self, RecvTimeoutError},
    },
    time::{Duration, Instant},
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

/// Open documents with the revision of the newest computation started for each: a computation
/// whose document has a newer one leaves it to that one.
pub(crate) type Started = Arc<Mutex<HashMap<Uri, u64>>>;

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
    pub(crate) started: Started,
    /// Report work-done progress: some document is computed for the first time, which loads
    /// its package and the package's dependencies (seconds, for a large one).
    pub(crate) progress: bool,
    pub(crate) analyzers: ide::Analyzers,
    /// The analyzers whose findings are shown.
    pub(crate) enabled: EnabledAnalyzers,
}

/// How long the type errors of documents whose findings are not cached wait for them before
/// they are published alone (the findings follow when they are ready). Small packages' findings
/// come within it, so their documents are published once; in a package whose analyzers took
/// longer the last time, type errors do not wait at all.
const ANALYZERS_BUDGET: Duration = Duration::from_millis(100);

/// A document whose analyzers' findings are being computed.
struct Pending {
    uri: Uri,
    version: i32,
    path: PathBuf,
    /// Its syntax and type errors.
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
        // The progress ends once every document is published (with or without its findings).
        let progress = self.progress;
        let end_progress = |out: &UnboundedSender<Outgoing>| {
            if progress {
                let _ = out.send(Outgoing::Progress(ProgressEvent::End {
                    token: token.clone(),
                }));
            }
        };
        let Computation {
            analysis,
            revision,
            encoding,
            out,
            started,
            analyzers,
            enabled,
            ..
        } = self;
        // Every query on the snapshot is done: the analyzers run without it.
        drop(analysis);
        if pending.is_empty() {
            end_progress(&out);
            return;
        }
        let publish = |p: &Pending, found: Option<&PackageFindings>| {
            // A newer computation of the document has started (the settings changed, say): it
            // publishes, and this older result must not come between.
            if is_stale(&started, &p.uri, revision) {
                return;
            }
            let mut diagnostics = p.compiler.clone();
            if let Some(found) = found {
                diagnostics.extend(shown_findings(found, &p.path, &enabled, encoding));
            }
            let _ = out.send(Outgoing::Diagnostics {
                uri: p.uri.clone(),
                version: Some(p.version),
                revision,
                diagnostics,
            });
        };
        // Where the analyzers took longer than the budget last time, waiting for them would
        // only delay the type errors.
        let slow = pending.iter().any(|p| {
            analyzers
                .last_run(&p.inputs)
                .is_some_and(|took| took > ANALYZERS_BUDGET)
        });
        let budget = if slow {
            Duration::ZERO
        } else {
            ANALYZERS_BUDGET
        };
        let results = run_analyzers(
            &pending,
            analyzers,
            enabled.clone(),
            started.clone(),
            revision,
        );
        let mut pending: Vec<Option<Pending>> = pending.into_iter().map(Some).collect();
        // Published without findings, the budget being spent.
        let mut early = false;
        let deadline = Instant::now() + budget;
        loop {
            let received = if early {
                results.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                results.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            };
            match received {
                Ok((i, found)) => {
                    let Some(p) = pending.get_mut(i).and_then(Option::take) else {
                        continue;
                    };
                    match found {
                        Some(found) => publish(&p, Some(&found)),
                        // Edited again: the newer computation publishes it with its findings.
                        None if !early => publish(&p, None),
                        None => {}
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    early = true;
                    for p in pending.iter().flatten() {
                        publish(p, None);
                    }
                    end_progress(&out);
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if !early {
            // The analyzers' thread is gone without a word on these (it could not start).
            for p in pending.iter().flatten() {
                publish(p, None);
            }
            end_progress(&out);
        }
    }

    fn send_progress(&self, event: ProgressEvent) {
        let _ = self.out.send(Outgoing::Progress(event));
    }

    /// Publishes every document's syntax and type errors with their cached findings; returns
    /// the documents whose findings are not cached, unpublished.
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
                Ok(Ok(computed)) => match computed.pending {
                    Some((path, inputs)) => pending.push(Pending {
                        uri: job.uri.clone(),
                        version: job.version,
                        path,
                        compiler: computed.diagnostics,
                        inputs,
                    }),
                    None => {
                        let publish = Outgoing::Diagnostics {
                            uri: job.uri.clone(),
                            version: Some(job.version),
                            revision: self.revision,
                            diagnostics: computed.diagnostics,
                        };
                        let _ = self.out.send(publish);
                    }
                },
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
            match self.analyzers.cached(&inputs, &self.enabled) {
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

/// Runs the analyzers of `pending`'s documents in order on a thread of its own, and sends
/// (index in `pending`, findings) for each; no findings for a document edited since (the newer
/// computation has it) or when the analyzers failed (logged).
fn run_analyzers(
    pending: &[Pending],
    analyzers: ide::Analyzers,
    enabled: EnabledAnalyzers,
    started: Started,
    revision: u64,
) -> mpsc::Receiver<(usize, Option<Arc<PackageFindings>>)> {
    let (sender, receiver) = mpsc::channel();
    let work: Vec<(Uri, AnalyzerInputs)> = pending
        .iter()
        .map(|p| (p.uri.clone(), p.inputs.clone()))
        .collect();
    let spawned = std::thread::Builder::new()
        .name("analyzers".into())
        .spawn(move || {
            for (i, (uri, inputs)) in work.into_iter().enumerate() {
                let stale = || is_stale(&started, &uri, revision);
                let started = Instant::now();
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    analyzers.findings(&inputs, &enabled, || !stale())
                }));
                let found = match ran {
                    Ok(Some((found, fresh))) => {
                        if fresh {
                            tracing::debug!(
                                "analyzers for {}: {} finding(s) in {:?}; slowest: {:?}",
                                uri.as_str(),
                                found.findings.len(),
                                started.elapsed(),
                                &found.timings[..found.timings.len().min(3)]
                            );
                            log_bugs(&found);
                        }
                        Some(found)
                    }
                    Ok(None) => None,
                    Err(panic) => {
                        tracing::error!(
                            "internal error running the analyzers for {}: {}",
                            uri.as_str(),
                            panic_message(&*panic)
                        );
                        None
                    }
                };
                if sender.send((i, found)).is_err() {
                    return;
                }
            }
        });
    if let Err(err) = spawned {
        tracing::error!("cannot start the analyzers: {err}");
    }
    receiver
}

/// Whether a computation newer than `revision` has started for `uri` (or it is closed).
fn is_stale(started: &Started, uri: &Uri, revision: u64) -> bool {
    started
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(uri)
        .is_none_or(|&newest| newest > revision)
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
        .map(|f| finding_diagnostic(&index, text, f, encoding))
        .collect()
}

/// An analyzer's finding as an LSP diagnostic: its code is the analyzer's name, which links
/// to the analyzer's documentation, as gopls does.
pub(crate) fn finding_diagnostic(
    index: &ide::LineIndex,
    text: &str,
    finding: &ide::Finding,
    encoding: PositionEncoding,
) -> lsp::Diagnostic {
    let mut diagnostic = mapper::diagnostic(index, text, &finding.diagnostic, encoding);
    let name = finding.analyzer();
    diagnostic.code = Some(lsp::NumberOrString::String(name.to_string()));
    if let Some(analyzer) = analyzers::all().iter().find(|a| a.name == name) {
        diagnostic.code_description = analyzer
            .url()
            .parse()
            .ok()
            .map(|href| lsp::CodeDescription { href });
    }
    diagnostic
}

/// Analyzers that panicked are bugs of ours: logged, and the other findings still shown.
pub(crate) fn log_bugs(found: &PackageFindings) {
    for bug in &found.bugs {
        tracing::error!("{bug}");
    }
}
