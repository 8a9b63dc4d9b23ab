// Package a discards results that must be used, and some that may be.
package a

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	. "fmt"
	"slices"
	"sort"

	"userdefs"
)

type named string

type T struct{}

func (T) String() string      { return "" }
func (T) Error() named        { return "" }
func (T) Name() string        { return "" }
func (*T) Format() string     { return "" }
func (T) Errorf(string) error { return nil }

func F[S ~[]int](s S) {
	fmt.Errorf("") // want "result of fmt.Errorf call not used"
	_ = fmt.Errorf("")
	(fmt.Sprintf("x")) // want "result of fmt.Sprintf call not used"
	Sprint("")          // want "result of fmt.Sprint call not used"
	errors.New("")      // want "result of errors.New call not used"
	err := errors.New("")
	err.Error() // want `result of \(error\).Error call not used`

	var buf bytes.Buffer
	buf.String() // want `result of \(\*bytes.Buffer\).String call not used`
	buf.WriteString("x")

	context.WithCancel(context.Background()) // want "result of context.WithCancel call not used"
	slices.Contains(s, 1)                    // want "result of slices.Contains call not used"
	slices.Sort(s)
	slices.Clone[S](s) // want "result of slices.Clone call not used"
	sort.Reverse(nil)  // want "result of sort.Reverse call not used"

	var t T
	t.String() // want `result of \(a.T\).String call not used`
	t.Error()  // a named string result: not func() string
	t.Name()
	t.Format()
	t.Errorf("")
	fmt.Println()

	userdefs.MustUse[int](1) // only with -unusedresult.funcs
	userdefs.MustUse(1)
	_ = userdefs.MustUse(2)

	single := userdefs.Single[int]{X: 1}
	single.String() // want `result of \(\*userdefs.Single\[int\]\).String call not used`
	m := userdefs.Multi[int, string]{X: 1, Y: "one"}
	m.String() // want `result of \(\*userdefs.Multi\[int, string\]\).String call not used`

	f := fmt.Sprint
	f("") // a variable: not checked
	defer fmt.Sprint("")
	go fmt.Sprint("")
}
