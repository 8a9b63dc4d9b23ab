// +build !!linux // ERROR // want "invalid double negative in build constraint: !!linux"

// +build linux,x-y // ERROR // want "invalid non-alphanumeric build constraint: linux,x-y"

package a
