//! `go-analyzer check`: load the selected files, compute their diagnostics on every core, and
//! report them in a stable order with the contract's exit status.
//!
//! Loading is sequential (the host is the single writer); checking runs on one worker thread
//! per core, each with its own snapshot (`Analysis` is `Send` but not `Sync`), taking files
//! from a shared counter so that one large file does not leave the other cores idle.

use std::{
    io,
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use ide::{AnalysisHost, FileId, OsFileSystem};

use crate::{
    cli::CheckOptions,
    config_file,
    output::{self, Record},
    typecheck, walk,
    workspace::Workspace,
};

/// Deep Go code means deep recursion in the analysis; a thread's default 2 MiB is not enough.
const WORKER_STACK_SIZE: usize = 64 * 1024 * 1024;

/// Exit statuses of the CLI contract.
pub(crate) const EXIT_OK: u8 = 0;
pub(crate) const EXIT_ERRORS: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;

pub(crate) fn run(options: CheckOptions) -> u8 {
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(err) => {
            eprintln!("go-analyzer: cannot read the current directory: {err}");
            return EXIT_FAILURE;
        }
    };
    let args = if options.patterns.is_empty() {
        vec![".".into()]
    } else {
        options.patterns
    };
    let mut patterns = Vec::new();
    for arg in &args {
        match walk::classify(arg) {
            Ok(pattern) => patterns.push(pattern),
            Err(why) => {
                eprintln!("go-analyzer: {why}");
                return EXIT_FAILURE;
            }
        }
    }
    let selection = match walk::select(&patterns, &cwd, options.tests, walk::find_goroot) {
        Ok(selection) => selection,
        Err(why) => {
            eprintln!("go-analyzer: {why}");
            return EXIT_FAILURE;
        }
    };
    let mut failed = !selection.errors.is_empty();
    let analyzers = select_analyzers(&cwd, &options.analyses, &mut failed);
    for error in &selection.errors {
        eprintln!("go-analyzer: {error}");
    }
    for warning in &selection.warnings {
        eprintln!("go-analyzer: warning: {warning}");
    }
    // The same normalization as the selected paths, so that the prefix test is exact.
    let cwd = walk::absolute(&cwd, Path::new("."));
    let mut host = AnalysisHost::new(Arc::new(OsFileSystem));
    let mut files = Vec::new();
    for path in selection.files {
        match host.load_file(&path) {
            Ok(file) => files.push((display_path(&cwd, &path), file)),
            Err(err) => {
                eprintln!("go-analyzer: {}: {err}", display_path(&cwd, &path));
                failed = true;
            }
        }
    }
    // In batches, with salsa's LRU eviction between them: memory stays bounded by the batch
    // (trees are several times the size of their text) instead of growing with the run.
    let (mut records, mut internal_errors) = (Vec::new(), Vec::new());
    for batch in files.chunks(BATCH_SIZE) {
        let (found, errors) = check_files(&host, batch);
        records.extend(found);
        internal_errors.extend(errors);
        host.collect_garbage();
    }
    // Type errors, for the packages the patterns name (loose .go files are syntax-checked
    // only, for now).
    let package_patterns: Vec<String> = args
        .iter()
        .zip(&patterns)
        .filter_map(|(arg, pattern)| match pattern {
            walk::Pattern::File(_) => None,
            walk::Pattern::Std => Some("std".to_string()),
            walk::Pattern::Import(path) => Some(path.clone()),
            walk::Pattern::Dir(_) | walk::Pattern::Tree(_) => {
                Some(arg.to_string_lossy().into_owned())
            }
        })
        .collect();
    if !package_patterns.is_empty() {
        match Workspace::detect(
            options.goos.as_deref(),
            options.goarch.as_deref(),
            &options.tags,
        ) {
            Ok(workspace) => {
                let request = typecheck::Request {
                    patterns: &package_patterns,
                    tests: options.tests,
                    lang: options.lang.clone(),
                    goarch: options.goarch.clone(),
                    analyzers: &analyzers,
                    cwd: &cwd,
                };
                let (found, failures) = typecheck::check(&workspace, &request);
                records.extend(found);
                internal_errors.extend(failures);
            }
            Err(why) => eprintln!("go-analyzer: warning: {why}; type errors are not reported"),
        }
    }
    for error in &internal_errors {
        eprintln!("go-analyzer: {error}");
    }
    failed |= !internal_errors.is_empty();
    records.retain(|r| output::severity_rank(r.severity) <= options.severity as u8);
    output::sort(&mut records);
    let context = output::Context {
        cwd: &cwd,
        repository_root: &output::repository_root(&cwd),
        analyzers: &analyzers,
    };
    if let Err(err) = output::write(
        &mut io::BufWriter::new(io::stdout().lock()),
        options.format,
        &records,
        &context,
    ) {
        if err.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("go-analyzer: cannot write the report: {err}");
        }
        return EXIT_FAILURE;
    }
    if failed {
        EXIT_FAILURE
    } else if records
        .iter()
        .any(|r| output::severity_rank(r.severity) <= analyzers::Severity::Warning as u8)
    {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// The analyzers to run: gopls' defaults, then the module's go-analyzer.toml, then the
/// flags. Problems with the file or unknown names are reported on stderr; a file that does
/// not parse is ignored and makes the run fail (`failed`), after everything else is checked.
fn select_analyzers(
    cwd: &Path,
    flags: &[(String, bool)],
    failed: &mut bool,
) -> Vec<&'static analyzers::Analyzer> {
    let mut overrides = Vec::new();
    if let Some(path) = config_file::find(cwd) {
        let shown = display_path(cwd, &path);
        match std::fs::read_to_string(&path).map(|text| config_file::parse(&text)) {
            Ok(Ok(settings)) => {
                for warning in &settings.warnings {
                    eprintln!("go-analyzer: warning: {shown}: {warning}");
                }
                overrides = settings.analyses;
            }
            Ok(Err(error)) => {
                eprintln!(
                    "go-analyzer: {shown}:{}:{}: {} (the file is ignored)",
                    error.line, error.column, error.message
                );
                *failed = true;
            }
            Err(err) => {
                eprintln!("go-analyzer: {shown}: {err} (the file is ignored)");
                *failed = true;
            }
        }
    }
    overrides.extend(flags.iter().cloned());
    let selection = analyzers::settings::select(&overrides);
    if let Some(warning) = analyzers::settings::unknown_warning(&selection.unknown) {
        eprintln!("go-analyzer: warning: {warning}");
    }
    // Analyzers that only fix the checker's errors have nothing to say in a report.
    selection
        .enabled
        .into_iter()
        .filter(|a| !a.fixes_errors)
        .collect()
}

