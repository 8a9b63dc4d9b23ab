//! Property test: incremental reparsing after edits gives exactly the tree, the syntax errors
//! and the AST that a from-scratch parse of the same text gives.
//!
//! Edits are random but editor-like: deletions, insertions of Go fragments (brackets, quotes,
//! keywords, newlines, comment openers), and copies of other parts of the file; each round
//! reparses from the previous round's (edited) tree, as the server does keystroke after
//! keystroke. Runs on the syntax fixtures and on a fixed sample of the Go source tree.
//! `INCREMENTAL_SEED` and `INCREMENTAL_ROUNDS` override the defaults to explore further.

mod common;

use syntax::{TextEdit, TextRange};

/// xorshift64*: small, deterministic, good enough to pick edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "`",
    "'",
    "/*",
    "*/",
    "//",
    "\n",
    ";",
    ",",
    ".",
    ":=",
    "func",
    "x",
    "return ",
    "if x {",
    "}\n",
    "for i := range 10 {\n",
    "type T[P any] struct{}\n",
    "f[int](x)",
    "<-",
    "...",
    "0x1p-2",
    "case ",
    "default:",
    "\t",
    " ",
    "é",
    "😀",
];

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn random_edit(rng: &mut Rng, text: &str) -> TextEdit {
    let len = text.len();
    let start = floor(text, rng.below(len + 1));
    let end = floor(text, (start + rng.below(24)).min(len)).max(start);
    let insert = match rng.below(4) {
        0 => String::new(),
        1 | 2 => FRAGMENTS[rng.below(FRAGMENTS.len())].to_string(),
        _ => {
            let from = floor(text, rng.below(len + 1));
            let to = floor(text, (from + rng.below(80)).min(len)).max(from);
            text[from..to].to_string()
        }
    };
    TextEdit {
        delete: TextRange::new(start as u32, end as u32),
        insert,
    }
}

/// Every node of the tree, anonymous ones included, in document order: kind, byte range, and
/// whether it is an error or a missing node. Iterative, so deep trees cannot overflow.
fn flatten(tree: &syntax::Tree) -> Vec<(u16, usize, usize, bool, bool)> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        out.push((
            node.kind_id(),
            node.start_byte(),
            node.end_byte(),
            node.is_error(),
            node.is_missing(),
        ));
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn incremental_reparse_equals_fresh_parse() {
    let seed = env_u64("INCREMENTAL_SEED", 0x5eed_1234_abcd_0001);
    let rounds = env_u64("INCREMENTAL_ROUNDS", 30) as usize;
    let mut files = common::fixture_files();
    if let Some(goroot) = common::goroot() {
        let std_files = common::go_files(&goroot.join("src"), true);
        // A fixed, spread-out sample: the same files every run, from all over the tree.
        files.extend(
            std_files
                .iter()
                .step_by((std_files.len() / 40).max(1))
                .cloned(),
        );
    }
    let mut rng = Rng(seed);
    let mut checked = 0;
    for path in &files {
        let Ok(mut text) = std::fs::read_to_string(path) else {
            continue;
        };
        if text.len() > 200_000 {
            continue;
        }
        let mut parse = syntax::parse(&text);
        for round in 0..rounds {
            let mut tree = parse.tree().clone();
            let edits: Vec<TextEdit> = (0..1 + rng.below(3))
                .map(|_| {
                    let edit = random_edit(&mut rng, &text);
                    syntax::apply_edit(&mut text, Some(&mut tree), &edit);
                    edit
                })
                .collect();
            let incremental = syntax::parse_with(&text, Some(&tree));
            let fresh = syntax::parse(&text);
            let context = || {
                format!(
                    "{} round {round} seed {seed:#x} edits {edits:?}",
                    path.display()
                )
            };
            assert!(
                flatten(incremental.tree()) == flatten(fresh.tree()),
                "trees differ: {}",
                context()
            );
            assert_eq!(
                incremental.errors(),
                fresh.errors(),
                "errors differ: {}",
                context()
            );
            assert!(
                syntax::lower(&text, incremental.tree()) == syntax::lower(&text, fresh.tree()),
                "ASTs differ: {}",
                context()
            );
            parse = incremental;
            checked += 1;
        }
    }
    assert!(checked > 0, "no files to test");
    eprintln!("{checked} incremental reparses matched fresh parses");
}
