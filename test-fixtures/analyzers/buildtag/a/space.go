// go:build linux // want `malformed //go:build line \(space between // and go:build\)`

package a
