package a

//go:noinline x // want `invalid space '\\u00a0' in //go:noinline directive`
func H() {}
