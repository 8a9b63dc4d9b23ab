// Package a declares print wrappers and checks calls of the well-known print functions.
package a

import (
	"errors"
	"fmt"
	"log"
	"os"
	"testing"
	"unsafe"
)

// Logf forwards to fmt.Printf: a printf wrapper.
func Logf(format string, args ...interface{}) {
	fmt.Printf(format, args...)
}

// Log forwards to fmt.Println: a print wrapper.
func Log(args ...any) {
	fmt.Println(args...)
}

// Wrapf goes through Logf: a wrapper of a wrapper.
func Wrapf(level int, format string, args ...any) {
	if level > 0 {
		Logf(format, args...)
	}
}

// Errorf forwards to fmt.Errorf, so it accepts %w.
func Errorf(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

// NotWrapf changes its format before forwarding: not a wrapper.
func NotWrapf(format string, args ...any) {
	format = "x" + format
	fmt.Printf(format, args...)
}

// NoWrap takes the right parameters but forwards nothing.
func NoWrap(format string, args ...any) {}

type T struct{}

// Printf is a method wrapper.
func (*T) Printf(format string, args ...any) {
	log.Printf(format, args...)
}

func BadWrap(args ...any) string {
	return fmt.Sprint(args) // want "missing ... in args forwarded to print-like function"
}

func BadWrapf(format string, args ...any) string {
	return fmt.Sprintf(format, args) // want "missing ... in args forwarded to printf-like function"
}

// Fine: passing more than the callee's parameters cannot be fixed with ...
func WrapfFalsePositive(x int, arg1 string, arg2 ...interface{}) string {
	return fmt.Sprintf("%s %v", arg1, arg2)
}

type stringer int

func (stringer) String() string { return "s" }

type ptrStringer int

func (*ptrStringer) String() string { return "p" }

type formatter bool

func (formatter) Format(fmt.State, rune) {}

type errT struct{}

func (errT) Error() string { return "e" }

type recursive int

func (r recursive) String() string {
	_ = fmt.Sprintf("%d", r)
	_ = fmt.Sprintf("%#v", r)
	_ = fmt.Sprintf("%v", &r) // want `fmt.Sprintf format %v with arg &r causes recursive \(a.recursive\).String method call`
	_ = fmt.Sprintf("%T", r)
	return fmt.Sprintln(r) // want `fmt.Sprintln arg r causes recursive call to \(a.recursive\).String method`
}

type percentD struct {
	a int
	b []byte
}

type hidden struct {
	e error
}

func someFunction() {}

func Calls(t *testing.T, tb testing.TB, l *log.Logger) {
	var (
		b     bool
		i     int
		x     float64
		s     string
		p     *int
		m     map[int]int
		up    unsafe.Pointer
		err   error
		str   stringer
		ps    ptrStringer
		fm    formatter
		iface interface{ M() }
		pd    percentD
		h     hidden
	)
	fmt.Printf("%d %s %v %t %g %p %x %q", i, s, x, b, x, p, s, s)
	fmt.Printf("%d %x %p", m, up, up)
	fmt.Printf("%s %v %d", str, str, str)
	fmt.Printf("%s", &ps)
	fmt.Printf("%s", ps) // want `fmt.Printf format %s has arg ps of wrong type a.ptrStringer`
	fmt.Printf("%z %d", fm, fm)
	fmt.Printf("%f", iface)
	fmt.Printf("%d", pd)
	fmt.Printf("%d", &pd)
	fmt.Printf("%s", pd) // want `fmt.Printf format %s has arg pd of wrong type a.percentD`
	fmt.Printf("%s", h)  // want `fmt.Printf format %s has arg h of wrong type a.hidden`
	fmt.Printf("%b", "hi")   // want `fmt.Printf format %b has arg "hi" of wrong type string`
	fmt.Printf("%t", 1+2i)   // want `fmt.Printf format %t has arg 1 \+ 2i of wrong type complex128`
	fmt.Printf("%d", 2.3)    // want `fmt.Printf format %d has arg 2.3 of wrong type float64`
	fmt.Printf("%F", 'x')    // want `fmt.Printf format %F has arg 'x' of wrong type rune`
	fmt.Printf("%p", nil)    // want `fmt.Printf format %p has arg nil of wrong type untyped nil`
	fmt.Printf("%s", byte(65)) // want `fmt.Printf format %s has arg byte\(65\) of wrong type byte`
	fmt.Printf("%g", m)      // want `fmt.Printf format %g has arg m of wrong type map\[int\]int`
	fmt.Printf("%q", 3)      // want `fmt.Printf format %q has arg 3 of wrong type int`
	fmt.Printf("%s", []int{1}) // want `fmt.Printf format %s has arg \[\]int\{1\} of wrong type \[\]int`
	fmt.Printf("%s", &[]string{"a"})
	fmt.Printf("%d", someFunction) // want "fmt.Printf format %d arg someFunction is a func value, not called"
	fmt.Printf("%p %T", someFunction, someFunction)
	fmt.Printf("%r", 1)       // want "fmt.Printf format %r has unknown verb r"
	fmt.Printf("%#s", "x")    // want "fmt.Printf format %#s has unrecognized flag #"
	fmt.Printf("%0t", true)
	fmt.Printf("%s %d", "x")  // want `fmt.Printf format %d reads arg #2, but call has 1 arg$`
	fmt.Printf("%s", "x", 1)  // want "fmt.Printf call needs 1 arg but has 2 args"
	fmt.Printf("%.*d", 3, 4)
	fmt.Printf("%.*d", s, 4)  // want `fmt.Printf format %.\*d uses non-int s as argument of \*`
	fmt.Printf("%[2]d %[1]s", "x", 1)
	fmt.Printf("%[1]d", 1, 2)
	fmt.Printf("%[3]d", 1, 2) // want `fmt.Printf format %\[3\]d reads arg #3, but call has 2 args`
	fmt.Printf("%[0]d", 1)    // want `fmt.Printf format has invalid argument index \[0\]`
	fmt.Printf("%[xd", 1)     // want `fmt.Printf format %\[xd is missing closing \]`
	fmt.Printf("d%", 1)       // want "fmt.Printf format % is missing verb at end of string"
	fmt.Printf("%d%%", 1)
	fmt.Printf("%*%", 2)
	fmt.Printf("no verbs", 1) // want "fmt.Printf call has arguments but no formatting directives"
	fmt.Printf("%d %d", []any{1, 2}...)
	fmt.Printf("%w", err)     // want "fmt.Printf does not support error-wrapping directive %w"
	_ = fmt.Errorf("%w", err)
	_ = fmt.Errorf("%w", errT{})
	_ = fmt.Errorf("%w", "x") // want `fmt.Errorf format %w has arg "x" of wrong type string`
	_ = fmt.Errorf("%w", interface{}(nil)) // want `fmt.Errorf format %w has arg interface\{\}\(nil\) of wrong type interface\{\}`
	_ = errors.New("%d")
	fmt.Fprintf(os.Stderr, "%d", "x") // want `fmt.Fprintf format %d has arg "x" of wrong type string`
	_ = fmt.Sprintf("%"+"s", "hi", 3) // want "fmt.Sprintf call needs 1 arg but has 2 args"

	fmt.Println("%d", 1)      // want "fmt.Println call has possible Printf formatting directive %d"
	fmt.Print("100%")
	fmt.Println("http://x.com?q%2Fabc")
	fmt.Println("x % y")
	fmt.Println("done\n")     // want "fmt.Println arg list ends with redundant newline"
	fmt.Println("line\n", 1)
	fmt.Println(os.Stderr, 1) // want "fmt.Println does not take io.Writer but has first arg os.Stderr"
	fmt.Println(someFunction) // want "fmt.Println arg someFunction is a func value, not called"

	log.Printf("%d", "x")     // want `log.Printf format %d has arg "x" of wrong type string`
	log.Print("%d", 1)        // want "log.Print call has possible Printf formatting directive %d"
	l.Printf("%d", "x")       // want `\(\*log.Logger\).Printf format %d has arg "x" of wrong type string`
	t.Errorf("%s", 1)         // want `\(\*testing.common\).Errorf format %s has arg 1 of wrong type int`
	t.Log("%d", 1)            // want `\(\*testing.common\).Log call has possible Printf formatting directive %d`
	tb.Fatalf("%s", 1)        // want `\(testing.TB\).Fatalf format %s has arg 1 of wrong type int`
	t.Errorf("%w", err)       // want `\(\*testing.common\).Errorf does not support error-wrapping directive %w`

	Logf("%d", "x")          // want `a.Logf format %d has arg "x" of wrong type string`
	Log("%s", 1)             // want "a.Log call has possible Printf formatting directive %s"
	Wrapf(1, "%s")           // want `a.Wrapf format %s reads arg #1, but call has 0 args`
	_ = Errorf("%w", err)
	NotWrapf("%d", "x")
	NoWrap("%d", "x")
	var tt T
	tt.Printf("%d", "x") // want `\(\*a.T\).Printf format %d has arg "x" of wrong type string`

	logf := func(format string, args ...any) {
		println(fmt.Sprintf(format, args...))
	}
	logf("%s", 1) // want "logf format %s has arg 1 of wrong type int"
	notlogf := func(format string, args ...any) {}
	notlogf("%s", 1)
	globalf("%s", 1) // want "globalf format %s has arg 1 of wrong type int"
}

var globalf = func(format string, args ...any) {
	log.Printf(format, args...)
}

// Logger's Logf is a printf wrapper (go1.26): a type of this package implementing it has one.
type Logger interface {
	Logf(format string, args ...any)
	Log(args ...any)
}

type logger struct{}

func (logger) Logf(format string, args ...any) { fmt.Printf(format, args...) }

func (logger) Log(args ...any) {}

func NewLogger() Logger { return logger{} }
