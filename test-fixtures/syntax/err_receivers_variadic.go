package p

type T int

func () m0()
func (T, *T) m1()
func (a, b T) m2()
func (a, b, c T, d T) m3()
func (... T) m4()

func f0(a, b, c ...int)
func f1(...int, ...int, int)
func f2() (...T)
func f3(a int, b ...int) (c int)
