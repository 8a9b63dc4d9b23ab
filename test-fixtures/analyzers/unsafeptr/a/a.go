package a

import (
	"reflect"
	"unsafe"
)

type myPointer unsafe.Pointer

func f() {
	var x unsafe.Pointer
	var y uintptr
	x = unsafe.Pointer(y) // want "possible misuse of unsafe.Pointer"
	y = uintptr(x)

	// Arithmetic on a pointer converted in the same expression is fine.
	x = unsafe.Pointer(uintptr(x) + 1)
	x = unsafe.Pointer((uintptr(x)) - 1)
	x = unsafe.Pointer(uintptr(x) &^ 3)
	x = unsafe.Pointer(1 + uintptr(x)) // want "possible misuse of unsafe.Pointer"
	x = unsafe.Pointer(uintptr(x) + uintptr(x)) // want "possible misuse of unsafe.Pointer"
	x = unsafe.Pointer(uintptr(x) * 2) // want "possible misuse of unsafe.Pointer"

	// A named type whose underlying type is unsafe.Pointer.
	_ = myPointer(y) // want "possible misuse of unsafe.Pointer"

	// reflect.Value's Pointer and UnsafeAddr.
	var v reflect.Value
	x = unsafe.Pointer(v.Pointer())
	x = unsafe.Pointer(v.UnsafeAddr())
	x = unsafe.Pointer(v.Pointer() + 8) // want "possible misuse of unsafe.Pointer"
	_ = x
}

func headers(s []int, str string) {
	// Through a pointer to the real header: fine.
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	_ = unsafe.Pointer(hdr.Data)
	shdr := (*reflect.StringHeader)(unsafe.Pointer(&str))
	_ = unsafe.Pointer(shdr.Data)

	// Header values are not.
	var h reflect.SliceHeader
	_ = unsafe.Pointer(h.Data) // want "possible misuse of unsafe.Pointer"
	h2 := *hdr                 // want "possible misuse of reflect.SliceHeader"
	_ = &reflect.StringHeader{} // want "possible misuse of reflect.StringHeader"
	_ = &h                      // want "possible misuse of reflect.SliceHeader"
	_ = h2
}

// Type parameters: a uintptr-constrained value is not a uintptr.
func g[T ~uintptr, P ~unsafe.Pointer](t T, u uintptr) {
	_ = unsafe.Pointer(u) // want "possible misuse of unsafe.Pointer"
	_ = P(unsafe.Pointer(uintptr(0))) // want "possible misuse of unsafe.Pointer"
}
