package highlight

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	src := "{\n  \"id\": \"a\\\"b\",\n  \"n\": -1.5e3,\n  \"ok\": [true, null],\n  \"x\" : false\n}\n"
	toks, ok := Tokens(src, Default)
	if !ok {
		t.Fatal("small text not coloured")
	}
	var got []string
	var all strings.Builder
	for _, tk := range toks {
		all.WriteString(tk.Text)
		if tk.Kind != Plain {
			got = append(got, tk.Kind.String()+":"+tk.Text)
		}
	}
	want := []string{`key:"id"`, `string:"a\"b"`, `key:"n"`, `number:-1.5e3`, `key:"ok"`, `literal:true`, `literal:null`, `key:"x"`, `literal:false`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("tokens:\n%v\nwant:\n%v", got, want)
	}
	if all.String() != src {
		t.Errorf("tokens do not add up to the text:\n%q", all.String())
	}
	for i := 1; i < len(toks); i++ {
		if toks[i].Kind == Plain && toks[i-1].Kind == Plain {
			t.Errorf("adjacent plain tokens %d and %d not merged", i-1, i)
		}
	}
}

func TestLimits(t *testing.T) {
	line := `  "hubName": "chat",` + "\n"
	tests := []struct {
		name string
		src  string
		lim  Limits
		ok   bool
	}{
		{"within", strings.Repeat(line, 10), Limits{MaxLines: 20, MaxTokens: 20}, true},
		{"too many lines", strings.Repeat("\n", 25), Limits{MaxLines: 20, MaxTokens: 100}, false},
		{"too many tokens", strings.Repeat(line, 11), Limits{MaxLines: 100, MaxTokens: 20}, false},
		{"default, big", strings.Repeat(line, 5000), Default, false},
	}
	for _, tt := range tests {
		toks, ok := Tokens(tt.src, tt.lim)
		if ok != tt.ok || (!ok && toks != nil) {
			t.Errorf("%s: ok = %v (%d tokens), want %v", tt.name, ok, len(toks), tt.ok)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("[{\"id\": \"1\", \"n\": 2, \"b\": true}]\n")
	f.Add("\"unterminated\n{\"a\\")
	f.Add("nul tru -")
	f.Fuzz(func(t *testing.T, src string) {
		toks, ok := Tokens(src, Limits{MaxLines: 50, MaxTokens: 50})
		if !ok {
			return
		}
		var b strings.Builder
		colored := 0
		for _, tk := range toks {
			if tk.Text == "" {
				t.Fatal("empty token")
			}
			if tk.Kind != Plain {
				colored++
			}
			b.WriteString(tk.Text)
		}
		if b.String() != src {
			t.Fatalf("tokens do not add up to the text")
		}
		if colored > 50 {
			t.Fatalf("%d coloured tokens over the limit", colored)
		}
	})
}
