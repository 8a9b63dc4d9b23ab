// Package dep requires example.com/util v1.2.0 (for util/extra), while its
// importers ask for older versions: minimal version selection must pick v1.2.0.
package dep

import "example.com/util/extra"

// Greeting uses a package that only util v1.2.0 has.
func Greeting() string { return extra.Shout("dep") }
