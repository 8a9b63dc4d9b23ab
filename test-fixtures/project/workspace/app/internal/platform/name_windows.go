package platform

import "os"

var name = "windows" + os.Getenv("OS")
