package old

import (
	"sync"
	"testing"
)

var cond bool

func Range(xs []int) {
	for i, x := range xs {
		go func() {
			println(i, x) // want "loop variable i captured by func literal" "loop variable x captured by func literal"
		}()
	}
	for _, x := range xs {
		defer func() {
			println(x) // want "loop variable x captured by func literal"
		}()
	}
	// Not the last statement: assumed to finish within the iteration.
	for _, x := range xs {
		go func() {
			println(x)
		}()
		println()
	}
	// Passed as an argument: a copy.
	for _, x := range xs {
		go func(x int) {
			println(x)
		}(x)
	}
}

func ThreeClause() {
	for i := 0; i < 3; i++ {
		go func() {
			println(i) // want "loop variable i captured by func literal"
		}()
	}
	for i, j := 0, 0; i < 3; i, j = i+1, j+1 {
		defer func() {
			println(i, j) // want "loop variable i captured" "loop variable j captured"
		}()
	}
}

func Nested(xs []int, n int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		if cond {
			go func() {
				println(x) // want "loop variable x captured by func literal"
			}()
		} else if n > 0 {
			go func() {
				println(x) // want "loop variable x captured by func literal"
			}()
		} else {
			switch n {
			case 1:
				go func() {
					func() {
						println(x) // want "loop variable x captured by func literal"
					}()
				}()
			}
		}
	}
	wg.Wait()
}

func Subtests(t *testing.T, xs []int) {
	for _, x := range xs {
		t.Run("sub", func(t *testing.T) {
			println(x)
			t.Parallel()
			println(x) // want "loop variable x captured by func literal"
		})
		t.Run("serial", func(t *testing.T) {
			println(x)
		})
	}
}

func Generic[T any](xs []T) {
	for _, x := range xs {
		go func() {
			_ = x // want "loop variable x captured by func literal"
		}()
	}
}
