//go:build !windows

package extra

const suffix = "\n"
