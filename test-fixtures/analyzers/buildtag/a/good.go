// Copyright notice.

//go:build linux && (amd64 || arm64)
// +build linux
// +build amd64 arm64

// Package a has build constraints.
package a

// Generic code is not special here.
func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
