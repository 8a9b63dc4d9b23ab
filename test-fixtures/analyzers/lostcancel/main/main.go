package main

import "context"

// Returning from main ends the process.
func main() {
	_, cancel := context.WithCancel(context.Background())
	if false {
		cancel()
	}
}

func other() {
	_, cancel := context.WithCancel(context.Background()) // want "not used on all paths"
	if false {
		cancel()
	}
} // want "may be reached"

var _ = other
