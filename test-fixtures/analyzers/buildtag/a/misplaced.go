package a

//go:build linux // ERROR // want "misplaced //go:build comment"

// +build linux // ERROR // want `misplaced \+build comment`

func f() {
	//go:build linux // ERROR // want "misplaced //go:build comment"
}
