package p

// A leading `*` before a parenthesized conversion is a dereference: `*T(x)` is `*(T(x))`.
var a = *(*[]byte)(x)
var b = **(**[4]int)(x)
var c = (*[]int)(x)
var d = *(*T)(x)
