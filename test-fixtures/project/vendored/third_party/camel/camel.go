// Package camel is a local replacement for example.com/CamelCase.
package camel

// Version says where this copy came from.
const Version = "local"
