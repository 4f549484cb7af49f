package lint

import (
	"bytes"
	"encoding/base64"
	"errors"
	"math"
	"mime"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/app/ascii"
	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// ceAttributes are the CloudEvents 1.0 context attributes and the JSON
// format's data members.
var ceAttributes = vocab.CloudEventsNames()

// ceFolded maps the folded form (see fold) of each CloudEvents attribute to
// its exact name.
var ceFolded = foldMap(ceAttributes)

// egInCloudEvents maps the folded Event Grid-only properties to their
// CloudEvents name ("" when CloudEvents has none under another name).
var egInCloudEvents = func() map[string]string {
	m := map[string]string{}
	for _, a := range vocab.Attributes {
		if a.EventGrid != "" && !vocab.IsCloudEvents(a.EventGrid) {
			m[fold(a.EventGrid)] = renamedTo(a.ToCloudEvents, a.CloudEvents)
		}
	}
	return m
}()

// renamedTo returns name when action is Renamed, "" otherwise.
func renamedTo(action vocab.Action, name string) string {
	if action == vocab.Renamed {
		return name
	}
	return ""
}

// foldMap maps fold(name) to name for each name.
func foldMap(names []string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[fold(n)] = n
	}
	return m
}

// cloudEvents runs the checks of one CloudEvents event.
func (c *checker) cloudEvents(ev *detect.Event) {
	n := ev.Node
	for i := range n.Members {
		m := &n.Members[i]
		switch m.Key {
		case vocab.SpecVersion:
			c.specVersion(ev, m)
		case vocab.DataContentType:
			c.contentType(ev, m)
		case vocab.DataSchema:
			c.dataSchema(ev, m)
		case vocab.DataBase64:
			c.dataBase64(ev, m)
		default:
			if !vocab.IsCloudEvents(m.Key) {
				c.ceOther(ev, i)
			}
		}
		if m.Key != vocab.Data && m.Key != vocab.DataBase64 {
			c.stringChars(ev, m)
		}
	}
	c.eventType(ev, vocab.Type, typeCodes{vocab.CEMisspeltType, vocab.CEUncheckedType, vocab.CECustomType})
	if t, ok := stringValue(n, vocab.Type); ok && (t == catalog.Connected || t == catalog.Disconnected) {
		c.signalR(ev, t, vocab.Source, vocab.Time)
	}
}

// specVersion checks that specversion is "1.0" (other kinds are the
// schema's to report).
func (c *checker) specVersion(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind != jsontree.String || v.Text == "1.0" {
		return
	}
	ptr := pointer(ev, m.Key)
	var d diag.Diagnostic
	if v.Text == "0.3" {
		d = at(vocab.CESpecVersion, ev, ptr, v,
			`specversion is "0.3", the older CloudEvents version; eventlens checks CloudEvents 1.0: migrate the event (set specversion to "1.0", rename schemaurl to dataschema, and put binary data in data_base64 instead of using datacontentencoding)`)
	} else {
		d = at(vocab.CESpecVersion, ev, ptr, v,
			`specversion is %s; eventlens checks CloudEvents 1.0 events: set it to "1.0"`, quote(v.Text))
	}
	d.Fix = replaceValue(c.src, v, `Set specversion to "1.0"`, `"1.0"`)
	c.add(d)
}

// ceOther reports member i of a CloudEvents event that is not a context
// attribute: a misspelt attribute, an Event Grid property, or an extension.
func (c *checker) ceOther(ev *detect.Event, i int) {
	n := ev.Node
	m := &n.Members[i]
	ptr := pointer(ev, m.Key)
	if m.Key == "specVersion" {
		d := atKey(vocab.CESpecVersionCase, ev, ptr, m,
			`"specVersion" is not a CloudEvents attribute: attribute names are case-sensitive, so consumers ignore it and find no specversion; rename it to %s`, quote(vocab.SpecVersion))
		d.Fix = c.renameOrDrop(n, i, vocab.SpecVersion, &d)
		c.add(d)
		return
	}
	folded := fold(m.Key)
	if attr, ok := ceFolded[folded]; ok {
		d := atKey(vocab.CEAttributeCase, ev, ptr, m,
			"%s is not a CloudEvents attribute: attribute names are case-sensitive, so consumers ignore it; rename it to %s", quote(m.Key), quote(attr))
		d.Fix = c.renameOrDrop(n, i, attr, &d)
		c.add(d)
		return
	}
	if target, ok := egInCloudEvents[folded]; ok {
		const mixed = "%s is an Event Grid property: this CloudEvents event mixes the two forms; "
		var d diag.Diagnostic
		switch {
		case target != "":
			d = atKey(vocab.CEEventGridProperty, ev, ptr, m, mixed+"rename it to %s, its CloudEvents name", quote(m.Key), quote(target))
			d.Fix = c.renameOrDrop(n, i, target, &d)
		case folded == fold(vocab.DataVersion):
			d = atKey(vocab.CEEventGridProperty, ev, ptr, m, mixed+"CloudEvents has no data version: give the absolute URI of the data's schema in dataschema, or remove it", quote(m.Key))
		default:
			d = atKey(vocab.CEEventGridProperty, ev, ptr, m, mixed+"CloudEvents has no equivalent: remove it", quote(m.Key))
			d.Fix = removeMember(c.src, n, i, "Remove "+quote(m.Key))
		}
		if lowerAlnum(m.Key) {
			d.Soften() // the name is also a valid extension name
		}
		c.add(d)
		return
	}
	c.extension(ev, i)
}

