package a

import "io"

type Reader interface {
	Read()
}

type Closer interface {
	Close() error
}

type ReadCloser interface {
	Read(p []byte) (int, error)
	Close()
}

func Assertions(r Reader, rw io.ReadWriter, e any, c Closer) {
	_ = r.(io.Reader)    // want `impossible type assertion: no type can implement both a.Reader and io.Reader \(conflicting types for Read method\)`
	_, _ = r.(io.Reader) // want `conflicting types for Read method`
	_ = rw.(io.Reader)
	_ = rw.(interface{ Write() }) // want `impossible type assertion: no type can implement both io.ReadWriter and interface\{Write\(\)\} \(conflicting types for Write method\)`
	_ = e.(io.Reader)
	_ = c.(io.Closer)
	_ = c.(ReadCloser) // want `no type can implement both a.Closer and a.ReadCloser \(conflicting types for Close method\)`
	_ = rw.(interface{ Other() })

	switch r.(type) {
	case io.Reader: // want `no type can implement both a.Reader and io.Reader`
	case io.Writer, interface{ Read() int }: // want `conflicting types for Read method`
	case nil:
	}
	switch x := rw.(type) {
	case Reader: // want `no type can implement both io.ReadWriter and a.Reader`
		_ = x
	case Closer:
	}
}

type GetT[T any] interface {
	Get() T
}

func Generic[T any](g GetT[T], h interface{ Get() int }) {
	_ = g.(interface{ Get() string })
	_ = h.(GetT[string]) // want `no type can implement both interface\{Get\(\) int\} and a.GetT\[string\] \(conflicting types for Get method\)`
	_ = h.(GetT[int])
}
