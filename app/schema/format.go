package schema

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// CheckDateTime reports whether s is an RFC 3339 date-time
// (YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)), and if not, what is
// wrong in words a person can act on.
//
// The check is strict where gojsonschema's own is lax: a bare date, a time
// without seconds, a missing offset, a space instead of "T" and an offset
// without its colon are all rejected. Lower-case "t" and "z" are accepted:
// RFC 3339 §5.6 allows them explicitly (the grammar's letters are
// case-insensitive), so rejecting them would call valid payloads invalid.
// A leap second (":60") is accepted as the RFC allows.
func CheckDateTime(s string) error {
	// The grammar checks every field's range, the days of the month and
	// the offset, so Go's RFC 3339 parser accepts whatever it accepts
	// (upper-cased, a leap second as :59): FuzzCheckDateTime holds it so.
	// Calling that parser as well took a fifth of a whole inspection as
	// wasm.
	return dateTimeGrammar(s)
}

// dateTimeGrammar checks the RFC 3339 date-time grammar and field ranges,
// including the number of days in the month.
func dateTimeGrammar(s string) error {
	if s == "" {
		return errors.New("it is empty")
	}
	digits := func(at, n int) (int, bool) {
		if at+n > len(s) {
			return 0, false
		}
		v := 0
		for i := at; i < at+n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	year, okY := digits(0, 4)
	month, okM := digits(5, 2)
	day, okD := digits(8, 2)
	if !okY || !okM || !okD || s[4] != '-' || s[7] != '-' {
		return errors.New("it must start with a date written YYYY-MM-DD")
	}
	if month < 1 || month > 12 {
		return fmt.Errorf("month %02d does not exist (01 to 12)", month)
	}
	if day < 1 || day > daysIn(year, month) {
		return fmt.Errorf("day %02d does not exist in %s %04d", day, time.Month(month), year)
	}
	if len(s) == 10 {
		return errors.New(`it has a date but no time: add the time and the offset, e.g. "` + s + `T00:00:00Z"`)
	}
	switch s[10] {
	case 'T', 't':
	case ' ':
		return errors.New(`the date and the time must be separated by "T", not a space`)
	default:
		return errors.New(`the date must be followed by "T" and the time (HH:MM:SS)`)
	}
	hour, okH := digits(11, 2)
	minute, okMin := digits(14, 2)
	if !okH || !okMin || s[13] != ':' {
		return errors.New("the time must be written HH:MM:SS")
	}
	if len(s) < 17 || s[16] != ':' {
		return errors.New("the seconds are missing: the time must be written HH:MM:SS")
	}
	second, okS := digits(17, 2)
	if !okS {
		return errors.New("the time must be written HH:MM:SS")
	}
	if hour > 23 || minute > 59 || second > 60 {
		return fmt.Errorf("%02d:%02d:%02d is not a time of day", hour, minute, second)
	}
	i := 19
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return errors.New(`the "." after the seconds must be followed by digits`)
		}
		i = j
	}
	rest := s[i:]
	switch {
	case rest == "":
		return errors.New(`the time zone is missing: add "Z" for UTC or an offset such as "+01:00"`)
	case rest == "Z" || rest == "z":
		return nil
	case rest[0] == '+' || rest[0] == '-':
		if len(rest) == 5 && rest[3] != ':' {
			return errors.New(`the offset must be written ±HH:MM, with a colon (e.g. "+01:00")`)
		}
		oh, ok1 := digits(i+1, 2)
		om, ok2 := digits(i+4, 2)
		if len(rest) != 6 || !ok1 || !ok2 || rest[3] != ':' {
			return errors.New(`the offset must be written ±HH:MM (e.g. "+01:00") or "Z"`)
		}
		if oh > 23 || om > 59 {
			return fmt.Errorf("the offset %s is out of range (hours 00 to 23, minutes 00 to 59)", rest)
		}
		return nil
	}
	return fmt.Errorf(`unexpected %q after the time: the time must end with "Z" or an offset such as "+01:00"`, rest)
}

// daysIn returns the number of days of a month in the proleptic Gregorian
// calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// CheckURI reports whether s is an absolute URI as RFC 3986 defines it (a
// scheme, then the rest; a fragment is allowed), and if not, what is wrong.
// A documentation placeholder such as "{subscription-id}" is accepted as
// the value it stands for.
func CheckURI(s string) error {
	if err := uriChars(s); err != nil {
		return err
	}
	scheme, _, hasScheme := strings.Cut(s, ":")
	if !hasScheme || strings.ContainsAny(scheme, "/?#") {
		return errors.New(`it has no scheme: an absolute URI starts with one, such as "https:" or "urn:"`)
	}
	if err := checkScheme(scheme); err != nil {
		return err
	}
	return parseURI(s)
}

