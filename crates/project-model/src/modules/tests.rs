//! Module graph tests on in-memory trees: discovery of main modules, minimal version selection
//! with pruning, exclude, replace, vendor mode, import resolution and the go command's errors,
//! and the bad inputs (missing modules, directories and files) that must not stop loading.
//!
//! Trees are written txtar-style: `-- path --` lines, each followed by the file's contents.
//! `/goroot` is GOROOT and `/cache` is GOMODCACHE; `mod(path, version, go.mod)` and
//! `pkg(path, version, dir)` add modules to the cache.

use std::path::{Path, PathBuf};

use super::*;

struct Tree {
    fs: MemFs,
}

impl Tree {
    fn new(txtar: &str) -> Tree {
        let mut fs = MemFs::new();
        let mut name: Option<String> = None;
        let mut body = String::new();
        for line in txtar.lines() {
            if let Some(n) = line.strip_prefix("-- ").and_then(|l| l.strip_suffix(" --")) {
                if let Some(prev) = name.replace(n.trim().to_string()) {
                    fs.add_file(&prev, std::mem::take(&mut body));
                }
                continue;
            }
            body.push_str(line);
            body.push('\n');
        }
        if let Some(prev) = name {
            fs.add_file(&prev, body);
        }
        // A little standard library, with the vendored golang.org/x packages of GOROOT.
        for f in [
            "/goroot/src/fmt/print.go",
            "/goroot/src/net/http/server.go",
            "/goroot/src/vendor/golang.org/x/net/dns/dnsmessage/message.go",
            "/goroot/src/cmd/go/main.go",
            "/goroot/src/cmd/vendor/golang.org/x/mod/modfile/read.go",
        ] {
            fs.add_file(f, "package x\n");
        }
        Tree { fs }
    }

    /// A module version's go.mod in the download cache (the module is not extracted: see
    /// [`Tree::pkg`]).
    fn module(mut self, path: &str, version: &str, go_mod: &str) -> Tree {
        self.fs.add_file(
            cache_mod_file(Path::new("/cache"), path, version).unwrap(),
            go_mod,
        );
        self
    }

    /// A package (one .go file) in the extracted module directory of the cache.
    fn pkg(mut self, path: &str, version: &str, rel_dir: &str) -> Tree {
        let dir = module_cache_dir(Path::new("/cache"), path, version).unwrap();
        let dir = if rel_dir.is_empty() {
            dir
        } else {
            dir.join(rel_dir)
        };
        self.fs.add_file(dir.join("x.go"), "package x\n");
        self
    }

    fn load(&self, dir: &str) -> ModuleGraph {
        self.load_env(dir, Env::new("/cache"))
    }

    fn load_env(&self, dir: &str, env: Env) -> ModuleGraph {
        ModuleGraph::load(&self.fs, Path::new(dir), &env, Path::new("/goroot"))
    }
}

/// `path version` of every non-main module, in graph order.
fn selected(g: &ModuleGraph) -> Vec<String> {
    g.modules()
        .iter()
        .filter(|m| m.kind != ModuleKind::Main)
        .map(|m| format!("{} {}", m.path, m.version.as_deref().unwrap_or("")))
        .collect()
}

fn diags(g: &ModuleGraph) -> Vec<String> {
    g.diagnostics().iter().map(Diagnostic::display).collect()
}

/// Resolution as one line: `std DIR`, `main MODULE DIR`, `dep MODULE@V DIR`,
/// `vendor [MODULE] DIR`, `C`, or `error KIND: MESSAGE`.
fn resolve(t: &Tree, g: &ModuleGraph, path: &str) -> String {
    describe(g, g.resolve_import(&t.fs, path))
}

fn describe(g: &ModuleGraph, r: Resolution) -> String {
    let show = |d: &PathBuf| d.display().to_string();
    match r {
        Resolution::Std { import_path, dir } => format!("std {import_path} {}", show(&dir)),
        Resolution::Gopath { import_path, dir } => {
            format!("gopath {import_path} {}", show(&dir))
        }
        Resolution::Main { module, dir } => {
            format!("main {} {}", g.module(module).path, show(&dir))
        }
        Resolution::Dependency { module, dir } => {
            let m = g.module(module);
            format!(
                "dep {}@{} {}",
                m.path,
                m.version.as_deref().unwrap_or(""),
                show(&dir)
            )
        }
        Resolution::Vendored { module, dir } => {
            let m = module
                .map(|id| g.module(id).path.clone())
                .unwrap_or_default();
            format!("vendor [{m}] {}", show(&dir))
        }
        Resolution::Cgo => "C".to_string(),
        Resolution::NotFound(e) => format!("error {:?}: {}", e.kind, e.message),
    }
}

