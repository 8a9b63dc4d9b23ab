//! Where the cursor is, as the text tells it: inside a comment or a string (no completion),
//! the identifier being typed, a `.` before it (members), a keyword before it (labels), the
//! start of a statement or declaration (keywords), and the brackets still open (what a patched
//! body must close). A scanner rather than the syntax tree, because it must hold up in text
//! the parser cannot make sense of: the usual state of code being typed.

use syntax::TextRange;

/// What a token scan up to the cursor found.
#[derive(Debug, Default)]
pub(crate) struct Lexical {
    /// The identifier being typed: from its start to the cursor (empty when none is).
    pub(crate) prefix: TextRange,
    /// The offset of a `.` right before the prefix (spaces allowed between), for `x.f`.
    pub(crate) dot: Option<u32>,
    /// The name right before the `.`, when the selector's base is a plain name (`fmt.`),
    /// with its range.
    pub(crate) base_name: Option<(String, TextRange)>,
    /// The keyword right before the prefix, if any (`break`, `goto`, `return`...).
    pub(crate) keyword_before: Option<String>,
    /// The last token before the prefix (a keyword, name or operator), for position tests.
    pub(crate) token_before: Option<String>,
    /// The prefix is the first token of its line, or follows `;` or a `case ...:`.
    pub(crate) line_start: bool,
    /// The brackets open at the cursor, outermost first: the bracket and its offset.
    pub(crate) open: Vec<(u8, u32)>,
}

/// The lexical state at `offset`, or `None` inside a comment, a string or a rune literal (and
/// past the end of the text, or off a character boundary).
pub(crate) fn lexical(text: &str, offset: u32) -> Option<Lexical> {
    let offset = offset as usize;
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut open: Vec<(u8, u32)> = Vec::new();
    // Tokens are only needed near the cursor: keep the last few.
    let mut last: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < offset {
        let c = bytes[i];
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if offset <= end {
                    return None;
                }
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map(|n| i + 2 + n + 2);
                match end {
                    Some(end) if end <= offset => i = end,
                    _ => return None,
                }
            }
            b'"' | b'\'' | b'`' => {
                let end = literal_end(bytes, i);
                match end {
                    Some(end) if end <= offset => {
                        push_token(&mut last, i, end);
                        i = end;
                    }
                    _ => return None,
                }
            }
            b'(' | b'[' | b'{' => {
                open.push((c, i as u32));
                push_token(&mut last, i, i + 1);
                i += 1;
            }
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                // Unbalanced text: pop up to the matching opener if there is one.
                if let Some(at) = open.iter().rposition(|&(o, _)| o == want) {
                    open.truncate(at);
                }
                push_token(&mut last, i, i + 1);
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ if is_ident_byte(c) => {
                let start = i;
                while i < bytes.len() && is_ident_byte(bytes[i]) {
                    i += 1;
                }
                // The cursor inside an identifier: the prefix ends at the cursor.
                push_token(&mut last, start, i.min(offset));
                if i > offset {
                    break;
                }
            }
            _ => {
                push_token(&mut last, i, i + 1);
                i += 1;
            }
        }
    }
    let mut out = Lexical {
        prefix: TextRange::new(offset as u32, offset as u32),
        open,
        ..Lexical::default()
    };
    // The identifier being typed ends at the cursor.
    let mut before = last.len();
    if let Some(&(start, end)) = last.last()
        && end == offset
        && is_ident_start(&text[start..end])
        && !is_keyword(&text[start..end])
    {
        out.prefix = TextRange::new(start as u32, end as u32);
        before -= 1;
    }
    if before > 0 {
        let (start, end) = last[before - 1];
        let token = &text[start..end];
        out.token_before = Some(token.to_string());
        if is_keyword(token) {
            out.keyword_before = Some(token.to_string());
        }
        if token == "." {
            out.dot = Some(start as u32);
        }
    }
    if let Some(dot) = out.dot {
        out.base_name = name_before(text, dot as usize);
    }
    let line_begin = text[..out.prefix.start as usize]
        .rfind('\n')
        .map_or(0, |n| n + 1);
    let blank_before = text[line_begin..out.prefix.start as usize]
        .trim()
        .is_empty();
    // After a `{` on the same line is a composite literal's element (`T{|`) more often than a
    // statement (blocks break their line), so only `;` and a clause's `:` count.
    out.line_start = blank_before
        || out.token_before.as_deref() == Some(";")
        || (out.token_before.as_deref() == Some(":") && line_has_case(text, line_begin));
    Some(out)
}

