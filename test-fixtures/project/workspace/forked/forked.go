// Package forked is a local directory that replaces example.com/forked.
package forked

import "example.com/util/strs"

// Name is the package's name, upper-cased.
func Name() string { return strs.Upper("forked") }
