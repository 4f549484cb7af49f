package share

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

const seed = `[{
  "topic": "/subscriptions/{subscription-id}/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource",
  "subject": "/hub/chat",
  "eventType": "Microsoft.SignalRService.ClientConnectionConnected",
  "eventTime": "2019-06-10T18:41:00.9584103Z",
  "id": "831e1650-001e-001b-66ab-eeb76e069631",
  "data": {
    "timestamp": "2019-06-10T18:41:00.9584103Z",
    "hubName": "chat",
    "connectionId": "crH0uxVSvP61p5wkFY1x1A",
    "userId": "user-eymwyo23 é😀"
  },
  "dataVersion": "1.0",
  "metadataVersion": "1"
}]`

func TestRoundTrip(t *testing.T) {
	for _, payload := range []string{seed, "", "{", "<script>alert(1)</script>", strings.Repeat(seed, 200)} {
		frag, err := Encode([]byte(payload))
		if err != nil {
			t.Fatalf("Encode(%d bytes): %v", len(payload), err)
		}
		if !strings.HasPrefix(frag, Prefix) || strings.ContainsAny(frag[len(Prefix):], "+/=#?& ") {
			t.Errorf("fragment %q is not p= followed by unpadded base64url", frag[:min(len(frag), 40)])
		}
		for _, f := range []string{frag, "#" + frag} {
			got, ok, err := Decode(f)
			if err != nil || !ok || string(got) != payload {
				t.Errorf("Decode(Encode(%d bytes)) = %d bytes, %v, %v", len(payload), len(got), ok, err)
			}
		}
	}
	// The seed compresses well below its own length.
	frag, _ := Encode([]byte(seed))
	if len(frag) >= len(seed) {
		t.Errorf("fragment of the seed is %d chars for %d bytes: not compressed", len(frag), len(seed))
	}
}

func TestTooLarge(t *testing.T) {
	noise := make([]byte, MaxFragment) // random bytes do not compress
	rand.Read(noise)
	_, err := Encode(noise)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Encode(%d random bytes) error = %v, want a TooLargeError", len(noise), err)
	}
	if tl.Chars <= MaxFragment || !strings.Contains(err.Error(), "65536") || !strings.Contains(err.Error(), "Download") {
		t.Errorf("error %q should give the limit and what to do", err)
	}
}

func TestDecodeRejects(t *testing.T) {
	deflate := func(b []byte) string {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write(b)
		w.Close()
		return base64.RawURLEncoding.EncodeToString(buf.Bytes())
	}
	good, _ := Encode([]byte(seed))
	raw, _ := base64.RawURLEncoding.DecodeString(good[len(Prefix):])
	cut := Prefix + base64.RawURLEncoding.EncodeToString(raw[:len(raw)/2])
	tests := []struct {
		name     string
		fragment string
		ok       bool
		errHas   string
	}{
		{"empty", "", false, ""},
		{"other fragment", "#diagnostics", false, ""},
		{"not base64", "p=!!!", true, "not base64url"},
		{"cut", cut, true, "cut or corrupt"},
		{"not deflate", "p=" + base64.RawURLEncoding.EncodeToString([]byte("hello world")), true, "cut or corrupt"},
		{"bomb", "p=" + deflate(make([]byte, MaxPayload+1)), true, "MiB"},
		{"too long", "p=" + strings.Repeat("A", MaxFragment+1), true, "longer than"},
	}
	for _, tt := range tests {
		got, ok, err := Decode(tt.fragment)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.ok)
		}
		if tt.errHas == "" {
			if err != nil || got != nil {
				t.Errorf("%s: Decode = %q, %v; want nothing", tt.name, got, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.errHas)
		}
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := Encode([]byte(seed))
	f.Add(good)
	f.Add("#p=")
	f.Add("p=AAAA")
	f.Add("#something")
	f.Fuzz(func(t *testing.T, fragment string) {
		got, ok, err := Decode(fragment)
		if err != nil && got != nil {
			t.Fatal("Decode returned a payload and an error")
		}
		if !ok && err != nil {
			t.Fatal("Decode returned an error for a fragment it ignores")
		}
		if len(got) > MaxPayload {
			t.Fatalf("Decode returned %d bytes, over MaxPayload", len(got))
		}
	})
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(seed))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, payload []byte) {
		frag, err := Encode(payload)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Encode: %v", err)
			}
			return
		}
		got, ok, err := Decode(frag)
		if err != nil || !ok || !bytes.Equal(got, payload) {
			t.Fatalf("round trip failed: ok=%v err=%v", ok, err)
		}
	})
}

