// Package old is in a go 1.16 module: its module graph is not pruned, so the
// go command loads its requirements transitively.
package old

import "example.com/trans"

// Value forwards trans.Value.
func Value() int { return trans.Value }
