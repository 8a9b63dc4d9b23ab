//! The module graph on the real fixture under test-fixtures/project (a go.work workspace, a
//! vendored module, a fake module cache), read from disk: selection, replacements and import
//! resolution, and, where a Go toolchain is installed, the same directories as `go list`.

use std::path::{Path, PathBuf};
use std::process::Command;

use project_model::modules::{
    Env, ModFlag, Mode, ModuleGraph, ModuleKind, OsFs, Replacement, Resolution,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-fixtures/project")
        .canonicalize()
        .unwrap()
}

fn env() -> Env {
    Env::new(fixture().join("gomodcache"))
}

/// A GOROOT for std resolution: $GOROOT, else `go env GOROOT`, else a directory that does not
/// exist (std imports then fail to resolve, which the tests below allow for).
fn goroot() -> PathBuf {
    if let Some(g) = std::env::var_os("GOROOT").filter(|g| !g.is_empty()) {
        return g.into();
    }
    go_env_goroot().unwrap_or_else(|| PathBuf::from("/nonexistent-goroot"))
}

fn go_env_goroot() -> Option<PathBuf> {
    let out = Command::new("go").args(["env", "GOROOT"]).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?;
    let s = s.trim();
    (out.status.success() && !s.is_empty()).then(|| PathBuf::from(s))
}

/// A resolution as `kind module@version relative/dir`, directories relative to the fixture.
fn show(g: &ModuleGraph, r: &Resolution) -> String {
    let rel = |d: &Path| d.strip_prefix(fixture()).unwrap_or(d).display().to_string();
    match r {
        Resolution::Std { import_path, .. } => format!("std {import_path}"),
        Resolution::Gopath { import_path, dir } => format!("gopath {import_path} {}", rel(dir)),
        Resolution::Main { module, dir } => format!("main {} {}", g.module(*module).path, rel(dir)),
        Resolution::Dependency { module, dir } => {
            let m = g.module(*module);
            format!(
                "dep {}@{} {}",
                m.path,
                m.version.as_deref().unwrap_or(""),
                rel(dir)
            )
        }
        Resolution::Vendored { module, dir } => {
            let m = module
                .map(|id| g.module(id).path.clone())
                .unwrap_or_default();
            format!("vendor [{m}] {}", rel(dir))
        }
        Resolution::Cgo => "C".into(),
        Resolution::NotFound(e) => format!("error {:?}: {}", e.kind, e.message),
    }
}

#[test]
fn workspace_selection_and_replacements() {
    let g = ModuleGraph::load(&OsFs, &fixture().join("workspace/app"), &env(), &goroot());
    assert_eq!(
        *g.mode(),
        Mode::Workspace {
            go_work: fixture().join("workspace/go.work")
        }
    );
    assert_eq!(g.diagnostics(), []);
    assert_eq!(g.build_mod().flag, ModFlag::Readonly);
    let modules: Vec<String> = g
        .modules()
        .iter()
        .map(|m| {
            let mut s = format!("{} {}", m.path, m.version.as_deref().unwrap_or("(main)"));
            if let Some(Replacement { path, version }) = &m.replace {
                s += &format!(" => {path} {}", version.as_deref().unwrap_or(""));
            }
            s.trim_end().to_string()
        })
        .collect();
    assert_eq!(
        modules,
        [
            "example.com/app (main)",
            "example.com/lib (main)",
            "example.com/CamelCase v1.0.0 => example.com/CamelCase v1.0.1",
            "example.com/dep v1.1.0",
            "example.com/dep/nested v1.0.0",
            "example.com/forked v1.0.0 => ./forked",
            "example.com/old v1.0.0",
            "example.com/trans v1.0.0",
            // app asks for v1.0.0, dep and lib for v1.2.0, trans (unpruned) for v1.1.0.
            "example.com/util v1.2.0",
        ]
    );
    for m in g.modules() {
        assert_eq!(m.error, None, "{}", m.path);
        assert!(
            m.dir.as_ref().is_some_and(|d| d.is_dir()),
            "{} has no directory",
            m.path
        );
    }
    let camel = g.module(g.module_by_path("example.com/CamelCase").unwrap());
    assert_eq!(
        camel.dir.as_deref(),
        Some(
            fixture()
                .join("gomodcache/example.com/!camel!case@v1.0.1")
                .as_path()
        )
    );
    assert_eq!(
        camel.go_mod.as_deref(),
        Some(
            fixture()
                .join("gomodcache/cache/download/example.com/!camel!case/@v/v1.0.1.mod")
                .as_path()
        )
    );
    let old = g.module(g.module_by_path("example.com/old").unwrap());
    assert_eq!(old.go_version.as_deref(), Some("1.16"));
}

#[test]
fn workspace_import_resolution() {
    let g = ModuleGraph::load(&OsFs, &fixture().join("workspace"), &env(), &goroot());
    let cases = [
        (
            "example.com/app/internal/platform",
            "main example.com/app workspace/app/internal/platform",
        ),
        (
            "example.com/lib/unixonly",
            "main example.com/lib workspace/lib/unixonly",
        ),
        (
            "example.com/util/extra",
            "dep example.com/util@v1.2.0 gomodcache/example.com/util@v1.2.0/extra",
        ),
        (
            "example.com/dep",
            "dep example.com/dep@v1.1.0 gomodcache/example.com/dep@v1.1.0",
        ),
        (
            "example.com/dep/nested/inner",
            "dep example.com/dep/nested@v1.0.0 gomodcache/example.com/dep/nested@v1.0.0/inner",
        ),
        (
            "example.com/CamelCase/fixed",
            "dep example.com/CamelCase@v1.0.0 gomodcache/example.com/!camel!case@v1.0.1/fixed",
        ),
        (
            "example.com/CamelCase/Sub",
            "dep example.com/CamelCase@v1.0.0 gomodcache/example.com/!camel!case@v1.0.1/Sub",
        ),
        (
            "example.com/forked",
            "dep example.com/forked@v1.0.0 workspace/forked",
        ),
        (
            "example.com/trans",
            "dep example.com/trans@v1.0.0 gomodcache/example.com/trans@v1.0.0",
        ),
        (
            "example.com/nope/pkg",
            "error NoModule: no required module provides package example.com/nope/pkg; to add it:\n\tgo get example.com/nope/pkg",
        ),
    ];
    for (import, want) in cases {
        assert_eq!(show(&g, &g.resolve_import(&OsFs, import)), want, "{import}");
    }
}

