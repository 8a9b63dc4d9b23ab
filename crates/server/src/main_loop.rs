//! The thread that owns the [`AnalysisHost`]: every change to the analysis happens here, in the
//! order the client sent it.
//!
//! **Architecture Invariant**: handlers never touch the host; they put a [`Task`] on one
//! channel before their first `.await`, so tasks arrive in wire order. This thread drains every
//! task that is waiting, applies them all, then starts computing diagnostics for the open
//! documents whose diagnostics are not yet published, on a snapshot in a background thread.
//! The next change cancels that computation (salsa blocks the change until the snapshot is
//! dropped, which the cancelled computation does promptly); documents it did not finish stay
//! dirty and are computed again with the next batch.
//!
//! It is a plain thread rather than a tokio task because applying a change blocks: salsa waits
//! for outstanding snapshots to be dropped.

use std::{
    collections::{HashMap, HashSet},
    path::PathBuf,
    sync::{Arc, mpsc},
};

use ide::{AnalysisHost, ChangeKind, FileChange, OsFileSystem};
use tokio::sync::{mpsc::UnboundedSender, oneshot};
use tower_lsp_server::ls_types::{
    FileChangeType, FileEvent, MessageType, TextDocumentContentChangeEvent, Uri,
};

use crate::{
    config::{ClientSettings, EnabledAnalyzers},
    diagnostics::{self, Dirty, Started},
    documents::Document,
    mapper::{self, LineRope, PositionEncoding},
    packages::{self, PackageError, PackageReply},
    publisher::Outgoing,
    requests::{ReadJob, RequestContext, WorkspaceContext, WorkspaceJob},
};

/// A change to the analysis's inputs, in the order the client sent it.
#[derive(Debug)]
pub(crate) enum Task {
    Initialize {
        encoding: PositionEncoding,
        /// The workspace folders (or the root), as directories.
        roots: Vec<PathBuf>,
        /// `initializationOptions`: the client's settings (see `config`).
        options: Option<serde_json::Value>,
        /// The client shows work-done progress (`window.workDoneProgress`).
        work_done_progress: bool,
    },
    /// `workspace/didChangeConfiguration`: new client settings.
    Configuration {
        settings: serde_json::Value,
    },
    Open {
        uri: Uri,
        version: i32,
        text: String,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        uri: Uri,
    },
    /// Files and directories changed on disk (`workspace/didChangeWatchedFiles`).
    WatchedFiles {
        changes: Vec<FileEvent>,
    },
    /// `goAnalyzer/package`: the package of a document, answered on a snapshot taken after
    /// every change that came before the request.
    Package {
        uri: Uri,
        reply: oneshot::Sender<PackageReply>,
    },
    /// A read request (`requests`), answered on a snapshot taken after every change that came
    /// before it.
    Read {
        method: &'static str,
        uri: Uri,
        job: ReadJob,
    },
    /// A read request without a document (`workspace/symbol`), answered like `Read`.
    ReadWorkspace {
        method: &'static str,
        job: WorkspaceJob,
    },
}

impl Task {
    /// What the task is, for messages; never its text, which may be megabytes.
    fn describe(&self) -> String {
        match self {
            Task::Initialize { .. } => "initialize".to_string(),
            Task::Configuration { .. } => "workspace/didChangeConfiguration".to_string(),
            Task::Open { uri, .. } => format!("textDocument/didOpen of {}", uri.as_str()),
            Task::Change { uri, .. } => format!("textDocument/didChange of {}", uri.as_str()),
            Task::Close { uri } => format!("textDocument/didClose of {}", uri.as_str()),
            Task::WatchedFiles { changes } => {
                format!(
                    "workspace/didChangeWatchedFiles of {} file(s)",
                    changes.len()
                )
            }
            Task::Package { uri, .. } => format!("goAnalyzer/package of {}", uri.as_str()),
            Task::Read { method, uri, .. } => format!("{method} of {}", uri.as_str()),
            Task::ReadWorkspace { method, .. } => method.to_string(),
        }
    }
}

