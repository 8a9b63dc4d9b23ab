//! Project automation, run as `cargo xtask <task>`: `tidy` checks the repository's own rules;
//! `bench` measures go-analyzer against the go command; `conformance` scores the type checker
//! against go/types' own test suite; `corpus` checks five real Go modules for false
//! positives; `dist` builds the release binary and the VS Code `.vsix`; `vs-gopls` compares
//! hover and go to definition with gopls' on std and times both servers' hover and completion;
//! `vet-diff` compares our analyzers' findings with `go vet`'s.
//!
//! Tasks are added here as the issues that need them land (conformance, bench, dist); a task
//! that is not here does not exist yet.

// A command-line tool: its report goes to stdout by design.
#![allow(clippy::print_stdout)]

mod bench;
mod conformance;
mod corpus;
mod dist;
mod tidy;
mod vet_diff;
mod vs_gopls;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tidy") => match tidy::check(&tidy::workspace_root()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(problems) => {
                for problem in problems {
                    eprintln!("{problem}");
                }
                ExitCode::FAILURE
            }
        },
        Some("bench") => match bench::run(&tidy::workspace_root()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("cargo xtask bench: {why}");
                ExitCode::FAILURE
            }
        },
        Some("conformance") => match conformance::run(&tidy::workspace_root(), &args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("cargo xtask conformance: {why}");
                ExitCode::FAILURE
            }
        },
        Some("corpus") => match corpus::run(&tidy::workspace_root(), &args[1..]) {
            Ok(true) => ExitCode::SUCCESS,
            // The report is printed; some module failed or had diagnostics.
            Ok(false) => ExitCode::FAILURE,
            Err(why) => {
                eprintln!("cargo xtask corpus: {why}");
                ExitCode::FAILURE
            }
        },
        Some("dist") => match dist::run(&tidy::workspace_root(), &args[1..]) {
            Ok(_) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("cargo xtask dist: {why}");
                ExitCode::FAILURE
            }
        },
        Some("vs-gopls") => match vs_gopls::run(&tidy::workspace_root(), &args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("cargo xtask vs-gopls: {why}");
                ExitCode::FAILURE
            }
        },
        Some("vet-diff") => match vet_diff::run(&tidy::workspace_root(), &args[1..]) {
            Ok(true) => ExitCode::SUCCESS,
            // The report is printed; findings differ.
            Ok(false) => ExitCode::FAILURE,
            Err(why) => {
                eprintln!("cargo xtask vet-diff: {why}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "usage: cargo xtask tidy | bench | conformance | corpus | dist [--server PATH] \
                 | vs-gopls | vet-diff"
            );
            ExitCode::from(2)
        }
    }
}
