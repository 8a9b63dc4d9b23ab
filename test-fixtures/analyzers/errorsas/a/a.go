// Package a passes good and bad targets to errors.As.
package a

import "errors"

type myError int

func (myError) Error() string { return "" }

type genericError[T any] struct{ t T }

func (genericError[T]) Error() string { return "" }

type twice[T any] struct{ t T }

type iface interface{ m() }

func perr() *error { return nil }

func ptr[T any]() *T { return nil }

func two() (error, any) { return nil, nil }

func _[E error, A any, P interface{ *myError }](e E, a A, p P) {
	var (
		err error
		m   myError
		g   genericError[int]
		tw  twice[genericError[int]]
		i   int
		f   iface
		ei  interface{}
		an  any
	)
	errors.As(nil, &err)   // want `second argument to errors.As should not be \*error`
	errors.As(nil, perr()) // want `second argument to errors.As should not be \*error`
	errors.As(nil, ptr[error]()) // want `second argument to errors.As should not be \*error`
	errors.As(nil, &m)
	errors.As(nil, &g)
	errors.As(nil, &tw.t)
	errors.As(nil, &f)
	errors.As(nil, &e)
	errors.As(nil, &a)
	errors.As(nil, ei)
	errors.As(nil, an)
	errors.As(nil, a)
	errors.As(nil, p) // want `second argument to errors.As must be a non-nil pointer to either a type that implements error, or to any interface type`
	errors.As(two())

	errors.As(nil, nil)  // want `second argument to errors.As must be a non-nil pointer to either a type that implements error, or to any interface type`
	errors.As(nil, err)  // want `must be a non-nil pointer`
	errors.As(nil, m)    // want `must be a non-nil pointer`
	errors.As(nil, f)    // want `must be a non-nil pointer`
	errors.As(nil, &i)   // want `must be a non-nil pointer`
	errors.As(nil, tw.t) // want `must be a non-nil pointer`
	errors.As(nil, e)    // want `must be a non-nil pointer`
}
