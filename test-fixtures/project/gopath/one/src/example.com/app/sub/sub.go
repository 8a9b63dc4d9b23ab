// Package sub is below app, so app's vendor directory applies to it too.
package sub

import "example.com/vendored"

var V = vendored.V
