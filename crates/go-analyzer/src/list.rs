//! `go-analyzer list`: what the project model resolved, printed as `go list` prints it, so the
//! two can be compared (and are, in `tests/list_vs_go.rs`).

use std::{
    io::{BufWriter, Write},
    sync::Arc,
};

use base_db::OsFileSystem;
use project_model::{
    build::BuildContext,
    load::{Loader, Package, is_standard_import_path, to_go_list_json},
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
    let mut loader = Loader::new(&fs, ctx, Some(goroot.clone()));
    let mut roots: Vec<Arc<Package>> = Vec::new();
    let mut failed = false;
    for pattern in &options.patterns {
        match pattern.as_str() {
            "std" | "cmd" => roots.extend(loader.goroot_packages(pattern)),
            path if is_standard_import_path(path)
                && !path.starts_with('.')
                && !path.contains("...") =>
            {
                let dir = goroot.join("src").join(path);
                roots.push(loader.load_dir(&dir, path, None));
            }
            other => {
                eprintln!(
                    "go-analyzer list: pattern {other:?}: only std, cmd and standard library import paths are resolved so far"
                );
                failed = true;
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
    if failed { EXIT_FAILURE } else { 0 }
}