#[test]
fn vendored_module_resolves_from_vendor() {
    let g = ModuleGraph::load(&OsFs, &fixture().join("vendored/plat"), &env(), &goroot());
    assert_eq!(*g.mode(), Mode::Module);
    assert_eq!(g.diagnostics(), []);
    assert_eq!(g.build_mod().flag, ModFlag::Vendor);
    assert!(!g.build_mod().explicit);
    let vendored: Vec<(&str, Option<&str>)> = g
        .modules()
        .iter()
        .filter(|m| m.kind == ModuleKind::Vendored)
        .map(|m| (m.path.as_str(), m.version.as_deref()))
        .collect();
    assert_eq!(
        vendored,
        [
            ("example.com/CamelCase", Some("v1.0.0")),
            ("example.com/dep", Some("v1.1.0")),
            ("example.com/util", Some("v1.2.0"))
        ]
    );
    let cases = [
        (
            "example.com/vendored/plat",
            "main example.com/vendored vendored/plat",
        ),
        (
            "example.com/dep",
            "vendor [example.com/dep] vendored/vendor/example.com/dep",
        ),
        (
            "example.com/CamelCase",
            "vendor [example.com/CamelCase] vendored/vendor/example.com/CamelCase",
        ),
        (
            "example.com/util/strs",
            "vendor [example.com/util] vendored/vendor/example.com/util/strs",
        ),
        (
            "example.com/dep/sub",
            "error NoModule: cannot find module providing package example.com/dep/sub: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)",
        ),
    ];
    for (import, want) in cases {
        assert_eq!(show(&g, &g.resolve_import(&OsFs, import)), want, "{import}");
    }
}

/// `go list -json -deps` on the fixture, offline, as README.md documents it; `None` without a
/// Go toolchain.
fn go_list(dir: &str, patterns: &[&str]) -> Option<Vec<serde_json::Value>> {
    let dir = fixture().join(dir);
    let out = Command::new("go")
        .args(["list", "-e", "-json", "-deps"])
        .args(patterns)
        .current_dir(&dir)
        .env("GOENV", "off")
        .env("GOFLAGS", "")
        .env("GOWORK", "")
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOMODCACHE", fixture().join("gomodcache"))
        .env_remove("GO111MODULE")
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "go list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).ok()?;
    Some(
        serde_json::Deserializer::from_str(&text)
            .into_iter::<serde_json::Value>()
            .map(|v| v.unwrap())
            .collect(),
    )
}

/// Every package `go list` loads is resolved to the same directory, and attributed to the same
/// module. Std packages are resolved from a std importer when their path is `vendor/...`.
#[test]
fn resolution_agrees_with_go_list() {
    for (dir, patterns) in [
        ("workspace", &["./app/...", "./lib/..."][..]),
        ("vendored", &["./..."][..]),
    ] {
        let Some(pkgs) = go_list(dir, patterns) else {
            eprintln!("no go command: skipping the comparison with go list");
            return;
        };
        let Some(goroot) = go_env_goroot() else {
            return;
        };
        let g = ModuleGraph::load(&OsFs, &fixture().join(dir), &env(), &goroot);
        assert!(pkgs.len() > 20, "{dir}: {} packages", pkgs.len());
        for p in &pkgs {
            let path = p["ImportPath"].as_str().unwrap();
            assert!(
                p.get("Error").is_none(),
                "{dir}: go list: {path}: {}",
                p["Error"]
            );
            let want_dir = PathBuf::from(p["Dir"].as_str().unwrap());
            let r = g.resolve_import(&OsFs, path);
            let (got_dir, module) = match &r {
                Resolution::Std { dir, .. } => (dir.clone(), None),
                Resolution::Main { module, dir }
                | Resolution::Dependency { module, dir }
                | Resolution::Vendored {
                    module: Some(module),
                    dir,
                } => (dir.clone(), Some(g.module(*module))),
                other => panic!("{dir}: {path}: {}", show(&g, other)),
            };
            assert_eq!(got_dir, want_dir, "{dir}: {path}");
            if let (Some(m), Some(want)) = (module, p.get("Module")) {
                assert_eq!(m.path, want["Path"].as_str().unwrap(), "{dir}: {path}");
                assert_eq!(
                    m.version.as_deref(),
                    want["Version"].as_str(),
                    "{dir}: {path}"
                );
                assert_eq!(
                    m.go_version.as_deref(),
                    want["GoVersion"].as_str(),
                    "{dir}: {path}"
                );
                if m.kind != ModuleKind::Vendored {
                    assert_eq!(
                        m.dir.as_deref().map(Path::to_path_buf),
                        want["Dir"].as_str().map(PathBuf::from),
                        "{dir}: {path}"
                    );
                }
                let replace = m.replace.as_ref().map(|r| r.path.as_str());
                assert_eq!(replace, want["Replace"]["Path"].as_str(), "{dir}: {path}");
            }
        }
    }
}
