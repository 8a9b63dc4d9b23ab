//! Analyzers: go vet's suite and gopls' everyday checks, run over one type-checked package.
//!
//! An [`Analyzer`] is a name, a doc text, its default (on or off, as gopls has it), the
//! severity of what it reports, and a `run` function that reads the package through a
//! [`Pass`]: the checker's recorded facts (types, objects, selections, scopes) and the syntax
//! trees. It reports [`Diagnostic`]s, each with optional suggested [`Fix`]es as text edits.
//! Analyzers that need to know about other packages (a function in package `a` that forwards
//! to `fmt.Sprintf` is a printf wrapper for package `b` too) export [`Facts`] about their
//! package's objects, which packages analyzed later import.
//!
//! [`analyze`] runs a set of analyzers over a package. One analyzer's panic does not cost the
//! others their results: the panic is caught, its findings (and facts) for that package are
//! dropped, and it comes back as a bug report in [`Outcome::bugs`].

mod facts;
mod pass;
pub mod passes;
pub mod settings;
pub mod util;
pub mod walk;

#[cfg(test)]
mod testing;

use std::panic::{AssertUnwindSafe, catch_unwind};

use hir::{Info, PackageId, SourceFile, TypeError, World};
use syntax::TextRange;

pub use facts::Facts;
pub use pass::Pass;
pub use passes::all;

/// How serious a finding is; the same four levels as LSP and the CLI's JSON output.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// Where an analyzer comes from: its documentation lives with its suite.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Suite {
    /// go vet's (`golang.org/x/tools/go/analysis/passes/<name>`).
    Vet,
    /// gopls' own (`golang.org/x/tools/gopls/internal/analysis/<name>`).
    Gopls,
}

/// One analysis: what it looks for and how to run it.
#[derive(Debug)]
pub struct Analyzer {
    /// The name users switch it with (`analyses` setting, `--enable`), as go vet and gopls
    /// name it.
    pub name: &'static str,
    /// What it reports: a one-line summary, then (after a blank line) the details.
    pub doc: &'static str,
    pub suite: Suite,
    /// On unless the user switches it off (gopls' default).
    pub default_enabled: bool,
    pub severity: Severity,
    /// Runs on packages with type errors too (go/analysis' `RunDespiteErrors`); others are
    /// skipped there, as go vet and gopls skip them.
    pub run_despite_errors: bool,
    /// Its findings only carry fixes for the checker's own errors (gopls' `fillreturns`,
    /// `nonewvars`, ...): they are offered as quick fixes on those errors, never shown as
    /// diagnostics of their own.
    pub fixes_errors: bool,
    pub run: fn(&mut Pass<'_>),
}

impl Analyzer {
    /// The first line of [`Analyzer::doc`].
    pub fn summary(&self) -> &'static str {
        self.doc.lines().next().unwrap_or("")
    }

    /// Where its documentation is published.
    pub fn url(&self) -> String {
        match self.suite {
            Suite::Vet => format!(
                "https://pkg.go.dev/golang.org/x/tools/go/analysis/passes/{}",
                // Two of go vet's packages are named in the singular.
                match self.name {
                    "composites" => "composite",
                    "copylocks" => "copylock",
                    name => name,
                }
            ),
            Suite::Gopls => format!(
                "https://pkg.go.dev/golang.org/x/tools/gopls/internal/analysis/{}",
                self.name
            ),
        }
    }
}

/// A finding: in which file of the package, where, what, and how it could be fixed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    pub analyzer: &'static str,
    pub severity: Severity,
    /// The index of the file among the package's files.
    pub file: usize,
    pub range: TextRange,
    pub message: String,
    pub fixes: Vec<Fix>,
}

/// A suggested fix: edits that together resolve the finding.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Fix {
    /// What the fix does, shown as the quick fix's title.
    pub message: String,
    pub edits: Vec<Edit>,
}

/// Replace `range` of file `file` (an index among the package's files) with `new_text`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Edit {
    pub file: usize,
    pub range: TextRange,
    pub new_text: String,
}

