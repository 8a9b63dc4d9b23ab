//! go.mod and go.work files, parsed the way golang.org/x/mod/modfile parses them, but error
//! tolerant: every error is recorded with its 1-based line and column and a message worded as
//! the go command words it (`go.mod:3: unknown directive: foo`), and everything else in the
//! file is still returned. Each directive keeps its [`Span`] for diagnostics.
//!
//! What x/mod does and we do too: identifiers, `"quoted"` strings (a `` `raw` `` string is
//! lexed but, as in x/mod, rejected where a value is expected), `//` comments anywhere, single
//! lines and `verb ( ... )` blocks, `// indirect` on requirements, `Deprecated:` paragraphs in
//! the module comment, retraction rationales, and the checks on paths and versions.
//!
//! What differs from the go command, on purpose:
//! - A non-canonical version (`v1.2`) is canonicalized (`v1.2.0`), which is what
//!   `modfile.Parse` does without a version fixer; the go command instead resolves such a
//!   version with a network query for the main module's go.mod.
//! - One grammar for every file: dependency go.mod files are checked as strictly as the main
//!   module's (x/mod's `ParseLax` ignores unknown directives there). Callers that read a
//!   dependency's go.mod use only its `module`, `go` and `require` lines, so the extra errors
//!   are harmless and can be dropped.
//! - Unknown `godebug` keys are not checked against the toolchain's list.
//!
//! Positions: `column` counts bytes from 1 (as go/token does); x/mod counts runes, which is
//! the same on the ASCII lines go.mod files are made of.

mod directives;
mod gomod;
mod gowork;
mod lexer;
pub mod quote;
mod syntax;
#[cfg(test)]
mod tests;

use std::fmt;

pub use gomod::parse_go_mod;
pub use gowork::parse_go_work;

/// A place in a file: 1-based line and byte column, and the 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// Where a directive is: from its first token to the end of its last one (one line; for a
/// block entry, the entry's line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// An error in a go.mod or go.work file. `message` is what the go command prints after the
/// position (`unknown directive: foo`); [`ModFileError::display`] adds the file and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModFileError {
    pub pos: Position,
    pub message: String,
}

impl ModFileError {
    /// The error as the go command prints it: `go.mod:3: msg`, or `go.mod:3:5: msg` when the
    /// error is not at the start of its line.
    pub fn display(&self, file_name: &str) -> String {
        if self.pos.column > 1 {
            format!(
                "{file_name}:{}:{}: {}",
                self.pos.line, self.pos.column, self.message
            )
        } else {
            format!("{file_name}:{}: {}", self.pos.line, self.message)
        }
    }
}

impl fmt::Display for ModFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// `module example.com/m`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleDirective {
    pub path: String,
    /// The text of a `// Deprecated: ...` paragraph in the comments on the directive.
    pub deprecated: Option<String>,
    pub span: Span,
}

/// `go 1.22` (in go.mod and go.work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoDirective {
    pub version: String,
    pub span: Span,
}

/// `toolchain go1.22.3` (or `toolchain default`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolchainDirective {
    pub name: String,
    pub span: Span,
}

/// `godebug key=value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Godebug {
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// `require path version [// indirect]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Require {
    pub path: String,
    pub version: String,
    pub indirect: bool,
    pub span: Span,
}

/// `exclude path version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclude {
    pub path: String,
    pub version: String,
    pub span: Span,
}

/// `replace old [version] => new [version]` (in go.mod and go.work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replace {
    pub old_path: String,
    /// `None` replaces every version of `old_path`.
    pub old_version: Option<String>,
    pub new: ReplaceTarget,
    pub span: Span,
}

/// What a `replace` directive substitutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplaceTarget {
    /// Another module version, from the module cache.
    Module { path: String, version: String },
    /// A directory (`./x`, `../x`, `/abs/x`, `C:\x`), relative to the file's directory; it has
    /// no version.
    Dir(String),
}

/// `retract v1.0.0` or `retract [v1.0.0, v1.1.0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retract {
    pub low: String,
    pub high: String,
    /// The comments on the directive, `//` and surrounding space removed, one line each.
    pub rationale: String,
    pub span: Span,
}

/// `tool path` (go1.24) or `ignore path` (go1.25): a package or directory path argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDirective {
    pub path: String,
    pub span: Span,
}

/// `use ./dir` in go.work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The directory as written (relative to go.work's directory unless absolute).
    pub path: String,
    pub span: Span,
}

/// A parsed go.mod file. Directives with errors are left out; the errors are in `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoMod {
    pub module: Option<ModuleDirective>,
    pub go: Option<GoDirective>,
    pub toolchain: Option<ToolchainDirective>,
    pub godebug: Vec<Godebug>,
    pub require: Vec<Require>,
    pub exclude: Vec<Exclude>,
    pub replace: Vec<Replace>,
    pub retract: Vec<Retract>,
    pub tool: Vec<PathDirective>,
    pub ignore: Vec<PathDirective>,
    pub errors: Vec<ModFileError>,
}

impl GoMod {
    /// The module path, if the file declares one.
    pub fn module_path(&self) -> Option<&str> {
        self.module.as_ref().map(|m| m.path.as_str())
    }

    /// The `go` version as written, if any (callers apply the go command's default, 1.16).
    pub fn go_version(&self) -> Option<&str> {
        self.go.as_ref().map(|g| g.version.as_str())
    }
}

/// A parsed go.work file. Directives with errors are left out; the errors are in `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoWork {
    pub go: Option<GoDirective>,
    pub toolchain: Option<ToolchainDirective>,
    pub godebug: Vec<Godebug>,
    pub uses: Vec<Use>,
    pub replace: Vec<Replace>,
    pub errors: Vec<ModFileError>,
}

impl GoWork {
    /// The `go` version as written, if any (callers apply the go command's default, 1.18).
    pub fn go_version(&self) -> Option<&str> {
        self.go.as_ref().map(|g| g.version.as_str())
    }
}

/// Whether a replacement path names a directory rather than a module (modfile.IsDirectoryPath):
/// rooted, or starting with `./` or `../`, in Unix or Windows spelling, or a drive letter.
pub fn is_directory_path(p: &str) -> bool {
    let b = p.as_bytes();
    p == "."
        || p == ".."
        || ["./", ".\\", "../", "..\\", "/", "\\"]
            .iter()
            .any(|pre| p.starts_with(pre))
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}
