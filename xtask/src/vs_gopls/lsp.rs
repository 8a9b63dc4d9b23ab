//! A small LSP client over a server's stdio: JSON-RPC framing, one request at a time, and
//! polite answers to the requests a server sends back (configuration, progress, registration).
//!
//! Enough to drive gopls and go-analyzer the same way: no pipelining, so a request's time is
//! the server's time to answer it (plus a channel hop), which is what the latency bench wants.

use std::{
    io::{BufRead, BufReader, Write},
    path::Path,
    process::{Child, ChildStdin, Command, Stdio},
    sync::mpsc::{Receiver, RecvTimeoutError, channel},
    time::{Duration, Instant},
};

use serde_json::{Value, json};

/// What a request came back with.
#[derive(Clone, Debug)]
pub enum Reply {
    Result(Value),
    Error {
        code: i64,
        message: String,
    },
    /// No answer within the time given (the request is left to the server).
    Timeout,
    /// The server's stdout closed: it exited or crashed.
    Gone,
}

impl Reply {
    /// The message for a reply that is not a result.
    pub fn failure(&self) -> Option<String> {
        match self {
            Reply::Result(_) => None,
            Reply::Error { code, message } => Some(format!("error {code}: {message}")),
            Reply::Timeout => Some("timeout".into()),
            Reply::Gone => Some("server exited".into()),
        }
    }
}

/// The window over which a server counts as idle, and the CPU it may use in it (clock ticks,
/// 10 ms each on Linux): background work of a server shows up as tens of ticks a second.
const IDLE_WINDOW: Duration = Duration::from_secs(1);
const IDLE_TICKS: u64 = 3;

/// LSP's `ContentModified`: a write raced the request; asking again is the documented answer.
const CONTENT_MODIFIED: i64 = -32801;

pub struct Client {
    pub name: &'static str,
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// The `capabilities` of the server's `initialize` result.
    pub capabilities: Value,
}

