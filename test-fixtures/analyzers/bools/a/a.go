package a

import "io"

type T int

func (t T) Foo() int { return int(t) }

type FT func() int

var S []int

func f() bool { return true }

func Redundant(x, y int, t T, fn FT, r io.Reader) {
	_ = x == 1 || x == 1             // want `redundant or: x == 1 \|\| x == 1`
	_ = x == 1 && x == 1             // want `redundant and: x == 1 && x == 1`
	_ = x == 1 || y == 2 || x == 1   // want `redundant or: x == 1 \|\| x == 1`
	_ = (x == 1 || y == 2) || x == 1 // want `redundant or: x == 1 \|\| x == 1`
	_ = x+1 == y || x+1 == y         // want `redundant or: x\+1 == y \|\| x\+1 == y`
	_ = t.Foo() == 1 || t.Foo() == 1
	_ = fn() == 1 || fn() == 1
	_ = len(S) > 0 || len(S) > 0 // want `redundant or: len\(S\) > 0 \|\| len\(S\) > 0`
	_ = S[0] == 1 || S[0] == 1   // want `redundant or: S\[0\] == 1 \|\| S\[0\] == 1`
	_ = x == 1 || f() || x == 1
	_ = f() || x == 1 || x == 1 // want `redundant or: x == 1 \|\| x == 1`
	_ = x == 1 || x == 2
	_ = x == 1 || y == 1
	_ = !(x == 1) || !(x == 1) // want `redundant or: !\(x == 1\) \|\| !\(x == 1\)`
	var c chan int
	_ = <-c == 1 || <-c == 1
	_ = x == 1 && (y == 2 || y == 2) // want `redundant or: y == 2 \|\| y == 2`
}

func Suspect(x int, s string, b byte) {
	_ = x != 1 || x != 2 // want `suspect or: x != 1 \|\| x != 2`
	_ = x == 1 && x == 2 // want `suspect and: x == 1 && x == 2`
	_ = x != 1 && x != 2
	_ = x == 1 || x == 2
	_ = 1 != x || 2 != x           // want `suspect or: 1 != x \|\| 2 != x`
	_ = s != "a" || s != "b"       // want `suspect or: s != "a" \|\| s != "b"`
	_ = x != 1 || x != 2 || x != 3 // want `suspect or: x != 2 \|\| x != 3` `suspect or: x != 1 \|\| x != 3`
	_ = b != 'a' || x != 'a'
	const k = 3
	_ = x != k || x != 4 // want `suspect or: x != k \|\| x != 4`
}

func Generic[N ~int | ~int64](n N) {
	_ = n == 1 || n == 1 // want `redundant or: n == 1 \|\| n == 1`
	_ = n != 1 || n != 2 // want `suspect or: n != 1 \|\| n != 2`
}

type P struct{ a, b []int }

func Printing(p *P, s []int, i, j int, m map[string]int, f func(int, int) int) {
	_ = p.a[i+1] == 0 || p.a[i+1] == 0                // want `redundant or: p.a\[i\+1\] == 0 \|\| p.a\[i\+1\] == 0`
	_ = len(s[i:j+1]) > 0 || len(s[i:j+1]) > 0        // want `redundant or: len\(s\[i:j\+1\]\) > 0 \|\| len\(s\[i:j\+1\]\) > 0`
	_ = i*2+j == 3 || i*2+j == 3                      // want `redundant or: i\*2\+j == 3 \|\| i\*2\+j == 3`
	_ = -i == j || - -i == j || -i == j               // want `redundant or: -i == j \|\| -i == j`
	_ = m["a b"] == 1 && m["a b"] == 1                // want `redundant and: m\["a b"\] == 1 && m\["a b"\] == 1`
	_ = s[1:] != nil && (*p).a != nil && s[1:] != nil // want `redundant and: s\[1:\] != nil && s\[1:\] != nil`
	_ = []int{1, 2}[0] == i || []int{1, 2}[0] == i    // want `redundant or: \[\]int\{1, 2\}\[0\] == i \|\| \[\]int\{1, 2\}\[0\] == i`
	_ = i&^j == 0 || i&^j == 0                        // want `redundant or: i&\^j == 0 \|\| i&\^j == 0`
	_ = i<<2 > j || i<<2 > j                          // want `redundant or: i<<2 > j \|\| i<<2 > j`
	_ = (i+j)*2 > 0 || (i+j)*2 > 0                    // want `redundant or: \(i\+j\)\*2 > 0 \|\| \(i\+j\)\*2 > 0`
	_ = func() int { return 1 } == nil || i == 1
}
