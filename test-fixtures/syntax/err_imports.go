package p

import ;
import ""
import
var _ int
import .;
import 'x'
var _ int
import _ "math"
import ()
import (.)
import (
	"fmt"
	.
)

var _ = fmt.Println
import _ "math"
import _ "os"
