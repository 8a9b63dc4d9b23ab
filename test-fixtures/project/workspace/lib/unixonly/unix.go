//go:build unix

// Package unixonly uses the "unix" build constraint.
package unixonly

// Kind says which file was built.
const Kind = "unix"
