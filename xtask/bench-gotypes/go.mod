module benchgotypes

go 1.26
