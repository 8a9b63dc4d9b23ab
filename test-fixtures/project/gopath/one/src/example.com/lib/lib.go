package lib

import "strings"

func Lib() string { return strings.ToUpper("lib") }
