package a

import "sync"

func Bad() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) // want "WaitGroup.Add called from inside new goroutine"
		defer wg.Done()
	}()
	p := &wg
	go func() {
		p.Add(1) // want "WaitGroup.Add called from inside new goroutine"
	}()
	wg.Wait()
}

func Good() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	go func() {
		println()
		wg.Add(1) // not first
	}()
	go func() {
		func() {
			wg.Add(1) // not in the goroutine's literal itself
		}()
	}()
	wg.Wait()
}

type counter struct{}

func (counter) Add(int) {}

func Other() {
	var c counter
	go func() {
		c.Add(1)
	}()
}

func Generic[T any](wg *sync.WaitGroup, x T) {
	go func() {
		wg.Add(1) // want "WaitGroup.Add called from inside new goroutine"
		_ = x
		wg.Done()
	}()
}
