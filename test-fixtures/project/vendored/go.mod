module example.com/vendored

go 1.22

require (
	example.com/CamelCase v1.0.0
	example.com/dep v1.1.0
)

require example.com/util v1.2.0 // indirect

replace example.com/CamelCase => ./third_party/camel