// extension checks the name and value of extension attribute i.
func (c *checker) extension(ev *detect.Event, i int) {
	n := ev.Node
	m := &n.Members[i]
	name, ptr := m.Key, pointer(ev, m.Key)
	switch {
	case name == "":
		c.add(atKey(vocab.CEExtensionName, ev, ptr, m,
			`"" is not a valid extension attribute name (names are 1 to %d lower-case letters a-z and digits 0-9): name it or remove it`,
			vocab.MaxExtensionNameLength))
	case !lowerAlnum(name):
		clean := cleanName(name)
		if s := c.misspelling(n, clean); s != "" {
			clean = s
		}
		if clean == "" {
			c.add(atKey(vocab.CEExtensionName, ev, ptr, m,
				"extension attribute name %s may only contain lower-case letters a-z and digits 0-9: rename it", quote(name)))
			break
		}
		if has(n, clean) {
			c.add(atKey(vocab.CEExtensionName, ev, ptr, m,
				"extension attribute name %s may only contain lower-case letters a-z and digits 0-9: rename it (%s is already taken)", quote(name), quote(clean)))
			break
		}
		d := atKey(vocab.CEExtensionName, ev, ptr, m,
			"extension attribute name %s may only contain lower-case letters a-z and digits 0-9: rename it to %s", quote(name), quote(clean))
		d.Fix = renameKey(c.src, m, clean)
		c.add(d)
	default:
		if len(name) > vocab.MaxExtensionNameLength {
			c.add(atKey(vocab.CEExtensionLength, ev, ptr, m,
				"extension attribute name %s is %d characters long; CloudEvents says names SHOULD be at most %d, and some transports reject longer ones: shorten it",
				quote(name), len(name), vocab.MaxExtensionNameLength))
		}
		if name[0] < 'a' || name[0] > 'z' {
			c.add(atKey(vocab.CEExtensionStart, ev, ptr, m,
				"extension attribute name %s starts with a digit; CloudEvents says names SHOULD start with a letter: rename it", quote(name)))
		}
		if s := c.misspelling(n, name); s != "" {
			d := atKey(vocab.CEExtensionMisspelt, ev, ptr, m,
				"%s looks like a misspelling of the attribute %s, which this event lacks: rename it to %s (as written it is an extension attribute)",
				quote(name), quote(s), quote(s))
			d.Fix = renameKey(c.src, m, s)
			c.add(d)
		}
	}
	c.extensionValue(ev, m)
}

// extensionValue checks that an extension value is of the CloudEvents type
// system: string, integer, boolean, or null (unset).
func (c *checker) extensionValue(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil {
		return
	}
	ptr := pointer(ev, m.Key)
	switch v.Kind {
	case jsontree.Object, jsontree.Array:
		c.add(at(vocab.CEExtensionValue, ev, ptr, v,
			"extension attribute %s is %s, but extension values are strings, integers, booleans or null: encode it as a string, or move it into data",
			quote(m.Key), describe(v)))
	case jsontree.Number:
		c.integer(ev, m)
	}
}

