//! Completion through the real binary on stdio, on a module in a temporary directory and the
//! real GOROOT: `fmt.` offers `fmt.Println`, as a call snippet only for a client that takes
//! snippets; bad positions get empty answers, not errors.

mod support;

use serde_json::{Value, json};
use support::*;

const MAIN: &str = "package m\n\nimport \"fmt\"\n\n// greeting is said.\nvar greeting = \"hi\"\n\nfunc f() {\n\tfmt.\n}\n\nfunc g() string {\n\treturn strconv.It\n}\n";
const BROKEN: &str = "func f() {\n\tx.\n}\n";

/// A server on a fresh module holding `a.go` = [`MAIN`] and `b.go` (no package clause), both
/// open; `snippets` says whether the client takes snippets.
fn module(snippets: bool) -> (Server, TempDir, String, String) {
    let capabilities = json!({
        "textDocument": { "completion": { "completionItem": { "snippetSupport": snippets } } }
    });
    let m = Module::start(
        "completion",
        &[("a.go", MAIN), ("b.go", BROKEN)],
        json!({ "capabilities": capabilities }),
    );
    assert_eq!(
        m.capability("completionProvider")["triggerCharacters"],
        json!(["."]),
        "{}",
        m.initialize
    );
    let (uri, broken) = (m.uri("a.go"), m.uri("b.go"));
    let Module {
        mut server, dir, ..
    } = m;
    server.open(&uri, 1, MAIN);
    server.open(&broken, 1, BROKEN);
    (server, dir, uri, broken)
}

/// The (line, character) just after the first `needle` in MAIN.
fn after(needle: &str) -> Value {
    let offset = MAIN.find(needle).expect("needle") + needle.len();
    let line = MAIN[..offset].matches('\n').count() as u32;
    let col = offset - MAIN[..offset].rfind('\n').map_or(0, |i| i + 1);
    position(line, col)
}

fn complete(server: &mut Server, uri: &str, position: Value) -> Value {
    let response = server.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": position }),
    );
    assert!(response.get("error").is_none(), "{response}");
    response["result"].clone()
}

fn item<'a>(result: &'a Value, label: &str) -> &'a Value {
    result["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == label))
        .unwrap_or_else(|| panic!("no {label} in {result}"))
}

#[test]
fn members_of_fmt_as_call_snippets_for_a_client_with_snippets() {
    let (mut server, _dir, uri, _) = module(true);
    let result = complete(&mut server, &uri, after("\tfmt."));
    let println = item(&result, "Println");
    assert_eq!(println["kind"], 3, "a function: {println}");
    assert_eq!(println["insertTextFormat"], 2, "a snippet: {println}");
    assert_eq!(println["textEdit"]["newText"], "Println(${1:})");
    // The edit replaces nothing yet: it starts and ends at the cursor.
    assert_eq!(println["textEdit"]["range"]["start"], after("\tfmt."));
    assert_eq!(println["textEdit"]["range"]["end"], after("\tfmt."));
    assert!(
        println["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("func fmt.Println(a ...any)")),
        "{println}"
    );
    // Unexported members of fmt are not offered.
    let labels: Vec<&str> = result["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        labels.iter().all(|l| l.starts_with(char::is_uppercase)),
        "{labels:?}"
    );

    // A package the file does not import: its members, each with the edit that imports it.
    let result = complete(&mut server, &uri, after("strconv.It"));
    let itoa = item(&result, "Itoa");
    assert_eq!(itoa["textEdit"]["newText"], "Itoa(${1:})");
    let at = after("import \"fmt\"");
    assert_eq!(
        itoa["additionalTextEdits"],
        json!([{ "range": range(at.clone(), at), "newText": "\nimport \"strconv\"" }]),
        "{itoa}"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn plain_names_for_a_client_without_snippets_and_empty_answers_for_bad_positions() {
    let (mut server, _dir, uri, broken) = module(false);
    let result = complete(&mut server, &uri, after("\tfmt."));
    let println = item(&result, "Println");
    assert_eq!(println["insertTextFormat"], 1, "plain text: {println}");
    assert_eq!(println["textEdit"]["newText"], "Println");
    assert!(
        result["items"]
            .as_array()
            .is_some_and(|items| items.iter().all(|i| i["insertTextFormat"] == 1)),
        "no snippets at all: {result}"
    );

    // Past the end, in a comment, in a file without a package clause: no items, no error.
    for (uri, position) in [
        (&uri, position(400, 3)),
        (&uri, after("// greet")),
        (&broken, position(1, 3)),
    ] {
        let result = complete(&mut server, uri, position);
        assert!(
            result.is_null() || result["items"].as_array().is_some_and(|i| i.is_empty()),
            "{result}"
        );
    }
    // The server still answers.
    let result = complete(&mut server, &uri, after("\tfmt."));
    item(&result, "Println");
    assert_eq!(server.shutdown_and_exit(), 0);
}
