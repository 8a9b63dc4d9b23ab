// Package dup is in both GOPATH entries; the first one wins.
package dup

const Which = "one"
