package a

import (
	"encoding/asn1"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"io"
)

func Decoding(data []byte, r io.Reader) {
	var v struct{ A int }
	var i any
	var e error
	json.Unmarshal(data, v) // want "call of Unmarshal passes non-pointer as second argument"
	json.Unmarshal(data, &v)
	json.Unmarshal(data, i)
	json.Unmarshal(data, e)
	xml.Unmarshal(data, v)       // want "call of Unmarshal passes non-pointer as second argument"
	asn1.Unmarshal(data, v)      // want "call of Unmarshal passes non-pointer as second argument"
	json.NewDecoder(r).Decode(v) // want "call of Decode passes non-pointer"
	json.NewDecoder(r).Decode(&v)
	gob.NewDecoder(r).Decode(v) // want "call of Decode passes non-pointer"
	xml.NewDecoder(r).Decode(v) // want "call of Decode passes non-pointer"
	d := json.NewDecoder(r)
	var decode func(any) error = d.Decode
	decode(v)
	var m map[string]int
	json.Unmarshal(data, m) // want "call of Unmarshal passes non-pointer as second argument"
	var p *int
	json.Unmarshal(data, p)
}

type Decoder struct{}

func (Decoder) Decode(any) error { return nil }

func Unmarshal(data []byte, v any) error { return nil }

func Local(data []byte) {
	var v struct{}
	Decoder{}.Decode(v)
	Unmarshal(data, v)
}

func Generic[T any, P *T](data []byte, t T, p P) {
	json.Unmarshal(data, t)
	json.Unmarshal(data, p)
}
