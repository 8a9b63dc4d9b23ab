//! Signature help: the call around `$0`, its signature with parameter ranges, the active
//! parameter and the callee's doc.

mod fixture;

use fixture::Fixture;
use ide::SignatureHelp;

fn help(text: &str) -> Option<SignatureHelp> {
    let f = Fixture::new(text);
    f.analysis()
        .signature_help(f.file, f.offset)
        .expect("not cancelled")
}

/// The label with the active parameter marked `<...>`, e.g. `f(a int, <b string>)`.
fn render(help: &SignatureHelp) -> String {
    let mut label = help.label.clone();
    if let Some(p) = help.parameters.get(help.active_parameter as usize) {
        label.insert(p.end as usize, '>');
        label.insert(p.start as usize, '<');
    }
    label
}

#[track_caller]
fn check(text: &str, expect: &str) {
    let got = help(text).unwrap_or_else(|| panic!("no signature help in:\n{text}"));
    assert_eq!(render(&got), expect, "in:\n{text}");
}

const FMT: &str = r#"//- /go/src/fmt/print.go
package fmt

// Println formats using the default formats for its operands and writes to standard output.
// Spaces are always added between operands and a newline is appended.
func Println(a ...any) (n int, err error) { return 0, nil }
"#;

#[test]
fn first_and_second_parameter() {
    let src = "package a\n\nfunc f(a int, b string) bool { return false }\n\nfunc g() {\n\tf(1, \"x\")\n}\n";
    let at = |needle: &str| {
        let i = src.find(needle).unwrap();
        format!("{}$0{}", &src[..i], &src[i..])
    };
    check(&at("1, \"x\""), "f(<a int>, b string) bool");
    check(&at(", \"x\""), "f(<a int>, b string) bool");
    check(&at(" \"x\")"), "f(a int, <b string>) bool");
    check(&at("\")\n}"), "f(a int, <b string>) bool");
    check(&at(")\n}"), "f(a int, <b string>) bool");
}

#[test]
fn variadic_parameter_and_doc() {
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfmt.Println(1, 2, 3$0)\n}}\n"
    );
    let got = help(&text).expect("signature help");
    assert_eq!(render(&got), "Println(<a ...any>) (n int, err error)");
    assert_eq!(got.active_parameter, 0);
    assert_eq!(
        got.documentation.as_deref(),
        Some(
            "Println formats using the default formats for its operands and writes to standard output.\nSpaces are always added between operands and a newline is appended."
        )
    );
    check(
        "package a\n\nfunc f(format string, args ...int) {}\n\nfunc g() {\n\tf(\"\", 1, 2, $0)\n}\n",
        "f(format string, <args ...int>)",
    );
}

#[test]
fn method_value() {
    check(
        "package a\n\ntype T struct{}\n\n// m does it.\nfunc (T) m(x, y float64) {}\n\nfunc g(t *T) {\n\tt.m(1, $0)\n}\n",
        "m(x float64, <y float64>)",
    );
    let got = help(
        "package a\n\ntype T struct{}\n\n// m does it.\nfunc (T) m(x, y float64) {}\n\nfunc g(t *T) {\n\tt.m($0)\n}\n",
    )
    .unwrap();
    assert_eq!(got.documentation.as_deref(), Some("m does it."));
}

