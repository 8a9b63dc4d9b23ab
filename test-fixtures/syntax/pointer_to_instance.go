package p

// The grammar reads *T[A, B] as (*T)[A, B]; the AST must say *(T[A, B]).
var _ = (*Pair[string, bool]).Key
var _ = (**Pair[string, bool])(nil)
var _ = (*G[int]).M
