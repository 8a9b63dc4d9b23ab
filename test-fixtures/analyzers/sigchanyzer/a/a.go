package a

import (
	"os"
	"os/signal"
)

var pkgChan = make(chan os.Signal)

func f() {
	c := make(chan os.Signal)
	signal.Notify(c, os.Interrupt) // want "misuse of unbuffered os.Signal channel as argument to signal.Notify"

	var d = make(chan os.Signal)
	signal.Notify(d, os.Interrupt) // want "misuse of unbuffered os.Signal channel"

	signal.Notify(pkgChan) // want "misuse of unbuffered os.Signal channel"

	notify := signal.Notify
	e := make(chan os.Signal)
	notify(e) // want "misuse of unbuffered os.Signal channel"

	// Buffered: fine.
	ok := make(chan os.Signal, 1)
	signal.Notify(ok, os.Interrupt)

	// make in the call itself is taken to be intended.
	signal.Notify(make(chan os.Signal), os.Interrupt)

	// Declared without a make: not known.
	var g chan os.Signal
	g = make(chan os.Signal)
	signal.Notify(g)
}

// A generic function that makes its channel.
func h[T any](x T) {
	c := make(chan os.Signal)
	signal.Notify(c) // want "misuse of unbuffered os.Signal channel"
	_ = x
}
