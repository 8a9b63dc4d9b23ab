// Package legacy has deprecated parts.
package legacy

// Object docs
//
// Deprecated: Use obj instead.
type Object struct {
	// Don't use.
	//
	// Deprecated: Use `Field` instead.
	//
	// Paragraph after.
	DocCommentField int

	LineCommentField int // Deprecated: Use `Field` instead.

	// Deprecated: Doc comment chosen
	BothCommentField int // Deprecated: Line comment chosen

	Field int
}

type Interface interface {
	// Deprecated: Use Method instead.
	DocCommentMethod(int) int
	LineCommentMethod(int) int // Old method. Deprecated: Use Method instead.
	Method(int) int
}

// No deprecation notice in concrete method docs.
func (Object) DocCommentMethod(int) int {
	return 1
}

// No deprecation notice in concrete method docs.
func (Object) LineCommentMethod(int) int {
	return 1
}

func (Object) Method(int) int { return 0 }

// Deprecated: use X instead.
func Legacy() {}

func X() {}

// Deprecated: the group is old.
const (
	A = 1
	// Deprecated: B has its own reason.
	B = 2
)

var (
	V = 1
	// Deprecated: use V.
	W = 2
)

// Deprecated: use the standard library.
func Map[K comparable, V any](m map[K]V) int { return len(m) }

// Deprecated: use Box.
type OldBox[T any] struct{ v T }

// Box holds a value.
type Box[T any] struct{ v T }
