package imported

func F[T any](T) {}
