//go:build go1.21.0 || go.22 || go1.23 // ERROR // want `invalid go version "go1.21.0" in build constraint` `invalid go version "go.22" in build constraint`

package a
