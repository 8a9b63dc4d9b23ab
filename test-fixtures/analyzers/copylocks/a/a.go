package a

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

type Tlock struct {
	once sync.Once
}

type mut struct {
	mu sync.Mutex
}

// Embedding a pointer or an interface makes the value itself a Locker: safe to copy.
type safeEmbedPtr struct {
	*sync.Mutex
}

type safeEmbedIface struct {
	sync.Locker
}

func Assign(x *sync.Mutex, tp *Tlock) {
	var t Tlock
	var p *sync.Mutex
	*p = *x   // want `assignment copies lock value to \*p: sync.Mutex`
	*tp = t   // want `assignment copies lock value to \*tp: a.Tlock contains sync.Once contains sync\b.*`
	t = *tp   // want `assignment copies lock value to t: a.Tlock contains sync.Once contains sync\b.*`
	y := *x   // want "assignment copies lock value to y: sync.Mutex"
	var z = t // want `variable declaration copies lock value to z: a.Tlock contains sync.Once contains sync\b.*`
	_, _ = &y, &z

	// Fresh values are fine.
	w := sync.Mutex{}
	v := Tlock{}
	q := new(sync.Mutex)
	r := *new(sync.Mutex)
	_, _, _, _ = &w, &v, q, &r

	m := map[string]mut{}
	mumA := m["a"]    // want "assignment copies lock value to mumA: a.mut contains sync.Mutex"
	mumB, _ := m["a"] // want `assignment copies lock value to mumB: \(a.mut, bool\) contains a.mut contains sync.Mutex`
	_, _ = &mumA, &mumB
}

func Literals(x *sync.Mutex, t Tlock) { // want "Literals passes lock by value: a.Tlock contains sync.Once contains sync\\b.*"
	_ = struct{ L sync.Mutex }{
		L: *x, // want `literal copies lock value from \*x: sync.Mutex`
	}
	_ = []Tlock{
		t, // want `literal copies lock value from t: a.Tlock contains sync.Once contains sync\b.*`
	}
	_ = map[int]Tlock{
		1: t, // want `literal copies lock value from t: a.Tlock contains sync.Once contains sync\b.*`
	}
	_ = []*Tlock{&t}
}

func Calls(mu sync.Mutex) { // want "Calls passes lock by value: sync.Mutex"
	var a [2]sync.Mutex
	_ = len(a)
	_ = cap(a)
	_ = unsafe.Sizeof(mu)
	take(mu)      // want "call of take copies lock value: sync.Mutex"
	take(a[0])    // want "call of take copies lock value: sync.Mutex"
	takeAny(&mu)
	takeAny(mu)   // want "call of takeAny copies lock value: sync.Mutex"
	f := func(m sync.Mutex) {} // want "func passes lock by value: sync.Mutex"
	f(a[1])                    // want "call of f copies lock value: sync.Mutex"
}

func take(sync.Mutex) {} // want "take passes lock by value: sync.Mutex"

func takeAny(any) {}

func (m mut) Value() {} // want "Value passes lock by value: a.mut contains sync.Mutex"

func (m *mut) Pointer() {}

func Return(m *mut) mut {
	if m == nil {
		return mut{}
	}
	return *m // want "return copies lock value: a.mut contains sync.Mutex"
}

func Ranges(ms []mut, arr *[3]sync.WaitGroup) {
	for _, m := range ms { // want "range var m copies lock: a.mut contains sync.Mutex"
		_ = &m
	}
	for i := range ms {
		_ = i
	}
	var m mut
	for _, m = range ms { // want "range var m copies lock: a.mut contains sync.Mutex"
	}
	_ = &m
	for _, wg := range arr { // want "range var wg copies lock: sync.WaitGroup contains sync.noCopy"
		_ = &wg
	}
}

func Others(wg *sync.WaitGroup, n *atomic.Int64, rw *sync.RWMutex, s1 *safeEmbedPtr, s2 *safeEmbedIface) {
	w := *wg  // want "assignment copies lock value to w: sync.WaitGroup contains sync.noCopy"
	c := *n   // want `assignment copies lock value to c: sync/atomic.Int64 contains sync/atomic.noCopy`
	r := *rw  // want "assignment copies lock value to r: sync.RWMutex"
	e1 := *s1 // safe: embeds a pointer
	e2 := *s2 // safe: embeds an interface
	_, _, _, _, _ = &w, &c, &r, e1, e2
}

func Loop() {
	for mu := (sync.Mutex{}); ; { // want "for loop iteration copies lock value to mu: sync.Mutex"
		_ = &mu
		break
	}
}

// Generic code: type parameters whose constraint terms hold locks.
func BadFunc1[Struct ~struct{ mu sync.Mutex }](s Struct) { // want `BadFunc1 passes lock by value: Struct contains ~struct\{mu sync.Mutex\} contains sync.Mutex$`
}

func BadFunc2[Mutex sync.Mutex](m Mutex) { // want `BadFunc2 passes lock by value: Mutex contains sync.Mutex`
}

func GoodFunc[T any](t T) {
}

func Copy[T ~*sync.Mutex](p T) {
	q := *p // want `assignment copies lock value to q: sync.Mutex`
	_ = &q
}
