//go:build (linux // ERROR // want "missing close paren"

package a
