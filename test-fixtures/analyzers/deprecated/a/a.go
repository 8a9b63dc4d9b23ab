package a

import (
	"io/ioutil" // want `"io/ioutil" is deprecated: Deprecated: As of Go 1.16, .*`

	"legacy"
	"oldpkg" // want `"oldpkg" is deprecated: Deprecated: use legacy instead.`
)

func x() {
	_, _ = ioutil.ReadFile("") // want `ioutil.ReadFile is deprecated: As of Go 1.16, this function simply calls \[os.ReadFile\].`
	Legacy()                   // a package may use its own deprecated names

	x := legacy.Object{} // want "legacy.Object is deprecated: Use obj instead"

	x.DocCommentMethod(1)  // only the interface method is deprecated
	x.LineCommentMethod(1) // only the interface method is deprecated

	_ = x.DocCommentField  // want "x.DocCommentField is deprecated: Use `Field` instead."
	_ = x.LineCommentField // want "x.LineCommentField is deprecated: Use `Field` instead."
	_ = x.BothCommentField // want "x.BothCommentField is deprecated: Doc comment chosen"
	_ = x.Field

	legacy.Legacy() // want "legacy.Legacy is deprecated: use X instead."
	legacy.X()
	y(x)

	_ = legacy.A // want "legacy.A is deprecated: the group is old."
	_ = legacy.B // want "legacy.B is deprecated: B has its own reason."
	_ = legacy.V
	_ = legacy.W // want "legacy.W is deprecated: use V."

	_ = legacy.Map(map[string]int{})   // want "legacy.Map is deprecated: use the standard library."
	_ = legacy.Map[string, int](nil)   // want "legacy.Map is deprecated: use the standard library."
	_ = legacy.OldBox[int]{}           // want "legacy.OldBox is deprecated: use Box."
	_ = legacy.Box[int]{}
	oldpkg.F()
}

func y(i legacy.Interface) {
	i.DocCommentMethod(1)  // want "i.DocCommentMethod is deprecated: Use Method instead."
	i.LineCommentMethod(1) // want "i.LineCommentMethod is deprecated: Use Method instead."
	i.Method(1)
}

// Deprecated: use X instead.
func Legacy() {}
