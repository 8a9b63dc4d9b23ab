//! The extended grammar parses go1.26 `new(expr)` and go1.27 method type parameters, accepts
//! the ill-typed code that Go's parser accepts, keeps tree-sitter-go 0.25.0's node kinds and
//! field names, and parses all of GOROOT/src.

use std::collections::BTreeSet;

use tree_sitter::{Language, Node, Parser, Tree};

fn ext() -> Language {
    tree_sitter_go_ext::LANGUAGE.into()
}

fn stock() -> Language {
    tree_sitter_go::LANGUAGE.into()
}

fn parse_with(lang: &Language, src: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(lang)
        .expect("grammar ABI accepted by the runtime");
    parser.parse(src, None).expect("parse returns a tree")
}

/// Parses `src` with the extended grammar and asserts the tree has no ERROR/MISSING node.
fn parse_ok(src: &str) -> Tree {
    let tree = parse_with(&ext(), src);
    let root = tree.root_node();
    assert!(
        !root.has_error(),
        "parse error in:\n{src}\ntree: {}",
        root.to_sexp()
    );
    tree
}

/// `src` as the body of a function, in a file.
fn in_func(stmt: &str) -> String {
    format!("package p\n\nfunc f() {{\n\t{stmt}\n}}\n")
}

/// The first node of kind `kind` in preorder.
fn find<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    if node.kind() == kind {
        return Some(node);
    }
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .find_map(|child| find(child, kind))
}

/// The first argument of the first `new`/`make` call.
fn first_special_arg(tree: &Tree) -> Node<'_> {
    let call = find(tree.root_node(), "call_expression").expect("a call_expression");
    let function = call
        .child_by_field_name("function")
        .expect("function field");
    assert_eq!(function.kind(), "identifier");
    let args = call
        .child_by_field_name("arguments")
        .expect("arguments field");
    assert_eq!(args.kind(), "argument_list");
    args.named_child(0).expect("a first argument")
}

#[test]
fn language_loads_with_runtime() {
    let lang = ext();
    assert_eq!(lang.abi_version(), 15);
    assert_eq!(lang.name(), Some("go_ext"));
    let mut parser = Parser::new();
    parser.set_language(&lang).unwrap();
}

#[test]
fn new_with_type_argument_is_unchanged() {
    let src = in_func("p := new(int)");
    let tree = parse_ok(&src);
    assert_eq!(first_special_arg(&tree).kind(), "type_identifier");
    // Same tree as the stock grammar, which only accepted a type here.
    assert_eq!(
        tree.root_node().to_sexp(),
        parse_with(&stock(), &src).root_node().to_sexp()
    );
}

