package a

func x() { return nil } // want "too many return values"

func y() {
	return nil, "hello" // want "too many return values"
}

func z() {
	f := func() {
		return 1 // want "too many return values"
	}
	f()
	return
}

// Results expected: not this analyzer's (fillreturns' instead).
func w() int {
	return 1
}

func generic[T any](t T) {
	return t // want "too many return values"
}
