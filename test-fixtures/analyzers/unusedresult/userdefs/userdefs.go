// Package userdefs declares generic functions and types used by package a.
package userdefs

func MustUse[T interface{ ~int }](v T) T {
	return v + 1
}

type Single[T any] struct {
	X T
}

func (*Single[T]) String() string {
	return "Single"
}

type Multi[T any, U any] struct {
	X T
	Y U
}

func (*Multi[T, U]) String() string {
	return "Multi"
}
