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
