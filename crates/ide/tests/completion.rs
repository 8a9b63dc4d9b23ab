//! Completion at `$0`: names in scope, members, keywords, literal fields, labels, unimported
//! packages, ranking by the expected type, and broken code mid-typing.

mod fixture;

use fixture::Fixture;
use ide::{CompletionConfig, CompletionItem, CompletionKind};

fn complete_with(text: &str, snippets: bool) -> (Fixture, Vec<CompletionItem>) {
    let f = Fixture::new(text);
    let items = f
        .analysis()
        .completions(f.file, f.offset, CompletionConfig { snippets })
        .expect("not cancelled");
    (f, items)
}

fn complete(text: &str) -> Vec<CompletionItem> {
    complete_with(text, false).1
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

fn find<'a>(items: &'a [CompletionItem], label: &str) -> &'a CompletionItem {
    items
        .iter()
        .find(|i| i.label == label)
        .unwrap_or_else(|| panic!("no {label} in {:?}", labels(items)))
}

fn has(items: &[CompletionItem], label: &str) -> bool {
    items.iter().any(|i| i.label == label)
}

/// The rank of `label` among the items (0 is first).
fn rank(items: &[CompletionItem], label: &str) -> usize {
    items
        .iter()
        .position(|i| i.label == label)
        .unwrap_or_else(|| panic!("no {label} in {:?}", labels(items)))
}

const FMT: &str = r#"//- /go/src/fmt/print.go
package fmt

// Println formats using the default formats for its operands.
func Println(a ...any) (n int, err error) { return 0, nil }

func Sprintf(format string, a ...any) string { return "" }

type Stringer interface {
	String() string
}

func newPrinter() int { return 0 }
"#;

const STRINGS: &str = r#"//- /go/src/strings/strings.go
package strings

func ToUpper(s string) string { return s }

func HasPrefix(s, prefix string) bool { return false }

type Builder struct{ buf []byte }

func (b *Builder) WriteString(s string) (int, error) { return 0, nil }

func explode(s string) []string { return nil }
//- /go/src/strings/strings_test.go
package strings

func TestToUpper() {}
"#;

// ---- names in scope ----

#[test]
fn locals_params_package_level_and_universe() {
    let items = complete(
        "package a\n\nvar global int\n\nfunc helper() {}\n\nfunc f(param string) {\n\tlocal := 1\n\t$0\n\t_ = local\n}\n",
    );
    for name in [
        "local", "param", "global", "helper", "f", "len", "string", "nil",
    ] {
        assert!(has(&items, name), "{name} missing: {:?}", labels(&items));
    }
    assert_eq!(find(&items, "local").kind, CompletionKind::Var);
    assert_eq!(
        find(&items, "local").detail.as_deref(),
        Some("var local int")
    );
    assert_eq!(find(&items, "helper").kind, CompletionKind::Func);
    assert_eq!(
        find(&items, "helper").detail.as_deref(),
        Some("func helper()")
    );
    // Inner scopes come before outer ones.
    assert!(rank(&items, "local") < rank(&items, "global"));
    assert!(rank(&items, "global") < rank(&items, "len"));
}

#[test]
fn names_declared_after_the_cursor_are_not_offered() {
    let items = complete(
        "package a\n\nfunc f() {\n\tbefore := 1\n\tb$0\n\tbehind := 2\n\t_, _ = before, behind\n}\n",
    );
    assert!(has(&items, "before"));
    assert!(!has(&items, "behind"), "{:?}", labels(&items));
}

#[test]
fn inner_names_shadow_outer_ones() {
    let items = complete(
        "package a\n\nvar x string\n\nfunc f() {\n\tx := 1\n\t_ = x\n\t{\n\t\t_ = x$0\n\t}\n}\n",
    );
    let xs: Vec<&CompletionItem> = items.iter().filter(|i| i.label == "x").collect();
    assert_eq!(xs.len(), 1);
    assert_eq!(xs[0].detail.as_deref(), Some("var x int"));
}

#[test]
fn imported_package_names_are_in_scope() {
    let text =
        format!("{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfm$0\n}}\n");
    let items = complete(&text);
    let fmt = find(&items, "fmt");
    assert_eq!(fmt.kind, CompletionKind::Package);
    assert_eq!(fmt.range.len(), 2);
}

