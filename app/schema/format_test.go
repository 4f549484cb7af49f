package schema

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xeipuuv/gojsonschema"
)

func TestCheckDateTime(t *testing.T) {
	tests := []struct {
		in      string
		problem string // "" when valid; else a part of the error
	}{
		{"2019-06-10T18:41:00Z", ""},
		{"2019-06-10T18:41:00.9584103Z", ""},
		{"2019-06-10T18:41:00.123456789123Z", ""}, // more digits than nanoseconds
		{"2019-06-10T18:41:00+01:00", ""},
		{"2019-06-10T18:41:00.5-08:30", ""},
		{"2019-06-10t18:41:00z", ""}, // RFC 3339 §5.6 allows lower case
		{"2016-12-31T23:59:60Z", ""}, // leap second
		{"2020-02-29T00:00:00Z", ""},
		{"0000-01-01T00:00:00Z", ""},
		{"2019-06-10", "it has a date but no time"},
		{"", "it is empty"},
		{"18:41:00Z", "YYYY-MM-DD"},
		{"2019-6-10T18:41:00Z", "YYYY-MM-DD"},
		{"2019/06/10T18:41:00Z", "YYYY-MM-DD"},
		{"2019-13-10T18:41:00Z", "month 13 does not exist"},
		{"2019-00-10T18:41:00Z", "month 00 does not exist"},
		{"2019-02-29T18:41:00Z", "day 29 does not exist in February 2019"},
		{"2019-04-31T18:41:00Z", "day 31 does not exist in April 2019"},
		{"2019-06-00T18:41:00Z", "day 00 does not exist"},
		{"2019-06-10 18:41:00Z", `separated by "T", not a space`},
		{"2019-06-10X18:41:00Z", `followed by "T"`},
		{"2019-06-10T18:41Z", "seconds are missing"},
		{"2019-06-10T18:41", "seconds are missing"},
		{"2019-06-10T1841:00Z", "HH:MM:SS"},
		{"2019-06-10T18:41:0Z", "HH:MM:SS"},
		{"2019-06-10T24:00:00Z", "is not a time of day"},
		{"2019-06-10T18:60:00Z", "is not a time of day"},
		{"2019-06-10T18:41:61Z", "is not a time of day"},
		{"2019-06-10T18:41:00", "the time zone is missing"},
		{"2019-06-10T18:41:00.123", "the time zone is missing"},
		{"2019-06-10T18:41:00.Z", `"." after the seconds`},
		{"2019-06-10T18:41:00+0100", "with a colon"},
		{"2019-06-10T18:41:00+01", "±HH:MM"},
		{"2019-06-10T18:41:00+01:00:00", "±HH:MM"},
		{"2019-06-10T18:41:00+24:00", "out of range"},
		{"2019-06-10T18:41:00+01:60", "out of range"},
		{"2019-06-10T18:41:00 Z", "unexpected"},
		{"2019-06-10T18:41:00ZZ", "unexpected"},
		{"2019-06-10T18:41:00UTC", "unexpected"},
	}
	for _, tc := range tests {
		err := CheckDateTime(tc.in)
		switch {
		case tc.problem == "" && err != nil:
			t.Errorf("CheckDateTime(%q) = %v, want valid", tc.in, err)
		case tc.problem != "" && err == nil:
			t.Errorf("CheckDateTime(%q) is valid, want an error with %q", tc.in, tc.problem)
		case tc.problem != "" && !strings.Contains(err.Error(), tc.problem):
			t.Errorf("CheckDateTime(%q) = %q, want it to contain %q", tc.in, err, tc.problem)
		}
	}
}

