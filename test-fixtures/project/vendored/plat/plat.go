// Package plat has build-tagged files.
package plat

// OS names the target, from the per-target files.
var OS = osName
