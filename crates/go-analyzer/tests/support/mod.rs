//! A small LSP client for end-to-end tests of the real binary over its stdio: framing,
//! requests with timeouts, waits for notifications, temporary directories.
//!
//! Every wait has a timeout, so a hung server fails the test instead of hanging CI, and every
//! byte the server writes to stdout must be a well-framed JSON-RPC message.

#![allow(dead_code)]

use std::{
    io::{BufRead, BufReader, Read, Write},
    path::PathBuf,
    process::{Child, ChildStdin, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
        mpsc,
    },
    time::{Duration, Instant},
};

use serde_json::{Value, json};

pub const BIN: &str = env!("CARGO_BIN_EXE_go-analyzer");
/// Generous: debug builds on a shared 2-core machine are slow, and a hung server is all a
/// timeout has to catch.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// What the server wrote to stdout, frame by frame.
pub enum Output {
    Message(Value),
    /// Bytes that are not a well-framed JSON-RPC 2.0 message.
    Garbage(String),
    Closed,
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    output: mpsc::Receiver<Output>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
    /// Every message received so far, for failure reports.
    pub seen: Vec<Value>,
}

impl Server {
    pub fn spawn() -> Server {
        let mut child = Command::new(BIN)
            .arg("lsp")
            .env("GO_ANALYZER_LOG", "debug,salsa=warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start go-analyzer");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, output) = mpsc::channel();
        std::thread::spawn(move || read_frames(BufReader::new(stdout), &sender));
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut child_stderr = child.stderr.take().expect("piped stderr");
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0; 8192];
            while let Ok(n @ 1..) = child_stderr.read(&mut buf) {
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            output,
            stderr,
            next_id: 1,
            seen: Vec::new(),
        }
    }

    /// A server after a successful `initialize` offering `encodings`, and `initialized`.
    pub fn initialized(encodings: Option<&[&str]>) -> (Server, Value) {
        let mut server = Server::spawn();
        let result = server.initialize(encodings);
        server.notify("initialized", json!({}));
        (server, result)
    }

    pub fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let capabilities = match encodings {
            Some(encodings) => json!({ "general": { "positionEncodings": encodings } }),
            None => json!({}),
        };
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        response
            .get("result")
            .cloned()
            .unwrap_or_else(|| self.fail(&format!("initialize failed: {response}")))
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin
            .write_all(bytes)
            .and_then(|()| stdin.flush())
            .expect("cannot write to the server");
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(&json!(id))
    }

    pub fn response(&mut self, id: &Value) -> Value {
        self.wait(&format!("the response to request {id}"), |m| {
            m.get("method").is_none() && m.get("id") == Some(id)
        })
    }

    /// The next message satisfying `matches`; earlier ones are kept in `seen` only.
    pub fn wait(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(Output::Message(message)) => {
                    self.seen.push(message.clone());
                    if matches(&message) {
                        return message;
                    }
                }
                Ok(Output::Garbage(garbage)) => self.fail(&format!("garbage on stdout: {garbage}")),
                Ok(Output::Closed) => self.fail(&format!("stdout closed while waiting for {what}")),
                Err(_) => self.fail(&format!("timed out waiting for {what}")),
            }
        }
    }

    /// The diagnostics published for `uri` at `version` (`None`: the list sent on close).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let what = format!("diagnostics of {uri} at version {version:?}");
        let message = self.wait(&what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"].get("version").and_then(Value::as_i64) == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn log_message(&mut self, containing: &str) -> String {
        let message = self.wait(
            &format!("a window/logMessage containing {containing:?}"),
            |m| {
                m["method"] == "window/logMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|s| s.contains(containing))
            },
        );
        message["params"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        let doc = json!({ "uri": uri, "languageId": "go", "version": version, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes });
        self.notify("textDocument/didChange", params);
    }

    /// `shutdown`, `exit`, and the exit code; also checks that stdout held nothing else.
    pub fn shutdown_and_exit(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(
            response.get("error").is_none(),
            "shutdown failed: {response}"
        );
        self.notify("exit", Value::Null);
        self.exit_code(false)
    }

    /// Waits for the process to end and drains its stdout. Unless `close_stdin`, stdin stays
    /// open until then: `exit` alone must stop the server.
    pub fn exit_code(mut self, close_stdin: bool) -> i32 {
        if close_stdin {
            drop(self.stdin.take());
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self
                .output
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(Output::Message(message)) => self.seen.push(message),
                Ok(Output::Garbage(garbage)) => self.fail(&format!("garbage on stdout: {garbage}")),
                Ok(Output::Closed) => break,
                Err(_) => self.fail("timed out waiting for the server to close stdout"),
            }
        }
        drop(self.stdin.take());
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status.code().unwrap_or(-1),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => self.fail("timed out waiting for the server to exit"),
            }
        }
    }

    pub fn fail(&self, why: &str) -> ! {
        let seen: Vec<String> = self.seen.iter().map(|m| format!("{m:.300}")).collect();
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        panic!(
            "{why}\n--- messages received:\n{}\n--- server stderr:\n{stderr}",
            seen.join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Splits stdout into frames, strictly: headers are `Content-Length` (and optionally
/// `Content-Type`), bodies are JSON-RPC 2.0 objects.
pub fn read_frames(mut stdout: impl BufRead, sender: &mpsc::Sender<Output>) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match stdout.read_line(&mut line) {
                Ok(0) if length.is_none() => {
                    let _ = sender.send(Output::Closed);
                    return;
                }
                Ok(0) | Err(_) => {
                    let _ = sender.send(Output::Garbage(format!(
                        "stdout ended inside a header: {line:?}"
                    )));
                    return;
                }
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            let header = line.strip_suffix("\r\n").and_then(|l| l.split_once(": "));
            match header {
                Some(("Content-Length", n)) if n.parse::<usize>().is_ok() => {
                    length = n.parse().ok()
                }
                Some(("Content-Type", _)) => {}
                _ => {
                    let _ = sender.send(Output::Garbage(format!("bad header line {line:?}")));
                    return;
                }
            }
        }
        let Some(length) = length else {
            let _ = sender.send(Output::Garbage(
                "a message without Content-Length".to_string(),
            ));
            return;
        };
        let mut body = vec![0; length];
        if stdout.read_exact(&mut body).is_err() {
            let _ = sender.send(Output::Garbage(
                "stdout ended inside a message body".to_string(),
            ));
            return;
        }
        match serde_json::from_slice::<Value>(&body) {
            Ok(message) if message["jsonrpc"] == "2.0" => {
                let _ = sender.send(Output::Message(message));
            }
            _ => {
                let _ = sender.send(Output::Garbage(String::from_utf8_lossy(&body).into_owned()));
                return;
            }
        }
    }
}

pub fn position(line: u32, character: usize) -> Value {
    json!({ "line": line, "character": character })
}

pub fn range(start: Value, end: Value) -> Value {
    json!({ "start": start, "end": end })
}

/// The column of `needle` in `line`, counted in `encoding`'s units.
pub fn column(line: &str, needle: &str, encoding: &str) -> usize {
    let byte = line.find(needle).expect("needle in line");
    match encoding {
        "utf-8" => byte,
        _ => line[..byte].encode_utf16().count(),
    }
}

/// A temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "go-analyzer-lsp-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).expect("cannot create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A Go module (`example.com/m`, go 1.22) written to a temporary directory, and a server
/// initialized with it as the root (and `initialized` sent).
pub struct Module {
    pub server: Server,
    /// The `file:` URI of the module's directory.
    pub root: String,
    /// `initialize`'s response.
    pub initialize: Value,
    pub dir: TempDir,
}

impl Module {
    /// `files` are (name, text) pairs; `params` are merged into `initialize`'s parameters
    /// (`capabilities`, `initializationOptions`).
    pub fn start(name: &str, files: &[(&str, &str)], params: Value) -> Module {
        let dir = TempDir::new(name);
        std::fs::write(dir.0.join("go.mod"), "module example.com/m\n\ngo 1.22\n")
            .expect("cannot write go.mod");
        for (file, text) in files {
            std::fs::write(dir.0.join(file), text).expect("cannot write a module file");
        }
        let root = format!("file://{}", dir.0.display());
        let mut initialize = json!({ "processId": null, "rootUri": root, "capabilities": {} });
        if let (Some(to), Some(from)) = (initialize.as_object_mut(), params.as_object()) {
            to.extend(from.clone());
        }
        let mut server = Server::spawn();
        let response = server.request("initialize", initialize);
        assert!(response.get("result").is_some(), "initialize: {response}");
        server.notify("initialized", json!({}));
        Module {
            server,
            root,
            initialize: response,
            dir,
        }
    }

    /// The URI of the module's file `name`.
    pub fn uri(&self, name: &str) -> String {
        format!("{}/{name}", self.root)
    }

    /// The server capability `name` from `initialize`'s response.
    pub fn capability(&self, name: &str) -> &Value {
        &self.initialize["result"]["capabilities"][name]
    }
}
