// Package edge holds the corner cases of printf, compared line by line with go vet.
package edge

import (
	"errors"
	"fmt"
	. "fmt"
	"io"
	"log"
	"os"
	"strings"
)

func two() (int, int) { return 1, 2 }

type Logger interface {
	Logf(format string, args ...any)
}

type impl struct{}

func (impl) Logf(format string, args ...any) { fmt.Printf(format, args...) }

var _ Logger = impl{}

func useLogger(l Logger) {
	l.Logf("%d", "x") // want `\(edge\.Logger\)\.Logf format %d has arg "x" of wrong type string`
}

type withPrintf struct{ w io.Writer }

func (p *withPrintf) Printf(format string, args ...interface{}) {
	fmt.Fprintf(p.w, format, args...)
}

func (p *withPrintf) Println(args ...interface{}) {
	fmt.Fprintln(p.w, args...)
}

type G[T any] struct{}

func (G[T]) Logf(format string, args ...any) { log.Printf(format, args...) }

func recursiveWrap(format string, args ...any) {
	if len(args) > 3 {
		recursiveWrap(format, args[1:]...)
		return
	}
	fmt.Printf(format, args...)
}

func mutual1(format string, args ...any) { mutual2(format, args...) }
func mutual2(format string, args ...any) {
	if false {
		mutual1(format, args...)
	}
	fmt.Sprintf(format, args...)
}

func addrTaken(format string, args ...any) {
	p := &args
	_ = p
	fmt.Printf(format, args...)
}

func printOnly(x int, args ...any) {
	fmt.Print(args...)
}

func Edge() {
	fmt.Println(two())
	fmt.Printf("\t%d\n", "x") // want `fmt\.Printf format %d has arg "x" of wrong type string`
	fmt.Printf(`%d
	%s`, 1, 2) // want `fmt\.Printf format %s has arg 2 of wrong type int`
	Printf("%d", "dot") // want `fmt\.Printf format %d has arg "dot" of wrong type string`
	defer fmt.Printf("%d", "defer") // want `fmt\.Printf format %d has arg "defer" of wrong type string`
	go log.Printf("%d", "go") // want `log\.Printf format %d has arg "go" of wrong type string`
	f := fmt.Printf
	f("%d", "x")
	p := &withPrintf{os.Stdout}
	p.Printf("%d", "x") // want `\(\*edge\.withPrintf\)\.Printf format %d has arg "x" of wrong type string`
	p.Println("%d", 1) // want `\(\*edge\.withPrintf\)\.Println call has possible Printf formatting directive %d`
	var g G[int]
	g.Logf("%d", "x") // want `\(edge\.G\[int\]\)\.Logf format %d has arg "x" of wrong type string`
	recursiveWrap("%d", "x") // want `edge\.recursiveWrap format %d has arg "x" of wrong type string`
	mutual1("%d", "x") // want `edge\.mutual1 format %d has arg "x" of wrong type string`
	mutual2("%d", "x") // want `edge\.mutual2 format %d has arg "x" of wrong type string`
	addrTaken("%d", "x")
	printOnly(1, "%d", 2) // want `edge\.printOnly call has possible Printf formatting directive %d`
	fmt.Printf("%v %v", 1) // want `fmt\.Printf format %v reads arg #2, but call has 1 arg`
	fmt.Printf("%-10s|%+d|% x|%#v", "a", 1, "b", struct{}{})
	fmt.Printf("%6.2f %e %g", 1.0, 2.0, 3) // want `fmt\.Printf format %g has arg 3 of wrong type int`
	fmt.Printf("%c %U %q", 'x', 0x1F600, 'y')
	fmt.Printf("%x %X", []byte("a"), [2]byte{})
	fmt.Printf("%s", errors.New("e"))
	fmt.Printf("%s", strings.NewReader("")) // want `fmt\.Printf format %s has arg strings\.NewReader\(""\) of wrong type \*strings\.Reader`
	fmt.Printf("%d", os.Stdout) // want `fmt\.Printf format %d has arg os\.Stdout of wrong type \*os\.File`
	fmt.Printf("%s", os.Stdout) // want `fmt\.Printf format %s has arg os\.Stdout of wrong type \*os\.File`
	fmt.Printf("%t", &struct{ b bool }{})
	fmt.Printf("%s", &struct{ b bool }{}) // want `fmt\.Printf format %s has arg &struct\{ b bool \}\{\} of wrong type \*struct\{b bool\}`
	fmt.Printf("%s", struct{ Err error }{})
	fmt.Printf("%d", uintptr(0))
	fmt.Printf("%s", []error{nil})
	fmt.Printf("%.*[1]d", 1)
	fmt.Printf("%[2]*d", 1, 2, 3)
	fmt.Printf("%[2]d %d", 1, 2, 3)
	fmt.Printf("%d %[1]d %d", 1, 2)
	fmt.Printf("%!d", 1) // want `fmt\.Printf format %! has unknown verb !`
	fmt.Printf("%é", 1) // want `fmt\.Printf format %é has unknown verb é`
	fmt.Printf("%", 1) // want `fmt\.Printf format % is missing verb at end of string`
	fmt.Printf("%[", 1) // want `fmt\.Printf format %\[ is missing closing \]`
	fmt.Printf("%[1", 1) // want `fmt\.Printf format %\[1 is missing closing \]`
	fmt.Printf("%*d", 1.5, 2) // want `fmt\.Printf format %\*d uses non-int 1\.5 as argument of \*`
	fmt.Printf("%.*d", int64(1), 2)
	fmt.Printf("%d %s", 1, "a", "extra") // want `fmt\.Printf call needs 2 args but has 3 args`
	fmt.Printf("%d", []any{1, "extra"}...)
	fmt.Sprint("%d", 1) // want `fmt\.Sprint call has possible Printf formatting directive %d`
	fmt.Fprint(os.Stdout, "%d", 1) // want `fmt\.Fprint call has possible Printf formatting directive %d`
	fmt.Fprintln(os.Stderr, "x\n") // want `fmt\.Fprintln arg list ends with redundant newline`
	fmt.Println("a", "b\n") // want `fmt\.Println arg list ends with redundant newline`
	fmt.Println("%")
	fmt.Println("50%d") // want `fmt\.Println call has possible Printf formatting directive %d`
	fmt.Println("%%")
	fmt.Println("%1.2f") // want `fmt\.Println call has possible Printf formatting directive %1\.2f`
	fmt.Println("%[1]d") // want `fmt\.Println call has possible Printf formatting directive %\[1\]d`
	fmt.Println("%-5s") // want `fmt\.Println call has possible Printf formatting directive %-5s`
	fmt.Println("%z")
	fmt.Print(os.Stdout, "x") // want `fmt\.Print does not take io\.Writer but has first arg os\.Stdout`
	fmt.Print(Edge) // want `fmt\.Print arg Edge is a func value, not called`
	log.Fatalf("%s", 1) // want `log\.Fatalf format %s has arg 1 of wrong type int`
	_ = fmt.Errorf("%w %w", errors.New("a"), 1) // want `fmt\.Errorf format %w has arg 1 of wrong type int`
	_ = fmt.Errorf("%w", nil)
	_ = fmt.Errorf("%v", fmt.Errorf) // want `fmt\.Errorf format %v arg fmt\.Errorf is a func value, not called`
}
