package old

import "sync"

// Before go1.22 a three-clause loop's variables are shared by its iterations: nothing copied.
func Loop() {
	for mu := (sync.Mutex{}); ; {
		_ = &mu
		break
	}
}
