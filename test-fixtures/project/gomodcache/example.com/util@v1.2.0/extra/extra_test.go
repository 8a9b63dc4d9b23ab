package extra

import "testing"

func TestShout(t *testing.T) { _ = Shout("x") }
