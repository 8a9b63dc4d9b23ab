// c

var x int
