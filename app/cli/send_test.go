//go:build !wasm

// The send tests need real sockets (httptest), which js/wasm lacks.

package cli

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"eventlens/app/delivery"
	"eventlens/app/jsontree"
	"eventlens/internal/receive"
)

// sendJSON runs send --json and decodes its report.
func sendJSON(t *testing.T, args ...string) (int, SendReport, string) {
	t.Helper()
	code, out, errs := call(Send, "", append([]string{"--json"}, args...)...)
	var rep SendReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("send %v: exit %d, output is not a JSON report (%v):\n%s\n%s", args, code, err, out, errs)
	}
	return code, rep, errs
}

func TestSendToTheReceiver(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		file  string
		kinds []string // of the requests the receiver kept
		want  []string // in the kept requests' text
	}{
		{"event grid", nil, "eventgrid-connected",
			[]string{delivery.KindValidation, delivery.KindNotification},
			[]string{"\r\nAeg-Event-Type: Notification\r\n", "\r\nAeg-Subscription-Name: EVENTLENS\r\n", "\r\nAeg-Delivery-Count: 0\r\n", "\r\nAeg-Data-Version: 1.0\r\n", "\r\nAeg-Metadata-Version: 1\r\n", "\r\n\r\n[{"}},
		{"cloudevents file, default schema", nil, "cloudevents-connected",
			[]string{delivery.KindHandshake, delivery.KindStructured},
			[]string{"\r\nContent-Type: application/cloudevents+json; charset=utf-8\r\n", "\r\nOrigin: eventgrid.azure.net\r\n", "\r\n\r\n{"}},
		{"event grid file as cloudevents, binary", []string{"--schema", "cloudevents", "--mode", "binary"}, "eventgrid-disconnected",
			[]string{delivery.KindHandshake, delivery.KindBinary},
			[]string{"\r\nCe-Specversion: 1.0\r\n", "\r\nCe-Type: Microsoft.SignalRService.ClientConnectionDisconnected\r\n", "\r\nCe-Source: /subscriptions/", "\r\nContent-Type: application/json\r\n", "\r\n\r\n{\"timestamp\""}},
		{"cloudevents file as event grid", []string{"--schema", "eventgrid"}, "cloudevents-disconnected",
			[]string{delivery.KindValidation, delivery.KindNotification},
			[]string{"\r\nAeg-Event-Type: Notification\r\n", "\"eventType\":\"Microsoft.SignalRService.ClientConnectionDisconnected\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc, err := receive.New(receive.Options{Key: "k y"})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(rc)
			defer srv.Close()
			url := rc.WebhookURL(strings.TrimPrefix(srv.URL, "http://"))
			code, rep, errs := sendJSON(t, append(tc.args, "-to", url, seed(t, tc.file))...)
			if code != ExitOK || !rep.OK || !rep.Handshake.OK || len(rep.Deliveries) != 1 || rep.Delivered != 1 {
				t.Fatalf("exit %d, report %+v, stderr %q", code, rep, errs)
			}
			if strings.Contains(rep.To, "k+y") || !strings.Contains(rep.To, "key=REDACTED") {
				t.Errorf("the report shows the key: %q", rep.To)
			}
			recs := receiveRecords(t, rc)
			if len(recs) != len(tc.kinds) {
				t.Fatalf("the receiver kept %d requests, want %d", len(recs), len(tc.kinds))
			}
			for i, k := range tc.kinds {
				if recs[i].Kind != k || recs[i].Status != 200 {
					t.Errorf("request %d: %q answered %d, want %q answered 200", i, recs[i].Kind, recs[i].Status, k)
				}
			}
			last := recs[len(recs)-1].Request
			for _, w := range tc.want {
				if !strings.Contains(last, w) {
					t.Errorf("the delivery lacks %q:\n%s", w, last)
				}
			}
		})
	}
}

