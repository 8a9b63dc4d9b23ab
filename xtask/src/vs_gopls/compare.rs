//! What is compared, exactly.
//!
//! - Hover: the *signature line*: the first line of the first ```` ```go ```` code block of the
//!   hover's Markdown, with runs of whitespace made one space and the ends trimmed. gopls
//!   appends layout notes to declarations as a trailing line comment (`// size=24 (0x18)`,
//!   `// size=8 (0x8), offset=16`); a trailing comment that starts `// size=` or `// offset=`
//!   is dropped first, since it is gopls' annotation, not the declaration. Nothing else is
//!   normalized: a different spelling of the same type is a mismatch.
//! - Definition: the first location of each answer, as (path, line, UTF-16 character) of its
//!   start; URIs are compared as percent-decoded paths.
//!
//! Two empty answers (no hover, no location) agree, and are counted apart as *both empty*.

use serde::Serialize;
use serde_json::Value;

use super::lsp::{Reply, uri_path};

/// One server's answer at one position, reduced to what is compared (and kept for reports).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Answer {
    /// The normalized signature line; `None` when there is no hover or no go code block.
    pub signature: Option<String>,
    /// The whole hover text, for reports.
    pub hover: Option<String>,
    /// `path:line:character` (zero-based, as LSP), of the first location.
    pub definition: Option<String>,
    /// A request that failed (error, timeout): says which and why.
    pub failure: Option<String>,
}

impl Answer {
    pub fn from_replies(hover: &Reply, definition: &Reply) -> Answer {
        let mut answer = Answer::default();
        let mut failures = Vec::new();
        match hover {
            Reply::Result(value) => {
                answer.hover = hover_text(value);
                answer.signature = answer.hover.as_deref().and_then(signature_line);
            }
            other => failures.push(format!("hover: {}", other.failure().unwrap_or_default())),
        }
        match definition {
            Reply::Result(value) => answer.definition = first_location(value),
            other => failures.push(format!(
                "definition: {}",
                other.failure().unwrap_or_default()
            )),
        }
        if !failures.is_empty() {
            answer.failure = Some(failures.join("; "));
        }
        answer
    }
}

/// How one side compared with gopls, for one request kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Equal,
    BothEmpty,
    /// We answered nothing where gopls answered.
    OursEmpty,
    /// gopls answered nothing where we answered.
    GoplsEmpty,
    /// Both answered, differently (for definitions: in another file).
    Differs,
    /// Definitions only: the same file, another position.
    SameFileOtherPosition,
}

impl Verdict {
    pub fn agrees(self) -> bool {
        matches!(self, Verdict::Equal | Verdict::BothEmpty)
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Equal => "equal",
            Verdict::BothEmpty => "both empty",
            Verdict::OursEmpty => "ours empty",
            Verdict::GoplsEmpty => "gopls empty",
            Verdict::Differs => "differs",
            Verdict::SameFileOtherPosition => "same file, other position",
        }
    }
}

pub fn hover_verdict(gopls: &Answer, ours: &Answer) -> Verdict {
    verdict(gopls.signature.as_deref(), ours.signature.as_deref(), false)
}

pub fn definition_verdict(gopls: &Answer, ours: &Answer) -> Verdict {
    verdict(
        gopls.definition.as_deref(),
        ours.definition.as_deref(),
        true,
    )
}

fn verdict(gopls: Option<&str>, ours: Option<&str>, location: bool) -> Verdict {
    match (gopls, ours) {
        (None, None) => Verdict::BothEmpty,
        (Some(_), None) => Verdict::OursEmpty,
        (None, Some(_)) => Verdict::GoplsEmpty,
        (Some(a), Some(b)) if a == b => Verdict::Equal,
        (Some(a), Some(b)) if location && a.rsplitn(3, ':').last() == b.rsplitn(3, ':').last() => {
            Verdict::SameFileOtherPosition
        }
        _ => Verdict::Differs,
    }
}

/// The Markdown (or plain text) of a hover result; `None` for a null result or empty text.
fn hover_text(value: &Value) -> Option<String> {
    let contents = value.get("contents")?;
    let text = match contents {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(marked_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => marked_string(other),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A `MarkupContent`, a plain `MarkedString`, or a `{ language, value }` one (made a code
/// block, as a client would render it).
fn marked_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(o) => {
            let text = o.get("value").and_then(Value::as_str).unwrap_or("");
            match o.get("language").and_then(Value::as_str) {
                Some(language) => format!("```{language}\n{text}\n```"),
                None => text.to_string(),
            }
        }
        _ => String::new(),
    }
}

/// The first line of the first ```go block, normalized (see the module's doc).
pub fn signature_line(markdown: &str) -> Option<String> {
    let mut lines = markdown.lines();
    lines.find(|l| l.trim() == "```go")?;
    let first = lines.next().filter(|l| l.trim() != "```")?;
    let mut line = first;
    if let Some(at) = first.rfind("//") {
        let comment = first[at + 2..].trim_start();
        if comment.starts_with("size=") || comment.starts_with("offset=") {
            line = &first[..at];
        }
    }
    let normalized = line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!normalized.is_empty()).then_some(normalized)
}

/// The first location of a definition result (`Location`, `Location[]` or `LocationLink[]`).
fn first_location(value: &Value) -> Option<String> {
    let first = match value {
        Value::Array(items) => items.first()?,
        Value::Object(_) => value,
        _ => return None,
    };
    let (uri, range) = match first.get("targetUri") {
        Some(uri) => (uri, first.get("targetSelectionRange")?),
        None => (first.get("uri")?, first.get("range")?),
    };
    let start = &range["start"];
    Some(format!(
        "{}:{}:{}",
        uri_path(uri.as_str()?),
        start["line"].as_u64()?,
        start["character"].as_u64()?
    ))
}

#[cfg(test)]
mod tests {
    use super::signature_line;

    #[test]
    fn signature_line_is_the_first_line_of_the_go_block() {
        let md = "```go\nfunc  (s *Server)\tClose() error\n```\n\ndoc";
        assert_eq!(
            signature_line(md).as_deref(),
            Some("func (s *Server) Close() error")
        );
        let md = "```go\ntype Cond struct { // size=48 (0x30)\n\tL Locker\n}\n```";
        assert_eq!(signature_line(md).as_deref(), Some("type Cond struct {"));
        let md = "```go\nvar s string // a comment\n```";
        assert_eq!(
            signature_line(md).as_deref(),
            Some("var s string // a comment")
        );
        assert_eq!(signature_line("no code"), None);
    }
}
