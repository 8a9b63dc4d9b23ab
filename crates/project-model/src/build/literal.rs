//! Go string literals, unquoted as `strconv.Unquote` and `strconv.QuotedPrefix` do: import paths
//! and quoted `//go:embed` patterns are Go strings.

use super::text::decode;

/// Unquotes the Go string literal at the start of `s` (interpreted `"..."` or raw `` `...` ``).
/// Returns its value and the literal's length, or `None` if `s` does not start with a valid
/// literal. The value is bytes: `\x` and octal escapes can make it invalid UTF-8.
pub(crate) fn unquote_prefix(s: &[u8]) -> Option<(Vec<u8>, usize)> {
    let (&quote, rest) = s.split_first()?;
    match quote {
        b'`' => {
            let len = rest.iter().position(|&b| b == b'`')?;
            // Carriage returns inside raw strings are discarded from the value.
            let value = rest[..len]
                .iter()
                .copied()
                .filter(|&b| b != b'\r')
                .collect();
            Some((value, len + 2))
        }
        b'"' => {
            let mut out = Vec::new();
            let mut i = 1;
            loop {
                match *s.get(i)? {
                    b'"' => return Some((out, i + 1)),
                    b'\n' => return None,
                    b'\\' => i += unescape(&s[i..], &mut out)?,
                    b if b < 0x80 => {
                        out.push(b);
                        i += 1;
                    }
                    _ => {
                        // Invalid UTF-8 reads as U+FFFD, as `utf8.DecodeRune` does.
                        let (c, n) = decode(&s[i..]).unwrap_or((char::REPLACEMENT_CHARACTER, 1));
                        let mut buf = [0; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        i += n;
                    }
                }
            }
        }
        _ => None,
    }
}

/// Unquotes a whole Go string literal.
pub(crate) fn unquote(s: &[u8]) -> Option<Vec<u8>> {
    unquote_prefix(s)
        .filter(|&(_, len)| len == s.len())
        .map(|(v, _)| v)
}

/// Appends the value of the escape sequence at the start of `s` (which starts with `\`) to
/// `out`; returns the sequence's length.
fn unescape(s: &[u8], out: &mut Vec<u8>) -> Option<usize> {
    let c = *s.get(1)?;
    let simple = match c {
        b'a' => Some(0x07),
        b'b' => Some(0x08),
        b'f' => Some(0x0c),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(0x0b),
        b'\\' => Some(b'\\'),
        b'"' => Some(b'"'),
        _ => None,
    };
    if let Some(b) = simple {
        out.push(b);
        return Some(2);
    }
    let (digits, radix) = match c {
        b'x' => (2, 16),
        b'u' => (4, 16),
        b'U' => (8, 16),
        b'0'..=b'7' => (3, 8),
        _ => return None,
    };
    let first = if radix == 8 { 1 } else { 2 };
    let text = std::str::from_utf8(s.get(first..first + digits)?).ok()?;
    if !text.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let v = u32::from_str_radix(text, radix).ok()?;
    match c {
        b'x' => out.push(v as u8),
        b'u' | b'U' => {
            let mut buf = [0; 4];
            out.extend_from_slice(char::from_u32(v)?.encode_utf8(&mut buf).as_bytes());
        }
        _ => out.push(u8::try_from(v).ok()?),
    }
    Some(first + digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uq(s: &str) -> Option<String> {
        unquote(s.as_bytes()).map(|v| String::from_utf8_lossy(&v).into_owned())
    }

    #[test]
    fn interpreted_and_raw() {
        assert_eq!(uq(r#""fmt""#).as_deref(), Some("fmt"));
        assert_eq!(uq("`a\r\nb`").as_deref(), Some("a\nb"));
        assert_eq!(uq(r#""a\tb\"c\\""#).as_deref(), Some("a\tb\"c\\"));
        assert_eq!(
            uq(r#""\u00e9\U0001F600\x41\101""#).as_deref(),
            Some("é😀AA")
        );
        assert_eq!(uq("\"日本\"").as_deref(), Some("日本"));
        assert_eq!(unquote(b"\"\\xff\""), Some(vec![0xff]));
        assert_eq!(unquote(b"\"\xff\""), Some("\u{fffd}".as_bytes().to_vec()));
    }

    #[test]
    fn malformed() {
        for bad in [
            "",
            "\"",
            "\"abc",
            "`abc",
            "'a'",
            "\"a\nb\"",
            r#""\q""#,
            r#""\'""#,
            r#""\x4""#,
            r#""\400""#,
            r#""\uD800""#,
            r#""\U00110000""#,
            r#""a" "#,
            r#""\"#,
        ] {
            assert_eq!(uq(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn prefix() {
        assert_eq!(unquote_prefix(b"\"a b\" c"), Some((b"a b".to_vec(), 5)));
        assert_eq!(unquote_prefix(b"`x`y"), Some((b"x".to_vec(), 3)));
        assert_eq!(unquote_prefix(b"x"), None);
    }
}
