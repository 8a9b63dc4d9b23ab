//go:build !unix

package unixonly

// Kind says which file was built.
const Kind = "not unix"