// integer checks that an extension number is a CloudEvents Integer.
func (c *checker) integer(ev *detect.Event, m *jsontree.Member) {
	v, ptr := m.Value, pointer(ev, m.Key)
	outOfRange := func() {
		c.add(at(vocab.CEExtensionRange, ev, ptr, v,
			"extension attribute %s is %s, outside the CloudEvents Integer range (%d to %d): write it as a string",
			quote(m.Key), v.Text, vocab.MinInteger, vocab.MaxInteger))
	}
	if plainInteger(v.Text) {
		if i, err := strconv.ParseInt(v.Text, 10, 64); err != nil || i < vocab.MinInteger || i > vocab.MaxInteger {
			outOfRange()
		}
		return
	}
	f, err := strconv.ParseFloat(v.Text, 64)
	switch {
	case err != nil || math.IsInf(f, 0) || math.IsNaN(f):
		outOfRange()
	case f != math.Trunc(f):
		c.add(at(vocab.CEExtensionNotInteger, ev, ptr, v,
			"extension attribute %s is %s, not an integer; the CloudEvents JSON format maps a number to the Integer type only (32-bit, no fraction), so consumers reject the event: round it, or write it as a string",
			quote(m.Key), v.Text))
	case f < vocab.MinInteger || f > vocab.MaxInteger:
		outOfRange()
	default:
		whole := strconv.FormatInt(int64(f), 10)
		d := at(vocab.CEExtensionNotInteger, ev, ptr, v,
			"extension attribute %s is written %s; CloudEvents numbers are integers and strict decoders reject a fraction or exponent: write %s",
			quote(m.Key), v.Text, whole)
		d.Fix = replaceValue(c.src, v, "Write "+whole, whole)
		d.Soften() // the value is an integer, only its spelling is not
		c.add(d)
	}
}

// plainInteger reports whether a JSON number is written without fraction
// or exponent.
func plainInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mediaType is a cached datacontenttype parse: the lower-cased
// "type/subtype", or why the value is not a media type.
type mediaType struct {
	name, problem string
}

// parseMediaType parses an RFC 2046 media type, cached per value.
func (c *checker) parseMediaType(s string) mediaType {
	if mt, ok := c.media[s]; ok {
		return mt
	}
	var mt mediaType
	name, _, err := mime.ParseMediaType(s)
	typ, sub, slash := strings.Cut(name, "/")
	switch {
	case err != nil:
		mt.problem = err.Error()
	case !slash || typ == "" || sub == "":
		mt.problem = `it has no "/subtype"`
	default:
		mt.name = name
	}
	if c.media == nil {
		c.media = map[string]mediaType{}
	}
	c.media[s] = mt
	return mt
}

// isJSONMedia reports whether a lower-cased media type declares JSON.
func isJSONMedia(name string) bool {
	return name == "application/json" || name == "text/json" || strings.HasSuffix(name, "+json")
}

// contentType checks datacontenttype, and that data agrees with it.
func (c *checker) contentType(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind != jsontree.String {
		return
	}
	mt := c.parseMediaType(v.Text)
	if mt.problem != "" {
		c.add(at(vocab.CEMediaType, ev, pointer(ev, m.Key), v,
			`datacontenttype %s is not an RFC 2046 media type (%s): write "type/subtype", e.g. "application/json", or remove it`,
			quote(v.Text), mt.problem))
		return
	}
	data := value(ev.Node, vocab.Data)
	if data == nil || data.Kind == jsontree.Null {
		return
	}
	ptr := pointer(ev, vocab.Data)
	switch json := isJSONMedia(mt.name); {
	case json && data.Kind == jsontree.String:
		c.add(at(vocab.CEJSONDataString, ev, ptr, data,
			"datacontenttype is %s but data is a JSON string: if the string holds serialized JSON, it is encoded twice; put the JSON value itself in data",
			quote(v.Text)))
	case !json && data.Kind != jsontree.String:
		c.add(at(vocab.CENonJSONData, ev, ptr, data,
			"datacontenttype %s is not JSON but data is %s: the CloudEvents JSON format writes non-JSON content as a string (or binary content in data_base64); set datacontenttype to \"application/json\" or encode data as a string",
			quote(v.Text), kindName(data)))
	}
}

// kindName names the JSON kind of n with an article.
func kindName(n *jsontree.Node) string {
	switch n.Kind {
	case jsontree.Object:
		return "an object"
	case jsontree.Array:
		return "an array"
	case jsontree.Number:
		return "a number"
	case jsontree.Bool:
		return "a boolean"
	case jsontree.String:
		return "a string"
	}
	return "null"
}