/// A main module (go 1.21: pruned) over a small cache where pruning and MVS both matter.
fn pruned_tree() -> Tree {
    Tree::new(
        "-- /w/go.mod --
module example.com/main

go 1.21

require (
	example.com/a v1.0.0
	example.com/b v1.0.0
)
-- /w/main.go --
package main
-- /w/internal/x/x.go --
package x
-- /w/nested/go.mod --
module example.com/main/nested
-- /w/nested/n.go --
package nested
",
    )
    .module("example.com/a", "v1.0.0", "module example.com/a\ngo 1.21\nrequire example.com/c v1.1.0\n")
    .module("example.com/b", "v1.0.0", "module example.com/b\ngo 1.21\nrequire (\n\texample.com/c v1.2.0\n\texample.com/d v1.0.0\n)\n")
    .module("example.com/c", "v1.1.0", "module example.com/c\ngo 1.21\n")
    // c v1.2.0 requires e, but b's graph is pruned: c's go.mod is never read.
    .module("example.com/c", "v1.2.0", "module example.com/c\ngo 1.21\nrequire example.com/e v1.0.0\n")
    .module("example.com/d", "v1.0.0", "module example.com/d\ngo 1.21\n")
    .pkg("example.com/a", "v1.0.0", "")
    .pkg("example.com/c", "v1.2.0", "sub")
}

#[test]
fn mvs_selects_the_highest_version_in_the_pruned_graph() {
    let t = pruned_tree();
    let g = t.load("/w/internal/x");
    assert_eq!(*g.mode(), Mode::Module);
    assert_eq!(diags(&g), Vec::<String>::new());
    assert_eq!(
        selected(&g),
        [
            "example.com/a v1.0.0",
            "example.com/b v1.0.0",
            "example.com/c v1.2.0",
            "example.com/d v1.0.0"
        ]
    );
    let main = &g.main_modules()[0];
    assert_eq!(
        (main.path.as_str(), main.dir.as_deref()),
        ("example.com/main", Some(Path::new("/w")))
    );
    let c = g.module(g.module_by_path("example.com/c").unwrap());
    assert_eq!(
        c.dir.as_deref(),
        Some(Path::new("/cache/example.com/c@v1.2.0"))
    );
    assert_eq!(
        c.go_mod.as_deref(),
        Some(Path::new(
            "/cache/cache/download/example.com/c/@v/v1.2.0.mod"
        ))
    );
    assert_eq!(c.go_version.as_deref(), Some("1.21"));
    // d was never extracted: no directory, and no error until a package is wanted from it.
    let d = g.module(g.module_by_path("example.com/d").unwrap());
    assert_eq!((d.dir.as_ref(), d.error.as_ref()), (None, None));
}

#[test]
fn unpruned_modules_load_transitively() {
    let t = Tree::new(
        "-- /w/go.mod --\nmodule example.com/main\ngo 1.21\nrequire example.com/old v1.0.0\n",
    )
    // old has no go line: unpruned, so everything below it is read, even pruned modules.
    .module(
        "example.com/old",
        "v1.0.0",
        "module example.com/old\nrequire example.com/x v1.0.0\n",
    )
    .module(
        "example.com/x",
        "v1.0.0",
        "module example.com/x\ngo 1.21\nrequire example.com/y v1.0.0\n",
    )
    .module(
        "example.com/y",
        "v1.0.0",
        "module example.com/y\ngo 1.21\nrequire example.com/z v1.5.0\n",
    )
    .module("example.com/z", "v1.5.0", "module example.com/z\ngo 1.21\n");
    let g = t.load("/w");
    assert_eq!(diags(&g), Vec::<String>::new());
    assert_eq!(
        selected(&g),
        [
            "example.com/old v1.0.0",
            "example.com/x v1.0.0",
            "example.com/y v1.0.0",
            "example.com/z v1.5.0"
        ]
    );

    // A go 1.16 main module is unpruned too: the whole graph below the pruned tree's roots.
    let t = pruned_tree();
    let mut fs = t.fs.clone();
    fs.add_file("/w/go.mod", "module example.com/main\ngo 1.16\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n");
    let t = Tree { fs }.module("example.com/e", "v1.0.0", "module example.com/e\n");
    let g = t.load("/w");
    assert!(
        selected(&g).contains(&"example.com/e v1.0.0".to_string()),
        "{:?}",
        selected(&g)
    );
}

