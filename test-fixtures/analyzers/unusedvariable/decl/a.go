package decl

func a() {
	var b, c bool // want `declared and not used: b`
	panic(c)

	if true {
		var s string // want `declared and not used: s`
	}
}

func b() {
	// b is a variable
	var b bool // want `declared and not used: b`
}

func c() {
	var (
		d string

		// some comment for c
		c bool // want `declared and not used: c`
	)

	panic(d)
}

func effects() {
	var x = f() // want `declared and not used: x`
	var p, q = 1, 2 // want `declared and not used: q`
	panic(p)
}

func f() int { return 0 }