// dataSchema checks that dataschema is an absolute URI.
func (c *checker) dataSchema(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind != jsontree.String {
		return
	}
	ptr := pointer(ev, m.Key)
	if azureDataSchema(v.Text) {
		d := at(vocab.CEDataSchemaURI, ev, ptr, v,
			`dataschema %s is not an absolute URI: Azure Event Grid writes "#<dataVersion>" when it converts events to CloudEvents (Event Grid docs, "Event Grid schema to CloudEvents"), but CloudEvents 1.0 (§dataschema) requires an absolute URI, and strict validators (the official CloudEvents JSON schema's "uri" format, CloudEvents SDKs) reject the event; where you publish the event, set dataschema to the absolute URI of the data's schema or remove it, and where you receive it from Azure, parse this attribute leniently`,
			quote(v.Text))
		d.Soften() // Azure emits this shape
		c.add(d)
		return
	}
	if v.Text == "" {
		c.add(at(vocab.CEDataSchemaURI, ev, ptr, v,
			`dataschema is "": CloudEvents 1.0 (§dataschema) requires a non-empty absolute URI when the attribute is present: write the URI of the data's schema, or remove dataschema (or set it to null)`))
		return
	}
	if u, err := url.Parse(v.Text); err != nil || !u.IsAbs() {
		c.add(at(vocab.CEDataSchemaURI, ev, ptr, v,
			"dataschema %s is not an absolute URI (with a scheme, e.g. https://example.com/schemas/order.json); CloudEvents 1.0 (§dataschema) requires one and consumers reject the event: write the full URI or remove dataschema",
			quote(v.Text)))
	}
}

// azureDataSchema reports whether s is the "#<dataVersion>" that Azure
// Event Grid writes as dataschema ("#1", "#1.0", "#2018-01-01", and "#"
// for an event whose dataVersion is empty, as in the Event Grid docs'
// Blob Storage example): "#" followed by nothing, or by digits, dots and
// dashes starting with a digit.
func azureDataSchema(s string) bool {
	v, ok := strings.CutPrefix(s, "#")
	if !ok {
		return false
	}
	if v == "" {
		return true
	}
	if v[0] < '0' || v[0] > '9' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < '0' || c > '9') && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// urlSafe turns the URL-safe base64 alphabet into the standard one.
var urlSafe = strings.NewReplacer("-", "+", "_", "/")

// dataBase64 checks data_base64: not together with data, and standard
// base64 with padding.
func (c *checker) dataBase64(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind == jsontree.Null {
		return
	}
	ptr := pointer(ev, m.Key)
	if data := value(ev.Node, vocab.Data); data != nil && data.Kind != jsontree.Null {
		c.add(atKey(vocab.CEDataAndBase64, ev, ptr, m,
			"data and data_base64 are both set, but they are mutually exclusive: keep data for JSON or text content, or data_base64 for binary content, and remove the other"))
	}
	if v.Kind != jsontree.String {
		return
	}
	s := v.Text
	_, err := base64.StdEncoding.DecodeString(s)
	if err == nil {
		return
	}
	const rule = "CloudEvents requires standard base64 (RFC 4648 §4: A-Z a-z 0-9 + /, with = padding)"
	if _, rawErr := base64.RawStdEncoding.DecodeString(s); rawErr == nil && base64Length(s)%4 != 0 {
		pad := strings.Repeat("=", 4-base64Length(s)%4)
		d := at(vocab.CEBase64, ev, ptr, v, "data_base64 lacks its padding; %s: add %s at its end", rule, quote(pad))
		if validSpan(c.src, v.Pos.Offset, v.End) && v.End > v.Pos.Offset && c.src[v.End-1] == '"' {
			d.Fix = &diag.Fix{Title: "Add the padding " + quote(pad), Edits: []diag.Edit{{Offset: v.End - 1, End: v.End - 1, Text: pad}}}
		}
		c.add(d)
		return
	}
	if std := urlSafe.Replace(s); std != s {
		if len(std)%4 != 0 {
			std += strings.Repeat("=", 4-len(std)%4)
		}
		if _, stdErr := base64.StdEncoding.DecodeString(std); stdErr == nil {
			d := at(vocab.CEBase64, ev, ptr, v, "data_base64 uses the URL-safe base64 alphabet (- and _); %s: re-encode it", rule)
			d.Fix = replaceValue(c.src, v, "Convert to standard base64", quote(std))
			c.add(d)
			return
		}
	}
	if off, size, ok := badBase64Byte(s); ok {
		r, _ := utf8.DecodeRuneInString(s[off:])
		bad := quote(string(r))
		if r == utf8.RuneError {
			bad = "a byte that is not UTF-8"
		}
		d := at(vocab.CEBase64, ev, ptr, v,
			"data_base64 is not valid base64: %s at position %d is not a base64 character; %s: encode the bytes again", bad, off, rule)
		// Point at the character when the string has no escapes, so that
		// its bytes are the source's.
		if start := v.Pos.Offset + 1; c.doc != nil && validSpan(c.src, v.Pos.Offset, v.End) && v.End-v.Pos.Offset == len(s)+2 &&
			!bytes.ContainsRune(c.src[start:v.End-1], '\\') {
			p := c.doc.PosAt(start + off)
			d.Line, d.Column, d.Offset, d.End = p.Line, p.Column, p.Offset, p.Offset+size
		}
		c.add(d)
		return
	}
	if n := base64Length(s); n%4 != 0 {
		c.add(at(vocab.CEBase64, ev, ptr, v,
			"data_base64 is not valid base64: it ends too early (its length, %d, is not a multiple of 4, and padding cannot complete it); %s: encode the bytes again", n, rule))
		return
	}
	var corrupt base64.CorruptInputError
	pos := ""
	if errors.As(err, &corrupt) {
		pos = " near position " + strconv.FormatInt(int64(corrupt), 10)
	}
	c.add(at(vocab.CEBase64, ev, ptr, v,
		"data_base64 is not valid base64: its \"=\" padding is misplaced%s (padding goes only at the end); %s: encode the bytes again", pos, rule))
}

