package a

import (
	"fmt"
	"testing"
)

// Tests and benchmarks: names and shapes.

func TestGood(t *testing.T)        {}
func Test(t *testing.T)            {}
func Test_underscore(t *testing.T) {}
func Testbad(t *testing.T)         {} // want `Testbad has malformed name: first letter after 'Test' must not be lowercase`
func Benchmarkbad(b *testing.B)    {} // want `Benchmarkbad has malformed name: first letter after 'Benchmark' must not be lowercase`
func BenchmarkGood(b *testing.B)   {}
func Fuzzbad(f *testing.F)         {} // want `Fuzzbad has malformed name: first letter after 'Fuzz' must not be lowercase`

// Not test-shaped: not checked.
func Testnotshaped(x int)              {}
func Testtworesults(t *testing.T) int  { return 0 }
func Testtwo(t, u *testing.T)          {}
func Testwrongletter(b *testing.B)     {}
func Testptrvalue(t testing.T)         {}
func (Foo) Testmethod(t *testing.T)    {}
func TestÄrger(t *testing.T)           {}
func Testägain(t *testing.T)           {} // want `Testägain has malformed name`
func testlowerprefix(t *testing.T)     {}
func BenchmarkT(b *testing.T)          {}

func TestGeneric[T any](t *testing.T) {} // want `TestGeneric has type parameters: it will not be run by go test as a TestXXX function`

func Testgeneric[T any, U comparable](t *testing.T) {} // want `Testgeneric has type parameters` `Testgeneric has malformed name`

// Examples.

func Example()              {}
func ExampleFoo()           {}
func ExampleFoo_Method()    {}
func ExampleFoo_Field()     {}
func ExampleFoo_suffix()    {}
func ExampleFoo_Method_ok() {}
func ExampleBar()           {}
func ExampleGeneric_Get()   {}
func Example_suffix()       {}
func ExampleSprintf()       {} // from an imported package
func ExampleT_Run()         {} // testing.T

func ExampleBaz() {} // want `ExampleBaz refers to unknown identifier: Baz`

func ExampleFoo_Nope() {} // want `ExampleFoo_Nope refers to unknown field or method: Foo.Nope`

func ExampleFoo_Method_Bad() {} // want `ExampleFoo_Method_Bad has malformed example suffix: Bad`

func Example_Bad() {} // want `Example_Bad has malformed example suffix: Bad`

func Example_() {} // want `Example_ has malformed example suffix: $`

func ExampleFoo_Nope_Bad() {} // want `ExampleFoo_Nope_Bad refers to unknown field or method: Foo.Nope` `ExampleFoo_Nope_Bad has malformed example suffix: Bad`

func ExampleBar_params(x int) {} // want `ExampleBar_params should be niladic`

func ExampleBar_results() int { return 0 } // want `ExampleBar_results should return nothing`

func ExampleBar_tparams[T any]() {} // want `ExampleBar_tparams should not have type params`

// Output comments.

func ExampleFoo_output() {
	fmt.Println("x")
	// Output: x
}

func ExampleFoo_unordered() {
	fmt.Println("x")
	// Unordered output:
	// x
}

func ExampleFoo_early() {
	// Output: x // want "output comment block must be the last comment block"
	fmt.Println("x")
	// a later comment
}

func ExampleFoo_twice() {
	// output: x // want "there can only be one output comment block per example"
	fmt.Println("x")
	// Output: x
}

func ExampleFoo_notoutput() {
	fmt.Println("x") // the output: is not at the start
	// Output: x
}
