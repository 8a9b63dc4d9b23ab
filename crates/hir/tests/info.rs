//! The facts recorded for the IDE beyond types and objects: the selection of every selector
//! expression and the scope of every scope-introducing node. Expected values are go/types'
//! own (`types.Info.Selections` and `Info.Scopes`, printed by a go/types program run on the
//! same sources).

mod common;

use hir::info::SelectionKind;
use hir::typestring::Qualifier;
use hir::world::ScopeId;
use hir::{Config, SourceFile, World};
use syntax::TextRange;

use common::SourceImporter;

/// A package imported by the tests: a type with a pointer and a value method.
const LIB: &str = "package lib

type Buf struct{ data []byte }

func (b *Buf) Reset()   { b.data = nil }
func (b *Buf) Len() int { return len(b.data) }
func (b Buf) Cap() int  { return cap(b.data) }

func New() *Buf { return new(Buf) }
";

/// Checks `srcs` as the files of package `p` (with package `lib` importable), insisting
/// they are free of errors.
fn check(srcs: &[&str]) -> (World, Vec<SourceFile>, hir::CheckResult) {
    let files: Vec<SourceFile> = srcs
        .iter()
        .enumerate()
        .map(|(i, src)| SourceFile::parse(&format!("p{i}.go"), src))
        .collect();
    for file in &files {
        assert!(
            file.syntax_errors().is_empty(),
            "{:?}",
            file.syntax_errors()
        );
    }
    let mut world = World::default();
    let mut importer = SourceImporter {
        sources: vec![("lib".to_string(), LIB.to_string())],
    };
    let result = hir::check_package(&mut world, "p", &files, &mut importer, &Config::default());
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    (world, files, result)
}

/// Every recorded selection of `src`, in source order (outer selectors first when they start
/// at the same place), as the go/types program prints them: `line:col expr kind recv=T
/// obj=name:type index=[i j] indirect=b`, types qualified by package name.
fn selections(src: &str) -> Vec<String> {
    let (world, files, result) = check(&[src]);
    let lines = syntax::LineIndex::new(src);
    let qf = Qualifier {
        local: None,
        ambiguous: &[],

        import_names: &[],
    };
    let mut rows: Vec<(u32, u32, String)> = result
        .info
        .selections
        .iter()
        .map(|(&(file, e), s)| {
            assert_eq!(file, 0);
            let r = files[0].ast.expr_range(e);
            let lc = lines.line_col(r.start);
            let kind = match s.kind {
                SelectionKind::FieldVal => "FieldVal",
                SelectionKind::MethodVal => "MethodVal",
                SelectionKind::MethodExpr => "MethodExpr",
            };
            let index: Vec<String> = s.index.iter().map(usize::to_string).collect();
            let line = format!(
                "{}:{} {} {kind} recv={} obj={}:{} index=[{}] indirect={}",
                lc.line + 1,
                lc.col + 1,
                &src[r.start as usize..r.end as usize],
                world.type_string(s.recv, qf),
                world.obj(s.obj).name,
                world.type_string(world.obj(s.obj).ty, qf),
                index.join(" "),
                s.indirect
            );
            (r.start, r.end, line)
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, _, line)| line).collect()
}

/// The offset of the `n`th (0-based) occurrence of `needle` in `src`.
fn offset(src: &str, needle: &str, n: usize) -> u32 {
    let (at, _) = src
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("no occurrence {n} of {needle:?}"));
    at as u32
}

