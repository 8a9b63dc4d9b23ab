// Package fixed exists only in example.com/CamelCase v1.0.1, which go.work's
// replace directive substitutes for v1.0.0.
package fixed

// OK reports that the replacement was applied.
const OK = true
