module example.com/dep/nested

go 1.21
