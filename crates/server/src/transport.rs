//! The guard between stdin and tower-lsp: only messages tower-lsp can decode get through.
//!
//! Why it exists: tower-lsp 0.23 answers an undecodable message (bad JSON, bad UTF-8, a
//! missing `Content-Length`, an unexpected `Content-Type`) with an error and then stops
//! reading, so one bad message would end the session (tokio-util's `FramedRead` ends its
//! stream after a decoder error). The guard frames messages itself and passes valid ones on
//! unchanged; an invalid one is replaced by a request for [`INVALID_MESSAGE_METHOD`], which the
//! backend answers with the JSON-RPC error describing it (`-32700` parse error, `-32600`
//! invalid request), with the message's `id` when one can be read, else `null`.
//!
//! It also reports text-synchronization notifications whose parameters do not decode (an
//! invalid URI, say), which tower-lsp would drop without a word, and drops them itself.

use serde::de::DeserializeOwned;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::{
    Client,
    jsonrpc::{ErrorCode, Request, Response},
    ls_types::{
        DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
        DidSaveTextDocumentParams, MessageType,
    },
};

use crate::handlers::INVALID_MESSAGE_METHOD;

/// Larger messages are refused: offsets are `u32`, and a runaway length must not make us
/// buffer without end.
const MAX_MESSAGE_LEN: usize = 1 << 30;
/// A header block this long without its blank line is garbage, not a header.
const MAX_HEADER_LEN: usize = 64 * 1024;

/// Copies messages from `input` to `output` until `input` ends (then `output` is closed, which
/// tells tower-lsp the session is over) or `output` is closed.
pub(crate) async fn guard_incoming(
    mut input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    client: Client,
) {
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    loop {
        let frame = match next_frame(&mut input, &mut buf).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(err) => {
                tracing::error!("cannot read stdin: {err}");
                break;
            }
        };
        let forward = match frame {
            Frame::Message(body) => match check_message(&body) {
                Verdict::Pass => Some(body),
                Verdict::Reject(rejection) => Some(rejection.into_request()),
                Verdict::Drop(why) => {
                    tracing::warn!("{why}");
                    client.log_message(MessageType::WARNING, why).await;
                    None
                }
            },
            Frame::BadHeader(why) => Some(
                Rejection {
                    code: ErrorCode::ParseError,
                    message: why,
                    id: serde_json::Value::Null,
                }
                .into_request(),
            ),
        };
        let Some(body) = forward else { continue };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if written.await.is_err() {
            // tower-lsp stopped reading (after `exit`): nothing more to do.
            break;
        }
    }
    let _ = output.shutdown().await;
}

enum Frame {
    Message(Vec<u8>),
    BadHeader(String),
}

/// The next frame in `input`, or `None` at its end. `buf` holds bytes read but not yet framed.
async fn next_frame(
    input: &mut (impl AsyncRead + Unpin),
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<Frame>> {
    let header_end = loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEADER_LEN {
            let why = "no end of headers in the first 64 KiB".to_string();
            skip_garbage(buf, buf.len());
            return Ok(Some(Frame::BadHeader(why)));
        }
        if input.read_buf(buf).await? == 0 {
            if !buf.iter().all(u8::is_ascii_whitespace) {
                tracing::warn!(
                    "stdin ended inside a message header; {} bytes ignored",
                    buf.len()
                );
            }
            return Ok(None);
        }
    };
    let len = match content_length(&buf[..header_end]) {
        Ok(len) => len,
        Err(why) => {
            skip_garbage(buf, header_end + 4);
            return Ok(Some(Frame::BadHeader(why)));
        }
    };
    let total = header_end + 4 + len;
    while buf.len() < total {
        buf.reserve(total - buf.len());
        if input.read_buf(buf).await? == 0 {
            tracing::warn!(
                "stdin ended inside a message body; {} bytes ignored",
                buf.len()
            );
            return Ok(None);
        }
    }
    let body = buf[header_end + 4..total].to_vec();
    buf.drain(..total);
    Ok(Some(Frame::Message(body)))
}

/// Drops bytes that cannot start a message: up to the next `Content-Length` that is not at the
/// very start (where it has just failed), but no further than `limit`.
fn skip_garbage(buf: &mut Vec<u8>, limit: usize) {
    let next = buf
        .get(1..)
        .and_then(|rest| find(rest, b"Content-Length"))
        .map(|at| at + 1);
    let skip = next.map_or(limit, |next| next.min(limit));
    buf.drain(..skip.min(buf.len()));
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The `Content-Length` of a header block. Other headers are ignored: the only other one the
/// LSP defines is `Content-Type`, and we read UTF-8 whatever it says.
fn content_length(headers: &[u8]) -> Result<usize, String> {
    let headers =
        std::str::from_utf8(headers).map_err(|_| "message headers are not UTF-8".to_string())?;
    let mut len = None;
    for line in headers.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("malformed message header {:?}", clip(line)));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            let parsed = value
                .parse::<usize>()
                .map_err(|_| format!("invalid Content-Length {:?}", clip(value)))?;
            len = Some(parsed);
        }
    }
    match len {
        Some(len) if len > MAX_MESSAGE_LEN => Err(format!("message of {len} bytes is too large")),
        Some(len) => Ok(len),
        None => Err("message without a Content-Length header".to_string()),
    }
}

