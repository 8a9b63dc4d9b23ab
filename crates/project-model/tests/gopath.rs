//! GOPATH mode (GO111MODULE=off, or auto without a go.mod) on the fixture of
//! `test-fixtures/project/gopath`: imports resolve in vendor directories, GOROOT, then each
//! GOPATH entry in order. Checked on an in-memory copy with a fake GOROOT, and, when the go
//! command is installed, against `go list -e -json -deps` itself.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::Command,
    sync::Arc,
};

use base_db::{FileSystem, MemoryFileSystem, OsFileSystem};
use project_model::{
    build::BuildContext,
    load::{FsBridge, Loader, ModuleResolver, Package},
    modules::{Env, Mode, ModuleGraph},
    toolchain::{self, ProcessEnv},
};
use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-fixtures/project/gopath")
        .canonicalize()
        .expect("the GOPATH fixture")
}

fn gopath_env(go111module: &str) -> Env {
    Env {
        go111module: Some(go111module.to_string()),
        ..Env::new("/nonexistent/modcache")
    }
}

/// Every file of the fixture, copied under `/gp`, and a small GOROOT under `/go`.
fn memory_tree() -> MemoryFileSystem {
    let fs = MemoryFileSystem::default();
    let root = fixture();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in OsFileSystem.read_dir(&dir).expect("read the fixture") {
            if entry.is_dir {
                stack.push(entry.path);
            } else {
                let rel = entry.path.strip_prefix(&root).expect("under the fixture");
                let bytes = std::fs::read(&entry.path).expect("read a fixture file");
                fs.insert(Path::new("/gp").join(rel), bytes);
            }
        }
    }
    fs.insert(
        "/go/src/fmt/print.go",
        "package fmt\n\nimport \"strings\"\n",
    );
    fs.insert("/go/src/strings/strings.go", "package strings\n");
    fs.insert("/go/src/errors/errors.go", "package errors\n");
    fs.insert("/go/src/testing/testing.go", "package testing\n");
    fs
}

fn find<'p>(packages: &'p [Arc<Package>], path: &str) -> &'p Package {
    packages
        .iter()
        .find(|p| p.import_path == path)
        .unwrap_or_else(|| {
            let names: Vec<&str> = packages.iter().map(|p| p.import_path.as_str()).collect();
            panic!("no package {path} among {names:?}")
        })
}

