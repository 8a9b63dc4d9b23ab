//! The language server end to end: the real binary, spoken to over its stdio with JSON-RPC by
//! a small client written here. Expected diagnostics come from the text itself (where the bad
//! token is) or from `go-analyzer check` on the same text, never from the server's own output.
//!
//! Every wait has a timeout, so a hung server fails the test instead of hanging CI, and every
//! byte the server writes to stdout must be a well-framed JSON-RPC message.

mod support;

use std::process::Command;

use serde_json::{Value, json};
use support::*;

/// What `go-analyzer check` reports for `text`, as (line, column, end line, end column,
/// message), 0-based with byte columns: the LSP positions a UTF-8 session must publish.
fn check_oracle(text: &str) -> Vec<(u64, u64, u64, u64, String)> {
    let dir = TempDir::new("oracle");
    let file = dir.0.join("oracle.go");
    std::fs::write(&file, text).expect("cannot write the oracle's file");
    let output = Command::new(BIN)
        .args(["check", "--format=json"])
        .arg(&file)
        .output()
        .expect("cannot run check");
    let stdout = String::from_utf8(output.stdout).expect("check's JSON is UTF-8");
    stdout
        .lines()
        .map(|line| {
            let d: Value = serde_json::from_str(line).expect("check prints JSON lines");
            let n = |key: &str| d[key].as_u64().expect("a number") - 1;
            (
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn lsp_diagnostics(diagnostics: &[Value]) -> Vec<(u64, u64, u64, u64, String)> {
    let n = |v: &Value| v.as_u64().expect("a number");
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            (
                n(&r["start"]["line"]),
                n(&r["start"]["character"]),
                n(&r["end"]["line"]),
                n(&r["end"]["character"]),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn initialize_negotiates_utf8_when_offered() {
    let (server, result) = Server::initialized(Some(&["utf-8", "utf-16"]));
    assert_eq!(result["serverInfo"]["name"], "go-analyzer");
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-8");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    // 2: incremental.
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn initialize_defaults_to_utf16() {
    let (server, result) = Server::initialized(None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// A syntax error appears at the offending token, in the negotiated encoding, and an
/// incremental fix clears it; closing clears the list.
fn check_diagnostics_follow_edits(encoding: &str) {
    let (mut server, _) = Server::initialized(Some(&[encoding]));
    let uri = "file:///tmp/go-analyzer-lsp-test/edit.go";
    // "é" is 2 bytes but 1 UTF-16 unit, and "😀" 4 bytes but 2 units: the encodings differ.
    let line = "\tprintln(\"é😀\" +)";
    let text = format!("package main\n\nfunc main() {{\n{line}\n}}\n");
    server.open(uri, 1, &text);
    let diagnostics = server.diagnostics(uri, Some(1));
    assert!(!diagnostics.is_empty(), "no diagnostics for {text:?}");
    let start = &diagnostics[0]["range"]["start"];
    assert_eq!(start["line"], 3);
    assert_eq!(start["character"], column(line, ")", encoding));
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["source"], "syntax");

    let plus = column(line, " +", encoding);
    server.change(
        uri,
        2,
        json!([{ "range": range(position(3, plus), position(3, plus + 2)), "text": "" }]),
    );
    assert_eq!(server.diagnostics(uri, Some(2)), Vec::<Value>::new());

    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(server.diagnostics(uri, None), Vec::<Value>::new());
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn diagnostics_follow_edits_utf8() {
    check_diagnostics_follow_edits("utf-8");
}

#[test]
fn diagnostics_follow_edits_utf16() {
    check_diagnostics_follow_edits("utf-16");
}

/// Many edits sent without waiting, each depending on the ones before: the last diagnostics
/// must be those of the final text, and versions are never published out of order.
#[test]
fn rapid_incremental_changes_apply_in_order() {
    let (mut server, _) = Server::initialized(Some(&["utf-8"]));
    let uri = "file:///tmp/go-analyzer-lsp-test/rapid.go";
    let mut text = String::from("package p\n\nfunc f() {\n}\n");
    server.open(uri, 1, &text);
    // Type a body one character at a time at line 3 (so every edit's position depends on the
    // previous edits), with a backspace now and then.
    let typed = "\tx := []int{1, 2, 3}\n\ty := x[0] + ) * 2\n\t_ = y\n";
    let (mut line, mut col, mut version) = (3u32, 0usize, 1i64);
    let mut offset = text.find("}\n").expect("closing brace");
    for (i, ch) in typed.chars().enumerate() {
        version += 1;
        let at = position(line, col);
        server.change(
            uri,
            version,
            json!([{ "range": range(at.clone(), at), "text": ch.to_string() }]),
        );
        text.insert(offset, ch);
        offset += ch.len_utf8();
        if ch == '\n' {
            (line, col) = (line + 1, 0);
        } else {
            col += ch.len_utf8();
        }
        if i % 7 == 6 && ch != '\n' {
            // Backspace, then type the same character again, in one notification.
            version += 1;
            let before = position(line, col - 1);
            let after = position(line, col);
            let changes = json!([
                { "range": range(before.clone(), after), "text": "" },
                { "range": range(before.clone(), before), "text": ch.to_string() },
            ]);
            server.change(uri, version, changes);
        }
    }
    let last = version;
    let diagnostics = server.diagnostics(uri, Some(last));
    let published: Vec<i64> = server
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] <= w[1]),
        "versions published out of order: {published:?}"
    );
    let expected = check_oracle(&text);
    assert!(
        !expected.is_empty(),
        "the final text should have errors: {text:?}"
    );
    assert_eq!(
        lsp_diagnostics(&diagnostics),
        expected,
        "final text {text:?}"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn full_text_changes_replace_the_document() {
    let (mut server, _) = Server::initialized(Some(&["utf-8"]));
    let uri = "file:///tmp/go-analyzer-lsp-test/full.go";
    server.open(uri, 1, "package p\n");
    assert_eq!(server.diagnostics(uri, Some(1)), Vec::<Value>::new());
    // A whole text, then an incremental edit relative to it, in one notification.
    let changes = json!([
        { "text": "package p\n\nvar x = \n" },
        { "range": range(position(2, 8), position(2, 8)), "text": "1 +" },
    ]);
    server.change(uri, 2, changes);
    let expected = check_oracle("package p\n\nvar x = 1 +\n");
    assert!(!expected.is_empty());
    assert_eq!(lsp_diagnostics(&server.diagnostics(uri, Some(2))), expected);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut server = Server::spawn();
    let response = server.request("textDocument/hover", json!({}));
    // -32002: ServerNotInitialized.
    assert_eq!(response["error"]["code"], -32002, "{response}");
    server.initialize(None);
    server.notify("initialized", json!({}));
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_keeps_serving() {
    let (mut server, _) = Server::initialized(None);
    let is_error_for = |id: Value| {
        move |m: &Value| m.get("method").is_none() && m["id"] == id && m.get("error").is_some()
    };

    // Not JSON: parse error (-32700), id null.
    let body = br#"{"jsonrpc": "2.0", "id": 5, "method": "#;
    server.send_raw(
        &[
            format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
            body,
        ]
        .concat(),
    );
    let response = server.wait("a parse error", is_error_for(Value::Null));
    assert_eq!(response["error"]["code"], -32700, "{response}");

    // Not UTF-8.
    let body = b"{\"jsonrpc\":\"2.0\",\"method\":\"x\xff\"}";
    server.send_raw(
        &[
            format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
            body,
        ]
        .concat(),
    );
    let response = server.wait("a parse error for invalid UTF-8", is_error_for(Value::Null));
    assert_eq!(response["error"]["code"], -32700, "{response}");

    // A broken header.
    server.send_raw(b"Content-Length: twelve\r\n\r\n");
    let response = server.wait("a parse error for a bad header", is_error_for(Value::Null));
    assert_eq!(response["error"]["code"], -32700, "{response}");

    // JSON, but not JSON-RPC: invalid request (-32600), answered with its id.
    server.send(&json!({ "id": 9, "hello": "world" }));
    let response = server.wait("an invalid-request error", is_error_for(json!(9)));
    assert_eq!(response["error"]["code"], -32600, "{response}");

    // An unknown method: method not found (-32601).
    let response = server.request("go-analyzer/noSuchMethod", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");

    // Still serving documents.
    let uri = "file:///tmp/go-analyzer-lsp-test/after.go";
    server.open(uri, 1, "package p\n\nvar = 1\n");
    assert!(!server.diagnostics(uri, Some(1)).is_empty());
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn bad_document_notifications_are_reported_and_survived() {
    let (mut server, _) = Server::initialized(Some(&["utf-8"]));

    // A change to a document never opened: a warning, nothing else.
    let unopened = "file:///tmp/go-analyzer-lsp-test/never-opened.go";
    server.change(unopened, 2, json!([{ "text": "package p\n" }]));
    server.log_message("never-opened.go");

    // Not a file: URI, and not a URI at all.
    server.open("untitled:Untitled-1", 1, "package p\n");
    server.log_message("untitled:Untitled-1");
    server.open("not a uri", 1, "package p\n");
    server.log_message("textDocument/didOpen");

    // A change range past the end of the document is clamped to its end.
    let uri = "file:///tmp/go-analyzer-lsp-test/clamp.go";
    server.open(uri, 1, "package p\n");
    let inserted = "\nfunc f( {}\n";
    server.change(
        uri,
        2,
        json!([{ "range": range(position(5, 0), position(9, 3)), "text": inserted }]),
    );
    let expected = check_oracle(&format!("package p\n{inserted}"));
    assert!(!expected.is_empty());
    assert_eq!(lsp_diagnostics(&server.diagnostics(uri, Some(2))), expected);

    // A column past the end of its line is clamped to the line's end.
    server.change(
        uri,
        3,
        json!([{ "range": range(position(2, 7), position(2, 500)), "text": ") {}" }]),
    );
    assert_eq!(server.diagnostics(uri, Some(3)), Vec::<Value>::new());

    // Closing a document that is not open.
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": unopened } }),
    );
    server.log_message("never-opened.go");
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn huge_documents_are_served() {
    let (mut server, _) = Server::initialized(Some(&["utf-16"]));
    let uri = "file:///tmp/go-analyzer-lsp-test/huge.go";
    // ~20 MB, mostly one raw string (cheap to parse), with an error on the last line.
    let filler = "abcdefghij".repeat(8) + "\n";
    let text = format!(
        "package p\n\nvar s = `{}`\n\nvar = 1\n",
        filler.repeat(250_000)
    );
    let last_line = text.lines().count() as u64 - 1;
    server.open(uri, 1, &text);
    let diagnostics = server.diagnostics(uri, Some(1));
    assert!(!diagnostics.is_empty());
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"].as_u64(),
        Some(last_line)
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_exits_1() {
    let (mut server, _) = Server::initialized(None);
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_code(false), 1);
}

#[test]
fn closing_stdin_stops_the_server() {
    let (server, _) = Server::initialized(None);
    // No shutdown: as abnormal as `exit` without one.
    assert_eq!(server.exit_code(true), 1);
}

/// Type errors reach the editor: the open file's package is checked as the user types.
#[test]
fn type_errors_are_published_and_follow_edits() {
    let dir = std::env::temp_dir().join(format!("go-analyzer-lsp-types-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let text = "package m\n\nfunc f() int {\n\treturn \"s\"\n}\n";
    std::fs::write(dir.join("go.mod"), "module example.com/m\n\ngo 1.22\n").expect("go.mod");
    std::fs::write(dir.join("a.go"), text).expect("a.go");
    let root = format!("file://{}", dir.display());
    let uri = format!("{root}/a.go");

    let mut server = Server::spawn();
    let response = server.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": {} }),
    );
    assert!(response.get("result").is_some(), "{response}");
    server.notify("initialized", json!({}));
    server.open(&uri, 1, text);
    let diagnostics = server.diagnostics(&uri, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["source"], "compiler");
    assert_eq!(
        diagnostics[0]["message"],
        "cannot use \"s\" (untyped string constant) as int value in return statement"
    );
    assert_eq!(diagnostics[0]["range"]["start"], position(3, 8));

    // `"s"` -> `1`: the error goes away.
    server.change(
        &uri,
        2,
        json!([{ "range": range(position(3, 8), position(3, 11)), "text": "1" }]),
    );
    assert_eq!(server.diagnostics(&uri, Some(2)), Vec::<Value>::new());
    assert_eq!(server.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
