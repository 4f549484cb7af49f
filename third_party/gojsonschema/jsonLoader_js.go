//go:build js

// eventlens's copy: under js/wasm a $ref is never fetched over the network, so
// that the browser build does not link net/http (see PATCHES.md).

package gojsonschema

import "errors"

func fetchJSON(address string) (interface{}, error) {
	return nil, errors.New("gojsonschema: cannot load " + address + " in the browser build (no HTTP loader); embed the referenced schema instead")
}
