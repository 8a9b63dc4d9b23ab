package a

func main() {
	_ = live
}

// -- functions --

func Exported() {}

func dead() { // want `function "dead" is unused`
}

func deadRecursive() int { // want `function "deadRecursive" is unused`
	return deadRecursive()
}

func live() {}

//go:linkname foo
func apparentlyDeadButHasPrecedingLinknameComment() {}

func noBody() // want `function "noBody" is unused`

// -- methods --

type ExportedType int
type unexportedType int

func (ExportedType) Exported()   {}
func (unexportedType) Exported() {}

func (x ExportedType) dead() { // want `method "dead" is unused`
	x.dead()
}

func (u unexportedType) dead() { // want `method "dead" is unused`
	u.dead()
}

func (x ExportedType) dynamic() {} // matches name of interface method => live

type _ interface{ dynamic() }

// -- types --

type ExportedType2 int

// self-references don't count
type unusedUnexportedType2 struct{ *unusedUnexportedType2 } // want `type "unusedUnexportedType2" is unused`

type (
	one int
	two one // want `type "two" is unused`
)

// -- generics --

type g[T any] int

func (g[T]) method() {} // want `method "method" is unused`

type h[T any] struct{ t T }

func (h[T]) used() {}

func useGeneric() int { // want `function "useGeneric" is unused`
	h[int]{}.used()
	return genericFunc(1)
}

func genericFunc[T any](t T) T { return t }

// -- constants --

const unusedConst = 1 // want `const "unusedConst" is unused`

const (
	unusedEnum = iota // want `const "unusedEnum" is unused`
)

const constOne = 1
const unusedConstTwo = constOne // want `const "unusedConstTwo" is unused`
const _, unusedConstThree = 0, 3 // want `const "unusedConstThree" is unused`
const unusedConstFive, UsedConst6 = 4, 6 // want `const "unusedConstFive" is unused`

const (
	ca = "a"
	cb = "b"
)

func _() {
	print(ca)
}

const ( // want `all values in this set of constants are unused`
	d = "d"
	e = "e"
)

// -- vars --

var unusedVar = 1 // want `var "unusedVar" is unused`

var (
	usedVar    int
	unusedVar3 = usedVar // want `var "unusedVar3" is unused`
	_, unusedVar4, _ = Triple() // want `var "unusedVar4" is unused`
)

func Triple() (int, int, int)
