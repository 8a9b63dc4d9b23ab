// This file mentions +build in a comment. // want `possible malformed \+build comment`

// Package a: this one is adjoining the clause, so +build here is not suspicious.
package a

// Nor is +build after the package clause.
