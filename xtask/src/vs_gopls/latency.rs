//! Hover and completion latency in net/http/server.go, both servers in the same run: DESIGN.md's
//! editing target (p95 under 20 ms). A benchmark, reported and never asserted.
//!
//! Each server gets the file open and warm (the package loaded, a few requests answered at
//! other positions); then, one server at a time, both are left alone until neither uses CPU
//! (so that work either started on opening the file, diagnostics and analyses, does not land
//! in the figures), and the timed requests go one at a time: the time from writing a request
//! to reading its answer. Hover at each sampled identifier; completion just after each
//! identifier's first character, as if it had just been typed (for a selector, member
//! completion with a one-letter prefix), only for a server that advertises
//! `completionProvider`.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use serde::Serialize;
use serde_json::{Value, json};

use super::lsp::{Client, Reply, file_uri};
use super::sample::Sample;

/// How many of the slowest requests a report names.
const SLOWEST: usize = 5;

/// Time given to any timed request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest wait for the servers to go idle before the timed requests.
const IDLE_MAX: Duration = Duration::from_secs(120);

#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub requests: usize,
    /// Requests that came back with an error or timed out (not in the percentiles).
    pub failures: usize,
    /// Requests answered with an empty result (in the percentiles).
    pub empty: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The slowest requests' positions (line:column, 1-based) and times, slowest first.
    pub slowest: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Latency {
    pub server: &'static str,
    /// Whether both servers went idle before the timed requests (else they were timed after
    /// [`IDLE_MAX`] anyway).
    pub idle: bool,
    pub hover: Option<Stats>,
    /// `None`: the server does not advertise completion.
    pub completion: Option<Stats>,
}

/// Opens `file` in `client` and asks hover at `warm` (positions that are not timed, so that
/// nothing a server may remember of a position helps the timed requests), and completion
/// there if the server completes. The first answer waits for the package to load: it is
/// asked again while it is an error, up to `wait`.
pub fn warm_up(
    client: &mut Client,
    file: &Path,
    text: &str,
    warm: &[Sample],
    wait: Duration,
) -> Result<(), String> {
    client.did_open(file, text)?;
    let deadline = Instant::now() + wait;
    for s in warm {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match client.request("textDocument/hover", hover_at(file, s), left) {
                Reply::Error { .. } if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(500))
                }
                Reply::Gone => return Err(format!("{} exited", client.name)),
                _ => break,
            }
        }
        if completes(client) {
            client.request(
                "textDocument/completion",
                complete_at(file, s),
                REQUEST_TIMEOUT,
            );
        }
    }
    Ok(())
}

/// Times hover and completion of `client` at `positions` in `file` (opened and warmed up),
/// once it and `other` are idle.
pub fn measure(
    client: &mut Client,
    other: &mut Client,
    file: &Path,
    positions: &[Sample],
) -> Latency {
    let idle = other.wait_idle(IDLE_MAX) & client.wait_idle(IDLE_MAX);
    let hover = time(client, "textDocument/hover", file, positions, hover_at);
    let completion = completes(client).then(|| {
        time(
            client,
            "textDocument/completion",
            file,
            positions,
            complete_at,
        )
    });
    Latency {
        server: client.name,
        idle,
        hover: Some(hover),
        completion,
    }
}

fn completes(client: &Client) -> bool {
    !client.capabilities["completionProvider"].is_null()
}

fn hover_at(file: &Path, s: &Sample) -> Value {
    params(file, s.line, s.character)
}

/// One past the identifier's first character (all of std's identifiers start in the BMP).
fn complete_at(file: &Path, s: &Sample) -> Value {
    let mut p = params(file, s.line, s.character + 1);
    p["context"] = json!({ "triggerKind": 1 });
    p
}

fn params(file: &Path, line: u32, character: u32) -> Value {
    json!({
        "textDocument": { "uri": file_uri(file) },
        "position": { "line": line, "character": character },
    })
}

/// Times `method` at each position, one request at a time.
fn time<'a>(
    client: &mut Client,
    method: &str,
    file: &Path,
    positions: &'a [Sample],
    params: impl Fn(&Path, &Sample) -> Value,
) -> Stats {
    let mut times: Vec<(f64, &'a Sample)> = Vec::new();
    let mut failures = 0;
    let mut empty = 0;
    for s in positions {
        let start = Instant::now();
        let reply = client.request(method, params(file, s), REQUEST_TIMEOUT);
        let took = start.elapsed();
        match reply {
            Reply::Result(value) => {
                if is_empty(&value) {
                    empty += 1;
                }
                times.push((took.as_secs_f64() * 1000.0, s));
            }
            _ => failures += 1,
        }
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let ms: Vec<f64> = times.iter().map(|t| t.0).collect();
    Stats {
        requests: times.len() + failures,
        failures,
        empty,
        p50_ms: percentile(&ms, 0.50),
        p95_ms: percentile(&ms, 0.95),
        max_ms: ms.last().copied().unwrap_or(0.0),
        slowest: times
            .iter()
            .rev()
            .take(SLOWEST)
            .map(|(ms, s)| {
                format!(
                    "{}:{} `{}`: {ms:.1} ms",
                    s.line + 1,
                    s.character + 1,
                    s.name
                )
            })
            .collect(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        // A CompletionList.
        Value::Object(o) => o
            .get("items")
            .is_some_and(|items| items.as_array().is_none_or(Vec::is_empty)),
        _ => false,
    }
}

/// Nearest rank: the smallest time with at least `p` of the times at or below it.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    #[test]
    fn nearest_rank_percentiles() {
        let times: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(super::percentile(&times, 0.50), 10.0);
        assert_eq!(super::percentile(&times, 0.95), 19.0);
        assert_eq!(super::percentile(&[], 0.95), 0.0);
    }
}
