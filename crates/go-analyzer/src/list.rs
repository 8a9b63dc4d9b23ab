//! `go-analyzer list`: what the project model resolved, printed as `go list` prints it, so the
//! two can be compared (and are, in `tests/list_vs_go.rs`).

use std::{
    io::{BufWriter, Write},
    sync::Arc,
};

use project_model::load::{Loader, Package, to_go_list_json};

use crate::{check::EXIT_FAILURE, cli::ListOptions, workspace::Workspace};

pub(crate) fn run(options: ListOptions) -> u8 {
    let workspace = match Workspace::detect(None, None, &[]) {
        Ok(workspace) => workspace,
        Err(why) => {
            eprintln!("go-analyzer list: {why}");
            return EXIT_FAILURE;
        }
    };
    for diagnostic in workspace.diagnostics() {
        eprintln!("go-analyzer list: {diagnostic}");
    }
    workspace.with_packages(Some("list"), &options.patterns, |loader, roots| {
        print(loader, roots, &options)
    })
}

fn print(loader: &mut Loader<'_>, roots: Vec<Arc<Package>>, options: &ListOptions) -> u8 {
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