// TestFilterInLink: a link carries a filter after the payload, and links
// made before filters existed still decode.
func TestFilterInLink(t *testing.T) {
	filter := `{"subjectBeginsWith": "/hub/", "advancedFilters": [{"operatorType": "StringIn", "key": "data.hubName", "values": ["chat"]}]}`
	frag, err := EncodeWith([]byte(seed), []byte(filter))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(frag, Prefix) || strings.Count(frag, FilterPrefix) != 1 {
		t.Fatalf("fragment %q", frag)
	}
	p, f, ok, err := DecodeWith("#" + frag)
	if err != nil || !ok || string(p) != seed || string(f) != filter {
		t.Errorf("DecodeWith = %q, %q, %v, %v", p, f, ok, err)
	}
	// Decode, as older pages call it, still returns the payload.
	if p, ok, err := Decode(frag); err != nil || !ok || string(p) != seed {
		t.Errorf("Decode of a link with a filter = %q, %v, %v", p, ok, err)
	}
	// A link without a filter has no filter part, and an empty filter adds none.
	plain, _ := EncodeWith([]byte(seed), nil)
	if strings.Contains(plain, FilterPrefix) {
		t.Errorf("a link without a filter has %q", FilterPrefix)
	}
	// A link in the format made before filters: "p=" and the deflated payload.
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write([]byte(seed))
	w.Close()
	old := "#p=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
	if p, f, ok, err := DecodeWith(old); err != nil || !ok || string(p) != seed || f != nil {
		t.Errorf("old link: %d bytes, filter %q, %v, %v", len(p), f, ok, err)
	}
	// A damaged filter part is an error that names it.
	if _, _, ok, err := DecodeWith(plain + FilterPrefix + "!!"); !ok || err == nil || !strings.Contains(err.Error(), "&f=") {
		t.Errorf("damaged filter: %v, %v", ok, err)
	}
}

// TestCompareInLink: a link made with Compare open carries the second
// payload and the mode, after the filter or without one; older links and
// the older decoders keep working.
func TestCompareInLink(t *testing.T) {
	right := strings.Replace(seed, "ClientConnectionConnected", "ClientConnectionDisconnected", 1)
	filter := `{"subjectBeginsWith": "/hub/"}`
	for _, tt := range []struct {
		name   string
		filter string
		sem    bool
	}{{"text", "", false}, {"semantic", "", true}, {"filter and semantic", filter, true}, {"filter", filter, false}} {
		frag, err := EncodeLink(Link{Payload: []byte(seed), Filter: []byte(tt.filter), Compare: &Compare{Right: []byte(right), Semantic: tt.sem}})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if strings.Count(frag, ComparePrefix) != 1 || strings.Contains(frag, SemanticPart) != tt.sem {
			t.Errorf("%s: fragment %q", tt.name, frag)
		}
		l, ok, err := DecodeLink("#" + frag)
		if err != nil || !ok || string(l.Payload) != seed || string(l.Filter) != tt.filter || l.Compare == nil ||
			string(l.Compare.Right) != right || l.Compare.Semantic != tt.sem {
			t.Errorf("%s: DecodeLink = %+v, %v, %v", tt.name, l, ok, err)
		}
		// The older decoders return the payload and the filter alone.
		if p, f, ok, err := DecodeWith(frag); err != nil || !ok || string(p) != seed || string(f) != tt.filter {
			t.Errorf("%s: DecodeWith = %d bytes, %q, %v, %v", tt.name, len(p), f, ok, err)
		}
	}
	// An empty second payload still marks Compare as open.
	frag, _ := EncodeLink(Link{Payload: []byte(seed), Compare: &Compare{}})
	if l, _, err := DecodeLink(frag); err != nil || l.Compare == nil || len(l.Compare.Right) != 0 {
		t.Errorf("empty right side: %+v, %v", l, err)
	}
	// Links without a compare part decode with Compare nil, the mode part
	// alone means nothing, and a part this version does not know is skipped.
	plain, _ := EncodeWith([]byte(seed), []byte(filter))
	for _, f := range []string{plain, plain + SemanticPart, plain + "&z=later"} {
		if l, ok, err := DecodeLink(f); err != nil || !ok || l.Compare != nil || string(l.Filter) != filter {
			t.Errorf("DecodeLink(%q…) = %+v, %v, %v", f[:10], l, ok, err)
		}
	}
	// A damaged second payload is an error that names its part.
	if _, ok, err := DecodeLink(plain + ComparePrefix + "!!"); !ok || err == nil || !strings.Contains(err.Error(), ComparePrefix) {
		t.Errorf("damaged compare part: %v, %v", ok, err)
	}
}

