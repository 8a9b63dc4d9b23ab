// Package oldpkg is old.
//
// Deprecated: use legacy instead.
package oldpkg

func F() {}
