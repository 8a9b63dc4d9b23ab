//! Package-level declarations: redeclarations, recursive types, cycles, imports, methods.

mod common;

use common::errors;

#[test]
fn redeclared_at_package_level() {
    assert_eq!(
        errors("package p\nvar x int\nvar x string\n"),
        ["3:5: x redeclared in this block"]
    );
}

#[test]
fn recursive_struct_type() {
    assert_eq!(
        errors("package p\ntype T struct{ f T }\n"),
        ["2:6: invalid recursive type: T refers to itself"]
    );
    assert_eq!(
        errors("package p\ntype A struct{ b B }\ntype B struct{ a A }\n"),
        ["2:6: invalid recursive type A"]
    );
    assert!(errors("package p\ntype T struct{ next *T; s []T; m map[int]T }\n").is_empty());
}

#[test]
fn alias_and_definition_cycles() {
    assert_eq!(
        errors("package p\ntype A = B\ntype B = A\n"),
        ["2:6: invalid recursive type A"]
    );
    assert_eq!(
        errors("package p\ntype A B\ntype B A\n"),
        ["2:6: invalid recursive type A"]
    );
}

#[test]
fn unresolved_import() {
    assert_eq!(
        errors("package p\nimport \"nope\"\n"),
        ["2:8: could not import nope (package nope is not in std)"]
    );
}

#[test]
fn duplicate_method() {
    let errs = errors("package p\ntype T int\nfunc (T) m() {}\nfunc (T) m() {}\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("4:10: method T.m already declared at x.go:3:10"),
        "{errs:?}"
    );
}

#[test]
fn undefined_type() {
    assert_eq!(
        errors("package p\nvar x undefinedT\n"),
        ["2:7: undefined: undefinedT"]
    );
}
