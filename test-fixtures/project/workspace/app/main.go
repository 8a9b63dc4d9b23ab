// Command app is the fixture workspace's first main module.
package main

import (
	"fmt"

	"example.com/app/internal/platform"
	"example.com/dep"
	"example.com/dep/nested/inner"
	"example.com/forked"
	"example.com/lib"
	"example.com/util"
	"example.com/util/extra"
)

func main() {
	fmt.Println(platform.Name, dep.Greeting(), inner.Name, forked.Name(), lib.Describe(), util.Version, extra.Shout("app"))
}
