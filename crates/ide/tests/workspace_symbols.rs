//! Workspace symbols: a fuzzy search over the declarations of the workspace's packages and of
//! the standard library, best matches first, with the package as container; only an edited
//! file is indexed again.

mod fixture;

use std::{path::Path, sync::Arc};

use fixture::Fixture;
use ide::{
    AnalysisHost, BuildContext, GoModuleEnv, MemoryFileSystem, ProjectSettings, SymbolKind,
    TextEdit, TextRange, WorkspaceSymbol,
};

const FILES: &str = r#"//- /w/a/a.go
package a

// Server is the workspace's own server.
type Server struct {
	Addr string
}

func (s *Server) ListenAndServe() error { return nil }

func helper() {}
//- /w/a/a_test.go
package a

func TestServer() {}
//- /w/b/broken.go
package b

type Reserved int

func broken( {
//- /w/testdata/skip.go
package skip

func ServeTestdata() {}
//- /w/vendor/example.com/v/v.go
package v

func ServeVendored() {}
//- /go/src/net/http/server.go
package http

type Server struct{ Addr string }

func (srv *Server) ListenAndServe() error { return nil }

func Serve() error { return nil }

type ResponseWriter interface {
	Write([]byte) (int, error)
}

type Handler interface {
	ServeHTTP(ResponseWriter, *Request)
}

type Request struct{}
//- /go/src/fmt/print.go
package fmt

func Println(a ...any) (n int, err error) { return 0, nil }

func Sprintln(a ...any) string { return "" }
//- /go/src/cmd/go/main.go
package main

func ServeCmd() {}
"#;

fn search(f: &Fixture, query: &str) -> Vec<WorkspaceSymbol> {
    f.analysis()
        .workspace_symbols(query, 100)
        .expect("not cancelled")
}

/// `name container` of each result.
fn names(found: &[WorkspaceSymbol]) -> Vec<String> {
    found
        .iter()
        .map(|s| format!("{} {}", s.name, s.container))
        .collect()
}

#[test]
fn workspace_and_std_declarations_ranked_by_match() {
    let f = Fixture::new(FILES);
    let found = search(&f, "serve");
    let got = names(&found);
    // An exact name first; at equal scores the workspace's own code first. Test data, vendored
    // code and cmd are not searched.
    assert_eq!(
        got[..3],
        [
            "Serve net/http",
            "Server example.com/m/a",
            "Server net/http"
        ],
        "{got:?}"
    );
    for name in ["ServeTestdata", "ServeVendored", "ServeCmd"] {
        assert!(!got.iter().any(|g| g.starts_with(name)), "{got:?}");
    }
    // Methods and interface methods are `Type.Method`.
    assert!(got.contains(&"Server.ListenAndServe example.com/m/a".to_string()));
    assert!(got.contains(&"Handler.ServeHTTP net/http".to_string()));
    let serve = &found[0];
    assert_eq!(serve.kind, SymbolKind::Function);
    let text = f.text(serve.file);
    assert_eq!(&text[serve.range.as_usize()], "Serve");
}

#[test]
fn kinds_fields_tests_and_camel_case_queries() {
    let f = Fixture::new(FILES);
    let found = search(&f, "rw");
    assert_eq!(names(&found)[0], "ResponseWriter net/http");
    assert_eq!(found[0].kind, SymbolKind::Interface);
    let found = search(&f, "Server.Addr");
    assert_eq!(
        names(&found)[..2],
        ["Server.Addr example.com/m/a", "Server.Addr net/http"]
    );
    assert_eq!(found[0].kind, SymbolKind::Field);
    // A query may name the package.
    assert_eq!(names(&search(&f, "fmt.println"))[0], "Println fmt");
    // A workspace package's test files are searched too.
    assert_eq!(
        names(&search(&f, "TestServer"))[0],
        "TestServer example.com/m/a"
    );
}

#[test]
fn a_file_with_syntax_errors_is_searched() {
    let f = Fixture::new(FILES);
    let found = search(&f, "Reserved");
    assert_eq!(names(&found)[0], "Reserved example.com/m/b");
    assert_eq!(found[0].kind, SymbolKind::Class);
}

#[test]
fn empty_queries_and_limits() {
    let f = Fixture::new(FILES);
    assert_eq!(search(&f, ""), vec![]);
    assert_eq!(search(&f, "   "), vec![]);
    assert_eq!(search(&f, "zzzzqqq"), vec![]);
    let all = search(&f, "e");
    assert!(all.len() > 3, "{:?}", names(&all));
    let two = f
        .analysis()
        .workspace_symbols("e", 2)
        .expect("not cancelled");
    assert_eq!(two, all[..2]);
}

#[test]
fn an_edit_re_indexes_only_the_edited_file() {
    let fs = Arc::new(MemoryFileSystem::default());
    for chunk in FILES.split("//- ").filter(|c| !c.trim().is_empty()) {
        let (path, body) = chunk.split_once('\n').expect("a path line");
        fs.insert(path.trim(), body);
    }
    fs.insert("/w/go.mod", "module example.com/m\n\ngo 1.24\n");
    let log = ide::EventLog::default();
    let mut host = AnalysisHost::with_event_log(fs.clone(), log.clone());
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv::new("/cache"),
        gopath: Vec::new(),
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/w".into()],
    });
    let query = |host: &AnalysisHost, q: &str| {
        names(
            &host
                .analysis()
                .workspace_symbols(q, 100)
                .expect("not cancelled"),
        )
    };
    let indexed = |events: Vec<String>| {
        events
            .iter()
            .filter(|e| e.starts_with("file_symbol_index("))
            .count()
    };
    assert!(query(&host, "helper").contains(&"helper example.com/m/a".to_string()));
    // Each file of the searched packages was indexed once (a.go, a_test.go, broken.go and the
    // two std files).
    assert_eq!(indexed(log.take()), 5);

    // An edit inside a body, and one that renames a function: one file indexed again each.
    let file = host.file_id(Path::new("/w/a/a.go")).expect("a.go is known");
    let text = host.analysis().file_text(file).expect("not cancelled");
    let at = text.find("func helper() {}").expect("helper") as u32;
    let body = at + "func helper() {".len() as u32;
    host.apply_edits(
        file,
        &[TextEdit {
            delete: TextRange::empty(body),
            insert: " _ = 1 ".to_string(),
        }],
    );
    assert!(query(&host, "helper").contains(&"helper example.com/m/a".to_string()));
    assert_eq!(indexed(log.take()), 1);
    // Once the editor has the file open, its index is read off the editor's syntax tree.
    let text = host.analysis().file_text(file).expect("not cancelled");
    let file = host.open_file(Path::new("/w/a/a.go"), text.to_string());
    let name = at + "func ".len() as u32;
    host.apply_edits(
        file,
        &[TextEdit {
            delete: TextRange::new(name, name + "helper".len() as u32),
            insert: "assist".to_string(),
        }],
    );
    assert_eq!(query(&host, "helper"), Vec::<String>::new());
    assert_eq!(query(&host, "assist"), ["assist example.com/m/a"]);
    assert_eq!(indexed(log.take()), 1);
}
