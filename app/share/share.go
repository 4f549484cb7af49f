// Package share encodes a payload into the fragment of a share link and
// back. The fragment (after "#") is never sent to a server, so a shared
// payload stays between the people who hold the link.
//
// A fragment is "p=" followed by the payload compressed with DEFLATE and
// written in unpadded base64url (RFC 4648 §5).
package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"eventlens/app/vocab"
)

// Prefix starts every share fragment (without the "#").
const Prefix = "p="

// MaxFragment is the longest fragment Encode produces, in characters
// (vocab.MaxShareFragment).
const MaxFragment = vocab.MaxShareFragment

// MaxPayload is the largest payload Decode restores, in decompressed bytes
// (vocab.MaxSharePayload).
const MaxPayload = vocab.MaxSharePayload

// ErrTooLarge reports a payload whose link would exceed MaxFragment.
var ErrTooLarge = errors.New("share: payload too large for a link")

// TooLargeError says how long the link would have been.
type TooLargeError struct {
	Chars int // length of the fragment the payload needs
}

// Error says what is wrong and what to do.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("This payload is too large to share as a link: it needs %d characters, and links hold at most %d. Download it as a .json file and send the file instead.", e.Chars, MaxFragment)
}

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Encode returns the fragment (without "#") carrying payload, or a
// *TooLargeError when it would be longer than MaxFragment.
func Encode(payload []byte) (string, error) {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	w.Write(payload) // writes to a bytes.Buffer cannot fail
	w.Close()
	n := len(Prefix) + base64.RawURLEncoding.EncodedLen(buf.Len())
	if n > MaxFragment {
		return "", &TooLargeError{Chars: n}
	}
	return Prefix + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// Decode restores the payload from a fragment made by Encode; a leading "#"
// is allowed. ok is false when the fragment is not a share fragment at all
// (then err is nil and the page should ignore it).
func Decode(fragment string) (payload []byte, ok bool, err error) {
	fragment = strings.TrimPrefix(fragment, "#")
	data, found := strings.CutPrefix(fragment, Prefix)
	if !found {
		return nil, false, nil
	}
	if len(data) > MaxFragment {
		return nil, true, fmt.Errorf("this share link is longer than %d characters, so it was not made by eventlens; ask for the payload as a file", MaxFragment)
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, true, fmt.Errorf("this share link is damaged (not base64url after #p=); copy the whole link again")
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxPayload+1))
	if err != nil {
		return nil, true, fmt.Errorf("this share link is damaged (its compressed payload is cut or corrupt); copy the whole link again")
	}
	if len(out) > MaxPayload {
		return nil, true, fmt.Errorf("this share link holds more than %d MiB, more than eventlens restores; ask for the payload as a file", MaxPayload>>20)
	}
	return out, true, nil
}
