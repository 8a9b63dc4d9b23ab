//! Hostile input: deep nesting, huge and odd files. Each must parse and lower without a stack
//! overflow or a panic, and say what is wrong where something is.

use syntax::{MAX_DEPTH, ast::Expr};

fn parse_and_lower(text: &str) -> (syntax::Parse, syntax::ast::File) {
    let parse = syntax::parse(text);
    let file = syntax::lower(text, parse.tree());
    (parse, file)
}

#[test]
fn hundred_thousand_nested_parentheses() {
    let depth = 100_000;
    let text = format!(
        "package p\n\nvar x = {}1{}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (parse, file) = parse_and_lower(&text);
    assert!(parse.errors().is_empty(), "{:?}", parse.errors());
    assert_eq!(file.errors.len(), 1);
    assert_eq!(file.errors[0].message, "exceeded max nesting depth");
}

#[test]
fn unbalanced_nesting_reports_errors() {
    let text = format!("package p\n\nvar x = {}1\n", "(".repeat(100_000));
    let (parse, _) = parse_and_lower(&text);
    assert!(!parse.errors().is_empty());
}

#[test]
fn nesting_below_the_limit_is_lowered_in_full() {
    let depth = (MAX_DEPTH - 10) as usize;
    let text = format!(
        "package p\n\nvar x = {}1{}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (_, file) = parse_and_lower(&text);
    assert!(file.errors.is_empty());
    assert!(!file.exprs.iter().any(|e| matches!(e, Expr::Bad)));
}

#[test]
fn long_chains_are_not_limited_by_depth() {
    // 20,000 terms: generated code does this, and it is not "nesting" to a reader.
    let sum = vec!["1"; 20_000].join(" + ");
    let calls = "b".to_string() + &".f()".repeat(20_000);
    let text = format!("package p\n\nvar x = {sum}\nvar y = {calls}\n");
    let (parse, file) = parse_and_lower(&text);
    assert!(parse.errors().is_empty());
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert!(!file.exprs.iter().any(|e| matches!(e, Expr::Bad)));
}

#[test]
fn empty_and_package_less_files() {
    let (parse, file) = parse_and_lower("");
    assert!(file.package.is_none());
    assert!(parse.errors().is_empty() || parse.errors().len() == 1);
    let (_, file) = parse_and_lower("func f() {}\n");
    assert!(file.package.is_none());
    assert_eq!(file.decls.len(), 1);
}

#[test]
fn replacement_characters_and_control_bytes_do_not_panic() {
    let text = "package p\n\nvar s = \u{FFFD}\u{1}\u{7f} \"\u{FFFD}\"\n";
    let (parse, _) = parse_and_lower(text);
    assert!(!parse.errors().is_empty());
}
