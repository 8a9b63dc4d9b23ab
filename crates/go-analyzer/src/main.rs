//! The `go-analyzer` binary: the language server on stdio, and `check` for CI.
//!
//! Nothing but the protocol (LSP) or the report (`check`) is written to stdout; logs and I/O
//! problems go to stderr.

mod check;
mod cli;
mod config_file;
mod list;
mod output;
mod pipeline;
mod typecheck;
mod walk;
mod workspace;

use std::{
    io::{IsTerminal, Write},
    process::ExitCode,
};

use cli::Command;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(cli::UsageError(why)) => {
            eprintln!("go-analyzer: {why}\nRun 'go-analyzer --help' for usage.");
            return ExitCode::from(check::EXIT_FAILURE);
        }
    };
    match command {
        Command::Lsp => {
            init_logging();
            let code = server::run_stdio();
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Command::Check(options) => {
            init_logging();
            ExitCode::from(check::run(options))
        }
        Command::List(options) => ExitCode::from(list::run(options)),
        Command::Help => print(cli::USAGE),
        Command::Version => print(&format!("go-analyzer {}\n", env!("CARGO_PKG_VERSION"))),
    }
}

fn print(text: &str) -> ExitCode {
    // A closed stdout (`go-analyzer --help | head -1`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// Without `GO_ANALYZER_LOG`: our information, but not salsa's, which logs every query
/// execution at info level.
const DEFAULT_LOG_FILTER: &str = "info,salsa=warn";

/// Logs go to stderr, filtered by `GO_ANALYZER_LOG` (tracing's `EnvFilter` syntax): stdout
/// belongs to the protocol or the report.
fn init_logging() {
    let (filter, bad_filter) = match std::env::var("GO_ANALYZER_LOG") {
        Ok(spec) => match tracing_subscriber::EnvFilter::try_new(&spec) {
            Ok(filter) => (filter, None),
            Err(err) => (
                tracing_subscriber::EnvFilter::new(DEFAULT_LOG_FILTER),
                Some(format!("{spec:?}: {err}")),
            ),
        },
        Err(_) => (tracing_subscriber::EnvFilter::new(DEFAULT_LOG_FILTER), None),
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(filter)
        .try_init();
    if let Some(why) = bad_filter {
        tracing::warn!("ignoring invalid GO_ANALYZER_LOG {why}");
    }
}
