//! Document symbols: the outline of a file as gopls names it (methods `(*T).M` at top level,
//! types with their fields or methods as children, every name of grouped specs), with kinds,
//! details and ranges; also for files that do not parse.

mod fixture;

use fixture::Fixture;
use ide::DocumentSymbol;

fn symbols(text: &str) -> (Vec<DocumentSymbol>, String) {
    let f = Fixture::new(text);
    let symbols = f
        .analysis()
        .document_symbols(f.file)
        .expect("not cancelled");
    (symbols, f.text(f.file).to_string())
}

/// The outline as lines `name kind detail`, children indented.
fn outline(symbols: &[DocumentSymbol]) -> String {
    fn walk(out: &mut String, symbols: &[DocumentSymbol], depth: usize) {
        for s in symbols {
            let detail = s.detail.as_deref().unwrap_or("-");
            out.push_str(&format!(
                "{}{} {:?} {detail}\n",
                "  ".repeat(depth),
                s.name,
                s.kind
            ));
            walk(out, &s.children, depth + 1);
        }
    }
    let mut out = String::new();
    walk(&mut out, symbols, 0);
    out
}

const CODE: &str = r#"package a

import "io"

// Version is the version.
const Version = "1.0"

const (
	A, B = 1, 2
	_    = 3
)

var (
	count int
	cfg   struct{ debug bool }
)

type Point struct {
	X, Y int
	io.Reader
	*Inner
	meta struct {
		tag string
	}
}

type Shape interface {
	Area() float64
	Scale(
		factor float64, // how much
	) Shape
	io.Closer
}

type Celsius float64

type Handler func(w io.Writer, code int) error

type List[T any] []T

func New(x, y int) *Point { return &Point{X: x, Y: y} }

func (p *Point) Move(dx int) { p.X += dx }

func (l List[T]) Len() int { return len(l) }

func _() {}
"#;

#[test]
fn the_outline_names_kinds_and_details() {
    let (symbols, _) = symbols(CODE);
    let expect = "\
Version Constant -
A Constant -
B Constant -
count Variable int
cfg Variable struct{...}
  debug Field bool
Point Struct struct{...}
  X Field int
  Y Field int
  Reader Field io.Reader
  Inner Field *Inner
  meta Field struct{...}
    tag Field string
Shape Interface interface{...}
  Area Method func() float64
  Scale Method func(factor float64) Shape
  Closer Field io.Closer
Celsius Class float64
Handler Function func(w io.Writer, code int) error
List Class []T
New Function func(x, y int) *Point
(*Point).Move Method func(dx int)
(List[T]).Len Method func() int
";
    assert_eq!(outline(&symbols), expect);
}

#[test]
fn ranges_cover_the_declaration_and_select_the_name() {
    let (symbols, text) = symbols(CODE);
    let by_name = |name: &str| {
        symbols
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no symbol {name}"))
    };
    let mv = by_name("(*Point).Move");
    assert_eq!(&text[mv.selection_range.as_usize()], "Move");
    assert_eq!(
        &text[mv.range.as_usize()],
        "func (p *Point) Move(dx int) { p.X += dx }"
    );
    let point = by_name("Point");
    assert!(text[point.range.as_usize()].starts_with("Point struct {"));
    let x = &point.children[0];
    assert_eq!(&text[x.selection_range.as_usize()], "X");
    assert_eq!(&text[x.range.as_usize()], "X, Y int");
    let b = by_name("B");
    assert_eq!(&text[b.selection_range.as_usize()], "B");
    assert_eq!(&text[b.range.as_usize()], "A, B = 1, 2");
    // Every selection range lies inside its range, children inside their parent.
    fn nested(symbols: &[DocumentSymbol], parent: Option<&DocumentSymbol>) {
        for s in symbols {
            assert!(
                s.range.start <= s.selection_range.start && s.selection_range.end <= s.range.end,
                "{s:?}"
            );
            if let Some(p) = parent {
                assert!(
                    p.range.start <= s.range.start && s.range.end <= p.range.end,
                    "{s:?} in {p:?}"
                );
            }
            nested(&s.children, Some(s));
        }
    }
    nested(&symbols, None);
}

#[test]
fn a_file_with_syntax_errors_keeps_its_other_declarations() {
    let text = "package a\n\ntype T struct {\n\tn int\n}\n\nfunc broken() {\n\tx := \n}\n\nfunc (t T) Get() int {\n\treturn t.n\n}\n";
    let f = Fixture::new(text);
    assert!(
        !f.analysis()
            .diagnostics(f.file)
            .expect("not cancelled")
            .is_empty()
    );
    let (symbols, _) = symbols(text);
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"T"), "{names:?}");
    assert!(names.contains(&"(T).Get"), "{names:?}");
}

#[test]
fn empty_files_and_files_without_package_clause() {
    assert_eq!(symbols("").0, vec![]);
    let (got, _) = symbols("func f() {}\n");
    assert_eq!(outline(&got), "f Function func()\n");
}
