//go:build browser

package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"eventlens/internal/receive"
	"eventlens/internal/site"
)

// startServerWithReceiver serves the app with the live receiver's feed on
// its listener, and the receiver's webhook on a listener of its own (as
// eventlens serve -receive does); it returns the site's server and the
// webhook's URL with its key.
func startServerWithReceiver(t *testing.T) (*server, string) {
	t.Helper()
	rc, err := receive.New(receive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fsys, name := webAssets()
	s, err := site.Build(site.Options{Web: fsys, WebName: name, Base: "/", Level: site.ServeLevel, API: rc.Live()})
	if err != nil {
		t.Fatal(err)
	}
	srv := serveLoopback(t, s)
	srv.Site = s
	hook := httptest.NewServer(rc)
	t.Cleanup(func() { rc.Close(); hook.Close() })
	return srv, rc.WebhookURL(strings.TrimPrefix(hook.URL, "http://"))
}

// A delivery posted to the receiver appears in the Live view, with its
// verdict, and one click opens it in the editor, which Undo takes back.
func TestLiveViewShowsDeliveries(t *testing.T) {
	srv, hook := startServerWithReceiver(t)
	b := newBrowser(t)
	b.open(srv.URL + "/")
	before := enterSample(t, b, "eventgrid-connected")
	click(b, "#live-toggle")
	waitJS(b, 10*time.Second, `document.querySelector('#live-status[data-state="connected"]') !== null`)

	body := sample(t, "eventgrid-disconnected")
	req, _ := http.NewRequest("POST", hook, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("aeg-event-type", "Notification")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST to the receiver: %d", res.StatusCode)
	}
	waitJS(b, 10*time.Second, `document.querySelectorAll("#live-list .live-open").length === 1`)
	item := eval[string](b, `document.querySelector("#live-list .live-open").textContent`)
	for _, want := range []string{"POST", "Event Grid notification", "200 (delivered)", "Event Grid delivery: Event Grid batch of 1 event: valid"} {
		if !strings.Contains(item, want) {
			t.Errorf("the delivery's entry %q lacks %q", item, want)
		}
	}

	click(b, "#live-list .live-open")
	waitJS(b, 10*time.Second, `document.querySelector("#input").value.startsWith("POST ")`)
	opened := eval[string](b, `document.querySelector("#input").value`)
	waitInspected(b, opened)
	if !strings.HasSuffix(opened, body) || !strings.Contains(opened, "key=REDACTED") || !strings.Contains(strings.ToLower(opened), "aeg-event-type: notification") {
		t.Errorf("the editor holds %q, want the request as it arrived (key redacted), headers and body", opened)
	}
	if got := verdictText(b); !strings.Contains(got, "Event Grid delivery") {
		t.Errorf("verdict of the opened request %q, want it read as an Event Grid delivery", got)
	}
	if got := eval[string](b, `document.querySelector("#undo-clear").textContent`); got != "Undo: restore your previous text" {
		t.Errorf("Undo button %q", got)
	}
	click(b, "#undo-clear")
	waitInspected(b, before)
	if got := eval[string](b, `document.querySelector("#input").value`); got != before {
		t.Errorf("after Undo the editor holds %q, want the text from before", got)
	}

	// A second delivery goes on top.
	req, _ = http.NewRequest("OPTIONS", hook, nil)
	req.Header.Set("WebHook-Request-Origin", "eventgrid.azure.net")
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	waitJS(b, 10*time.Second, `document.querySelectorAll("#live-list .live-open").length === 2`)
	if top := eval[string](b, `document.querySelector("#live-list .live-open").textContent`); !strings.Contains(top, "CloudEvents handshake") {
		t.Errorf("the newest delivery is not first: %q", top)
	}
}

// Without a receiver (a static host, or serve without -receive), the Live
// view says how to start one.
func TestLiveViewWithoutReceiver(t *testing.T) {
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")
	click(b, "#live-toggle")
	waitJS(b, 10*time.Second, `document.querySelector('#live-status[data-state="unavailable"]') !== null`)
	if got := eval[string](b, `document.querySelector("#live-status").textContent`); !strings.Contains(got, "eventlens serve -receive 127.0.0.1:8081") {
		t.Errorf("the Live view says %q, want how to start a receiver", got)
	}
}
