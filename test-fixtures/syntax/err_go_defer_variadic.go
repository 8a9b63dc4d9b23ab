package p

func f() {
	go f
	defer (f())
	go f()
}

func g(a ...int, b int) {}

func h(a int, b ...int) {}
