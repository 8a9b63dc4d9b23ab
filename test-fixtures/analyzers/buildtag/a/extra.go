//go:build linux
//go:build darwin // ERROR // want "unexpected extra //go:build line"

package a