/// Deep Go code makes deep recursion in the analysis; the default 2 MiB would not do.
pub(crate) const ANALYSIS_STACK_SIZE: usize = 64 * 1024 * 1024;

/// Starts the owner thread; it stops when every sender of the returned channel is gone.
/// `analyzers` runs the analyzers and keeps their findings, for diagnostics and code actions.
pub(crate) fn spawn(
    out: UnboundedSender<Outgoing>,
    analyzers: ide::Analyzers,
) -> std::io::Result<mpsc::Sender<Task>> {
    let (sender, receiver) = mpsc::channel();
    let (enabled, _) = ClientSettings::default().analyzers();
    std::thread::Builder::new()
        .name("analysis-host".into())
        .spawn(move || {
            let mut main_loop = MainLoop {
                host: AnalysisHost::new(Arc::new(OsFileSystem)),
                encoding: PositionEncoding::Utf16,
                documents: HashMap::new(),
                ignored: HashSet::new(),
                dirty: Arc::default(),
                started: Arc::default(),
                revision: 0,
                detected: None,
                client: ClientSettings::default(),
                work_done_progress: false,
                computed: HashSet::new(),
                analyzers,
                enabled,
                shown_unknown: None,
                out,
            };
            main_loop.run(receiver);
        })?;
    Ok(sender)
}

struct MainLoop {
    host: AnalysisHost,
    encoding: PositionEncoding,
    documents: HashMap<Uri, OpenDocument>,
    /// Documents we were told about but do not analyze (not `file:` URIs): their later
    /// notifications are expected, not errors.
    ignored: HashSet<Uri>,
    dirty: Dirty,
    /// The revision of each open document's newest diagnostics computation.
    started: Started,
    /// The project settings found from the toolchain, before the client's settings.
    detected: Option<ide::ProjectSettings>,
    /// The client's settings (see `config`).
    client: ClientSettings,
    /// The client shows work-done progress.
    work_done_progress: bool,
    /// Documents whose diagnostics were computed (or started) at least once: the first time
    /// loads their package, which is worth showing as progress.
    computed: HashSet<Uri>,
    /// Counts batches of changes; results computed at an older revision never replace newer
    /// ones (see `publisher`).
    revision: u64,
    analyzers: ide::Analyzers,
    /// The analyzers whose findings are shown, from the `analyses` setting.
    enabled: EnabledAnalyzers,
    /// The last unknown-analyzer warning shown: clients push the same settings several
    /// times, and the same warning each time is noise.
    shown_unknown: Option<String>,
    out: UnboundedSender<Outgoing>,
}

#[derive(Debug)]
struct OpenDocument {
    path: PathBuf,
    doc: Document,
}

impl MainLoop {
    fn run(&mut self, receiver: mpsc::Receiver<Task>) {
        while let Ok(first) = receiver.recv() {
            self.revision += 1;
            let mut changed = false;
            for task in std::iter::once(first).chain(receiver.try_iter()) {
                changed |= self.handle_guarded(task);
            }
            if changed {
                self.start_diagnostics();
            }
        }
        tracing::debug!("all task senders are gone; the analysis host stops");
    }