#[test]
fn gopath_mode_resolves_vendor_goroot_and_each_gopath_entry() {
    let fs = memory_tree();
    let gopath = [PathBuf::from("/gp/one"), PathBuf::from("/gp/two")];
    let app = Path::new("/gp/one/src/example.com/app");
    for setting in ["off", "auto"] {
        let graph = ModuleGraph::load_with_gopath(
            &FsBridge(&fs),
            app,
            &gopath_env(setting),
            Path::new("/go"),
            &gopath,
        );
        assert_eq!(*graph.mode(), Mode::Gopath, "GO111MODULE={setting}");
        let resolver = ModuleResolver {
            graph: &graph,
            fs: FsBridge(&fs),
        };
        let ctx = BuildContext::new("linux", "amd64", false, 26, Vec::new());
        let mut loader = Loader::new(&fs, ctx, Some("/go".into())).with_resolver(&resolver);
        let mut roots = loader.module_packages(&resolver, app, "./...");
        roots.extend(loader.module_packages(&resolver, app, "example.com/lib2"));
        let packages = loader.with_deps(&roots);

        let main = find(&packages, "example.com/app");
        assert_eq!(main.name, "main");
        assert_eq!(
            main.imports,
            [
                "example.com/dup",
                "example.com/lib",
                "example.com/other",
                "example.com/app/vendor/example.com/vendored",
                "fmt",
                "mylib",
            ]
        );
        assert!(main.deps_errors.is_empty(), "{:?}", main.deps_errors);
        assert_eq!(main.module, None);
        let sub = find(&packages, "example.com/app/sub");
        assert_eq!(sub.imports, ["example.com/app/vendor/example.com/vendored"]);
        let vendored = find(&packages, "example.com/app/vendor/example.com/vendored");
        assert_eq!(
            vendored.dir,
            Path::new("/gp/one/src/example.com/app/vendor/example.com/vendored")
        );
        assert_eq!(
            find(&packages, "example.com/dup").dir,
            Path::new("/gp/one/src/example.com/dup"),
            "the first GOPATH entry wins"
        );
        assert_eq!(
            find(&packages, "example.com/other").dir,
            Path::new("/gp/two/src/example.com/other")
        );
        assert_eq!(find(&packages, "mylib").dir, Path::new("/gp/one/src/mylib"));
        let lib = find(&packages, "example.com/lib");
        assert_eq!(lib.go_files, ["lib.go"]);
        assert_eq!(lib.ignored_go_files, ["lib_windows.go"]);
        assert!(find(&packages, "fmt").standard);
        let lib2 = find(&packages, "example.com/lib2");
        assert_eq!(
            lib2.deps_errors,
            [
                "cannot find package \"example.com/nowhere\" in any of:\n\t/go/src/example.com/nowhere (from $GOROOT)\n\t/gp/one/src/example.com/nowhere (from $GOPATH)\n\t/gp/two/src/example.com/nowhere (from $GOPATH)"
            ]
        );
    }
    // With a go.mod, auto is module mode.
    fs.insert(
        "/gp/one/src/example.com/app/go.mod",
        "module example.com/app\n",
    );
    let graph = ModuleGraph::load_with_gopath(
        &FsBridge(&fs),
        app,
        &gopath_env("auto"),
        "/go".as_ref(),
        &gopath,
    );
    assert_eq!(*graph.mode(), Mode::Module);
}

#[test]
fn gopath_without_entries_says_so() {
    let fs = memory_tree();
    let graph = ModuleGraph::load(
        &FsBridge(&fs),
        Path::new("/gp/one/src/example.com/app"),
        &gopath_env("off"),
        Path::new("/go"),
    );
    let resolver = ModuleResolver {
        graph: &graph,
        fs: FsBridge(&fs),
    };
    let importer = Package::default();
    let err = project_model::load::ImportResolver::resolve(&resolver, &importer, "example.com/x")
        .unwrap_err();
    assert_eq!(
        err,
        "cannot find package \"example.com/x\" in any of:\n\t/go/src/example.com/x (from $GOROOT)\n\t($GOPATH not set. For more details see: 'go help gopath')"
    );
}

/// `go list` output as ImportPath -> package object.
fn go_list(
    dir: &Path,
    env: &[(&str, String)],
    patterns: &[&str],
) -> Option<BTreeMap<String, Value>> {
    let output = Command::new("go")
        .args(["list", "-e", "-json", "-deps"])
        .args(patterns)
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let mut packages = BTreeMap::new();
    for value in serde_json::Deserializer::from_slice(&output.stdout).into_iter::<Value>() {
        let value = value.expect("valid JSON from go list");
        let path = value["ImportPath"].as_str().unwrap_or_default().to_string();
        packages.insert(path, value);
    }
    Some(packages)
}