/// Keeps the last three tokens (start, end) seen.
fn push_token(last: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    if last.len() == 3 {
        last.remove(0);
    }
    last.push((start, end));
}

/// The end of the string, raw string or rune literal starting at `start`; `None` when it
/// does not end (on its line, for the interpreted ones).
fn literal_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote != b'`' => i += 2,
            b'\n' if quote != b'`' => return None,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Whether the line starting at `line_begin` is a `case`/`default` clause's head.
fn line_has_case(text: &str, line_begin: usize) -> bool {
    let line = text[line_begin..].trim_start();
    line.starts_with("case ") || line.starts_with("default")
}

/// The identifier that ends right before the `.` at `dot` (spaces allowed between), unless
/// it is itself the end of a longer selector or call (`a.b.`): then the base is not a name.
fn name_before(text: &str, dot: usize) -> Option<(String, TextRange)> {
    let head = text[..dot].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c == '_' || c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let name = &head[start..];
    if !is_ident_start(name) || is_keyword(name) {
        return None;
    }
    if head[..start].trim_end().ends_with('.') {
        return None;
    }
    Some((
        name.to_string(),
        TextRange::new(start as u32, head.len() as u32),
    ))
}

fn is_ident_byte(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80
}

/// Whether `s` starts like an identifier (not a number).
pub(crate) fn is_ident_start(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_alphabetic())
}

pub(crate) const KEYWORDS: [&str; 25] = [
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The text of the line holding `offset`, without its indentation.
pub(crate) fn line_of(text: &str, offset: u32) -> &str {
    let offset = (offset as usize).min(text.len());
    let begin = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    text[begin..end].trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<Lexical> {
        let offset = text.find("$0").expect("cursor") as u32;
        lexical(&text.replace("$0", ""), offset)
    }

    #[test]
    fn comments_and_strings_have_no_completion() {
        assert!(at("package a // x$0").is_none());
        assert!(at("package a /* x$0 */").is_none());
        assert!(at("var s = \"ab$0c\"").is_none());
        assert!(at("var s = `a\nb$0`").is_none());
        assert!(at("var s = \"abc\"$0").is_some());
        assert!(at("// c\nvar x = y$0").is_some());
    }

    #[test]
    fn prefix_dot_and_base() {
        let l = at("func f() {\n\tfmt.Pri$0\n}").expect("code");
        assert_eq!(l.prefix, TextRange::new(16, 19));
        assert_eq!(l.dot, Some(15));
        assert_eq!(l.base_name.map(|b| b.0).as_deref(), Some("fmt"));
        let l = at("func f() {\n\ta.b.$0").expect("code");
        assert!(l.dot.is_some() && l.base_name.is_none());
        assert_eq!(l.open, vec![(b'{', 9)]);
    }

    #[test]
    fn keywords_and_line_starts() {
        let l = at("func f() {\n\tfor {\n\t\tbreak L$0").expect("code");
        assert_eq!(l.keyword_before.as_deref(), Some("break"));
        assert!(!l.line_start);
        let l = at("func f() {\n\tre$0").expect("code");
        assert!(l.line_start);
        let l = at("switch x {\ncase 1: f$0").expect("code");
        assert!(l.line_start);
    }
}
