// Package dup is shadowed by the copy in the first GOPATH entry.
package dup

const Which = "two"