// receiveRecords returns what the receiver kept, through its snapshot.
func receiveRecords(t *testing.T, rc *receive.Receiver) []delivery.Record {
	t.Helper()
	w := httptest.NewRecorder()
	rc.Live()[receive.SnapshotPath].ServeHTTP(w, httptest.NewRequest("GET", receive.SnapshotPath, nil))
	var s receive.Snapshot
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	return s.Deliveries
}

// endpoint serves a webhook that passes the Event Grid handshake (when
// echo is set) and answers every delivery with status; block makes it
// wait until the client gives up instead.
func endpoint(t *testing.T, echo string, status int, block bool) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("aeg-event-type") == "SubscriptionValidation" {
			var evs []struct {
				Data struct{ ValidationCode string }
			}
			json.Unmarshal(body, &evs)
			code := echo
			if echo == "echo" && len(evs) == 1 {
				code = evs[0].Data.ValidationCode
			}
			io.WriteString(w, `{"validationResponse":"`+code+`"}`)
			return
		}
		if block {
			<-r.Context().Done()
			return
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api/updates?code=secret"
}

func TestSendGradesWrongAnswers(t *testing.T) {
	file := seed(t, "eventgrid-connected")
	// A wrong validation code: no event is sent.
	code, rep, errs := sendJSON(t, "-to", endpoint(t, "not-the-code", 200, false), file)
	if code != ExitProblem || rep.OK || rep.Handshake.OK || len(rep.Deliveries) != 0 || !strings.Contains(rep.Handshake.Reason, "not-the-code") {
		t.Errorf("wrong validation code: exit %d, report %+v", code, rep)
	}
	if !strings.Contains(errs, "handshake failed") {
		t.Errorf("wrong validation code: stderr %q", errs)
	}
	for _, tc := range []struct {
		name    string
		status  int
		block   bool
		outcome delivery.Outcome
		reason  string
	}{
		{"500", 500, false, delivery.Retried, "retries"},
		{"503", 503, false, delivery.Retried, "retries"},
		{"400", 400, false, delivery.Dropped, "does not retry"},
		{"401", 401, false, delivery.Dropped, "does not retry"},
		{"403", 403, false, delivery.Dropped, "does not retry"},
		{"413", 413, false, delivery.Dropped, "does not retry"},
		{"404", 404, false, delivery.Retried, "retries"},
		{"302", 302, false, delivery.Retried, "retries"},
		{"timeout", 0, true, delivery.Retried, "no answer within 3s"},
		{"204", 204, false, delivery.Delivered, "success"},
	} {
		args := []string{"-to", endpoint(t, "echo", tc.status, tc.block), file}
		if tc.block {
			// Shorter than Event Grid's 30 s, long enough for the
			// handshake on a busy machine.
			args = append([]string{"-timeout", "3s"}, args...)
		}
		code, rep, _ := sendJSON(t, args...)
		if !rep.Handshake.OK || len(rep.Deliveries) != 1 {
			t.Fatalf("%s: report %+v", tc.name, rep)
		}
		d := rep.Deliveries[0]
		wantCode := ExitProblem
		if tc.outcome == delivery.Delivered {
			wantCode = ExitOK
		}
		if code != wantCode || d.Status != tc.status || d.Outcome != tc.outcome.String() || !strings.Contains(d.Reason, tc.reason) {
			t.Errorf("%s: exit %d, delivery %+v; want exit %d, %s, reason with %q", tc.name, code, d, wantCode, tc.outcome, tc.reason)
		}
	}
}

func TestSendConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	code, out, errs := call(Send, "", "-to", "http://"+addr+"/api/events", seed(t, "eventgrid-connected"))
	if code != ExitProblem || !strings.Contains(out, "connection refused") || !strings.Contains(out, "FAIL handshake") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}

func TestSendCloudEventsHandshakeRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			w.Header().Set("WebHook-Allowed-Origin", "someone-else.example")
		}
	}))
	defer srv.Close()
	code, rep, _ := sendJSON(t, "-to", srv.URL, seed(t, "cloudevents-connected"))
	if code != ExitProblem || rep.Handshake.OK || rep.Handshake.Request != "options" || !strings.Contains(rep.Handshake.Reason, "someone-else.example") {
		t.Errorf("exit %d, handshake %+v", code, rep.Handshake)
	}
}

