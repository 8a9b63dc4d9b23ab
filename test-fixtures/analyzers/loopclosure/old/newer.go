//go:build go1.22

package old

// A file may declare a newer version than its module's: its loops have per-iteration
// variables.
func NewerFile(xs []int) {
	for _, x := range xs {
		go func() {
			println(x)
		}()
	}
}
