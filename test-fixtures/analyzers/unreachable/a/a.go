package a

import "os"

var cond bool
var ch chan int
var v any

func afterReturn() int {
	print(1)
	return 2
	println() // want "unreachable code"
	println()
	return 0
}

func afterPanic() {
	panic("x")
	println() // want "unreachable code"
}

func shadowedPanic() {
	panic := func(string) {}
	panic("x")
	println()
}

// Calls that end the process are not known to vet's check.
func afterExit() {
	os.Exit(1)
	println()
}

func afterGoto() {
L:
	print(1)
	goto L
	println() // want "unreachable code"
}

func gotoTarget() {
	goto L
	println() // want "unreachable code"
L:
	println()
}

func branches() {
	for {
		if cond {
			break
			println() // want "unreachable code"
		}
		continue
		println() // want "unreachable code"
	}
}

func infiniteLoop() {
	for {
		println()
	}
	println() // want "unreachable code"
}

func loopWithBreak() {
	for {
		if cond {
			break
		}
	}
	println()
}

func labeledBreak() {
outer:
	for {
		for {
			break outer
		}
	}
	println()
}

func loopWithCond() {
	for cond {
	}
	println()
}

func rangeLoop(xs []int) {
	for range xs {
		return
	}
	println()
}

func ifElse() int {
	if cond {
		return 1
	} else {
		return 2
	}
	println() // want "unreachable code"
	return 3
}

func ifOnly() int {
	if cond {
		return 1
	}
	return 2
}

func switches(n int) int {
	switch n {
	case 1:
		return 1
	default:
		panic(2)
	}
	{ // want "unreachable code"
	}
	switch n {
	case 1:
		return 1
	}
	switch v.(type) {
	case int:
		return 1
	default:
		return 2
	}
	println() // want "unreachable code"
	return 0
}

func switchBreak(n int) int {
	switch n {
	case 1:
		break
	default:
		return 2
	}
	return 1
}

func selects() int {
	select {
	case <-ch:
		return 1
	}
	println() // want "unreachable code"
	return 0
}

func fallthroughs(n int) {
	switch n {
	case 1:
		fallthrough
	case 2:
		println()
	}
	println()
}

func emptyStatement() {
	return
	;
}

func literal() func() {
	return func() {
		return
		println() // want "unreachable code"
	}
}

func generic[T any](x T) T {
	return x
	println() // want "unreachable code"
	return x
}
