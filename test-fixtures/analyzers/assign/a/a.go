package a

type S struct {
	x int
	p *S
}

func (s *S) Method(x, y int, m map[string]int, sl []int, f func() int) {
	x = x             // want "self-assignment of x"
	s.x = s.x         // want "self-assignment of s.x"
	s.p.x = s.p.x     // want `self-assignment of s.p.x`
	sl[0] = sl[0]     // want `self-assignment of sl\[0\]`
	sl[x+1] = sl[x+1] // want `self-assignment of sl\[x\+1\]`
	x, y = x, y       // want "self-assignment of x, y"
	x, y = y, x
	x, y = 1, y           // want "self-assignment of y"
	x, y, s.x = x, 2, s.x // want "self-assignment of x, s.x"
	m["k"] = m["k"]
	sl[f()] = sl[f()]
	*s = *s // want `self-assignment of \*s`
	x = (x)
	(x) = (x) // want `self-assignment of \(x\)`
	x += x
	z := x
	z = z // want "self-assignment of z"
	_ = z
	if x > 0 {
		x = x // want "self-assignment of x"
	}
	if x > 1 { y = y; x++ } // want "self-assignment of y"
	_, _ = x, y
}

func Generic[T any](v T, vs []T) {
	v = v         // want "self-assignment of v"
	vs[0] = vs[0] // want `self-assignment of vs\[0\]`
	_ = v
}
