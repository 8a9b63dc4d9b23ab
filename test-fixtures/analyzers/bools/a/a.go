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
