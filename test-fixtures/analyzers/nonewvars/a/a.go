package a

func x() {
	z := 1
	z := 2 // want "no new variables on left side of :="
	_ = z

	a, b := 1, 2
	a, b := 3, 4 // want "no new variables on left side of :="
	_, _ = a, b

	// A new variable on the left: no error.
	a, c := 5, 6
	_, _ = a, c

	if z := 3; z > 0 {
		z := 4 // fine: a new scope
		_ = z
	}
}

func generic[T any](t T) T {
	u := t
	u := t // want "no new variables on left side of :="
	return u
}
