// Package a uses the year-day-month layout, and fine ones.
package a

import (
	"time"

	"b"
)

type layout string

type myTime struct{ time.Time }

func hasError() {
	t, _ := time.Parse("2006-02-01 15:04:05", "2021-01-01 00:00:00") // want `2006-02-01 should be 2006-01-02`
	t.Format(`2006-02-01`)                                           // want `2006-02-01 should be 2006-01-02`
	t.Format("at 2006-02-01")                                        // want `2006-02-01 should be 2006-01-02`
	const c = "2006-02-01"
	t.Format(c)          // want `2006-02-01 should be 2006-01-02`
	t.Format(c + " x")   // want `2006-02-01 should be 2006-01-02`
	(&t).Format("2006-02-01") // want `2006-02-01 should be 2006-01-02`
	var m myTime
	m.Format("2006-02-01") // want `2006-02-01 should be 2006-01-02`
}

func generic[T interface{ Format(string) string }](x T) {
	x.Format("2006-02-01")
}

func notHasError() {
	t, _ := time.Parse("2006-01-02 15:04:05", "2021-01-01 00:00:00")
	t.Format("2006-01-02")
	v := "2006-02-01"
	t.Format(v)
	const l layout = "2006-02-01"
	t.Format(string(l)) // want `2006-02-01 should be 2006-01-02`
	o := b.Parse("2006-02-01", "")
	o.Format("2006-02-01")
	_ = time.Now().AppendFormat(nil, "2006-02-01")
}
