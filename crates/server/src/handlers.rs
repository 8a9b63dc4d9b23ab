//! The LSP methods: each one turns its parameters into a [`Task`] for the analysis host, or
//! answers on its own when it needs no analysis.
//!
//! **Architecture Invariant**: a handler does all its work before its first `.await` (a request
//! answered by the host, such as `goAnalyzer/package`, sends its task first and then awaits
//! the answer), so the order in which tower-lsp first polls handlers, which is wire order, is
//! the order in which tasks reach the host. Bodies run under `catch_unwind`: a panic becomes an
//! error response (or a log line, for a notification), never a dead server.

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
        mpsc,
    },
};

use tower_lsp_server::{
    Client, LanguageServer,
    jsonrpc::{self, ErrorCode},
    ls_types::*,
};

use crate::{
    main_loop::{Task, panic_message},
    mapper::{self, PositionEncoding},
    packages::{PackageError, PackageParams},
    requests,
};

/// What the server asks the client to watch: Go files and the files that shape the module
/// graph. Their changes reach the host as `workspace/didChangeWatchedFiles`.
pub(crate) const WATCHED_GLOBS: [&str; 4] = [
    "**/*.go",
    "**/go.mod",
    "**/go.work",
    "**/vendor/modules.txt",
];

/// The method the transport guard turns undecodable messages into, so that tower-lsp answers
/// them with the error we choose (see `transport`).
pub(crate) const INVALID_MESSAGE_METHOD: &str = "go-analyzer/invalidMessage";