/// Files checked between two LRU evictions; large enough to keep both cores busy.
const BATCH_SIZE: usize = 256;

/// How a file is named in the report: relative to `cwd` when below it, else absolute.
fn display_path(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The diagnostics of all `files`, in no particular order, and the internal errors met.
fn check_files(host: &AnalysisHost, files: &[(String, FileId)]) -> (Vec<Record>, Vec<String>) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len())
        .max(1);
    let work = |analysis: ide::Analysis| {
        let mut records = Vec::new();
        let mut errors = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((path, file)) = files.get(index) else {
                break;
            };
            match check_file(&analysis, path, *file) {
                Ok(mut found) => records.append(&mut found),
                Err(error) => errors.push(error),
            }
        }
        (records, errors)
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..workers {
            let analysis = host.analysis();
            let spawned = std::thread::Builder::new()
                .name("check".into())
                .stack_size(WORKER_STACK_SIZE)
                .spawn_scoped(scope, || work(analysis));
            match spawned {
                Ok(handle) => handles.push(handle),
                // Fewer threads than cores is slower, not wrong; the last resort is this one.
                Err(err) => eprintln!("go-analyzer: warning: cannot start a worker thread: {err}"),
            }
        }
        let (mut records, mut errors) = if handles.is_empty() {
            work(host.analysis())
        } else {
            Default::default()
        };
        for handle in handles {
            match handle.join() {
                Ok((mut found, mut failed)) => {
                    records.append(&mut found);
                    errors.append(&mut failed);
                }
                // `check_file` catches panics; this would be one in the loop itself.
                Err(_) => errors.push("internal error: a worker thread panicked".to_string()),
            }
        }
        (records, errors)
    })
}

fn check_file(analysis: &ide::Analysis, path: &str, file: FileId) -> Result<Vec<Record>, String> {
    let computed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let diagnostics = analysis.diagnostics(file)?;
        let index = analysis.line_index(file)?;
        Ok::<_, ide::Cancelled>((diagnostics, index))
    }));
    let (diagnostics, index) = match computed {
        Ok(Ok(result)) => result,
        // Nothing writes to the host while workers run; a cancellation is a bug, not an edit.
        Ok(Err(cancelled)) => {
            return Err(format!(
                "{path}: internal error: analysis cancelled ({cancelled})"
            ));
        }
        Err(panic) => {
            return Err(format!(
                "{path}: internal error: {}",
                panic_message(&*panic)
            ));
        }
    };
    let records = diagnostics
        .into_iter()
        .map(|diagnostic| {
            let start = index.line_col(diagnostic.range.start);
            let end = index.line_col(diagnostic.range.end);
            Record {
                file: path.to_string(),
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                severity: diagnostic.severity.as_str(),
                source: diagnostic.source,
                code: diagnostic.code,
                message: diagnostic.message,
            }
        })
        .collect();
    Ok(records)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}
