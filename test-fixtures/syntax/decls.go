// Package decls exercises declarations of every kind.
package decls

import (
	"fmt"
	m "math"
	. "strings"
	_ "embed"
)

import "os"

// Answer is documented.
const Answer = 42

const (
	A, B = iota, iota * 2
	C, D
	_, _
)

var (
	x, y int = 1, 2
	z        = "z"
)

var w struct {
	a, b int `json:"a"`
	*fmt.Stringer
	os.File
	Embedded
}

type (
	T     int
	Alias = map[string][]*T
	G[K comparable, V any] struct{ m map[K]V }
	N[T interface{ ~int | ~string }] []T
	A2[P ~int | string] = G[P, int]
)

type I interface {
	fmt.Stringer
	M(a int, b ...string) (n int, err error)
	~int | ~float64
}

type C2 chan<- int
type C3 <-chan []chan int

// F has a doc
// on two lines.
func F[T any, U comparable](t T, u ...U) (r T) { return t }

func (g *G[K, V]) Get(k K) (V, bool) {
	v, ok := g.m[k]
	return v, ok
}

func (T) NoName()

func asm(x int) int
