//go:build go1.20

package a

import "slices"

func i() {
	_ = slices.Repeat([]int{1}, 2) // want `slices.Repeat requires go1.23 or later \(module is go1.21\)`
}
