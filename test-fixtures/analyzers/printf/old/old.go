//go:build go1.23

// Package old is built for go1.23 by its build constraint: a non-constant format is not
// reported yet, %q of an int is fine, and interface methods are not wrappers.
package old

import "fmt"

type Logger interface {
	Logf(format string, args ...any)
}

type logger struct{}

func (logger) Logf(format string, args ...any) { fmt.Printf(format, args...) }

var _ Logger = logger{}

func F(msg string, l Logger) {
	fmt.Printf(msg)
	fmt.Printf("%q", 65)
	fmt.Printf("%q", "x", 1) // want "fmt.Printf call needs 1 arg but has 2 args"
	l.Logf("%d", "x")
}
