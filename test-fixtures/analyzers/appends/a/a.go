package a

func Appends() {
	s := []string{"a", "b"}
	_ = append(s)   // want "append with no values"
	s = append(s)   // want "append with no values"
	s = (append)(s) // want "append with no values"
	s = append(s, "c")
	s = append(s, s...)
	_ = append([]byte("x")) // want "append with no values"
	var appendFn func([]int) []int
	_ = appendFn(nil)
	_ = s
}

func Generic[S ~[]E, E any](s S) S {
	return append(s) // want "append with no values"
}

type T struct{}

func (T) append(s []int) []int { return s }

func Method(t T) {
	_ = t.append(nil)
}
