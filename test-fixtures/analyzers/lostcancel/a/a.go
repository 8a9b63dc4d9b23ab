package a

import (
	"context"
	"log"
	"os"
	"testing"
	"time"

	"die"
)

var parent = context.Background()
var flag bool
var n int

func VarForm() {
	var _, stop = context.WithCancel(parent) // want `the stop function is not used on all paths \(possible context leak\)`
	if flag {
		stop()
	}
} // want "this return statement may be reached without using the stop var defined on line 18"

func DefineForm() {
	_, cancel := context.WithTimeout(parent, time.Second) // want "the cancel function is not used on all paths"
	if flag {
		_ = cancel
	}
} // want "this return statement may be reached without using the cancel var defined on line 25"

func AssignForm() {
	var cancel context.CancelFunc
	_, cancel = context.WithDeadline(parent, time.Time{}) // want "the cancel function is not used on all paths"
	if !flag {
		return // want "this return statement may be reached without using the cancel var defined on line 33"
	}
	cancel()
}

func Discarded() {
	ctx, _ := context.WithCancel(parent)                       // want "the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak"
	ctx, _ = context.WithTimeoutCause(parent, time.Second, nil) // want "the cancel function returned by context.WithTimeoutCause should be called, not discarded, to avoid a context leak"
	_ = ctx
}

func Deferred() {
	_, cancel := context.WithCancel(parent)
	defer cancel()
}

func Returned() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

func NakedReturn() (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}

func ForeverLoop() {
	_, cancel := context.WithCancel(parent)
	if flag {
		cancel()
		return
	}
	for {
		println()
	}
}

func BoundedLoop() {
	_, cancel := context.WithCancel(parent) // want "not used on all paths"
	for i := 0; i < n; i++ {
		if i == 3 {
			cancel()
		}
	}
} // want "may be reached without using the cancel var"

func Exits(t *testing.T) {
	_, cancel := context.WithCancel(parent)
	switch n {
	case 0:
		t.Fatal("no")
	case 1:
		log.Fatalf("no")
	case 2:
		os.Exit(1)
	case 3:
		panic("no")
	case 4:
		die.Now("bye")
	case 5:
		fatal()
	case 6:
		println()
		fallthrough
	default:
		cancel()
	}
}

func NotAllExits() {
	_, cancel := context.WithCancel(parent) // want "not used on all paths"
	switch n {
	case 0:
		die.Maybe(flag)
	default:
		cancel()
	}
} // want "may be reached"

func fatal() {
	log.Println("fatal")
	os.Exit(3)
}

func Selects(ch chan int) {
	_, cancel := context.WithCancel(parent) // want "not used on all paths"
	select {
	case <-ch:
		cancel()
	case v := <-ch:
		println(v) // on to the implicit return
	}
} // want "may be reached"

func BlockingSelect(ch chan int) {
	_, cancel := context.WithCancel(parent)
	select {
	case <-ch:
		panic(0)
	}
	_ = cancel
}

func Literal() {
	go func() {
		ctx, cancel := context.WithCancel(parent) // want "not used on all paths"
		if flag {
			cancel()
		}
		_ = ctx
	}() // want "may be reached without using the cancel var"
}

func UsedInClosure() {
	_, cancel := context.WithCancel(parent)
	f := func() { cancel() }
	f()
}

func OuterVar() {
	var cancel func()
	func() {
		_, cancel = context.WithCancel(parent)
	}()
	cancel()
}

var global context.CancelFunc

func Global() {
	_, global = context.WithCancel(parent)
}

func Labels() {
	_, cancel := context.WithCancel(parent) // want "not used on all paths"
outer:
	for {
		for {
			if flag {
				break outer
			}
			if n > 0 {
				cancel()
				return
			}
		}
	}
} // want "may be reached"

func Generic[T any](x T) T {
	_, cancel := context.WithCancel(parent) // want "not used on all paths"
	if flag {
		return x // want "may be reached"
	}
	cancel()
	return x
}
