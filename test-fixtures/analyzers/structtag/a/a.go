package a

import (
	"a/b"
	"encoding/xml"
)

type Syntax struct {
	A   int "hello"            // want "struct field tag `hello` not compatible with reflect.StructTag.Get: bad syntax for struct tag pair"
	B   int "\tk:\"v\""        // want "not compatible with reflect.StructTag.Get: bad syntax for struct tag key"
	C   int "k:\"v\"\tk:\"v\"" // want "key:.value. pairs not separated by spaces"
	D   int "k:`v`"            // want "bad syntax for struct tag value"
	E   int "ab\bcd:\"v\""     // want `struct field tag "ab\\bcd:\\"v\\"" not compatible with reflect.StructTag.Get: bad syntax for struct tag pair`
	F   int `:"nokey"`         // want "bad syntax for struct tag key"
	G   int `k:"unterminated`  // want "bad syntax for struct tag value"
	H   int `k:"bad\x1"`       // want "bad syntax for struct tag value"
	I   int `k:"a",l:"b"`      // want "pairs not separated by spaces"
	J   int `k:"a"l:"b"`       // want "pairs not separated by spaces"
	OK1 int `k:"v" l:"w" m:""`
	OK2 int `k:"a:b" l:"w"`
	OK3 int "k:\"with spaces\" l:\"tab\\there\""
	OK4 int `snake_case:"x" UPPER:"Y"`
}

type Spaces struct {
	A int `json:"a,omitempty"`
	B int `json:"b, omitempty"` // want "suspicious space in struct tag value"
	C int `json:"c ,omitempty"`
	D int `xml:"d local"`
	E int `xml:"e "`             // want "suspicious space in struct tag value"
	F int `xml:"f, omitempty"`   // want "suspicious space in struct tag value"
	G int `xml:"g  h"`           // want "suspicious space in struct tag value"
	H int `xml:"h ,omitempty"`   // want "suspicious space in struct tag value"
	I int `asn1:"explicit, tag"` // want "suspicious space in struct tag value"
	J int `other:" anything "`
}

type Unexported struct {
	x int `json:"x"` // want "struct field x has json tag but is not exported"
	y int `xml:"y"`  // want "struct field y has xml tag but is not exported"
	z int `json:"-"`
	w int
	V int `json:"v" xml:"v"`
}

type empty struct{}

type Embeds struct {
	Unexported `json:"u"`
	empty      `json:"e"` // embedded: not reported as unexported
}

type Named struct{}

type Duplicates struct {
	First      int `json:"a"`
	Second     int `json:"a"` // want `struct field Second repeats json tag "a" also at a.go:56`
	Skipped    int `json:"-"`
	Skipped2   int `json:"-"`
	Options    int `json:",omitempty"`
	Options2   int `json:",omitempty"`
	WithOption int `json:"a,string"` // want `struct field WithOption repeats json tag "a" also at a.go:56`
	Other      int `yaml:"a"`
	Other2     int `yaml:"a"`
	Nested     struct {
		First int `json:"a"` // another struct: no conflict
	}
	Named `json:"a"` // want `struct field Named repeats json tag "a" also at a.go:56`

	X          int `xml:"x"`
	X2         int `xml:"x"` // want `struct field X2 repeats xml tag "x" also at a.go:70`
	Attributes struct {
		XMLName xml.Name `xml:"n"`
		Elem    int      `xml:"n"` // XMLName names the enclosing element
		Attr    int      `xml:"n,attr"`
		Attr2   int      `xml:"n,omitempty,attr"` // want `struct field Attr2 repeats xml attribute tag "n" also at a.go:75`
	}
}

// Fields of untagged embedded structs conflict with each other at their own level; a field
// further up shadows them.
type Shadowed struct {
	b.Inner
	Name int `json:"name"`
}

type Inner2 struct {
	Name int `json:"name"`
}

type Conflict struct {
	b.Inner
	Inner2 // want `struct field Name repeats json tag "name" also at b/b.go:5`
}

type Generic[T any] struct {
	Value T `json:"value"`
	Again T `json:"value"` // want `struct field Again repeats json tag "value" also at a.go:97`
	bad   T "oops"         // want "bad syntax for struct tag pair"
}

func Local() {
	type local struct {
		A int `json:"a"`
		B int `json:"a"` // want `repeats json tag "a"`
	}
	_ = local{}
	_ = struct {
		C int `json: "c"` // want "bad syntax for struct tag value"
	}{}
}
