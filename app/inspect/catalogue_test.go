package inspect

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"eventlens/internal/fixture"
)

// codeSources are the files that declare diagnostic codes, each constant
// with a doc comment.
var codeSources = []struct{ file, title string }{
	{"../jsontree/codes.go", "Decoding (`app/jsontree`)"},
	{"../detect/detect.go", "Form detection (`app/detect`)"},
	{"../schema/schema.go", "JSON Schema (`app/schema`)"},
	{"../lint/codes.go", "Semantic checks (`app/lint`)"},
	{"diff.go", "Comparison (`app/inspect`)"},
}

var codePattern = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)

type codeDoc struct{ code, name, severity, doc string }

// docHead matches the start of a code's comment: "Name (CODE, severity, fix): ".
var docHead = regexp.MustCompile(`^\w+ \(([^)]*)\): `)

// declaredCodes reads every diagnostic code constant and its comment.
func declaredCodes(t *testing.T, file string) []codeDoc {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var out []codeDoc
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if len(vs.Values) != 1 {
				continue
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			code, _ := strconv.Unquote(lit.Value)
			if !codePattern.MatchString(code) {
				continue
			}
			doc := strings.Join(strings.Fields(vs.Doc.Text()), " ")
			if doc == "" {
				t.Errorf("%s: code %s (%s) has no doc comment", file, code, vs.Names[0].Name)
			}
			sev := "error"
			if m := docHead.FindStringSubmatch(doc); m != nil {
				doc = doc[len(m[0]):]
				var parts []string
				for _, p := range strings.Split(m[1], ", ") {
					if !codePattern.MatchString(p) {
						parts = append(parts, p)
					}
				}
				if len(parts) > 0 {
					sev = strings.Join(parts, ", ")
				}
			}
			out = append(out, codeDoc{code, vs.Names[0].Name, sev, doc})
		}
	}
	return out
}

// TestDiagnosticsCatalogue keeps docs/DIAGNOSTICS.md equal to the codes
// declared in the code (-update rewrites it), and checks that every code
// the corpus produces is declared.
func TestDiagnosticsCatalogue(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# eventlens diagnostics\n\n")
	b.WriteString("Every finding has a stable code, a severity (error, warning, info), a message that says what to do,\n")
	b.WriteString("and its place: event index, JSON pointer, line and column. A payload is valid when it decodes, is\n")
	b.WriteString("recognised as events (or is an empty array), and has no error. This file is generated from the\n")
	b.WriteString("code's comments by `go test ./app/inspect -run Catalogue -update`; a test keeps it current.\n")
	b.WriteString("\"fix\" means the diagnostic carries a suggested fix that the UI applies with one click.\n")
	declared := map[string]bool{}
	for _, src := range codeSources {
		codes := declaredCodes(t, src.file)
		if len(codes) == 0 {
			t.Errorf("%s declares no codes", src.file)
		}
		fmt.Fprintf(&b, "\n## %s\n\n| code | severity | meaning | constant |\n|---|---|---|---|\n", src.title)
		for _, c := range codes {
			if declared[c.code] {
				t.Errorf("code %s declared twice", c.code)
			}
			declared[c.code] = true
			fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` |\n", c.code, c.severity, strings.ReplaceAll(c.doc, "|", "\\|"), c.name)
		}
	}
	fixture.Golden(t, fixture.Path(t, "docs/DIAGNOSTICS.md"), b.Bytes())

	for _, p := range corpus(t) {
		for _, d := range Inspect(p.Src).Diagnostics {
			if !declared[d.Code] {
				t.Errorf("%s: code %s is not declared in any code source", p.Name, d.Code)
			}
		}
	}
	if !slices.Contains(keys(declared), "JSON001") {
		t.Error("catalogue misses JSON001")
	}
}

func keys(m map[string]bool) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	return k
}
