package a

var (
	a [10]byte
	b [20]float32
	s []int
	t struct {
		s []byte
	}

	_ = a[0:]
	_ = a[2:len(a)] // want `unneeded: len\(a\)`
	_ = a[3:(len(a))]
	_ = a[len(a)-1 : len(a)] // want `unneeded: len\(a\)`
	_ = a[2:len(a):len(a)]
	_ = a[:len(a)] // want `unneeded: len\(a\)`
	_ = a[:len(a)-1]

	_ = s[2:len(s)] // want `unneeded: len\(s\)`
	_ = s[0:len(b)]
	_ = s[:len(s)] // want `unneeded: len\(s\)`

	_ = t.s[2:len(t.s)]
	_ = t.s[:len(t.s)]

	// Declared in another file: gofmt does not see that it is the same variable.
	_ = other[:len(other)]
)

func f() {
	s := s[0:len(s)] // want `unneeded: len\(s\)`
	_ = s
	local := []int{}
	_ = local[1:len(local)] // want `unneeded: len\(local\)`
}

type List[E any] []E

func generic[E any](l List[E]) {
	_ = l[0:len(l)] // want `unneeded: len\(l\)`
}
