//! `go-analyzer list`: what the project model resolved, printed as `go list` prints it, so the
//! two can be compared (and are, in `tests/list_vs_go.rs`).

use std::{
    io::{BufWriter, Write},
    sync::Arc,
};

use base_db::OsFileSystem;
use project_model::{
    build::BuildContext,
    load::{FsBridge, Loader, ModuleResolver, Package, is_standard_import_path, to_go_list_json},
    modules::{Env, ModuleGraph},
    toolchain::{self, ProcessEnv},
};

use crate::{check::EXIT_FAILURE, cli::ListOptions};

pub(crate) fn run(options: ListOptions) -> u8 {
    let env = toolchain::detect(&ProcessEnv::default());
    let Some(goroot) = env.goroot.clone() else {
        eprintln!("go-analyzer list: no Go toolchain found (set GOROOT or put go on PATH)");
        return EXIT_FAILURE;
    };
    let tags = toolchain::tool_tags(&env.goos, &env.goarch, &env.goexperiment, &env.goamd64);
    let ctx = BuildContext::new(
        env.goos.clone(),
        env.goarch.clone(),
        env.cgo_enabled,
        env.go_minor().unwrap_or(0),
        tags,
    );
    let fs = OsFileSystem;
    let cwd = std::env::current_dir().unwrap_or_default();
    let module_env = Env {
        gomodcache: env.gomodcache.clone(),
        goflags_mod: Env::mod_flag_from_goflags(&env.goflags),
        gowork: Some(env.gowork.clone()).filter(|w| !w.is_empty()),
        go111module: Some(env.go111module.clone()).filter(|m| !m.is_empty()),
    };
    let graph = ModuleGraph::load(&FsBridge(&fs), &cwd, &module_env, &goroot);
    for diagnostic in graph.diagnostics() {
        eprintln!("go-analyzer list: {}", diagnostic.display());
    }
    let resolver = ModuleResolver {
        graph: &graph,
        fs: FsBridge(&fs),
    };
    let mut loader = Loader::new(&fs, ctx, Some(goroot.clone())).with_resolver(&resolver);
    let mut roots: Vec<Arc<Package>> = Vec::new();
    for pattern in &options.patterns {
        match pattern.as_str() {
            "std" | "cmd" => roots.extend(loader.goroot_packages(pattern)),
            path if is_standard_import_path(path) && !path.contains("...") && path != "." => {
                let dir = goroot.join("src").join(path);
                roots.push(loader.load_dir(&dir, path, None));
            }
            other => {
                let found = loader.module_packages(&resolver, &cwd, other);
                if found.is_empty() {
                    eprintln!("go-analyzer list: pattern {other:?} matched no packages");
                }
                roots.extend(found);
            }
        }
    }
    let packages = if options.deps {
        loader.with_deps(&roots)
    } else {
        roots
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for package in &packages {
        let line = if options.json {
            to_go_list_json(package)
        } else {
            package.import_path.clone()
        };
        if writeln!(out, "{line}").is_err() {
            return 0;
        }
    }
    let _ = out.flush();
    0
}
