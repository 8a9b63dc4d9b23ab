//! Data-driven syntax tests: every `test-fixtures/syntax/*.go` is parsed and lowered, and the
//! result (syntax errors, then the AST dump) must equal the `.ast` file beside it. Run with
//! `UPDATE_EXPECT=1` to rewrite the expectations after an intended change, then review the diff.

use std::{fs, path::PathBuf};

#[test]
fn syntax_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-fixtures/syntax");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("test-fixtures/syntax exists")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
    {
        let text = fs::read_to_string(&path).expect("fixture is UTF-8");
        let parse = syntax::parse(&text);
        let file = syntax::lower(&text, parse.tree());
        let mut actual = String::new();
        for error in parse.errors() {
            actual.push_str(&format!(
                "syntax error@{:?}: {}\n",
                error.range, error.message
            ));
        }
        actual.push_str(&syntax::dump(&file));
        let expect_path = path.with_extension("ast");
        let expected = fs::read_to_string(&expect_path).unwrap_or_default();
        if actual != expected {
            if update {
                fs::write(&expect_path, &actual).expect("write expectation");
            } else {
                failures.push(expect_path.display().to_string());
            }
        }
        checked += 1;
    }
    assert!(checked >= 3, "expected fixtures in {}", dir.display());
    assert!(
        failures.is_empty(),
        "AST dumps differ (rerun with UPDATE_EXPECT=1 and review): {failures:?}"
    );
}
