//! The single, ordered way out to the client for everything the server says on its own
//! initiative: diagnostics and log messages.
//!
//! **Architecture Invariant**: diagnostics computed at an older revision never replace ones
//! computed at a newer revision for the same document (including the empty list sent when the
//! document closes). Revisions grow with every batch of changes, so this is stricter than
//! comparing document versions, and survives a document being closed and opened again.

use std::collections::HashMap;

use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp_server::{
    Client,
    ls_types::{Diagnostic, MessageType, Uri},
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
}

/// Sends messages in the order they arrive, dropping stale diagnostics. Ends when every sender
/// is gone.
pub(crate) async fn run(client: Client, mut incoming: UnboundedReceiver<Outgoing>) {
    let mut published: HashMap<Uri, u64> = HashMap::new();
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
        }
    }
}
