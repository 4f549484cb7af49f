package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileKey clears the screen and retitles the terminal when printed raw.
const hostileKey = "\x1b[2J\x1b]0;pwned\x07"

// writeFile writes a payload into the test's directory and returns its path.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// withKey returns the Event Grid seed with one more top-level property.
func withKey(t *testing.T, key string) string {
	t.Helper()
	src, err := os.ReadFile(seed(t, "eventgrid-connected"))
	if err != nil {
		t.Fatal(err)
	}
	k := strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`, "\u202e", `\u202e`).Replace(key)
	return strings.Replace(string(src), `"dataVersion"`, `"`+k+`": 1, "dataVersion"`, 1)
}

func TestControlCharactersFromPayloadsAreShown(t *testing.T) {
	for _, key := range []string{hostileKey, "a\u202eb", "a\u009b31mb"} {
		plain := seed(t, "eventgrid-connected")
		hostile := writeFile(t, "hostile.json", withKey(t, key))
		runs := []struct {
			name string
			cmd  func(Env, []string) int
			args []string
			want string // the place the key shows up
		}{
			{"check", Check, []string{hostile}, "at /0/"},
			{"convert", Convert, []string{"--to", "cloudevents", hostile}, "lost "},
			{"diff", Diff, []string{plain, hostile}, "add     /0/"},
		}
		for _, r := range runs {
			_, out, stderr := call(r.cmd, "", r.args...)
			if r.name == "convert" {
				out = "" // the converted payload is JSON, escaped by its encoder
			}
			all := out + stderr
			if !strings.Contains(all, r.want) {
				t.Errorf("%s %q: no %q in\n%s", r.name, key, r.want, all)
			}
			for _, c := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
				if strings.Contains(all, c) {
					t.Errorf("%s %q: output holds the control character %q:\n%s", r.name, key, c, all)
				}
			}
		}
	}
}

func TestShowKeepsTextAndShowsControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain\ttext\n":         "plain\ttext\n",
		"é€𝄞":                   "é€𝄞",
		hostileKey:              "␛[2J␛]0;pwned␇",
		"\r\x7f":                "␍␡",
		"\xff":                  "\uFFFD",
		"a\u202eb\u2066c\u2028": `a\u202eb\u2066c\u2028`,
		"\u009b":                `\u009b`,
	} {
		var b bytes.Buffer
		n, err := visible{&b}.Write([]byte(in))
		if err != nil || n != len(in) || b.String() != want {
			t.Errorf("visible(%q) = %q, %d, %v; want %q", in, b.String(), n, err, want)
		}
	}
}

// failing is a writer that refuses every write, as /dev/full or a closed
// standard output does.
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errDiskFull }

// errDiskFull is what failing's writes return.
var errDiskFull = errors.New("no space left on device")

func TestWriteErrorsExitTwoWithAMessage(t *testing.T) {
	valid := seed(t, "eventgrid-connected")
	other := seed(t, "eventgrid-disconnected")
	for _, tc := range []struct {
		name string
		cmd  func(Env, []string) int
		args []string
	}{
		{"check", Check, []string{valid}},
		{"check --json", Check, []string{"--json", valid}},
		{"check invalid", Check, []string{payloads + "eg-bare-date-eventtime.json"}},
		{"convert", Convert, []string{"--to", "cloudevents", valid}},
		{"diff", Diff, []string{valid, other}},
		{"diff --patch", Diff, []string{"--patch", valid, other}},
		{"diff same", Diff, []string{valid, valid}}, // writes nothing: no error
	} {
		var stderr bytes.Buffer
		code := tc.cmd(Env{Stdin: strings.NewReader(""), Stdout: failing{}, Stderr: &stderr}, tc.args)
		if tc.name == "diff same" {
			if code != ExitOK {
				t.Errorf("%s: exit %d, want 0 (nothing to write)", tc.name, code)
			}
			continue
		}
		if code != ExitUsage {
			t.Errorf("%s: exit %d, want %d", tc.name, code, ExitUsage)
		}
		if got := stderr.String(); strings.Count(got, "cannot write standard output: no space left on device") != 1 {
			t.Errorf("%s: stderr = %q, want one message about standard output", tc.name, got)
		}
	}
	// An unwritable standard error still makes the exit status 2.
	code := Check(Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: failing{}}, []string{"--bogus"})
	if code != ExitUsage {
		t.Errorf("check with failing stderr: exit %d", code)
	}
	code = Check(Env{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: failing{}}, []string{payloads + "eg-bare-date-eventtime.json"})
	if code != ExitProblem {
		t.Errorf("check of an invalid file, text to stdout: exit %d, want 1", code)
	}
}

func TestStandardInputNamedOnce(t *testing.T) {
	for _, args := range [][]string{{"-", "-"}, {"--json", "-", "x.json", "-"}} {
		code, _, stderr := call(Check, "[]", args...)
		if code != ExitUsage || !strings.Contains(stderr, "standard input (-) can be named only once") {
			t.Errorf("check %v: exit %d, stderr %q", args, code, stderr)
		}
	}
	code, _, stderr := call(Diff, "[]", "-", "-")
	if code != ExitUsage || !strings.Contains(stderr, "only once") {
		t.Errorf("diff - -: exit %d, stderr %q", code, stderr)
	}
	if !errors.Is(stdinOnce([]string{"-", "a", "b"}), nil) {
		t.Error("one - is refused")
	}
}
