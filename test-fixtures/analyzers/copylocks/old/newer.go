//go:build go1.22

package old

import "sync"

// This file is go1.22: each iteration copies the loop variables.
func NewerLoop() {
	for mu := (sync.Mutex{}); ; { // want "for loop iteration copies lock value to mu: sync.Mutex"
		_ = &mu
		break
	}
}
