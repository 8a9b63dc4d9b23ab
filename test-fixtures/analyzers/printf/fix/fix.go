// Package fix: from go1.24, a non-constant format with no arguments is reported, with a fix.
package fix

import (
	"fmt"
	"log"
)

func F(msg string, args ...any) {
	fmt.Printf(msg) // want "non-constant format string in call to fmt.Printf"
	fmt.Printf(msg, 1)
	fmt.Printf(msg, args...)
	log.Printf(msg + "x") // want "non-constant format string in call to log.Printf"
	_ = fmt.Sprintf("%s", msg)
	const c = "constant %d\n"
	fmt.Printf(c, 1)
}