// TestCompareTooLarge: a link whose second payload makes it too long is
// refused with an error that says so; the right side is never dropped.
func TestCompareTooLarge(t *testing.T) {
	noise := make([]byte, MaxFragment*2/3) // random bytes do not compress
	rand.Read(noise)
	if _, err := Encode(noise); err != nil {
		t.Fatalf("the left side alone should fit: %v", err)
	}
	frag, err := EncodeLink(Link{Payload: noise, Compare: &Compare{Right: noise}})
	var tl *TooLargeError
	if !errors.As(err, &tl) || !tl.Compare || frag != "" {
		t.Fatalf("EncodeLink with a large right side = %d chars, %v; want a TooLargeError for Compare", len(frag), err)
	}
	if !strings.Contains(err.Error(), "Close Compare") || tl.Chars <= MaxFragment {
		t.Errorf("error %q should say how to share", err)
	}
}

// TestDecodeBudget: the parts of a link together restore at most
// MaxPayload bytes.
func TestDecodeBudget(t *testing.T) {
	half := make([]byte, MaxPayload/2+1) // zeros compress to a few hundred characters
	frag, err := EncodeLink(Link{Payload: half, Compare: &Compare{Right: half}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := DecodeLink(frag); !ok || err == nil || !strings.Contains(err.Error(), "MiB") {
		t.Errorf("two halves over MaxPayload: %v, %v", ok, err)
	}
	if l, _, err := DecodeLink(Prefix + compress(half)); err != nil || len(l.Payload) != len(half) {
		t.Errorf("one half: %d bytes, %v", len(l.Payload), err)
	}
}

func FuzzDecodeLink(f *testing.F) {
	good, _ := EncodeLink(Link{Payload: []byte(seed), Filter: []byte("{}"), Compare: &Compare{Right: []byte(seed), Semantic: true}})
	f.Add(good)
	f.Add("p=&c=&m=s")
	f.Add("p=&&&")
	f.Fuzz(func(t *testing.T, fragment string) {
		l, ok, err := DecodeLink(fragment)
		if err != nil && (l.Payload != nil || l.Compare != nil) {
			t.Fatal("DecodeLink returned a link and an error")
		}
		if !ok && err != nil {
			t.Fatal("DecodeLink returned an error for a fragment it ignores")
		}
		n := len(l.Payload) + len(l.Filter)
		if l.Compare != nil {
			n += len(l.Compare.Right)
		}
		if n > MaxPayload {
			t.Fatalf("DecodeLink returned %d bytes, over MaxPayload", n)
		}
	})
}
