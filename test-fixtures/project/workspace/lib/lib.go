// Package lib is the fixture workspace's second main module.
package lib

import (
	camel "example.com/CamelCase"
	"example.com/CamelCase/Sub"
	"example.com/CamelCase/fixed"
	"example.com/lib/unixonly"
	"example.com/old"
	"example.com/util/extra"
)

// Describe mentions every dependency.
func Describe() string {
	_ = fixed.OK
	return camel.Version + Sub.Hello() + extra.Shout("lib") + unixonly.Kind + string(rune(old.Value()))
}
