//go:build ignore

// This file is excluded from every build, by convention.
package main

import "example.com/does/not/exist"

func main() { exist.Run() }
