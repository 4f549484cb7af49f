package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"eventlens/internal/fixture"
)

// payloads is the corpus directory, from this package's directory.
const payloads = "../../testdata/payloads/"

// seed returns the file of a seed payload.
func seed(t *testing.T, id string) string {
	t.Helper()
	return fixture.SeedPath(t, id)
}

// call runs a subcommand with stdin and returns its exit code and output.
func call(cmd func(Env, []string) int, stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cmd(Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestCheckJSONShape(t *testing.T) {
	code, out, stderr := call(Check, "", "--json", payloads+"eg-bare-date-eventtime.json")
	if code != ExitProblem {
		t.Fatalf("exit %d, want %d; stderr: %s", code, ExitProblem, stderr)
	}
	// Exactly the documented keys, in this order.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		return k
	}
	if got := len(raw); got != 5 {
		t.Errorf("report keys = %v", keys(raw))
	}
	var rep decodedReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Form != "eventgrid" || !rep.Batch || rep.Events != 1 || rep.Valid {
		t.Errorf("report = %+v", rep)
	}
	found := false
	for _, d := range rep.Diagnostics {
		if d.Code == "SCH003" {
			found = true
			if d.Severity != "error" || d.Pointer != "/0/eventTime" || d.Event != 0 || d.Line != 6 || d.Column != 18 {
				t.Errorf("SCH003 = %+v", d)
			}
		}
	}
	if !found {
		t.Errorf("no SCH003 in %s", out)
	}
	var diags []map[string]json.RawMessage
	if err := json.Unmarshal(raw["diagnostics"], &diags); err != nil || len(diags) == 0 {
		t.Fatal(err)
	}
	want := []string{"code", "column", "event", "line", "message", "pointer", "severity"}
	got := keys(diags[0])
	if len(got) != len(want) {
		t.Errorf("diagnostic keys = %v, want %v", got, want)
	}
	if !strings.HasPrefix(out, `{"form":`) && !strings.HasPrefix(out, "{\n  \"form\":") {
		t.Errorf("form is not the first key:\n%s", out)
	}
}

// decodedReport is FileReport as a consumer of --json decodes it.
type decodedReport struct {
	Form        string
	Batch       bool
	Events      int
	Valid       bool
	Diagnostics []struct {
		Severity, Code, Message, Pointer string
		Event, Line, Column              int
	}
}

func TestCheckSeveralFilesIsAnArray(t *testing.T) {
	code, out, _ := call(Check, "", seed(t, fixture.EventGridConnected), "--json", seed(t, fixture.CloudEventsConnected))
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var reps []decodedReport
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].Form != "eventgrid" || reps[1].Form != "cloudevents" || !reps[0].Valid || !reps[1].Valid {
		t.Errorf("reports = %+v", reps)
	}
}

func TestCheckTextIsCompilerStyle(t *testing.T) {
	code, out, _ := call(Check, "", payloads+"json-syntax-missing-comma.json")
	if code != ExitProblem {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], payloads+"json-syntax-missing-comma.json:3:3: error JSON001: ") {
		t.Errorf("first line = %q", lines[0])
	}
	// The excerpt shows the line and a caret under column 3.
	if lines[1] != `      "subject": "/hub/chat"` || lines[2] != "      ^" {
		t.Errorf("excerpt:\n%s", out)
	}
	if !strings.Contains(out, "Not JSON: invalid, 1 error") {
		t.Errorf("no summary:\n%s", out)
	}
}

func TestCheckFixAndStdin(t *testing.T) {
	code, out, _ := call(Check, fixture.Seed(t, fixture.MisspeltTypeEventGrid), "-")
	if code != ExitProblem {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "<stdin>:4:16:") || !strings.Contains(out, "EG001") ||
		!strings.Contains(out, "Microsoft.SignalRService.ClientConnectionDisconnected") || !strings.Contains(out, "fix: ") {
		t.Errorf("output:\n%s", out)
	}
}

