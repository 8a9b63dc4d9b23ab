// +build go21 // ERROR // want `invalid go version "go21" in build constraint`

package a
