//! Statements and assignments: unused variables, missing returns, assignments and `:=`,
//! return values, expression/send/inc-dec/go/defer statements, switches, type switches,
//! selects, range clauses, labels and branches (messages and positions as go/types').

mod common;

use common::SourceImporter;
use hir::{Config, SourceFile, World};

/// Checks `src` as one file `x.go` and returns `line:col: message` for each error.
fn errors_in(src: &str, config: &Config) -> Vec<String> {
    let file = SourceFile::parse("x.go", src);
    let mut world = World::default();
    let result = hir::check_package(
        &mut world,
        "x",
        std::slice::from_ref(&file),
        &mut SourceImporter {
            sources: Vec::new(),
        },
        config,
    );
    let index = syntax::LineIndex::new(src);
    let mut out: Vec<String> = file
        .syntax_errors()
        .iter()
        .map(|e| {
            let lc = index.line_col(e.range.start);
            format!("{}:{}: syntax: {}", lc.line + 1, lc.col + 1, e.message)
        })
        .collect();
    out.extend(result.errors.iter().map(|e| {
        let lc = index.line_col(e.range.start);
        format!("{}:{}: {}", lc.line + 1, lc.col + 1, e.message)
    }));
    out
}

fn errors(src: &str) -> Vec<String> {
    errors_in(src, &Config::default())
}

#[test]
fn assignments() {
    let src = r#"package p

func two() (int, int) { return 1, 2 }

func f() {
	var a, b int
	a, b = 1
	a = two()
	a, b, _ = two()
	var s string
	s = a
	_ = nil
	const c = 1
	c = 2
	m := map[string]struct{ f int }{}
	m["a"].f = 1
	a, a := 1, 2
	a := 3
	b.x := 1
	_, _ = a, b
	_ = s
}
"#;
    assert_eq!(
        errors(src),
        [
            "7:9: assignment mismatch: 2 variables but 1 value",
            "8:6: assignment mismatch: 1 variable but two returns 2 values",
            "9:12: assignment mismatch: 3 variables but two returns 2 values",
            "11:6: cannot use a (variable of type int) as string value in assignment",
            "12:6: use of untyped nil in assignment to _ identifier",
            "14:2: cannot assign to c (neither addressable nor a map index expression)",
            "16:2: cannot assign to struct field m[\"a\"].f in map",
            "17:5: a repeated on left side of :=",
            "18:4: no new variables on left side of :=",
            "19:2: non-name b.x on left side of :=",
            "19:4: b.x undefined (type int has no field or method x)"
        ]
    );
}

#[test]
fn labels_and_gotos() {
    let src = r#"package p

func f() {
L1:
	for {
		break L1
	}
L2:
	for {
		break L3
	}
	goto L4
	x := 1
	_ = x
L4:
	if true {
	L5:
		for {
			continue L2
		}
	}
	goto L5
L6:
	if true {
		break L6
	}
L7:
	{
		continue L7
	}
L8:
L8:
	for {
	}
}
"#;
    assert_eq!(
        errors(src),
        [
            "8:1: label L2 declared and not used",
            "10:9: invalid break label L3",
            "12:7: goto L4 jumps over variable declaration at line 13",
            "19:13: invalid continue label L2",
            "22:7: goto L5 jumps into block",
            "23:1: label L6 declared and not used",
            "25:9: invalid break label L6",
            "27:1: label L7 declared and not used",
            "29:12: invalid continue label L7",
            "31:1: label L8 declared and not used",
            "32:1: label L8 already declared\n\tx.go:31:1: other declaration of L8"
        ]
    );
}

#[test]
fn missing_return() {
    let src = r#"package p

func f(b bool) int {
	if b {
		return 1
	}
}

func g(b bool) int {
	for {
	}
}

func h(b bool) int {
	for {
		break
	}
}

func i(x int) int {
	switch x {
	case 1:
		return 1
	default:
		panic(0)
	}
}

func j(x int) int {
L:
	for {
		select {
		default:
			break L
		}
	}
}
"#;
    assert_eq!(
        errors(src),
        [
            "7:1: missing return",
            "18:1: missing return",
            "37:1: missing return"
        ]
    );
}

