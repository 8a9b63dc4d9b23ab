// Package typeparams converts type parameters: each term of the constraints counts.
package typeparams

type (
	Int     int
	Uintptr = uintptr
	String  string
)

func _[AllString ~string, MaybeString ~string | ~int, NotString ~int | byte, NamedString String | Int]() {
	var (
		i int
		r rune
		b byte
		I Int
		U uintptr
		M MaybeString
		N NotString
	)
	const p = 0

	_ = MaybeString(i) // want `conversion from int to string \(in MaybeString\) yields a string of one rune, not a string of digits`
	_ = MaybeString(r)
	_ = MaybeString(b)
	_ = MaybeString(I) // want `conversion from Int \(int\) to string \(in MaybeString\) yields`
	_ = MaybeString(U) // want `conversion from uintptr to string \(in MaybeString\) yields`
	_ = MaybeString(p) // want `conversion from int to string \(in MaybeString\) yields`
	_ = AllString(p)   // want `conversion from int to string \(in AllString\) yields`

	_ = NotString(i)
	_ = NotString(r)
	_ = NotString(b)
	_ = NotString(I)
	_ = NotString(U)
	_ = NotString(p)

	_ = NamedString(i) // want `conversion from int to String \(string, in NamedString\) yields`
	_ = string(M)      // want `conversion from int \(in MaybeString\) to string yields`
	_ = MaybeString(M) // want `conversion from int \(in MaybeString\) to string \(in MaybeString\) yields`
	_ = NotString(N)
}
