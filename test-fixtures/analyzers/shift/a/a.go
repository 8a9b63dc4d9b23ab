package a

import "unsafe"

func Shifts(i8 int8, u16 uint16, i32 int32, u64 uint64, i int, up uintptr) {
	_ = i8 << 7
	_ = i8 << 8   // want `i8 \(8 bits\) too small for shift of 8`
	_ = i8 >> 9   // want `i8 \(8 bits\) too small for shift of 9`
	_ = u16 << 16 // want `u16 \(16 bits\) too small for shift of 16`
	_ = i32 >> 31
	_ = i32 >> 32     // want `i32 \(32 bits\) too small for shift of 32`
	_ = u64 << 64     // want `u64 \(64 bits\) too small for shift of 64`
	_ = i << 64       // want `i \(64 bits\) too small for shift of 64`
	_ = up >> 70      // want `up \(64 bits\) too small for shift of 70`
	_ = (i8 + 1) << 8 // want `\(i8 \+ 1\) \(8 bits\) too small for shift of 8`
	i8 <<= 8          // want `i8 \(8 bits\) too small for shift of 8`
	u16 >>= 20        // want `u16 \(16 bits\) too small for shift of 20`
	i32 <<= 3
	const big = 100
	_ = u64 >> big // want `u64 \(64 bits\) too small for shift of 100`
	_ = 1 << 70 >> 68
	_ = ^uint(0) >> 63
	var n uint
	_ = i8 << n

	// Unreachable code for other word sizes.
	if unsafe.Sizeof(i) == 4 {
		_ = i << 40
	} else {
		_ = i << 65 // want `i \(64 bits\) too small for shift of 65`
	}
	if false {
		_ = i8 << 10
	}
	switch {
	case unsafe.Sizeof(up) == 4:
		_ = up << 40
	case true:
		_ = up << 66 // want `up \(64 bits\) too small for shift of 66`
	}
	switch unsafe.Sizeof(up) {
	case 4:
		_ = up << 40
	case 8:
		_ = up << 67 // want `up \(64 bits\) too small for shift of 67`
	}
}

func Generic[N ~int8 | ~int16, M ~int32, A any](n N, m M, a []A) {
	_ = n << 7
	_ = n << 8  // want `n \(may be 8 bits\) too small for shift of 8`
	_ = m << 32 // want `m \(32 bits\) too small for shift of 32`
	n >>= 16    // want `n \(may be 8 bits\) too small for shift of 16`
}
