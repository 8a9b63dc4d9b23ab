package a

import (
	"bytes"
	"fmt"
	"net/http"
)

type parent interface {
	n(f bool)
}

type yuh struct {
	a int
}

// No finding: n may implement parent.n.
func (y *yuh) n(f bool) {
	for i := 0; i < 10; i++ {
		fmt.Println(i)
	}
}

func a(i1 int, i2 int, i3 int) int { // want "unused parameter: i2"
	i3 += i1
	_ = func(z int) int { // want "unused parameter: z"
		_ = 1
		return 1
	}
	return i3
}

func b(c bytes.Buffer) { // want "unused parameter: c"
	_ = 1
}

// No finding: z is used as a value.
func z(h http.ResponseWriter, _ *http.Request) {
	fmt.Println("Before")
}

func l(h http.Handler) http.Handler { // want "unused parameter: h"
	return http.HandlerFunc(z)
}

func mult(a, b int) int { // want "unused parameter: b"
	a += 1
	return a
}

func panics(a int) {
	panic("yo")
}

var _ = func(x int) {} // empty body: no finding

var _ = func(x int) { println() } // want "unused parameter: x"

var (
	calledGlobal       = func(x int) { println() } // want "unused parameter: x"
	addressTakenGlobal = func(x int) { println() }
	ExportedGlobal     = func(x int) { println() }
)

func _() {
	calledGlobal(1)
	println(addressTakenGlobal)
}

func Exported(unused int) { println() }

type T int

func (T) m(f bool) { println() } // want "unused parameter: f"
func (T) n(f bool) { println() }

func _() {
	var fib func(x, y int) int
	fib = func(x, y int) int { // want "unused parameter: y"
		if x < 2 {
			return x
		}
		return fib(x-1, 123) + fib(x-2, 456)
	}
	fib(10, 42)
}

func generic[T any](t T, n int) T { // want "unused parameter: n"
	return t
}

type G[T any] struct{}

func (G[T]) method(t T, used int) int { // want "unused parameter: t"
	return used
}

func _() {
	_ = generic[int](1, 2)
	_ = G[string]{}.method("", 1)
}
