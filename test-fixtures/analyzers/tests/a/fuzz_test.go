package a

import "testing"

type myString string

func FuzzGood(f *testing.F) {
	f.Add("a", 1, []byte("b"))
	f.Fuzz(func(t *testing.T, s string, n int, b []byte) {
		_ = f.Name()
		_ = f.Failed()
	})
}

func FuzzNotFunc(f *testing.F) {
	f.Fuzz(1) // want "argument to Fuzz must be a function"
}

func FuzzReturns(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) error { return nil }) // want "fuzz target must not return any value"
}

func FuzzNoParams(f *testing.F) {
	f.Fuzz(func() {}) // want "fuzz target must have 1 or more argument"
}

func FuzzFirstParam(f *testing.F) {
	f.Fuzz(func(t *testing.B, s string) {}) // want `the first parameter of a fuzz target must be \*testing.T`
}

func FuzzBadType(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string, m map[int]int) {}) // want `fuzzing arguments can only have the following types: string, bool, float32, float64, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, \[\]byte`
}

func FuzzNamedType(f *testing.F) {
	f.Fuzz(func(t *testing.T, s myString) {}) // want "fuzzing arguments can only have"
}

func target(t *testing.T, c complex128) {}

func FuzzFuncValue(f *testing.F) {
	f.Fuzz(target) // want "fuzzing arguments can only have"
}

func FuzzCallsF(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		f.Log("x") // want `fuzz target must not call any \*F methods`
		t.Log("ok")
	})
}

func FuzzAddCount(f *testing.F) {
	f.Add("a") // want `wrong number of values in call to \(\*testing.F\).Add: 1, fuzz target expects 2`
	f.Fuzz(func(t *testing.T, s string, n int) {})
}

func FuzzAddType(f *testing.F) {
	f.Add("a", "b") // want `mismatched type in call to \(\*testing.F\).Add: string, fuzz target expects int`
	f.Add(1, 2.5)   // want `mismatched types in call to \(\*testing.F\).Add: \[int float64\], fuzz target expects \[string int\]`
	f.Add("a", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {})
}

func FuzzByte(f *testing.F) {
	f.Add(byte(1), uint8(2))
	f.Fuzz(func(t *testing.T, a uint8, b byte) {})
}

// Generic helpers are not fuzz functions.
func fuzzHelper[T any](f *testing.F, v T) { f.Add(v) }
