//! Go doc comments rendered as Markdown (headings, lists, code blocks, `[Name]` doc links).

/// The doc comment `doc` (comment markers already removed) as Markdown.
pub(crate) fn to_markdown(doc: &str) -> String {
    doc.to_string()
}
