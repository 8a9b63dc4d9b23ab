//! Type parameters: generic functions and types, instantiation, type sets, inference, and
//! operations on type parameter operands, against go/types' messages and positions.

mod common;

use common::errors;

#[test]
fn mutually_recursive_generic_types_terminate() {
    let src = "package p\n\ntype (\n\tN[P any] M[P]\n\tM[P any] N[P]\n)\n\ntype (\n\tN1[P any] *M1[P]\n\tM1[P any] *N1[P]\n)\n";
    for _ in 0..20 {
        let _ = errors(src);
    }
}

#[test]
fn constraint_mentioning_its_type_parameter_terminates() {
    let src = "package p\n\ntype Numeric interface {\n\t~int | ~int8\n}\n\ntype numericAbs[T Numeric] interface {\n\t~struct{ Value T }\n\tAbs() T\n}\n\nfunc absDifference[T numericAbs[T]](a, b T) T {\n\treturn a\n}\n";
    let errs = errors(src);
    assert_eq!(errs, vec!["12:33: T does not satisfy Numeric"]);
}

#[test]
fn wrong_type_argument_is_reported_once() {
    let src = "package p\n\nfunc f[P int](P) {}\n\nfunc _() {\n\t_ = f[int]\n\t_ = f[[]int]\n\tf(0)\n\tf([]int{})\n}\n";
    let errs = errors(src);
    assert_eq!(errs.len(), 2, "{errs:?}");
}

const LIB: &str = "package p

type Number interface{ ~int | ~float64 }

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
	r := make([]R, 0, len(s))
	for _, v := range s {
		r = append(r, f(v))
	}
	return r
}

type List[T any] struct{ items []T }

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }
func (l *List[T]) Len() int  { return len(l.items) }

func Keys[K comparable, V any](m map[K]V) []K { return nil }
";

