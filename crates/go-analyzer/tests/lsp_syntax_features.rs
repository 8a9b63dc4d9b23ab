//! Syntax-tree features through the real binary on stdio: folding ranges, selection ranges,
//! document symbols and workspace symbols, on a module written to a temporary directory,
//! with positions checked against the text itself, and broken or odd input answered emptily.

mod support;

use std::time::Instant;

use serde_json::{Value, json};
use support::*;

const MAIN: &str = "package m

import (
\t\"fmt\"
\t\"os\"
)

// Point is a point.
type Point struct {
\tX, Y int
}

func (p *Point) Move(dx int) {
\tp.X += dx
}

func Answer() int {
\tfmt.Println(os.Args)
\treturn 42
}
";

/// A server initialized with `capabilities` on a fresh module holding `a.go` = `text`, open.
fn module(text: &str, capabilities: Value) -> (Server, TempDir, String) {
    let m = Module::start(
        "syntax-features",
        &[("a.go", text)],
        json!({ "capabilities": capabilities }),
    );
    for provider in [
        "foldingRangeProvider",
        "selectionRangeProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
    ] {
        assert_eq!(m.capability(provider), &json!(true), "{provider}");
    }
    let uri = m.uri("a.go");
    let Module {
        mut server, dir, ..
    } = m;
    server.open(&uri, 1, text);
    (server, dir, uri)
}

/// The 0-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the text")) as u64
}

/// The (line, character) of the first `needle` in `text`, shifted by `delta` bytes (the texts
/// here are ASCII, so bytes are UTF-16 units too).
fn at(text: &str, needle: &str, delta: usize) -> Value {
    let offset = text.find(needle).expect("needle") + delta;
    let line = text[..offset].matches('\n').count() as u32;
    let col = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    position(line, col)
}