#[test]
fn fuzzy_matching_prefers_prefixes() {
    let items = complete(
        "package a\n\nfunc readString() {}\nfunc ReadAll() {}\nfunc unread() {}\n\nfunc f() {\n\trs$0\n}\n",
    );
    assert!(has(&items, "readString"));
    assert!(!has(&items, "ReadAll"), "{:?}", labels(&items));
    let items = complete(
        "package a\n\nfunc readString() {}\nfunc ReadAll() {}\nfunc unread() {}\n\nfunc f() {\n\tread$0\n}\n",
    );
    assert!(rank(&items, "readString") < rank(&items, "ReadAll"));
    assert!(
        !has(&items, "unread"),
        "prefixes and word starts only: {:?}",
        labels(&items)
    );
}

// ---- members ----

#[test]
fn fields_and_methods_with_promotion_and_pointer_receivers() {
    let items = complete(
        "package a\n\ntype Inner struct{ Deep int }\n\nfunc (i *Inner) PtrMethod() {}\n\ntype T struct {\n\tInner\n\tname string\n}\n\nfunc (t T) Value() int { return 0 }\n\nfunc f(t T) {\n\tt.$0\n}\n",
    );
    for name in ["Deep", "PtrMethod", "name", "Value", "Inner"] {
        assert!(has(&items, name), "{name} missing: {:?}", labels(&items));
    }
    assert_eq!(find(&items, "Deep").kind, CompletionKind::Field);
    assert_eq!(find(&items, "Value").kind, CompletionKind::Method);
    assert_eq!(
        find(&items, "Value").detail.as_deref(),
        Some("func (t T) Value() int")
    );
    // Declared members before promoted ones; no names of the scope after a dot.
    assert!(rank(&items, "name") < rank(&items, "Deep"));
    assert!(!has(&items, "f") && !has(&items, "len"));
}

#[test]
fn promotion_follows_depth_and_ambiguity() {
    let text = "package a\n\ntype A struct{ X int; Z int }\ntype B struct{ X int }\n\ntype T struct {\n\tA\n\tB\n\tY int\n}\n\ntype U struct {\n\tA\n\tZ string\n}\n\nfunc f(t T, u U) {\n\tt.$0\n}\n";
    let items = complete(text);
    assert!(has(&items, "Y") && has(&items, "Z") && has(&items, "A") && has(&items, "B"));
    assert!(
        !has(&items, "X"),
        "X is ambiguous at depth 1: {:?}",
        labels(&items)
    );
    let items = complete(&text.replace("t.$0", "u.$0"));
    let zs: Vec<&CompletionItem> = items.iter().filter(|i| i.label == "Z").collect();
    assert_eq!(zs.len(), 1);
    assert_eq!(
        zs[0].detail.as_deref(),
        Some("field Z string"),
        "the shallower Z wins"
    );
}

#[test]
fn pointer_methods_need_an_addressable_value() {
    let text = "package a\n\ntype T struct{ A int }\n\nfunc (t *T) Ptr() {}\nfunc (t T) Val() {}\n\nfunc mk() T { return T{} }\n\nfunc f(t T) {\n\tmk().$0\n}\n";
    let items = complete(text);
    assert!(has(&items, "Val") && has(&items, "A"));
    assert!(!has(&items, "Ptr"), "{:?}", labels(&items));
    let items = complete(&text.replace("mk().$0", "t.$0"));
    assert!(has(&items, "Ptr"));
}

#[test]
fn unexported_members_of_other_packages_are_hidden() {
    let text = format!(
        "{STRINGS}//- /w/a/a.go\npackage a\n\nimport \"strings\"\n\nfunc f(b *strings.Builder) {{\n\tb.$0\n}}\n"
    );
    let items = complete(&text);
    assert!(has(&items, "WriteString"));
    assert!(!has(&items, "buf"), "{:?}", labels(&items));
}

#[test]
fn package_members_are_exported_only() {
    let text =
        format!("{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfmt.$0\n}}\n");
    let items = complete(&text);
    assert!(has(&items, "Println") && has(&items, "Stringer") && has(&items, "Sprintf"));
    assert!(!has(&items, "newPrinter"), "{:?}", labels(&items));
    let println = find(&items, "Println");
    assert_eq!(
        println.detail.as_deref(),
        Some("func fmt.Println(a ...any) (n int, err error)")
    );
    assert_eq!(println.insert_text, "Println");
    assert!(!println.is_snippet);
}

