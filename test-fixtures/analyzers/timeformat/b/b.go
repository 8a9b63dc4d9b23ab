// Package b has its own Parse and Format, which are not time's.
package b

type B struct{}

func Parse(layout, value string) B { return B{} }

func (B) Format(layout string) string { return layout }
