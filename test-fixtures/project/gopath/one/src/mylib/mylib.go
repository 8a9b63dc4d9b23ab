// Package mylib has an import path without a dot: GOPATH mode still finds it in GOPATH,
// after looking in GOROOT.
package mylib

const My = "mylib"
