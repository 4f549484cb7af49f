// Package share encodes a payload into the fragment of a share link and
// back. The fragment (after "#") is never sent to a server, so a shared
// payload stays between the people who hold the link.
//
// A fragment is "p=" followed by the payload compressed with DEFLATE and
// written in unpadded base64url (RFC 4648 §5), and optionally "&f=" followed
// by a subscription filter written the same way. A link made while the
// compare mode is open adds "&c=" and the compare mode's second payload
// (its right side) written the same way, and "&m=s" when it compares
// semantically. Base64url has no "&", so links made before filters or
// compare parts existed decode as they always did.
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

// ComparePrefix starts the optional part of a fragment holding the compare
// mode's second payload.
const ComparePrefix = "&c="

// SemanticPart ends a fragment whose compare mode compares semantically.
const SemanticPart = "&m=s"

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
	Chars   int  // length of the fragment the payload needs
	Compare bool // the link carried the compare mode's second payload
}

// Error says what is wrong and what to do.
func (e *TooLargeError) Error() string {
	if e.Compare {
		return fmt.Sprintf("These payloads are too large to share as a link with Compare open: together they need %d characters, and links hold at most %d. Close Compare to share the first payload alone, or download both as .json files and send the files instead.", e.Chars, MaxFragment)
	}
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
	return EncodeLink(Link{Payload: payload, Filter: filter})
}

// Link is everything a share fragment carries.
type Link struct {
	Payload []byte
	Filter  []byte   // the subscription filter; nil or empty for none
	Compare *Compare // the compare mode's state; nil when it was closed
}

// Compare is the compare mode's state in a link.
type Compare struct {
	Right    []byte // the second payload, compared with Payload
	Semantic bool   // compared as events rather than as text
}

// EncodeLink returns the fragment carrying l, or a *TooLargeError when it
// would be longer than MaxFragment (the whole link, the compare part
// included: it is never dropped to make the link fit).
func EncodeLink(l Link) (string, error) {
	frag := Prefix + compress(l.Payload)
	if len(l.Filter) > 0 {
		frag += FilterPrefix + compress(l.Filter)
	}
	if l.Compare != nil {
		frag += ComparePrefix + compress(l.Compare.Right)
		if l.Compare.Semantic {
			frag += SemanticPart
		}
	}
	if len(frag) > MaxFragment {
		return "", &TooLargeError{Chars: len(frag), Compare: l.Compare != nil}
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
// none) from a fragment made by Encode, EncodeWith or EncodeLink.
func DecodeWith(fragment string) (payload, filter []byte, ok bool, err error) {
	l, ok, err := DecodeLink(fragment)
	return l.Payload, l.Filter, ok, err
}

// DecodeLink restores everything a fragment made by Encode, EncodeWith or
// EncodeLink carries; a leading "#" is allowed. ok is false when the
// fragment is not a share fragment at all. The parts together restore at
// most MaxPayload bytes. Parts this version does not know are ignored, so
// a link from a later version still opens its payload.
func DecodeLink(fragment string) (l Link, ok bool, err error) {
	fragment = strings.TrimPrefix(fragment, "#")
	data, found := strings.CutPrefix(fragment, Prefix)
	if !found {
		return Link{}, false, nil
	}
	if len(data) > MaxFragment {
		return Link{}, true, fmt.Errorf("this share link is longer than %d characters, so it was not made by eventlens; ask for the payload as a file", MaxFragment)
	}
	parts := strings.Split(data, "&")
	budget, semantic := MaxPayload, false
	if l.Payload, err = decompress(parts[0], "payload", "#p=", &budget); err != nil {
		return Link{}, true, err
	}
	for _, part := range parts[1:] {
		switch {
		case strings.HasPrefix("&"+part, FilterPrefix):
			if l.Filter, err = decompress(part[len(FilterPrefix)-1:], "filter", FilterPrefix, &budget); err != nil {
				return Link{}, true, err
			}
		case "&"+part == SemanticPart:
			semantic = true
		case strings.HasPrefix("&"+part, ComparePrefix):
			l.Compare = &Compare{}
			if l.Compare.Right, err = decompress(part[len(ComparePrefix)-1:], "second payload", ComparePrefix, &budget); err != nil {
				return Link{}, true, err
			}
		}
	}
	if l.Compare != nil {
		l.Compare.Semantic = semantic
	}
	return l, true, nil
}

// decompress reads one part of a fragment (what: "payload" or "filter",
// after its marker), restoring at most *budget bytes, which it lowers by
// what it restored.
func decompress(data, what, marker string, budget *int) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(data, "="))
	if err != nil {
		return nil, fmt.Errorf("this share link is damaged (not base64url after %s); copy the whole link again", marker)
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, int64(*budget)+1))
	if err != nil {
		return nil, fmt.Errorf("this share link is damaged (its compressed %s is cut or corrupt); copy the whole link again", what)
	}
	*budget -= len(out)
	if *budget < 0 {
		return nil, fmt.Errorf("this share link holds more than %d MiB, more than eventlens restores; ask for the payload as a file", MaxPayload>>20)
	}
	return out, nil
}
