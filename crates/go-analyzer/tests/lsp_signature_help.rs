//! Signature help through the real binary on stdio: the capability with its trigger
//! characters, the answer on an open document (parameter label offsets in UTF-16, the
//! active parameter, the doc as Markdown), and on the same document edited into an unclosed
//! call.

mod support;

use serde_json::{Value, json};
use support::*;

/// A parameter name outside ASCII, so that UTF-16 label offsets differ from byte offsets.
const MAIN: &str = "package m\n\n// Greet says hello.\nfunc Greet(größe int, name string) string { return name }\n\nfunc f() string {\n\treturn Greet(1, \"x\")\n}\n";

/// The (line, character) of the first `needle` in `text`, shifted by `delta` (ASCII) bytes.
fn at(text: &str, needle: &str, delta: usize) -> Value {
    let offset = text.find(needle).expect("needle") + delta;
    let line = text[..offset].matches('\n').count() as u32;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    position(line, text[line_start..offset].encode_utf16().count())
}

fn signature_help(server: &mut Server, uri: &str, position: Value) -> Value {
    server.request(
        "textDocument/signatureHelp",
        json!({ "textDocument": { "uri": uri }, "position": position }),
    )
}

#[test]
fn signature_help_on_an_open_document_and_while_typing() {
    let m = Module::start("signature-help", &[("a.go", MAIN)], json!({}));
    let provider = m.capability("signatureHelpProvider");
    assert_eq!(
        provider["triggerCharacters"],
        json!(["(", ","]),
        "{provider}"
    );
    assert_eq!(provider["retriggerCharacters"], json!([","]), "{provider}");
    let uri = m.uri("a.go");
    let Module {
        mut server,
        dir: _dir,
        ..
    } = m;
    server.open(&uri, 1, MAIN);

    // On the second argument.
    let help = signature_help(&mut server, &uri, at(MAIN, "\"x\")", 1));
    let label = "Greet(größe int, name string) string";
    let signature = &help["result"]["signatures"][0];
    assert_eq!(signature["label"], label, "{help}");
    // Offsets into the label in UTF-16 code units: `größe` is 5 units but 7 bytes.
    let units = |s: &str| label[..label.find(s).unwrap()].encode_utf16().count();
    let params = &signature["parameters"];
    assert_eq!(
        params[0]["label"],
        json!([units("größe"), units(", name")]),
        "{help}"
    );
    assert_eq!(
        params[1]["label"],
        json!([units("name"), units(") string")]),
        "{help}"
    );
    assert_eq!(help["result"]["activeParameter"], 1, "{help}");
    assert_eq!(signature["documentation"]["kind"], "markdown");
    assert_eq!(signature["documentation"]["value"], "Greet says hello.");

    // Outside any call: no signature.
    let help = signature_help(&mut server, &uri, at(MAIN, "return Greet", 2));
    assert_eq!(help["result"], Value::Null, "{help}");

    // The user types an unclosed call before the return statement.
    let typed = MAIN.replace("\treturn Greet", "\tGreet(2, \n\treturn Greet");
    let line = MAIN[..MAIN.find("\treturn Greet").unwrap()]
        .matches('\n')
        .count() as u32;
    server.change(
        &uri,
        2,
        json!([{ "range": range(position(line, 0), position(line, 0)), "text": "\tGreet(2, \n" }]),
    );
    let help = signature_help(&mut server, &uri, at(&typed, "Greet(2, ", 9));
    assert_eq!(help["result"]["signatures"][0]["label"], label, "{help}");
    assert_eq!(help["result"]["activeParameter"], 1, "{help}");
    assert_eq!(server.shutdown_and_exit(), 0);
}
