// Command vendored builds from its vendor directory (go >= 1.14 and vendor/
// present: the go command defaults to -mod=vendor).
package main

import (
	"fmt"

	camel "example.com/CamelCase"
	"example.com/dep"
	"example.com/vendored/plat"
)

func main() { fmt.Println(camel.Version, dep.Greeting(), plat.OS) }