#[test]
fn member_after_dot_at_the_end_of_a_body_line() {
    // `x.` with nothing after it, more statements below: the body does not parse.
    let items = complete(
        "package a\n\ntype T struct{ Field int }\n\nfunc f() {\n\tx := T{}\n\tx.$0\n\ty := 2\n\t_ = y\n}\n",
    );
    assert!(has(&items, "Field"), "{:?}", labels(&items));
}

#[test]
fn member_with_a_typed_prefix() {
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfmt.Pri$0\n}}\n"
    );
    let items = complete(&text);
    assert_eq!(labels(&items), vec!["Println"]);
    assert_eq!(items[0].range.len(), 3);
}

#[test]
fn package_members_with_nothing_after_the_dot() {
    let text =
        format!("{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tfmt.$0\n}}\n");
    let items = complete(&text);
    assert!(has(&items, "Println"));
}

#[test]
fn members_inside_an_unclosed_call() {
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\ntype T struct{{ Name string }}\n\nfunc f(t T) {{\n\tfmt.Println(1, t.$0\n\tfmt.Println(2)\n}}\n"
    );
    let items = complete(&text);
    assert!(has(&items, "Name"), "{:?}", labels(&items));
}

#[test]
fn names_inside_an_unclosed_call() {
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f(count int) {{\n\tfmt.Println(co$0\n}}\n"
    );
    let items = complete(&text);
    assert!(has(&items, "count"), "{:?}", labels(&items));
}

#[test]
fn method_expressions_offer_methods_only() {
    let items = complete(
        "package a\n\ntype T struct{ n int }\n\nfunc (T) M() {}\n\nfunc f() {\n\t_ = T.$0\n}\n",
    );
    assert!(has(&items, "M"));
    assert!(!has(&items, "n"), "{:?}", labels(&items));
}

// ---- struct literals ----

#[test]
fn struct_literal_field_names() {
    let items = complete(
        "package a\n\ntype Point struct{ X, Y int; label string }\n\nfunc f() {\n\t_ = Point{X: 1, $0}\n}\n",
    );
    let y = find(&items, "Y");
    assert_eq!(y.kind, CompletionKind::Field);
    assert_eq!(y.insert_text, "Y: ");
    assert!(has(&items, "label"));
    assert!(
        !items
            .iter()
            .any(|i| i.label == "X" && i.kind == CompletionKind::Field),
        "X is keyed already"
    );
    assert!(rank(&items, "Y") < rank(&items, "f"));
    let items =
        complete("package a\n\ntype Point struct{ X, Y int }\n\nfunc f() {\n\t_ = Point{$0}\n}\n");
    assert_eq!(find(&items, "X").insert_text, "X: ");
    assert!(!has(&items, "for"), "no statements inside a literal");
}

// ---- keywords and snippets ----

#[test]
fn keywords_by_position() {
    let items = complete("package a\n\n$0\n");
    for keyword in ["func", "type", "var", "const", "import"] {
        assert!(has(&items, keyword), "{keyword}: {:?}", labels(&items));
    }
    assert!(!has(&items, "return") && !has(&items, "for"));

    let items = complete("package a\n\nfunc f() int {\n\t$0\n\treturn 0\n}\n");
    for keyword in ["for", "if", "switch", "return", "defer", "go", "var"] {
        assert!(has(&items, keyword), "{keyword}: {:?}", labels(&items));
    }
    assert!(!has(&items, "import"));
    assert_eq!(find(&items, "return").kind, CompletionKind::Keyword);
}

#[test]
fn statement_snippets_need_snippet_support() {
    let text = "package a\n\nfunc f() {\n\t$0\n}\n";
    let (_, items) = complete_with(text, true);
    let snippet = items
        .iter()
        .find(|i| i.label == "forr" && i.kind == CompletionKind::Snippet)
        .expect("a range snippet");
    assert!(snippet.is_snippet);
    assert!(snippet.insert_text.contains("range ${3:x}"));
    let items = complete(text);
    assert!(!items.iter().any(|i| i.kind == CompletionKind::Snippet));
}

