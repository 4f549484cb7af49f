//go:build !js

// eventlens's copy: the parts of jsonLoader.go that need net/http, kept out of
// the js/wasm build (see PATCHES.md). The code is the release's.

package gojsonschema

import (
	"bytes"
	"errors"
	"io"
	"io/ioutil"
	"net/http"
)

// NewReferenceLoaderFileSystem returns a JSON reference loader using the given source and file system.
func NewReferenceLoaderFileSystem(source string, fs http.FileSystem) JSONLoader {
	return &jsonReferenceLoader{
		fs:     httpFileSystem{fs},
		source: source,
	}
}

// httpFileSystem adapts an http.FileSystem to fileSystem.
type httpFileSystem struct{ fs http.FileSystem }

// Open opens a file with the given name.
func (h httpFileSystem) Open(name string) (io.ReadCloser, error) {
	return h.fs.Open(name)
}

func fetchJSON(address string) (interface{}, error) {
	resp, err := http.Get(address)
	if err != nil {
		return nil, err
	}

	// must return HTTP Status 200 OK
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New(formatErrorDescription(Locale.HttpBadStatus(), ErrorDetails{"status": resp.Status}))
	}

	bodyBuff, err := ioutil.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}

	return decodeJSONUsingNumber(bytes.NewReader(bodyBuff))
}
