package b

// Embedded in package a's structs: its json names live one level down.
type Inner struct {
	Name  int `json:"name"`
	other int
}
