package platform

const name = "darwin/arm64"