#[test]
fn folding_ranges_by_lines_also_in_broken_code() {
    let caps = json!({ "textDocument": { "foldingRange": { "lineFoldingOnly": true } } });
    let (mut server, _dir, uri) = module(MAIN, caps);
    let response = server.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    let folds = response["result"].as_array().cloned().unwrap_or_default();
    let fold = |start: u64| {
        folds
            .iter()
            .find(|f| f["startLine"] == start)
            .unwrap_or_else(|| panic!("no fold at line {start}: {response}"))
            .clone()
    };
    let imports = fold(line_of(MAIN, "import ("));
    assert_eq!(imports["kind"], "imports");
    // The closing parenthesis stays visible: the fold ends on the line before it.
    assert_eq!(imports["endLine"], line_of(MAIN, "\"os\""));
    // A client folding lines gets no characters.
    assert_eq!(imports.get("startCharacter"), None, "{imports}");
    let body = fold(line_of(MAIN, "func Answer"));
    assert_eq!(body["endLine"], line_of(MAIN, "return 42"));
    assert_eq!(body.get("kind"), None);
    let comment_free = folds.iter().all(|f| f["kind"] != "comment");
    assert!(comment_free, "a one-line comment folded: {response}");

    // Typing a broken line keeps the other folds.
    let broken = MAIN.replace("\treturn 42\n", "\treturn 42 +\n\tif {\n");
    server.change(&uri, 2, json!([{ "text": broken }]));
    let response = server.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    let folds = response["result"].as_array().cloned().unwrap_or_default();
    let struct_line = line_of(&broken, "type Point struct");
    assert!(
        folds.iter().any(|f| f["startLine"] == struct_line),
        "{response}"
    );

    // An empty document: no folds, no error.
    server.change(&uri, 3, json!([{ "text": "" }]));
    let response = server.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(response["result"], json!([]), "{response}");
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn selection_ranges_one_chain_per_position() {
    let (mut server, _dir, uri) = module(MAIN, json!({}));
    let response = server.request(
        "textDocument/selectionRange",
        json!({
            "textDocument": { "uri": uri },
            "positions": [at(MAIN, "dx int)", 1), position(400, 0)],
        }),
    );
    let answers = response["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(answers.len(), 2, "{response}");
    // The identifier, the parameter, the parameter list ...
    let first = &answers[0];
    assert_eq!(
        first["range"],
        range(at(MAIN, "dx int)", 0), at(MAIN, "dx int)", 2))
    );
    assert_eq!(
        first["parent"]["range"],
        range(at(MAIN, "dx int)", 0), at(MAIN, "dx int)", 6))
    );
    // ... out to the whole file, each range inside the next.
    let mut chain = vec![first.clone()];
    while let Some(parent) = chain.last().and_then(|s| s.get("parent")).cloned() {
        chain.push(parent);
    }
    let whole = range(position(0, 0), position(MAIN.lines().count() as u32, 0));
    assert_eq!(chain.last().map(|s| s["range"].clone()), Some(whole));
    // Past the end: an empty range and nothing around it.
    assert_eq!(answers[1].get("parent"), None, "{response}");
    let start = &answers[1]["range"]["start"];
    assert_eq!(&answers[1]["range"]["end"], start);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn document_symbols_as_a_tree_or_flat() {
    let caps = json!({ "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } } });
    let (mut server, _dir, uri) = module(MAIN, caps);
    let response = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = response["result"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = symbols.iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["Point", "(*Point).Move", "Answer"], "{response}");
    let point = &symbols[0];
    assert_eq!(point["kind"], 23, "Point is a struct: {point}");
    assert_eq!(point["detail"], "struct{...}");
    assert_eq!(
        point["selectionRange"],
        range(at(MAIN, "Point struct", 0), at(MAIN, "Point struct", 5))
    );
    let fields: Vec<&str> = point["children"]
        .as_array()
        .map(|c| c.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, ["X", "Y"]);
    assert_eq!(symbols[1]["kind"], 6, "a method: {}", symbols[1]);
    assert_eq!(symbols[2]["detail"], "func() int");
    assert_eq!(server.shutdown_and_exit(), 0);

    // A client without hierarchical support gets the same symbols flat, fields inside their
    // type.
    let (mut server, _dir, uri) = module(MAIN, json!({}));
    let response = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let flat = response["result"].as_array().cloned().unwrap_or_default();
    let rows: Vec<(String, Value)> = flat
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or("").to_string(),
                s["containerName"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Point".to_string(), Value::Null),
            ("X".to_string(), json!("Point")),
            ("Y".to_string(), json!("Point")),
            ("(*Point).Move".to_string(), Value::Null),
            ("Answer".to_string(), Value::Null),
        ],
        "{response}"
    );
    assert_eq!(flat[0]["location"]["uri"], uri);
    // A document without a package clause still has its declarations; an empty one none.
    server.change(&uri, 2, json!([{ "text": "func f() {}\n" }]));
    let response = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(response["result"][0]["name"], "f", "{response}");
    server.change(&uri, 3, json!([{ "text": "" }]));
    let response = server.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(response["result"], json!([]), "{response}");
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn workspace_symbols_search_the_module_and_the_standard_library() {
    let (mut server, _dir, uri) = module(MAIN, json!({}));
    let started = Instant::now();
    let response = server.request("workspace/symbol", json!({ "query": "Answer" }));
    let cold = started.elapsed();
    let found = response["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        found.first().map(|s| s["name"].clone()),
        Some(json!("Answer")),
        "{response}"
    );
    assert_eq!(found[0]["containerName"], "example.com/m");
    assert_eq!(found[0]["kind"], 12);
    assert_eq!(found[0]["location"]["uri"], uri);
    assert_eq!(
        found[0]["location"]["range"],
        range(at(MAIN, "Answer()", 0), at(MAIN, "Answer()", 6))
    );

    // The standard library is searched too (when the toolchain is there to find it), and a
    // query may name the package.
    let started = Instant::now();
    let response = server.request("workspace/symbol", json!({ "query": "fmt.Println" }));
    let warm = started.elapsed();
    eprintln!("workspace/symbol: first query {cold:?}, then {warm:?} (debug build)");
    let found = response["result"].as_array().cloned().unwrap_or_default();
    if let Some(first) = found.first() {
        assert_eq!(first["name"], "Println", "{response}");
        assert_eq!(first["containerName"], "fmt");
        let uri = first["location"]["uri"].as_str().unwrap_or_default();
        assert!(uri.ends_with("/src/fmt/print.go"), "{uri}");
    }
    assert!(found.len() <= 100);

    // An empty query, and one nothing matches: empty answers.
    for query in ["", "zzqqxxjj"] {
        let response = server.request("workspace/symbol", json!({ "query": query }));
        assert_eq!(response["result"], json!([]), "{response}");
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}