/// The names declared in `scope`, sorted.
fn names(world: &World, scope: ScopeId) -> Vec<String> {
    let mut names: Vec<String> = world
        .scope(scope)
        .names
        .keys()
        .map(|k| k.to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn field_selections_follow_embedded_fields_and_pointers() {
    let src = "package p

import \"unsafe\"

type A struct{ B }
type B struct{ *C }
type C struct{ f int }

type T struct{ x int }
type P struct{ *T }

func f(a A, t T, pt *T, pp P) {
	_ = a.f
	_ = a.B.C.f
	_ = a.C
	_ = t.x
	_ = pt.x
	_ = pp.x
	_ = unsafe.Offsetof(a.B)
	_ = unsafe.Offsetof(pt.x)
}
";
    assert_eq!(
        selections(src),
        [
            // Through B, then the embedded *C: a pointer on the way.
            "13:6 a.f FieldVal recv=p.A obj=f:int index=[0 0 0] indirect=true",
            "14:6 a.B FieldVal recv=p.A obj=B:p.B index=[0] indirect=false",
            "14:6 a.B.C FieldVal recv=p.B obj=C:*p.C index=[0] indirect=false",
            "14:6 a.B.C.f FieldVal recv=*p.C obj=f:int index=[0] indirect=true",
            // The embedded pointer field itself is reached without an indirection.
            "15:6 a.C FieldVal recv=p.A obj=C:*p.C index=[0 0] indirect=false",
            "16:6 t.x FieldVal recv=p.T obj=x:int index=[0] indirect=false",
            "17:6 pt.x FieldVal recv=*p.T obj=x:int index=[0] indirect=true",
            "18:6 pp.x FieldVal recv=p.P obj=x:int index=[0 0] indirect=true",
            // unsafe.Offsetof records its selector with the struct type as receiver, never
            // indirect (go/types).
            "19:22 a.B FieldVal recv=p.A obj=B:p.B index=[0] indirect=false",
            "20:22 pt.x FieldVal recv=p.T obj=x:int index=[0] indirect=false",
        ]
    );
}

#[test]
fn method_value_selections() {
    let src = "package p

import \"lib\"

type T struct{}

func (*T) M() {}
func (T) V()  {}

type I interface{ Do(int) string }

type P struct{ *T }

type S struct {
	I
	*lib.Buf
}

func f(pt *T, i I, pp P, s S) {
	var v T
	_ = v.M
	_ = v.V
	_ = pt.M
	_ = pt.V
	_ = i.Do
	_ = pp.M
	_ = s.Do
	_ = s.Len
	_ = s.Cap
	T{}.V()
}
";
    assert_eq!(
        selections(src),
        [
            // A pointer method of an addressable variable: `(&v).M`, no indirection.
            "21:6 v.M MethodVal recv=p.T obj=M:func() index=[0] indirect=false",
            "22:6 v.V MethodVal recv=p.T obj=V:func() index=[1] indirect=false",
            "23:6 pt.M MethodVal recv=*p.T obj=M:func() index=[0] indirect=true",
            "24:6 pt.V MethodVal recv=*p.T obj=V:func() index=[1] indirect=true",
            "25:6 i.Do MethodVal recv=p.I obj=Do:func(int) string index=[0] indirect=false",
            "26:6 pp.M MethodVal recv=p.P obj=M:func() index=[0 0] indirect=true",
            "27:6 s.Do MethodVal recv=p.S obj=Do:func(int) string index=[0 0] indirect=false",
            // Methods of another package's type, promoted through an embedded pointer; the
            // index is the method's place in its declaration order.
            "28:6 s.Len MethodVal recv=p.S obj=Len:func() int index=[1 1] indirect=true",
            "29:6 s.Cap MethodVal recv=p.S obj=Cap:func() int index=[1 2] indirect=true",
            "30:2 T{}.V MethodVal recv=p.T obj=V:func() index=[1] indirect=false",
        ]
    );
}

#[test]
fn method_expression_selections() {
    let src = "package p

type T struct{}

func (*T) M() {}
func (T) V()  {}

type I interface{ Do(int) string }

type E struct{ T }

var (
	_ = T.V
	_ = (*T).M
	_ = (*T).V
	_ = I.Do
	_ = E.V
	_ = (*E).M
)
";
    assert_eq!(
        selections(src),
        [
            "13:6 T.V MethodExpr recv=p.T obj=V:func() index=[1] indirect=false",
            "14:6 (*T).M MethodExpr recv=*p.T obj=M:func() index=[0] indirect=true",
            "15:6 (*T).V MethodExpr recv=*p.T obj=V:func() index=[1] indirect=true",
            "16:6 I.Do MethodExpr recv=p.I obj=Do:func(int) string index=[0] indirect=false",
            "17:6 E.V MethodExpr recv=p.E obj=V:func() index=[0 1] indirect=false",
            "18:6 (*E).M MethodExpr recv=*p.E obj=M:func() index=[0 0] indirect=true",
        ]
    );
}

#[test]
fn selections_on_generic_types_and_type_parameters() {
    let src = "package p

type G[E any] struct{ val E }

func (g G[E]) Get() E    { return g.val }
func (g *G[E]) Set(v E) { g.val = v }

type Str interface{ String() string }

func h[T Str](t T) string { return t.String() }

func f(g G[int], pg *G[string]) {
	_ = g.Get
	_ = g.val
	_ = pg.Set
	_ = G[int].Get
	_ = (*G[string]).Set
}
";
    assert_eq!(
        selections(src),
        [
            "5:35 g.val FieldVal recv=p.G[E] obj=val:E index=[0] indirect=false",
            "6:27 g.val FieldVal recv=*p.G[E] obj=val:E index=[0] indirect=true",
            // A method of a type parameter's constraint.
            "10:36 t.String MethodVal recv=T obj=String:func() string index=[0] indirect=false",
            // On instances, the instance's own field and methods, with substituted types.
            "13:6 g.Get MethodVal recv=p.G[int] obj=Get:func() int index=[0] indirect=false",
            "14:6 g.val FieldVal recv=p.G[int] obj=val:int index=[0] indirect=false",
            "15:6 pg.Set MethodVal recv=*p.G[string] obj=Set:func(v string) index=[1] indirect=true",
            "16:6 G[int].Get MethodExpr recv=p.G[int] obj=Get:func() int index=[0] indirect=false",
            "17:6 (*G[string]).Set MethodExpr recv=*p.G[string] obj=Set:func(v string) index=[1] indirect=true",
        ]
    );
}

#[test]
fn qualified_identifiers_record_a_use_not_a_selection() {
    let src = "package p

import \"lib\"

var b = lib.New()
var _ = b.Len
var _ = lib.New().Cap
";
    // go/types prints the receiver's package by path (here the same as the name).
    assert_eq!(
        selections(src),
        [
            "6:9 b.Len MethodVal recv=*lib.Buf obj=Len:func() int index=[1] indirect=true",
            "7:9 lib.New().Cap MethodVal recv=*lib.Buf obj=Cap:func() int index=[2] indirect=true",
        ]
    );
    let (world, _files, result) = check(&[src]);
    for n in 0..2 {
        let new = result.info.uses[&(0, offset(src, "New", n))];
        assert_eq!(&*world.obj(new).name, "New");
        let lib = world
            .obj(new)
            .pkg
            .map(|p| world.package(p).path.to_string());
        assert_eq!(lib.as_deref(), Some("lib"));
    }
}

/// go/types' `Info.Scopes` for a function with every kind of scope-introducing statement:
/// (range, names) per scope, as the go/types program prints them (`Scope.Pos`, `End`,
/// `Names`).
#[test]
fn scopes_of_files_functions_statements_and_clauses() {
    let src = "package p

func f(a int) (r int) {
	x := 1
	{
		y := x
		_ = y
	}
	if z := a; z > 0 {
		_ = z
	} else {
		w := 2
		_ = w
	}
	for i := 0; i < 3; i++ {
	}
	for k := range 3 {
		_ = k
	}
	switch s := a; s {
	case 1:
		q := 1
		_ = q
	default:
	}
	var e any
	switch t := e.(type) {
	case int:
		_ = t
	}
	ch := make(chan int)
	select {
	case v := <-ch:
		_ = v
	default:
	}
	g := func(b int) {}
	_ = g
	var h func(c int)
	_ = h
	return x
}

type L[T any] []T

type J interface {
	M(x int) (y string)
}

var fv = func(p int) int {
	return p
}
";
    let (world, _files, result) = check(&[src]);
    let got: Vec<(u32, u32, Vec<String>)> = result
        .info
        .scopes
        .iter()
        .map(|s| {
            assert_eq!(s.file, 0);
            (s.range.start, s.range.end, names(&world, s.scope))
        })
        .collect();
    let want: &[(u32, u32, &[&str])] = &[
        // The file.
        (0, 538, &[]),
        // The function: declaration and body; the body block opens no scope of its own.
        (11, 435, &["a", "ch", "e", "g", "h", "r", "x"]),
        (44, 65, &["y"]),
        // if, then its blocks.
        (67, 123, &["z"]),
        (84, 96, &[]),
        (102, 123, &["w"]),
        // for and its body; range and its body.
        (125, 152, &["i"]),
        (148, 152, &[]),
        (154, 183, &["k"]),
        (171, 183, &[]),
        // switch and its clauses (a clause ends with its last statement).
        (185, 242, &["s"]),
        (205, 229, &["q"]),
        (231, 239, &[]),
        // The type switch, and its clause with the implicit variable.
        (255, 299, &[]),
        (279, 296, &["t"]),
        // select opens no scope; its clauses do.
        (333, 356, &["v"]),
        (358, 366, &[]),
        // A function literal, then a function type.
        (376, 390, &["b"]),
        (405, 416, &["c"]),
        // A generic type's type parameters.
        (442, 454, &["T"]),
        // An interface method's signature (without the name).
        (477, 495, &["x", "y"]),
        // A function literal at package level.
        (508, 537, &["p"]),
    ];
    let want: Vec<(u32, u32, Vec<String>)> = want
        .iter()
        .map(|(s, e, n)| (*s, *e, n.iter().map(|n| n.to_string()).collect()))
        .collect();
    assert_eq!(got, want);

    // The node's scope is found by its range.
    let if_stmt = TextRange::new(67, 123);
    let if_scope = result.info.node_scope(0, if_stmt);
    assert_eq!(
        if_scope.map(|s| names(&world, s)),
        Some(vec!["z".to_string()])
    );
    assert_eq!(result.info.node_scope(0, TextRange::new(67, 122)), None);
}

#[test]
fn innermost_scope_finds_locals_of_nested_blocks() {
    let src = "package p

var top = 1

func f(a int) {
	x := a
	{
		y := x
		{
			_ = y + top
		}
	}
	_ = x
}
";
    let (world, _files, result) = check(&[src]);
    let info = &result.info;
    let at = offset(src, "y + top", 0);
    let scope = info.innermost_scope(0, at).expect("a scope at the use");
    // The innermost block declares nothing; `y` is one out, `x` and `a` in the function's
    // scope, `top` in the package's.
    assert!(names(&world, scope).is_empty());
    let y_def = info.defs[&(0, offset(src, "y :=", 0))];
    let (y_scope, y) = world.lookup_parent(scope, "y").expect("y is visible");
    assert_eq!(y, y_def);
    assert_eq!(world.scope(scope).parent, Some(y_scope));
    assert_eq!(world.obj(y).parent, Some(y_scope));
    let (x_scope, x) = world.lookup_parent(scope, "x").expect("x is visible");
    assert_eq!(x, info.defs[&(0, offset(src, "x :=", 0))]);
    assert_eq!(names(&world, x_scope), ["a", "x"]);
    assert!(world.scope(x_scope).is_func);
    let (top_scope, _) = world.lookup_parent(scope, "top").expect("top is visible");
    assert_eq!(top_scope, world.package(result.package).scope);
    // The universe is the last parent.
    assert!(world.lookup_parent(scope, "int").is_some());

    // After the block, `y` is out of scope; in the function's signature, the function scope
    // is the innermost one; between declarations, the file's.
    let after = info
        .innermost_scope(0, offset(src, "_ = x", 0))
        .expect("a scope after the block");
    assert_eq!(after, x_scope);
    assert_eq!(world.lookup_parent(after, "y"), None);
    assert_eq!(
        info.innermost_scope(0, offset(src, "a int", 0)),
        Some(x_scope)
    );
    let file_scope = info
        .innermost_scope(0, offset(src, "var top", 0))
        .expect("the file scope");
    assert_eq!(world.scope(file_scope).parent, Some(top_scope));
    assert_eq!(
        info.node_scope(0, TextRange::new(0, src.len() as u32)),
        Some(file_scope)
    );
    // go/types' extents are half-open: the end of the file is outside it.
    assert_eq!(info.innermost_scope(0, src.len() as u32), None);
    assert_eq!(info.innermost_scope(1, 0), None);
}

#[test]
fn if_init_variables_are_in_the_if_scope() {
    let src = "package p

func f(a int) int {
	if z := a * 2; z > 10 {
		return z
	} else {
		return -z
	}
}
";
    let (world, _files, result) = check(&[src]);
    let info = &result.info;
    let z = info.defs[&(0, offset(src, "z :=", 0))];
    let if_start = offset(src, "if z", 0);
    let if_end = offset(src, "\n}\n", 0);
    let if_scope = info
        .node_scope(0, TextRange::new(if_start, if_end))
        .expect("the if statement's scope");
    assert_eq!(world.obj(z).parent, Some(if_scope));
    assert_eq!(world.lookup_local(if_scope, "z"), Some(z));
    // The condition is in the if scope itself; each branch is a block nested in it.
    assert_eq!(
        info.innermost_scope(0, offset(src, "z > 10", 0)),
        Some(if_scope)
    );
    for use_of_z in [offset(src, "z\n", 0), offset(src, "-z", 0) + 1] {
        let scope = info.innermost_scope(0, use_of_z).expect("a branch's scope");
        assert_ne!(scope, if_scope);
        assert_eq!(world.scope(scope).parent, Some(if_scope));
        assert_eq!(world.lookup_parent(scope, "z"), Some((if_scope, z)));
        assert_eq!(info.uses[&(0, use_of_z)], z);
    }
    // The function's scope does not have it.
    let func_scope = world.scope(if_scope).parent.expect("the function's scope");
    assert!(world.scope(func_scope).is_func);
    assert_eq!(world.lookup_local(func_scope, "z"), None);
}

#[test]
fn scopes_are_keyed_by_file() {
    let a = "package p\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n";
    let b = "package p\n\n// g.\nfunc g() {\n\tif y := 2; y > 0 {\n\t}\n}\n";
    let (world, _files, result) = check(&[a, b]);
    let info = &result.info;
    let files: Vec<(u32, TextRange)> = info.scopes.iter().map(|s| (s.file, s.range)).collect();
    assert_eq!(
        files,
        [
            (0, TextRange::new(0, a.len() as u32)),
            (0, TextRange::new(11, a.len() as u32 - 1)),
            (1, TextRange::new(0, b.len() as u32)),
            // The function's scope starts at `func`, after its doc comment.
            (1, TextRange::new(17, b.len() as u32 - 1)),
            (1, TextRange::new(29, b.len() as u32 - 3)),
            (1, TextRange::new(46, b.len() as u32 - 3)),
        ]
    );
    // The same offset is in different scopes in the two files.
    let in_a = info.innermost_scope(0, 30).expect("f's scope");
    let in_b = info.innermost_scope(1, 30).expect("the if's scope");
    assert_eq!(names(&world, in_a), ["x"]);
    assert_eq!(names(&world, in_b), ["y"]);
    // Both files' scopes have the package scope as parent.
    let file_a = info.innermost_scope(0, 0).expect("file a");
    let file_b = info.innermost_scope(1, 0).expect("file b");
    assert_ne!(file_a, file_b);
    let pkg = world.package(result.package).scope;
    assert_eq!(world.scope(file_a).parent, Some(pkg));
    assert_eq!(world.scope(file_b).parent, Some(pkg));
}
