package a

import (
	"iter"
	"log"
)

func m() {
	maps := make(map[string]string)
	for k, _ := range maps { // want "simplify range expression"
		log.Println(k)
	}
	var k string
	for k, _ = range maps { // want "simplify range expression"
	}
	for _ = range maps { // want "simplify range expression"
	}
	for _, _ = range maps { // want "simplify range expression"
	}
	for _, v := range maps {
		println(v)
	}
	for range maps {
	}
	for k := range maps {
		println(k)
	}
}

func overFuncs(seq1 iter.Seq[int], seq2 iter.Seq2[int, int]) {
	for _ = range seq1 { // want `simplify range expression`
	}
	for _, _ = range seq2 { // want `simplify range expression`
	}
	for _ = range 10 { // want `simplify range expression`
	}
}

func generic[S ~[]E, E any](s S) {
	for i, _ := range s { // want "simplify range expression"
		println(i)
	}
}
