package p

func f(a []int) {
	_ = a[: :]
	_ = a[0: :]
	_ = a[0: :10]
	_ = a[:10:]
	_ = a[1:2:3]
	if {
	}
	if x := 0; {
		_ = x
	}
	if
	{
	}
	for i, j, k, l := range a {
	}
	go (f)
	defer 1
	_ = a[]
}