#[test]
fn exclude_drops_requirements_on_excluded_versions() {
    let t = pruned_tree();
    let mut fs = t.fs.clone();
    fs.add_file(
        "/w/go.mod",
        "module example.com/main\ngo 1.21\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\nexclude example.com/c v1.2.0\n",
    );
    let g = Tree { fs }.load("/w");
    assert!(
        selected(&g).contains(&"example.com/c v1.1.0".to_string()),
        "{:?}",
        selected(&g)
    );
}

#[test]
fn replace_with_directory_module_and_nowhere() {
    let t = Tree::new(
        "-- /w/go.mod --
module example.com/main
go 1.21
require (
	example.com/a v1.0.0
	example.com/b v1.0.0
	example.com/gone v1.0.0
	example.com/ok v1.0.0
)
replace example.com/a => ../fork
replace example.com/b v1.0.0 => example.com/b v1.1.0
replace example.com/gone => ./nowhere
-- /fork/go.mod --
module example.com/a
go 1.21
require example.com/ok v1.1.0
-- /fork/pkg/p.go --
package pkg
",
    )
    .module("example.com/b", "v1.1.0", "module example.com/b\ngo 1.21\n")
    .pkg("example.com/b", "v1.1.0", "")
    .module(
        "example.com/ok",
        "v1.0.0",
        "module example.com/ok\ngo 1.21\n",
    )
    .module(
        "example.com/ok",
        "v1.1.0",
        "module example.com/ok\ngo 1.21\n",
    )
    .pkg("example.com/ok", "v1.1.0", "");
    let g = t.load("/w");
    assert_eq!(
        selected(&g),
        [
            "example.com/a v1.0.0",
            "example.com/b v1.0.0",
            "example.com/gone v1.0.0",
            "example.com/ok v1.1.0"
        ],
        "the fork's requirement on ok v1.1.0 counts"
    );
    let a = g.module(g.module_by_path("example.com/a").unwrap());
    assert_eq!(
        a.replace,
        Some(Replacement {
            path: "../fork".into(),
            version: None
        })
    );
    assert_eq!(a.dir.as_deref(), Some(Path::new("/fork")));
    assert_eq!(a.go_mod.as_deref(), Some(Path::new("/fork/go.mod")));
    let b = g.module(g.module_by_path("example.com/b").unwrap());
    assert_eq!(
        b.replace,
        Some(Replacement {
            path: "example.com/b".into(),
            version: Some("v1.1.0".into())
        })
    );
    assert_eq!(
        b.dir.as_deref(),
        Some(Path::new("/cache/example.com/b@v1.1.0"))
    );
    // The replacement pointing nowhere: an error on that module only.
    let gone = g.module(g.module_by_path("example.com/gone").unwrap());
    assert_eq!(
        gone.error.as_deref(),
        Some(
            "example.com/gone@v1.0.0 (replaced by ./nowhere): reading go.mod: open /w/nowhere/go.mod: no such file or directory"
        )
    );
    assert_eq!(
        resolve(&t, &g, "example.com/a/pkg"),
        "dep example.com/a@v1.0.0 /fork/pkg"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/b"),
        "dep example.com/b@v1.0.0 /cache/example.com/b@v1.1.0"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/gone/x"),
        "error ModuleUnavailable: example.com/gone@v1.0.0 (replaced by ./nowhere): reading go.mod: open /w/nowhere/go.mod: no such file or directory"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/ok"),
        "dep example.com/ok@v1.1.0 /cache/example.com/ok@v1.1.0"
    );
}

