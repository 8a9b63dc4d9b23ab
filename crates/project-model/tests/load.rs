//! The package loader on an in-memory file system: a small fake GOROOT exercises file
//! categories, vendored imports of the standard library, package-name conflicts, directories
//! of external tests alone, and import cycles (reported, never followed).

use std::{path::PathBuf, sync::Arc};

use base_db::MemoryFileSystem;
use project_model::{
    build::BuildContext,
    load::{Loader, Package},
};

fn goroot() -> MemoryFileSystem {
    let fs = MemoryFileSystem::default();
    let files: &[(&str, &str)] = &[
        (
            "/go/src/a/a.go",
            "package a\n\nimport (\n\t\"b\"\n\t\"golang.org/x/text\"\n)\n",
        ),
        ("/go/src/a/a_linux.go", "package a\n\nimport \"c\"\n"),
        ("/go/src/a/a_windows.go", "package a\n"),
        ("/go/src/a/a_test.go", "package a\n\nimport \"testing\"\n"),
        ("/go/src/a/x_test.go", "package a_test\n\nimport \"a\"\n"),
        (
            "/go/src/a/cgo.go",
            "package a\n\n// #include <stdio.h>\nimport \"C\"\n",
        ),
        ("/go/src/b/b.go", "package b\n"),
        ("/go/src/c/c.go", "package c\n\nimport \"d\"\n"),
        ("/go/src/d/d.go", "package d\n\nimport \"c\"\n"),
        ("/go/src/vendor/golang.org/x/text/t.go", "package text\n"),
        ("/go/src/mixed/one.go", "package one\n"),
        ("/go/src/mixed/two.go", "package two\n"),
        ("/go/src/onlyx/x_test.go", "package onlyx_test\n"),
        ("/go/src/testing/t.go", "package testing\n"),
        ("/go/src/runtime/cgo/cgo.go", "package cgo\n"),
        ("/go/src/syscall/s.go", "package syscall\n"),
        ("/go/src/unsafe/unsafe.go", "package unsafe\n"),
        ("/go/src/a/testdata/skip.go", "package skip\n"),
        (
            "/go/src/e/e.go",
            "package e\n\nimport (\n\t\"b/internal/x\"\n\t\"nowhere/pkg\"\n)\n",
        ),
        ("/go/src/b/internal/x/x.go", "package x\n"),
        ("/go/src/b/y/y.go", "package y\n\nimport \"b/internal/x\"\n"),
    ];
    for (path, text) in files {
        fs.insert(*path, text.as_bytes().to_vec());
    }
    fs
}

fn find<'p>(packages: &'p [Arc<Package>], path: &str) -> &'p Package {
    packages
        .iter()
        .find(|p| p.import_path == path)
        .unwrap_or_else(|| panic!("no package {path}"))
}

#[test]
fn std_like_tree() {
    let fs = goroot();
    let ctx = BuildContext::new("linux", "amd64", true, 26, Vec::new());
    let mut loader = Loader::new(&fs, ctx, Some(PathBuf::from("/go")));
    let std = loader.goroot_packages("std");
    let paths: Vec<&str> = std.iter().map(|p| p.import_path.as_str()).collect();
    assert!(!paths.contains(&"a/testdata"), "{paths:?}");
    assert!(paths.contains(&"vendor/golang.org/x/text"), "{paths:?}");

    let a = find(&std, "a");
    assert_eq!(a.name, "a");
    assert_eq!(a.go_files, ["a.go", "a_linux.go"]);
    assert_eq!(a.cgo_files, ["cgo.go"]);
    assert_eq!(a.ignored_go_files, ["a_windows.go"]);
    assert_eq!(a.test_go_files, ["a_test.go"]);
    assert_eq!(a.xtest_go_files, ["x_test.go"]);
    // Sorted by the path as written, vendored ones rewritten, "C" kept, as go list prints them.
    assert_eq!(a.imports, ["C", "b", "c", "vendor/golang.org/x/text"]);
    assert_eq!(
        a.import_map,
        [(
            "golang.org/x/text".to_string(),
            "vendor/golang.org/x/text".to_string()
        )]
    );
    assert_eq!(a.test_imports, ["testing"]);
    assert_eq!(a.xtest_imports, ["a"]);

    let mixed = find(&std, "mixed");
    assert!(
        mixed
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("found packages one (one.go) and two (two.go)"))
    );
    let onlyx = find(&std, "onlyx");
    assert_eq!(onlyx.name, "onlyx");
    assert!(
        onlyx
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("no non-test Go files"))
    );
}

