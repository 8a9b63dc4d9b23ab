package platform

const name = "linux"