#[test]
fn case_and_default_inside_a_switch() {
    let items = complete("package a\n\nfunc f(x int) {\n\tswitch x {\n\t$0\n\t}\n}\n");
    assert!(has(&items, "case") && has(&items, "default"));
    let items = complete("package a\n\nfunc f(x int) {\n\t$0\n}\n");
    assert!(!has(&items, "case"));
}

#[test]
fn labels_after_break_continue_and_goto() {
    let text =
        "package a\n\nfunc f() {\nOuter:\n\tfor {\n\t\tbreak $0\n\t}\n\tgoto Outer\nDone:\n}\n";
    let items = complete(text);
    assert_eq!(labels(&items), vec!["Outer"]);
    assert_eq!(items[0].kind, CompletionKind::Label);
    let items =
        complete("package a\n\nfunc f() {\nOuter:\n\tfor {\n\t}\n\tgoto O$0\nOver:\n\t;\n}\n");
    // goto: every label of the function, before and after it.
    assert_eq!(labels(&items), vec!["Outer", "Over"]);
}

// ---- call snippets ----

#[test]
fn functions_insert_call_snippets_when_the_client_takes_them() {
    let text = "package a\n\nfunc add(a, b int) int { return a + b }\nfunc now() int { return 0 }\n\nfunc f() {\n\t_ = ad$0\n}\n";
    let (_, items) = complete_with(text, true);
    let add = find(&items, "add");
    assert!(add.is_snippet);
    assert_eq!(add.insert_text, "add(${1:})");
    let (_, items) = complete_with(&text.replace("ad$0", "no$0"), true);
    assert_eq!(find(&items, "now").insert_text, "now()");
    let items = complete(text);
    assert_eq!(find(&items, "add").insert_text, "add");
    assert!(!find(&items, "add").is_snippet);
}

#[test]
fn the_whole_identifier_is_replaced_and_a_written_call_kept() {
    let text = "package a\n\nfunc add(a, b int) int { return a + b }\n\nfunc f() {\n\t_ = ad$0d(1, 2)\n}\n";
    let (f, items) = complete_with(text, true);
    let add = find(&items, "add");
    assert_eq!(add.insert_text, "add", "the call is there already");
    assert!(!add.is_snippet);
    assert_eq!(&f.text(f.file)[add.range.as_usize()], "add");
}

#[test]
fn a_function_value_is_not_called() {
    let text = "package a\n\nfunc run(f func()) {}\nfunc task() {}\n\nfunc f() {\n\trun(ta$0)\n}\n";
    let (_, items) = complete_with(text, true);
    assert_eq!(find(&items, "task").insert_text, "task");
}

// ---- ranking by the expected type ----

#[test]
fn the_expected_type_ranks_first() {
    // A return statement's result type.
    let items = complete(
        "package a\n\nfunc f() string {\n\tvar aNumber int\n\tvar aText string\n\t_ = aNumber\n\t_ = aText\n\treturn a$0\n}\n",
    );
    assert!(
        rank(&items, "aText") < rank(&items, "aNumber"),
        "{:?}",
        labels(&items)
    );
    // An assignment's left side.
    let items = complete(
        "package a\n\nfunc f() {\n\tvar aNumber int\n\tvar aText string\n\taText = a$0\n\t_ = aNumber\n}\n",
    );
    assert!(
        rank(&items, "aText") < rank(&items, "aNumber"),
        "{:?}",
        labels(&items)
    );
    let items = complete(
        "package a\n\nfunc f() {\n\tvar aText string\n\tvar aNumber int\n\taNumber = a$0\n\t_ = aText\n}\n",
    );
    assert!(
        rank(&items, "aNumber") < rank(&items, "aText"),
        "{:?}",
        labels(&items)
    );
}

#[test]
fn a_call_arguments_parameter_type_ranks_first() {
    let items = complete(
        "package a\n\nfunc take(n int, s string) {}\n\nfunc f() {\n\tsText := \"\"\n\tsNum := 1\n\ttake(sNum, s$0)\n}\n",
    );
    assert!(
        rank(&items, "sText") < rank(&items, "sNum"),
        "{:?}",
        labels(&items)
    );
    let items = complete(
        "package a\n\nfunc take(n int, s string) {}\n\nfunc f() {\n\tsText := \"\"\n\tsNum := 1\n\ttake(s$0\n}\n",
    );
    assert!(
        rank(&items, "sNum") < rank(&items, "sText"),
        "in an unclosed call: {:?}",
        labels(&items)
    );
}

