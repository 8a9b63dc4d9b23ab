package p

func f( {
}