#[test]
fn range_clauses() {
    let src = r#"package p

func f() {
	var s []int
	var m map[string]bool
	var c chan int
	var sc chan<- int
	var p *[3]string
	var fl float64
	for i, v := range s { _, _ = i, v }
	for k, v := range m { _, _ = k, v }
	for a, b := range c { _, _ = a, b }
	for range sc {}
	for i, r := range p { _, _ = i, r }
	for range fl {}
	for i := range 10 { _ = i }
	var str string
	var x int
	for x = range "abc" {}
	for str = range s {}
	for _ := range s {}
	var it func(func(int, string) bool)
	for a, b := range it { _, _ = a, b }
	var bad func(int)
	for range bad {}
	_ = str
}
"#;
    assert_eq!(
        errors(src),
        [
            "12:9: range over c (variable of type chan int) permits only one iteration variable",
            "13:12: cannot range over sc (variable of type chan<- int): receive from send-only channel chan<- int",
            "15:12: cannot range over fl (variable of type float64)",
            "18:6: declared and not used: x",
            "20:6: cannot use str (value of type int) as string value in assignment",
            "21:8: no new variables on left side of :=",
            "25:12: cannot range over bad (variable of type func(int)): func must be func(yield func(...) bool): argument is not func"
        ]
    );
}

#[test]
fn return_values() {
    let src = r#"package p

func f() int {
	return
}

func g() {
	return 1
}

func h() (int, string) {
	return 1, "a", 2
}

func k() (x int) {
	{
		x := 2
		_ = x
		return
	}
}

func m() (int, string) {
	return "a", 1
}
"#;
    assert_eq!(
        errors(src),
        [
            "4:2: not enough return values\n\thave ()\n\twant (int)",
            "8:9: too many return values\n\thave (number)\n\twant ()",
            "12:17: too many return values\n\thave (number, string, number)\n\twant (int, string)",
            "19:3: result parameter x not in scope at return\n\tx.go:17:3: inner declaration of var x int",
            "24:9: cannot use \"a\" (untyped string constant) as int value in return statement",
            "24:14: cannot use 1 (untyped int constant) as string value in return statement"
        ]
    );
}

#[test]
fn select_cases() {
    let src = r#"package p

func f(c chan int) {
	select {
	case c <- 1:
	case x := <-c:
		_ = x
	case <-c:
	case x, ok := <-c:
		_, _ = x, ok
	case f(c):
	default:
	default:
	}
}
"#;
    assert_eq!(
        errors(src),
        [
            "11:7: select case must be send or receive (possibly with assignment)",
            "13:2: multiple defaults (first at x.go:12:2)"
        ]
    );
}

#[test]
fn simple_statements() {
    let src = r#"package p

func f() {
	var x int
	x
	len("a")
	int
	len
	x++
	var s string
	s++
	var ch chan int
	var rc <-chan int
	rc <- 1
	x <- 1
	ch <- "a"
	if x {
	}
	for x {
	}
	go int(0)
	defer len(s)
	go f()
	x += "a"
	x, s += 1, 2
	break
	continue
	fallthrough
	_ = ch
}
"#;
    assert_eq!(
        errors(src),
        [
            "5:2: x (variable of type int) is not used",
            "6:2: len(\"a\") (constant 1 of type int) is not used",
            "7:2: int (type) is not an expression",
            "8:2: len (built-in) must be called",
            "11:2: invalid operation: s++ (non-numeric type string)",
            "14:5: invalid operation: cannot send to receive-only channel <-chan int rc (variable of type <-chan int)",
            "15:4: invalid operation: cannot send to non-channel int x (variable of type int)",
            "16:8: cannot use \"a\" (untyped string constant) as int value in send",
            "17:5: non-boolean condition in if statement",
            "19:6: non-boolean condition in for statement",
            "21:5: go requires function call, not conversion int(0) (constant 0 of type int)",
            "22:8: defer discards result of len(s) (value of type int)",
            "24:2: invalid operation: x += \"a\" (mismatched types int and untyped string)",
            "25:7: assignment operation += requires single-valued expressions",
            "26:2: break not in for, switch, or select statement",
            "27:2: continue not in for statement",
            "28:2: fallthrough statement out of place"
        ]
    );
}

