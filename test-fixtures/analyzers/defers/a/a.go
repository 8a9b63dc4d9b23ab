package a

import (
	"fmt"
	"time"
)

func record(d time.Duration) {}

func record2(s string, d time.Duration) {}

func Bad() {
	start := time.Now()
	defer record(time.Since(start))                      // want "call to time.Since is not deferred"
	defer fmt.Println(time.Since(start))                 // want "call to time.Since is not deferred"
	defer record2(fmt.Sprint(time.Since(start)), 0)      // want "call to time.Since is not deferred"
	defer time.Since(start)                              // want "call to time.Since is not deferred"
	defer func(d time.Duration) {}(time.Since(start))    // want "call to time.Since is not deferred"
}

func Good() {
	start := time.Now()
	defer func() { record(time.Since(start)) }()
	record(time.Since(start))
	defer record(time.Until(start))
	go record(time.Since(start))
	since := time.Since
	defer record(since(start))
}

type timer struct{ start time.Time }

func (t timer) Since(time.Time) time.Duration { return 0 }

func Generic[T any](x T) {
	var t timer
	start := time.Now()
	defer t.Since(start)
	defer record(time.Since(start)) // want "call to time.Since is not deferred"
}
