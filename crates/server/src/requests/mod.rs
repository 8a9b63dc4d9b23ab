//! Read requests (hover, definition, symbols, ...): each is answered on a snapshot of the
//! analysis taken after every change the client sent before it, on a thread of its own.
//!
//! A handler calls [`Backend::read`] with the request's document and a body. The body gets a
//! [`RequestContext`] (the snapshot, the document's file, the position encoding) and returns
//! its LSP result. A change that arrives while the body runs cancels the snapshot's queries; the
//! client then gets `ContentModified` (-32801), which LSP clients retry or drop, and never an
//! answer computed on text the client no longer has.

use std::path::Path;

use ide::{Analysis, Cancelled, FileId, TextRange};
use tower_lsp_server::{
    jsonrpc::{self, ErrorCode},
    ls_types::{self as lsp, Uri},
};

use crate::{
    config::EnabledAnalyzers,
    handlers::Backend,
    main_loop::{Task, panic_message},
    mapper::{self, PositionEncoding},
};

pub(crate) mod code_actions;
pub(crate) mod completion;
pub(crate) mod definition;
pub(crate) mod document_symbols;
pub(crate) mod folding_ranges;
pub(crate) mod hover;
pub(crate) mod references;
pub(crate) mod selection_ranges;
pub(crate) mod signature_help;
pub(crate) mod workspace_symbols;

/// Why a read request has no answer.
#[derive(Debug)]
pub(crate) enum RequestError {
    /// A change came in while computing (answered as ContentModified).
    Cancelled,
    /// The request cannot be answered (answered as InvalidParams with this message).
    Invalid(String),
}

impl From<Cancelled> for RequestError {
    fn from(_: Cancelled) -> RequestError {
        RequestError::Cancelled
    }
}

pub(crate) type RequestResult<T> = Result<T, RequestError>;

/// A read request's body, boxed for the trip to the host's thread, where it gets its context.
pub(crate) struct Job<C>(pub(crate) Box<dyn FnOnce(C) + Send>);

impl<C> std::fmt::Debug for Job<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

/// The body of a read request on a document.
pub(crate) type ReadJob = Job<RequestContext>;

/// The body of a read request without a document (`workspace/symbol`).
pub(crate) type WorkspaceJob = Job<WorkspaceContext>;

/// What a read request's body works with.
pub(crate) struct RequestContext {
    pub(crate) analysis: Analysis,
    /// The request's document.
    pub(crate) file: FileId,
    pub(crate) encoding: PositionEncoding,
    /// The analyzers' runner and cache, and which of them are on (code actions).
    pub(crate) analyzers: ide::Analyzers,
    pub(crate) enabled: EnabledAnalyzers,
}

impl RequestContext {
    /// The byte offset of `pos` in the request's document, clamped into it: a position past
    /// the end of a line or of the document means its end.
    pub(crate) fn offset(&self, pos: lsp::Position) -> RequestResult<u32> {
        let text = self.analysis.file_text(self.file)?;
        let index = self.analysis.line_index(self.file)?;
        let line = pos.line.min(index.line_count().saturating_sub(1));
        let Some(line_range) = index.line_range(line) else {
            return Ok(text.len() as u32);
        };
        if pos.line > line {
            return Ok(text.len() as u32);
        }
        let at = match self.encoding {
            PositionEncoding::Utf8 => {
                let mut at = (line_range.start + pos.character).min(line_range.end);
                while !text.is_char_boundary(at as usize) {
                    at -= 1;
                }
                at
            }
            PositionEncoding::Utf16 => {
                let line_text = &text[line_range.as_usize()];
                let mut units = 0u32;
                let mut at = line_range.end;
                for (i, c) in line_text.char_indices() {
                    if units >= pos.character {
                        at = line_range.start + i as u32;
                        break;
                    }
                    units += c.len_utf16() as u32;
                }
                at
            }
        };
        Ok(at)
    }

    /// `range` of `file` as an LSP range.
    pub(crate) fn range(&self, file: FileId, range: TextRange) -> RequestResult<lsp::Range> {
        lsp_range(&self.analysis, self.encoding, file, range)
    }

    /// `range` of `file` as an LSP location; `None` when the file has no `file:` URI.
    pub(crate) fn location(
        &self,
        file: FileId,
        range: TextRange,
    ) -> RequestResult<Option<lsp::Location>> {
        lsp_location(&self.analysis, self.encoding, file, range)
    }
}

