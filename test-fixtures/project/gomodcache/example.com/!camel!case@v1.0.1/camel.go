// Package camel has a module path with upper-case letters, stored in the
// module cache under its case-encoded name (example.com/!camel!case).
package camel

// Version is the module version this copy came from.
const Version = "v1.0.1"
