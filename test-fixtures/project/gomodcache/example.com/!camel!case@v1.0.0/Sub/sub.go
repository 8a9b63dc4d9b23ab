// Package Sub has an upper-case directory name too.
package Sub

import "fmt"

// Hello greets.
func Hello() string { return fmt.Sprint("hello") }
