//go:build !nosuchtag

//go:debug panicnil=1
//go:debug asynctimerchan=1
package main

//go:debug panicnil=1 // want "//go:debug directive only valid before package declaration"

func main() {
	//go:debug panicnil=1 // want "//go:debug directive only valid before package declaration"
}

/*
//go:debug in a block comment is not a directive
*/
