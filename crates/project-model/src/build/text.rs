//! Character classes with Go's definitions, for text that may not be valid UTF-8.
//!
//! Build constraint lines are read from raw bytes (users' files), so trimming works on bytes
//! the way Go's `bytes.TrimSpace` does: Unicode white space is trimmed, invalid bytes never are.
//!
//! Go's `unicode.IsLetter` / `unicode.IsDigit` are the general categories L and Nd; the Rust
//! standard library offers the Alphabetic and Numeric properties instead, which agree on every
//! ASCII character and differ only for a few non-ASCII ones (combining marks with the
//! Other_Alphabetic property, letter-like numbers such as Roman numerals, and the No category).
//! Build tags and Go identifiers in the wild are ASCII; we accept that difference rather than
//! carry Unicode tables.

/// Go's `unicode.IsSpace`: the same set as Rust's White_Space property.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Go's `unicode.IsLetter`, up to the difference described in the module comment.
pub(crate) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// Go's `unicode.IsDigit`, up to the difference described in the module comment.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric() && !c.is_alphabetic())
}

/// Decodes the first UTF-8 character of `b`: `None` for an invalid or truncated sequence.
pub(crate) fn decode(b: &[u8]) -> Option<(char, usize)> {
    let len = match b.first()? {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(b.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// Decodes the last UTF-8 character of `b`, like `utf8.DecodeLastRune`.
fn last_char(b: &[u8]) -> Option<(char, usize)> {
    for len in 1..=4.min(b.len()) {
        let start = b.len() - len;
        if let Some((c, n)) = decode(&b[start..])
            && n == len
        {
            return Some((c, len));
        }
    }
    None
}

/// Go's `bytes.TrimSpace`.
pub(crate) fn trim_space(b: &[u8]) -> &[u8] {
    trim_end_space(trim_start_space(b))
}

/// Go's `bytes.TrimLeftFunc(b, unicode.IsSpace)`.
pub(crate) fn trim_start_space(mut b: &[u8]) -> &[u8] {
    while let Some((c, n)) = decode(b) {
        if !is_space(c) {
            break;
        }
        b = &b[n..];
    }
    b
}

/// Go's `bytes.TrimRightFunc(b, unicode.IsSpace)`.
pub(crate) fn trim_end_space(mut b: &[u8]) -> &[u8] {
    while let Some((c, n)) = last_char(b) {
        if !is_space(c) {
            break;
        }
        b = &b[..b.len() - n];
    }
    b
}

/// The text of `b` for messages and tags: invalid bytes become U+FFFD, as Go's `range` over a
/// string decodes them.
pub(crate) fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_space_but_not_invalid_bytes() {
        assert_eq!(trim_space(b" \t//go:build x \r\n"), b"//go:build x");
        assert_eq!(trim_space("\u{a0}x\u{3000}".as_bytes()), b"x");
        assert_eq!(trim_space(b"\xff x \xfe"), b"\xff x \xfe");
        assert_eq!(trim_space(b"   "), b"");
        assert_eq!(trim_space(b""), b"");
        // A truncated multi-byte sequence at either end is not space and must not panic.
        assert_eq!(trim_space(b"\xe3\x80"), b"\xe3\x80");
    }

    #[test]
    fn letters_and_digits() {
        assert!(is_letter('a') && is_letter('é') && !is_letter('1') && !is_letter('_'));
        assert!(is_digit('7') && is_digit('٣') && !is_digit('x'));
    }
}