#[test]
fn new_with_expression_argument() {
    let tree = parse_ok(&in_func("p := new(42)"));
    assert_eq!(first_special_arg(&tree).kind(), "int_literal");

    let tree = parse_ok(&in_func("p := new(x + 1)"));
    let arg = first_special_arg(&tree);
    assert_eq!(arg.kind(), "binary_expression");
    assert_eq!(arg.child_by_field_name("operator").unwrap().kind(), "+");

    let tree = parse_ok(&in_func(r#"p := new(f("a", 1))"#));
    assert_eq!(first_special_arg(&tree).kind(), "call_expression");

    // The stock grammar cannot parse these.
    assert!(
        parse_with(&stock(), &in_func("p := new(42)"))
            .root_node()
            .has_error()
    );
}

#[test]
fn make_is_unchanged() {
    for stmt in [
        "m := make(map[string]int, 10)",
        "s := make([]T, n)",
        "c := make(chan int)",
    ] {
        let src = in_func(stmt);
        let tree = parse_ok(&src);
        let first = first_special_arg(&tree);
        assert!(
            first.kind().ends_with("_type"),
            "{stmt}: first argument is {}",
            first.kind()
        );
        assert_eq!(
            tree.root_node().to_sexp(),
            parse_with(&stock(), &src).root_node().to_sexp(),
            "{stmt}"
        );
    }
    let tree = parse_ok(&in_func("s := make([]T, n)"));
    assert_eq!(first_special_arg(&tree).kind(), "slice_type");
}

#[test]
fn generic_function_and_type_are_unchanged() {
    let src = "package p\n\n\
        type List[T any] struct {\n\tnext *List[T]\n\tval  T\n}\n\n\
        func Map[S ~[]E, E, F any](s S, f func(E) F) []F { return nil }\n\n\
        var x = Map[[]int, int, string](nil, nil)\n";
    let tree = parse_ok(src);
    assert_eq!(
        tree.root_node().to_sexp(),
        parse_with(&stock(), src).root_node().to_sexp()
    );
    let func = find(tree.root_node(), "function_declaration").unwrap();
    let tparams = func.child_by_field_name("type_parameters").unwrap();
    assert_eq!(tparams.kind(), "type_parameter_list");
    assert_eq!(tparams.named_child_count(), 2);
}

#[test]
fn method_with_type_parameters() {
    let src = "package p\n\nfunc (r *R) M[T any](x T) T { return x }\n";
    let tree = parse_ok(src);
    assert!(
        parse_with(&stock(), src).root_node().has_error(),
        "stock grammar rejects it"
    );

    let method = find(tree.root_node(), "method_declaration").expect("a method_declaration");
    let text = |n: Node<'_>| &src[n.byte_range()];
    let name = method.child_by_field_name("name").unwrap();
    assert_eq!((name.kind(), text(name)), ("field_identifier", "M"));
    let tparams = method
        .child_by_field_name("type_parameters")
        .expect("type_parameters field");
    assert_eq!(tparams.kind(), "type_parameter_list");
    assert_eq!(text(tparams), "[T any]");
    let decl = tparams.named_child(0).unwrap();
    assert_eq!(decl.kind(), "type_parameter_declaration");
    assert_eq!(text(decl.child_by_field_name("name").unwrap()), "T");
    assert_eq!(
        decl.child_by_field_name("type").unwrap().kind(),
        "type_constraint"
    );
    assert_eq!(
        text(method.child_by_field_name("receiver").unwrap()),
        "(r *R)"
    );
    assert_eq!(
        text(method.child_by_field_name("parameters").unwrap()),
        "(x T)"
    );
    assert_eq!(
        method.child_by_field_name("result").unwrap().kind(),
        "type_identifier"
    );
    assert_eq!(method.child_by_field_name("body").unwrap().kind(), "block");
}

#[test]
fn method_type_parameters_variants() {
    let src = "package p\n\nfunc (r *R) M[T any]()\n";
    let tree = parse_ok(src);
    let method = find(tree.root_node(), "method_declaration").unwrap();
    assert_eq!(
        method
            .child_by_field_name("type_parameters")
            .unwrap()
            .kind(),
        "type_parameter_list"
    );

    let src = "package p\n\n\
        func (r *Rand) M[T, U any, V interface{ ~int | ~string }](x T, y U) (V, error) {\n\
        \treturn r.g[V](x, y)\n}\n";
    let tree = parse_ok(src);
    let method = find(tree.root_node(), "method_declaration").unwrap();
    let tparams = method.child_by_field_name("type_parameters").unwrap();
    assert_eq!(tparams.named_child_count(), 2);

    // A method without type parameters has no such field, and the same tree as before.
    let src = "package p\n\nfunc (l *List[T]) Push(v T) { l.val = v }\n";
    let tree = parse_ok(src);
    let method = find(tree.root_node(), "method_declaration").unwrap();
    assert!(method.child_by_field_name("type_parameters").is_none());
    assert_eq!(
        tree.root_node().to_sexp(),
        parse_with(&stock(), src).root_node().to_sexp()
    );
}

/// Code that Go's parser (go/parser, gofmt) accepts and tree-sitter-go 0.25.0 rejects: it is
/// ill-typed, and the type checker reports it. Each is from Go's own test suites.
#[test]
fn go_parser_accepts_these() {
    let in_function = [
        "_ = make([]int, t...)",            // types/testdata/check/builtins0.go
        "_ = new(int...)",                  // test/ddd1.go
        "_ = [...]byte(\"foo\")",           // fixedbugs/issue42987.go
        "_ = ~b0",                          // check/expr0.go
        "f := struct{ A }.m",               // fixedbugs/issue53358.go
        "f := (interface{ I2 }).Sum",       // test/method4.dir/prog.go
        "interface{ M() T }.M(nil)",        // test/typeparam/issue51521.go
        "(interface{ int })",               // fixedbugs/issue11614.go
        "_ = []byte(\"abc\", \"def\", 12)", // fixedbugs/issue15055.go
        "return func(w W, r *R)\n",         // fixedbugs/bug358.go
        "f[x.(type)]()",                    // fixedbugs/issue58612.go
        "if x, ok := i.(type); ok {}",      // fixedbugs/issue24470.go
        "switch (i.(type)) {}",             // fixedbugs/issue4470.go
        "switch t := x.(type) { case 0: }", // fixedbugs/bug340.go
        "if ; false {}",                    // fixedbugs/bug002.go
        "switch ; { default: }",            // fixedbugs/bug003.go
        "L: L1:\n",                         // check/gotos.go
        "_:\n_:\n",                         // fixedbugs/issue52278.go
    ];
    let top_level = [
        "const _ int",                       // check/constdecl.go
        "const (\n\tA int = 1\n\tB byte\n)", // test/const2.go
        "const ( F = 1 )",                   // fixedbugs/bug123.go
        "var ( v int )",
        "type A [...]int",                      // fixedbugs/bug280.go
        "var mult [3][...]byte = [3][5]byte{}", // fixedbugs/bug287.go
        "var f = func(...A)",                   // fixedbugs/issue20233.go
        "var e = interface{ I1 }",              // fixedbugs/issue20245.go
        "var _ = len([]int)",
    ];
    let sources = in_function
        .iter()
        .map(|s| in_func(s))
        .chain(top_level.iter().map(|s| format!("package p\n\n{s}\n")));
    for src in sources {
        parse_ok(&src);
        assert!(
            parse_with(&stock(), &src).root_node().has_error(),
            "the stock grammar accepts it already:\n{src}"
        );
    }
}

/// The trees of the newly accepted constructs, as the lowering sees them.
#[test]
fn shapes_of_newly_accepted_constructs() {
    let body = |stmt: &str| {
        let sexp = parse_ok(&in_func(stmt)).root_node().to_sexp();
        let prefix = "(source_file (package_clause (package_identifier)) (function_declaration \
            name: (identifier) parameters: (parameter_list) body: (block (statement_list ";
        sexp.strip_prefix(prefix)
            .and_then(|s| s.strip_suffix("))))"))
            .unwrap_or_else(|| panic!("unexpected shape: {sexp}"))
            .to_string()
    };
    let expect = [
        (
            "make(s, t...)",
            "(expression_statement (call_expression function: (identifier) arguments: \
             (argument_list (type_identifier) (variadic_argument (identifier)))))",
        ),
        (
            "new(int...)",
            "(expression_statement (call_expression function: (identifier) arguments: \
             (argument_list (variadic_argument (identifier)))))",
        ),
        (
            "const c T",
            "(const_declaration (const_spec name: (identifier) type: (type_identifier)))",
        ),
        (
            "var a [...]T",
            "(var_declaration (var_spec name: (identifier) type: (implicit_length_array_type \
             element: (type_identifier))))",
        ),
        (
            "~x",
            "(expression_statement (unary_expression operand: (identifier)))",
        ),
        (
            "struct{ A }.m",
            "(expression_statement (selector_expression operand: (struct_type \
             (field_declaration_list (field_declaration type: (type_identifier)))) \
             field: (field_identifier)))",
        ),
        (
            "x = []T",
            "(assignment_statement left: (expression_list (identifier)) right: \
             (expression_list (slice_type element: (type_identifier))))",
        ),
        (
            "f(x.(type))",
            "(expression_statement (call_expression function: (identifier) arguments: \
             (argument_list (type_assertion_expression operand: (identifier)))))",
        ),
        (
            "L1: L2:\n",
            "(labeled_statement label: (label_name) (labeled_statement label: (label_name)))",
        ),
        (
            "if ; c {}",
            "(if_statement condition: (identifier) consequence: (block))",
        ),
        (
            "switch x.(type) { case 0, nil, T: }",
            "(type_switch_statement value: (identifier) (type_case type: (int_literal) \
             type: (type_identifier) type: (type_identifier)))",
        ),
    ];
    for (stmt, sexp) in expect {
        assert_eq!(body(stmt), sexp, "{stmt}");
    }
    // `~` is the operator of the unary expression, `x.(type)` has no `type` field.
    let tree = parse_ok(&in_func("_ = ~x"));
    let unary = find(tree.root_node(), "unary_expression").unwrap();
    assert_eq!(unary.child_by_field_name("operator").unwrap().kind(), "~");
    let tree = parse_ok(&in_func("_ = x.(type)"));
    let assertion = find(tree.root_node(), "type_assertion_expression").unwrap();
    assert!(assertion.child_by_field_name("type").is_none());
}

/// Where a new reading competes with the base grammar's for valid code, the base grammar's
/// wins: these trees are the stock grammar's.
#[test]
fn valid_code_keeps_its_trees() {
    for stmt in [
        "for _, s := range []string{\"a\"} {}",
        "for range [2]int{1, 2} {}",
        "for k := range map[int]int{1: 2} {}",
        "if v == (struct{}{}) {}",
        "if x == T {}",
        "_ = interface{}(x)",
        "_ = []byte(s)",
        "_ = (*T)(p)",
        "_ = func() {}",
        "_ = func() p.T { return nil }",
        "if f := func() {}; f != nil {}",
        "var f func() p.T",
        "var c chan p.T",
        "_ = struct{ a int }{1}",
        "switch v := x.(type) { case nil, int, *T, p.T, []int, G[int]: }",
        "switch x.(type) { case nil: }",
        "switch { case x: }",
        "L:\n",
        "if x := f(); x {}",
        "_ = x.(T)",
        "_ = make(map[string]int, 10)",
        "_ = append(s, t...)",
    ] {
        let src = in_func(stmt);
        let tree = parse_ok(&src);
        assert_eq!(
            tree.root_node().to_sexp(),
            parse_with(&stock(), &src).root_node().to_sexp(),
            "{stmt}"
        );
    }
    for decl in [
        "const (\n\ta = iota\n\tb\n)",
        "const x int = 1",
        "var (\n\tv int\n\tw = 2\n)",
        "type A [2]int",
    ] {
        let src = format!("package p\n\n{decl}\n");
        let tree = parse_ok(&src);
        assert_eq!(
            tree.root_node().to_sexp(),
            parse_with(&stock(), &src).root_node().to_sexp(),
            "{decl}"
        );
    }
}

/// Node kinds and field names that the extension adds to tree-sitter-go 0.25.0's.
/// Adding is allowed (list it here); renaming or removing is not.
const ADDED_KINDS: &[(&str, bool)] = &[];
const ADDED_FIELDS: &[&str] = &[];

/// The node kinds a tree can contain or a query can name: visible ones and supertypes.
fn node_kinds(lang: &Language) -> BTreeSet<(&str, bool)> {
    (0..lang.node_kind_count() as u16)
        .filter(|&id| lang.node_kind_is_visible(id) || lang.node_kind_is_supertype(id))
        // node_kind_is_named is false for (hidden) supertypes, but they are looked up as named.
        .map(|id| {
            let named = lang.node_kind_is_named(id) || lang.node_kind_is_supertype(id);
            (lang.node_kind_for_id(id).unwrap(), named)
        })
        .collect()
}

fn field_names(lang: &Language) -> BTreeSet<&str> {
    (1..=lang.field_count() as u16)
        .map(|id| lang.field_name_for_id(id).unwrap())
        .collect()
}

/// Every node kind and field name of tree-sitter-go 0.25.0 exists in the extension.
#[test]
fn node_kinds_and_fields_are_a_superset_of_stock() {
    let (stock, ext) = (stock(), ext());
    let (stock_kinds, ext_kinds) = (node_kinds(&stock), node_kinds(&ext));
    assert!(stock_kinds.len() > 150, "{} kinds", stock_kinds.len());
    let missing: Vec<_> = stock_kinds.difference(&ext_kinds).collect();
    assert!(
        missing.is_empty(),
        "node kinds (name, named) missing: {missing:?}"
    );
    let added: Vec<_> = ext_kinds.difference(&stock_kinds).copied().collect();
    assert_eq!(added, ADDED_KINDS, "node kinds (name, named) added");
    for &(kind, named) in &stock_kinds {
        assert_ne!(
            ext.id_for_node_kind(kind, named),
            0,
            "{kind:?} not found by name"
        );
    }

    let (stock_fields, ext_fields) = (field_names(&stock), field_names(&ext));
    let missing: Vec<_> = stock_fields.difference(&ext_fields).collect();
    assert!(missing.is_empty(), "fields missing: {missing:?}");
    let added: Vec<_> = ext_fields.difference(&stock_fields).copied().collect();
    assert_eq!(added, ADDED_FIELDS, "fields added");

    assert!(tree_sitter_go_ext::NODE_TYPES.contains("\"method_declaration\""));
}

// Parsing all of GOROOT/src with this grammar, with zero errors, is asserted by
// crates/syntax/tests/std_lowering.rs (which also lowers every file), so it is not repeated here.
