//! Analyzer findings through the database: the package's real files are checked in full in a
//! copy of its dependencies' world, the analyzers run without a snapshot, and their findings
//! are cached by the package's texts.

use std::{path::Path, sync::Arc};

use ide::{AnalysisHost, Analyzers, BuildContext, GoModuleEnv, MemoryFileSystem, ProjectSettings};

const FMT: &str = "package fmt\n\nfunc Println(a ...any) (n int, err error) { return 0, nil }\n";
const A: &str = "package a\n\nimport \"fmt\"\n\nfunc F() {}\n\nfunc G() {\n\tif F == nil {\n\t\tfmt.Println()\n\t}\n}\n";

fn workspace() -> AnalysisHost {
    let fs = Arc::new(MemoryFileSystem::default());
    for (path, text) in [
        ("/go/src/fmt/print.go", FMT),
        ("/w/go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("/w/a/a.go", A),
        ("/w/a/b.go", "package a\n\nvar V = 1\n"),
    ] {
        fs.insert(path, text);
    }
    let mut host = AnalysisHost::new(fs);
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv::new("/cache"),
        gopath: Vec::new(),
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/w".into()],
    });
    host
}

#[test]
fn findings_are_computed_once_per_text_and_follow_edits() {
    let mut host = workspace();
    let path = Path::new("/w/a/a.go");
    let file = host.load_file(path).expect("the file exists");
    let inputs = host
        .analysis()
        .analyzer_inputs(file)
        .expect("not cancelled")
        .expect("the package has inputs");
    assert_eq!(inputs.paths().len(), 2);
    let analyzers = Analyzers::default();
    let all: ide::AnalyzerNames = ["nilfunc", "unreachable"].into();
    assert!(analyzers.cached(&inputs, &all).is_none());
    assert!(analyzers.last_run(&inputs).is_none());
    let (found, fresh) = analyzers.findings(&inputs, &all, || true).expect("wanted");
    assert!(fresh);
    assert!(analyzers.last_run(&inputs).is_some());
    assert!(found.bugs.is_empty(), "{:?}", found.bugs);
    let nilfunc: Vec<_> = found.in_file(path).collect();
    assert_eq!(nilfunc.len(), 1, "{found:?}");
    assert_eq!(nilfunc[0].analyzer(), "nilfunc");
    // Offsets in the real file, not in a declarations or body text.
    let at = A.find("F == nil").unwrap() as u32;
    assert_eq!(nilfunc[0].diagnostic.range.start, at);
    assert_eq!(nilfunc[0].diagnostic.severity, ide::Severity::Warning);
    assert!(!nilfunc[0].fixes_error);
    assert!(found.in_file(Path::new("/w/a/b.go")).next().is_none());
    // Only the analyzers asked for run, and what they found is cached apart.
    let unreachable: ide::AnalyzerNames = ["unreachable"].into();
    assert!(analyzers.cached(&inputs, &unreachable).is_none());
    let (some, fresh) = analyzers.findings(&inputs, &unreachable, || true).unwrap();
    assert!(fresh && some.findings.is_empty(), "{some:?}");
    assert!(some.timings.iter().all(|(name, _)| *name != "nilfunc"));
    let (found, fresh) = analyzers.findings(&inputs, &all, || true).unwrap();
    assert!(fresh && found.findings.len() == 1);

    // Same texts: the same inputs, and the findings come from the cache.
    let again = host.analysis().analyzer_inputs(file).unwrap().unwrap();
    assert_eq!(again, inputs);
    let (cached, fresh) = analyzers
        .findings(&again, &all, || panic!("not run again"))
        .unwrap();
    assert!(!fresh && Arc::ptr_eq(&cached, &found));

    // An edit in the body: new inputs; a caller that no longer wants them runs nothing.
    let fixed = A.replace("F == nil", "F() == nil");
    host.set_file_text(path, fixed.clone());
    let edited = host.analysis().analyzer_inputs(file).unwrap().unwrap();
    assert_ne!(edited, inputs);
    assert!(analyzers.cached(&edited, &all).is_none());
    assert!(analyzers.findings(&edited, &all, || false).is_none());
    // `F() == nil` does not type-check (F returns nothing), so nilfunc, which needs a
    // well-typed package, does not run.
    let (found, fresh) = analyzers.findings(&edited, &all, || true).unwrap();
    assert!(fresh);
    assert!(found.findings.is_empty(), "{found:?}");
    assert!(!host.analysis().type_diagnostics(file).unwrap().is_empty());
}