#[test]
fn generic_function_with_inferred_type_arguments() {
    let src = "package a\n\nfunc Map[T, U any](s []T, f func(T) U) []U { return nil }\n\nfunc g() {\n\t_ = Map([]int{1}, func(i int) string { return \"\" }$0)\n}\n";
    check(src, "Map(s []int, <f func(int) string>) []string");
    // A type parameter known only through another's constraint (`S ~[]E`), in a complete call.
    check(
        "package a\n\nfunc Index[S ~[]E, E comparable](s S, v E) int { return 0 }\n\nfunc g() {\n\t_ = Index([]string{\"a\"}, \"b\"$0)\n}\n",
        "Index(s []string, <v string>) int",
    );
    // Too few arguments: go/types checks the count before it infers, so nothing is inferred
    // and the generic signature shows (as gopls shows it).
    check(
        "package a\n\nfunc Index[S ~[]E, E comparable](s S, v E) int { return 0 }\n\nfunc g() {\n\t_ = Index([]string{\"a\"}, $0)\n}\n",
        "Index[S ~[]E, E comparable](s S, <v E>) int",
    );
    // A spread argument matches the variadic slice itself.
    check(
        "package a\n\nfunc Max[T int | float64](first T, rest ...T) T { return first }\n\nfunc g(xs []float64) {\n\t_ = Max(1.5, xs...$0)\n}\n",
        "Max(first float64, <rest ...float64>) float64",
    );
    // Nothing to infer from yet: the generic signature.
    check(
        "package a\n\nfunc Keys[K comparable, V any](m map[K]V) []K { return nil }\n\nfunc g() {\n\t_ = Keys($0)\n}\n",
        "Keys[K comparable, V any](<m map[K]V>) []K",
    );
    check(
        "package a\n\nfunc Map[T, U any](s []T, f func(T) U) []U { return nil }\n\nfunc g() {\n\t_ = Map($0)\n}\n",
        "Map[T, U any](<s []T>, f func(T) U) []U",
    );
}

#[test]
fn explicit_instantiation_and_function_values() {
    check(
        "package a\n\nfunc Map[T, U any](s []T, f func(T) U) []U { return nil }\n\nfunc g() {\n\t_ = Map[int, string](nil, $0)\n}\n",
        "Map(s []int, <f func(int) string>) []string",
    );
    // A variable and a struct field of function type.
    check(
        "package a\n\nvar handle func(code int, msg string) error\n\nfunc g() {\n\t_ = handle(1, $0)\n}\n",
        "handle(code int, <msg string>) error",
    );
    check(
        "package a\n\ntype S struct{ cb func(n int) }\n\nfunc g(s S) {\n\ts.cb($0)\n}\n",
        "cb(<n int>)",
    );
}

/// A call in a package-level initializer, checked with the package's declarations.
#[test]
fn package_level_call() {
    check(
        "package a\n\nfunc f(a int, b string) int { return 0 }\n\nvar x = f(1, $0\"\")\n",
        "f(a int, <b string>) int",
    );
}

/// Built-in functions: their documentation declarations in GOROOT give the signature.
#[test]
fn builtin_functions() {
    let builtin = "//- /go/src/builtin/builtin.go\npackage builtin\n\ntype Type int\n\n// The append built-in function appends elements to the end of a slice.\nfunc append(slice []Type, elems ...Type) []Type\n\n// The copy built-in function copies elements.\nfunc copy(dst, src []Type) int\n//- /go/src/unsafe/unsafe.go\npackage unsafe\n\ntype ArbitraryType int\n\n// Sizeof returns the size in bytes.\nfunc Sizeof(x ArbitraryType) uintptr\n";
    let got = help(&format!(
        "{builtin}//- /w/a/a.go\npackage a\n\nfunc g(xs []int) {{\n\txs = append(xs, 1, 2, $0)\n}}\n"
    ))
    .expect("signature help");
    assert_eq!(render(&got), "append(slice []Type, <elems ...Type>) []Type");
    assert_eq!(
        got.documentation.as_deref(),
        Some("The append built-in function appends elements to the end of a slice.")
    );
    check(
        &format!(
            "{builtin}//- /w/a/a.go\npackage a\n\nfunc g(xs []int) {{\n\t_ = copy(xs, $0)\n}}\n"
        ),
        "copy(dst []Type, <src []Type>) int",
    );
    check(
        &format!(
            "{builtin}//- /w/a/a.go\npackage a\n\nimport \"unsafe\"\n\nfunc g(x int) {{\n\t_ = unsafe.Sizeof($0)\n}}\n"
        ),
        "Sizeof(<x ArbitraryType>) uintptr",
    );
}

