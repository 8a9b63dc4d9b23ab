module example.com/trans

go 1.16

require example.com/util v1.1.0
