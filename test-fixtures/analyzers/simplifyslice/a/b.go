package a

var other []int
