package a

import "fmt"

func F() {}

type T struct{ fn func() }

func (T) M() {}

func G[P any](P) {}

func Comparisons(t T) {
	var fn func()
	if F == nil { // want "comparison of function F == nil is always false"
	}
	if nil != F { // want "comparison of function F != nil is always true"
	}
	if fmt.Println != nil { // want "comparison of function Println != nil is always true"
	}
	if t.M == nil { // want "comparison of function M == nil is always false"
	}
	if G[int] == nil { // want "comparison of function G == nil is always false"
	}
	// Variables and fields of function type may be nil.
	if fn == nil || t.fn != nil {
	}
	if (func())(nil) == nil {
	}
}
