package gen

func g(x int) { println() } // want "unused parameter: x"

func _() { g(1) }
