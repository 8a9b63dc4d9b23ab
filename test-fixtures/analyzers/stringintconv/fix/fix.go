// Package fix gets fmt imported by the fix.
package fix

import (
	"strings"
)

type myString string

func F(i int, u uint64) {
	_ = string(i)   // want `conversion from int to string`
	_ = myString(u) // want `conversion from uint64 to myString \(string\)`
	_ = strings.ToUpper("")
}