func TestCheckURI(t *testing.T) {
	tests := []struct {
		in           string
		uri, uriRef  bool
		problemOfRef string // part of CheckURIReference's error, when it fails
	}{
		{"https://example.com/schemas/event.json", true, true, ""},
		{"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000000000-0000-0000-0000-00000000000000&t=2022-10-28T04:23:35.1981776Z&apiVersion=2018-05-01-preview&token=1A1A1A1A", true, true, ""},
		{"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", true, true, ""},
		{"mailto:cncf-wg-serverless@lists.cncf.io", true, true, ""},
		{"http://[::1]:8080/a#frag", true, true, ""},
		{"https://example.com/a%20b", true, true, ""},
		{"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource", false, true, ""},
		{"/subscriptions/{subscription-id}/resourceGroups/signalr-rg", false, true, ""}, // documentation placeholder
		{"cloudevents/spec/pull/123", false, true, ""},
		{"1-555-123-4567", false, true, ""},
		{"#1", false, true, ""},
		{"", false, true, ""}, // the empty reference
		{"a b", false, false, "space"},
		{"/a/{}", false, false, `"{"`},
		{"/a/{x y}", false, false, `"{"`},
		{"/a/}", false, false, `"}"`},
		{"/a/%zz", false, false, "percent-encoded octet"},
		{"/a/%2", false, false, "percent-encoded octet"},
		{"/a#b#c", false, false, `second "#"`},
		{"/a/[x]", false, false, "outside the host"},
		{"/é", false, false, "non-ASCII"},
		{"/a\"b", false, false, `"\""`},
		{"/a\\b", false, false, `"\\"`},
		{":a", false, false, "scheme"},
		{"1a:b", false, false, "not a valid scheme"},
		{"http://a:port/", false, false, "not a valid URI"},
	}
	for _, tc := range tests {
		if err := CheckURI(tc.in); (err == nil) != tc.uri {
			t.Errorf("CheckURI(%q) = %v, want valid %v", tc.in, err, tc.uri)
		}
		err := CheckURIReference(tc.in)
		if (err == nil) != tc.uriRef {
			t.Errorf("CheckURIReference(%q) = %v, want valid %v", tc.in, err, tc.uriRef)
		}
		if err != nil && !strings.Contains(err.Error(), tc.problemOfRef) {
			t.Errorf("CheckURIReference(%q) = %q, want it to contain %q", tc.in, err, tc.problemOfRef)
		}
	}
	if err := CheckURI("/relative"); err == nil || !strings.Contains(err.Error(), "no scheme") {
		t.Errorf(`CheckURI("/relative") = %v, want "no scheme"`, err)
	}
}

// TestSchemasFormatsChecked: every "format" the schemas name has a checker,
// natively and in the wasm build (make wasmtest), where gojsonschema's
// e-mail and IP checkers are left out (third_party/gojsonschema/PATCHES.md)
// and an unknown format would pass unchecked.
func TestSchemasFormatsChecked(t *testing.T) {
	names, err := fs.Glob(files, "schemas/*.json")
	if err != nil || len(names) < 5 {
		t.Fatalf("schemas: %v %v", names, err)
	}
	var walk func(file string, v any)
	seen := 0
	walk = func(file string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if f, ok := v["format"].(string); ok {
				seen++
				if !gojsonschema.FormatCheckers.Has(f) {
					t.Errorf("%s names the format %q, which no checker registered in this build checks", file, f)
				}
			}
			for _, c := range v {
				walk(file, c)
			}
		case []any:
			for _, c := range v {
				walk(file, c)
			}
		}
	}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		walk(name, v)
	}
	if seen < 5 {
		t.Errorf("found %d formats in the schemas, want at least 5", seen)
	}
}

// gojsonschema's own checkers accept a bare date as a date-time; the
// package replaces them.
func TestFormatCheckersRegistered(t *testing.T) {
	tests := []struct {
		format string
		in     any
		want   bool
	}{
		{"date-time", "2019-06-10", false},
		{"date-time", "2019-06-10T18:41:00", false},
		{"date-time", "2019-06-10T18:41:00Z", true},
		{"date-time", 42, true}, // not a string: the type rule decides
		{"uri", "#1", false},
		{"uri", "https://example.com/a", true},
		{"uri-reference", "a b", false},
		{"uri-reference", "/hub/chat", true},
	}
	for _, tc := range tests {
		if got := gojsonschema.FormatCheckers.IsFormat(tc.format, tc.in); got != tc.want {
			t.Errorf("IsFormat(%q, %v) = %v, want %v", tc.format, tc.in, got, tc.want)
		}
	}
}