impl Client {
    /// Starts `program` (stderr into `log`), and initializes it with `root` as the one
    /// workspace folder.
    pub fn start(
        name: &'static str,
        program: &Path,
        args: &[&str],
        root: &Path,
        log: &Path,
    ) -> Result<Client, String> {
        let stderr = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut child = Command::new(program)
            .args(args)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (send, incoming) = channel();
        // A thread reads, so that a server writing while we write never deadlocks the pipes.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            name,
            child,
            stdin,
            incoming,
            next_id: 0,
            capabilities: Value::Null,
        };
        let root_uri = file_uri(root);
        let params = json!({
            "processId": std::process::id(),
            "rootUri": root_uri,
            "workspaceFolders": [{ "uri": root_uri, "name": "src" }],
            "capabilities": {
                "general": { "positionEncodings": ["utf-16"] },
                "textDocument": {
                    // Markdown, so that both servers put the declaration in a ```go block.
                    "hover": { "contentFormat": ["markdown", "plaintext"] },
                    "definition": { "linkSupport": false },
                    "completion": { "completionItem": { "snippetSupport": false } },
                },
                "workspace": { "configuration": true, "workspaceFolders": true },
            },
        });
        match client.request("initialize", params, Duration::from_secs(60)) {
            Reply::Result(result) => client.capabilities = result["capabilities"].clone(),
            other => {
                return Err(format!(
                    "{name}: initialize failed: {}",
                    other.failure().unwrap_or_default()
                ));
            }
        }
        client.notify("initialized", json!({}))?;
        Ok(client)
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    }

    /// Sends a request and waits up to `timeout` for its answer, answering the server's own
    /// requests meanwhile. `ContentModified` is asked again, within the same time.
    pub fn request(&mut self, method: &str, params: Value, timeout: Duration) -> Reply {
        let deadline = Instant::now() + timeout;
        loop {
            let reply = self.request_once(method, params.clone(), deadline);
            match reply {
                Reply::Error { code, .. }
                    if code == CONTENT_MODIFIED && Instant::now() < deadline => {}
                other => return other,
            }
        }
    }

    fn request_once(&mut self, method: &str, params: Value, deadline: Instant) -> Reply {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        if self.send(&message).is_err() {
            return Reply::Gone;
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => return Reply::Timeout,
                Err(RecvTimeoutError::Disconnected) => return Reply::Gone,
            };
            if message.get("method").is_some() {
                self.answer_server(&message);
                continue;
            }
            if message.get("id").and_then(Value::as_i64) != Some(id) {
                // The answer to an earlier request that timed out.
                continue;
            }
            if let Some(error) = message.get("error") {
                return Reply::Error {
                    code: error["code"].as_i64().unwrap_or(0),
                    message: error["message"].as_str().unwrap_or("").to_string(),
                };
            }
            return Reply::Result(message.get("result").cloned().unwrap_or(Value::Null));
        }
    }

    /// A request or notification from the server: requests are answered (a server may wait
    /// for the answer before it goes on), notifications dropped.
    fn answer_server(&mut self, message: &Value) {
        if let (Some(method), Some(id)) = (message["method"].as_str(), message.get("id")) {
            let answer = answer_server_request(method, &message["params"]);
            let _ = self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": answer }));
        }
    }

    /// Waits, up to `max`, until the server process has used less than [`IDLE_TICKS`] of CPU
    /// over [`IDLE_WINDOW`], answering what it asks meanwhile: the work it starts by itself
    /// (diagnostics and analyses after a file opens) is then done, and does not land in the
    /// timings of requests. Returns whether it went idle.
    pub fn wait_idle(&mut self, max: Duration) -> bool {
        let deadline = Instant::now() + max;
        let mut window_start = (Instant::now(), self.cpu_ticks());
        while Instant::now() < deadline {
            match self.incoming.recv_timeout(Duration::from_millis(50)) {
                Ok(message) => self.answer_server(&message),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return false,
            }
            if window_start.0.elapsed() >= IDLE_WINDOW {
                let now = self.cpu_ticks();
                if let (Some(before), Some(after)) = (window_start.1, now)
                    && after.saturating_sub(before) < IDLE_TICKS
                {
                    return true;
                }
                window_start = (Instant::now(), now);
            }
        }
        false
    }

    /// User and system CPU time of the server process so far, in clock ticks (/proc, Linux).
    fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // The fields after the command name (which may hold spaces) in parentheses; utime and
        // stime are the 14th and 15th of the line.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        Some(utime + stime)
    }

    pub fn did_open(&mut self, path: &Path, text: &str) -> Result<(), String> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": file_uri(path), "languageId": "go", "version": 1, "text": text,
            }}),
        )
    }

    pub fn did_close(&mut self, path: &Path) -> Result<(), String> {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": file_uri(path) } }),
        )
    }

    /// The largest peak memory (`VmHWM`) of the server's process tree so far, in KB.
    pub fn peak_kb(&self) -> u64 {
        crate::bench::tree_peak_kb(self.child.id())
    }

    /// `shutdown` and `exit`; killed if it does not go within a few seconds.
    pub fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null, Duration::from_secs(10));
        let _ = self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("{}: {e}", self.name))
    }
}

/// A run that fails half-way leaves no server behind.
impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Answers for what servers ask a client: default settings for every `workspace/configuration`
/// item, and a plain acknowledgement for the rest (progress tokens, registrations).
fn answer_server_request(method: &str, params: &Value) -> Value {
    match method {
        "workspace/configuration" => {
            let items = params["items"].as_array().map_or(0, Vec::len);
            Value::Array(vec![json!({}); items])
        }
        "workspace/workspaceFolders" => Value::Null,
        _ => Value::Null,
    }
}

/// One message off the wire, or `None` at the end of the stream (or on garbage).
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `file://` and the path, with the bytes a URI may not carry percent-encoded.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~+".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The path of a `file://` URI, percent-decoded: both servers' answers compare as paths.
pub fn uri_path(uri: &str) -> String {
    let rest = uri.strip_prefix("file://").unwrap_or(uri);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
