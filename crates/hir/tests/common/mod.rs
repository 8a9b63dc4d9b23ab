//! Test support shared by the checker's tests: check one file, with imports served from
//! in-memory sources, and list the errors as `line:col: message`.

#![allow(dead_code)]

use hir::{Config, Importer, PackageId, SourceFile, World};

/// Serves imports from `(path, source)` pairs, checking each package on first use.
pub struct SourceImporter {
    pub sources: Vec<(String, String)>,
}

impl Importer for SourceImporter {
    fn import(&mut self, world: &mut World, path: &str) -> Result<PackageId, String> {
        if let Some(p) = world.package_by_path(path) {
            return Ok(p);
        }
        let Some((_, src)) = self.sources.iter().find(|(p, _)| p == path).cloned() else {
            return Err(format!("package {path} is not in std"));
        };
        let file = SourceFile::parse(&format!("{path}/x.go"), &src);
        let result = hir::check_package(
            world,
            path,
            std::slice::from_ref(&file),
            self,
            &Config::default(),
        );
        assert!(
            result.errors.is_empty(),
            "errors in imported {path}: {:?}",
            result.errors
        );
        Ok(result.package)
    }
}

/// Checks `src` as one file and returns `line:col: message` for each error.
pub fn errors(src: &str) -> Vec<String> {
    errors_with(src, &[], &Config::default())
}

/// Like [`errors`], with importable packages and a configuration.
pub fn errors_with(src: &str, imports: &[(&str, &str)], config: &Config) -> Vec<String> {
    let file = SourceFile::parse("x.go", src);
    assert!(
        file.syntax_errors().is_empty(),
        "{:?}",
        file.syntax_errors()
    );
    let mut world = World::default();
    let mut importer = SourceImporter {
        sources: imports
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect(),
    };
    let result = hir::check_package(
        &mut world,
        "x",
        std::slice::from_ref(&file),
        &mut importer,
        config,
    );
    let index = syntax::LineIndex::new(src);
    result
        .errors
        .iter()
        .map(|e| {
            let lc = index.line_col(e.range.start);
            format!("{}:{}: {}", lc.line + 1, lc.col + 1, e.message)
        })
        .collect()
}

/// A configuration with go/types' test harness builtins (`assert`, `trace`).
pub fn test_config() -> Config {
    Config {
        test_funcs: true,
        ..Config::default()
    }
}

/// Checks `src` (which may have syntax errors) and returns all type errors' messages; for
/// robustness tests, which only care that checking finishes.
pub fn check_any(src: &str, config: &Config) -> Vec<String> {
    let file = SourceFile::parse("x.go", src);
    let mut world = World::default();
    let mut importer = SourceImporter {
        sources: vec![("unsafe2".into(), "package unsafe2\n".into())],
    };
    let result = hir::check_package(
        &mut world,
        "x",
        std::slice::from_ref(&file),
        &mut importer,
        config,
    );
    result.errors.into_iter().map(|e| e.message).collect()
}
