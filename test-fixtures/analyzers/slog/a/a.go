package a

import (
	"context"
	"fmt"
	"log/slog"
)

type myString string

func f(ctx context.Context, l *slog.Logger, r slog.Record, anyv any, str fmt.Stringer, err error) {
	slog.Info("msg")
	slog.Info("msg", "a", 1)
	slog.Info("msg", "a", 1, "b", 2)
	slog.Info("msg", slog.Int("a", 1), "b", 2)
	slog.Info("msg", "a")          // want `call to slog.Info missing a final value`
	slog.Info("msg", "a", 1, "b")  // want `call to slog.Info missing a final value`
	slog.Info("msg", 1, 2)         // want `slog.Info arg "1" should be a string or a slog.Attr \(possible missing key or value\)`
	slog.Info("msg", "a", 1, 2, 3) // want `slog.Info arg "2" should be a string`
	slog.Info("msg", myString("k"), 1) // want `slog.Info arg "myString\(\\"k\\"\)" should be a string`

	slog.InfoContext(ctx, "msg", "a", 1)
	slog.InfoContext(ctx, "msg", "a") // want `call to slog.InfoContext missing a final value`
	slog.Log(ctx, slog.LevelInfo, "msg", "a", 1)
	slog.Log(ctx, slog.LevelInfo, "msg", 1, "a") // want `slog.Log arg "1" should be a string`
	_ = slog.Group("g", "a", 1)
	_ = slog.Group("g", "a") // want `call to slog.Group missing a final value`

	l.Info("msg", "a", 1)
	l.Warn("msg", "a") // want `call to slog.Logger.Warn missing a final value`
	_ = l.With("a", 1)
	_ = l.With(1) // want `slog.Logger.With arg "1" should be a string`
	r.Add("a", 1)
	r.Add(1) // want `slog.Record.Add arg "1" should be a string`

	// Method expressions: the receiver is the first argument.
	(*slog.Logger).Info(l, "msg", "a", 1)
	(*slog.Logger).Info(l, "msg", "a") // want `call to slog.Logger.Info missing a final value`

	// Interfaces: an empty one may hold a key or an Attr.
	slog.Info("msg", anyv, 1)
	slog.Info("msg", anyv)
	slog.Info("msg", anyv, "a", 1)
	slog.Info("msg", anyv, 1, "b") // want `call to slog.Info has a missing or misplaced value`
	slog.Info("msg", anyv, 1, 2)   // want `slog.Info arg "2" should probably be a string or a slog.Attr \(previous arg "1" cannot be a key\)`
	// An Attr satisfies fmt.Stringer: taken to be an Attr.
	slog.Info("msg", str)
	// error: neither.
	slog.Info("msg", err, 1) // want `slog.Info arg "err" should be a string`

	// Calls with ... are not checked.
	args := []any{"a"}
	slog.Info("msg", args...)

	// Other functions of the same name are not checked.
	Info("msg", 1)
}

func Info(msg string, args ...any) {}

func g[T any, S ~string](t T, s S) {
	slog.Info("msg", t, 1) // want `slog.Info arg "t" should be a string`
	slog.Info("msg", s, 1) // want `slog.Info arg "s" should be a string`
	slog.Info("msg", "a", t)
}