func TestExitCodesAndUsage(t *testing.T) {
	tests := []struct {
		name string
		cmd  func(Env, []string) int
		args []string
		code int
		errs string
	}{
		{"check valid", Check, []string{seed(t, fixture.EventGridConnected)}, ExitOK, ""},
		{"check help", Check, []string{"-h"}, ExitOK, "usage: eventlens check"},
		{"check no files", Check, nil, ExitUsage, "name at least one file"},
		{"check missing file", Check, []string{"nope.json"}, ExitUsage, "cannot read nope.json"},
		{"check directory", Check, []string{payloads}, ExitUsage, "is a directory"},
		{"check bad flag", Check, []string{"--yaml", "x"}, ExitUsage, "flag provided but not defined"},
		{"convert help", Convert, []string{"--help"}, ExitOK, "usage: eventlens convert"},
		{"convert no target", Convert, []string{seed(t, fixture.EventGridConnected)}, ExitUsage, "--to must be"},
		{"convert two files", Convert, []string{"--to", "eventgrid", "a", "b"}, ExitUsage, "exactly one file"},
		{"convert not events", Convert, []string{"--to", "eventgrid", payloads + "json-not-object.json"}, ExitProblem, "cannot convert"},
		{"convert syntax error", Convert, []string{"--to", "cloudevents", payloads + "json-trailing-comma.json"}, ExitProblem, "JSON001"},
		{"diff help", Diff, []string{"-h"}, ExitOK, "usage: eventlens diff"},
		{"diff one file", Diff, []string{"a"}, ExitUsage, "name two files"},
		{"diff both stdin", Diff, []string{"-", "-"}, ExitUsage, "can be named only once"},
		{"diff broken side", Diff, []string{payloads + "json-empty.json", seed(t, fixture.EventGridConnected)}, ExitProblem, "JSON002"},
		{"diff same", Diff, []string{seed(t, fixture.EventGridConnected), seed(t, fixture.EventGridConnected)}, ExitOK, ""},
		{"diff different", Diff, []string{seed(t, fixture.EventGridConnected), seed(t, fixture.EventGridDisconnected)}, ExitProblem, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := call(tt.cmd, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.errs) {
				t.Errorf("stderr does not say %q:\n%s", tt.errs, stderr)
			}
		})
	}
}

// TestExitCodeMatrix: every subcommand on a valid payload, a content
// problem, a file that cannot be read and a bad command line. Content
// problems exit 1 in every subcommand, usage and I/O errors 2.
func TestExitCodeMatrix(t *testing.T) {
	valid, other := seed(t, fixture.EventGridConnected), seed(t, fixture.EventGridDisconnected)
	broken := payloads + "json-syntax-missing-comma.json" // does not parse
	tests := []struct {
		cmd  string
		run  func(Env, []string) int
		args []string
		code int
	}{
		{"check", Check, []string{valid}, ExitOK},
		{"check", Check, []string{broken}, ExitProblem},
		{"check", Check, []string{valid, broken}, ExitProblem},
		{"check", Check, []string{"--json", broken}, ExitProblem},
		{"check", Check, []string{"missing.json"}, ExitUsage},
		{"check", Check, []string{broken, "missing.json"}, ExitUsage},
		{"check", Check, []string{"--yaml", valid}, ExitUsage},
		{"convert", Convert, []string{"--to", "cloudevents", valid}, ExitOK},
		{"convert", Convert, []string{"--to", "cloudevents", broken}, ExitProblem},
		{"convert", Convert, []string{"--to", "cloudevents", "missing.json"}, ExitUsage},
		{"convert", Convert, []string{"--to", "yaml", valid}, ExitUsage},
		{"diff", Diff, []string{valid, valid}, ExitOK},
		{"diff", Diff, []string{valid, other}, ExitProblem},
		{"diff", Diff, []string{broken, valid}, ExitProblem},
		{"diff", Diff, []string{valid, broken}, ExitProblem},
		{"diff", Diff, []string{"--semantic", payloads + "json-not-object.json", valid}, ExitProblem},
		{"diff", Diff, []string{valid, "missing.json"}, ExitUsage},
		{"diff", Diff, []string{"--context", valid, other}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := call(tt.run, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			if tt.code == ExitUsage && !strings.Contains(stderr, "missing.json") && !strings.Contains(stderr, "usage: eventlens "+tt.cmd) {
				t.Errorf("stderr says neither which file nor how to use it:\n%s", stderr)
			}
		})
	}
}

