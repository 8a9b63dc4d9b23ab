//! The LSP methods: each one turns its parameters into a [`Task`] for the analysis host, or
//! answers on its own when it needs no analysis.
//!
//! **Architecture Invariant**: a handler does all its work before its first `.await` (today it
//! has none), so the order in which tower-lsp first polls handlers, which is wire order, is the
//! order in which tasks reach the host. Bodies run under `catch_unwind`: a panic becomes an
//! error response (or a log line, for a notification), never a dead server.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
    mpsc,
};

use tower_lsp_server::{
    Client, LanguageServer,
    jsonrpc::{self, ErrorCode},
    ls_types::*,
};

use crate::{
    main_loop::{Task, panic_message},
    mapper::PositionEncoding,
};

/// The method the transport guard turns undecodable messages into, so that tower-lsp answers
/// them with the error we choose (see `transport`).
pub(crate) const INVALID_MESSAGE_METHOD: &str = "go-analyzer/invalidMessage";

pub(crate) struct Backend {
    pub(crate) client: Client,
    tasks: mpsc::Sender<Task>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Backend {
    pub(crate) fn new(
        client: Client,
        tasks: mpsc::Sender<Task>,
        shutdown_requested: Arc<AtomicBool>,
    ) -> Backend {
        Backend {
            client,
            tasks,
            shutdown_requested,
        }
    }

    fn send(&self, task: Task) {
        if self.tasks.send(task).is_err() {
            tracing::error!("the analysis host has stopped; a change was lost");
        }
    }

    /// Answers a message the transport guard could not pass on, with the error it chose.
    pub(crate) async fn invalid_message(&self, params: serde_json::Value) -> jsonrpc::Result<()> {
        let code = params
            .get("code")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(ErrorCode::ParseError.code());
        let message = params
            .get("message")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("invalid message");
        Err(jsonrpc::Error {
            code: ErrorCode::from(code),
            message: message.to_string().into(),
            data: None,
        })
    }
}

/// Runs a notification's body; a panic is logged and the notification dropped.
fn guard(method: &str, body: impl FnOnce()) {
    if let Err(panic) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        tracing::error!(
            "internal error handling {method}: {}",
            panic_message(&*panic)
        );
    }
}

/// Runs a request's body; a panic becomes an internal-error response.
fn guard_request<T>(method: &str, body: impl FnOnce() -> jsonrpc::Result<T>) -> jsonrpc::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let message = format!(
            "internal error handling {method}: {}",
            panic_message(&*panic)
        );
        tracing::error!("{message}");
        Err(jsonrpc::Error {
            code: ErrorCode::InternalError,
            message: message.into(),
            data: None,
        })
    })
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        guard_request("initialize", || {
            if let Some(info) = &params.client_info {
                tracing::info!(
                    "client: {} {}",
                    info.name,
                    info.version.as_deref().unwrap_or("")
                );
            }
            let encoding = PositionEncoding::negotiate(&params.capabilities);
            tracing::info!("position encoding: {}", encoding.kind().as_str());
            self.send(Task::Initialize { encoding });
            Ok(InitializeResult {
                capabilities: capabilities(encoding),
                server_info: Some(ServerInfo {
                    name: "go-analyzer".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                }),
                offset_encoding: None,
            })
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("initialized");
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        guard("textDocument/didOpen", || {
            let doc = params.text_document;
            self.send(Task::Open {
                uri: doc.uri,
                version: doc.version,
                text: doc.text,
            });
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        guard("textDocument/didChange", || {
            let doc = params.text_document;
            self.send(Task::Change {
                uri: doc.uri,
                version: doc.version,
                changes: params.content_changes,
            });
        });
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // The open document already holds what was saved; files on disk are not analyzed yet.
        tracing::debug!("saved {}", params.text_document.uri.as_str());
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        guard("textDocument/didClose", || {
            self.send(Task::Close {
                uri: params.text_document.uri,
            })
        });
    }
}

fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}
