//! The package graph in the database, on an in-memory file system: what `package_for_file`
//! answers (files per category, imports, module, the configuration of excluded files), and,
//! from salsa's event log, which queries re-run after each kind of change: a file added to or
//! removed from one directory re-runs that directory's package query only; a body edit re-runs
//! no package query; a go.mod edit re-runs the module graph.

use std::{path::Path, sync::Arc};

use ide::{
    AnalysisHost, BuildContext, ChangeKind, EventLog, FileChange, FileKind, GoModuleEnv,
    MemoryFileSystem, PackageInfo, ProjectSettings, TextEdit, TextRange,
};

const A: &str = "package a\n\nimport \"fmt\"\n\nfunc A() {\n\tfmt.Println()\n}\n";
const B: &str = "package b\n\nimport \"example.com/m/a\"\n\nfunc B() { a.A() }\n";

fn workspace() -> (Arc<MemoryFileSystem>, AnalysisHost, EventLog) {
    let fs = Arc::new(MemoryFileSystem::default());
    let files: &[(&str, &str)] = &[
        ("/go/src/fmt/print.go", "package fmt\n\nimport \"errors\"\n"),
        ("/go/src/errors/errors.go", "package errors\n"),
        ("/go/src/os/file.go", "package os\n"),
        ("/w/go.mod", "module example.com/m\n\ngo 1.22\n"),
        ("/w/a/a.go", A),
        ("/w/a/a_windows.go", "package a\n\nimport \"errors\"\n"),
        (
            "/w/a/gen.go",
            "//go:build ignore\n\npackage main\n\nimport \"os\"\n\nfunc main() { os.Exit(0) }\n",
        ),
        ("/w/a/a_test.go", "package a\n\nimport \"testing\"\n"),
        ("/w/b/b.go", B),
        ("/w/c/c.go", "package c\n\nfunc C() {}\n"),
    ];
    for (path, text) in files {
        fs.insert(*path, *text);
    }
    let log = EventLog::default();
    let mut host = AnalysisHost::with_event_log(fs.clone(), log.clone());
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv::new("/cache"),
        gopath: Vec::new(),
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/w".into()],
    });
    (fs, host, log)
}

fn package(host: &mut AnalysisHost, path: &str) -> PackageInfo {
    let file = match host.file_id(Path::new(path)) {
        Some(file) => file,
        None => host.load_file(Path::new(path)).expect("the file exists"),
    };
    host.analysis()
        .package_for_file(file)
        .unwrap()
        .unwrap_or_else(|| panic!("no package for {path}"))
}

/// Loads the three packages of the workspace, so that later changes find them computed.
fn warm(host: &mut AnalysisHost) {
    for path in ["/w/a/a.go", "/w/b/b.go", "/w/c/c.go"] {
        package(host, path);
    }
}

fn count(events: &[String], query: &str) -> usize {
    let prefix = format!("{query}(");
    events.iter().filter(|e| e.starts_with(&prefix)).count()
}

fn created(path: &str) -> FileChange {
    FileChange {
        path: path.into(),
        kind: ChangeKind::Created,
    }
}

#[test]
fn packages_of_files() {
    let (_fs, mut host, _) = workspace();
    let a = package(&mut host, "/w/a/a.go");
    assert!(a.default_config);
    assert_eq!(a.file_kind, FileKind::Go);
    let p = &a.package;
    assert_eq!(p.import_path, "example.com/m/a");
    assert_eq!(p.name, "a");
    assert_eq!(p.go_files, ["a.go"]);
    assert_eq!(p.ignored_go_files, ["a_windows.go", "gen.go"]);
    assert_eq!(p.test_go_files, ["a_test.go"]);
    assert_eq!(p.imports, ["fmt"]);
    assert_eq!(
        p.module.as_ref().map(|m| m.path.as_str()),
        Some("example.com/m")
    );
    assert_eq!(p.error, None);

    let b = package(&mut host, "/w/b/b.go");
    assert_eq!(b.package.imports, ["example.com/m/a"]);
    assert!(
        b.package.deps_errors.is_empty(),
        "{:?}",
        b.package.deps_errors
    );

    let fmt = package(&mut host, "/go/src/fmt/print.go");
    assert!(fmt.package.standard);
    assert_eq!(fmt.package.import_path, "fmt");
    assert_eq!(fmt.package.imports, ["errors"]);

    let analysis = host.analysis();
    let resolved = analysis
        .resolve_import(Path::new("/w/b"), "example.com/m/a")
        .unwrap()
        .unwrap();
    assert_eq!(resolved.dir, Path::new("/w/a"));
    let missing = analysis
        .resolve_import(Path::new("/w/b"), "example.com/nowhere")
        .unwrap()
        .unwrap_err();
    assert!(
        missing.contains("no required module provides package"),
        "{missing}"
    );
}

