//! Selection ranges: the chain of enclosing syntax from the token at `$0` out to the file,
//! checked as the text each step selects.

mod fixture;

use fixture::Fixture;

/// The text each range of the chain at the cursor selects, innermost first.
fn chain(text: &str) -> Vec<String> {
    let f = Fixture::new(text);
    let analysis = f.analysis();
    let source = f.text(f.file);
    analysis
        .selection_ranges(f.file, f.offset)
        .expect("not cancelled")
        .into_iter()
        .map(|r| source[r.as_usize()].to_string())
        .collect()
}

#[test]
fn from_an_identifier_out_to_the_file() {
    let text = "package a\n\nfunc f(x int) int {\n\treturn g(x$0 + 1, 2)\n}\n";
    let got = chain(text);
    let body = "{\n\treturn g(x + 1, 2)\n}";
    let func = format!("func f(x int) int {body}");
    assert_eq!(
        got,
        [
            "x",
            "x + 1",
            // The arguments without their parentheses, then with them.
            "x + 1, 2",
            "(x + 1, 2)",
            "g(x + 1, 2)",
            "return g(x + 1, 2)",
            body,
            &func,
            &format!("package a\n\n{func}"),
            &format!("package a\n\n{func}\n"),
        ]
    );
}

#[test]
fn the_cursor_before_a_name_selects_the_name() {
    let got = chain("package a\n\nvar v = $0name.field\n");
    assert_eq!(got[..2], ["name", "name.field"]);
    // Inside a string literal: its content, then the literal with its quotes.
    let got = chain("package a\n\nvar s = \"he$0llo\"\n");
    assert_eq!(got[..2], ["hello", "\"hello\""]);
}

#[test]
fn in_the_space_inside_brackets_the_chain_starts_at_the_brackets() {
    // The call's arguments do not hold the cursor; the argument list does.
    let got = chain("package a\n\nvar v = f( $0 1, 2)\n");
    assert_eq!(got[..2], ["(  1, 2)", "f(  1, 2)"]);
}

#[test]
fn every_step_is_larger_than_the_one_before_also_in_broken_code() {
    let text = "package a\n\nfunc f() {\n\tx := g(1,\n\tif x$0 {\n\t}\n}\n\nfunc h() {}\n";
    let f = Fixture::new(text);
    let analysis = f.analysis();
    let ranges = analysis
        .selection_ranges(f.file, f.offset)
        .expect("not cancelled");
    assert!(ranges.len() >= 3, "{ranges:?}");
    let source = text.replace("$0", "");
    assert_eq!(ranges.first().map(|r| &source[r.as_usize()]), Some("x"));
    for pair in ranges.windows(2) {
        let (inner, outer) = (pair[0], pair[1]);
        assert!(
            outer.start <= inner.start && inner.end <= outer.end && inner != outer,
            "{ranges:?}"
        );
    }
    assert_eq!(
        ranges.last().map(|r| r.len() as usize),
        Some(text.len() - 2)
    );
}

#[test]
fn past_the_end_and_empty_files_have_no_ranges() {
    let f = Fixture::new("package a\n");
    let analysis = f.analysis();
    assert_eq!(
        analysis
            .selection_ranges(f.file, 500)
            .expect("not cancelled"),
        vec![]
    );
    let f = Fixture::new("");
    let analysis = f.analysis();
    assert_eq!(
        analysis.selection_ranges(f.file, 0).expect("not cancelled"),
        vec![]
    );
    // No package clause: the declarations are still there to select.
    assert_eq!(chain("func f() { $0x() }\n")[..2], ["x", "x()"]);
}