#[test]
fn missing_go_mod_in_the_cache_is_an_error_for_that_module_only() {
    let t = pruned_tree();
    let mut fs = t.fs.clone();
    fs.remove_file(cache_mod_file(Path::new("/cache"), "example.com/b", "v1.0.0").unwrap());
    // gone is in no form in the cache.
    fs.add_file(
        "/w/go.mod",
        "module example.com/main\ngo 1.21\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n\texample.com/gone v1.0.0\n)\n",
    );
    let t = Tree { fs };
    let g = t.load("/w");
    // Without b's go.mod, c v1.1.0 (from a) is the highest c the graph knows.
    assert_eq!(
        selected(&g),
        [
            "example.com/a v1.0.0",
            "example.com/b v1.0.0",
            "example.com/c v1.1.0",
            "example.com/gone v1.0.0"
        ]
    );
    let b = g.module(g.module_by_path("example.com/b").unwrap());
    assert_eq!(
        b.error.as_deref(),
        Some(
            "example.com/b@v1.0.0: not in the module cache: open /cache/cache/download/example.com/b/@v/v1.0.0.mod: no such file or directory"
        )
    );
    assert_eq!(
        resolve(&t, &g, "example.com/a"),
        "dep example.com/a@v1.0.0 /cache/example.com/a@v1.0.0"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/gone/x"),
        "error ModuleUnavailable: example.com/gone@v1.0.0: not in the module cache: open /cache/cache/download/example.com/gone/@v/v1.0.0.mod: no such file or directory"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/c/sub"),
        "error ModuleUnavailable: example.com/c@v1.1.0: module not extracted in the module cache (/cache/example.com/c@v1.1.0); to download it:\n\tgo mod download example.com/c@v1.1.0"
    );
}

#[test]
fn broken_go_mod_files_are_diagnosed_and_still_used() {
    let t = pruned_tree();
    let mut fs = t.fs.clone();
    fs.add_file(
        "/w/go.mod",
        "module example.com/main\ngo 1.21\nfoo\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b\n)\n",
    );
    fs.add_file(
        cache_mod_file(Path::new("/cache"), "example.com/a", "v1.0.0").unwrap(),
        "module example.com/wrong\ngo 1.21\nfuture directive\nrequire example.com/c v1.1.0\nrequire (\n",
    );
    let t = Tree { fs };
    let g = t.load("/w");
    assert_eq!(
        diags(&g),
        [
            "/w/go.mod:3: unknown directive: foo",
            "/w/go.mod:6:2: usage: require module/path v1.2.3"
        ]
    );
    assert_eq!(
        g.diagnostics()[1].pos.map(|p| (p.line, p.column)),
        Some((6, 2))
    );
    assert_eq!(
        selected(&g),
        ["example.com/a v1.0.0", "example.com/c v1.1.0"]
    );
    let a = g.module(g.module_by_path("example.com/a").unwrap());
    assert_eq!(
        a.error.as_deref(),
        Some(
            "example.com/a@v1.0.0: parsing go.mod: /cache/cache/download/example.com/a/@v/v1.0.0.mod:6: syntax error (unterminated block started at go.mod:5:1)\nmodule declares its path as: example.com/wrong\n\t        but was required as: example.com/a"
        )
    );
}

/// A workspace whose main modules disagree about a dependency's version.
fn workspace_tree() -> Tree {
    Tree::new(
        "-- /ws/go.work --
go 1.22
use (
	./a
	./b
	./missing
)
replace example.com/r v1.0.0 => ./rdir
-- /ws/a/go.mod --
module example.com/a
go 1.22
require (
	example.com/x v1.0.0
	example.com/r v1.0.0
)
replace example.com/q => ../q
-- /ws/a/a.go --
package a
-- /ws/b/go.mod --
module example.com/b
go 1.22
require example.com/x v1.1.0
-- /ws/b/sub/b.go --
package sub
-- /ws/rdir/go.mod --
module example.com/r
-- /ws/rdir/r.go --
package r
-- /ws/q/go.mod --
module example.com/q
-- /ws/q/q.go --
package q
",
    )
    .module("example.com/x", "v1.0.0", "module example.com/x\ngo 1.21\n")
    .module(
        "example.com/x",
        "v1.1.0",
        "module example.com/x\ngo 1.21\nrequire example.com/z v1.0.0\n",
    )
    // z is reached only because x was selected above what a asked for (the fixpoint).
    .module(
        "example.com/z",
        "v1.0.0",
        "module example.com/z\ngo 1.21\nrequire example.com/w v1.0.0\n",
    )
    .module("example.com/w", "v1.0.0", "module example.com/w\ngo 1.21\n")
    .pkg("example.com/x", "v1.1.0", "")
}

