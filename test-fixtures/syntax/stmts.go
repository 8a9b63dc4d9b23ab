package stmts

func f(ch chan int, xs []int, m map[string]int) (err error) {
	var a, b = 1, 2
	a, b = b, a
	a += 3
	a <<= 1
	a++
	b--
	ch <- a
	x := <-ch
	go func() {}()
	defer close(ch)
	if y := a; y > 0 {
		return nil
	} else if a < 0 {
		panic("neg")
	} else {
	}
	switch z := x; z {
	case 1, 2:
		fallthrough
	case 3:
	default:
	}
	switch {
	}
	switch v := any(x).(type) {
	case nil, int:
		_ = v
	case []string, map[int]bool:
	default:
	}
	select {
	case v := <-ch:
		_ = v
	case v, ok := <-ch:
		_, _ = v, ok
	case ch <- 1:
	default:
	}
outer:
	for i := 0; i < 10; i++ {
		for range xs {
			continue outer
		}
		for k, v := range m {
			_, _ = k, v
			break outer
		}
		for i = range 10 {
		}
		for a < b {
			goto end
		}
		for {
			break
		}
	}
end:
	{
		type local struct{}
		const c = 1
	}
	;
	return
}
