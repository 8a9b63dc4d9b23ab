package a

import (
	"fmt"
	"net"
	"time"
)

var pkgAddr = fmt.Sprintf("%s:%d", "localhost", 123) // want `address format "%s:%d" does not work with IPv6 \(passed to net.Dial at L13\)` `address format "%s:%d" does not work with IPv6 \(passed to net.Dial at L14\)`

func indirect(host string, p int) {
	var dialer net.Dialer
	dialer.Dial("tcp", pkgAddr)
	net.DialTimeout("tcp", pkgAddr, time.Second)

	addr1 := fmt.Sprintf("%s:%d", host, p) // want `address format "%s:%d" does not work with IPv6 \(passed to net.Dial at L17\)`
	net.Dial("tcp", addr1)

	addr2 := fmt.Sprintf("%s:%s", host, "http") // want `IPv6 \(passed to net.Dial at L21\)`
	{
		net.DialTimeout("tcp", addr2, 0)
	}

	if addr3 := fmt.Sprintf("%s:%d", host, 22); p > 0 { // want `IPv6 \(passed to net.Dial at L25\)`
		dialer.Dial("tcp", addr3)
	}

	var (
		addr4 = fmt.Sprintf("%s:%d", host, p) // want `IPv6 \(passed to net.Dial at L32\)`
	)
	go func() {
		net.Dial("tcp", addr4)
	}()

	// A redeclared variable keeps its first initializer.
	addr5 := "localhost:80"
	addr5, err := fmt.Sprintf("%s:%d", host, p), error(nil)
	net.Dial("tcp", addr5)
	_ = err
}

// An embedded Dialer's method is (*net.Dialer).Dial.
type proxy struct {
	net.Dialer
	name string
}

func (x *proxy) connect(host string, p int) {
	addr := fmt.Sprintf("%s:%d", host, p) // want `IPv6 \(passed to net.Dial at L50\)`
	x.Dial("tcp", addr)
}

// Other Dial methods are not net's.
type dialer interface {
	Dial(network, address string) (net.Conn, error)
}

func other(d dialer, host string, p int) {
	d.Dial("tcp", fmt.Sprintf("%s:%d", host, p))
}

// A method expression's second argument is the network, which go vet takes as the address.
func methodExpr(d *net.Dialer, host string, p int) {
	network := fmt.Sprintf("%s:%d", host, p) // want `IPv6 \(passed to net.Dial at L65\)`
	(*net.Dialer).Dial(d, network, "localhost:80")
	(*net.Dialer).Dial(d, "tcp", fmt.Sprintf("%s:%d", host, p))
}
