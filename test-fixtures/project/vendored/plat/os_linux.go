package plat

const osName = "linux"
