module example.com/dep

go 1.21

require example.com/util v1.2.0
