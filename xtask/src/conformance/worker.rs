//! Running our checker over units, isolated: each unit is checked in a worker process (this
//! same binary, `cargo xtask conformance --worker`), which keeps one `hir::World` and the
//! standard library packages it has checked from unit to unit.
//!
//! A panic is caught in the worker (`catch_unwind`), reported with its message, and the
//! worker starts afresh. A unit that makes no progress for the timeout (time spent checking
//! imported packages restarts the clock: each finished import is reported) is a timeout: the
//! parent kills the worker and starts another. A worker that dies (a stack overflow aborts
//! the process) is reported as a crash.

use std::{
    collections::HashMap,
    io::{BufRead, BufReader, Write},
    path::PathBuf,
    process::{Child, ChildStdin, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::{Duration, Instant},
};

use base_db::OsFileSystem;
use hir::{Importer, PackageId, World};
use project_model::{
    build::BuildContext,
    load::{Loader, Package},
};
use serde::{Deserialize, Serialize};
use syntax::LineIndex;

use super::{
    score::{Outcome, Reported, Status},
    units::Unit,
};

/// Where the standard library is and how to select its files (linux/amd64, cgo off).
#[derive(Clone, Debug)]
pub struct Toolchain {
    pub goroot: PathBuf,
    /// `go1.26.8`.
    pub version: String,
    pub go_minor: u32,
    /// The toolchain's tool tags (`goexperiment.*`, `amd64.v1`).
    pub tags: Vec<String>,
}

impl Toolchain {
    pub fn detect() -> Result<Toolchain, String> {
        let env =
            project_model::toolchain::detect(&project_model::toolchain::ProcessEnv::default());
        let goroot = env
            .goroot
            .clone()
            .ok_or("no Go toolchain found (is `go` on PATH, or GOROOT set?)")?;
        let version = env.version.clone().unwrap_or_default();
        let go_minor = env.go_minor().unwrap_or(26);
        let tags =
            project_model::toolchain::tool_tags("linux", "amd64", &env.goexperiment, &env.goamd64);
        Ok(Toolchain {
            goroot,
            version,
            go_minor,
            tags,
        })
    }

    fn build_context(&self) -> BuildContext {
        BuildContext::new("linux", "amd64", false, self.go_minor, self.tags.clone())
    }

    fn args(&self) -> Vec<String> {
        vec![
            "--goroot".into(),
            self.goroot.to_string_lossy().into_owned(),
            "--go-minor".into(),
            self.go_minor.to_string(),
            "--tags".into(),
            self.tags.join(","),
        ]
    }

    fn from_args(args: &[String]) -> Result<Toolchain, String> {
        let value = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .cloned()
                .ok_or(format!("--worker needs {name}"))
        };
        Ok(Toolchain {
            goroot: value("--goroot")?.into(),
            version: String::new(),
            go_minor: value("--go-minor")?.parse().map_err(|_| "bad --go-minor")?,
            tags: value("--tags")?
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// What the parent asks of a worker: check one unit.
#[derive(Serialize, Deserialize)]
struct Request {
    /// The files' paths on disk and their names in the report.
    files: Vec<(PathBuf, String)>,
    lang: Option<String>,
}

/// What a worker says, one JSON line each.
#[derive(Serialize, Deserialize)]
enum Message {
    /// An imported package has been checked: the unit is making progress.
    Imported(String),
    Done {
        errors: Vec<Reported>,
        crash: Option<String>,
    },
}

/// The worker process: reads requests from stdin, answers on stdout, until stdin closes.
pub fn worker_main(args: &[String]) -> Result<(), String> {
    let toolchain = Toolchain::from_args(args)?;
    // Deep recursion in a checker under test should be a finding, not an abort: give it room.
    let worker = std::thread::Builder::new()
        .name("conformance-worker".into())
        .stack_size(512 << 20)
        .spawn(move || serve(&toolchain))
        .map_err(|e| e.to_string())?;
    worker
        .join()
        .map_err(|_| "worker thread died".to_string())?
}

static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn serve(toolchain: &Toolchain) -> Result<(), String> {
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
    }));
    static FS: OsFileSystem = OsFileSystem;
    let new_state = || State {
        world: World::default(),
        importer: StdImporter::new(&FS, toolchain),
    };
    let mut state = new_state();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let request: Request = serde_json::from_str(&line).map_err(|e| e.to_string())?;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_unit(&mut state, &request)
        }));
        let message = match outcome {
            Ok(errors) => Message::Done {
                errors,
                crash: None,
            },
            Err(payload) => {
                let hooked = PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
                let text = hooked.unwrap_or_else(|| panic_text(&*payload));
                let importing: Vec<String> = state
                    .importer
                    .stack
                    .iter()
                    .map(|p| p.import_path.clone())
                    .collect();
                let crash = if importing.is_empty() {
                    text
                } else {
                    format!("while importing {}: {text}", importing.join(" -> "))
                };
                // The world may be half-updated: start over.
                state = new_state();
                Message::Done {
                    errors: Vec::new(),
                    crash: Some(crash),
                }
            }
        };
        send(&message);
    }
    Ok(())
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".into()
    }
}

