package p

func f(a, b int, string) {}
func g(a int, b) {}
func h() {
	for a, b, c := range x {
	}
}
