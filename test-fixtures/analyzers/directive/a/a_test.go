//go:debug asynctimerchan=1

package a

//go:debug panicnil=1 // want "//go:debug directive only valid before package declaration"
