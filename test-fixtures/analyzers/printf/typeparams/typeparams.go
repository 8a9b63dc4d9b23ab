// Package typeparams checks arguments whose types are type parameters: every term of the
// constraint must print with the verb.
package typeparams

import "fmt"

type myInt int

func Basic[T interface{ ~int }, E error, S fmt.Stringer, A any, U interface{ ~int | string }, N interface{ myInt | bool }](t T, e E, s S, a A, u U, n N) {
	fmt.Printf("%d", t)
	fmt.Printf("%s", t) // want `fmt.Printf format %s has arg t of wrong type T \(contains ~int\)`
	fmt.Printf("%v", t)
	fmt.Printf("%d", e) // want "wrong type"
	fmt.Printf("%s", e)
	_ = fmt.Errorf("%w", e)
	fmt.Printf("%s", s)
	_ = fmt.Errorf("%w", s) // want "wrong type"
	fmt.Printf("%d", a) // want "wrong type"
	fmt.Printf("%v %T", a, a)
	fmt.Printf("%d", u) // want `wrong type U \(contains string\)`
	fmt.Printf("%s", n) // want `wrong type N \(contains typeparams.myInt\)`
}

func Nested[T interface{ ~int }, S interface{ ~string }]() {
	var m1 map[T]T
	fmt.Printf("%d", m1)
	fmt.Printf("%s", m1) // want "wrong type"
	var y struct {
		f string
		t S
	}
	fmt.Printf("%s", y)
	fmt.Printf("%d", y) // want "wrong type"
}

func Empty[T interface {
	int | string
	float64
}](t T) {
	fmt.Printf("%s", t)
}

// Logf is a generic wrapper.
func Logf[T any](x T, format string, args ...any) {
	fmt.Printf(format, args...)
}

func Calls() {
	Logf(1, "%d", "x") // want `typeparams.Logf format %d has arg "x" of wrong type string`
	Logf[string]("s", "%d", 1)
}

type U[T any] struct{}

func (u U[T]) String() string {
	fmt.Println(u) // want `fmt.Println arg u causes recursive call to \(typeparams.U\[T\]\).String method`
	return ""
}