// TestDiffAgreesWithCheck: a payload that diff cannot compare is one that
// check finds invalid, and both exit 1.
func TestDiffAgreesWithCheck(t *testing.T) {
	files, err := filepath.Glob(payloads + "*.json")
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".expect.json") {
			continue
		}
		dcode, _, dout := call(Diff, "", file, seed(t, fixture.EventGridConnected))
		if !strings.Contains(dout, "cannot compare") {
			continue
		}
		compared++
		if ccode, _, _ := call(Check, "", file); ccode != ExitProblem || dcode != ExitProblem {
			t.Errorf("%s: check exits %d, diff exits %d; both should exit %d", file, ccode, dcode, ExitProblem)
		}
	}
	if compared < 5 {
		t.Errorf("only %d payloads that diff cannot compare; the corpus has more", compared)
	}
}

// TestErrorsCarryTheirExitCode: each kind of error maps to its exit code,
// also when reported already, and the worse of two wins.
func TestErrorsCarryTheirExitCode(t *testing.T) {
	io := &ioError{os.ErrNotExist}
	for _, tt := range []struct {
		err  error
		code int
	}{
		{nil, ExitOK},
		{&usageError{}, ExitUsage},
		{io, ExitUsage},
		{&problemError{msg: "differ"}, ExitProblem},
		{&reported{io}, ExitUsage},
		{&reported{&problemError{}}, ExitProblem},
		{worse(&problemError{}, io), ExitUsage},
		{worse(io, &problemError{}), ExitUsage},
		{worse(nil, &problemError{}), ExitProblem},
	} {
		if got := exitCode(tt.err); got != tt.code {
			t.Errorf("exitCode(%#v) = %d, want %d", tt.err, got, tt.code)
		}
	}
	var errb bytes.Buffer
	usage := func() { errb.WriteString("usage: eventlens x\n") }
	env := Env{Stderr: &errb}
	report(env, "x", &reported{io})
	report(env, "x", &reported{&problemError{"shown", "already\n"}})
	report(env, "x", &problemError{"cannot convert", "a.json: error E1: m\n"})
	report(env, "x", &usageError{"name a file", usage})
	if want := "eventlens x: cannot convert\na.json: error E1: m\neventlens x: name a file\nusage: eventlens x\n"; errb.String() != want {
		t.Errorf("report wrote\n%s\nwant\n%s", errb.String(), want)
	}
}

func TestConvertRoundTrip(t *testing.T) {
	code, ce, stderr := call(Convert, "", "--to", "cloudevents", seed(t, fixture.EventGridDisconnected))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"renamed eventType → type", "dropped dataVersion", "added specversion"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("changes do not say %q:\n%s", want, stderr)
		}
	}
	code, eg, stderr := call(Convert, ce, "--to", "eventgrid", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	orig := []byte(fixture.Seed(t, fixture.EventGridDisconnected))
	var a, b any
	if err := json.Unmarshal(orig, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(eg), &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip:\n%s\nbecame\n%s", orig, eg)
	}
}

