package a

import (
	"fmt"
	"net"
)

func genericHost[H ~string, P int | uint16](host H, p P) {
	net.Dial("tcp", fmt.Sprintf("%s:%d", host, p)) // want `address format "%s:%d" does not work with IPv6$`
	addr := fmt.Sprintf("%s:%d", host, p)          // want `IPv6 \(passed to net.Dial at L11\)`
	net.Dial("tcp", addr)
}

// A generic type embedding a Dialer.
type pool[T any] struct {
	net.Dialer
	items []T
}

func (q *pool[T]) open(host string) {
	addr := fmt.Sprintf("%s:%s", host, "443") // want `IPv6 \(passed to net.Dial at L22\)`
	q.Dial("tcp", addr)
}

func usePool(host string) {
	var q pool[int]
	q.Dial("tcp", fmt.Sprintf("%s:%d", host, 80)) // want `address format "%s:%d" does not work with IPv6$`
}

// A type parameter's Dial method is not net's.
func viaConstraint[D interface {
	Dial(network, address string) (net.Conn, error)
}](d D, host string) {
	d.Dial("tcp", fmt.Sprintf("%s:%d", host, 80))
}
