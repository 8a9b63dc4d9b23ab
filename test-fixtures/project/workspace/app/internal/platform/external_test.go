package platform_test

import (
	"testing"

	"example.com/app/internal/platform"
	"example.com/util/strs"
)

func TestExternal(t *testing.T) { _ = strs.Upper(platform.Name) }
