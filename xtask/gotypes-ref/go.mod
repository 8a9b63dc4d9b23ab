module gotypesref

go 1.26