/// Messages and positions as go/types reports them for the same source.
#[test]
fn generic_functions_types_and_constraints() {
    let src = format!(
        "{LIB}
func _() {{
	_ = Sum([]int{{1, 2}})
	_ = Sum([]float64{{1.5}})
	_ = Map([]int{{1}}, func(i int) string {{ return \"\" }})
	var l List[string]
	l.Push(\"a\")
	l.Push(1)
	_ = l.Len()
	_ = Sum([]string{{\"a\"}})
	_ = Keys[func()]
	var _ List
	_ = Keys
	_ = Sum[int, int]
}}

type U interface{{ int | ~int }}
type V interface{{ comparable | int }}

func Zero[T any]() T {{ var z T; return z }}
var _ = Zero()
"
    );
    let mut errs = errors(&src);
    errs.sort();
    let mut want = vec![
        "34:9: cannot use 1 (untyped int constant) as string value in argument to l.Push",
        "36:6: string does not satisfy Number (string missing in ~int | ~float64)",
        "37:6: cannot infer V (declared at x.go:26:25)",
        "38:8: cannot use generic type List[T any] without instantiation",
        "39:6: cannot use generic function Keys without instantiation",
        "40:15: got 2 type arguments but want 1",
        "43:25: overlapping terms ~int and int",
        "44:19: cannot use comparable in union",
        "47:9: in call to Zero, cannot infer T (declared at x.go:46:11)",
    ];
    want.sort();
    assert_eq!(errs, want);
}

/// Operations on type parameter operands go through their type sets.
#[test]
fn type_parameter_operands() {
    let src = "package p

type Stringer interface{ String() string }

func F[T any, N ~int | ~int64, S Stringer, C comparable](t T, n N, s S, c C) {
	_ = t + t
	_ = n + n
	_ = n << 2
	_ = t == t
	_ = c == c
	_ = s.String()
	_ = t.String()
	_ = int64(n)
	_ = N(3)
	var x int = n
	_ = x
	_ = len(t)
	var p *N = &n
	_ = *p + 1
}
";
    let errs = errors(src);
    assert_eq!(
        errs,
        vec![
            "6:6: invalid operation: operator + not defined on t (variable of type T constrained by any)",
            "9:6: invalid operation: t == t (incomparable types in type set)",
            "12:8: t.String undefined (type T has no field or method String)",
            "15:14: cannot use n (variable of type N constrained by ~int | ~int64) as int value in variable declaration",
            "17:10: invalid argument: t (variable of type T constrained by any) for built-in len",
        ]
    );
}

/// Generic aliases (go1.24): instantiated by substitution, printed with their type
/// arguments, constraints verified; the errors go/types gives.
#[test]
fn generic_aliases() {
    let src = r#"package p

type Set[K comparable] = map[K]struct{}

func size(s Set[string]) int { return len(s) }

var _ = size(map[string]struct{}{})
var _ Set[[]int]
var s Set[int]
var _ string = s
var _ Set[int, int]

type A[P any] = P

type L[T any] = []T

func (L[T]) m() {}
"#;
    assert_eq!(
        errors(src),
        [
            "8:11: []int does not satisfy comparable",
            "10:16: cannot use s (variable of map type Set[int]) as string value in variable declaration",
            "11:7: too many type arguments for type Set: have 2, want 1",
            "13:17: cannot use type parameter declared in alias declaration as RHS",
            "17:7: cannot define new methods on generic alias type L[T any]",
        ]
    );
}

/// Pathological generics terminate with a diagnostic (issue 5's bad input): an instantiation
/// that grows without end, inference that cannot settle, constraint cycles, a thousand type
/// parameters, and an instantiation depth bomb.
#[test]
fn pathological_generics_terminate_with_a_diagnostic() {
    // Infinitely expanding instantiation, reached through a method called in a loop.
    let expanding = "package p\n\ntype T[P any] struct{ f *T[[]P] }\n\nfunc (t T[P]) m() { t.f.m() }\n\nfunc g[P any](n int) {\n\tfor i := 0; i < n; i++ {\n\t\tg[[]P](n)\n\t}\n}\n";
    let errs = errors(expanding);
    assert!(
        errs.iter().any(|e| e.contains("instantiation cycle")),
        "{errs:?}"
    );

    // Inference that never converges: P must be []P.
    let diverging = "package p\n\nfunc f[P any](P, []P) {}\n\nfunc _[Q any](q Q) {\n\tvar x []Q\n\tf(x, x)\n}\n";
    let errs = errors(diverging);
    assert!(
        errs.iter().any(|e| e.contains("does not match")),
        "{errs:?}"
    );

    // Constraint cycles.
    let cycles = "package p\n\ntype C[P C[P]] interface{ m() P }\n\nfunc f[P interface{ *Q }, Q interface{ *P }]() {}\n\nfunc _() { f() }\n";
    let errs = errors(cycles);
    assert!(errs.iter().any(|e| e.contains("cannot infer")), "{errs:?}");

    // A thousand type parameters, all inferred.
    let names: Vec<String> = (0..1000).map(|i| format!("P{i}")).collect();
    let many = format!(
        "package p\n\nfunc f[{} any]({}) {{}}\n\nfunc _() {{\n\tf({})\n}}\n",
        names.join(", "),
        names
            .iter()
            .map(|n| format!("_ {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        (0..1000)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    assert_eq!(errors(&many), Vec::<String>::new());

    // An instantiation depth bomb: each level doubles the type.
    let mut bomb = String::from("package p\n\ntype P0[T any] struct{ a, b T }\n");
    for i in 1..40 {
        bomb.push_str(&format!(
            "type P{i}[T any] struct{{ a, b P{}[P{}[T]] }}\n",
            i - 1,
            i - 1
        ));
    }
    bomb.push_str("var x P39[int]\nvar _ int = x\n");
    let errs = errors(&bomb);
    assert!(errs.iter().any(|e| e.contains("cannot use x")), "{errs:?}");
}
