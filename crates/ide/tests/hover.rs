//! Hover: the declaration, the doc comment and the link for the identifier at `$0`.

mod fixture;

use fixture::Fixture;

/// The hover's Markdown at the fixture's cursor, or "" when there is none.
fn hover(text: &str) -> String {
    let f = Fixture::new(text);
    f.analysis()
        .hover(f.file, f.offset)
        .expect("not cancelled")
        .map(|h| h.markdown)
        .unwrap_or_default()
}

fn check(text: &str, expect: &str) {
    let got = hover(text);
    assert_eq!(got.trim(), expect.trim(), "hover of:\n{text}");
}

const FMT: &str = r#"//- /go/src/fmt/print.go
package fmt

// Println formats using the default formats for its operands and writes to standard output.
// Spaces are always added between operands and a newline is appended.
func Println(a ...any) (n int, err error) { return 0, nil }

// Stringer is implemented by any value that has a String method.
type Stringer interface {
	String() string
}
"#;

#[test]
fn a_local_variable_in_a_body() {
    check(
        "package a\n\nfunc f() {\n\tx := 1\n\t_ = x$0\n}\n",
        "```go\nvar x int\n```",
    );
}

#[test]
fn a_function_of_another_package_with_doc_and_link() {
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfmt.Print$0ln(1)\n}}\n"
    );
    check(
        &text,
        "```go\nfunc fmt.Println(a ...any) (n int, err error)\n```\n\nPrintln formats using the default formats for its operands and writes to standard output.\nSpaces are always added between operands and a newline is appended.\n\n[`fmt.Println` on pkg.go.dev](https://pkg.go.dev/fmt#Println)",
    );
}

#[test]
fn a_type_shows_its_declaration() {
    let text = format!("{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nvar s fmt.Stri$0nger\n");
    let got = hover(&text);
    assert!(
        got.starts_with("```go\ntype Stringer interface {\n\tString() string\n}\n```"),
        "{got}"
    );
}

#[test]
fn a_method_with_its_receiver() {
    check(
        "package a\n\ntype T struct{ n int }\n\n// Len is n.\nfunc (t *T) Len() int { return t.n }\n\nfunc f(t T) int { return t.Le$0n() }\n",
        "```go\nfunc (t *T) Len() int\n```\n\nLen is n.\n\n[`(a.T).Len` on pkg.go.dev](https://pkg.go.dev/example.com/m/a#T.Len)",
    );
}

#[test]
fn a_struct_field_and_a_constant() {
    check(
        "package a\n\ntype T struct{ n int }\n\nfunc f(t T) int { return t.n$0 }\n",
        "```go\nfield n int\n```",
    );
    check(
        "package a\n\n// Max is big.\nconst Max = 1 << 10\n\nvar _ = Ma$0x\n",
        "```go\nconst Max untyped int = 1 << 10 // 1024\n```\n\nMax is big.\n\n[`a.Max` on pkg.go.dev](https://pkg.go.dev/example.com/m/a#Max)",
    );
}

#[test]
fn nothing_in_comments_strings_and_past_the_end() {
    assert_eq!(hover("package a\n\n// x$0 y\nvar x int\n"), "");
    assert_eq!(hover("package a\n\nvar s = \"a b$0c\"\n"), "");
    let f = Fixture::new("package a\n\nvar x int\n");
    assert_eq!(f.analysis().hover(f.file, 10_000).unwrap(), None);
}

const FMT_DOC: &str = "//- /go/src/fmt/doc.go
// Package fmt implements formatted I/O.
package fmt
";

#[test]
fn an_import_path_and_a_package_name_show_the_package_doc() {
    let expect = "```go\npackage fmt\n```\n\nPackage fmt implements formatted I/O.\n\n[`fmt` on pkg.go.dev](https://pkg.go.dev/fmt)";
    let text = format!(
        "{FMT_DOC}{FMT}//- /w/a/a.go\npackage a\n\nimport \"f$0mt\"\n\nvar _ = fmt.Println\n"
    );
    check(&text, expect);
    let text = format!(
        "{FMT_DOC}{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nvar _ = fm$0t.Println\n"
    );
    check(&text, expect);
}