// badBase64Byte returns the offset and length of the first character of s
// that is not in the standard base64 alphabet, padding or a line break.
func badBase64Byte(s string) (off, size int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '+', c == '/', c == '=', c == '\r', c == '\n':
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			return i, size, true
		}
	}
	return 0, 0, false
}

// base64Length returns the length of s without line breaks, which base64
// decoders skip.
func base64Length(s string) int {
	return len(s) - strings.Count(s, "\r") - strings.Count(s, "\n")
}

// misspelling returns the context attribute that name likely misspells and
// that object n lacks, or "".
func (c *checker) misspelling(n *jsontree.Node, name string) string {
	cands, ok := c.misspelt[name]
	if !ok {
		cands = nearby(name, ceAttributes)
		if c.misspelt == nil {
			c.misspelt = map[string][]string{}
		}
		c.misspelt[name] = cands
	}
	for _, a := range cands {
		if !has(n, a) {
			return a
		}
	}
	return ""
}

// lowerAlnum reports whether s is made of a-z and 0-9 only (and not empty).
func lowerAlnum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; (b < 'a' || b > 'z') && (b < '0' || b > '9') {
			return false
		}
	}
	return true
}

// cleanName lower-cases the ASCII letters of s and drops everything that is
// not a-z or 0-9.
func cleanName(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

// stringChars checks that a String attribute holds only characters the
// CloudEvents type system allows (spec §Type System, String): no control
// characters (U+0000–U+001F, U+007F–U+009F), no noncharacters, no unpaired
// surrogates. The decoder turns an unpaired surrogate into U+FFFD and notes
// it (JSON104): that note, at the attribute's pointer, is the evidence.
func (c *checker) stringChars(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind != jsontree.String {
		return
	}
	const rule = "the CloudEvents type system (§Type System, String) forbids it, and transports such as HTTP headers cannot carry it"
	// Printable ASCII, what attributes nearly always hold, is allowed
	// byte by byte; the runes are decoded from the first other byte on.
	start := ascii.Printable(v.Text, 0)
	for i, r := range v.Text[start:] {
		if forbiddenRune(r) {
			i += start
			c.add(at(vocab.CEStringChars, ev, pointer(ev, m.Key), v,
				"attribute %s holds the character U+%04X at position %d; %s: remove it, or move the value into data",
				quote(m.Key), r, i, rule))
			return
		}
	}
	if c.surrogates == nil {
		c.surrogates = map[string]bool{}
		if c.doc != nil {
			for _, n := range c.doc.Notes {
				if n.Code == vocab.JSONLoneSurrogate {
					c.surrogates[n.Pointer] = true
				}
			}
		}
	}
	if len(c.surrogates) == 0 {
		return // the common case: no pointer to build
	}
	if ptr := pointer(ev, m.Key); c.surrogates[ptr] {
		c.add(at(vocab.CEStringChars, ev, ptr, v,
			`attribute %s holds an unpaired UTF-16 surrogate (a \uD800–\uDFFF escape without its other half); %s: write the whole character, or remove it`,
			quote(m.Key), rule))
	}
}

// forbiddenRune reports whether r is a control character or a Unicode
// noncharacter, which CloudEvents String values must not hold.
func forbiddenRune(r rune) bool {
	switch {
	case r <= 0x1F, r >= 0x7F && r <= 0x9F:
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	}
	return false
}
