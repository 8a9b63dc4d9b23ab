package a

import (
	"encoding/xml"
	"fmt"
	"io"
)

type T int

func (T) ReadByte() byte                                      { return 0 }      // want `method ReadByte\(\) byte should have signature ReadByte\(\) \(byte, error\)`
func (T) ReadFrom(r io.Reader) error                          { return nil }    // want `method ReadFrom\(r io.Reader\) error should have signature ReadFrom\(io.Reader\) \(int64, error\)`
func (T) WriteTo(w io.Writer) (int, error)                    { return 0, nil } // want `method WriteTo\(w io.Writer\) \(int, error\) should have signature WriteTo\(io.Writer\) \(int64, error\)`
func (T) Format(f fmt.State, c byte)                          {}                // want `method Format\(f fmt.State, c byte\) should have signature Format\(fmt.State, rune\)`
func (T) Scan(x int)                                          {}
func (T) Seek(offset int, whence int) int64                   { return 0 }
func (T) MarshalJSON() ([]byte, error)                        { return nil, nil }
func (T) UnmarshalJSON(b []byte) (int, error)                 { return 0, nil } // want `method UnmarshalJSON\(b \[\]byte\) \(int, error\) should have signature UnmarshalJSON\(\[\]byte\) error`
func (T) GobDecode(b []byte) error                            { return nil }
func (T) GobEncode() []byte                                   { return nil } // want `method GobEncode\(\) \[\]byte should have signature GobEncode\(\) \(\[\]byte, error\)`
func (T) MarshalXML(e *xml.Encoder, s xml.StartElement) error { return nil }
func (T) UnmarshalXML(d *xml.Decoder) error                   { return nil } // want `method UnmarshalXML\(d \*xml.Decoder\) error should have signature UnmarshalXML\(\*xml.Decoder, xml.StartElement\) error`
func (T) WriteByte(b byte)                                    {}             // want `method WriteByte\(b byte\) should have signature WriteByte\(byte\) error`
func (T) Is(target error) bool                                { return false }

type U int

func (U) WriteTo(w io.Writer, extra int) error { return nil }
func (U) ReadRune() (rune, int, error)         { return 0, 0, nil }
func (U) UnreadRune() error                    { return nil }
func (U) UnreadByte() (int, error)             { return 0, nil } // want `method UnreadByte\(\) \(int, error\) should have signature UnreadByte\(\) error`

type E struct{}

func (E) Error() string                  { return "" }
func (E) Is(target error, more int) bool { return false } // want `method Is\(target error, more int\) bool should have signature Is\(error\) bool`
func (E) As(target any) bool             { return false }
func (E) Unwrap() string                 { return "" } // want `method Unwrap\(\) should have signature Unwrap\(\) error or Unwrap\(\) \[\]error`

type E2 struct{}

func (*E2) Error() string              { return "" }
func (*E2) As(target interface{}) bool { return false }
func (*E2) Unwrap() []error            { return nil }

type NotErr struct{}

func (NotErr) Unwrap() string { return "" }
func (NotErr) Is(x int) bool  { return false }

type I interface {
	ReadByte() (byte, error)
	WriteByte(b int) error // want `method WriteByte\(b int\) error should have signature WriteByte\(byte\) error`
	MarshalJSON() []byte   // want `method MarshalJSON\(\) \[\]byte should have signature MarshalJSON\(\) \(\[\]byte, error\)`
}

type G[X any] struct{}

func (G[X]) ReadByte() (X, error)               { var x X; return x, nil } // want `method ReadByte\(\) \(X, error\) should have signature ReadByte\(\) \(byte, error\)`
func (G[X]) WriteTo(w io.Writer) (int64, error) { return 0, nil }

type ErrorWrapper interface {
	error
	Unwrap() string // want `method Unwrap\(\) should have signature Unwrap\(\) error or Unwrap\(\) \[\]error`
	Is(int) bool    // want `method Is\(int\) bool should have signature Is\(error\) bool`
}

type NotError interface {
	Unwrap() string
}

type Local struct{}

func (Local) Format(s fmt.State, verb rune) {}
func (Local) MarshalXML(e *xml.Encoder, start Local) error { return nil } // want `method MarshalXML\(e \*xml.Encoder, start a.Local\) error should have signature MarshalXML\(\*xml.Encoder, xml.StartElement\) error`
