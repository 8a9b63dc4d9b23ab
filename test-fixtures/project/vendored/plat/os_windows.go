package plat

const osName = "windows"
