//go:build !linux && !windows && !(darwin && arm64)

package platform

import "runtime"

var name = runtime.GOOS
