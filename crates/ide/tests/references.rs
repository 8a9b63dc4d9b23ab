//! References and document highlights: the identifiers denoting the object at `$0`, across
//! function bodies, files and importing packages.

mod fixture;

use fixture::Fixture;
use ide::HighlightKind;

/// (path, text of the line, column) of each reference, sorted.
fn references(f: &Fixture, include_declaration: bool) -> Vec<(String, u32)> {
    let analysis = f.analysis();
    let mut out: Vec<(String, u32)> = analysis
        .references(f.file, f.offset, include_declaration)
        .expect("not cancelled")
        .into_iter()
        .map(|t| {
            let path = analysis.file_path(t.file).unwrap();
            let text = analysis.file_text(t.file).unwrap();
            assert_eq!(
                &text[t.range.as_usize()],
                "Total",
                "a reference's range covers the name"
            );
            (path.display().to_string(), t.range.start)
        })
        .collect();
    out.sort();
    out
}

const LIB: &str = "//- /w/lib/lib.go
package lib

// Total sums.
func Total(xs ...int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

var all = Total(1, 2)
//- /w/lib/more.go
package lib

func twice() int { return Total(1) + Total(2) }
//- /w/app/app.go
package app

import \"example.com/m/lib\"

func Run() int { return lib.Total$0(3) }
//- /w/other/other.go
package other

func Total() int { return 0 }

var _ = Total()
";

#[test]
fn references_span_bodies_files_and_importers_and_no_namesakes() {
    let f = Fixture::new(LIB);
    let got = references(&f, true);
    let files: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        files,
        [
            "/w/app/app.go",
            "/w/lib/lib.go",
            "/w/lib/lib.go",
            "/w/lib/more.go",
            "/w/lib/more.go"
        ],
        "{got:?}"
    );
    // Without the declaration: one fewer, the one in lib.go's func line.
    let without = references(&f, false);
    assert_eq!(without.len(), got.len() - 1);
    let declaration =
        LIB.find("func Total").unwrap() as u32 + 5 - LIB.find("package lib").unwrap() as u32;
    assert!(got.contains(&("/w/lib/lib.go".to_string(), declaration)));
    assert!(!without.contains(&("/w/lib/lib.go".to_string(), declaration)));
}

#[test]
fn highlights_mark_declarations_and_assignments_as_writes() {
    let text = "package a\n\nfunc f() int {\n\tn$0 := 0\n\tn += 2\n\tn, m := n+1, 3\n\t_ = m\n\treturn n\n}\n";
    let f = Fixture::new(text);
    let got: Vec<(u32, HighlightKind)> = f
        .analysis()
        .highlights(f.file, f.offset)
        .unwrap()
        .into_iter()
        .map(|h| (h.range.start, h.kind))
        .collect();
    let clean = text.replace("$0", "");
    let starts: Vec<u32> = clean
        .match_indices('n')
        .filter(|(i, _)| {
            let b = clean.as_bytes();
            !b[i - 1].is_ascii_alphanumeric() && !b[i + 1].is_ascii_alphanumeric()
        })
        .map(|(i, _)| i as u32)
        .collect();
    use HighlightKind::*;
    let kinds = [Write, Write, Write, Read, Read];
    assert_eq!(got, starts.into_iter().zip(kinds).collect::<Vec<_>>());
}

#[test]
fn a_local_is_found_only_in_its_function() {
    let text = "package a\n\nfunc f() int {\n\tx := 1\n\treturn x$0\n}\n\nfunc g() int {\n\tx := 2\n\treturn x\n}\n";
    let f = Fixture::new(text);
    let got = f.analysis().references(f.file, f.offset, true).unwrap();
    let clean = text.replace("$0", "");
    let g = clean.find("func g").unwrap() as u32;
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|t| t.range.start < g));
}
