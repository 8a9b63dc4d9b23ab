/*
//go:build linux // ERROR // want "misplaced //go:build comment"
*/

package a
