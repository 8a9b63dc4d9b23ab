//! Type errors through the database: a file's package is checked with its dependencies, and
//! the answer follows edits (of the file, and of a package it imports).

use std::{path::Path, sync::Arc};

use ide::{AnalysisHost, BuildContext, GoModuleEnv, MemoryFileSystem, ProjectSettings};

const FMT: &str = "package fmt\n\nfunc Println(a ...any) (n int, err error) { return 0, nil }\n";
const A: &str =
    "package a\n\nimport \"fmt\"\n\nfunc A() int {\n\tfmt.Println(1)\n\treturn \"s\"\n}\n";
const B: &str = "package b\n\nimport \"example.com/m/a\"\n\nvar S string = a.A()\n";

fn workspace() -> (Arc<MemoryFileSystem>, AnalysisHost) {
    let fs = Arc::new(MemoryFileSystem::default());
    for (path, text) in [
        ("/go/src/fmt/print.go", FMT),
        ("/w/go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("/w/a/a.go", A),
        ("/w/b/b.go", B),
    ] {
        fs.insert(path, text);
    }
    let mut host = AnalysisHost::new(fs.clone());
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv::new("/cache"),
        gopath: Vec::new(),
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/w".into()],
    });
    (fs, host)
}

fn type_errors(host: &mut AnalysisHost, path: &str) -> Vec<(u32, String)> {
    let file = match host.file_id(Path::new(path)) {
        Some(file) => file,
        None => host.load_file(Path::new(path)).expect("the file exists"),
    };
    host.analysis()
        .type_diagnostics(file)
        .expect("not cancelled")
        .into_iter()
        .inspect(|d| assert_eq!(d.source, "compiler"))
        .map(|d| (d.range.start, d.message))
        .collect()
}

#[test]
fn a_package_is_checked_with_its_dependencies() {
    let (_fs, mut host) = workspace();
    let at = A.find("\"s\"").unwrap() as u32;
    assert_eq!(
        type_errors(&mut host, "/w/a/a.go"),
        [(
            at,
            "cannot use \"s\" (untyped string constant) as int value in return statement"
                .to_string()
        )]
    );
    let at = B.find("a.A()").unwrap() as u32;
    assert_eq!(
        type_errors(&mut host, "/w/b/b.go"),
        [(
            at,
            "cannot use a.A() (value of type int) as string value in variable declaration"
                .to_string()
        )]
    );
}

#[test]
fn answers_follow_edits_of_the_file_and_of_its_imports() {
    let (_fs, mut host) = workspace();
    assert_eq!(type_errors(&mut host, "/w/a/a.go").len(), 1);
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);
    // Fix a's body: a is clean; b still misuses a's API.
    let a = Path::new("/w/a/a.go");
    host.set_file_text(a, A.replace("\"s\"", "0"));
    assert!(type_errors(&mut host, "/w/a/a.go").is_empty());
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);
    // Change a's API: now b is right.
    host.set_file_text(
        a,
        A.replace("\"s\"", "\"\"")
            .replace("func A() int", "func A() string"),
    );
    assert!(type_errors(&mut host, "/w/b/b.go").is_empty());
    // A syntax error in a: type errors for a wait for it to parse.
    host.set_file_text(a, A.replace("return", "return )"));
    assert!(type_errors(&mut host, "/w/a/a.go").is_empty());
}