#[test]
fn deps_come_first_and_cycles_are_reported() {
    let fs = goroot();
    let ctx = BuildContext::new("linux", "amd64", true, 26, Vec::new());
    let mut loader = Loader::new(&fs, ctx, Some(PathBuf::from("/go")));
    let a = loader.load_dir(&PathBuf::from("/go/src/a"), "a", None);
    let order = loader.with_deps(&[a]);
    let paths: Vec<&str> = order.iter().map(|p| p.import_path.as_str()).collect();
    let position = |p: &str| {
        paths
            .iter()
            .position(|x| *x == p)
            .unwrap_or_else(|| panic!("{p} missing from {paths:?}"))
    };
    assert!(position("b") < position("a"));
    assert!(position("vendor/golang.org/x/text") < position("a"));
    // cgo's implicit dependencies are loaded though not listed among the imports.
    assert!(position("runtime/cgo") < position("a"));
    assert_eq!(paths.last(), Some(&"a"));
    // c and d import each other: both are listed once, and the cycle is reported.
    let cycle: Vec<&String> = order.iter().flat_map(|p| p.deps_errors.iter()).collect();
    assert_eq!(cycle.len(), 1, "{cycle:?}");
    assert!(cycle[0].contains("import cycle not allowed"));
    assert_eq!(paths.iter().filter(|p| **p == "c").count(), 1);
}

#[test]
fn internal_packages_and_unresolved_imports() {
    let fs = goroot();
    let ctx = BuildContext::new("linux", "amd64", true, 26, Vec::new());
    let mut loader = Loader::new(&fs, ctx, Some(PathBuf::from("/go")));
    let e = loader.load_dir(&PathBuf::from("/go/src/e"), "e", None);
    assert_eq!(e.deps_errors.len(), 2, "{:?}", e.deps_errors);
    assert!(
        e.deps_errors
            .iter()
            .any(|m| m == "use of internal package b/internal/x not allowed")
    );
    assert!(e.deps_errors.iter().any(|m| m.contains("nowhere/pkg")));
    let y = loader.load_dir(&PathBuf::from("/go/src/b/y"), "b/y", None);
    assert!(y.deps_errors.is_empty(), "{:?}", y.deps_errors);
    assert!(project_model::load::internal_allowed(
        "x/y",
        false,
        "x/internal/z"
    ));
    assert!(!project_model::load::internal_allowed(
        "example.com/m",
        false,
        "internal/abi"
    ));
    assert!(project_model::load::internal_allowed(
        "net/http",
        true,
        "internal/abi"
    ));
    assert!(!project_model::load::internal_allowed(
        "a/b",
        false,
        "a/internal/c/internal/d"
    ));
}

#[test]
fn windows_sees_other_files() {
    let fs = goroot();
    let ctx = BuildContext::new("windows", "amd64", false, 26, Vec::new());
    let mut loader = Loader::new(&fs, ctx, Some(PathBuf::from("/go")));
    let a = loader.load_dir(&PathBuf::from("/go/src/a"), "a", None);
    assert_eq!(a.go_files, ["a.go", "a_windows.go"]);
    assert_eq!(a.ignored_go_files, ["a_linux.go", "cgo.go"]);
    assert!(a.cgo_files.is_empty());
}
