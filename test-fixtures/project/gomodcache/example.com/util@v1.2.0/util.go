// Package util is a fixture dependency; each version says which one it is.
package util

// Version is the module version this copy came from.
const Version = "v1.2.0"
