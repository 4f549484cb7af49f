package vocab

import (
	"sort"
	"strings"
)

// Severity ranks a diagnostic.
type Severity uint8

// Severities, from least to most serious.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Code is a diagnostic code, e.g. "EG001". Codes are stable and never
// reused; each is declared once, in diagnostics.go, with its severity, summary
// and source.
type Code string

// codeDef is what the registry knows about a code.
type codeDef struct {
	severity Severity
	milder   Severity // the severity of the milder case, when mildWhen says when
	mildWhen string
	fix      string
	summary  string
}

// registry holds every declared code.
var registry = map[Code]*codeDef{}

// define registers code id with its severity, its fix ("fix" when every
// diagnostic carries one, "fix when …" when some do, "" when none) and its
// summary, and returns it.
func define(id string, sev Severity, fix, summary string) Code {
	c := Code(id)
	if _, dup := registry[c]; dup {
		panic("vocab: code " + id + " declared twice")
	}
	if FamilyOf(c) == nil {
		panic("vocab: code " + id + " has no family")
	}
	registry[c] = &codeDef{severity: sev, fix: fix, summary: summary}
	return c
}

// defineMild registers a code like define whose diagnostics have the milder
// severity when says (see Milder).
func defineMild(id string, sev, milder Severity, when, fix, summary string) Code {
	c := define(id, sev, fix, summary)
	registry[c].milder, registry[c].mildWhen = milder, when
	return c
}

// Registered reports whether c is a declared code.
func (c Code) Registered() bool { _, ok := registry[c]; return ok }

// Severity returns the severity of the code's diagnostics (Error for a code
// that is not declared).
func (c Code) Severity() Severity {
	if d, ok := registry[c]; ok {
		return d.severity
	}
	return Error
}

// Milder returns the severity of the code's milder case, and whether it
// has one (see MildWhen).
func (c Code) Milder() (Severity, bool) {
	if d, ok := registry[c]; ok && d.mildWhen != "" {
		return d.milder, true
	}
	return c.Severity(), false
}

// MildWhen says when the code's diagnostics have the milder severity ("" when never).
func (c Code) MildWhen() string {
	if d, ok := registry[c]; ok {
		return d.mildWhen
	}
	return ""
}

// Fix says whether the code's diagnostics carry a fix: "fix", "fix when
// …", or "" for none.
func (c Code) Fix() string {
	if d, ok := registry[c]; ok {
		return d.fix
	}
	return ""
}

// Summary says what the code means.
func (c Code) Summary() string {
	if d, ok := registry[c]; ok {
		return d.summary
	}
	return ""
}

// Family returns the code's family (its prefix), or nil when none matches.
func (c Code) Family() *Family { return FamilyOf(c) }

// Family is a group of codes sharing a prefix and the package that reports
// them.
type Family struct {
	Prefix string // e.g. "EG"
	Source string // package that reports the codes, e.g. "app/lint"
	Area   string // what the source does, e.g. "Semantic checks"
	About  string // what the family's codes are about
}

// Families lists the code families, in the order of the pipeline.
var Families = []Family{
	{"JSON", "app/jsontree", "Decoding", "decoding (`app/jsontree` errors and notes, mapped by `app/inspect`)"},
	{"FORM", "app/detect", "Form detection", "form detection"},
	{"SCH", "app/schema", "JSON Schema", "JSON Schema validation"},
	{"EG", "app/lint", "Semantic checks", "the Event Grid envelope"},
	{"CE", "app/lint", "Semantic checks", "the CloudEvents envelope"},
	{"SR", "app/lint", "Semantic checks", "SignalR Service data"},
	{"BATCH", "app/lint", "Semantic checks", "batches"},
	{"DIFF", "app/inspect", "Comparison", "comparisons in semantic mode"},
	{"FLT", "app/filter", "Subscription filters", "event subscription filters"},
}

// FamilyOf returns the family of a code: the one whose prefix is followed
// by the code's digits.
func FamilyOf(c Code) *Family {
	for i := range Families {
		f := &Families[i]
		rest, ok := strings.CutPrefix(string(c), f.Prefix)
		if ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return f
		}
	}
	return nil
}

// Codes returns every declared code, by family (in the order of Families),
// then by code.
func Codes() []Code {
	out := make([]Code, 0, len(registry))
	for c := range registry {
		out = append(out, c)
	}
	rank := func(c Code) int {
		f := FamilyOf(c)
		for i := range Families {
			if &Families[i] == f {
				return i
			}
		}
		return len(Families)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
