//! The fixed sample: identifier tokens of std packages' non-test files, picked deterministically
//! (stratified: one token from each equal slice of a package's tokens, at an offset in the
//! slice drawn from a fixed-seed generator), so two runs on the same GOROOT ask the same
//! positions and the picks spread over files and over every kind of identifier.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use serde::Serialize;

/// The packages of issue 6's acceptance test.
pub const PACKAGES: [&str; 5] = ["net/http", "encoding/json", "go/types", "sync", "slices"];

/// One position to ask both servers about.
#[derive(Clone, Debug, Serialize)]
pub struct Sample {
    pub package: String,
    pub file: PathBuf,
    /// Zero-based, as LSP counts; `character` in UTF-16 code units (what both servers get).
    pub line: u32,
    pub character: u32,
    pub name: String,
    /// The tree-sitter kind of the token (`identifier`, `field_identifier`, `type_identifier`,
    /// `package_identifier`, `label_name`): how the syntax sees it.
    pub token: &'static str,
}

/// A package's directory and its non-test `.go` files for this GOOS/GOARCH, as `go list` says
/// (files for other platforms are left out: gopls has no package for them).
pub fn package_files(goroot: &Path, package: &str) -> Result<Vec<PathBuf>, String> {
    let out = Command::new("go")
        .args([
            "list",
            "-f",
            "{{.Dir}}\n{{range .GoFiles}}{{.}}\n{{end}}",
            package,
        ])
        .current_dir(goroot.join("src"))
        .output()
        .map_err(|e| format!("go list: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "go list {package}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let dir = PathBuf::from(lines.next().unwrap_or_default());
    let mut files: Vec<PathBuf> = lines
        .filter(|l| !l.is_empty())
        .map(|l| dir.join(l))
        .collect();
    files.sort();
    Ok(files)
}

/// Every identifier token of `text` (the blank identifier left out: no server describes it),
/// with its byte offset and tree-sitter kind.
pub fn identifier_tokens(text: &str) -> Vec<(usize, &'static str)> {
    const KINDS: [&str; 5] = [
        "identifier",
        "field_identifier",
        "type_identifier",
        "package_identifier",
        "label_name",
    ];
    let parse = syntax::parse(text);
    let mut cursor = parse.tree().walk();
    let mut out = Vec::new();
    // Pre-order walk of the whole tree; leaves are the tokens.
    'walk: loop {
        let node = cursor.node();
        if node.child_count() == 0 {
            if let Some(kind) = KINDS.iter().find(|&&k| k == node.kind())
                && text.get(node.start_byte()..node.end_byte()) != Some("_")
            {
                out.push((node.start_byte(), *kind));
            }
        } else if cursor.goto_first_child() {
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

/// `count` samples of `package`, one from each of `count` equal slices of its tokens (in file
/// order), at an offset drawn from `rng`.
pub fn sample_package(
    package: &str,
    files: &[PathBuf],
    count: usize,
    rng: &mut Rng,
) -> Result<Vec<Sample>, String> {
    let mut tokens = Vec::new();
    let mut texts = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        tokens.extend(
            identifier_tokens(&text)
                .into_iter()
                .map(|(offset, kind)| (index, offset, kind)),
        );
        texts.push(text);
    }
    let count = count.min(tokens.len());
    let mut samples = Vec::new();
    for slice in 0..count {
        let start = slice * tokens.len() / count;
        let end = (slice + 1) * tokens.len() / count;
        let pick = start + (rng.next() as usize) % (end - start).max(1);
        let (index, offset, token) = tokens[pick];
        let text = &texts[index];
        let (line, character) = position(text, offset);
        samples.push(Sample {
            package: package.to_string(),
            file: files[index].clone(),
            line,
            character,
            name: ident_at(text, offset).to_string(),
            token,
        });
    }
    Ok(samples)
}

/// The LSP position (line, UTF-16 column) of a byte offset.
pub fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let character = before[line_start..].encode_utf16().count();
    (line as u32, character as u32)
}

/// The identifier starting at `offset`.
pub fn ident_at(text: &str, offset: usize) -> &str {
    let rest = &text[offset..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// xorshift64*: a fixed seed gives the same picks on every machine, with no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::{identifier_tokens, position};

    #[test]
    fn identifier_tokens_and_their_positions() {
        let text = "package p\n\nimport \"fmt\"\n\n// é\n\
                    func f(_ int, s T) { fmt.Println(s.x); L: goto L }\n";
        let tokens: Vec<(&str, &str)> = identifier_tokens(text)
            .into_iter()
            .map(|(at, kind)| (super::ident_at(text, at), kind))
            .collect();
        assert_eq!(
            tokens,
            [
                ("p", "package_identifier"),
                ("f", "identifier"),
                ("int", "type_identifier"),
                ("s", "identifier"),
                ("T", "type_identifier"),
                ("fmt", "identifier"),
                ("Println", "field_identifier"),
                ("s", "identifier"),
                ("x", "field_identifier"),
                ("L", "label_name"),
                ("L", "label_name"),
            ]
        );
        // UTF-16 columns: `é` is two bytes and one code unit.
        let text = "// é x\n";
        assert_eq!(position(text, text.find('x').unwrap_or(0)), (0, 5));
    }
}
