package a

import "sync/atomic"

type Counter uint64

type S struct {
	n int64
}

func Atomics(s *S, p *uint32) {
	x := uint64(1)
	x = atomic.AddUint64(&x, 1)        // want "direct assignment to atomic value"
	_, x = 10, atomic.AddUint64(&x, 1) // want "direct assignment to atomic value"
	x, _ = atomic.AddUint64(&x, 1), 10 // want "direct assignment to atomic value"

	y := &x
	*y = atomic.AddUint64(y, 1) // want "direct assignment to atomic value"

	s.n = atomic.AddInt64(&s.n, 1) // want "direct assignment to atomic value"
	*p = atomic.AddUint32(p, 1)    // want "direct assignment to atomic value"

	var su struct{ Counter uint64 }
	su.Counter = atomic.AddUint64(&su.Counter, 1) // want "direct assignment to atomic value"
	z1 := atomic.AddUint64(&su.Counter, 1)
	_ = z1

	// Another variable: fine.
	w := uint64(0)
	w = atomic.AddUint64(&x, 1)
	_ = w
	atomic.AddUint64(&x, 1)
	x = atomic.LoadUint64(&x)
	x = (atomic.AddUint64(&x, 1))
}

func Generic[T any](v *T, n *int32) {
	*n = atomic.AddInt32(n, 1) // want "direct assignment to atomic value"
}