func TestSendTextReport(t *testing.T) {
	code, out, _ := call(Send, "", "-to", endpoint(t, "echo", 500, false), seed(t, "eventgrid-connected"))
	for _, want := range []string{"sending to http://127.0.0.1:", "?code=REDACTED", "ok   handshake (validation): 200 OK: validated",
		"FAIL event 1 of 1 (id ", "500 Internal Server Error: retried", "0 of 1 events delivered"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if code != ExitProblem {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestSendUsage(t *testing.T) {
	file := seed(t, "eventgrid-connected")
	for _, args := range [][]string{
		{file},
		{"-to", "ftp://x/", file},
		{"-to", "http://127.0.0.1:1/"},
		{"-to", "http://127.0.0.1:1/", "--mode", "binary", file},
		{"-to", "http://127.0.0.1:1/", "--schema", "xml", file},
		{"-to", "http://127.0.0.1:1/", "-timeout", "0s", file},
		{"-to", "http://127.0.0.1:1/", "no-such-file.json"},
		{"-to", "http://127.0.0.1:1/", seed(t, "broken-syntax-error")},
	} {
		if code, _, errs := call(Send, "", args...); code != ExitUsage || errs == "" {
			t.Errorf("send %q: exit %d, stderr %q; want 2 with a message", args, code, errs)
		}
	}
}

func TestPercentEncode(t *testing.T) {
	for in, want := range map[string]string{
		"/hub/chat":    "/hub/chat",
		"a b\"c%d":     "a%20b%22c%25d",
		"€":            "%E2%82%AC",
		"line\nbreak":  "line%0Abreak",
		"{sub-id}~!$&": "{sub-id}~!$&",
	} {
		if got := percentEncode(in); got != want {
			t.Errorf("percentEncode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBinaryMode(t *testing.T) {
	for _, tc := range []struct {
		event, body, ctype string
		headers            map[string]string
	}{
		{`{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{"a":1}}`, `{"a":1}`, "application/json",
			map[string]string{"ce-specversion": "1.0", "ce-id": "1", "ce-source": "/s", "ce-type": "t"}},
		{`{"data":"hi there","datacontenttype":"text/plain","specversion":"1.0","subject":"a b","ext":7,"nothing":null}`, "hi there", "text/plain",
			map[string]string{"ce-subject": "a%20b", "ce-ext": "7"}},
		{`{"specversion":"1.0","datacontenttype":"application/octet-stream","data_base64":"AAEC"}`, "\x00\x01\x02", "application/octet-stream", nil},
		{`{"specversion":"1.0","id":"2"}`, "", "", nil},
	} {
		doc := fixtureParse(t, tc.event)
		body, h := binaryMode(doc)
		if string(body) != tc.body || h["Content-Type"] != tc.ctype {
			t.Errorf("%s: body %q, Content-Type %q; want %q, %q", tc.event, body, h["Content-Type"], tc.body, tc.ctype)
		}
		for k, v := range tc.headers {
			if h[k] != v {
				t.Errorf("%s: %s = %q, want %q", tc.event, k, h[k], v)
			}
		}
		if _, ok := h["ce-nothing"]; ok {
			t.Errorf("%s: a null attribute became a header", tc.event)
		}
		if _, ok := h["ce-data"]; ok {
			t.Errorf("%s: data became a header", tc.event)
		}
	}
}

func fixtureParse(t *testing.T, src string) *jsontree.Node {
	t.Helper()
	doc, err := jsontree.Parse([]byte(src), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Root
}

// An endpoint's answer is shown with its control characters made visible.
func TestSendTextShowsControlCharacters(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		io.WriteString(w, "\x1b]0;pwned\x07 oops")
	}))
	defer srv.Close()
	code, out, _ := call(Send, "", "-to", srv.URL, seed(t, "eventgrid-connected"))
	if code != ExitProblem || strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, "answer: ␛]0;pwned␇ oops") {
		t.Errorf("exit %d, output %q", code, out)
	}
}