fn send(message: &Message) {
    let mut out = std::io::stdout().lock();
    let line = serde_json::to_string(message).unwrap_or_default();
    // The parent is gone if this fails; the next read of stdin ends the loop.
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

struct State {
    world: World,
    importer: StdImporter,
}

fn check_unit(state: &mut State, request: &Request) -> Vec<Reported> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    let mut indexes = Vec::new();
    for (i, (path, name)) in request.files.iter().enumerate() {
        let text = std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let file = hir::SourceFile::parse(name, &text);
        let index = LineIndex::new(&text);
        for e in file.syntax_errors() {
            out.push(reported(Some(i), &index, e.range.start, &e.message));
        }
        files.push(file);
        indexes.push(index);
    }
    // go/types' harness checks the package under its name, as the import path.
    let name = files
        .first()
        .and_then(|f| f.ast.package.as_ref())
        .map_or("<no package>".to_string(), |n| n.text.to_string());
    let config = hir::Config {
        lang: request.lang.clone(),
        test_funcs: true,
        ..hir::Config::default()
    };
    state.importer.stack.clear();
    let result = hir::check_package(
        &mut state.world,
        &name,
        &files,
        &mut state.importer,
        &config,
    );
    for e in result.errors {
        match indexes.get(e.file) {
            Some(index) => out.push(reported(Some(e.file), index, e.range.start, &e.message)),
            None => out.push(Reported {
                file: None,
                line: 0,
                col: 0,
                msg: e.message,
            }),
        }
    }
    out
}

fn reported(file: Option<usize>, index: &LineIndex, offset: u32, msg: &str) -> Reported {
    let lc = index.line_col(offset);
    Reported {
        file,
        line: lc.line + 1,
        col: lc.col + 1,
        msg: msg.to_string(),
    }
}

/// Imports standard library packages from `$GOROOT/src`: their GoFiles for linux/amd64,
/// checked without function bodies, once per import path.
struct StdImporter {
    loader: Loader<'static>,
    cache: HashMap<String, Result<PackageId, String>>,
    /// The packages being checked, innermost last; the unit itself is not on it.
    stack: Vec<Arc<Package>>,
}

impl StdImporter {
    fn new(fs: &'static OsFileSystem, toolchain: &Toolchain) -> StdImporter {
        StdImporter {
            loader: Loader::new(
                fs,
                toolchain.build_context(),
                Some(toolchain.goroot.clone()),
            ),
            cache: HashMap::new(),
            stack: Vec::new(),
        }
    }
}

impl Importer for StdImporter {
    fn import(&mut self, world: &mut World, path: &str) -> Result<PackageId, String> {
        if path == "unsafe" || path == "C" {
            return Err(format!("{path} is the checker's to handle"));
        }
        // The importer decides where vendored paths lead; a test unit is no package of std.
        let importer = self.stack.last().cloned().unwrap_or_else(|| {
            Arc::new(Package {
                import_path: "p".into(),
                ..Package::default()
            })
        });
        let resolved = self.loader.resolve(&importer, path)?;
        let key = resolved.import_path.clone();
        if let Some(result) = self.cache.get(&key) {
            return result.clone();
        }
        if self.stack.iter().any(|p| p.import_path == key) {
            return Err(format!("import cycle through {key}"));
        }
        let package = self.loader.load_dir(&resolved.dir, &key, None);
        if package.go_files.is_empty() {
            let why = package
                .error
                .clone()
                .unwrap_or_else(|| format!("no Go files in {}", resolved.dir.display()));
            self.cache.insert(key, Err(why.clone()));
            return Err(why);
        }
        let mut files = Vec::new();
        for name in &package.go_files {
            let path = package.dir.join(name);
            let text = match std::fs::read(&path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    let why = format!("read {}: {e}", path.display());
                    self.cache.insert(key, Err(why.clone()));
                    return Err(why);
                }
            };
            files.push(hir::SourceFile::parse(&path.to_string_lossy(), &text));
        }
        let config = hir::Config {
            ignore_func_bodies: true,
            ..hir::Config::default()
        };
        self.stack.push(package);
        let result = hir::check_package(world, &key, &files, self, &config);
        self.stack.pop();
        self.cache.insert(key.clone(), Ok(result.package));
        send(&Message::Imported(key));
        Ok(result.package)
    }
}

