//! Client settings through the real binary: build tags from `initializationOptions` and from
//! `workspace/didChangeConfiguration` decide which files make up a package.

mod support;

use serde_json::json;
use support::*;

const TAGGED: &str = "//go:build integration\n\npackage m\n\nvar x int = \"s\"\n";

#[test]
fn build_tags_from_settings_select_files_and_follow_changes() {
    let options = json!({ "build": { "tags": ["integration"] }, "bogus": 1 });
    let m = Module::start(
        "settings",
        &[("it.go", TAGGED)],
        json!({ "initializationOptions": options }),
    );
    let uri = m.uri("it.go");
    let Module {
        mut server,
        dir: _dir,
        ..
    } = m;
    // The unknown key is named in a warning; the rest applies.
    let warning = server.log_message("\"bogus\"");
    assert!(warning.contains("known settings"), "{warning}");
    server.open(&uri, 1, TAGGED);
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["source"], "compiler");

    // Without the tag the file is not built: no type errors for it.
    server.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "go-analyzer": { "build": { "tags": [] } } } }),
    );
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics, Vec::<serde_json::Value>::new());
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// A client that shows work-done progress sees the first load of a document's package as
/// `$/progress` begin ... end, on a token it was asked to create first.
#[test]
fn the_first_load_is_reported_as_progress() {
    let text = "package m\n\nvar x int = \"s\"\n";
    let m = Module::start(
        "progress",
        &[("a.go", text)],
        json!({ "capabilities": { "window": { "workDoneProgress": true } } }),
    );
    let uri = m.uri("a.go");
    let Module {
        mut server,
        dir: _dir,
        ..
    } = m;
    server.open(&uri, 1, text);
    let create = server.wait("window/workDoneProgress/create", |m| {
        m["method"] == "window/workDoneProgress/create"
    });
    let token = create["params"]["token"].clone();
    server.send(&json!({ "jsonrpc": "2.0", "id": create["id"], "result": null }));
    let progress_kind = |m: &serde_json::Value, kind: &str| {
        m["method"] == "$/progress"
            && m["params"]["token"] == token
            && m["params"]["value"]["kind"] == kind
    };
    let begin = server.wait("progress begin", |m| progress_kind(m, "begin"));
    assert_eq!(begin["params"]["value"]["title"], "Loading packages");
    // The document's diagnostics come within the progress, which then ends.
    assert_eq!(server.diagnostics(&uri, Some(1)).len(), 1);
    server.wait("progress end", |m| progress_kind(m, "end"));
    assert_eq!(server.shutdown_and_exit(), 0);
}
