package a

import (
	"database/sql"
	"encoding/base64"
	"iter"
	"net"
	"reflect"
	"slices"
	"strings"
)

func f() {
	_ = slices.Contains([]int{1}, 1)
	_ = slices.Repeat([]int{1}, 2) // want `slices.Repeat requires go1.23 or later \(module is go1.21\)`
	var s iter.Seq[int]            // want `iter.Seq requires go1.23 or later \(module is go1.21\)`
	_ = s
	_ = strings.Lines("x") // want `strings.Lines requires go1.24 or later \(module is go1.21\)`
	_ = reflect.TypeFor[int]() // want `reflect.TypeFor requires go1.22 or later`

	// A too-new method of an older type.
	_ = base64.StdEncoding.AppendEncode(nil, nil) // want `base64.AppendEncode requires go1.22 or later \(module is go1.21\)`

	// A too-new field of an older type.
	var e net.DNSError
	_ = e.UnwrapErr // want `net.UnwrapErr requires go1.23 or later`

	// A too-new generic type: its fields and methods are not reported again.
	var n sql.Null[int] // want `sql.Null requires go1.22 or later`
	_ = n.V
	_ = n.Scan(nil)
}

// A generic function of our own using a too-new one.
func g[T comparable](xs []T) []T {
	return slices.Repeat(xs, 2) // want `slices.Repeat requires go1.23 or later`
}
