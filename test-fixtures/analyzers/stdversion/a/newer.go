//go:build go1.22

package a

import (
	"encoding/base64"
	"slices"
)

func h() {
	_ = base64.StdEncoding.AppendEncode(nil, nil)
	_ = slices.Repeat([]int{1}, 2) // want `slices.Repeat requires go1.23 or later \(file is go1.22\)`
}