#[test]
fn switches_and_type_switches() {
    let src = r#"package p

func f(x int, i interface{ m() }) {
	switch x {
	case 1, 2, 1:
	case "a":
	default:
	default:
	}
	switch {
	case 1:
	case x > 1:
		fallthrough
	case x > 2:
		fallthrough
	}
	switch y := x.(type) {
	}
	switch t := i.(type) {
	case int:
	case nil, nil:
	}
	switch _ := i.(type) {
	}
	var f func()
	switch f {
	}
	switch i.(type) {
	case string:
		fallthrough
	case int:
	}
}
"#;
    assert_eq!(
        errors(src),
        [
            "5:13: duplicate case 1 (constant of type int) in expression switch\n\tx.go:5:7: previous case",
            "6:7: cannot convert \"a\" (untyped string constant) to type int",
            "8:2: multiple defaults (first at x.go:7:2)",
            "11:7: cannot convert 1 (untyped int constant) to type bool",
            "15:3: cannot fallthrough final case in switch",
            "17:9: y declared and not used",
            "17:14: x (variable of type int) is not an interface",
            "19:9: t declared and not used",
            "20:7: impossible type switch case: int\n\ti (variable of type interface{m()}) cannot have dynamic type int (missing method m)",
            "21:12: duplicate case nil in type switch\n\tx.go:21:7: previous case",
            "23:9: no new variable on left side of :=",
            "29:7: impossible type switch case: string\n\ti (variable of type interface{m()}) cannot have dynamic type string (missing method m)",
            "30:3: cannot fallthrough in type switch",
            "31:7: impossible type switch case: int\n\ti (variable of type interface{m()}) cannot have dynamic type int (missing method m)"
        ]
    );
}

#[test]
fn unused_variables() {
    let src = r#"package p

func f(a int) (r int) {
	x := 1
	var y, z int
	y = 2
	_ = z
	if w := 0; true {
	}
	func() {
		v := 0
	}()
	return
}
"#;
    assert_eq!(
        errors(src),
        [
            "4:2: declared and not used: x",
            "5:6: declared and not used: y",
            "8:5: declared and not used: w",
            "11:3: declared and not used: v"
        ]
    );
}

#[test]
fn function_literals() {
    let src = r#"package p

func f() {
	x := func() { x() }
	g := func() int {
		y := 1
	}
	_ = g
	var h func()
	h = func() { h() }
}
"#;
    assert_eq!(
        errors(src),
        [
            "4:2: declared and not used: x",
            "4:16: undefined: x",
            "6:3: declared and not used: y",
            "7:2: missing return"
        ]
    );
}

#[test]
fn initializations() {
    let src = r#"package p

func two() (int, int) { return 1, 2 }
func one() int { return 1 }

func f() {
	var a int = "a"
	var b = nil
	const c = one()
	const d int8 = 1000
	var e int = 1.5
	var k = two()
	l, m := 1
	n, o := two(), 1
	_, _, _, _, _, _, _, _ = a, b, e, k, l, m, n, o
}
"#;
    assert_eq!(
        errors(src),
        [
            "7:14: cannot use \"a\" (untyped string constant) as int value in variable declaration",
            "8:10: use of untyped nil in variable declaration",
            "9:12: one() (value of type int) is not constant",
            "10:17: cannot use 1000 (untyped int constant) as int8 value in constant declaration (overflows)",
            "11:14: cannot use 1.5 (untyped float constant) as int value in variable declaration (truncated)",
            "12:10: multiple-value two() (value of type (int, int)) in single-value context",
            "13:10: assignment mismatch: 2 variables but 1 value",
            "14:10: multiple-value two() (value of type (int, int)) in single-value context"
        ]
    );
}

