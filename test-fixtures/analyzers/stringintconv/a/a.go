// Package a converts integers to strings, well and badly.
package a

type A string

type B = string

type C int

type D = uintptr

type E int

func (E) String() string { return "" }

func StringTest() {
	var (
		i int
		j rune
		k byte
		l C
		m D
		n = []int{0, 1, 2}
		o struct{ x int }
		e E
		f float64
	)
	const p = 0
	_ = string(i) // want `^conversion from int to string yields a string of one rune, not a string of digits$`
	_ = string(j)
	_ = string(k)
	_ = string(p)    // want `^conversion from untyped int to string yields`
	_ = string('x')
	_ = A(l)         // want `conversion from C \(int\) to A \(string\) yields`
	_ = B(m)         // want `conversion from D \(uintptr\) to B \(string\) yields`
	_ = string(n[1]) // want `conversion from int to string yields`
	_ = string(o.x)  // want `conversion from int to string yields`
	_ = string(e)    // want `conversion from E \(int\) to string yields`
	_ = string(rune(i))
	_ = string([]byte{})
	_ = float64(i)
	_ = f
}