#[test]
fn no_inputs_while_the_package_has_syntax_errors() {
    let mut host = workspace();
    let path = Path::new("/w/a/b.go");
    let file = host.load_file(path).expect("the file exists");
    assert!(host.analysis().analyzer_inputs(file).unwrap().is_some());
    host.set_file_text(path, "package a\n\nvar V = \n".to_string());
    assert!(host.analysis().analyzer_inputs(file).unwrap().is_none());
    // The other file of the package too: it is the package that does not parse.
    let a = host.load_file(Path::new("/w/a/a.go")).unwrap();
    assert!(host.analysis().analyzer_inputs(a).unwrap().is_none());
}

/// How long the analyzers take on net/http (the package of server.go) from the Go toolchain
/// on this machine, after its type errors: prints the times. Slow in a debug build: run with
/// `--ignored --nocapture`.
#[test]
#[ignore]
fn analyzers_on_net_http() {
    use std::time::Instant;
    let (settings, warning) = ide::detect_project_settings(Vec::new());
    assert!(warning.is_none(), "{warning:?}");
    let goroot = settings.goroot.clone().expect("a Go toolchain");
    let mut host = AnalysisHost::new(Arc::new(ide::OsFileSystem));
    host.set_project_settings(settings);
    let path = goroot.join("src/net/http/server.go");
    let file = host.load_file(&path).expect("server.go");
    let started = Instant::now();
    let errors = host.analysis().type_diagnostics(file).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let type_errors = started.elapsed();
    eprintln!("net/http: memory after the type errors: {}", memory());
    let started = Instant::now();
    let inputs = host.analysis().analyzer_inputs(file).unwrap().unwrap();
    let gathered = started.elapsed();
    let all: ide::AnalyzerNames = analyzers::all().iter().map(|a| a.name).collect();
    let started = Instant::now();
    let found = ide::run_analyzers(&inputs, &all);
    let ran = started.elapsed();
    eprintln!("net/http: memory after the analyzers: {}", memory());
    assert!(found.bugs.is_empty(), "{:?}", found.bugs);
    // Type errors of edits in a body, with no analyzers involved: the baseline the editor's
    // first publication after an edit is measured against.
    let text = host.analysis().file_text(file).unwrap().to_string();
    let needle = "func (c *conn) hijacked() bool {\n";
    let at = text.find(needle).expect("hijacked") + needle.len();
    for n in 0..3 {
        let edited = format!("{}\tvar _ int = \"{n}\"\n{}", &text[..at], &text[at..]);
        host.set_file_text(&path, edited);
        let started = Instant::now();
        let errors = host.analysis().type_diagnostics(file).unwrap();
        assert_eq!(errors.len(), 1, "{errors:?}");
        eprintln!("net/http: edit {n}: type errors in {:?}", started.elapsed());
    }
    eprintln!(
        "net/http: type errors (loading included) {type_errors:?}; analyzer inputs {gathered:?}; \
         full check of {} files and the analyzers {ran:?}, {} finding(s)",
        found.texts.len(),
        found.findings.len()
    );
    for (what, took) in found.timings.iter().take(8) {
        eprintln!("net/http: {what} {took:?}");
    }
}

/// The process's resident and peak resident memory, from /proc (Linux).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}
