//! Go's string quoting (strconv.Quote, QuoteRune, Unquote), needed both to read quoted
//! strings in go.mod and to word error messages exactly as the go command does (`%q`).
//!
//! "Printable" follows Go's unicode.IsPrint only approximately: std has no Unicode category
//! tables, so controls, separators other than the ASCII space, private-use characters and the
//! common format characters (soft hyphen, zero-width and bidi controls, BOM) count as
//! unprintable. Unassigned code points are taken as printable; they only change how an error
//! message escapes a character.

/// Whether Go would print `c` as is inside a quoted string (approximately unicode.IsPrint).
pub(crate) fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    let format = matches!(u, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB);
    let private = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE;
    !(format || private || noncharacter)
}

/// `s` as a Go double-quoted string literal (strconv.Quote, i.e. `%q`).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// `c` as a Go rune literal (strconv.QuoteRune, i.e. `%q` of a rune): `'x'`, `'\x01'`.
pub fn quote_rune(c: char) -> String {
    let mut out = String::from("'");
    push_escaped(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if is_print(c) => out.push(c),
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// Decodes a double-quoted Go string literal (strconv.Unquote); the error is Go's
/// `invalid syntax`.
pub fn unquote(lit: &str) -> Result<String, String> {
    const BAD: &str = "invalid syntax";
    let body = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| lit.len() >= 2)
        .ok_or(BAD)?;
    let mut out: Vec<u8> = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' | '\n' => return Err(BAD.into()),
            '\\' => {
                let (_, e) = chars.next().ok_or(BAD)?;
                match e {
                    'a' => out.push(7),
                    'b' => out.push(8),
                    'f' => out.push(12),
                    'n' => out.push(b'\n'),
                    'r' => out.push(b'\r'),
                    't' => out.push(b'\t'),
                    'v' => out.push(11),
                    '\\' => out.push(b'\\'),
                    '"' => out.push(b'"'),
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            let (_, d) = chars.next().ok_or(BAD)?;
                            v = v * 8 + d.to_digit(8).ok_or(BAD)?;
                        }
                        // Octal and \x escapes are bytes, not code points.
                        out.push(u8::try_from(v).map_err(|_| BAD)?);
                    }
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut v: u32 = 0;
                        for _ in 0..n {
                            let (_, d) = chars.next().ok_or(BAD)?;
                            v = v * 16 + d.to_digit(16).ok_or(BAD)?;
                        }
                        if e == 'x' {
                            out.push(u8::try_from(v).map_err(|_| BAD)?);
                        } else {
                            let c = char::from_u32(v).ok_or(BAD)?;
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                    }
                    _ => return Err(BAD.into()),
                }
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    // Byte escapes can spell invalid UTF-8; Go keeps the bytes, we keep the text readable.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_go() {
        assert_eq!(go_quote("a\"b\\c\n\x01é"), r#""a\"b\\c\n\x01é""#);
        assert_eq!(quote_rune('\x01'), r"'\x01'");
        assert_eq!(quote_rune('\u{feff}'), r"'\ufeff'");
        assert_eq!(quote_rune('\u{a0}'), r"'\u00a0'");
        assert_eq!(quote_rune('E'), "'E'");
        assert_eq!(quote_rune('\''), r"'\''");
    }

    #[test]
    fn unquoting_matches_go() {
        assert_eq!(unquote(r#""example.com/x""#).unwrap(), "example.com/x");
        assert_eq!(
            unquote(r#""a\tb\x41\101\u00e9\U0001F600\"""#).unwrap(),
            "a\tbAAé😀\""
        );
        for bad in [
            r#""abc"#,
            r#""a\qb""#,
            r#""a"b""#,
            r#"""#,
            r#""\x4""#,
            r#""\400""#,
        ] {
            assert!(unquote(bad).is_err(), "{bad}");
        }
    }
}
