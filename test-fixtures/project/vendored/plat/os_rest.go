//go:build !linux && !windows && !js

package plat

const osName = "other"