#[test]
fn misc_statements() {
    let src = r#"package p

func two() (int, int) { return 1, 2 }

func f() int {
	x := two()
	var s []int
	append(s, 1)
	return two()
}

func g() {
	for i := 0; i < 3; {
	}
	goto L
	{
	L:
	}
	var c chan int
	for v := range c {
		_ = v
	}
	x := 1
	{
		x := 2
		_ = x
	}
}

func h() (x, y int) {
	x, y = two()
	return x
}
"#;
    assert_eq!(
        errors(src),
        [
            "6:2: declared and not used: x",
            "6:7: assignment mismatch: 1 variable but two returns 2 values",
            "8:2: append(s, 1) (value of type []int) is not used",
            "9:9: too many return values\n\thave (int, int)\n\twant (int)",
            "15:7: goto L jumps into block",
            "23:2: declared and not used: x",
            "32:9: not enough return values\n\thave (int)\n\twant (int, int)"
        ]
    );
}

#[test]
fn terminating_statements() {
    let src = r#"package p

func a() int {
	select {}
}

func b() int {
	panic("x")
}

func c() int {
L:
	for {
		for {
			break L
		}
	}
}

func d(x int) int {
	switch {
	case x > 0:
		return 1
	}
}

func e() int {
	goto L
L:
	return 1
}

func g(x int) int {
	if x > 0 {
		return 1
	} else if x < 0 {
		return 2
	} else {
		return 3
	}
}

func h() int {
	{
		return 1
	}
	;
}
"#;
    assert_eq!(
        errors(src),
        ["18:1: missing return", "25:1: missing return"]
    );
}

#[test]
fn assignments_are_not_uses() {
    let src = r#"package p

func f(m map[string]int, c chan int, i interface{}) {
	var s struct{ f int }
	s.f = 1
	var x int
	p := &x
	*p = 1
	y := 0
	y = y + 1
	v, ok := m["a"]
	w, ok2 := <-c
	z, ok3 := i.(int)
	_, _, _ = v, w, z
	var q int
	q, ok = 1, true
	var arr [3]int
	arr[0] = 1
	var u int
	u += 1
	var t int
	t++
}
"#;
    assert_eq!(
        errors(src),
        [
            "11:5: declared and not used: ok",
            "12:5: declared and not used: ok2",
            "13:5: declared and not used: ok3",
            "15:6: declared and not used: q"
        ]
    );
}

#[test]
fn range_over_int_and_func_need_new_versions() {
    let src = r#"package p

func f() {
	for i := range 10 {
		_ = i
	}
	var it func(func(int) bool)
	for x := range it {
		_ = x
	}
	for range 3 {
	}
	var n int
	for n = range 3 {
	}
	var fl float64
	for fl = range 3 {
	}
	for i := range 1e3 {
		_ = i
	}
}
"#;
    let go121 = Config {
        lang: Some("go1.21".into()),
        ..Config::default()
    };
    assert_eq!(
        errors_in(src, &go121),
        [
            "4:17: cannot range over 10 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)",
            "8:17: cannot range over it (variable of type func(func(int) bool)): requires go1.23 or later (-lang was set to go1.21; check go.mod)",
            "11:12: cannot range over 3 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)",
            "13:6: declared and not used: n",
            "14:16: cannot range over 3 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)",
            "16:6: declared and not used: fl",
            "17:17: cannot range over 3 (untyped int constant): requires go1.22 or later (-lang was set to go1.21; check go.mod)",
            "19:17: cannot range over 1e3 (untyped float constant 1000)",
        ]
    );
    assert_eq!(
        errors(src),
        [
            "13:6: declared and not used: n",
            "16:6: declared and not used: fl",
            "17:6: cannot use iteration variable of type float64",
            "19:17: cannot range over 1e3 (untyped float constant 1000)",
        ]
    );
}

