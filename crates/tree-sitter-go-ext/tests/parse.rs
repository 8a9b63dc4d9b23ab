//! The extended grammar parses go1.26 `new(expr)` and go1.27 method type parameters,
//! keeps tree-sitter-go 0.25.0's node kinds and field names, and parses all of GOROOT/src.

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