// CheckURIReference reports whether s is a URI reference as RFC 3986
// defines it (an absolute URI or a relative reference such as
// "/subscriptions/…"), and if not, what is wrong. The empty string is the
// empty reference, which is valid (a schema that wants a value says so
// with minLength). A documentation placeholder such as "{subscription-id}"
// is accepted as the value it stands for.
func CheckURIReference(s string) error {
	if s == "" {
		return nil // the empty reference: the current document
	}
	if err := uriChars(s); err != nil {
		return err
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(scheme, "/?#") {
		if err := checkScheme(scheme); err != nil {
			return fmt.Errorf(`%w; a relative reference whose first segment holds ":" must start with "./"`, err)
		}
	}
	return parseURI(s)
}

// uriChars checks that s holds only characters a URI may hold, that every
// "%" starts a percent-encoded octet, that "[" and "]" appear only in the
// authority, and that there is at most one "#". A documentation
// placeholder ("{subscription-id}") counts as the value it stands for.
func uriChars(s string) error {
	if s == "" {
		return errors.New("it is empty")
	}
	authStart, authEnd := authority(s)
	hashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case uriPlain[c]:
		case c == '#':
			hashes++
			if hashes > 1 {
				return errors.New(`it has a second "#": percent-encode it as "%23"`)
			}
		case c == '[' || c == ']':
			if i < authStart || i >= authEnd {
				return fmt.Errorf(`it contains %q outside the host: percent-encode it as "%%%02X"`, string(rune(c)), c)
			}
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return errors.New(`a "%" must start a percent-encoded octet such as "%20"; write "%25" for a literal "%"`)
			}
		case c == ' ':
			return errors.New(`it contains a space: percent-encode it as "%20"`)
		case c == '{':
			j := placeholderEnd(s, i)
			if j < 0 {
				return errors.New(`it contains "{", which a URI must percent-encode as "%7B"`)
			}
			i = j
		case c == '}':
			return errors.New(`it contains "}", which a URI must percent-encode as "%7D"`)
		case c >= 0x80:
			return errors.New("it contains a non-ASCII character: percent-encode its UTF-8 bytes")
		default:
			return fmt.Errorf(`it contains %q, which a URI must percent-encode as "%%%02X"`, string(rune(c)), c)
		}
	}
	return nil
}

// uriPlain marks the characters a URI holds as they are: letters, digits,
// and the unreserved and reserved marks but "#", "[" and "]" (RFC 3986
// §2.2, §2.3). A table: testing each character against a list cost more
// than the rest of the check as wasm.
var uriPlain = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~:/?@!$&'()*+,;=", byte(c)) >= 0
	}
	return t
}()

// placeholderEnd returns the index of the "}" that closes a documentation
// placeholder such as "{subscription-id}" opening at s[i], or -1. Azure's
// documented payloads hold such placeholders; they are accepted as if
// filled in (app/lint points them out), while any other brace is an error.
func placeholderEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '}' && j > i+1:
			return j
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return -1
		}
	}
	return -1
}

// authority returns the byte range of the authority of s ("//host:port"
// after an optional scheme), or an empty range.
func authority(s string) (start, end int) {
	i := 0
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(scheme, "/?#") {
		i = len(scheme) + 1
	}
	if !strings.HasPrefix(s[i:], "//") {
		return 0, 0
	}
	start = i + 2
	end = len(s)
	if j := strings.IndexAny(s[start:], "/?#"); j >= 0 {
		end = start + j
	}
	return start, end
}

// checkScheme checks scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func checkScheme(scheme string) error {
	if scheme == "" {
		return errors.New(`it starts with ":": a scheme such as "https" must come before it`)
	}
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		alpha := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if i == 0 && !alpha || !alpha && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return fmt.Errorf("%q is not a valid scheme (a letter, then letters, digits, \"+\", \"-\" or \".\")", scheme)
		}
	}
	return nil
}

// parseURI runs net/url's parser for what the character checks leave: ports,
// IPv6 literals, user information. Without an authority there is nothing
// left: once the characters, the percent-encodings and the scheme are
// checked, url.Parse finds no fault in a path, query or fragment (FuzzCheckURI
// holds it so), and skipping it spares its allocations, which cost more
// than all the other checks as wasm.
func parseURI(s string) error {
	if start, _ := authority(s); start == 0 {
		return nil
	}
	if _, err := url.Parse(s); err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("it is not a valid URI (%v)", err)
	}
	return nil
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// formats are the format checkers registered with gojsonschema (init)
// under the names the schemas use, and the ones the fast path (fast.go)
// applies: gojsonschema's own accept a bare date as a date-time and almost
// any text as a URI; these follow RFC 3339 and RFC 3986.
var formats = map[string]func(string) error{
	"date-time":     CheckDateTime,
	"uri":           CheckURI,
	"uri-reference": CheckURIReference,
}

// formatChecker is one of formats as a gojsonschema.FormatChecker.
type formatChecker func(string) error

// IsFormat reports whether a string passes the check; other kinds of values
// pass (the schema's "type" rules them out).
func (f formatChecker) IsFormat(v any) bool {
	s, ok := v.(string)
	return !ok || f(s) == nil
}

// CompleteDateTime returns the RFC 3339 date-time that s most likely
// means when s is a date or a local time without a zone, the commonest
// mistakes: a bare date becomes midnight UTC ("2019-06-10" →
// "2019-06-10T00:00:00Z"), a space before the time becomes "T", missing
// seconds become ":00" and a missing zone becomes "Z" (UTC). It reports
// false when s is already valid or when no such completion makes it so.
// The completion assumes UTC: the fix that offers it says so.
func CompleteDateTime(s string) (string, bool) {
	if CheckDateTime(s) == nil || len(s) < 10 {
		return "", false
	}
	t := s
	if len(t) == 10 {
		t += "T00:00:00"
	}
	if t[10] == ' ' {
		t = t[:10] + "T" + t[11:]
	}
	// HH:MM without seconds, before any zone.
	if len(t) >= 16 && (len(t) == 16 || t[16] == 'Z' || t[16] == 'z' || t[16] == '+' || t[16] == '-') {
		t = t[:16] + ":00" + t[16:]
	}
	if CheckDateTime(t+"Z") == nil {
		t += "Z"
	}
	if CheckDateTime(t) != nil {
		return "", false
	}
	return t, true
}