#[test]
fn workspace_main_modules_and_selection() {
    let t = workspace_tree();
    let g = t.load("/ws/b/sub");
    assert_eq!(
        *g.mode(),
        Mode::Workspace {
            go_work: "/ws/go.work".into()
        }
    );
    let mains: Vec<&str> = g.main_modules().iter().map(|m| m.path.as_str()).collect();
    assert_eq!(mains, ["example.com/a", "example.com/b"]);
    // The missing workspace module is reported at its go.work line; the rest loads.
    assert_eq!(
        diags(&g),
        [
            "/ws/go.work:5:2: cannot load module missing listed in go.work file: open missing/go.mod: no such file or directory"
        ]
    );
    assert_eq!(
        selected(&g),
        [
            "example.com/r v1.0.0",
            "example.com/w v1.0.0",
            "example.com/x v1.1.0",
            "example.com/z v1.0.0"
        ]
    );
    let r = g.module(g.module_by_path("example.com/r").unwrap());
    assert_eq!(
        r.replace,
        Some(Replacement {
            path: "./rdir".into(),
            version: None
        })
    );
    assert_eq!(
        resolve(&t, &g, "example.com/r"),
        "dep example.com/r@v1.0.0 /ws/rdir"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/b/sub"),
        "main example.com/b /ws/b/sub"
    );
    assert_eq!(resolve(&t, &g, "example.com/a"), "main example.com/a /ws/a");
    assert_eq!(
        resolve(&t, &g, "example.com/x"),
        "dep example.com/x@v1.1.0 /cache/example.com/x@v1.1.0"
    );
    // A module replaced (relative to a's go.mod) but required by nobody.
    assert_eq!(
        resolve(&t, &g, "example.com/q"),
        "error ReplacedNotRequired: module example.com/q provides package example.com/q and is replaced but not required; to add it:\n\tgo get example.com/q"
    );
    assert_eq!(g.build_mod().flag, ModFlag::Readonly);
}

#[test]
fn gowork_and_go111module_settings() {
    let t = workspace_tree();
    let env = |gowork: Option<&str>, go111: Option<&str>| Env {
        gomodcache: "/cache".into(),
        gowork: gowork.map(str::to_string),
        go111module: go111.map(str::to_string),
        goflags_mod: None,
    };
    let g = t.load_env("/ws/b/sub", env(Some("off"), None));
    assert_eq!(*g.mode(), Mode::Module);
    assert_eq!(g.main_modules()[0].path, "example.com/b");
    let g = t.load_env("/ws/b", env(Some("relative.work"), None));
    assert_eq!(diags(&g), ["invalid GOWORK: not an absolute path"]);
    assert_eq!(*g.mode(), Mode::Module);
    let g = t.load_env("/elsewhere", env(Some("/ws/go.work"), None));
    assert_eq!(g.main_modules().len(), 2);
    let g = t.load_env("/ws/b", env(None, Some("off")));
    assert_eq!(*g.mode(), Mode::Gopath);
    assert_eq!(resolve(&t, &g, "fmt"), "std fmt /goroot/src/fmt");
    assert!(resolve(&t, &g, "example.com/x").starts_with("error GopathMode: "));
    let g = t.load_env("/nomod", env(None, Some("auto")));
    assert_eq!(*g.mode(), Mode::Gopath);
    let g = t.load_env("/nomod", env(None, None));
    assert_eq!(*g.mode(), Mode::NoModule);
    assert_eq!(
        resolve(&t, &g, "example.com/x"),
        "error NoModule: no required module provides package example.com/x: go.mod file not found in current directory or any parent directory; see 'go help modules'"
    );
    let g = t.load_env("/ws", env(Some("off"), Some("bogus")));
    assert_eq!(diags(&g), ["unknown environment setting GO111MODULE=bogus"]);
}

#[test]
fn workspace_with_no_loadable_module() {
    let t = Tree::new("-- /ws/go.work --\ngo 1.22\nuse ./gone\nuse ./gone\nbogus\n");
    let g = t.load("/ws");
    assert_eq!(
        diags(&g),
        [
            "/ws/go.work:4: unknown directive: bogus",
            "/ws/go.work:2: cannot load module gone listed in go.work file: open gone/go.mod: no such file or directory",
            "/ws/go.work:3: path /ws/gone appears multiple times in workspace",
        ]
    );
    assert_eq!(
        resolve(&t, &g, "example.com/x"),
        "error NoModule: no required module provides package example.com/x: no modules were found in the current workspace; see 'go help work'"
    );
    assert_eq!(resolve(&t, &g, "fmt"), "std fmt /goroot/src/fmt");
}

