// An external test package: examples name what the packages it imports declare.
package b_test

import (
	"a"
	"testing"
)

var _ a.Foo

func ExampleFoo()               {}
func ExampleFoo_Method()        {}
func ExampleGeneric_Get()       {}
func ExampleNope()              {} // want `ExampleNope refers to unknown identifier: Nope`
func ExampleFoo_Gone()          {} // want `ExampleFoo_Gone refers to unknown field or method: Foo.Gone`
func TestExternal(t *testing.T) {}
func Testexternal(t *testing.T) {} // want `Testexternal has malformed name`
