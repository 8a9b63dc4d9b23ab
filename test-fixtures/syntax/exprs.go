package exprs

var (
	a = 1 + 2*3 - 4/5%6
	b = x.y.z()(1, 2)[3:4][5:6:7]
	c = f[int](x) + g[int, string] + h[int]
	d = T{1, 2, k: v, "s": {1}, {a: b}}
	e = []*T{{}, nil}
	f2 = func(a, b int) int { return a &^ b }
	g2 = x.(interface{ M() })
	h2 = (*T).M
	i = [...]int{1, 2, 3}
	j = &T{}
	k = -+!^x
	l = <-ch
	m = s[:]
	n = append(xs, ys...)
	o = new(int)
	p = make(map[string]chan<- struct{}, 10)
	q = 'x' + 1.5e3 + 0x1p-2 + 2i + `raw` + "s\n"
	r = a && b || !c && d == e != f < g <= h > i >= j
	s = [2][3]int{}
	t = struct{ x int }{x: 1}
	u = map[[2]int]func() error{}
	v = (a + b) * c
	w = T[int]{}
	y = pkg.T[int]{}
)