#[test]
fn excluded_files_get_a_package_under_a_configuration_that_includes_them() {
    let (_fs, mut host, _) = workspace();
    let windows = package(&mut host, "/w/a/a_windows.go");
    assert!(!windows.default_config);
    assert_eq!(windows.config.goos, "windows");
    assert_eq!(windows.file_kind, FileKind::Go);
    assert_eq!(windows.package.import_path, "example.com/m/a");
    assert_eq!(windows.package.go_files, ["a.go", "a_windows.go"]);
    assert_eq!(windows.package.imports, ["errors", "fmt"]);

    // `//go:build ignore` in package main next to package a: a package of its own.
    let generator = package(&mut host, "/w/a/gen.go");
    assert!(!generator.default_config);
    assert_eq!(generator.config.tags, ["ignore"]);
    assert_eq!(generator.config.goos, "linux");
    assert_eq!(generator.package.import_path, "command-line-arguments");
    assert_eq!(generator.package.name, "main");
    assert_eq!(generator.package.go_files, ["gen.go"]);
    assert_eq!(generator.package.imports, ["os"]);
    assert_eq!(generator.package.error, None);

    // The workspace's own view of the directory is unchanged.
    let a = package(&mut host, "/w/a/a.go");
    assert!(a.default_config);
    assert_eq!(a.package.go_files, ["a.go"]);
}

#[test]
fn adding_or_removing_a_file_reruns_only_its_directorys_package() {
    let (fs, mut host, log) = workspace();
    warm(&mut host);
    log.take();

    fs.insert("/w/a/a2.go", "package a\n\nimport \"errors\"\n");
    let changed = host.did_change_watched_files(&[created("/w/a/a2.go")]);
    assert_eq!(changed, 1, "only /w/a's listing changed");
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "package_query"), 1, "{events:#?}");
    assert_eq!(count(&events, "module_graph"), 0, "{events:#?}");
    assert_eq!(count(&events, "dir_owner"), 0, "{events:#?}");
    let a = package(&mut host, "/w/a/a.go");
    assert_eq!(a.package.go_files, ["a.go", "a2.go"]);
    assert_eq!(a.package.imports, ["errors", "fmt"]);

    fs.remove(Path::new("/w/a/a2.go"));
    host.did_change_watched_files(&[FileChange {
        path: "/w/a/a2.go".into(),
        kind: ChangeKind::Deleted,
    }]);
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "package_query"), 1, "{events:#?}");
    assert_eq!(count(&events, "module_graph"), 0, "{events:#?}");
    assert_eq!(package(&mut host, "/w/a/a.go").package.go_files, ["a.go"]);

    // A spurious event (nothing changed on disk) changes no input and re-runs nothing.
    assert_eq!(host.did_change_watched_files(&[created("/w/c/c.go")]), 0);
    warm(&mut host);
    assert_eq!(log.take(), Vec::<String>::new());
}

#[test]
fn a_body_edit_reruns_no_package_query() {
    let (fs, mut host, log) = workspace();
    warm(&mut host);
    let a = host.file_id(Path::new("/w/a/a.go")).unwrap();
    log.take();

    // In the editor: inside the body of A.
    let at = A.find("fmt.Println()").unwrap() as u32;
    host.apply_edits(
        a,
        &[TextEdit {
            delete: TextRange::new(at, at),
            insert: "x := 1\n\t_ = x\n\t".into(),
        }],
    );
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "file_header"), 1, "{events:#?}");
    assert_eq!(count(&events, "package_query"), 0, "{events:#?}");
    assert_eq!(count(&events, "file_package"), 0, "{events:#?}");

    // On disk, reported by the watcher.
    fs.insert("/w/c/c.go", "package c\n\nfunc C() { println() }\n");
    assert_eq!(
        host.did_change_watched_files(&[FileChange {
            path: "/w/c/c.go".into(),
            kind: ChangeKind::Changed,
        }]),
        1
    );
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "file_header"), 1, "{events:#?}");
    assert_eq!(count(&events, "package_query"), 0, "{events:#?}");

    // A header edit (a new import) does re-run the package, and only it.
    fs.insert(
        "/w/c/c.go",
        "package c\n\nimport \"os\"\n\nfunc C() { os.Exit(1) }\n",
    );
    host.did_change_watched_files(&[FileChange {
        path: "/w/c/c.go".into(),
        kind: ChangeKind::Changed,
    }]);
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "package_query"), 1, "{events:#?}");
    assert_eq!(package(&mut host, "/w/c/c.go").package.imports, ["os"]);
}