#[test]
fn a_builtin_is_described_by_the_toolchains_builtin_go() {
    let builtin = "//- /go/src/builtin/builtin.go\npackage builtin\n\n// The len built-in function returns the length of v.\nfunc len(v Type) int\n\n// int is a signed integer type.\ntype int int\n";
    check(
        &format!("{builtin}//- /w/a/a.go\npackage a\n\nvar n = le$0n(\"abc\")\n"),
        "```go\nfunc len(v Type) int\n```\n\nThe len built-in function returns the length of v.",
    );
    check(
        &format!("{builtin}//- /w/a/a.go\npackage a\n\nvar n in$0t\n"),
        "```go\ntype int int\n```\n\nint is a signed integer type.",
    );
}

#[test]
fn constants_show_their_expression_and_value() {
    check(
        "package a\n\nconst (\n\tKB = 1 << 10\n\tMB = KB << 10\n\tZero = 0\n)\n\nvar _ = M$0B\n",
        "```go\nconst MB untyped int = KB << 10 // 1048576\n```\n\n[`a.MB` on pkg.go.dev](https://pkg.go.dev/example.com/m/a#MB)",
    );
    check(
        "package a\n\nconst (\n\tZero = 0\n)\n\nvar _ = Ze$0ro\n",
        "```go\nconst Zero untyped int = 0\n```\n\n[`a.Zero` on pkg.go.dev](https://pkg.go.dev/example.com/m/a#Zero)",
    );
}

#[test]
fn generic_functions_embedded_fields_and_renamed_imports() {
    check(
        "package a\n\nfunc first[E any](s []E) E { return s[0] }\n\nvar _ = fir$0st[int]\n",
        "```go\nfunc first[E any](s []E) E\n```",
    );
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\ntype T struct {{\n\tfmt.Stri$0nger\n}}\n"
    );
    check(&text, "```go\nfield Stringer fmt.Stringer\n```");
    let text = format!("{FMT}//- /w/a/a.go\npackage a\n\nimport f \"fmt\"\n\nvar s$0 f.Stringer\n");
    check(&text, "```go\nvar s f.Stringer\n```");
}

#[test]
fn the_package_clause_shows_the_package_doc() {
    let text = "//- /w/a/doc.go\n// Package a does things.\npackage a\n//- /w/a/a.go\npackage a$0\n\nvar x int\n";
    check(
        text,
        "```go\npackage a\n```\n\nPackage a does things.\n\n[`example.com/m/a` on pkg.go.dev](https://pkg.go.dev/example.com/m/a)",
    );
}

#[test]
fn uses_show_instances_and_promotion() {
    check(
        "package a\n\nfunc first[E any](s []E) E { return s[0] }\n\nvar _ = fir$0st([]int{1})\n",
        "```go\nfunc first(s []int) int // func[E any](s []E) E\n```",
    );
    check(
        "package a\n\ntype Info struct{ Types int }\n\ntype Checker struct{ *Info }\n\nfunc f(c Checker) int { return c.Ty$0pes }\n",
        "```go\nfield Types int // through *Info\n```",
    );
}

#[test]
fn a_type_lists_its_methods() {
    check(
        "package a\n\ntype T struct{ n int }\n\nfunc (t T) Len() int { return t.n }\n\nfunc (t *T) reset() { t.n = 0 }\n\nvar x T$0\n",
        "```go\ntype T struct{ n int }\n\nfunc (t T) Len() int\nfunc (t *T) reset()\n```\n\n[`a.T` on pkg.go.dev](https://pkg.go.dev/example.com/m/a#T)",
    );
}

#[test]
fn a_field_shows_its_tag() {
    check(
        "package a\n\ntype T struct {\n\tName string `json:\"name\"`\n}\n\nfunc f(t T) string { return t.Na$0me }\n",
        "```go\nfield Name string `json:\"name\"`\n```",
    );
}

#[test]
fn a_method_of_an_interface_literal() {
    check(
        "package a\n\nfunc f(x any) {\n\tif c, ok := x.(interface{ Conn() int }); ok {\n\t\t_ = c.Co$0nn()\n\t}\n}\n",
        "```go\nfunc (interface) Conn() int\n```",
    );
}
