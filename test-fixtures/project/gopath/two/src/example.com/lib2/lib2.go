// Package lib2 imports a package that exists nowhere.
package lib2

import "example.com/nowhere"

var _ = nowhere.X