pub(crate) struct Backend {
    pub(crate) client: Client,
    tasks: mpsc::Sender<Task>,
    shutdown_requested: Arc<AtomicBool>,
    /// The client can register `workspace/didChangeWatchedFiles` dynamically.
    can_watch: AtomicBool,
    /// The client takes snippets in completion items.
    snippet_support: AtomicBool,
    /// The client folds whole lines only (`lineFoldingOnly`).
    line_folding_only: AtomicBool,
    /// The client takes document symbols as a tree.
    hierarchical_symbols: AtomicBool,
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
            can_watch: AtomicBool::new(false),
            snippet_support: AtomicBool::new(false),
            line_folding_only: AtomicBool::new(false),
            hierarchical_symbols: AtomicBool::new(false),
        }
    }

    /// `goAnalyzer/package`: the package of a document (see `packages`). The task goes on the
    /// ordered channel before the first `.await`, so the answer reflects every change sent
    /// before the request.
    pub(crate) async fn package(
        &self,
        params: PackageParams,
    ) -> jsonrpc::Result<serde_json::Value> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.send(Task::Package {
            uri: params.text_document.uri,
            reply,
        });
        match answer.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(PackageError::Cancelled)) => Err(jsonrpc::Error {
                code: ErrorCode::ServerError(-32801),
                message: "content modified".into(),
                data: None,
            }),
            Ok(Err(PackageError::Failed(message))) => Err(jsonrpc::Error {
                code: ErrorCode::InvalidParams,
                message: message.into(),
                data: None,
            }),
            Err(_) => Err(jsonrpc::Error::internal_error()),
        }
    }

    pub(crate) fn send(&self, task: Task) {
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
            let can_watch = params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false);
            self.can_watch.store(can_watch, Ordering::SeqCst);
            self.snippet_support.store(
                requests::completion::snippet_support(&params.capabilities),
                Ordering::SeqCst,
            );
            let caps = &params.capabilities;
            let line_folding_only = requests::folding_ranges::line_folding_only(caps);
            self.line_folding_only
                .store(line_folding_only, Ordering::SeqCst);
            let hierarchical = requests::document_symbols::hierarchical(caps);
            self.hierarchical_symbols
                .store(hierarchical, Ordering::SeqCst);
            self.send(Task::Initialize {
                encoding,
                roots: workspace_roots(&params),
                options: params.initialization_options.clone(),
                work_done_progress: params
                    .capabilities
                    .window
                    .as_ref()
                    .and_then(|w| w.work_done_progress)
                    .unwrap_or(false),
            });
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
        if !self.can_watch.load(Ordering::SeqCst) {
            tracing::info!(
                "the client cannot watch files for us: changes on disk reach the analysis only through open documents"
            );
            return;
        }
        // Registering waits for the client's answer; nothing else needs to wait for that.
        let client = self.client.clone();
        tokio::spawn(async move {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: WATCHED_GLOBS
                    .iter()
                    .map(|glob| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(glob.to_string()),
                        kind: None,
                    })
                    .collect(),
            };
            let registration = Registration {
                id: "go-analyzer/watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(err) = client.register_capability(vec![registration]).await {
                tracing::warn!("the client refused to watch files for us: {err}");
            }
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        guard("workspace/didChangeConfiguration", || {
            self.send(Task::Configuration {
                settings: params.settings,
            });
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        guard("workspace/didChangeWatchedFiles", || {
            self.send(Task::WatchedFiles {
                changes: params.changes,
            });
        });
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

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/hover", uri, move |cx| {
            requests::hover::hover(cx, params)
        })
        .await
    }

    async fn signature_help(
        &self,
        params: SignatureHelpParams,
    ) -> jsonrpc::Result<Option<SignatureHelp>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/signatureHelp", uri, move |cx| {
            requests::signature_help::signature_help(cx, params)
        })
        .await
    }

    async fn completion(
        &self,
        params: CompletionParams,
    ) -> jsonrpc::Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri.clone();
        let snippets = self.snippet_support.load(Ordering::SeqCst);
        self.read("textDocument/completion", uri, move |cx| {
            requests::completion::completion(cx, params, snippets)
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/definition", uri, move |cx| {
            requests::definition::definition(cx, params)
        })
        .await
    }

    async fn goto_type_definition(
        &self,
        params: request::GotoTypeDefinitionParams,
    ) -> jsonrpc::Result<Option<request::GotoTypeDefinitionResponse>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/typeDefinition", uri, move |cx| {
            requests::definition::type_definition(cx, params)
        })
        .await
    }

    async fn goto_implementation(
        &self,
        params: request::GotoImplementationParams,
    ) -> jsonrpc::Result<Option<request::GotoImplementationResponse>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/implementation", uri, move |cx| {
            requests::definition::implementation(cx, params)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> jsonrpc::Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.read("textDocument/references", uri, move |cx| {
            requests::references::references(cx, params)
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> jsonrpc::Result<Option<Vec<DocumentHighlight>>> {
        let uri = params
            .text_document_position_params
            .text_document
            .uri
            .clone();
        self.read("textDocument/documentHighlight", uri, move |cx| {
            requests::references::highlights(cx, params)
        })
        .await
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> jsonrpc::Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri.clone();
        let line_folding_only = self.line_folding_only.load(Ordering::SeqCst);
        self.read("textDocument/foldingRange", uri, move |cx| {
            requests::folding_ranges::folding_ranges(cx, params, line_folding_only)
        })
        .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> jsonrpc::Result<Option<Vec<SelectionRange>>> {
        let uri = params.text_document.uri.clone();
        self.read("textDocument/selectionRange", uri, move |cx| {
            requests::selection_ranges::selection_ranges(cx, params)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri.clone();
        let hierarchical = self.hierarchical_symbols.load(Ordering::SeqCst);
        self.read("textDocument/documentSymbol", uri, move |cx| {
            requests::document_symbols::document_symbols(cx, params, hierarchical)
        })
        .await
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let prepared = self
            .read("textDocument/codeAction", uri, move |cx| {
                requests::code_actions::prepare(cx, params)
            })
            .await?;
        let Some(prepared) = prepared else {
            return Ok(None);
        };
        // The snapshot is dropped: the analyzers, if they must run, hold up no edit.
        match tokio::task::spawn_blocking(move || requests::code_actions::actions(prepared)).await {
            Ok(actions) => Ok((!actions.is_empty()).then_some(actions)),
            Err(err) => {
                tracing::error!("internal error handling textDocument/codeAction: {err}");
                Err(jsonrpc::Error::internal_error())
            }
        }
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> jsonrpc::Result<Option<WorkspaceSymbolResponse>> {
        self.read_workspace("workspace/symbol", move |cx| {
            requests::workspace_symbols::workspace_symbols(cx, params)
        })
        .await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        guard("textDocument/didClose", || {
            self.send(Task::Close {
                uri: params.text_document.uri,
            })
        });
    }
}

/// The workspace folders as directories, or the root when the client names no folder.
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut uris: Vec<&Uri> = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|folder| &folder.uri)
        .collect();
    #[allow(deprecated)]
    if uris.is_empty()
        && let Some(root) = &params.root_uri
    {
        uris.push(root);
    }
    uris.into_iter()
        .filter_map(|uri| mapper::uri_to_path(uri).ok())
        .collect()
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
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                requests::completion::TRIGGER_CHARACTERS
                    .map(String::from)
                    .to_vec(),
            ),
            ..CompletionOptions::default()
        }),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(
                requests::signature_help::TRIGGER_CHARACTERS
                    .map(String::from)
                    .to_vec(),
            ),
            retrigger_characters: Some(
                requests::signature_help::RETRIGGER_CHARACTERS
                    .map(String::from)
                    .to_vec(),
            ),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        definition_provider: Some(OneOf::Left(true)),
        type_definition_provider: Some(TypeDefinitionProviderCapability::Simple(true)),
        references_provider: Some(OneOf::Left(true)),
        implementation_provider: Some(ImplementationProviderCapability::Simple(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
