package a

// void f(void *p) {}
import "C"

import "unsafe"

type withSlice struct {
	n int
	s []int
}

type plain struct {
	a, b int
	p    *int
}

type list struct {
	next *list
	v    int
}

func f() {
	var x int
	var s []int
	var m map[int]int
	var ch chan int
	var fn func()
	var ws withSlice
	var pl plain
	var arr [4]int
	var sarr [4][]int
	var l list

	C.f(unsafe.Pointer(&x))
	C.f(unsafe.Pointer(&pl))
	C.f(unsafe.Pointer(&arr))
	C.f(unsafe.Pointer(&l))
	C.f(unsafe.Pointer(&s[0]))

	C.f(unsafe.Pointer(&s))    // want "possibly passing Go type with embedded pointer to C"
	C.f(unsafe.Pointer(&m))    // want "possibly passing Go type with embedded pointer to C"
	C.f(unsafe.Pointer(&ch))   // want "possibly passing Go type with embedded pointer to C"
	C.f(unsafe.Pointer(&fn))   // want "possibly passing Go type with embedded pointer to C"
	// go vet misses this one: it re-checks cgo files against the package's exported API, so
	// the unexported withSlice has no type there.
	C.f(unsafe.Pointer(&ws))   // want "possibly passing Go type with embedded pointer to C"
	C.f(unsafe.Pointer(&sarr)) // want "possibly passing Go type with embedded pointer to C"
	C.f(*(*unsafe.Pointer)(unsafe.Pointer(&s))) // want "possibly passing Go type with embedded pointer to C"

	// C.CBytes copies.
	_ = C.CBytes([]byte("x"))
}

func g[T any](v *T) {
	C.f(unsafe.Pointer(v))
}