    /// Handles one task; a panic is reported and survived, the host is left as it is.
    fn handle_guarded(&mut self, task: Task) -> bool {
        let what = task.describe();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(task))) {
            Ok(changed) => changed,
            Err(panic) => {
                let message = format!(
                    "internal error while applying {what}: {}",
                    panic_message(&*panic)
                );
                self.log(MessageType::ERROR, message);
                true
            }
        }
    }

    /// Applies a task; says whether the analysis's inputs changed.
    fn handle(&mut self, task: Task) -> bool {
        match task {
            Task::Initialize {
                encoding,
                roots,
                options,
                work_done_progress,
            } => {
                self.encoding = encoding;
                self.work_done_progress = work_done_progress;
                self.configure(roots);
                self.client_settings(options.unwrap_or_default())
            }
            Task::Configuration { settings } => self.client_settings(settings),
            Task::Open { uri, version, text } => self.open(uri, version, text),
            Task::Change {
                uri,
                version,
                changes,
            } => self.change(uri, version, changes),
            Task::Close { uri } => self.close(uri),
            Task::WatchedFiles { changes } => self.watched_files(changes),
            Task::Package { uri, reply } => {
                self.package(uri, reply);
                false
            }
            Task::Read { method, uri, job } => {
                self.read(method, uri, job);
                false
            }
            Task::ReadWorkspace { method, job } => {
                self.read_workspace(method, job);
                false
            }
        }
    }

    /// The toolchain and environment, found once (`go env` runs at most once, here), and the
    /// workspace folders: the project model's settings.
    fn configure(&mut self, roots: Vec<PathBuf>) {
        let (settings, warning) = ide::detect_project_settings(roots);
        if let Some(warning) = warning {
            self.log(MessageType::WARNING, warning);
        }
        tracing::info!(
            "GOROOT {}, {}/{}, roots {:?}",
            settings
                .goroot
                .as_deref()
                .map_or("(none)".into(), |g| g.display().to_string()),
            settings.build.goos,
            settings.build.goarch,
            settings.roots
        );
        self.host.set_project_settings(settings.clone());
        self.detected = Some(settings);
    }

    /// Applies the client's settings on top of the detected ones; says whether the project
    /// settings changed.
    fn client_settings(&mut self, value: serde_json::Value) -> bool {
        let (settings, warnings) = ClientSettings::from_json(&value);
        for warning in warnings {
            self.log(MessageType::WARNING, format!("settings: {warning}"));
        }
        let (enabled, unknown) = settings.analyzers();
        if let Some(unknown) = &unknown {
            // Shown, not only logged: a misspelled analyzer silently missing is worse.
            let message = format!("settings: analyses: {unknown}");
            tracing::warn!("{message}");
            if self.shown_unknown.as_ref() != Some(&message) {
                let _ = self.out.send(Outgoing::Show {
                    typ: MessageType::WARNING,
                    message: message.clone(),
                });
                self.shown_unknown = Some(message);
            }
        } else {
            self.shown_unknown = None;
        }
        let analyzers_changed = enabled != self.enabled;
        if analyzers_changed {
            tracing::info!("analyzers: {:?}", enabled);
            self.enabled = enabled;
            // The open documents' findings are shown again through the new selection (from
            // the analyzers' cache: nothing is computed again).
            let uris: Vec<Uri> = self.documents.keys().cloned().collect();
            for uri in &uris {
                self.mark_dirty(uri);
            }
        }
        let Some(detected) = &self.detected else {
            // Before `initialize` there is nothing to apply them to; keep them for then.
            self.client = settings;
            return analyzers_changed;
        };
        let project = settings.apply(detected);
        self.client = settings;
        if project == self.host.project_settings() {
            return analyzers_changed;
        }
        tracing::info!(
            "settings: {}/{}, tags {:?}",
            project.build.goos,
            project.build.goarch,
            project.build.tags
        );
        self.host.set_project_settings(project);
        // Every open document's diagnostics may change with the build configuration.
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in &uris {
            self.mark_dirty(uri);
        }
        true
    }

    /// Re-reads what the watcher reported; files open in the editor keep the editor's text.
    fn watched_files(&mut self, events: Vec<FileEvent>) -> bool {
        let mut changes = Vec::with_capacity(events.len());
        for event in events {
            let kind = match event.typ {
                FileChangeType::CREATED => ChangeKind::Created,
                FileChangeType::DELETED => ChangeKind::Deleted,
                _ => ChangeKind::Changed,
            };
            match mapper::uri_to_path(&event.uri) {
                Ok(path) => changes.push(FileChange { path, kind }),
                Err(why) => tracing::debug!("ignoring a watched-file event: {why}"),
            }
        }
        let changed = self.host.did_change_watched_files(&changes);
        tracing::debug!(
            "{} watched-file event(s) changed {changed} input(s)",
            changes.len()
        );
        changed > 0
    }

    /// Answers `goAnalyzer/package` on a snapshot, off this thread.
    fn package(&mut self, uri: Uri, reply: oneshot::Sender<PackageReply>) {
        let file = match self.documents.get(&uri) {
            Some(open) => open.doc.file,
            None => match mapper::uri_to_path(&uri) {
                Ok(path) => self.host.file(&path),
                Err(why) => {
                    let _ = reply.send(Err(PackageError::Failed(why)));
                    return;
                }
            },
        };
        let analysis = self.host.analysis();
        let spawned = std::thread::Builder::new()
            .name("package-query".into())
            .stack_size(ANALYSIS_STACK_SIZE)
            .spawn(move || {
                let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    packages::package_json(&analysis, file)
                }))
                .unwrap_or_else(|panic| {
                    Err(PackageError::Failed(format!(
                        "internal error computing the package: {}",
                        panic_message(&*panic)
                    )))
                });
                let _ = reply.send(answer);
            });
        if let Err(err) = spawned {
            self.log(
                MessageType::ERROR,
                format!("cannot start a package query: {err}"),
            );
        }
    }

    /// Runs a read request without a document on a snapshot, off this thread.
    fn read_workspace(&mut self, method: &'static str, job: WorkspaceJob) {
        let context = WorkspaceContext {
            analysis: self.host.analysis(),
            encoding: self.encoding,
        };
        self.spawn_request(method, move || (job.0)(context));
    }

    /// Runs a request's job on a thread of its own, with the analysis's deep stack.
    fn spawn_request(&self, method: &'static str, job: impl FnOnce() + Send + 'static) {
        let spawned = std::thread::Builder::new()
            .name("request".into())
            .stack_size(ANALYSIS_STACK_SIZE)
            .spawn(job);
        if let Err(err) = spawned {
            self.log(
                MessageType::ERROR,
                format!("cannot start answering {method}: {err}"),
            );
        }
    }

    /// Runs a read request's job on a snapshot, off this thread. A document that is not open
    /// is read from disk (`Backend::read` answers for documents that are not files).
    fn read(&mut self, method: &'static str, uri: Uri, job: ReadJob) {
        let file = match self.documents.get(&uri) {
            Some(open) => open.doc.file,
            None => match mapper::uri_to_path(&uri) {
                Ok(path) => self.host.file(&path),
                Err(why) => {
                    tracing::debug!("{method}: {why}");
                    // Dropping the job drops its reply: the handler answers with an error.
                    return;
                }
            },
        };
        let context = RequestContext {
            analysis: self.host.analysis(),
            file,
            encoding: self.encoding,
            analyzers: self.analyzers.clone(),
            enabled: self.enabled.clone(),
        };
        self.spawn_request(method, move || (job.0)(context));
    }

    fn open(&mut self, uri: Uri, version: i32, text: String) -> bool {
        let path = match mapper::uri_to_path(&uri) {
            Ok(path) => path,
            Err(why) => {
                self.log(
                    MessageType::INFO,
                    format!("not analyzing {}: {why}", uri.as_str()),
                );
                self.ignored.insert(uri);
                return false;
            }
        };
        if let Some((other, _)) = self
            .documents
            .iter()
            .find(|(other, open)| open.path == path && **other != uri)
        {
            // Two URIs for one file would interleave two editors' edits in one text.
            let message = format!(
                "not analyzing {}: {} is already open as {}",
                uri.as_str(),
                path.display(),
                other.as_str()
            );
            self.log(MessageType::WARNING, message);
            self.ignored.insert(uri);
            return false;
        }
        if self.documents.contains_key(&uri) {
            tracing::warn!(
                "{} was opened twice; the new text replaces the old",
                uri.as_str()
            );
        }
        // The rope copies the text first so that the host can take it without another copy.
        let rope = LineRope::new(&text);
        let file = self.host.open_file(&path, text);
        self.mark_dirty(&uri);
        self.documents.insert(
            uri,
            OpenDocument {
                path,
                doc: Document::new(file, version, rope),
            },
        );
        true
    }

    fn change(
        &mut self,
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> bool {
        let Some(open) = self.documents.get_mut(&uri) else {
            if self.ignored.contains(&uri) {
                return false;
            }
            let message = format!(
                "ignoring textDocument/didChange for {}, which is not open",
                uri.as_str()
            );
            self.log(MessageType::WARNING, message);
            return false;
        };
        if version <= open.doc.version {
            tracing::warn!(
                "{}: version {version} after {}; applying it anyway",
                uri.as_str(),
                open.doc.version
            );
        }
        let change = open.doc.apply_changes(changes, self.encoding);
        if change.clamped > 0 {
            tracing::warn!(
                "{}: {} change position(s) outside the document were clamped",
                uri.as_str(),
                change.clamped
            );
        }
        open.doc.version = version;
        let file = open.doc.file;
        if let Some(text) = change.full_text {
            self.host.set_file_text(&open.path, text);
        }
        if !change.edits.is_empty() {
            let text = self.host.apply_edits(file, &change.edits);
            debug_assert_eq!(
                text.len(),
                open.doc.len(),
                "the document and the host disagree"
            );
        }
        self.mark_dirty(&uri);
        true
    }

    fn close(&mut self, uri: Uri) -> bool {
        self.computed.remove(&uri);
        let Some(open) = self.documents.remove(&uri) else {
            if !self.ignored.remove(&uri) {
                let message = format!(
                    "ignoring textDocument/didClose for {}, which is not open",
                    uri.as_str()
                );
                self.log(MessageType::WARNING, message);
            }
            return false;
        };
        // The disk's version of the file is the analysis's again.
        self.host.close_file(open.doc.file);
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        self.started
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        let cleared = Outgoing::Diagnostics {
            uri,
            version: None,
            revision: self.revision,
            diagnostics: Vec::new(),
        };
        let _ = self.out.send(cleared);
        true
    }

    fn mark_dirty(&self, uri: &Uri) {
        self.dirty
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(uri.clone(), self.revision);
    }

    fn start_diagnostics(&mut self) {
        let jobs: Vec<diagnostics::Job> = {
            let dirty = self.dirty.lock().unwrap_or_else(|e| e.into_inner());
            dirty
                .keys()
                .filter_map(|uri| {
                    let open = self.documents.get(uri)?;
                    Some(diagnostics::Job {
                        uri: uri.clone(),
                        file: open.doc.file,
                        version: open.doc.version,
                    })
                })
                .collect()
        };
        if jobs.is_empty() {
            return;
        }
        let mut first_time = false;
        {
            let mut started = self.started.lock().unwrap_or_else(|e| e.into_inner());
            for job in &jobs {
                first_time |= self.computed.insert(job.uri.clone());
                started.insert(job.uri.clone(), self.revision);
            }
        }
        let computation = diagnostics::Computation {
            analysis: self.host.analysis(),
            jobs,
            revision: self.revision,
            encoding: self.encoding,
            out: self.out.clone(),
            dirty: self.dirty.clone(),
            started: self.started.clone(),
            progress: first_time && self.work_done_progress,
            analyzers: self.analyzers.clone(),
            enabled: self.enabled.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("diagnostics".into())
            .stack_size(ANALYSIS_STACK_SIZE)
            .spawn(move || computation.run());
        if let Err(err) = spawned {
            self.log(
                MessageType::ERROR,
                format!("cannot start computing diagnostics: {err}"),
            );
        }
    }

    fn log(&self, typ: MessageType, message: String) {
        match typ {
            MessageType::ERROR => tracing::error!("{message}"),
            MessageType::WARNING => tracing::warn!("{message}"),
            _ => tracing::info!("{message}"),
        }
        let _ = self.out.send(Outgoing::Log { typ, message });
    }
}

pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}
