//! Language versions: a file's `//go:build` line may name a Go version (`go1.21 && linux`), and
//! that version, not the module's, governs the file (never below go1.21), as go/types does it.

/// The minimum minor version of Go (21 for go1.21) the file's `//go:build` expression implies,
/// as go/build/constraint's `GoVersion`; `None` when it implies none.
pub(crate) fn build_line_version(text: &str) -> Option<u32> {
    for line in text.lines() {
        let line = line.trim();
        if let Some(expr) = line.strip_prefix("//go:build") {
            if !expr.starts_with([' ', '\t']) {
                continue;
            }
            let tokens = tokenize(expr);
            let mut parser = Parser {
                tokens: &tokens,
                pos: 0,
            };
            let v = parser.or(1);
            return (parser.pos == tokens.len() && v >= 0).then_some(v as u32);
        }
        if line.starts_with("package ") || line == "package" {
            break;
        }
    }
    None
}

fn tokenize(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if s[i..].starts_with("&&") || s[i..].starts_with("||") {
            out.push(&s[i..i + 2]);
            i += 2;
        } else if c == b'(' || c == b')' || c == b'!' {
            out.push(&s[i..i + 1]);
            i += 1;
        } else {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            if i == start {
                // An unexpected character: no version can be trusted.
                return vec!["?"];
            }
            out.push(&s[start..i]);
        }
    }
    out
}

/// Recursive descent over `||`, `&&`, `!` and parentheses, computing go/build/constraint's
/// `minVersion` (`sign` < 0 under negation) on the fly; -1 means "no version implied".
struct Parser<'a> {
    tokens: &'a [&'a str],
    pos: usize,
}

fn and_version(x: i64, y: i64) -> i64 {
    x.max(y)
}

fn or_version(x: i64, y: i64) -> i64 {
    x.min(y)
}

impl Parser<'_> {
    fn or(&mut self, sign: i64) -> i64 {
        let mut v = self.and(sign);
        while self.tokens.get(self.pos) == Some(&"||") {
            self.pos += 1;
            let w = self.and(sign);
            v = if sign < 0 {
                and_version(v, w)
            } else {
                or_version(v, w)
            };
        }
        v
    }

    fn and(&mut self, sign: i64) -> i64 {
        let mut v = self.not(sign);
        while self.tokens.get(self.pos) == Some(&"&&") {
            self.pos += 1;
            let w = self.not(sign);
            v = if sign < 0 {
                or_version(v, w)
            } else {
                and_version(v, w)
            };
        }
        v
    }

    fn not(&mut self, sign: i64) -> i64 {
        match self.tokens.get(self.pos).copied() {
            Some("!") => {
                self.pos += 1;
                self.not(-sign)
            }
            Some("(") => {
                self.pos += 1;
                let v = self.or(sign);
                if self.tokens.get(self.pos) == Some(&")") {
                    self.pos += 1;
                }
                v
            }
            Some(tag) if tag != ")" && tag != "&&" && tag != "||" => {
                self.pos += 1;
                if sign < 0 {
                    return -1;
                }
                if tag == "go1" {
                    return 0;
                }
                tag.strip_prefix("go1.")
                    .and_then(|n| n.parse::<i64>().ok())
                    .unwrap_or(-1)
            }
            _ => -1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::build_line_version;

    #[test]
    fn versions_implied_by_build_lines() {
        let v = |src: &str| build_line_version(src);
        assert_eq!(v("//go:build go1.21\n\npackage p\n"), Some(21));
        assert_eq!(v("//go:build linux && go1.22\npackage p\n"), Some(22));
        assert_eq!(v("//go:build go1.20 || go1.22\npackage p\n"), Some(20));
        assert_eq!(v("//go:build go1.20 || linux\npackage p\n"), None);
        assert_eq!(v("//go:build !go1.22\npackage p\n"), None);
        assert_eq!(
            v("//go:build (go1.18 && linux) || (go1.19 && darwin)\npackage p\n"),
            Some(18)
        );
        assert_eq!(v("package p\n//go:build go1.22\n"), None);
        assert_eq!(
            v("// Copyright\n\n//go:build go1.9\n\npackage p\n"),
            Some(9)
        );
    }
}
