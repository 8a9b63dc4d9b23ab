// Package b calls the wrappers package a declares: facts carry their kinds across.
package b

import (
	"fmt"

	"a"
)

// Infof forwards to a wrapper of another package: a wrapper too.
func Infof(format string, args ...any) {
	a.Wrapf(1, format, args...)
}

func Calls() {
	a.Logf("%d", "x")     // want `a.Logf format %d has arg "x" of wrong type string`
	a.Logf("%d", 1)
	a.Wrapf(0, "%d %d", 1) // want `a.Wrapf format %d reads arg #2, but call has 1 arg`
	a.Log("%v", 1)        // want "a.Log call has possible Printf formatting directive %v"
	_ = a.Errorf("%w", fmt.Errorf("x"))
	a.NoWrap("%d", "x")
	a.NotWrapf("%d", "x")
	Infof("%s", 1) // want "b.Infof format %s has arg 1 of wrong type int"
	var t a.T
	t.Printf("%s %s", "x") // want `\(\*a.T\).Printf format %s reads arg #2, but call has 1 arg`
}

func UseLogger(l a.Logger) {
	l.Logf("%d", "x") // want `\(a.Logger\).Logf format %d has arg "x" of wrong type string`
	l.Log("%d", 1)
}
