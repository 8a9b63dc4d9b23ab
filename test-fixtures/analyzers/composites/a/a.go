package a

type T struct {
	X, Y int
}

type Hidden struct {
	X      int
	hidden int
}

type G[E any] struct {
	V E
	W int
}

type Alias = T

// Literals of the package's own types may leave out field names.
var _ = T{1, 2}

type Three struct {
	A, B int
	c    int
}