/// Checks `src` and returns the world, the file and the result, for tests of recorded facts.
fn check(src: &str) -> (World, SourceFile, hir::CheckResult) {
    let file = SourceFile::parse("x.go", src);
    let mut world = World::default();
    let result = hir::check_package(
        &mut world,
        "x",
        std::slice::from_ref(&file),
        &mut SourceImporter {
            sources: Vec::new(),
        },
        &Config::default(),
    );
    (world, file, result)
}

/// The recorded type of the first expression of `file` whose text is `text`.
fn type_of(world: &World, file: &SourceFile, result: &hir::CheckResult, text: &str) -> String {
    let ast = &file.ast;
    let id = (0..ast.exprs.len())
        .map(|i| syntax::ast::ExprId(i as u32))
        .find(|&e| {
            let r = ast.expr_range(e);
            &file.text[r.start as usize..r.end as usize] == text
        })
        .unwrap_or_else(|| panic!("no expression {text:?}"));
    let tv = result
        .info
        .types
        .get(&(0, id))
        .unwrap_or_else(|| panic!("no type for {text:?}"));
    world.type_string(
        tv.ty,
        hir::typestring::Qualifier {
            local: Some(result.package),
            ambiguous: &[],

            import_names: &[],
        },
    )
}

#[test]
fn comma_ok_expressions_record_both_types() {
    let src = "package p\n\nfunc f(m map[string]int, c chan bool, i any) {\n\tv, ok := m[\"a\"]\n\tw, ok2 := <-c\n\tvar x, ok3 = i.(string)\n\tu := m[\"b\"]\n\t_, _, _, _, _, _, _ = v, ok, w, ok2, x, ok3, u\n}\n";
    let (world, file, result) = check(src);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert_eq!(type_of(&world, &file, &result, "m[\"a\"]"), "(int, bool)");
    assert_eq!(type_of(&world, &file, &result, "<-c"), "(bool, bool)");
    assert_eq!(
        type_of(&world, &file, &result, "i.(string)"),
        "(string, bool)"
    );
    assert_eq!(type_of(&world, &file, &result, "m[\"b\"]"), "int");
}

#[test]
fn type_switch_clauses_declare_implicit_variables() {
    let src = "package p\n\nfunc f(i any) {\n\tswitch t := i.(type) {\n\tcase int:\n\t\t_ = t\n\tcase string, bool:\n\tdefault:\n\t}\n}\n";
    let (world, _file, result) = check(src);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let qf = hir::typestring::Qualifier {
        local: Some(result.package),
        ambiguous: &[],

        import_names: &[],
    };
    let mut implicits: Vec<(u32, String)> = result
        .info
        .implicits
        .iter()
        .map(|(&(_, offset), &obj)| (offset, world.type_string(world.obj(obj).ty, qf)))
        .collect();
    implicits.sort();
    let clause = |s: &str| src.find(s).unwrap() as u32;
    assert_eq!(
        implicits,
        [
            (clause("case int"), "int".to_string()),
            (clause("case string"), "any".to_string()),
            (clause("default"), "any".to_string())
        ]
    );
}

#[test]
fn short_variable_declarations_define_new_and_use_redeclared() {
    let src = "package p\n\nfunc two() (int, int) { return 1, 2 }\n\nfunc f() {\n\ta := 1\n\ta, b := two()\n\t_, _ = a, b\n}\n";
    let (world, _file, result) = check(src);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let at = |needle: &str| src.find(needle).unwrap() as u32 + 1;
    let first_a = result.info.defs[&(0, at("\ta := 1"))];
    // The second `a` refers to the first; `b` is new.
    assert_eq!(result.info.uses[&(0, at("\ta, b"))], first_a);
    let b = result.info.defs[&(0, at("\ta, b") + 3)];
    assert_eq!(&*world.obj(b).name, "b");
}