/// From salsa's event log: which checks re-run after an edit inside one function body, after
/// an edit of a declaration, and after an edit in a package that `b` imports.
#[test]
fn an_edit_inside_a_body_re_checks_that_body_only() {
    const A2: &str = "package a\n\nfunc C() int {\n\tx := 1\n\treturn 0\n}\n\nfunc D() {}\n";
    let fs = Arc::new(MemoryFileSystem::default());
    for (path, text) in [
        ("/go/src/fmt/print.go", FMT),
        ("/w/go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("/w/a/a.go", A),
        ("/w/a/a2.go", A2),
        ("/w/b/b.go", B),
    ] {
        fs.insert(path, text);
    }
    let log = ide::EventLog::default();
    let mut host = AnalysisHost::with_event_log(fs.clone(), log.clone());
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv::new("/cache"),
        gopath: Vec::new(),
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/w".into()],
    });
    let errors_a2 = |host: &mut AnalysisHost| type_errors(host, "/w/a/a2.go");
    let x = A2.find("x :=").unwrap() as u32;
    assert_eq!(
        errors_a2(&mut host),
        [(x, "declared and not used: x".to_string())]
    );
    assert_eq!(type_errors(&mut host, "/w/a/a.go").len(), 1);
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);
    let count = |events: &[String], query: &str| {
        let prefix = format!("{query}(");
        events.iter().filter(|e| e.starts_with(&prefix)).count()
    };
    assert!(count(&log.take(), "body_check") >= 3);

    // Inside C's body: one more line, one more error, every later offset moves.
    let edited = A2.replace("\tx := 1\n", "\tx := 1\n\tvar y string = 2\n");
    host.set_file_text(Path::new("/w/a/a2.go"), edited.clone());
    let y = edited.find("2\n").unwrap() as u32;
    assert_eq!(
        errors_a2(&mut host),
        [
            (x, "declared and not used: x".to_string()),
            (
                edited.find("y string").unwrap() as u32,
                "declared and not used: y".to_string()
            ),
            (
                y,
                "cannot use 2 (untyped int constant) as string value in variable declaration"
                    .to_string()
            ),
        ]
    );
    assert_eq!(type_errors(&mut host, "/w/a/a.go").len(), 1);
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);
    let events = log.take();
    assert_eq!(count(&events, "body_check"), 1, "{events:#?}");
    assert_eq!(count(&events, "package_declarations"), 0, "{events:#?}");
    // Only a's errors are merged again; b, which imports a, is not touched.
    assert_eq!(count(&events, "package_type_errors"), 1, "{events:#?}");

    // A declaration edit re-checks the package's declarations, its bodies, and b.
    host.set_file_text(
        Path::new("/w/a/a2.go"),
        edited.replace("func D() {}", "func D() string { return \"\" }"),
    );
    assert_eq!(errors_a2(&mut host).len(), 3);
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);
    let events = log.take();
    assert_eq!(count(&events, "package_declarations"), 2, "{events:#?}");
    assert!(count(&events, "body_check") >= 3, "{events:#?}");
}

/// The module's `go` line is the language version the editor checks with.
#[test]
fn the_go_line_of_go_mod_sets_the_language_version() {
    let (fs, mut host) = workspace();
    const R: &str = "package r\n\nfunc F() {\n\tfor range 3 {\n\t}\n}\n";
    fs.insert("/w/r/r.go", R);
    assert!(type_errors(&mut host, "/w/r/r.go").is_empty());
    host.set_file_text(
        Path::new("/w/go.mod"),
        "module example.com/m\n\ngo 1.21\n".to_string(),
    );
    assert_eq!(
        type_errors(&mut host, "/w/r/r.go"),
        [(
            R.find('3').unwrap() as u32,
            "cannot range over 3 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)".to_string()
        )]
    );
}

/// A syntax error inside one function body leaves the rest of the package checked: the other
/// bodies' type errors stay, the broken body's are not reported (they would be echoes). A
/// syntax error that may have moved where a body ends (a brace not at the start of its line)
/// stops type checking, as any error outside bodies does.
#[test]
fn a_syntax_error_in_one_body_leaves_the_others_checked() {
    let (_fs, mut host) = workspace();
    let a = Path::new("/w/a/a.go");
    let text = format!("{A}\nfunc g() int {{\n\tx := (1 +\n\treturn x\n}}\n");
    host.set_file_text(a, text.clone());
    let at = text.find("\"s\"").unwrap() as u32;
    let errors = type_errors(&mut host, "/w/a/a.go");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, at);
    // The importer still sees the package's API.
    assert_eq!(type_errors(&mut host, "/w/b/b.go").len(), 1);

    // `func g() int {` with no closing brace: where g ends is anyone's guess.
    host.set_file_text(a, format!("{A}\nfunc g() int {{\n\treturn 1\n"));
    assert!(type_errors(&mut host, "/w/a/a.go").is_empty());
}
