// Package noimports has no imports: the fix adds one.
package noimports

// F converts.
func F(i int8) string {
	return string(i) // want `conversion from int8 to string`
}
