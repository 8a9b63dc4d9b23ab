//! Every IDE request on documents and positions that make no sense: past the end, inside
//! comments and strings, files without a package clause, outside any module, deleted from
//! disk while open, and requests sent before `initialized`. Each gets an answer (empty or not),
//! never an error, and the server keeps serving.

mod support;

use serde_json::{Value, json};
use support::*;

/// Every position request the server advertises, with its parameters at `position`.
fn position_requests(uri: &str, position: Value) -> Vec<(&'static str, Value)> {
    let at = json!({ "textDocument": { "uri": uri }, "position": position });
    let mut references = at.clone();
    references["context"] = json!({ "includeDeclaration": true });
    vec![
        ("textDocument/hover", at.clone()),
        ("textDocument/signatureHelp", at.clone()),
        ("textDocument/completion", at.clone()),
        ("textDocument/definition", at.clone()),
        ("textDocument/typeDefinition", at.clone()),
        ("textDocument/implementation", at.clone()),
        ("textDocument/references", references),
        ("textDocument/documentHighlight", at),
        (
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": uri }, "positions": [position] }),
        ),
    ]
}

fn document_requests(uri: &str) -> Vec<(&'static str, Value)> {
    let doc = json!({ "textDocument": { "uri": uri } });
    vec![
        ("textDocument/foldingRange", doc.clone()),
        ("textDocument/documentSymbol", doc),
    ]
}

/// Sends every request and asserts each is answered without an error.
fn assert_all_answered(server: &mut Server, uri: &str, positions: &[Value]) {
    let mut requests = document_requests(uri);
    for position in positions {
        requests.extend(position_requests(uri, position.clone()));
    }
    for (method, params) in requests {
        let response = server.request(method, params.clone());
        assert!(
            response.get("error").is_none() && response.get("result").is_some(),
            "{method} {params} answered {response}"
        );
    }
}

#[test]
fn nonsense_positions_and_documents_get_answers_not_errors() {
    let dir = TempDir::new("bad-input");
    let module = dir.0.join("m");
    let outside = dir.0.join("loose");
    std::fs::create_dir_all(&module).expect("module dir");
    std::fs::create_dir_all(&outside).expect("loose dir");
    std::fs::write(module.join("go.mod"), "module example.com/m\n\ngo 1.22\n").expect("go.mod");
    let good = "package m\n\n// Doc with x and \"quotes\".\nvar s = \"a string with x\"\n\nfunc f() int { return 1 }\n";
    std::fs::write(module.join("a.go"), good).expect("a.go");
    let root = format!("file://{}", module.display());

    let mut server = Server::spawn();
    server.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": {} }),
    );
    // Before `initialized`: answered all the same.
    let early = format!("{root}/a.go");
    server.open(&early, 1, good);
    assert_all_answered(&mut server, &early, &[position(5, 15)]);
    server.notify("initialized", json!({}));

    // Past the end of a line and of the file, inside a comment and a string.
    assert_all_answered(
        &mut server,
        &early,
        &[
            position(0, 400),
            position(400, 0),
            position(2, 10),
            position(3, 22),
        ],
    );

    // No package clause; a file outside any module; an empty file.
    for (name, text) in [("nopkg.go", "func f() {\n\tx := 1\n}\n"), ("empty.go", "")] {
        let uri = format!("{root}/{name}");
        server.open(&uri, 1, text);
        assert_all_answered(&mut server, &uri, &[position(0, 0), position(1, 2)]);
    }
    let loose = outside.join("loose.go");
    std::fs::write(&loose, good).expect("loose.go");
    let loose_uri = format!("file://{}", loose.display());
    server.open(&loose_uri, 1, good);
    assert_all_answered(&mut server, &loose_uri, &[position(5, 15)]);

    // Deleted from disk while open: the editor's text is still the document.
    std::fs::remove_file(module.join("a.go")).expect("delete a.go");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": early, "type": 3 }] }),
    );
    assert_all_answered(&mut server, &early, &[position(5, 15)]);

    // A document the server never saw, and not a file: answered too.
    assert_all_answered(&mut server, &format!("{root}/never.go"), &[position(0, 0)]);
    server.open("untitled:Untitled-1", 1, good);
    assert_all_answered(&mut server, "untitled:Untitled-1", &[position(5, 15)]);
    assert_eq!(server.shutdown_and_exit(), 0);
}
