package assign

import (
	"fmt"
	"os"
)

type A struct {
	b int
}

func single() {
	v := "s" // want `declared and not used: v`

	s := []int{ // want `declared and not used: s`
		1,
		2,
	}

	a := func(s string) bool { // want `declared and not used: a`
		return false
	}

	if true {
		s := "v" // want `declared and not used: s`
	}

	panic("kept")
}

func onlyStatement() {
	v := "s" // want `declared and not used: v`
}

func partOfMulti() {
	f, err := os.Open("file") // want `declared and not used: f`
	panic(err)
}

func pairs() {
	x, y := 1, 2 // want `declared and not used: x`
	z, w := 3, 4 // want `declared and not used: w`
	panic(y + z)
}

func sideEffects(cBool chan bool, cInt chan int) {
	b := <-cBool        // want `declared and not used: b`
	s := fmt.Sprint("") // want `declared and not used: s`
	a := A{             // want `declared and not used: a`
		b: func() int {
			return 1
		}(),
	}
	c := A{<-cInt}       // want `declared and not used: c`
	d := fInt() + <-cInt // want `declared and not used: d`
	e := len("abc")      // want `declared and not used: e`
	g := int64(3)        // want `declared and not used: g`
	h := func(s string) {} // want `declared and not used: h`
}

func commentAbove() {
	// v is a variable
	v := "s" // want `declared and not used: v`
}

func inIfInit() {
	if x := fInt(); true { // want `declared and not used: x`
	}
	if y := 1; true { // want `declared and not used: y`
	}
}

func generic[T any](t T) {
	u := t // want `declared and not used: u`
}

// Used variables, parameters and range variables are not this analyzer's.
func used(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func fInt() int {
	return 1
}

func noFix(x any, xs []int, c chan int) {
	switch v := x.(type) { // the checker reports v; no fix for a type switch binding
	case int:
	}
	for i := range xs { // the checker reports i; no fix is offered for range variables
	}
	select {
	case w := <-c: // want `declared and not used: w`
	}
}
