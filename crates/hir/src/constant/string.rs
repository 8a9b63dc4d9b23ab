//! String constants: byte strings (Go strings need not be UTF-8) whose concatenation is lazy, so
//! that `a + b + c + …` chains thousands of operands long stay linear (golang.org/issue/23348),
//! and Go's `strconv.Quote` for printing them.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

/// The value of a string constant.
///
/// Cloning is cheap. A concatenation is kept as a pair of operands until its bytes are first
/// asked for ([`Str::bytes`]); then it is flattened once and the operands are released.
#[derive(Clone)]
pub struct Str(Arc<Node>);

struct Node {
    len: usize,
    state: Mutex<State>,
}

enum State {
    Flat(Arc<[u8]>),
    Concat(Str, Str),
    /// Only while a node is being dropped.
    Taken,
}

fn lock(node: &Node) -> MutexGuard<'_, State> {
    node.state.lock().unwrap_or_else(|e| e.into_inner())
}

impl Str {
    /// The string with these bytes.
    pub fn new(bytes: &[u8]) -> Str {
        Str::from_arc(bytes.into())
    }

    fn from_arc(bytes: Arc<[u8]>) -> Str {
        Str(Arc::new(Node {
            len: bytes.len(),
            state: Mutex::new(State::Flat(bytes)),
        }))
    }

    /// The length in bytes (without flattening).
    pub fn len(&self) -> usize {
        self.0.len
    }

    pub fn is_empty(&self) -> bool {
        self.0.len == 0
    }

    /// `self + other`, in constant time.
    pub fn concat(&self, other: &Str) -> Str {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        Str(Arc::new(Node {
            len: self.0.len + other.0.len,
            state: Mutex::new(State::Concat(self.clone(), other.clone())),
        }))
    }

    /// The bytes of the string.
    pub fn bytes(&self) -> Arc<[u8]> {
        let mut state = lock(&self.0);
        let (left, right) = match &*state {
            State::Flat(bytes) => return bytes.clone(),
            State::Concat(l, r) => (l.clone(), r.clone()),
            State::Taken => return Arc::from(&[][..]),
        };
        // Iterative, left to right: chains may be thousands deep on either side. Locks are only
        // ever taken from a node to its operands, so this cannot deadlock.
        let mut out = Vec::with_capacity(self.0.len);
        let mut stack = vec![right, left];
        while let Some(piece) = stack.pop() {
            match &*lock(&piece.0) {
                State::Flat(bytes) => out.extend_from_slice(bytes),
                State::Concat(l, r) => {
                    stack.push(r.clone());
                    stack.push(l.clone());
                }
                State::Taken => {}
            }
        }
        let flat: Arc<[u8]> = out.into();
        let old = std::mem::replace(&mut *state, State::Flat(flat.clone()));
        drop(state);
        drop(old);
        flat
    }

    /// The string, with invalid UTF-8 replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    /// Go's `strconv.Quote`.
    pub fn quote(&self) -> String {
        quote(&self.bytes(), usize::MAX)
    }

    /// go/constant's short form: quoted, and cut to 72 runes (ending in `...`) if longer.
    pub fn quote_short(&self) -> String {
        const MAX_LEN: usize = 72;
        let q = quote(&self.bytes(), MAX_LEN + 8);
        if q.chars().count() <= MAX_LEN {
            return q;
        }
        let mut s: String = q.chars().take(MAX_LEN - 3).collect();
        s.push_str("...");
        s
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        // Unlink chains iteratively; the default recursive drop could overflow the stack.
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        let State::Concat(l, r) = std::mem::replace(state, State::Taken) else {
            return;
        };
        let mut stack = vec![l, r];
        while let Some(piece) = stack.pop() {
            if let Some(mut node) = Arc::into_inner(piece.0) {
                let state = node.state.get_mut().unwrap_or_else(|e| e.into_inner());
                if let State::Concat(l, r) = std::mem::replace(state, State::Taken) {
                    stack.push(l);
                    stack.push(r);
                }
            }
        }
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.len() == other.len() && self.bytes() == other.bytes())
    }
}

impl Eq for Str {}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.quote_short())
    }
}

/// Go's `strconv.Quote` of `bytes`, stopping once more than `max_runes` runes are written.
fn quote(bytes: &[u8], max_runes: usize) -> String {
    let mut out = String::with_capacity(bytes.len().min(max_runes) + 2);
    out.push('"');
    let mut runes = 1;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if runes > max_runes {
                return out;
            }
            runes += escape_rune(&mut out, c);
        }
        for &b in chunk.invalid() {
            if runes > max_runes {
                return out;
            }
            out.push_str(&format!("\\x{b:02x}"));
            runes += 4;
        }
    }
    out.push('"');
    out
}

/// Appends `c` as `strconv.Quote` writes it; returns the number of runes written.
fn escape_rune(out: &mut String, c: char) -> usize {
    let start = out.len();
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        c if is_print(c) => {
            out.push(c);
            return 1;
        }
        c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
    out.len() - start
}

/// An approximation of Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols
/// and the ASCII space) without Unicode tables: everything except controls, spaces other than
/// U+0020, line and paragraph separators, the common format characters, private use,
/// surrogates and noncharacters. Unassigned code points count as printable here.
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    let format = matches!(
        u,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    );
    let private = matches!(u, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    let nonchar = (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE;
    !(format || private || nonchar)
}
