package a

import (
	"sync"
	"testing"
)

func TestLiteral(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 2 {
				t.Fatalf("bad %d", i) // want `call to \(\*testing.T\).Fatalf from a non-test goroutine$`
			}
			t.Log("fine")
			t.Error("fine too")
		}()
	}
	wg.Wait()
}

func BenchmarkLiteral(b *testing.B) {
	done := make(chan bool)
	go func() {
		b.Skip("no") // want `call to \(\*testing.B\).Skip from a non-test goroutine`
		done <- true
	}()
	<-done
}

func TestDirect(t *testing.T) {
	go t.FailNow() // want `call to \(\*testing.T\).FailNow from a non-test goroutine`
}

func helper(t *testing.T, msg string) {
	t.Fatal(msg)
}

func helperTB(tb testing.TB) {
	tb.SkipNow()
}

func TestHelpers(t *testing.T) {
	go helper(t, "x")  // want `call to \(\*testing.T\).Fatal from a non-test goroutine \(helper calls \(\*testing.T\).Fatal\)`
	go helperTB(t)     // want `call to \(testing.TB\).SkipNow from a non-test goroutine \(helperTB calls \(testing.TB\).SkipNow\)`
	helper(t, "ok")
}

func TestVariable(t *testing.T) {
	f := func() {
		t.Skipf("x")
	}
	go f() // want `call to \(\*testing.T\).Skipf from a non-test goroutine \(f calls \(\*testing.T\).Skipf\)`
}

func TestSubtest(t *testing.T) {
	// Subtests run on their own goroutine and may stop themselves.
	t.Run("sub", func(t *testing.T) {
		t.Fatal("fine")
	})
	go func() {
		t.Run("nested", func(t *testing.T) {
			t.FailNow()
		})
	}()
}

func generic[T any](t *testing.T, x T) {
	t.Fatal(x)
}

func TestGeneric(t *testing.T) {
	go generic[int](t, 1) // want `call to \(\*testing.T\).Fatal from a non-test goroutine`
}

// Any function with a *testing.T parameter is looked at.
func notATest(t *testing.T) {
	go func() {
		t.Fatal("unseen") // want `call to \(\*testing.T\).Fatal from a non-test goroutine`
	}()
}

// Other functions are not.
func other(x int) {
	var t *testing.T
	go func() {
		t.Fatal("unseen")
	}()
}
