//! The analyzers in the editor, through the real binary: their findings are published with
//! the compiler's errors, follow the `analyses` setting live, unknown analyzer names are
//! shown as a warning, and their fixes are quick fixes.

mod support;

use serde_json::{Value, json};
use support::*;

/// `x` is declared and not used (a soft error: the package is still well-typed, so every
/// analyzer runs), `F == nil` is always false (nilfunc), and the panic cannot run
/// (unreachable, with a fix that removes it).
const A: &str = "package m\n\nfunc F() {}\n\nfunc G() int {\n\tx := 1\n\tif F == nil {\n\t}\n\treturn 1\n\tpanic(\"no\")\n}\n";

fn sources(diagnostics: &[Value]) -> Vec<String> {
    let mut sources: Vec<String> = diagnostics
        .iter()
        .map(|d| d["source"].as_str().unwrap_or_default().to_string())
        .collect();
    sources.sort();
    sources
}

/// The next diagnostics published for `uri` at `version` that satisfy `matches`.
fn diagnostics_where(
    server: &mut Server,
    uri: &str,
    version: i64,
    what: &str,
    matches: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let message = server.wait(what, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == version
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| matches(d))
    });
    message["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn has(diagnostics: &[Value], source: &str) -> bool {
    diagnostics.iter().any(|d| d["source"] == source)
}

fn configure(server: &mut Server, analyses: Value) {
    server.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "go-analyzer": { "analyses": analyses } } }),
    );
}

#[test]
fn findings_are_published_with_compiler_errors_and_follow_the_setting() {
    let m = Module::start(
        "analyzers",
        &[("a.go", A)],
        json!({ "initializationOptions": { "analyses": { "nosuchcheck": false } } }),
    );
    assert_eq!(
        m.capability("codeActionProvider")["codeActionKinds"],
        json!(["quickfix"])
    );
    let uri = m.uri("a.go");
    let Module {
        mut server,
        dir: _dir,
        ..
    } = m;
    // An unknown name is shown with the known ones; the rest of the settings apply.
    let shown = server.wait("a window/showMessage about nosuchcheck", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("\"nosuchcheck\""))
    });
    assert_eq!(shown["params"]["type"], 2, "a warning: {shown}");
    let shown = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(shown.contains("nilfunc"), "{shown}");

    server.open(&uri, 1, A);
    let all = diagnostics_where(&mut server, &uri, 1, "findings", |d| has(d, "nilfunc"));
    assert_eq!(
        sources(&all),
        ["compiler", "nilfunc", "unreachable"],
        "{all:?}"
    );
    let nilfunc = all.iter().find(|d| d["source"] == "nilfunc").unwrap();
    assert_eq!(nilfunc["severity"], 2, "a warning: {nilfunc}");
    assert_eq!(nilfunc["code"], "nilfunc");
    assert_eq!(
        nilfunc["codeDescription"]["href"],
        "https://pkg.go.dev/golang.org/x/tools/go/analysis/passes/nilfunc"
    );
    assert_eq!(
        nilfunc["range"]["start"],
        json!({ "line": 6, "character": 4 })
    );
    let compiler = all.iter().find(|d| d["source"] == "compiler").unwrap();
    assert_eq!(compiler["severity"], 1);
    assert!(
        compiler["message"]
            .as_str()
            .is_some_and(|m| m.contains("declared and not used")),
        "{compiler}"
    );

    // Off: the finding goes, the rest stays (the analyzers run again, without nilfunc; the
    // type errors may be published alone first).
    // The unknown name again, twice (clients push settings more than once): its warning was
    // shown already and is not shown again.
    for _ in 0..2 {
        configure(
            &mut server,
            json!({ "nilfunc": false, "nosuchcheck": false }),
        );
    }
    let off = diagnostics_where(&mut server, &uri, 1, "nilfunc switched off", |d| {
        !has(d, "nilfunc") && has(d, "unreachable")
    });
    assert_eq!(sources(&off), ["compiler", "unreachable"], "{off:?}");
    let warnings = server
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("nosuchcheck"))
        })
        .count();
    assert_eq!(warnings, 1, "the same warning is shown once");
    // On again: it comes back.
    configure(&mut server, json!({ "nilfunc": true }));
    let on = diagnostics_where(&mut server, &uri, 1, "nilfunc switched on", |d| {
        has(d, "nilfunc")
    });
    assert_eq!(sources(&on), sources(&all));
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_quick_fix_applies_an_analyzers_fix() {
    let m = Module::start("quickfix", &[("a.go", A)], json!({}));
    let uri = m.uri("a.go");
    let Module {
        mut server,
        dir: _dir,
        ..
    } = m;
    server.open(&uri, 1, A);
    let all = diagnostics_where(&mut server, &uri, 1, "findings", |d| has(d, "unreachable"));
    let unreachable = all
        .iter()
        .find(|d| d["source"] == "unreachable")
        .unwrap()
        .clone();
    // The cursor inside the unreachable statement.
    let line = 9;
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range(position(line, 3), position(line, 3)),
            "context": { "diagnostics": [unreachable] },
        }),
    );
    let actions = response["result"].as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| a["diagnostics"][0]["source"] == "unreachable")
        .unwrap_or_else(|| panic!("no quick fix for unreachable: {response}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["title"], "Remove");
    assert_eq!(fix["diagnostics"][0], unreachable);
    let edits = fix["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply(A, &edits);
    assert!(!fixed.contains("panic"), "{fixed}");
    assert!(fixed.contains("\treturn 1\n}"), "{fixed}");

    // unusedvariable only fixes the compiler's error: its fix comes with that error.
    let compiler = all
        .iter()
        .find(|d| d["source"] == "compiler")
        .unwrap()
        .clone();
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": compiler["range"],
            "context": { "diagnostics": [compiler] },
        }),
    );
    let actions = response["result"].as_array().cloned().unwrap_or_default();
    let remove = actions
        .iter()
        .find(|a| a["title"] == "Remove variable x")
        .unwrap_or_else(|| panic!("no quick fix for the unused variable: {response}"));
    assert_eq!(remove["diagnostics"][0], compiler);
    let edits = remove["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let removed = apply(A, &edits);
    assert!(!removed.contains("x := 1"), "{removed}");

    // The fixed text has no unreachable code left; the other findings stay.
    server.change(&uri, 2, json!([{ "text": fixed }]));
    let after = diagnostics_where(&mut server, &uri, 2, "findings after the fix", |d| {
        has(d, "nilfunc")
    });
    assert_eq!(sources(&after), ["compiler", "nilfunc"], "{after:?}");
    // Where no finding is, no action.
    let response = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range(position(0, 0), position(0, 0)),
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// Applies LSP edits (UTF-16 columns; the text is ASCII) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let col = p["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + col
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}
