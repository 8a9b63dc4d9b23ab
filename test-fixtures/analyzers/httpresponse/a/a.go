package a

import (
	"log"
	"net/http"
)

func Bad(url string, client *http.Client, value http.Client) {
	resp, err := http.Get(url)
	defer resp.Body.Close() // want "using resp before checking for errors"
	if err != nil {
		log.Fatal(err)
	}

	r2, err := client.Get(url)
	defer r2.Body.Close() // want "using r2 before checking for errors"
	if err != nil {
		log.Fatal(err)
	}

	r3, err := value.Head(url)
	defer r3.Body.Close() // want "using r3 before checking for errors"
	if err != nil {
		log.Fatal(err)
	}

	go func() {
		r4, _ := http.Get(url)
		defer r4.Body.Close() // want "using r4 before checking for errors"
	}()
}

func Good(url string, client *http.Client) {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()

	// Another call around the HTTP one: not recognized.
	r2, err := wrap(http.Get(url))
	defer r2.Body.Close()

	// Not a Client method.
	r3, err := get(url)
	defer r3.Body.Close()

	r4, err := client.Get(url)
	defer log.Println(err)
	_ = r4
}

func wrap(r *http.Response, err error) (*http.Response, error) { return r, err }

func get(url string) (*http.Response, error) { return nil, nil }

type getter[T any] struct{ c *http.Client }

func Generic[T any](g getter[T], url string) {
	resp, err := g.c.Get(url)
	defer resp.Body.Close() // want "using resp before checking for errors"
	_ = err
}
