package old

import "slices"

// Modules before go1.21 are not checked.
func f() { _ = slices.Repeat([]int{1}, 2) }
