package a

import (
	"imported"
	"slices"
)

func f[T any](T) {}

func g[T any]() T { var x T; return x }

func h[P interface{ ~*T }, T any]() {}

func _() {
	f[string]("hello") // want "unnecessary type arguments"
	f[int](2)          // want "unnecessary type arguments"
	_ = g[int]()
	h[*int, int]() // want "unnecessary type arguments"
	h[*int]()

	var x int
	imported.F[int](x) // want "unnecessary type arguments"
}

func id[T any](t T) T { return t }

var _ = id[int](1)        // want "unnecessary type arguments"
var _ = id[string]("foo") // want "unnecessary type arguments"
var _ = id[int64](2)
var _ = id[float64](2)
var _ = id[float64](2.5) // want "unnecessary type arguments"

func pair[T any](t T) (T, T) { return t, t }

var _, _ = pair[int](3) // want "unnecessary type arguments"
var _, _ = pair[int64](3)

type MyInts []int

func two[K comparable, V any](m map[K]V, k K) V { return m[k] }

func _() {
	s := []int{1, 2}
	_ = slices.Index[[]int, int](s, 1) // want "unnecessary type arguments"
	_ = slices.Index[[]int](s, 1)      // want "unnecessary type arguments"
	var mine MyInts
	_ = slices.Index[MyInts, int](mine, 1) // want "unnecessary type arguments"
	_ = slices.Contains[[]int64](nil, 3)

	m := map[string]bool{}
	_ = two[string, bool](m, "k") // want "unnecessary type arguments"
	var fn func(int) string
	apply[int, string](fn, 1) // want "unnecessary type arguments"
	apply[int, string](nil, 1)
	var p *int
	_ = deref[int](p) // want "unnecessary type arguments"
}

func apply[A, B any](f func(A) B, a A) {}

func deref[T any](p *T) T { return *p }
