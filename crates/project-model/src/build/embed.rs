//! `//go:embed` directive comments: their patterns, split as go/build splits them
//! (`ast.ParseDirective` and `Directive.ParseArgs`, which the compiler matches).
//!
//! A pattern is a bare word, a `"`-quoted Go string or a `` ` ``-quoted raw string; patterns are
//! separated by Unicode white space. A malformed line yields no patterns at all: go list
//! skips it and leaves the complaint to the compiler, and so do we.

use super::literal::unquote_prefix;
use super::text::{decode, is_space, trim_end_space};

/// One `//go:embed` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedPattern {
    /// The pattern, unquoted.
    pub pattern: String,
    /// Byte offset of the pattern (of its opening quote when quoted) in the file.
    pub offset: usize,
}

/// The length of the white space at the start of `b`.
fn space_prefix(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some((c, w)) = decode(&b[n..]) {
        if !is_space(c) {
            break;
        }
        n += w;
    }
    n
}

/// The length of `b` before its first white space.
fn non_space_prefix(b: &[u8]) -> usize {
    let mut n = 0;
    while n < b.len() {
        match decode(&b[n..]) {
            Some((c, _)) if is_space(c) => break,
            Some((_, w)) => n += w,
            None => n += 1,
        }
    }
    n
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// The patterns of `comment` (a `//` comment's text, starting at byte `offset` of the file) if
/// it is a well-formed `//go:embed` directive; `None` if it is not a `//go:embed` directive or
/// its arguments are malformed.
pub(crate) fn parse_go_embed(comment: &[u8], offset: usize) -> Option<Vec<EmbedPattern>> {
    // Directive syntax: `//tool:name args`, tool and the first letter of name in [a-z0-9].
    let body = comment.strip_prefix(b"//")?;
    let colon = body.iter().position(|&b| b == b':')?;
    if colon == 0 || colon + 1 >= body.len() {
        return None;
    }
    if !body[..=colon + 1]
        .iter()
        .enumerate()
        .all(|(i, &b)| i == colon || is_alnum(b))
    {
        return None;
    }
    let tool = &body[..colon];
    let rest = &body[colon + 1..];
    let name_len = non_space_prefix(rest);
    if tool != b"go" || &rest[..name_len] != b"embed" {
        return None;
    }
    let mut pos = 2 + colon + 1 + name_len;
    let mut args = trim_end_space(&comment[pos..]);
    let mut patterns = Vec::new();
    loop {
        let skip = space_prefix(args);
        args = &args[skip..];
        pos += skip;
        if args.is_empty() {
            break;
        }
        let (value, len) = match args[0] {
            b'"' | b'`' => {
                let (value, len) = unquote_prefix(args)?;
                // A quoted pattern must be followed by white space or the end of the line.
                if len < args.len() && space_prefix(&args[len..]) == 0 {
                    return None;
                }
                (value, len)
            }
            _ => {
                let len = non_space_prefix(args);
                (args[..len].to_vec(), len)
            }
        };
        patterns.push(EmbedPattern {
            pattern: String::from_utf8_lossy(&value).into_owned(),
            offset: offset + pos,
        });
        args = &args[len..];
        pos += len;
    }
    Some(patterns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(line: &str) -> Option<Vec<(String, usize)>> {
        parse_go_embed(line.as_bytes(), 100)
            .map(|ps| ps.into_iter().map(|p| (p.pattern, p.offset)).collect())
    }

    #[test]
    fn bare_and_quoted_patterns() {
        assert_eq!(
            patterns("//go:embed a.txt  b/*.html"),
            Some(vec![("a.txt".into(), 111), ("b/*.html".into(), 118)])
        );
        assert_eq!(
            patterns(r#"//go:embed "with space.txt" `raw\n` "esc\u00e9""#),
            Some(vec![
                ("with space.txt".into(), 111),
                ("raw\\n".into(), 128),
                ("escé".into(), 136),
            ])
        );
        assert_eq!(patterns("//go:embed\tx\t"), Some(vec![("x".into(), 111)]));
        assert_eq!(patterns("//go:embed"), Some(vec![]));
        assert_eq!(patterns("//go:embed "), Some(vec![]));
    }

    #[test]
    fn malformed_lines_yield_nothing() {
        assert_eq!(patterns(r#"//go:embed "unterminated"#), None);
        assert_eq!(patterns(r#"//go:embed "a"b"#), None);
        assert_eq!(patterns(r#"//go:embed "\q""#), None);
        assert_eq!(patterns("//go:embedx a"), None);
        assert_eq!(patterns("// go:embed a"), None);
        assert_eq!(patterns("//go:generate a"), None);
        assert_eq!(patterns("//Go:embed a"), None);
    }

    #[test]
    fn invalid_utf8_does_not_panic() {
        let got = parse_go_embed(b"//go:embed \xff\xfe a\xff", 0);
        assert_eq!(got.map(|v| v.len()), Some(2));
    }
}
