// Package sub is a plain subpackage of example.com/dep.
package sub

// N is a constant.
const N = 1
