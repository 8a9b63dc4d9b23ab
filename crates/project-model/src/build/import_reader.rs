//! How much of a Go file go/build reads: the byte-level reader of go/build's `read.go`, which
//! skips over the package clause and import declarations and stops at the first byte after
//! them.
//!
//! That extent matters beyond speed: go/build parses only those bytes, so a syntax error or an
//! invalid UTF-8 byte after the imports never makes go list call a file invalid, while one in
//! the header does; and a NUL byte anywhere the reader looks makes the file unreadable to go
//! list. When the reader itself meets something it does not expect, go/build gives the whole
//! file to the parser so that the parser's errors (not the reader's) are the ones reported;
//! [`Extent::end`] is then the end of the file.

/// The part of a file go/build reads as its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extent {
    /// After a leading UTF-8 byte order mark, which go/build drops.
    pub start: usize,
    /// End of the header (exclusive).
    pub end: usize,
    /// Offset of a NUL byte the reader met: go/build fails with "unexpected NUL in input".
    pub nul: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    Syntax,
    Nul(usize),
}

struct Reader<'a> {
    src: &'a [u8],
    /// Bytes consumed so far (go/build's `len(buf)`).
    read: usize,
    /// A byte read but not consumed by the grammar; 0 when there is none.
    peek: u8,
    err: Option<Failure>,
    eof: bool,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Reader<'_> {
    fn syntax_error(&mut self) {
        if self.err.is_none() {
            self.err = Some(Failure::Syntax);
        }
    }

    /// Reads one byte; 0 at the end of input or on error.
    fn read_byte(&mut self) -> u8 {
        let Some(&c) = self.src.get(self.read) else {
            self.eof = true;
            return 0;
        };
        self.read += 1;
        if c == 0 && self.err.is_none() {
            self.err = Some(Failure::Nul(self.read - 1));
        }
        c
    }

    /// The next byte, not consumed; with `skip_space`, spaces, `;` and comments are skipped
    /// first (semicolons never matter to this reader).
    fn peek_byte(&mut self, skip_space: bool) -> u8 {
        if self.err.is_some() {
            return 0;
        }
        let mut c = self.peek;
        if c == 0 {
            c = self.read_byte();
        }
        while self.err.is_none() && !self.eof {
            if skip_space {
                match c {
                    b' ' | b'\x0c' | b'\t' | b'\r' | b'\n' | b';' => {
                        c = self.read_byte();
                        continue;
                    }
                    b'/' => {
                        c = self.read_byte();
                        if c == b'/' {
                            while c != b'\n' && self.err.is_none() && !self.eof {
                                c = self.read_byte();
                            }
                        } else if c == b'*' {
                            let mut c1 = 0;
                            while (c != b'*' || c1 != b'/') && self.err.is_none() {
                                if self.eof {
                                    self.syntax_error();
                                }
                                c = c1;
                                c1 = self.read_byte();
                            }
                        } else {
                            self.syntax_error();
                        }
                        c = self.read_byte();
                        continue;
                    }
                    _ => {}
                }
            }
            break;
        }
        self.peek = c;
        c
    }

    fn next_byte(&mut self, skip_space: bool) -> u8 {
        let c = self.peek_byte(skip_space);
        self.peek = 0;
        c
    }

    fn read_keyword(&mut self, keyword: &[u8]) {
        self.peek_byte(true);
        for &k in keyword {
            if self.next_byte(false) != k {
                self.syntax_error();
                return;
            }
        }
        if is_ident(self.peek_byte(false)) {
            self.syntax_error();
        }
    }

    fn read_ident(&mut self) {
        if !is_ident(self.peek_byte(true)) {
            self.syntax_error();
            return;
        }
        while is_ident(self.peek_byte(false)) {
            self.peek = 0;
        }
    }

    fn read_string(&mut self) {
        match self.next_byte(true) {
            b'`' => {
                while self.err.is_none() {
                    if self.next_byte(false) == b'`' {
                        break;
                    }
                    if self.eof {
                        self.syntax_error();
                    }
                }
            }
            b'"' => {
                while self.err.is_none() {
                    let c = self.next_byte(false);
                    if c == b'"' {
                        break;
                    }
                    if self.eof || c == b'\n' {
                        self.syntax_error();
                    }
                    if c == b'\\' {
                        self.next_byte(false);
                    }
                }
            }
            _ => self.syntax_error(),
        }
    }

    fn read_import(&mut self) {
        let c = self.peek_byte(true);
        if c == b'.' {
            self.peek = 0;
        } else if is_ident(c) {
            self.read_ident();
        }
        self.read_string();
    }
}

/// Finds the header of `src` as go/build's `readGoInfo` does.
pub(crate) fn header_extent(src: &[u8]) -> Extent {
    let start = if src.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let mut r = Reader {
        src,
        read: start,
        peek: 0,
        err: None,
        eof: false,
    };
    r.read_keyword(b"package");
    r.read_ident();
    while r.peek_byte(true) == b'i' {
        r.read_keyword(b"import");
        if r.peek_byte(true) == b'(' {
            r.next_byte(false);
            while r.peek_byte(true) != b')' && r.err.is_none() {
                r.read_import();
            }
            r.next_byte(false);
        } else {
            r.read_import();
        }
    }
    match r.err {
        Some(Failure::Nul(at)) => Extent {
            start,
            end: r.read,
            nul: Some(at),
        },
        Some(Failure::Syntax) => Extent {
            start,
            end: src.len(),
            nul: None,
        },
        // Stopped by a byte that is not part of the header: leave it out.
        None if !r.eof => Extent {
            start,
            end: r.read.saturating_sub(1).max(start),
            nul: None,
        },
        None => Extent {
            start,
            end: r.read,
            nul: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(src: &str) -> &str {
        let e = header_extent(src.as_bytes());
        assert_eq!(e.nul, None);
        &src[e.start..e.end]
    }

    #[test]
    fn stops_after_the_imports() {
        let src = "// c\npackage p\n\nimport (\n\t\"a\" // x\n\tb \"b\"\n)\nimport . `c`\n\n// Doc.\nfunc f() {}\n";
        assert_eq!(
            header(src),
            "// c\npackage p\n\nimport (\n\t\"a\" // x\n\tb \"b\"\n)\nimport . `c`\n\n// Doc.\n"
        );
        assert_eq!(header("package p; func f()"), "package p; ");
        assert_eq!(header("package p"), "package p");
        assert_eq!(header("\u{feff}package p\nvar x"), "package p\n");
    }

    #[test]
    fn reader_surprises_give_the_whole_file() {
        for src in [
            "package p\nimport \"a\"\nif x",
            "package p\nimport \"a\"\n/x",
            "package p\nimport \"a",
            "packagex p",
            "/* unterminated",
            "",
        ] {
            assert_eq!(header(src), src, "{src:?}");
        }
    }

    #[test]
    fn nul_bytes() {
        let e = header_extent(b"package p\nimport \"a\x00\"");
        assert_eq!(e.nul, Some(19));
        // The first byte after the header is read too.
        assert_eq!(header_extent(b"package p\n\x00").nul, Some(10));
        // Beyond it the reader never looks.
        assert_eq!(header_extent(b"package p\nfunc f() {\x00}").nul, None);
    }
}
