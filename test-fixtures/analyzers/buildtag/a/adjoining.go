//go:build linux
// +build linux // ERROR // want `misplaced \+build comment`
package a
