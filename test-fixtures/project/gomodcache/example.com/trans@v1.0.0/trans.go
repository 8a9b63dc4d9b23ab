// Package trans is reached only through example.com/old's unpruned graph.
package trans

// Value is a constant.
const Value = 42