#[test]
fn gopath_mode_agrees_with_go_list() {
    let go_env = toolchain::detect(&ProcessEnv::default());
    let Some(goroot) = go_env.goroot.clone() else {
        eprintln!("no Go toolchain: nothing to compare with");
        return;
    };
    let root = fixture();
    let gopath = vec![root.join("one"), root.join("two")];
    let app = root.join("one/src/example.com/app");
    let joined = std::env::join_paths(&gopath).expect("a GOPATH");
    let env: Vec<(&str, String)> = vec![
        ("GO111MODULE", "off".into()),
        ("GOPATH", joined.to_string_lossy().into_owned()),
        ("GOFLAGS", String::new()),
        ("GOENV", "off".into()),
        ("GOOS", go_env.goos.clone()),
        ("GOARCH", go_env.goarch.clone()),
        ("CGO_ENABLED", "0".into()),
        ("GOTOOLCHAIN", "local".into()),
    ];
    let patterns = ["./...", "example.com/lib2"];
    let Some(expected) = go_list(&app, &env, &patterns) else {
        eprintln!("go list failed: nothing to compare with");
        return;
    };

    assert!(
        expected.contains_key("fmt") && expected.contains_key("example.com/other"),
        "{:?}",
        expected.keys()
    );
    let fs = OsFileSystem;
    let tags = toolchain::tool_tags(
        &go_env.goos,
        &go_env.goarch,
        &go_env.goexperiment,
        &go_env.goamd64,
    );
    let ctx = BuildContext::new(
        go_env.goos.clone(),
        go_env.goarch.clone(),
        false,
        go_env.go_minor().unwrap_or(0),
        tags,
    );
    let graph =
        ModuleGraph::load_with_gopath(&FsBridge(&fs), &app, &gopath_env("off"), &goroot, &gopath);
    let resolver = ModuleResolver {
        graph: &graph,
        fs: FsBridge(&fs),
    };
    let mut loader = Loader::new(&fs, ctx, Some(goroot)).with_resolver(&resolver);
    let mut roots = Vec::new();
    for pattern in patterns {
        roots.extend(loader.module_packages(&resolver, &app, pattern));
    }
    let ours: BTreeMap<String, Arc<Package>> = loader
        .with_deps(&roots)
        .into_iter()
        .map(|p| (p.import_path.clone(), p))
        .collect();

    let mut differences = Vec::new();
    // go list also lists the packages it could not find (no Dir); we report them as the
    // importer's DepsErrors only.
    for path in expected
        .iter()
        .filter(|(_, v)| v.get("Dir").is_some())
        .map(|(p, _)| p)
    {
        if !ours.contains_key(path) {
            differences.push(format!("missing package {path}"));
        }
    }
    for path in ours.keys().filter(|p| !expected.contains_key(*p)) {
        differences.push(format!("extra package {path}"));
    }
    let list = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (path, want) in &expected {
        let Some(got) = ours.get(path) else { continue };
        let fields: [(&str, Vec<String>); 6] = [
            ("GoFiles", got.go_files.clone()),
            ("CgoFiles", got.cgo_files.clone()),
            ("IgnoredGoFiles", got.ignored_go_files.clone()),
            ("TestGoFiles", got.test_go_files.clone()),
            ("XTestGoFiles", got.xtest_go_files.clone()),
            ("Imports", got.imports.clone()),
        ];
        for (field, value) in fields {
            if list(want.get(field)) != value {
                differences.push(format!(
                    "{path} {field}: go list {:?} vs ours {value:?}",
                    list(want.get(field))
                ));
            }
        }
        let dir = want["Dir"].as_str().unwrap_or_default();
        if Path::new(dir) != got.dir {
            differences.push(format!(
                "{path} Dir: go list {dir} vs ours {}",
                got.dir.display()
            ));
        }
        if want["Name"].as_str().unwrap_or_default() != got.name {
            differences.push(format!(
                "{path} Name: go list {} vs ours {}",
                want["Name"], got.name
            ));
        }
        if want
            .get("Standard")
            .and_then(Value::as_bool)
            .unwrap_or(false)
            != got.standard
        {
            differences.push(format!("{path} Standard differs"));
        }
        let want_deps_errors = want
            .get("DepsErrors")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if want_deps_errors != got.deps_errors.len() {
            differences.push(format!(
                "{path} DepsErrors: go list {want_deps_errors} vs ours {:?}",
                got.deps_errors
            ));
        }
    }
    assert!(
        ours.contains_key("example.com/app/vendor/example.com/vendored"),
        "the comparison covers vendoring"
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