#[test]
fn a_go_mod_edit_reruns_the_module_graph() {
    let (fs, mut host, log) = workspace();
    warm(&mut host);
    log.take();

    // A change that leaves every resolution as it was: the graph re-runs, packages do not.
    fs.insert(
        "/w/go.mod",
        "module example.com/m\n\n// The language version.\ngo 1.22\n",
    );
    host.did_change_watched_files(&[FileChange {
        path: "/w/go.mod".into(),
        kind: ChangeKind::Changed,
    }]);
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "module_graph"), 1, "{events:#?}");
    assert_eq!(count(&events, "package_query"), 0, "{events:#?}");

    // A new `go` line is the module's packages' language version: they re-run.
    fs.insert("/w/go.mod", "module example.com/m\n\ngo 1.23\n");
    host.did_change_watched_files(&[FileChange {
        path: "/w/go.mod".into(),
        kind: ChangeKind::Changed,
    }]);
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "package_query"), 3, "{events:#?}");
    let a = package(&mut host, "/w/a/a.go");
    let go_version = a.package.module.and_then(|m| m.go_version);
    assert_eq!(go_version.as_deref(), Some("1.23"));

    // A new module path renames every package, and b's import of the old path breaks.
    fs.insert("/w/go.mod", "module example.com/n\n\ngo 1.23\n");
    host.did_change_watched_files(&[FileChange {
        path: "/w/go.mod".into(),
        kind: ChangeKind::Changed,
    }]);
    warm(&mut host);
    let events = log.take();
    assert_eq!(count(&events, "module_graph"), 1, "{events:#?}");
    let b = package(&mut host, "/w/b/b.go");
    assert_eq!(b.package.import_path, "example.com/n/b");
    assert_eq!(
        b.package.deps_errors.len(),
        1,
        "{:?}",
        b.package.deps_errors
    );

    // An editor's unsaved go.mod counts too.
    host.open_file(
        Path::new("/w/go.mod"),
        "module example.com/m\n\ngo 1.23\n".into(),
    );
    let b = package(&mut host, "/w/b/b.go");
    assert_eq!(b.package.import_path, "example.com/m/b");
    assert!(
        b.package.deps_errors.is_empty(),
        "{:?}",
        b.package.deps_errors
    );
    // While it is open, the disk's version does not replace it; closing it does.
    host.did_change_watched_files(&[FileChange {
        path: "/w/go.mod".into(),
        kind: ChangeKind::Changed,
    }]);
    assert_eq!(
        package(&mut host, "/w/b/b.go").package.import_path,
        "example.com/m/b"
    );
    let go_mod = host.file_id(Path::new("/w/go.mod")).unwrap();
    host.close_file(go_mod);
    assert_eq!(
        package(&mut host, "/w/b/b.go").package.import_path,
        "example.com/n/b"
    );
}

#[test]
fn new_directories_and_unreadable_ones() {
    let (fs, mut host, _) = workspace();
    warm(&mut host);
    // A directory appears with a file in it: the watcher reports the file.
    fs.insert("/w/d/d.go", "package d\n\nimport \"example.com/m/c\"\n");
    host.did_change_watched_files(&[created("/w/d/d.go")]);
    let d = package(&mut host, "/w/d/d.go");
    assert_eq!(d.package.import_path, "example.com/m/d");
    assert_eq!(d.package.imports, ["example.com/m/c"]);
    let analysis = host.analysis();
    assert_eq!(
        analysis
            .resolve_import(Path::new("/w/b"), "example.com/m/d")
            .unwrap()
            .map(|r| r.dir),
        Ok("/w/d".into())
    );
    drop(analysis);

    fs.insert_unreadable_dir("/w/secret");
    host.did_change_watched_files(&[created("/w/secret")]);
    let secret = host
        .analysis()
        .package_for_dir(Path::new("/w/secret"))
        .unwrap()
        .unwrap();
    assert_eq!(
        secret.error.as_deref(),
        Some("open /w/secret: permission denied")
    );
}

#[test]
fn gopath_mode_and_a_new_directory_tree() {
    let fs = Arc::new(MemoryFileSystem::default());
    fs.insert("/go/src/fmt/print.go", "package fmt\n");
    fs.insert(
        "/gp/src/example.com/app/main.go",
        "package main\n\nimport (\n\t\"example.com/lib\"\n\t\"fmt\"\n)\n",
    );
    let mut host = AnalysisHost::new(fs.clone());
    host.set_project_settings(ProjectSettings {
        goroot: Some("/go".into()),
        env: GoModuleEnv {
            go111module: Some("off".into()),
            ..GoModuleEnv::new("/cache")
        },
        gopath: vec!["/gp".into()],
        build: BuildContext::new("linux", "amd64", false, 26, Vec::new()),
        roots: vec!["/gp/src/example.com/app".into()],
    });
    let app = package(&mut host, "/gp/src/example.com/app/main.go");
    assert_eq!(app.package.import_path, "example.com/app");
    assert_eq!(app.package.module, None);
    assert_eq!(app.package.imports, ["example.com/lib", "fmt"]);
    assert_eq!(
        app.package.deps_errors.len(),
        1,
        "{:?}",
        app.package.deps_errors
    );

    // Two new directories at once; the watcher reports the file. Its ancestors' listings (a
    // new entry each) are read again too, so GOPATH's "is there such a directory" sees them.
    fs.insert("/gp/src/example.com/lib/lib.go", "package lib\n");
    host.did_change_watched_files(&[created("/gp/src/example.com/lib/lib.go")]);
    let app = package(&mut host, "/gp/src/example.com/app/main.go");
    assert!(
        app.package.deps_errors.is_empty(),
        "{:?}",
        app.package.deps_errors
    );
    let lib = package(&mut host, "/gp/src/example.com/lib/lib.go");
    assert_eq!(lib.package.import_path, "example.com/lib");
}
