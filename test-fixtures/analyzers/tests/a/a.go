package a

type Foo struct{ Field int }

func (Foo) Method() {}

func Bar() {}

// Generic is a generic type whose methods examples may document.
type Generic[T any] struct{ v T }

func (g Generic[T]) Get() T { return g.v }
