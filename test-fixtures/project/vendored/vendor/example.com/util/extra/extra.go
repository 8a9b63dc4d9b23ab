// Package extra exists only in example.com/util v1.2.0, so importing it
// resolves only when minimal version selection picks v1.2.0.
package extra

import "example.com/util/strs"

// Shout is strs.Upper with an exclamation mark.
func Shout(s string) string { return strs.Upper(s) + "!" + suffix }
