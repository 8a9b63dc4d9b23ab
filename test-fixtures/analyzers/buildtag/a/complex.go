//go:build (a && (b || c)) || d // ERROR // want `expression too complex for // .build lines`
// +build a,b d

package a
