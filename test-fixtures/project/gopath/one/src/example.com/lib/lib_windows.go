package lib

import "errors"

var errWindows = errors.New("windows")