// TestDiffGoldens compares each pair under testdata/diff with its golden
// outputs: the change list, the semantic change list and the JSON Patch.
func TestDiffGoldens(t *testing.T) {
	for _, c := range fixture.DiffCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			for _, mode := range []struct {
				file string
				args []string
			}{
				{"changes.txt", []string{c.A, c.B}},
				{"semantic.txt", []string{"--semantic", c.A, c.B}},
				{"patch.json", []string{"--patch", c.A, c.B}},
			} {
				code, out, stderr := call(Diff, "", mode.args...)
				got := out + stderr + "exit " + string(rune('0'+code)) + "\n"
				fixture.Golden(t, filepath.Join(c.Dir, mode.file), []byte(got))
			}
		})
	}
}

// TestCheckJSONGolden pins the --json output byte for byte: it is what CI
// pipelines parse.
func TestCheckJSONGolden(t *testing.T) {
	_, out, stderr := call(Check, "", "--json", payloads+"eg-bare-date-eventtime.json", payloads+"json-syntax-missing-comma.json",
		payloads+"form-handshake.json", seed(t, fixture.MisspeltTypeEventGrid), seed(t, fixture.CloudEventsConnected))
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	fixture.Golden(t, filepath.Join("testdata", "check.json"), []byte(out))
}

func TestLongPointersAreShortened(t *testing.T) {
	_, out, _ := call(Check, strings.Repeat("[", 600)+strings.Repeat("]", 600), "-")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "    at ") && len(line) > 120 {
			t.Errorf("pointer line is %d bytes long", len(line))
		}
	}
	if !strings.Contains(out, "JSON005") || !strings.Contains(out, "    at /0/0/") || !strings.Contains(out, "…") {
		t.Errorf("output:\n%s", out)
	}
	for n := 1; n < 12; n++ {
		if got := shorten("/a/éé/b/ü", n); !utf8.ValidString(got) {
			t.Errorf("shorten(%d) splits a rune: %q", n, got)
		}
	}
	if got := shorten("/abcdefgh", 5); got != "/a…gh" {
		t.Errorf("shorten = %q, want /a…gh", got)
	}
}

// TestCheckHTTPRequests: check reads whole HTTP requests; --json keeps its
// shape, form is the form of the events the request delivers, and findings
// on headers are on the header's line.
func TestCheckHTTPRequests(t *testing.T) {
	code, out, stderr := call(Check, "", "--json", payloads+"http-binary-missing-headers.http")
	if code != ExitProblem {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw) != 5 {
		t.Fatalf("report keys %v (%v)", raw, err)
	}
	var rep decodedReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Form != "cloudevents" || rep.Batch || rep.Events != 1 || rep.Valid {
		t.Errorf("report %+v", rep)
	}
	lines := map[string]int{}
	for _, d := range rep.Diagnostics {
		lines[d.Code] = d.Line
	}
	if lines["SCH003"] != 6 || lines["HTTP010"] != 8 || lines["HTTP009"] != 1 {
		t.Errorf("lines %v: want ce-time's (6), ce-datacontenttype's (8), the request line (1)", lines)
	}

	// An Event Grid delivery read from standard input, CRLF and all.
	src, err := os.ReadFile(payloads + "http-eventgrid-delivery.http")
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ := call(Check, string(src), "-"); code != ExitOK || !strings.Contains(out, "Event Grid delivery: Event Grid batch of 1 event: valid") {
		t.Errorf("exit %d: %s", code, out)
	}

	// The webhook handshake: valid, and the answer is printed.
	code, out, _ = call(Check, "", payloads+"http-webhook-handshake.http")
	if code != ExitOK || !strings.Contains(out, "answer the handshake with:\n    HTTP/1.1 200 OK\n") || !strings.Contains(out, "    WebHook-Allowed-Origin: eventgrid.azure.net\n") {
		t.Errorf("exit %d: %s", code, out)
	}
	code, out, _ = call(Check, "", "--json", payloads+"http-webhook-handshake.http")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitOK || rep.Form != "unknown" || !rep.Valid || rep.Events != 0 {
		t.Errorf("handshake --json: exit %d, %+v (%v)", code, rep, err)
	}
}
