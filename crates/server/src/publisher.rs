//! The single, ordered way out to the client for everything the server says on its own
//! initiative: diagnostics, log messages and work-done progress.
//!
//! **Architecture Invariant**: diagnostics computed at an older revision never replace ones
//! computed at a newer revision for the same document (including the empty list sent when the
//! document closes). Revisions grow with every batch of changes, so this is stricter than
//! comparing document versions, and survives a document being closed and opened again.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp_server::{
    Bounded, Client, NotCancellable, OngoingProgress,
    ls_types::{Diagnostic, MessageType, NumberOrString, Uri},
};

#[derive(Debug)]
pub(crate) enum Outgoing {
    Diagnostics {
        uri: Uri,
        version: Option<i32>,
        revision: u64,
        diagnostics: Vec<Diagnostic>,
    },
    Log {
        typ: MessageType,
        message: String,
    },
    /// A message the user should see (`window/showMessage`), not only the log.
    Show {
        typ: MessageType,
        message: String,
    },
    /// Work-done progress (`$/progress`), for clients that said they show it.
    Progress(ProgressEvent),
}

#[derive(Debug)]
pub(crate) enum ProgressEvent {
    Begin {
        token: String,
        title: String,
        message: String,
    },
    Report {
        token: String,
        message: String,
        percentage: u32,
    },
    End {
        token: String,
    },
}

/// Sends messages in the order they arrive, dropping stale diagnostics. Ends when every sender
/// is gone.
pub(crate) async fn run(client: Client, mut incoming: UnboundedReceiver<Outgoing>) {
    let mut published: HashMap<Uri, u64> = HashMap::new();
    let mut progress: HashMap<String, OngoingProgress<Bounded, NotCancellable>> = HashMap::new();
    while let Some(message) = incoming.recv().await {
        match message {
            Outgoing::Diagnostics {
                uri,
                version,
                revision,
                diagnostics,
            } => {
                if published.get(&uri).is_some_and(|&newest| revision < newest) {
                    tracing::debug!(
                        "dropping diagnostics of {} from revision {revision}",
                        uri.as_str()
                    );
                    continue;
                }
                published.insert(uri.clone(), revision);
                client.publish_diagnostics(uri, diagnostics, version).await;
            }
            Outgoing::Log { typ, message } => client.log_message(typ, message).await,
            Outgoing::Show { typ, message } => client.show_message(typ, message).await,
            Outgoing::Progress(ProgressEvent::Begin {
                token,
                title,
                message,
            }) => {
                let id = NumberOrString::String(token.clone());
                // The client must create the token before it hears of it; a client that
                // refuses gets no progress for it.
                if let Err(err) = client.create_work_done_progress(id.clone()).await {
                    tracing::debug!("the client refused progress token {token}: {err}");
                    continue;
                }
                let ongoing = client
                    .progress(id, title)
                    .with_percentage(0)
                    .with_message(message)
                    .begin()
                    .await;
                progress.insert(token, ongoing);
            }
            Outgoing::Progress(ProgressEvent::Report {
                token,
                message,
                percentage,
            }) => {
                if let Some(ongoing) = progress.get(&token) {
                    ongoing.report_with_message(message, percentage).await;
                }
            }
            Outgoing::Progress(ProgressEvent::End { token }) => {
                if let Some(ongoing) = progress.remove(&token) {
                    ongoing.finish().await;
                }
            }
        }
    }
}
