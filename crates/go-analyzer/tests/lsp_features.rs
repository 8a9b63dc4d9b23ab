//! IDE features through the real binary on stdio: each request answered, on a module written
//! to a temporary directory, with positions checked against the text itself.

mod support;

use serde_json::{Value, json};
use support::*;

const MAIN: &str = "package m\n\n// Answer is the answer.\nfunc Answer() int { return 42 }\n\nfunc f() int {\n\tx := Answer()\n\treturn x\n}\n\ntype T struct{}\n\nfunc (T) String() string { return \"\" }\n\ntype S interface{ String() string }\n\nvar v T\n";

/// A server on a fresh module holding `a.go` = [`MAIN`], with the file open.
fn module() -> (Server, TempDir, String) {
    let Module {
        mut server,
        initialize,
        dir,
        root,
    } = Module::start("features", &[("a.go", MAIN)], json!({}));
    assert_eq!(initialize["result"]["capabilities"]["hoverProvider"], true);
    let uri = format!("{root}/a.go");
    server.open(&uri, 1, MAIN);
    (server, dir, uri)
}

/// The (line, character) of the first `needle` in MAIN, shifted by `delta` characters.
fn at(needle: &str, delta: usize) -> Value {
    let offset = MAIN.find(needle).expect("needle") + delta;
    let line = MAIN[..offset].matches('\n').count() as u32;
    let col = offset - MAIN[..offset].rfind('\n').map_or(0, |i| i + 1);
    position(line, col)
}

#[test]
fn hover_and_definition_answer_on_the_open_document() {
    let (mut server, _dir, uri) = module();
    let hover = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at("x := Answer()", 6) }),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        value.starts_with("```go\nfunc Answer() int\n```\n\nAnswer is the answer."),
        "{hover}"
    );
    assert_eq!(hover["result"]["range"]["start"], at("x := Answer()", 5));

    let definition = server.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at("return x", 7) }),
    );
    let locations = definition["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(locations.len(), 1, "{definition}");
    assert_eq!(locations[0]["uri"], uri);
    assert_eq!(locations[0]["range"]["start"], at("x := Answer()", 0));

    // Past the end, and inside a comment: empty answers, not errors.
    for position in [position(400, 3), at("answer.", 2)] {
        let hover = server.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position }),
        );
        assert_eq!(hover["result"], Value::Null, "{hover}");
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn references_and_highlights_answer_on_the_open_document() {
    let (mut server, _dir, uri) = module();
    let references = server.request(
        "textDocument/references",
        json!({
            "textDocument": { "uri": uri },
            "position": at("x := Answer()", 6),
            "context": { "includeDeclaration": true },
        }),
    );
    let starts: Vec<Value> = references["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|l| l["range"]["start"].clone())
        .collect();
    assert_eq!(
        starts,
        [at("Answer() int", 0), at("x := Answer()", 5)],
        "{references}"
    );

    let highlights = server.request(
        "textDocument/documentHighlight",
        json!({ "textDocument": { "uri": uri }, "position": at("return x", 7) }),
    );
    let got: Vec<(Value, Value)> = highlights["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|h| (h["range"]["start"].clone(), h["kind"].clone()))
        .collect();
    // LSP's DocumentHighlightKind: 2 = Read, 3 = Write.
    assert_eq!(
        got,
        [
            (at("x := Answer()", 0), json!(3)),
            (at("return x", 7), json!(2))
        ],
        "{highlights}"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn type_definition_and_implementation() {
    let (mut server, _dir, uri) = module();
    let request = |server: &mut Server, method: &str, position: Value| {
        let response = server.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": position }),
        );
        response["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|l| l["range"]["start"].clone())
            .collect::<Vec<Value>>()
    };
    assert_eq!(
        request(&mut server, "textDocument/typeDefinition", at("var v T", 4)),
        [at("T struct", 0)]
    );
    assert_eq!(
        request(
            &mut server,
            "textDocument/implementation",
            at("S interface", 0)
        ),
        [at("T struct", 0)]
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}
