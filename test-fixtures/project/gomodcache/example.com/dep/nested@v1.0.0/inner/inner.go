// Package inner lives in the nested module example.com/dep/nested, whose path
// is also a prefix match for example.com/dep: the longer module path that
// actually has the directory provides it.
package inner

// Name is the package's name.
const Name = "inner"
