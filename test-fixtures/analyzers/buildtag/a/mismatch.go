//go:build linux

// +build linux,amd64 // ERROR // want `\+build lines do not match //go:build condition`

package a
