// Package platform has one file per operating system, selected by file name
// suffix or //go:build line.
package platform

// Name is the platform's name, defined in the per-OS files.
var Name = name
