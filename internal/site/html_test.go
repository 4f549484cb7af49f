//go:build !wasm

package site

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
)

func TestCanonicalHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<a href="/x" class="b">t</a>`, `<a class="b" href="/x">t</a>`},
		{`<script src="/a.js" defer></script>`, `<script defer src="/a.js"></script>`},
		{`<script>if (a<b && c>d) {}</script><p z="1" a>`, `<script>if (a<b && c>d) {}</script><p a z="1">`},
		{`<svg><path d="M0" fill="x"/></svg>`, `<svg><path d="M0" fill="x" /></svg>`},
		{`<!doctype html><!-- c --> 1 < 2`, `<!doctype html><!-- c --> 1 < 2`},
		{`<p b='1' a="2">`, `<p b='1' a="2">`},
		{`<p b="1`, `<p b="1`},
		{`<`, `<`},
	}
	for _, tt := range tests {
		if got := string(canonicalHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("canonicalHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCanonicalHTML: any markup is rewritten without a panic, the rewrite
// is stable, and text outside tags is kept.
func FuzzCanonicalHTML(f *testing.F) {
	f.Add([]byte(`<a href="/x" class="b">t</a><script>1<2</script>`))
	f.Add([]byte(`<svg><path d="M0"/></svg>`))
	f.Add([]byte(`<p b='1' a="2"><`))
	f.Add([]byte(`<p title="a \"b\" \\ c" id="x">`))
	f.Fuzz(func(t *testing.T, page []byte) {
		out := canonicalHTML(page)
		if !bytes.HasPrefix(page, []byte("<")) && len(page) > 0 {
			if lt := bytes.IndexByte(page, '<'); lt < 0 && !bytes.Equal(out, page) || lt > 0 && !bytes.HasPrefix(out, page[:lt]) {
				t.Fatalf("text before the first tag changed: %q -> %q", page, out)
			}
		}
		if again := canonicalHTML(out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q -> %q -> %q", page, out, again)
		}
	})
}

// A <meta> policy covers only what follows it: on every page it is the
// first element of <head>, before every script, stylesheet and link, and
// the charset declaration stays inside the first 1024 bytes.
func TestMetaPolicyFirstInHead(t *testing.T) {
	s := testSite(t, "/")
	for _, p := range ui.Paths {
		page := string(s.files[p].body)
		head := strings.Index(page, "<head>")
		first := strings.Index(page[head+len("<head>"):], "<")
		if head < 0 || first < 0 || !strings.HasPrefix(page[head+len("<head>")+first:], `<meta content="`+s.csp[:20]) ||
			!strings.Contains(page[head:strings.Index(page, "</head>")], `http-equiv="Content-Security-Policy">`) {
			t.Errorf("%s: the policy is not the first element of <head>:\n%.600s", p, page)
		}
		if n := strings.Count(page, `http-equiv="Content-Security-Policy"`); n != 1 {
			t.Errorf("%s: %d policies", p, n)
		}
		if c := strings.Index(page, `<meta charset=`); c < 0 || c > 1000 {
			t.Errorf("%s: charset at %d", p, c)
		}
	}
	if _, err := withMetaPolicy([]byte("<html><body></body></html>"), "x"); err == nil {
		t.Error("a page without <head> is accepted")
	}
}

// go-app writes attribute values as Go string literals (strconv.Quote): a
// double quote inside a value comes out as \". Such a tag is still sorted,
// so two renders of the same component give the same bytes, and its value
// is rewritten as HTML reads it.
func TestCanonicalHTMLGoAppQuotes(t *testing.T) {
	title := `say "hi" to C:\temp` + "\n" + `& <b>`
	el := app.Textarea().ID("t").Class("a", "b").Title(title).Placeholder(`a "quoted" word`).
		Spellcheck(false).Rows(8).Attr("autocomplete", "off").DataSet("x", `"`)
	var first string
	for i := 0; i < 20; i++ {
		got := string(canonicalHTML([]byte(app.HTMLString(el))))
		if i == 0 {
			first = got
			continue
		}
		if got != first {
			t.Fatalf("two renders of the same element differ:\n%s\n%s", first, got)
		}
	}
	want := `<textarea autocomplete="off" class="a b" data-x="&quot;" id="t" placeholder="a &quot;quoted&quot; word" rows="8" spellcheck="false" title="say &quot;hi&quot; to C:&#92;temp` + "\n" + `&amp; &lt;b>"></textarea>`
	if first != want {
		t.Errorf("canonical form:\n got %s\nwant %s", first, want)
	}

	for _, tt := range []struct{ in, want string }{
		// A value that is not a Go literal is left as it is.
		{`<p b="\x" a="1">`, `<p b="\x" a="1">`},
		{`<p b="\"`, `<p b="\"`},
		// Escapes go-app writes for a newline, a tab, a backslash.
		{`<p b="1\n2\t\\" a>`, "<p a b=\"1\n2\t&#92;\">"},
	} {
		if got := string(canonicalHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("canonicalHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCanonicalHTMLDropsFalseBooleans: go-app writes Hidden(false) as
// hidden="false", which a browser reads as hidden; the served page leaves
// such attributes out, and keeps true ones and other "false" values.
func TestCanonicalHTMLDropsFalseBooleans(t *testing.T) {
	el := app.Div().Body(
		app.Textarea().ID("t").Hidden(false).Spellcheck(false),
		app.Button().ID("b").Hidden(true).Disabled(false),
	)
	got := string(canonicalHTML([]byte(app.HTMLString(el))))
	if strings.Contains(got, `hidden="false"`) || strings.Contains(got, `disabled="false"`) {
		t.Errorf("false boolean attributes kept: %s", got)
	}
	if !strings.Contains(got, `spellcheck="false"`) {
		t.Errorf("spellcheck=\"false\" (not a boolean attribute) dropped: %s", got)
	}
	if !regexp.MustCompile(`<button [^>]*hidden`).MatchString(got) {
		t.Errorf("Hidden(true) lost: %s", got)
	}
}
