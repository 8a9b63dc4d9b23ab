package a

import (
	"fmt"
	"net"
	"time"
)

const port = 80

const hostPortFormat = "%s:%d"

func direct(host string, p int, portStr string) {
	net.Dial("tcp", fmt.Sprintf("%s:%d", host, p))       // want `address format "%s:%d" does not work with IPv6$`
	net.Dial("tcp", fmt.Sprintf("%s:%s", host, portStr)) // want `address format "%s:%s" does not work with IPv6$`

	// Literal ports become string literals, in decimal.
	net.Dial("udp", fmt.Sprintf("%s:%d", host, 0x7B))  // want `address format "%s:%d" does not work with IPv6`
	net.Dial("udp", fmt.Sprintf("%s:%d", host, 1_000)) // want `address format "%s:%d" does not work with IPv6`

	// Named constants and parenthesized literals are formatted at run time.
	net.Dial("tcp", fmt.Sprintf("%s:%d", host, port))  // want `address format "%s:%d" does not work with IPv6`
	net.Dial("tcp", fmt.Sprintf("%s:%d", host, (443))) // want `address format "%s:%d" does not work with IPv6`

	// The format may be any constant expression.
	net.Dial("tcp", fmt.Sprintf(hostPortFormat, host, p)) // want `address format "%s:%d" does not work with IPv6`
	net.Dial("tcp", fmt.Sprintf("%s"+":%d", host, p))     // want `address format "%s:%d" does not work with IPv6`
	net.Dial("tcp", (fmt.Sprintf)("%s:%d", host, p))      // want `address format "%s:%d" does not work with IPv6`
	net.Dial("tcp", fmt.Sprintf(
		"%s:%d", // want `address format "%s:%d" does not work with IPv6`
		host,
		p,
	))
}

func notReported(host string, p int, format string) {
	// Other formats.
	net.Dial("tcp", fmt.Sprintf("%s:%v", host, p))
	net.Dial("tcp", fmt.Sprintf("[%s]:%d", host, p))
	net.Dial("tcp", fmt.Sprintf("%s:%d/", host, p))
	net.Dial("tcp", fmt.Sprintf(format, host, p))
	net.Dial("tcp", fmt.Sprintf("%s:%d", host, p, 0))
	net.Dial("tcp", fmt.Sprint(host, ":", p))
	net.Dial("tcp", net.JoinHostPort(host, "80"))

	// Not passed to a dial function.
	addr := fmt.Sprintf("%s:%d", host, p)
	println(addr)
	net.ResolveTCPAddr("tcp", fmt.Sprintf("%s:%d", host, p))

	// go vet looks at a direct Sprintf only in a two-argument call.
	net.DialTimeout("tcp", fmt.Sprintf("%s:%d", host, p), time.Second)

	// Parenthesized addresses are not looked through.
	net.Dial("tcp", (fmt.Sprintf("%s:%d", host, p)))
	var a string = fmt.Sprintf("%s:%d", host, p)
	net.Dial("tcp", (a))

	// Assigned, not initialized.
	var b string
	b = fmt.Sprintf("%s:%d", host, p)
	net.Dial("tcp", b)

	// One of several initial values.
	c, d := fmt.Sprintf("%s:%d", host, p), 1
	net.Dial("tcp", c)
	_ = d

	// A parameter has no initializer.
	dialParam(fmt.Sprintf("%s:%d", host, p))
}

func dialParam(addr string) {
	net.Dial("tcp", addr)
}