/// A checked package, as the analyzers see it.
#[derive(Clone, Copy)]
pub struct Package<'a> {
    pub world: &'a World,
    pub package: PackageId,
    pub files: &'a [SourceFile],
    pub info: &'a Info,
    /// The checker's errors in the package (soft ones included).
    pub errors: &'a [TypeError],
}

/// What [`analyze`] found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by file, position, analyzer.
    pub diagnostics: Vec<Diagnostic>,
    /// Analyzers that panicked, with where and why: a bug of ours, to log.
    pub bugs: Vec<String>,
}

/// Runs `analyzers` over `package`, reading facts that packages analyzed earlier exported to
/// `facts` and adding this package's.
pub fn analyze(
    package: Package<'_>,
    analyzers: &[&'static Analyzer],
    facts: &mut Facts,
) -> Outcome {
    let mut outcome = Outcome::default();
    let well_typed = package.errors.iter().all(|e| e.soft);
    for &analyzer in analyzers {
        if !well_typed && !analyzer.run_despite_errors {
            continue;
        }
        let mut exported = Facts::default();
        let mut found = Vec::new();
        let ran = catch_unwind(AssertUnwindSafe(|| {
            let mut pass = Pass::new(analyzer, package, facts, &mut exported, &mut found);
            (analyzer.run)(&mut pass);
        }));
        match ran {
            Ok(()) => {
                outcome.diagnostics.append(&mut found);
                facts.merge(exported);
            }
            Err(panic) => outcome.bugs.push(format!(
                "analyzer {} panicked on package {}: {}",
                analyzer.name,
                package.world.package(package.package).path,
                panic_message(&*panic)
            )),
        }
    }
    outcome.diagnostics.sort_by(|a, b| {
        (a.file, a.range.start, a.analyzer, &a.message).cmp(&(
            b.file,
            b.range.start,
            b.analyzer,
            &b.message,
        ))
    });
    outcome
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An analyzer that fails on every package, as a bug would.
    static PANICS: Analyzer = Analyzer {
        name: "panics",
        doc: "fails on every package",
        suite: Suite::Gopls,
        default_enabled: false,
        severity: Severity::Warning,
        run_despite_errors: true,
        fixes_errors: false,
        run: |pass| {
            pass.report(0, TextRange::new(0, 1), "reported before failing");
            pass.export_fact("example.com/p.F".into(), "lost");
            panic!("index out of bounds");
        },
    };

    #[test]
    fn a_panicking_analyzer_loses_its_results_and_the_others_keep_theirs() {
        let src = "package p\n\nfunc F() {}\n\nvar _ = F == nil\n";
        let files = [SourceFile::parse("p.go", src)];
        let mut world = World::default();
        struct NoImports;
        impl hir::Importer for NoImports {
            fn import(&mut self, _: &mut World, path: &str) -> Result<PackageId, String> {
                Err(format!("no package {path}"))
            }
        }
        let result = hir::check_package(
            &mut world,
            "example.com/p",
            &files,
            &mut NoImports,
            &hir::Config::default(),
        );
        assert!(result.errors.is_empty(), "{:?}", result.errors);
        let package = Package {
            world: &world,
            package: result.package,
            files: &files,
            info: &result.info,
            errors: &result.errors,
        };
        let mut facts = Facts::default();
        let nilfunc = &passes::nilfunc::ANALYZER;
        let outcome = analyze(package, &[&PANICS, nilfunc], &mut facts);
        assert_eq!(outcome.bugs.len(), 1, "{:?}", outcome.bugs);
        assert!(
            outcome.bugs[0].contains("panics") && outcome.bugs[0].contains("index out of bounds"),
            "{}",
            outcome.bugs[0]
        );
        let names: Vec<&str> = outcome.diagnostics.iter().map(|d| d.analyzer).collect();
        assert_eq!(names, ["nilfunc"]);
        assert!(facts.is_empty(), "the failed analyzer's facts are dropped");
    }
}