#[test]
fn functions_rank_by_their_result() {
    let items = complete(
        "package a\n\nfunc mkInt() int { return 0 }\nfunc mkText() string { return \"\" }\n\nfunc f() string {\n\treturn mk$0\n}\n",
    );
    assert!(
        rank(&items, "mkText") < rank(&items, "mkInt"),
        "{:?}",
        labels(&items)
    );
}

#[test]
fn composite_literals_of_the_expected_type() {
    let text = "package a\n\ntype Config struct{ N int }\n\nfunc use(c *Config, xs []int) {}\n\nfunc f() {\n\tuse($0)\n}\n";
    let (_, items) = complete_with(text, true);
    let literal = find(&items, "&Config{}");
    assert_eq!(literal.insert_text, "&Config{$0}");
    assert!(literal.is_snippet);
    let items = complete(&text.replace("use($0)", "use(nil, $0)"));
    assert_eq!(find(&items, "[]int{}").insert_text, "[]int{}");
    assert!(!has(&items, "&Config{}"));
}

#[test]
fn interfaces_rank_their_implementations() {
    let items = complete(
        "package a\n\ntype Shape interface{ Area() int }\ntype Square struct{}\n\nfunc (Square) Area() int { return 0 }\n\nfunc draw(s Shape) {}\n\nfunc f() {\n\tvar vSquare Square\n\tvar vCount int\n\t_ = vCount\n\tdraw(v$0)\n}\n",
    );
    assert!(
        rank(&items, "vSquare") < rank(&items, "vCount"),
        "{:?}",
        labels(&items)
    );
}

// ---- unimported packages ----

#[test]
fn an_unimported_package_offers_its_members_and_the_import() {
    let text = format!(
        "{STRINGS}//- /w/a/a.go\npackage a\n\nfunc f() string {{\n\treturn strings.$0\n}}\n"
    );
    let (f, items) = complete_with(&text, false);
    let upper = find(&items, "ToUpper");
    assert_eq!(upper.kind, CompletionKind::Func);
    assert!(
        !has(&items, "explode") && !has(&items, "TestToUpper"),
        "{:?}",
        labels(&items)
    );
    assert_eq!(upper.additional_edits.len(), 1);
    let mut edited = f.text(f.file).to_string();
    let edit = &upper.additional_edits[0];
    edited.replace_range(edit.delete.as_usize(), &edit.insert);
    assert_eq!(
        edited,
        "package a\n\nimport \"strings\"\n\nfunc f() string {\n\treturn strings.\n}\n"
    );
}

#[test]
fn an_unimported_package_joins_the_import_group() {
    let text = format!(
        "{FMT}{STRINGS}//- /w/a/a.go\npackage a\n\nimport (\n\t\"fmt\"\n)\n\nfunc f() {{\n\tfmt.Println(strings.To$0)\n}}\n"
    );
    let (f, items) = complete_with(&text, false);
    assert_eq!(labels(&items), vec!["ToUpper"]);
    let mut edited = f.text(f.file).to_string();
    let edit = &items[0].additional_edits[0];
    edited.replace_range(edit.delete.as_usize(), &edit.insert);
    assert!(
        edited.starts_with("package a\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n"),
        "{edited}"
    );
}

#[test]
fn unimported_package_names_with_the_import() {
    let text = format!(
        "{STRINGS}{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tvar local int\n\t_ = stri$0\n}}\n"
    );
    let (f, items) = complete_with(&text, false);
    let strings = find(&items, "strings");
    assert_eq!(strings.kind, CompletionKind::Package);
    assert_eq!(
        strings.detail.as_deref(),
        Some("package strings (\"strings\")")
    );
    let mut edited = f.text(f.file).to_string();
    let edit = &strings.additional_edits[0];
    edited.replace_range(edit.delete.as_usize(), &edit.insert);
    assert!(
        edited.starts_with("package a\n\nimport \"fmt\"\nimport \"strings\"\n"),
        "{edited}"
    );
    // Imported already: offered once, without an edit; names in scope rank above packages.
    let items = complete(&text.replace("stri$0", "f$0"));
    let fmts: Vec<&CompletionItem> = items.iter().filter(|i| i.label == "fmt").collect();
    assert_eq!(fmts.len(), 1);
    assert!(fmts[0].additional_edits.is_empty());
    let items = complete(&text.replace("stri$0", "s$0"));
    assert!(
        rank(&items, "string") < rank(&items, "strings"),
        "{:?}",
        labels(&items)
    );
}