/// A running worker process, seen from the parent.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Option<Message>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Worker {
    fn spawn(toolchain: &Toolchain) -> Result<Worker, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["conformance", "--worker"])
            .args(toolchain.args())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start a worker: {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr_pipe = child.stderr.take().ok_or("no stderr")?;
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let Ok(message) = serde_json::from_str::<Message>(&line) else {
                    continue;
                };
                if tx.send(Some(message)).is_err() {
                    return;
                }
            }
            let _ = tx.send(None);
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines() {
                let Ok(line) = line else { break };
                let mut lines = sink.lock().unwrap_or_else(|e| e.into_inner());
                lines.push(line);
                if lines.len() > 20 {
                    lines.remove(0);
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            messages,
            stderr,
        })
    }

    /// Checks one unit. `Err` carries how it ended and whether the worker is still usable.
    fn run(&mut self, unit: &Unit, timeout: Duration) -> Result<Vec<Reported>, (Status, bool)> {
        let request = Request {
            files: unit
                .files
                .iter()
                .map(|f| (f.path.clone(), f.name.clone()))
                .collect(),
            lang: unit.flags.lang.clone(),
        };
        let line = serde_json::to_string(&request).unwrap_or_default();
        if writeln!(self.stdin, "{line}")
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            return Err((self.died(), false));
        }
        let mut deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(Some(Message::Imported(_))) => deadline = Instant::now() + timeout,
                Ok(Some(Message::Done { errors, crash })) => {
                    return match crash {
                        None => Ok(errors),
                        // The worker caught the panic and started afresh: it is still usable.
                        Some(why) => Err((Status::Crash(why), true)),
                    };
                }
                Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err((self.died(), false));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    self.kill();
                    return Err((Status::Timeout, false));
                }
            }
        }
    }

    fn died(&mut self) -> Status {
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        // Give the stderr reader a moment to see the last words.
        std::thread::sleep(Duration::from_millis(50));
        let stderr = self.stderr.lock().unwrap_or_else(|e| e.into_inner());
        let last = stderr.iter().rev().find(|l| !l.trim().is_empty());
        Status::Crash(format!(
            "worker died ({status}){}",
            last.map(|l| format!(": {l}")).unwrap_or_default()
        ))
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Checks every unit with `jobs` workers; results in the order of `units`. `progress` is
/// called after each unit, from the worker's thread.
pub fn run_units(
    toolchain: &Toolchain,
    units: &[Unit],
    jobs: usize,
    timeout: Duration,
    progress: &(dyn Fn(&Unit, &Status) + Sync),
) -> Result<Vec<Outcome>, String> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(units.iter().map(|_| None).collect());
    let failure: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                let mut worker: Option<Worker> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(i) else { break };
                    if worker.is_none() {
                        match Worker::spawn(toolchain) {
                            Ok(w) => worker = Some(w),
                            Err(e) => {
                                *failure.lock().unwrap_or_else(|e| e.into_inner()) = Some(e);
                                break;
                            }
                        }
                    }
                    let Some(w) = worker.as_mut() else { break };
                    let outcome = match w.run(unit, timeout) {
                        Ok(errors) => (Status::Ok, errors),
                        Err((status, usable)) => {
                            if !usable {
                                worker = None;
                            }
                            (status, Vec::new())
                        }
                    };
                    progress(unit, &outcome.0);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    Ok(results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or((Status::Crash("not run".into()), Vec::new())))
        .collect())
}
