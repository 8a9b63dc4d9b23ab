package params

// tree-sitter-go splits long name lists; lowering regroups them as Go does.
func realSyscall(trap, a1, a2, a3, a4, a5, a6, a7, a8, a9 uintptr) (r, errno uintptr)

func unnamed(int, []string, ...map[string]int) (int, error)

func (r *R) Method(a, b int, c ...string) {}
