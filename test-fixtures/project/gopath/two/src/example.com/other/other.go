// Package other is in the second GOPATH entry only, and imports back into the first.
package other

import "example.com/lib"

func Other() string { return lib.Lib() }