#[test]
fn resolution_of_std_main_nested_and_missing() {
    let t = pruned_tree();
    let g = t.load("/w");
    assert_eq!(resolve(&t, &g, "fmt"), "std fmt /goroot/src/fmt");
    assert_eq!(
        resolve(&t, &g, "net/http"),
        "std net/http /goroot/src/net/http"
    );
    assert_eq!(resolve(&t, &g, "C"), "C");
    assert_eq!(
        resolve(&t, &g, "example.com/main"),
        "main example.com/main /w"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/main/internal/x"),
        "main example.com/main /w/internal/x"
    );
    // /w/nested has its own go.mod: not part of the main module, and nothing requires it.
    assert_eq!(
        resolve(&t, &g, "example.com/main/nested"),
        "error NoModule: no required module provides package example.com/main/nested; to add it:\n\tgo get example.com/main/nested"
    );
    assert_eq!(
        resolve(&t, &g, "notstd/x"),
        "error NotInStd: package notstd/x is not in std (/goroot/src/notstd/x)"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/nope"),
        "error NoModule: no required module provides package example.com/nope; to add it:\n\tgo get example.com/nope"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/c/sub"),
        "dep example.com/c@v1.2.0 /cache/example.com/c@v1.2.0/sub"
    );
    // A prefix module that has no such directory is passed over.
    assert_eq!(
        resolve(&t, &g, "example.com/a/none"),
        "error NoModule: no required module provides package example.com/a/none; to add it:\n\tgo get example.com/a/none"
    );
    for (bad, want) in [
        (
            "./rel",
            "error Invalid: \"./rel\" is relative, but relative import paths are not supported in module mode",
        ),
        (
            "/abs",
            "error Invalid: \"/abs\" is not a package path; see 'go help packages'",
        ),
        (
            "example.com/a@v1",
            "error Invalid: import path \"example.com/a@v1\" should not have @version",
        ),
        (
            "std",
            "error Invalid: \"std\" is not an importable package; see 'go help packages'",
        ),
        (
            "a b",
            "error Invalid: malformed import path \"a b\": invalid char ' '",
        ),
        (
            "",
            "error Invalid: malformed import path \"\": empty string",
        ),
    ] {
        assert_eq!(resolve(&t, &g, bad), want);
    }
}

#[test]
fn nested_modules_resolve_to_the_one_with_the_package() {
    let t = Tree::new(
        "-- /w/go.mod --\nmodule example.com/main\ngo 1.21\nrequire (\n\texample.com/dep v1.0.0\n\texample.com/dep/nested v1.0.0\n)\n",
    )
    .module("example.com/dep", "v1.0.0", "module example.com/dep\ngo 1.21\n")
    .module("example.com/dep/nested", "v1.0.0", "module example.com/dep/nested\ngo 1.21\n")
    .pkg("example.com/dep", "v1.0.0", "sub")
    .pkg("example.com/dep", "v1.0.0", "both")
    .pkg("example.com/dep/nested", "v1.0.0", "inner")
    .pkg("example.com/dep/nested", "v1.0.0", "")
    // dep also has a nested/both directory: two modules provide the same package.
    .pkg("example.com/dep", "v1.0.0", "nested/both")
    .pkg("example.com/dep/nested", "v1.0.0", "both");
    let g = t.load("/w");
    assert_eq!(
        resolve(&t, &g, "example.com/dep/nested/inner"),
        "dep example.com/dep/nested@v1.0.0 /cache/example.com/dep/nested@v1.0.0/inner"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/dep/nested"),
        "dep example.com/dep/nested@v1.0.0 /cache/example.com/dep/nested@v1.0.0"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/dep/sub"),
        "dep example.com/dep@v1.0.0 /cache/example.com/dep@v1.0.0/sub"
    );
    assert_eq!(
        resolve(&t, &g, "example.com/dep/nested/both"),
        "error Ambiguous: ambiguous import: found package example.com/dep/nested/both in multiple modules:\n\texample.com/dep v1.0.0 (/cache/example.com/dep@v1.0.0/nested/both)\n\texample.com/dep/nested v1.0.0 (/cache/example.com/dep/nested@v1.0.0/both)"
    );
}

#[test]
fn std_packages_import_golang_org_x_from_goroot_vendor() {
    let t = pruned_tree();
    let g = t.load("/w");
    let from_std =
        |importer: &str, path: &str| describe(&g, g.resolve_import_from_std(&t.fs, importer, path));
    assert_eq!(
        from_std("net/http", "golang.org/x/net/dns/dnsmessage"),
        "std vendor/golang.org/x/net/dns/dnsmessage /goroot/src/vendor/golang.org/x/net/dns/dnsmessage"
    );
    assert_eq!(
        from_std("cmd/go", "golang.org/x/mod/modfile"),
        "std cmd/vendor/golang.org/x/mod/modfile /goroot/src/cmd/vendor/golang.org/x/mod/modfile"
    );
    assert_eq!(from_std("net/http", "fmt"), "std fmt /goroot/src/fmt");
    // Not vendored in GOROOT: resolved like any import.
    assert_eq!(
        from_std("net/http", "example.com/a"),
        "dep example.com/a@v1.0.0 /cache/example.com/a@v1.0.0"
    );
    // Outside std, golang.org/x is an ordinary module path.
    assert!(resolve(&t, &g, "golang.org/x/net/dns/dnsmessage").starts_with("error NoModule: "));
}

