//go:build js && wasm

package plat

const osName = "js"
