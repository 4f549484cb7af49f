// Package share encodes a payload into the fragment of a share link and
// back. The fragment (after "#") is never sent to a server, so a shared
// payload stays between the people who hold the link.
//
// A fragment is "p=" followed by the payload compressed with DEFLATE and
// written in unpadded base64url (RFC 4648 §5), and optionally "&f=" followed
// by a subscription filter written the same way. Base64url has no "&", so
// links made before filters existed decode as they always did.
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

// FilterPrefix starts the optional filter part of a fragment, after the
// payload.
const FilterPrefix = "&f="

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
func Encode(payload []byte) (string, error) { return EncodeWith(payload, nil) }

// EncodeWith returns the fragment carrying payload and, when filter is not
// empty, a subscription filter; or a *TooLargeError when it would be longer
// than MaxFragment.
func EncodeWith(payload, filter []byte) (string, error) {
	frag := Prefix + compress(payload)
	if len(filter) > 0 {
		frag += FilterPrefix + compress(filter)
	}
	if len(frag) > MaxFragment {
		return "", &TooLargeError{Chars: len(frag)}
	}
	return frag, nil
}

// compress returns text compressed and written in base64url.
func compress(text []byte) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // fails only for a bad level
	w.Write(text)                                        // writes to a bytes.Buffer cannot fail
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// Decode restores the payload from a fragment made by Encode or
// EncodeWith (a filter it carries is ignored); a leading "#" is allowed. ok
// is false when the fragment is not a share fragment at all (then err is
// nil and the page should ignore it).
func Decode(fragment string) (payload []byte, ok bool, err error) {
	payload, _, ok, err = DecodeWith(fragment)
	return payload, ok, err
}

// DecodeWith restores the payload and the filter (nil when the link has
// none) from a fragment made by Encode or EncodeWith.
func DecodeWith(fragment string) (payload, filter []byte, ok bool, err error) {
	fragment = strings.TrimPrefix(fragment, "#")
	data, found := strings.CutPrefix(fragment, Prefix)
	if !found {
		return nil, nil, false, nil
	}
	if len(data) > MaxFragment {
		return nil, nil, true, fmt.Errorf("this share link is longer than %d characters, so it was not made by eventlens; ask for the payload as a file", MaxFragment)
	}
	data, fdata, hasFilter := strings.Cut(data, FilterPrefix)
	payload, err = decompress(data, "payload", "#p=")
	if err != nil {
		return nil, nil, true, err
	}
	if hasFilter {
		filter, err = decompress(fdata, "filter", "&f=")
		if err != nil {
			return nil, nil, true, err
		}
	}
	return payload, filter, true, nil
}

// decompress reads one part of a fragment (what: "payload" or "filter",
// after its marker).
func decompress(data, what, marker string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, fmt.Errorf("this share link is damaged (not base64url after %s); copy the whole link again", marker)
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("this share link is damaged (its compressed %s is cut or corrupt); copy the whole link again", what)
	}
	if len(out) > MaxPayload {
		return nil, fmt.Errorf("this share link holds more than %d MiB, more than eventlens restores; ask for the payload as a file", MaxPayload>>20)
	}
	return out, nil
}