fn vendor_tree(go: &str) -> Tree {
    Tree::new(&format!(
        "-- /v/go.mod --
module example.com/v
go {go}
require example.com/dep v1.1.0
-- /v/main.go --
package main
-- /v/vendor/modules.txt --
# example.com/dep v1.1.0
## explicit; go 1.21
example.com/dep
# example.com/extra v1.0.0
## explicit
-- /v/vendor/example.com/dep/dep.go --
package dep
-- /v/vendor/example.com/unlisted/u.go --
package unlisted
"
    ))
}

#[test]
fn vendor_mode_resolves_from_vendor() {
    let t = vendor_tree("1.23");
    let g = t.load("/v");
    assert_eq!(g.build_mod().flag, ModFlag::Vendor);
    assert_eq!(g.vendor_dir(), Some(Path::new("/v/vendor")));
    assert_eq!(selected(&g), ["example.com/dep v1.1.0"]);
    assert_eq!(g.modules()[1].kind, ModuleKind::Vendored);
    assert_eq!(g.modules()[1].go_version.as_deref(), Some("1.21"));
    assert_eq!(
        diags(&g),
        [
            "inconsistent vendoring in /v:\n\texample.com/extra@v1.0.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor"
        ]
    );
    assert_eq!(
        resolve(&t, &g, "example.com/dep"),
        "vendor [example.com/dep] /v/vendor/example.com/dep"
    );
    assert_eq!(resolve(&t, &g, "example.com/v"), "main example.com/v /v");
    assert_eq!(resolve(&t, &g, "fmt"), "std fmt /goroot/src/fmt");
    // go >= 1.23: a vendored package must be listed in modules.txt.
    assert_eq!(
        resolve(&t, &g, "example.com/unlisted"),
        "error NoModule: cannot find module providing package example.com/unlisted: import lookup disabled by -mod=vendor\n\t(Go version in go.mod is at least 1.14 and vendor directory exists.)"
    );
    let old = vendor_tree("1.22");
    let g = old.load("/v");
    assert_eq!(
        resolve(&old, &g, "example.com/unlisted"),
        "vendor [] /v/vendor/example.com/unlisted"
    );
}

#[test]
fn vendor_mode_defaults_and_flags() {
    let t = vendor_tree("1.13");
    let g = t.load("/v");
    assert_eq!(g.build_mod().flag, ModFlag::Readonly);
    assert_eq!(
        g.build_mod().reason.as_deref(),
        Some("Go version in go.mod is 1.13, so vendor directory was not used.")
    );
    assert_eq!(
        resolve(&t, &g, "example.com/zzz"),
        "error NoModule: cannot find module providing package example.com/zzz: import lookup disabled by -mod=readonly\n\t(Go version in go.mod is 1.13, so vendor directory was not used.)"
    );
    let t = vendor_tree("1.22");
    let mut env = Env::new("/cache");
    env.goflags_mod = Some("mod".into());
    let g = t.load_env("/v", env.clone());
    assert_eq!(
        (g.build_mod().flag, g.build_mod().explicit),
        (ModFlag::Mod, true)
    );
    assert!(g.vendor_dir().is_none());
    assert_eq!(
        resolve(&t, &g, "example.com/zzz"),
        "error NoModule: cannot find module providing package example.com/zzz"
    );
    env.goflags_mod = Some("readonly".into());
    let g = t.load_env("/v", env.clone());
    assert_eq!(
        resolve(&t, &g, "example.com/zzz"),
        "error NoModule: cannot find module providing package example.com/zzz: import lookup disabled by -mod=readonly"
    );
    env.goflags_mod = Some("bogus".into());
    let g = t.load_env("/v", env);
    assert_eq!(
        diags(&g)[0],
        "-mod=bogus: invalid value (must be mod, readonly or vendor)"
    );
    assert_eq!(g.build_mod().flag, ModFlag::Vendor);
}

