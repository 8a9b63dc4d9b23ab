//! Go to implementation: types implementing the interface at `$0`, interfaces the type at
//! `$0` implements, across the workspace's packages.

mod fixture;

use fixture::Fixture;

/// The names found, as "path:name".
fn implementations(text: &str) -> Vec<String> {
    let f = Fixture::new(text);
    let analysis = f.analysis();
    let mut out: Vec<String> = analysis
        .implementations(f.file, f.offset)
        .expect("not cancelled")
        .into_iter()
        .map(|t| {
            let text = analysis.file_text(t.file).unwrap();
            let path = analysis.file_path(t.file).unwrap();
            format!("{}:{}", path.display(), &text[t.range.as_usize()])
        })
        .collect();
    out.sort();
    out
}

const SHAPES: &str = "//- /w/shape/shape.go
package shape

type Shape interface {
	Area() float64
}

type Named interface {
	Name() string
}

type Square struct{ side float64 }

func (s Square) Area() float64 { return s.side * s.side }

type Empty interface{}
//- /w/circle/circle.go
package circle

import \"example.com/m/shape\"

type Circle struct{ r float64 }

func (c *Circle) Area() float64 { return 3 * c.r * c.r }

func (c *Circle) Name() string { return \"circle\" }

type Wrong struct{}

func (Wrong) Area() int { return 0 }

var _ shape.Shape = &Circle{}
";

#[test]
fn types_implementing_an_interface_in_every_package() {
    let text = SHAPES.replace("type Shape interface", "type Sha$0pe interface");
    assert_eq!(
        implementations(&text),
        ["/w/circle/circle.go:Circle", "/w/shape/shape.go:Square"]
    );
}

#[test]
fn interfaces_a_type_implements() {
    let text = SHAPES.replace("type Circle struct", "type Cir$0cle struct");
    assert_eq!(
        implementations(&text),
        ["/w/shape/shape.go:Named", "/w/shape/shape.go:Shape"]
    );
    // Not a named type: nothing.
    let text = SHAPES.replace("s.side * s.side", "s.si$0de * s.side");
    assert!(implementations(&text).is_empty());
}
