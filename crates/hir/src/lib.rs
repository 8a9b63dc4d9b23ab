//! The Go type checker: go/types' semantics, error positions and message wording, over our AST.
//!
//! The entry point is [`check_package`]: given the parsed files of one package, an
//! [`Importer`] for its imports and a [`Config`], it fills a [`World`] (the arenas that hold
//! every type, object and scope of the packages checked so far) and returns the package and
//! its errors. Code that does not compile still gets every fact the checker could establish.

mod check;
pub mod constant;
pub mod exprstring;
pub mod info;
pub mod members;
pub mod objects;
pub mod operand;
mod predicates;
pub mod staged;
pub mod types;
pub mod typeset;
pub mod typestring;
mod universe;
pub mod world;

use std::sync::Arc;

pub use check::positions::{Marker, Space, resolve_markers};
pub use info::Info;
pub use world::{PackageId, World};

use syntax::TextRange;

/// One parsed source file of a package.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path used in messages; any string that identifies the file.
    pub path: Arc<str>,
    pub text: Arc<str>,
    pub ast: Arc<syntax::ast::File>,
}

impl SourceFile {
    /// Parses and lowers `text`. Syntax errors are in `ast.errors` and in the parse; use
    /// [`SourceFile::syntax_errors`] for both.
    pub fn parse(path: &str, text: &str) -> SourceFile {
        let parse = syntax::parse(text);
        let ast = syntax::lower(text, parse.tree());
        let mut file = SourceFile {
            path: path.into(),
            text: text.into(),
            ast: Arc::new(ast),
        };
        let mut errors = parse.errors().to_vec();
        errors.extend(file.ast.errors.iter().cloned());
        Arc::make_mut(&mut file.ast).errors = errors;
        file
    }

    /// Every syntax error of the file (parser and lowering).
    pub fn syntax_errors(&self) -> &[syntax::SyntaxError] {
        &self.ast.errors
    }
}

/// What the checker is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The language version (`go1.N`), as from go.mod's `go` line or `--lang`; `None` means the
    /// newest version the checker knows.
    pub lang: Option<String>,
    /// GOARCH for `unsafe.Sizeof` and friends; `None` means amd64.
    pub goarch: Option<String>,
    /// Skip function bodies (enough for importing a package: only its API is needed).
    pub ignore_func_bodies: bool,
    /// Predeclare the test harness builtins `assert(bool)` and `trace(...)`, as go/types' own
    /// tests do.
    pub test_funcs: bool,
}

/// A type error: where, and what go/types would say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    /// Index into the files given to [`check_package`].
    pub file: usize,
    pub range: TextRange,
    pub message: String,
    /// A "soft" error in go/types' sense (unused variables and imports, for example): the
    /// package is still well-typed.
    pub soft: bool,
    /// The text `range` is in: always the file's for [`check_package`]; see [`staged`].
    pub space: Space,
}

/// Resolves import paths to checked packages, checking them first when needed.
pub trait Importer: Send {
    /// The package for `path`, or a message for the `could not import` error.
    fn import(&mut self, world: &mut World, path: &str) -> Result<PackageId, String>;
}

/// The result of checking one package.
#[derive(Debug)]
pub struct CheckResult {
    pub package: PackageId,
    pub errors: Vec<TypeError>,
    pub info: Info,
}

/// The newest language version the checker knows.
pub const LATEST_GO: (u32, u32) = (1, 26);

/// Parses `go1.N` or `go1.N.M` (or `1.N`) into (1, N).
pub fn parse_go_version(v: &str) -> Option<(u32, u32)> {
    let v = v.strip_prefix("go").unwrap_or(v);
    let mut parts = v.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().map_or(Some(0), |m| {
        let digits: String = m.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })?;
    Some((major, minor))
}

/// Type-checks one package made of `files`. The checker recurses as deep as the code nests
/// (a 20,000-term `a + b + ...` chain is 20,000 frames), so it runs on a thread with a large
/// stack; the stack is reserved, not committed, so unused depth costs nothing.
pub fn check_package(
    world: &mut World,
    import_path: &str,
    files: &[SourceFile],
    importer: &mut dyn Importer,
    config: &Config,
) -> CheckResult {
    on_big_stack(|| check_package_here(world, import_path, files, importer, config))
}

/// Runs `f` on a thread with a 1 GiB stack: the checker recurses as deep as the code nests.
pub(crate) fn on_big_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    const STACK: usize = 1 << 30;
    // A thread that cannot be spawned is a resource failure of the process, not something
    // the checked code can cause.
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("hir-check".into())
            .stack_size(STACK)
            .spawn_scoped(s, f)
            .expect("spawning the checker thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The package being checked, named by its files' package clause (test harness builtins
/// added when configured).
pub(crate) fn new_package(
    world: &mut World,
    import_path: &str,
    files: &[SourceFile],
    config: &Config,
) -> PackageId {
    if config.test_funcs {
        universe::add_test_funcs(world);
    }
    let name = files
        .iter()
        .find_map(|f| f.ast.package.as_ref())
        .map(|n| n.as_str())
        .unwrap_or("_");
    world.new_package(import_path, name)
}

fn check_package_here(
    world: &mut World,
    import_path: &str,
    files: &[SourceFile],
    importer: &mut dyn Importer,
    config: &Config,
) -> CheckResult {
    let package = new_package(world, import_path, files, config);
    let mut checker = check::Checker::new(world, package, files, importer, config);
    checker.check_files();
    let mut errors = std::mem::take(&mut checker.errors);
    let info = std::mem::take(&mut checker.info);
    errors.sort_by_key(|e| (e.file, e.range.start));
    CheckResult {
        package,
        errors,
        info,
    }
}
