// Copyright notice.

//go:debug panicnil=1 // want "//go:debug directive only valid in package main or test"

// Package a is not main.
package a

//go:debug panicnil=1 // want "//go:debug directive only valid in package main or test"

//go:noinline
func F() {}

// Generic functions carry directives too.
//
//go:noinline
func G[T any](x T) T { return x }

var s = `
//go:debug inside a string is not a directive
`
