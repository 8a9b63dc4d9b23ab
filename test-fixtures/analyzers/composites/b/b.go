package b

import (
	"a"
	"image"
	"unicode"
)

var _ = a.T{1, 2} // want "a.T struct literal uses unkeyed fields"

var _ = &a.T{1, 2} // want "a.T struct literal uses unkeyed fields"

var _ = []a.T{{1, 2}, {X: 3, Y: 4}} // want "a.T struct literal uses unkeyed fields"

var _ = []*a.T{{1, 2}} // want `\*a.T struct literal uses unkeyed fields`

var _ = a.Hidden{X: 1}

var _ = a.Three{A: 1}

var _ = a.G[string]{"v", 2} // want `a.G\[string\] struct literal uses unkeyed fields`

var _ = a.Alias{1, 2} // want "a.Alias struct literal uses unkeyed fields"

var _ = a.T{X: 1, Y: 2}

var _ = a.T{}

type local struct{ X, Y int }

var _ = local{1, 2}

var _ = struct{ X, Y int }{1, 2}

var _ = image.Point{1, 2}

var _ = unicode.Range16{1, 2, 1}

var _ = []int{1, 2}

var _ = map[string]a.T{"k": {X: 1}}

func Generic[P a.T]() P {
	return P{1, 2} // want "P struct literal uses unkeyed fields"
}

func GenericLocal[P ~struct{ X, Y int }]() P {
	return P{1, 2}
}

func GenericAny[P any]() []P {
	return []P{}
}