fn lsp_range(
    analysis: &Analysis,
    encoding: PositionEncoding,
    file: FileId,
    range: TextRange,
) -> RequestResult<lsp::Range> {
    let text = analysis.file_text(file)?;
    let index = analysis.line_index(file)?;
    Ok(mapper::range(&index, &text, range, encoding))
}

fn lsp_location(
    analysis: &Analysis,
    encoding: PositionEncoding,
    file: FileId,
    range: TextRange,
) -> RequestResult<Option<lsp::Location>> {
    let Some(uri) = path_uri(&analysis.file_path(file)?) else {
        return Ok(None);
    };
    Ok(Some(lsp::Location {
        uri,
        range: lsp_range(analysis, encoding, file, range)?,
    }))
}

/// What the body of a read request without a document works with.
pub(crate) struct WorkspaceContext {
    pub(crate) analysis: Analysis,
    pub(crate) encoding: PositionEncoding,
}

impl WorkspaceContext {
    /// `range` of `file` as an LSP location; `None` when the file has no `file:` URI.
    pub(crate) fn location(
        &self,
        file: FileId,
        range: TextRange,
    ) -> RequestResult<Option<lsp::Location>> {
        lsp_location(&self.analysis, self.encoding, file, range)
    }
}

pub(crate) fn path_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

impl Backend {
    /// Answers a read request on `uri` with `body`, run on a snapshot off the host's thread.
    /// The task is sent before the first `.await` (see `handlers`), so the snapshot reflects
    /// every change sent before the request.
    pub(crate) async fn read<T: Send + Default + 'static>(
        &self,
        method: &'static str,
        uri: Uri,
        body: impl FnOnce(&RequestContext) -> RequestResult<T> + Send + 'static,
    ) -> jsonrpc::Result<T> {
        // A document that is not a file on disk (`untitled:`, `git:`) is not analyzed: it has
        // nothing to show, which is an empty answer rather than an error.
        if let Err(why) = mapper::uri_to_path(&uri) {
            tracing::debug!("{method}: {why}");
            return Ok(T::default());
        }
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Job(Box::new(guarded(method, reply, body)));
        self.send(Task::Read { method, uri, job });
        answered(method, answer.await)
    }

    /// Answers a read request that names no document with `body`, on a snapshot taken, as for
    /// [`Backend::read`], after every change sent before the request.
    pub(crate) async fn read_workspace<T: Send + 'static>(
        &self,
        method: &'static str,
        body: impl FnOnce(&WorkspaceContext) -> RequestResult<T> + Send + 'static,
    ) -> jsonrpc::Result<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Job(Box::new(guarded(method, reply, body)));
        self.send(Task::ReadWorkspace { method, job });
        answered(method, answer.await)
    }
}

/// A request's body as the job run on the snapshot: not run at all when the request was
/// cancelled while it waited for its turn (`$/cancelRequest` drops the handler's future, and
/// with it the receiver), a panic turned into an error, the result sent back.
fn guarded<C, T: Send + 'static>(
    method: &'static str,
    reply: tokio::sync::oneshot::Sender<RequestResult<T>>,
    body: impl FnOnce(&C) -> RequestResult<T> + Send + 'static,
) -> impl FnOnce(C) + Send + 'static {
    move |cx| {
        if reply.is_closed() {
            tracing::debug!("{method} was cancelled before it started");
            return;
        }
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(&cx)))
            .unwrap_or_else(|panic| {
                Err(RequestError::Invalid(format!(
                    "internal error handling {method}: {}",
                    panic_message(&*panic)
                )))
            });
        let _ = reply.send(result);
    }
}

/// The JSON-RPC answer for a job's result (or for a job that never answered).
fn answered<T>(
    method: &'static str,
    result: Result<RequestResult<T>, tokio::sync::oneshot::error::RecvError>,
) -> jsonrpc::Result<T> {
    match result {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(RequestError::Cancelled)) => Err(content_modified()),
        Ok(Err(RequestError::Invalid(message))) => {
            tracing::warn!("{method}: {message}");
            Err(jsonrpc::Error {
                code: ErrorCode::InvalidParams,
                message: message.into(),
                data: None,
            })
        }
        Err(_) => Err(jsonrpc::Error::internal_error()),
    }
}

pub(crate) fn content_modified() -> jsonrpc::Error {
    jsonrpc::Error {
        code: ErrorCode::ServerError(-32801),
        message: "content modified".into(),
        data: None,
    }
}
