//! directive: misplaced or malformed Go toolchain directives (`//go:debug`).

use project_model::modfile::quote::quote_rune;
use syntax::TextRange;

use crate::util::comment_groups;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "directive",
    doc: "check Go toolchain directives such as //go:debug\n\n\
          A //go:debug directive (https://go.dev/doc/godebug) belongs only in package main or \
          in a _test.go file, above the package clause; a directive's name must be followed by \
          an ordinary space or tab. //go:build lines are the buildtag analyzer's. We check the \
          package's Go files as built; go vet also reads the directory's other files and the \
          Go files the build excludes.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        check_file(pass, file);
    }
}

fn check_file(pass: &mut Pass<'_>, file: usize) {
    let text: &str = &pass.files[file].text;
    let Some(package) = pass.ast(file).package.as_ref() else {
        return;
    };
    let package_name = package.as_str();
    let clause = package_keyword(text, package.range);
    let main_or_test = package_name == "main" || pass.is_test_file(file);
    let mut in_header = true;
    for group in comment_groups(text) {
        // Directives are read up to the package clause (adjoining it is fine).
        if group.first().is_some_and(|c| c.start >= clause) {
            in_header = false;
        }
        for range in group {
            let Some(comment) = text.get(range.as_usize()) else {
                continue;
            };
            let comment = comment.strip_suffix('\r').unwrap_or(comment);
            check_comment(pass, file, range, comment, main_or_test, in_header);
        }
    }
}

/// The offset of the `package` keyword before the package name at `name`.
pub(crate) fn package_keyword(text: &str, name: TextRange) -> u32 {
    text.get(..name.start as usize)
        .and_then(|t| t.rfind("package"))
        .map_or(name.start, |i| i as u32)
}

fn check_comment(
    pass: &mut Pass<'_>,
    file: usize,
    range: TextRange,
    line: &str,
    main_or_test: bool,
    in_header: bool,
) {
    if !line.starts_with("//go:") {
        return;
    }
    // go vet's own tests end directives with `// ERROR ...`.
    let line = line.find(" // ERROR ").map_or(line, |i| &line[..i]);
    let mut verb = line;
    if let Some((i, space)) = line.char_indices().find(|(_, c)| c.is_whitespace()) {
        verb = &line[..i];
        if space != ' ' && space != '\t' {
            pass.report(
                file,
                range,
                format!("invalid space {} in {verb} directive", quote_rune(space)),
            );
        }
    }
    if verb != "//go:debug" {
        return;
    }
    if !main_or_test {
        pass.report(
            file,
            range,
            "//go:debug directive only valid in package main or test",
        );
    } else if !in_header {
        pass.report(
            file,
            range,
            "//go:debug directive only valid before package declaration",
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "directive");
    }

    /// Comment groups as go/parser forms them for the same text (offsets printed by Go).
    #[test]
    fn comment_groups_match_go_parser() {
        let text = r#"// a
// b

/* c */ // d
package p // e
// f

import "fmt" /* g
*/ // h

var s = `// not
a comment` // i
var r = '/' // j

func f() {
	x := 1 // k
	// l
	/* m */ y := 2
	_ = x / y // n
	// o

	// p
}
"#;
        let groups: Vec<Vec<(u32, u32)>> = crate::util::comment_groups(text)
            .iter()
            .map(|g| g.iter().map(|r| (r.start, r.end)).collect())
            .collect();
        let want: Vec<Vec<(u32, u32)>> = vec![
            vec![(0, 4), (5, 9)],
            vec![(11, 18), (19, 23)],
            vec![(34, 38)],
            vec![(39, 43)],
            vec![(58, 65)],
            vec![(66, 70)],
            vec![(99, 103)],
            vec![(116, 120)],
            vec![(141, 145)],
            vec![(147, 151), (153, 160)],
            vec![(179, 183)],
            vec![(185, 189)],
            vec![(192, 196)],
        ];
        assert_eq!(groups, want);
    }
}