func FuzzCheckDateTime(f *testing.F) {
	for _, s := range []string{"2019-06-10T18:41:00.9584103Z", "2019-06-10", "2016-12-31T23:59:60+01:00",
		"2019-06-10t18:41:00z", "2019-06-10T18:41:00+0100", "2019-02-29T00:00:00Z", "9999-12-31T23:59:59.999-23:59",
		"0000-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00-00:00", "2019-06-10T24:00:00Z", "2019-06-10T18:41:00,5Z",
		"2019-06-10T18:41:00.1234567890123Z", "2019-06-10T18:41:00+24:00", "2019-06-10T18:41:00+23:60", "2019-04-31T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckDateTime(s) != nil {
			return
		}
		// Anything accepted, in upper case and without a leap second,
		// is accepted by Go's RFC 3339 parser as well (CheckDateTime
		// relies on it and does not call the parser).
		u := strings.ToUpper(s)
		if u[17:19] == "60" {
			u = u[:17] + "59" + u[19:]
		}
		if _, err := time.Parse(time.RFC3339Nano, u); err != nil {
			t.Fatalf("CheckDateTime accepts %q but time.Parse says %v", s, err)
		}
	})
}

func FuzzCheckURI(f *testing.F) {
	for _, s := range []string{"https://example.com/a?b#c", "/subscriptions/{subscription-id}/x", "#1", "urn:a:b",
		"http://[::1]:80/", "a b", "%zz", "{", "a:b:c", "a/b:c", "?a:b", "#a:b", "x:%41", "/a%2", "//h:p/x", "s:///x", "///x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckURI(s) == nil && CheckURIReference(s) != nil {
			t.Fatalf("%q is an absolute URI but not a URI reference: %v", s, CheckURIReference(s))
		}
		// parseURI skips net/url without an authority: whatever the checks
		// accept, net/url accepts too.
		if CheckURIReference(s) == nil {
			if _, err := url.Parse(s); err != nil {
				t.Fatalf("CheckURIReference accepts %q but url.Parse says %v", s, err)
			}
		}
	})
}

func TestCompleteDateTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2019-06-10", "2019-06-10T00:00:00Z"},
		{"2019-06-10T18:41:00", "2019-06-10T18:41:00Z"},
		{"2019-06-10T18:41:00.123", "2019-06-10T18:41:00.123Z"},
		{"2019-06-10 18:41:00Z", "2019-06-10T18:41:00Z"},
		{"2019-06-10 18:41:00+02:00", "2019-06-10T18:41:00+02:00"},
		{"2019-06-10 18:41", "2019-06-10T18:41:00Z"},
		{"2019-06-10T18:41+02:00", "2019-06-10T18:41:00+02:00"},
		// Already valid, or no single completion makes it so.
		{"2019-06-10T18:41:00Z", ""},
		{"2019-02-30", ""},
		{"2019-06-10T25:41:00", ""},
		{"2019-06-10T18:41:00+0100", ""},
		{"June 10, 2019", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := CompleteDateTime(tt.in)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("CompleteDateTime(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if ok && CheckDateTime(got) != nil {
			t.Errorf("CompleteDateTime(%q) = %q, which is not a date-time: %v", tt.in, got, CheckDateTime(got))
		}
	}
}

// TestDateTimeGrammarImpliesParse builds date-times around every field's
// limits and holds that whatever CheckDateTime accepts, Go's RFC 3339
// parser accepts too (upper-cased, a leap second as :59): CheckDateTime
// relies on it and does not call the parser.
func TestDateTimeGrammarImpliesParse(t *testing.T) {
	accepted := 0
	for _, y := range []int{0, 1, 4, 100, 400, 1900, 2000, 2019, 2020, 9999} {
		for m := 0; m <= 13; m++ {
			for _, d := range []int{0, 1, 28, 29, 30, 31, 32} {
				for _, hms := range []string{"00:00:00", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "12:00:61"} {
					for _, frac := range []string{"", ".0", ".1234567890123"} {
						for _, zone := range []string{"Z", "z", "+00:00", "-23:59", "+24:00", "-12:60"} {
							s := fmt.Sprintf("%04d-%02d-%02dt%s%s%s", y, m, d, hms, frac, zone)
							if CheckDateTime(s) != nil {
								continue
							}
							accepted++
							u := strings.ToUpper(s)
							if u[17:19] == "60" {
								u = u[:17] + "59" + u[19:]
							}
							if _, err := time.Parse(time.RFC3339Nano, u); err != nil {
								t.Fatalf("CheckDateTime accepts %q but time.Parse says %v", s, err)
							}
						}
					}
				}
			}
		}
	}
	if accepted < 10000 {
		t.Errorf("only %d date-times accepted", accepted)
	}
}
