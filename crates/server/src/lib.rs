//! The language server: LSP on stdio, on top of the analysis in `ide`.
//!
//! **API Boundary**: this is the only crate that knows LSP types, URIs and UTF-16; `ide`
//! speaks file ids and byte offsets, and `mapper` converts between the two.
//!
//! How a message flows:
//! - `transport` frames stdin and passes on only what tower-lsp can decode;
//! - tower-lsp dispatches to `handlers`, which put changes on one ordered channel;
//! - `main_loop`'s thread owns the `AnalysisHost`, applies changes in order (keeping each
//!   open document's rope in `documents` in step, and re-reading what the client's file
//!   watcher reports changed) and starts `diagnostics` (and answers `packages` requests) on
//!   snapshots;
//! - `publisher` sends diagnostics and log messages to the client, never an older result
//!   after a newer one.
//!
//! **Architecture Invariant**: stdout carries nothing but the protocol; logs go to stderr
//! through `tracing` (the binary sets up the subscriber).

mod config;
mod diagnostics;
mod documents;
mod handlers;
mod main_loop;
mod mapper;
mod packages;
mod publisher;
mod requests;
mod transport;

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use crate::handlers::{Backend, INVALID_MESSAGE_METHOD};

/// Serves LSP on stdin/stdout until the client sends `exit` or closes stdin. Returns the
/// process exit code: 0 when `shutdown` came first, else 1, as the LSP specifies.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::error!("cannot start the async runtime: {err}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A blocking read of stdin may still be pending, and would hold a normal shutdown until
    // the client writes again or closes the pipe.
    runtime.shutdown_background();
    code
}

/// Serves LSP on `input`/`output`; see [`run_stdio`].
pub async fn serve(input: impl AsyncRead + Unpin + Send + 'static, output: impl AsyncWrite) -> i32 {
    let (outgoing, outgoing_rx) = tokio::sync::mpsc::unbounded_channel();
    let tasks = match main_loop::spawn(outgoing, ide::Analyzers::default()) {
        Ok(tasks) => tasks,
        Err(err) => {
            tracing::error!("cannot start the analysis thread: {err}");
            return 1;
        }
    };
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let (service, socket) =
        LspService::build(|client| Backend::new(client, tasks, shutdown_requested.clone()))
            .custom_method(INVALID_MESSAGE_METHOD, Backend::invalid_message)
            .custom_method(packages::PACKAGE_METHOD, Backend::package)
            .finish();
    let client = service.inner().client.clone();
    tokio::spawn(publisher::run(client.clone(), outgoing_rx));
    let (guarded, guard_out) = tokio::io::duplex(64 * 1024);
    tokio::spawn(transport::guard_incoming(input, guard_out, client));
    Server::new(guarded, output, socket).serve(service).await;
    let code = if shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    };
    tracing::info!("server stopped; exit code {code}");
    code
}
