// Package strs is a fixture package present in every version of example.com/util.
package strs

import "strings"

// Upper upper-cases s.
func Upper(s string) string { return strings.ToUpper(s) }
