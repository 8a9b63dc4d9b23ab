// Package vendored exists only in app's vendor directory.
package vendored

const V = "vendored"
