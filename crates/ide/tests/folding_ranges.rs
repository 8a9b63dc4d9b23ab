//! Folding ranges: what folds, where each range starts and ends (in lines, as editors show
//! them), with and without `lineFoldingOnly`, and in files that do not parse.

mod fixture;

use fixture::Fixture;
use ide::{FoldKind, FoldingConfig};

/// The folds of the fixture's file as `(first line, last line, kind)`, 0-based lines.
fn folds(text: &str, line_folding_only: bool) -> Vec<(u32, u32, FoldKind)> {
    let f = Fixture::new(text);
    let analysis = f.analysis();
    let index = analysis.line_index(f.file).expect("not cancelled");
    analysis
        .folding_ranges(f.file, FoldingConfig { line_folding_only })
        .expect("not cancelled")
        .into_iter()
        .map(|fold| {
            (
                index.line_col(fold.range.start).line,
                index.line_col(fold.range.end).line,
                fold.kind,
            )
        })
        .collect()
}

/// The 0-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the fixture")) as u32
}

const CODE: &str = r#"package a

import (
	"fmt"
	"os"
)

// T is a pair,
// written on two lines.
type T struct {
	a int
	b string
}

const (
	A = 1
	B = 2
)

func f(x int) {
	switch x {
	case 1:
		fmt.Println(
			"one",
		)
	default:
	}
	g := func() {
		os.Exit(1)
	}
	_ = []int{
		1,
	}
	_ = g
}

/*
A block comment
over three lines.
*/
var s = `raw
string`
"#;

#[test]
fn blocks_lists_groups_clauses_and_comments_fold() {
    use FoldKind::*;
    let l = |needle| line_of(CODE, needle);
    assert_eq!(
        folds(CODE, false),
        vec![
            (l("import ("), l(")"), Imports),
            (l("// T is"), l("// written"), Comment),
            (l("type T struct"), l("\tb string") + 1, Code),
            (l("const ("), l("B = 2") + 1, Code),
            (l("func f("), l("_ = g") + 1, Code),
            (l("switch x"), l("default:") + 1, Code),
            // A case clause folds after its colon, to the end of its last statement.
            (l("case 1:"), l("\"one\"") + 1, Code),
            (l("fmt.Println("), l("\"one\"") + 1, Code),
            (l("g := func"), l("os.Exit") + 1, Code),
            (l("[]int{"), l("1,") + 1, Code),
            (l("/*"), l("*/"), Comment),
            (l("var s = `raw"), l("string`"), Code),
        ]
    );
}

#[test]
fn line_folding_ends_on_the_line_before_the_closing_bracket() {
    use FoldKind::*;
    let l = |needle| line_of(CODE, needle);
    let got = folds(CODE, true);
    for (start, end, kind) in [
        (l("import ("), l("\"os\""), Imports),
        (l("type T struct"), l("\tb string"), Code),
        (l("func f("), l("_ = g"), Code),
        (l("switch x"), l("default:"), Code),
        (l("fmt.Println("), l("\"one\""), Code),
        (l("g := func"), l("os.Exit"), Code),
    ] {
        assert!(
            got.contains(&(start, end, kind)),
            "no fold {start}-{end} {kind:?} in {got:?}"
        );
    }
    // Every fold leaves the closing brace's line visible.
    let lines: Vec<&str> = CODE.lines().collect();
    for (_, end, _) in &got {
        let text = lines[*end as usize].trim();
        assert_ne!(text, "}", "a fold ends on a closing brace: {got:?}");
    }
}

#[test]
fn line_folding_skips_lists_sharing_a_line_with_their_brackets() {
    // As gopls: hiding the lines after `{1,` would hide `3}` with the closing brace.
    let text = "package a\n\nvar x = []int{1,\n\t2,\n\t3}\n";
    assert_eq!(folds(text, true), vec![]);
    // Without line folding the range between the braces can still be folded.
    assert_eq!(folds(text, false), vec![(2, 4, FoldKind::Code)]);
}

#[test]
fn region_markers_and_trailing_comments() {
    let text = "package a\n\n// region setup\nvar a = 1 // one\n// not a group with the line above\n\nvar b = 2\n// endregion\n";
    let got = folds(text, false);
    assert_eq!(got, vec![(2, 7, FoldKind::Region)], "{got:?}");
}

#[test]
fn a_file_with_syntax_errors_still_folds() {
    let text = "package a\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc broken() {\n\tx := \n\tif x {\n}\n\nfunc ok() {\n\tfmt.Println(\n\t\t1,\n\t)\n}\n";
    let f = Fixture::new(text);
    let analysis = f.analysis();
    assert!(
        !analysis
            .diagnostics(f.file)
            .expect("not cancelled")
            .is_empty(),
        "the fixture must not parse"
    );
    let got = folds(text, false);
    let l = |needle| line_of(text, needle);
    assert!(
        got.contains(&(l("import ("), l(")"), FoldKind::Imports)),
        "{got:?}"
    );
    assert!(
        got.contains(&(l("fmt.Println("), l("\t)"), FoldKind::Code)),
        "{got:?}"
    );
}

#[test]
fn unclosed_brackets_do_not_fold() {
    // The parser invents the missing `}`: there is no end to fold to.
    let text = "package a\n\nfunc f() {\n\tg(\n\t\t1,\n";
    let got = folds(text, false);
    assert!(got.iter().all(|(start, end, _)| start < end), "{got:?}");
    assert!(
        !got.iter().any(|(start, _, _)| *start == 2),
        "the unclosed body folded: {got:?}"
    );
}

#[test]
fn empty_files_and_files_without_package_clause() {
    assert_eq!(folds("", false), vec![]);
    assert_eq!(folds("", true), vec![]);
    let got = folds("func f() {\n\treturn\n}\n", true);
    assert_eq!(got, vec![(0, 1, FoldKind::Code)]);
}
