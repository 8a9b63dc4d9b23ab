module example.com/lib

go 1.22

require (
	example.com/CamelCase v1.0.0
	example.com/old v1.0.0
	example.com/util v1.2.0
)

require example.com/trans v1.0.0 // indirect