#[test]
fn mod_mode_is_refused_in_a_workspace() {
    let t = workspace_tree();
    let mut env = Env::new("/cache");
    env.goflags_mod = Some("mod".into());
    let g = t.load_env("/ws", env);
    assert!(diags(&g).iter().any(|d| {
        d.starts_with("-mod may only be set to readonly or vendor when in workspace mode")
    }));
    assert_eq!(g.build_mod().flag, ModFlag::Readonly);
}

#[test]
fn hostile_trees_do_not_panic() {
    // A module requiring itself and a cycle through the cache; junk go.mod files; a go.work
    // that uses the root; binary garbage.
    let t = Tree::new(
        "-- /w/go.mod --\nmodule example.com/main\ngo 1.16\nrequire example.com/a v1.0.0\nrequire example.com/main v1.0.0\n-- /junk/go.mod --\n\u{0}\u{1}((((\n-- /gw/go.work --\nuse /\nuse .\n",
    )
    .module("example.com/a", "v1.0.0", "module example.com/a\nrequire example.com/b v1.0.0\n")
    .module("example.com/b", "v1.0.0", "module example.com/b\nrequire example.com/a v1.1.0\n")
    .module("example.com/a", "v1.1.0", "module example.com/a\nrequire example.com/b v1.0.0\n")
    .module("example.com/main", "v1.0.0", "module example.com/main\nrequire example.com/a v1.0.0\n");
    let g = t.load("/w");
    assert_eq!(
        selected(&g),
        ["example.com/a v1.1.0", "example.com/b v1.0.0"]
    );
    assert_eq!(
        resolve(&t, &g, "example.com/main"),
        "error NoModule: no required module provides package example.com/main; to add it:\n\tgo get example.com/main"
    );
    let g = t.load("/junk");
    assert!(!diags(&g).is_empty());
    let g = t.load("/gw");
    let _ = resolve(&t, &g, "example.com/x");
    let _ = t.load("relative/dir");
    let _ = t.load("/");
}

#[test]
fn inside_goroot_the_cmd_module_provides_standard_packages() {
    let t = Tree::new(
        "-- /go.work --
use ./elsewhere
-- /goroot/src/cmd/go.mod --
module cmd

go 1.26

require golang.org/x/mod v0.20.0
-- /goroot/src/cmd/vendor/modules.txt --
# golang.org/x/mod v0.20.0
## explicit; go 1.22
golang.org/x/mod/modfile
",
    );
    // The go.work above GOROOT is not searched for.
    let g = t.load("/goroot/src/cmd/go");
    assert_eq!(*g.mode(), Mode::Module);
    assert_eq!(g.build_mod().flag, ModFlag::Vendor);
    assert_eq!(diags(&g), Vec::<String>::new());
    // Both GOROOT and the cmd main module have it: the go command takes it as standard.
    assert_eq!(resolve(&t, &g, "cmd/go"), "std cmd/go /goroot/src/cmd/go");
    assert_eq!(
        describe(
            &g,
            g.resolve_import_from_std(&t.fs, "cmd/go", "golang.org/x/mod/modfile")
        ),
        "std cmd/vendor/golang.org/x/mod/modfile /goroot/src/cmd/vendor/golang.org/x/mod/modfile"
    );
    assert_eq!(
        resolve(&t, &g, "golang.org/x/mod/modfile"),
        "vendor [golang.org/x/mod] /goroot/src/cmd/vendor/golang.org/x/mod/modfile"
    );
}

/// A package of a nested module resolves when the enclosing module (selected, a dependency
/// of the nested one) is not extracted: the go command finds it through the main module's
/// requirements and never opens the outer module.
#[test]
fn nested_module_resolves_without_the_outer_module_on_disk() {
    let t = Tree::new(
        "-- /w/go.mod --\nmodule example.com/main\ngo 1.21\nrequire example.com/outer/inner v1.0.0\n",
    )
    .module(
        "example.com/outer/inner",
        "v1.0.0",
        "module example.com/outer/inner\ngo 1.21\nrequire example.com/outer v1.0.0\n",
    )
    .module("example.com/outer", "v1.0.0", "module example.com/outer\ngo 1.21\n")
    .pkg("example.com/outer/inner", "v1.0.0", "pkg");
    let g = t.load("/w");
    assert_eq!(
        resolve(&t, &g, "example.com/outer/inner/pkg"),
        "dep example.com/outer/inner@v1.0.0 /cache/example.com/outer/inner@v1.0.0/pkg"
    );
    // A package only the unextracted module could provide is still reported as such.
    assert!(resolve(&t, &g, "example.com/outer/other").contains("module not extracted"));
}
