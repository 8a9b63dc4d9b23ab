package a

import (
	"errors"
	"go/ast"
	ast2 "go/ast"
	"io"
	. "net/http"
	"net/url"
	"strconv"
)

type T struct{}
type T1 = T
type I interface{}

func b() (string, int, error) {
	return "", errors.New("foo") // want "not enough return values"
}

func c() (string, int, error) {
	return 7, errors.New("foo") // want "not enough return values"
}

func d() (string, int, error) {
	return "", 7 // want "not enough return values"
}

func preserveLeft() (int, int, error) {
	return 1, errors.New("foo") // want "not enough return values"
}

func matchValues() (int, error, string) {
	return errors.New("foo"), 3 // want "not enough return values"
}

func preventDataOverwrite() (int, string) {
	return errors.New("foo") // want "not enough return values"
}

func closure() (string, error) {
	_ = func() (int, error) {
		return // want "not enough return values"
	}
	return // want "not enough return values"
}

func basic() (uint8, int64, float32, complex64, byte, rune, uintptr, string, bool, error) {
	return // want "not enough return values"
}

func composite() (*int, []int, [2]int, map[int]int, chan int, func(), struct{ x int }) {
	return // want "not enough return values"
}

func named() (T, url.URL, T1, I, io.Reader, Client, ast2.Stmt) {
	return // want "not enough return values"
}

func convertible() (ast2.Expr, int) {
	return &ast2.ArrayType{} // want "not enough return values"
}

func oneCall() (string, error) {
	return strconv.Itoa(1) // want "not enough return values"
}

// A call returning several values is left alone.
func multiCall() (int, error, string) {
	return strconv.Atoi("1")
}

func unused() (int, string, string, string) {
	return 3, 4, 5 // want "not enough return values"
}

func tooMany() int {
	return 0, "" // want "too many return values"
}

func fillVars() (int, string, ast.Node, bool, error) {
	eint := 0
	s := "a"
	var t bool
	if true {
		err := errors.New("fail")
		return // want "not enough return values"
	}
	n := ast.NewIdent("ident")
	int := 3
	var b bool
	return "" // want "not enough return values"
}

// Generic functions are skipped: type parameters have no literal zero value.
func generic[P any]() (P, int) {
	return
}

func literalInGeneric[P any]() {
	_ = func() (int, error) {
		return // want "not enough return values"
	}
}

// A variable of one result's type is not offered for another it is assignable to; the
// function tooMany, whose name resembles "any", is.
func exactTypes() (int, any) {
	anyInt := 1
	return // want "not enough return values"
}