/// At most the first 80 characters of `text`, for quoting the client's bytes in messages.
fn clip(text: &str) -> &str {
    text.char_indices()
        .nth(80)
        .map_or(text, |(end, _)| &text[..end])
}

enum Verdict {
    Pass,
    Reject(Rejection),
    Drop(String),
}

/// Why a message is refused, in JSON-RPC terms.
struct Rejection {
    code: ErrorCode,
    message: String,
    id: serde_json::Value,
}

impl Rejection {
    /// The request that makes the backend answer with this error.
    fn into_request(self) -> Vec<u8> {
        let request = serde_json::json!({
            "jsonrpc": "2.0",
            "id": self.id,
            "method": INVALID_MESSAGE_METHOD,
            "params": { "code": self.code.code(), "message": self.message },
        });
        request.to_string().into_bytes()
    }
}

/// Decides a message's fate by decoding it as tower-lsp will (UTF-8, then JSON, then a request
/// or a response).
fn check_message(body: &[u8]) -> Verdict {
    let Ok(text) = std::str::from_utf8(body) else {
        return Verdict::Reject(Rejection {
            code: ErrorCode::ParseError,
            message: "message is not valid UTF-8".to_string(),
            id: serde_json::Value::Null,
        });
    };
    if let Ok(request) = serde_json::from_str::<Request>(text) {
        return check_params(&request).map_or(Verdict::Pass, Verdict::Drop);
    }
    if serde_json::from_str::<Response>(text).is_ok() {
        return Verdict::Pass;
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(err) => Verdict::Reject(Rejection {
            code: ErrorCode::ParseError,
            message: format!("message is not valid JSON: {err}"),
            id: serde_json::Value::Null,
        }),
        Ok(value) => {
            // Answer with the sender's id when it has a usable one, so its request completes.
            let id = match value.get("id") {
                Some(id) if id.is_i64() || id.is_string() => id.clone(),
                _ => serde_json::Value::Null,
            };
            Verdict::Reject(Rejection {
                code: ErrorCode::InvalidRequest,
                message: "message is not a JSON-RPC 2.0 request, notification or response"
                    .to_string(),
                id,
            })
        }
    }
}

/// For the notifications tower-lsp would drop silently when their parameters do not decode:
/// why they do not.
fn check_params(request: &Request) -> Option<String> {
    fn decodes<P: DeserializeOwned>(params: Option<&serde_json::Value>) -> Result<(), String> {
        let params = params.ok_or("no params")?;
        P::deserialize(params)
            .map(drop)
            .map_err(|err| err.to_string())
    }
    if request.id().is_some() {
        return None;
    }
    let params = request.params();
    let checked = match request.method() {
        "textDocument/didOpen" => decodes::<DidOpenTextDocumentParams>(params),
        "textDocument/didChange" => decodes::<DidChangeTextDocumentParams>(params),
        "textDocument/didClose" => decodes::<DidCloseTextDocumentParams>(params),
        "textDocument/didSave" => decodes::<DidSaveTextDocumentParams>(params),
        _ => Ok(()),
    };
    checked
        .err()
        .map(|why| format!("ignoring {}: invalid params: {why}", request.method()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_length_is_required_and_bounded() {
        assert_eq!(content_length(b"Content-Length: 12"), Ok(12));
        assert_eq!(
            content_length(b"content-length:7\r\nContent-Type: application/json"),
            Ok(7)
        );
        assert!(content_length(b"Content-Type: x").is_err());
        assert!(content_length(b"Content-Length: -1").is_err());
        assert!(content_length(b"garbage").is_err());
        assert!(
            content_length(format!("Content-Length: {}", MAX_MESSAGE_LEN + 1).as_bytes()).is_err()
        );
    }

    #[test]
    fn verdicts_follow_what_tower_lsp_can_decode() {
        let pass = |s: &str| matches!(check_message(s.as_bytes()), Verdict::Pass);
        assert!(pass(
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
        ));
        assert!(pass(r#"{"jsonrpc":"2.0","id":1,"result":null}"#));
        assert!(pass(r#"{"jsonrpc":"2.0","method":"unknown/notification"}"#));
        let rejected = |s: &[u8]| match check_message(s) {
            Verdict::Reject(r) => Some((r.code, r.id)),
            _ => None,
        };
        assert_eq!(
            rejected(b"{not json"),
            Some((ErrorCode::ParseError, serde_json::Value::Null))
        );
        assert_eq!(
            rejected(b"\"\xff\""),
            Some((ErrorCode::ParseError, serde_json::Value::Null))
        );
        assert_eq!(
            rejected(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
            Some((ErrorCode::InvalidRequest, 7.into()))
        );
        assert_eq!(
            rejected(b"[]"),
            Some((ErrorCode::InvalidRequest, serde_json::Value::Null))
        );
        let dropped = |s: &str| matches!(check_message(s.as_bytes()), Verdict::Drop(_));
        assert!(dropped(
            r#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"::"}}}"#
        ));
        assert!(dropped(
            r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#
        ));
    }

    #[test]
    fn garbage_is_skipped_up_to_the_next_message() {
        let mut buf = b"Content-Lengthxx\r\n\r\nContent-Length: 2\r\n\r\n{}".to_vec();
        skip_garbage(&mut buf, 20);
        assert_eq!(buf, b"Content-Length: 2\r\n\r\n{}");
        let mut buf = b"junk\r\n\r\nmore".to_vec();
        skip_garbage(&mut buf, 8);
        assert_eq!(buf, b"more");
    }
}
