package a

type T struct {
	x, y int
}

var _ = [2]T{
	T{},     // want "redundant type in array literal"
	T{1, 2}, // want "redundant type in array literal"
}

var _ = [...]T{
	T{3, 4}, // want "redundant type in array literal"
}

var _ = []T{
	T{},        // want "redundant type in slice literal"
	10: T{1, 2}, // want "redundant type in slice literal"
}

var _ = []struct{ x, y int }{
	struct{ x, y int }{1, 2}, // want "redundant type in slice literal"
}

// Elements of interface type keep their types.
var _ = []interface{}{
	T{},
}

var _ = [][]int{
	[]int{1, 2}, // want "redundant type in slice literal"
	([]int{3}),
}

var _ = map[string]T{
	"foo": T{1, 2}, // want "redundant type in map literal"
}

var _ = map[T]string{
	T{1, 2}: "foo", // want "redundant type in map literal"
}

var _ = []*T{
	&T{1, 2}, // want "redundant type in slice literal"
	{3, 4},
}

var _ = map[*T]*T{
	&T{}: &T{}, // want "redundant type in map literal" "redundant type in map literal"
}

// A named slice type is not simplified (its element type is not written).
type Ts []T

var _ = Ts{T{}}

type Pair[K comparable, V any] struct {
	k K
	v V
}

func generic[K comparable, V any](k K, v V) []Pair[K, V] {
	return []Pair[K, V]{
		Pair[K, V]{k, v}, // want "redundant type in slice literal"
		Pair[K, V]{},     // want "redundant type in slice literal"
	}
}
