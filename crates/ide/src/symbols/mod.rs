//! Symbols: the outline of one file (`document`) and a fuzzy search over the package-level
//! declarations of the workspace and the standard library (`workspace`, over a per-file
//! index in `index`, ranked by `fuzzy`).
//!
//! Names, kinds and details follow gopls, which Go users' editors show today: a method is
//! listed at top level as `(*T).M` in the outline and as `T.M` in the workspace index; a
//! type's kind says what its definition is syntactically (struct, interface, function,
//! otherwise "class"); details are the type or signature as written.

mod document;
mod fuzzy;
mod index;
mod workspace;

use syntax::TextRange;

pub(crate) use document::document_symbols;
pub(crate) use workspace::workspace_symbols;

use crate::FileId;

/// The LSP symbol kinds Go declarations map to, as gopls maps them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SymbolKind {
    Function,
    Method,
    Struct,
    Interface,
    /// A defined type that is neither a struct, an interface nor a function type.
    Class,
    Field,
    Constant,
    Variable,
}

/// One entry of a file's outline.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DocumentSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The type or signature, as written (whitespace and comments folded away).
    pub detail: Option<String>,
    /// The whole declaration.
    pub range: TextRange,
    /// The name.
    pub selection_range: TextRange,
    /// A struct's fields, an interface's methods and embedded types.
    pub children: Vec<DocumentSymbol>,
}

/// A match of a workspace symbol search.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WorkspaceSymbol {
    /// `Name`, `Type.Method`, `Type.Field`.
    pub name: String,
    pub kind: SymbolKind,
    pub file: FileId,
    /// The name's range.
    pub range: TextRange,
    /// The package's import path.
    pub container: String,
}

/// The source text of `range` on one line: comments dropped, each run of whitespace one
/// space, none just inside brackets, and no trailing comma before a closing bracket, so a
/// signature written over several lines reads as gofmt would print it on one.
pub(crate) fn one_line(text: &str, range: TextRange) -> String {
    let src = text.get(range.as_usize()).unwrap_or("");
    let bytes = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Literals are copied as they are: a tag or string may hold `//` or spaces.
        let literal_end = match b {
            b'"' | b'\'' => Some(quoted_end(bytes, i, b)),
            b'`' => Some(
                bytes[i + 1..]
                    .iter()
                    .position(|&c| c == b'`')
                    .map_or(bytes.len(), |p| i + p + 2),
            ),
            _ => None,
        };
        if let Some(end) = literal_end {
            if space && !out.is_empty() && !out.ends_with(['(', '[', '{']) {
                out.push(' ');
            }
            space = false;
            out.push_str(&src[i..end]);
            i = end;
            continue;
        }
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(bytes.len(), |p| i + p);
            space = true;
            continue;
        }
        if src[i..].starts_with("/*") {
            i = src[i + 2..].find("*/").map_or(bytes.len(), |p| i + p + 4);
            space = true;
            continue;
        }
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if matches!(b, b')' | b']' | b'}') {
            // `a int,\n)`: the comma gofmt adds for a line break has no place on one line.
            if out.ends_with(',') {
                out.pop();
            }
            space = false;
        }
        if space && !out.is_empty() && !out.ends_with(['(', '[', '{']) {
            out.push(' ');
        }
        space = false;
        let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&src[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// The end of a `"` or `'` literal starting at `start` (after its closing quote; the end of
/// the line if it has none).
fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(src: &str) -> String {
        one_line(src, TextRange::new(0, src.len() as u32))
    }

    #[test]
    fn multi_line_signatures_read_as_one_line() {
        assert_eq!(
            line("func(\n\ta int, // the a\n\tb string,\n) (n int, err error)"),
            "func(a int, b string) (n int, err error)"
        );
        assert_eq!(line("map[string]   []int"), "map[string] []int");
        assert_eq!(
            line("struct{ a int `json:\"a // b\"` }"),
            "struct{a int `json:\"a // b\"`}"
        );
    }
}