#[test]
fn nested_calls() {
    let src = "package a\n\nfunc f(a, b int) int { return 0 }\n\nfunc h(s string) int { return 0 }\n\nfunc g() {\n\tf(1, h(\"x$0\"))\n}\n";
    check(src, "h(<s string>) int");
    // Back in the outer call after the inner one closes.
    check(
        "package a\n\nfunc f(a, b int) int { return 0 }\n\nfunc h(s string) int { return 0 }\n\nfunc g() {\n\tf(h(\"x\"), $0)\n}\n",
        "f(a int, <b int>) int",
    );
    // A function type on an earlier line does not make the call a parameter list.
    check(
        "package a\n\nfunc f(a, b int) int { return 0 }\n\nfunc g() {\n\tvar cancel func()\n\t_ = cancel\n\tif f(1, $0) > 0 {\n\t}\n}\n",
        "f(a int, <b int>) int",
    );
    // A composite literal or an index inside the arguments leaves the call current.
    check(
        "package a\n\ntype P struct{ X, Y int }\n\nfunc f(p P, xs []int) {}\n\nfunc g() {\n\tf(P{X: 1, $0}, nil)\n}\n",
        "f(<p P>, xs []int)",
    );
}

/// Calls being typed, unclosed: the parser's recovery leaves no call node (or a mangled one),
/// and the callee is found by its name in the scope at the call.
#[test]
fn unclosed_call_in_broken_code() {
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\tf(x, $0\n\tx++\n}\n",
        "f(a int, <b string>)",
    );
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\tf(x, f($0\n\tx++\n}\n",
        "f(<a int>, b string)",
    );
    // The usual state while typing: the call is the body's last line.
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\tf(x, $0\n}\n",
        "f(a int, <b string>)",
    );
    // A comment ending in a dot right before the call is not part of the callee's name.
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\t// Do it.\n\tf(x, $0\n\tx++\n}\n",
        "f(a int, <b string>)",
    );
    // A method, through the receiver variable's type.
    check(
        "package a\n\ntype T struct{}\n\nfunc (T) m(x, y float64) {}\n\nfunc g(t T) {\n\tif true {\n\t\tt.m($0\n\t}\n}\n",
        "m(<x float64>, y float64)",
    );
    // Characters outside ASCII, in a literal and stray in the code.
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\tf(x → 'ö', \"ü$0\n\tx++\n}\n",
        "f(a int, <b string>)",
    );
    check(
        "package a\n\nfunc f(a int, b string) {}\n\nfunc g() {\n\tx := 1\n\tfor {\n\t\tf(x, $0\n\t}\n}\n",
        "f(a int, <b string>)",
    );
}

#[test]
fn nothing_outside_calls() {
    assert_eq!(
        help("package a\n\nfunc f(a int) {}\n\nfunc g() {\n\tf(1)$0\n}\n"),
        None
    );
    assert_eq!(
        help("package a\n\nfunc f(a int) {}\n\nfunc g() {\n\tf$0(1)\n}\n"),
        None
    );
    assert_eq!(help("package a\n\nfunc g(a int$0) {}\n"), None);
    assert_eq!(help("package a\n\nvar x = (1 + $0)\n"), None);
    // Inside a function literal passed to a call: its body is not the call's arguments.
    assert_eq!(
        help("package a\n\nfunc f(func()) {}\n\nfunc g() {\n\tf(func() {\n\t\tx := 1$0\n\t})\n}\n"),
        None
    );
    // Inside a string argument's text, and in a comment.
    assert_eq!(help("package a\n\nfunc g() {\n\t// f($0\n}\n"), None);
    let f = Fixture::new("package a\n");
    assert_eq!(f.analysis().signature_help(f.file, 10_000).unwrap(), None);
}
