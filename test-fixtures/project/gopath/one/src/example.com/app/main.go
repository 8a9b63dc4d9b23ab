// Command app imports from every place GOPATH mode looks: its own vendor directory, the
// first and the second GOPATH entry, a path without a dot (still GOPATH, not GOROOT), and
// the standard library.
package main

import (
	"fmt"

	"example.com/dup"
	"example.com/lib"
	"example.com/other"
	"example.com/vendored"
	"mylib"
)

func main() {
	fmt.Println(lib.Lib(), other.Other(), vendored.V, mylib.My, dup.Which)
}
