//! File watching, in process: the server registers `workspace/didChangeWatchedFiles` for Go
//! files, go.mod, go.work and vendor/modules.txt when the client can register dynamically,
//! and the changes the client then reports reach the project model (seen through the
//! `goAnalyzer/package` request), while changes nobody reports do not.
//!
//! The server runs on its own thread and runtime, spoken to over in-memory pipes with
//! JSON-RPC; every wait has a timeout.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    to_server: DuplexStream,
    from_server: BufReader<DuplexStream>,
    next_id: i64,
    /// The `client/registerCapability` requests received, answered with success.
    registrations: Vec<Value>,
    server: Option<std::thread::JoinHandle<i32>>,
}

impl Client {
    fn start() -> Client {
        let (to_server, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, from_server) = tokio::io::duplex(1 << 20);
        let server = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(server::serve(server_in, server_out))
        });
        Client {
            to_server,
            from_server: BufReader::new(from_server),
            next_id: 1,
            registrations: Vec::new(),
            server: Some(server),
        }
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server
            .write_all(frame.as_bytes())
            .await
            .expect("write to the server");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    async fn receive(&mut self) -> Value {
        tokio::time::timeout(TIMEOUT, self.read_frame())
            .await
            .expect("the server answered in time")
    }

    async fn read_frame(&mut self) -> Value {
        let mut length = None;
        loop {
            let mut line = String::new();
            let n = self
                .from_server
                .read_line(&mut line)
                .await
                .expect("read a header");
            assert!(n > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.parse::<usize>().expect("a length"));
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        self.from_server
            .read_exact(&mut body)
            .await
            .expect("read a body");
        serde_json::from_slice(&body).expect("a JSON message")
    }

    /// Handles what the server sends on its own: answers its requests (registrations are
    /// recorded), drops notifications (logs, diagnostics). Returns a response to us.
    async fn next_response(&mut self) -> Value {
        loop {
            let message = self.receive().await;
            match (message.get("method"), message.get("id")) {
                (Some(method), Some(id)) => {
                    if method == "client/registerCapability" {
                        self.registrations.push(message["params"].clone());
                    }
                    let id = id.clone();
                    self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }))
                        .await;
                }
                (Some(_), None) => {}
                (None, _) => return message,
            }
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        let response = self.next_response().await;
        assert_eq!(response["id"], id, "{response}");
        response
    }

    async fn initialize(&mut self, root: &Path, capabilities: Value) {
        let response = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": [{ "uri": uri(root), "name": "w" }],
                    "capabilities": capabilities,
                }),
            )
            .await;
        assert!(response.get("result").is_some(), "{response}");
        self.notify("initialized", json!({})).await;
    }

    async fn package(&mut self, file: &Path) -> Value {
        let response = self
            .request(
                "goAnalyzer/package",
                json!({ "textDocument": { "uri": uri(file) } }),
            )
            .await;
        response
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("no package: {response}"))
    }

    async fn changed(&mut self, file: &Path, kind: u8) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(file), "type": kind }] }),
        )
        .await;
    }

    async fn stop(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("a server thread");
        drop(self);
        assert_eq!(server.join().expect("the server thread"), 0);
    }
}

const CREATED: u8 = 1;
const CHANGED: u8 = 2;

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A fresh module in a temporary directory, removed when dropped.
struct TempModule(PathBuf);

impl TempModule {
    fn new(name: &str) -> TempModule {
        let dir =
            std::env::temp_dir().join(format!("go-analyzer-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a")).expect("create the module");
        let module = TempModule(dir);
        module.write("go.mod", "module example.com/w\n\ngo 1.22\n");
        module.write("a/a.go", "package a\n\nfunc A() {}\n");
        module
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).expect("write a file");
    }
}

impl Drop for TempModule {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn watched_file_changes_reach_the_project_model() {
    let module = TempModule::new("dynamic");
    let mut client = Client::start();
    let capabilities = json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
    });
    client.initialize(&module.0, capabilities).await;

    let a = module.path("a/a.go");
    client
        .notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri(&a), "languageId": "go", "version": 1,
                "text": "package a\n\nfunc A() {}\n",
            }}),
        )
        .await;
    let package = client.package(&a).await;
    assert_eq!(package["ImportPath"], "example.com/w/a", "{package}");
    assert_eq!(strings(&package["GoFiles"]), ["a.go"]);
    assert_eq!(package["Module"]["Path"], "example.com/w");
    assert_eq!(package["BuildConfig"]["Default"], true);

    // The server asked to watch exactly the files that shape packages.
    let registration = &client.registrations[..];
    assert_eq!(registration.len(), 1, "{registration:?}");
    let registration = &registration[0]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert_eq!(
        globs,
        [
            "**/*.go",
            "**/go.mod",
            "**/go.work",
            "**/vendor/modules.txt"
        ]
    );

    // A file appears on disk: unreported, the analysis does not see it...
    module.write("a/b.go", "package a\n\nimport \"example.com/w/c\"\n");
    let package = client.package(&a).await;
    assert_eq!(strings(&package["GoFiles"]), ["a.go"], "{package}");
    // ...reported, it does.
    client.changed(&module.path("a/b.go"), CREATED).await;
    let package = client.package(&a).await;
    assert_eq!(strings(&package["GoFiles"]), ["a.go", "b.go"], "{package}");
    assert_eq!(strings(&package["Imports"]), ["example.com/w/c"]);
    assert_eq!(strings(&package["DepsErrors"]).len(), 1, "{package}");

    // A new directory with the imported package fixes the import.
    std::fs::create_dir_all(module.path("c")).expect("mkdir");
    module.write("c/c.go", "package c\n");
    client.changed(&module.path("c/c.go"), CREATED).await;
    let package = client.package(&a).await;
    assert_eq!(strings(&package["DepsErrors"]).len(), 0, "{package}");

    // go.mod changes the module path.
    module.write("go.mod", "module example.com/v\n\ngo 1.22\n");
    client.changed(&module.path("go.mod"), CHANGED).await;
    let package = client.package(&a).await;
    assert_eq!(package["ImportPath"], "example.com/v/a", "{package}");

    // A file the host's configuration excludes, not even open, gets its package too.
    module.write("a/a_windows.go", "package a\n");
    module.write("a/a_linux.go", "package a\n");
    module.write("a/a_darwin.go", "package a\n");
    client
        .changed(&module.path("a/a_windows.go"), CREATED)
        .await;
    let host_goos = package["BuildConfig"]["GOOS"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let other = if host_goos == "windows" {
        "a/a_linux.go"
    } else {
        "a/a_windows.go"
    };
    let excluded = client.package(&module.path(other)).await;
    assert_eq!(excluded["BuildConfig"]["Default"], false, "{excluded}");
    assert_ne!(excluded["BuildConfig"]["GOOS"], host_goos.as_str());
    assert!(
        strings(&excluded["GoFiles"]).contains(&other.trim_start_matches("a/")),
        "{excluded}"
    );

    client.stop().await;
}

#[tokio::test]
async fn no_registration_without_dynamic_registration() {
    let module = TempModule::new("static");
    let mut client = Client::start();
    client.initialize(&module.0, json!({})).await;
    // The request is answered after `initialized` was handled; a registration would have
    // been sent by then.
    let package = client.package(&module.path("a/a.go")).await;
    assert_eq!(package["ImportPath"], "example.com/w/a", "{package}");
    assert!(
        client.registrations.is_empty(),
        "{:?}",
        client.registrations
    );
    client.stop().await;
}
