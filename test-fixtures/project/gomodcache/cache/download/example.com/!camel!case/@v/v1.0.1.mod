module example.com/CamelCase

go 1.21
