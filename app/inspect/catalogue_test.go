package inspect

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// severityText is the severity column of a code: its severity, the milder
// one and when it applies, and whether its diagnostics carry a fix.
func severityText(c vocab.Code) string {
	s := c.Severity().String()
	sep := ", "
	if milder, ok := c.Milder(); ok {
		s += ", or " + milder.String() + " " + c.MildWhen()
		sep = "; "
	}
	if fix := c.Fix(); fix != "" {
		s += sep + fix
	}
	return s
}

// catalogue renders docs/DIAGNOSTICS.md from the registry in app/vocab.
func catalogue() []byte {
	var b bytes.Buffer
	b.WriteString("# eventlens diagnostics\n\n")
	b.WriteString("Every finding has a stable code, a severity (error, warning, info), a message that says what to do,\n")
	b.WriteString("and its place: event index, JSON pointer, line and column. A payload is valid when it decodes, is\n")
	b.WriteString("recognised as events (or is an empty array), and has no error. This file is generated from the\n")
	b.WriteString("registry of codes in `app/vocab/diagnostics.go` by `go test ./app/inspect -run Catalogue -update`;\n")
	b.WriteString("a test keeps it current. \"fix\" means the diagnostic carries a suggested fix that the UI applies\n")
	b.WriteString("with one click.\n")
	source := ""
	for _, c := range vocab.Codes() {
		if f := c.Family(); f.Source != source {
			source = f.Source
			fmt.Fprintf(&b, "\n## %s (`%s`)\n\n| code | severity | meaning |\n|---|---|---|\n", f.Area, f.Source)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c, severityText(c), strings.ReplaceAll(c.Summary(), "|", "\\|"))
	}
	return b.Bytes()
}

// TestDiagnosticsCatalogue keeps docs/DIAGNOSTICS.md equal to the registry
// (-update rewrites it), and checks that every code the corpus produces is
// registered.
func TestDiagnosticsCatalogue(t *testing.T) {
	fixture.Golden(t, fixture.Path(t, "docs/DIAGNOSTICS.md"), catalogue())

	seen := map[string]bool{}
	for _, p := range corpus(t) {
		for _, d := range Inspect(p.Src).Diagnostics {
			seen[d.Code] = true
			if c := vocab.Code(d.Code); !c.Registered() {
				t.Errorf("%s: code %s is not registered in app/vocab", p.Name, d.Code)
			} else if sev, _ := c.Milder(); d.Severity != c.Severity() && d.Severity != sev {
				t.Errorf("%s: %s is %s, but the registry says %s", p.Name, d.Code, d.Severity, severityText(c))
			}
		}
	}
	for _, want := range []string{"JSON001", "FORM001", "SCH001", "EG001", "CE001", "SR001", "BATCH001"} {
		if !seen[want] {
			t.Errorf("the corpus produces no %s: the check above would not notice an unregistered code of its family", want)
		}
	}
}