#[test]
fn a_variable_is_not_taken_for_a_package() {
    let text = format!(
        "{STRINGS}//- /w/a/a.go\npackage a\n\nfunc f(strings int) {{\n\t_ = strings.$0\n}}\n"
    );
    let items = complete(&text);
    assert!(!has(&items, "ToUpper"), "{:?}", labels(&items));
}

// ---- broken code and bad input ----

#[test]
fn a_missing_closing_brace_still_gives_what_syntax_knows() {
    // The file does not parse outside bodies: the package is not checked.
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nvar counter int\n\nfunc f() {{\n\tif true {{\n\t\tco$0\n}}\n\nfunc g() {{}}\n"
    );
    let items = complete(&text);
    assert!(has(&items, "counter"), "{:?}", labels(&items));
    assert!(
        has(&items, "const") || has(&items, "continue"),
        "{:?}",
        labels(&items)
    );
    let text = format!(
        "{FMT}//- /w/a/a.go\npackage a\n\nimport \"fmt\"\n\nfunc f() {{\n\tif true {{\n\t\tfmt.$0\n}}\n\nfunc g() {{}}\n"
    );
    let items = complete(&text);
    assert!(has(&items, "Println"), "{:?}", labels(&items));
    assert!(items[0].additional_edits.is_empty());
}

#[test]
fn a_broken_file_uses_the_last_check_of_its_package() {
    let good = "package a\n\ntype T struct{ Name string }\n\nfunc f(t T) {\n\tcount := 1\n\t_ = count\n\tg(t.Name)\n}\n\nfunc g(s string) {}\n";
    let mut f = Fixture::new(good);
    let config = CompletionConfig::default();
    let at = good.find("t.Name").expect("t.") as u32 + 2;
    let items = f
        .analysis()
        .completions(f.file, at, config)
        .expect("not cancelled");
    assert!(has(&items, "Name"));
    // An unclosed call on the body's last line: the parser drops the body, the package is
    // not checked; the last check still knows `t`, and the patch closes the call.
    let path = f.host.file_path(f.file).to_path_buf();
    let broken = good.replace("\tg(t.Name)\n}", "\tg(1, t.\n}");
    f.host.set_file_text(&path, broken.clone());
    let at = broken.find("g(1, t.").expect("call") as u32 + 7;
    let items = f
        .analysis()
        .completions(f.file, at, config)
        .expect("not cancelled");
    assert!(has(&items, "Name"), "{:?}", labels(&items));
    // A missing closing brace: names in scope at the cursor, locals included.
    let broken = good.replace("\t_ = count\n", "\tif true {\n\t\tco\n");
    f.host.set_file_text(&path, broken.clone());
    let at = broken.find("\t\tco").expect("co") as u32 + 4;
    let items = f
        .analysis()
        .completions(f.file, at, config)
        .expect("not cancelled");
    assert!(has(&items, "count"), "{:?}", labels(&items));
}

#[test]
fn no_completion_in_comments_strings_or_past_the_end() {
    for text in [
        "package a\n\n// a comm$0ent\nfunc f() {}\n",
        "package a\n\nfunc f() {\n\t_ = \"a str$0ing\"\n}\n",
        "package a\n\nfunc f() {\n\t_ = `raw\nstr$0ing`\n}\n",
        "package a\n\n/* block $0 */\n",
    ] {
        assert_eq!(complete(text), Vec::new(), "{text}");
    }
    let f = Fixture::new("package a\n\nfunc f() {}\n");
    let items = f
        .analysis()
        .completions(f.file, 10_000, CompletionConfig::default())
        .expect("not cancelled");
    assert!(items.is_empty());
}

#[test]
fn a_file_without_a_package_clause_gets_nothing() {
    assert!(complete("func f() {\n\t$0\n}\n").is_empty());
    assert!(complete("$0").is_empty());
}

#[test]
fn package_level_positions_use_the_declarations() {
    let items = complete("package a\n\ntype Config struct{}\n\nvar c Con$0\n");
    assert_eq!(find(&items, "Config").kind, CompletionKind::Type);
}
