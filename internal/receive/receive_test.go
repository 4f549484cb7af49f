//go:build !wasm

package receive

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"eventlens/app/delivery"
	"eventlens/internal/fixture"
)

const testKey = "s3cret-key"

// newTest returns a receiver with the test key, and its webhook served by
// httptest.
func newTest(t *testing.T, o Options) (*Receiver, *httptest.Server) {
	t.Helper()
	if o.Key == "" {
		o.Key = testKey
	}
	rc, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rc)
	t.Cleanup(func() { rc.Close(); srv.Close() })
	return rc, srv
}

// do sends a request to the webhook and returns the answer and its body.
func do(t *testing.T, method, url string, header map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestKey(t *testing.T) {
	rc, srv := newTest(t, Options{})
	body := fixture.Seed(t, "eventgrid-connected")
	hdr := map[string]string{"aeg-event-type": "Notification", "Content-Type": "application/json"}
	for _, tc := range []struct {
		name, query string
		status      int
	}{
		{"missing", "", 401},
		{"empty", "?key=", 401},
		{"twice", "?key=" + testKey + "&key=" + testKey, 401},
		{"wrong", "?key=s3cret-kez", 403},
		{"prefix", "?key=s3cret", 403},
		{"right", "?key=" + testKey, 200},
	} {
		res, got := do(t, "POST", srv.URL+Path+tc.query, hdr, body)
		if res.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.status)
		}
		if tc.status != 200 && (strings.Contains(got, "key") || strings.Contains(got, testKey)) {
			t.Errorf("%s: the refusal says more than its status: %q", tc.name, got)
		}
	}
	recs := rc.ring.since(0)
	if len(recs) != 1 || recs[0].Kind != delivery.KindNotification {
		t.Fatalf("kept %d records (%+v), want only the one with the right key", len(recs), recs)
	}
	if strings.Contains(recs[0].Request, testKey) || !strings.HasPrefix(recs[0].Request, "POST /api/events?key=REDACTED HTTP/1.1\r\n") {
		t.Errorf("the kept request shows the key or lacks its request line:\n%s", recs[0].Request)
	}
	if recs[0].Body() != body {
		t.Errorf("kept body %q, want the body sent", recs[0].Body())
	}
	if !strings.Contains(recs[0].Request, "\r\nAeg-Event-Type: Notification\r\n") {
		t.Errorf("the kept request lacks its aeg-event-type header:\n%s", recs[0].Request)
	}
}

func TestRandomKey(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(Options{})
	if len(a.Key()) < 20 || a.Key() == b.Key() {
		t.Errorf("random keys %q and %q: want two different keys of at least 20 characters", a.Key(), b.Key())
	}
	for addr, want := range map[string]string{
		"127.0.0.1:8081": "http://127.0.0.1:8081/api/events?key=",
		"[::]:8081":      "http://127.0.0.1:8081/api/events?key=",
		"0.0.0.0:9":      "http://127.0.0.1:9/api/events?key=",
		"[::1]:8081":     "http://[::1]:8081/api/events?key=",
	} {
		if got := a.WebhookURL(addr); got != want+a.Key() {
			t.Errorf("WebhookURL(%q) = %q, want %q", addr, got, want+a.Key())
		}
	}
}

func TestEventGridValidationHandshake(t *testing.T) {
	rc, srv := newTest(t, Options{})
	url := srv.URL + Path + "?key=" + testKey
	hdr := map[string]string{"aeg-event-type": "SubscriptionValidation", "Content-Type": "application/json"}
	res, got := do(t, "POST", url, hdr, fixture.Seed(t, "validation-handshake"))
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var v struct{ ValidationResponse string }
	if err := json.Unmarshal([]byte(got), &v); err != nil || v.ValidationResponse != "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" {
		t.Errorf("answer %q (%v), want the validation code echoed", got, err)
	}
	// The header says validation, the body is a notification: 400.
	res, _ = do(t, "POST", url, hdr, fixture.Seed(t, "eventgrid-connected"))
	if res.StatusCode != 400 {
		t.Errorf("validation header with a notification body: status %d, want 400", res.StatusCode)
	}
	recs := rc.ring.since(0)
	if len(recs) != 2 || recs[0].Kind != delivery.KindValidation || recs[0].Status != 200 || recs[1].Status != 400 {
		t.Errorf("records %+v", recs)
	}
}

func TestCloudEventsHandshake(t *testing.T) {
	rc, srv := newTest(t, Options{Rate: 2})
	url := srv.URL + Path + "?key=" + testKey
	res, _ := do(t, "OPTIONS", url, map[string]string{"WebHook-Request-Origin": "eventgrid.azure.net", "WebHook-Request-Rate": "120"}, "")
	if res.StatusCode != 200 || res.Header.Get("WebHook-Allowed-Origin") != "eventgrid.azure.net" || res.Header.Get("WebHook-Allowed-Rate") != "120" {
		t.Errorf("status %d, headers %v", res.StatusCode, res.Header)
	}
	if !strings.Contains(res.Header.Get("Allow"), "POST") {
		t.Errorf("Allow %q, want POST", res.Header.Get("Allow"))
	}
	res, _ = do(t, "OPTIONS", url, nil, "")
	if res.StatusCode != 400 || res.Header.Get("WebHook-Allowed-Origin") != "" {
		t.Errorf("OPTIONS without WebHook-Request-Origin: status %d, headers %v", res.StatusCode, res.Header)
	}
	if recs := rc.ring.since(0); len(recs) != 2 || recs[0].Kind != delivery.KindHandshake || recs[0].Method != "OPTIONS" {
		t.Errorf("records %+v", recs)
	}
}

func TestDeliveries(t *testing.T) {
	rc, srv := newTest(t, Options{})
	url := srv.URL + Path + "?key=" + testKey
	ce := fixture.Seed(t, "cloudevents-connected")
	one := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(ce), "["), "]")
	for _, tc := range []struct {
		name   string
		header map[string]string
		body   string
		status int
		kind   string
	}{
		{"event grid", map[string]string{"aeg-event-type": "Notification", "Content-Type": "application/json"}, fixture.Seed(t, "eventgrid-disconnected"), 200, delivery.KindNotification},
		{"deletion", map[string]string{"aeg-event-type": "SubscriptionDeletion", "Content-Type": "application/json"}, "[]", 200, delivery.KindDeletion},
		{"structured", map[string]string{"Content-Type": "application/cloudevents+json; charset=utf-8"}, one, 200, delivery.KindStructured},
		{"batch", map[string]string{"Content-Type": "application/cloudevents-batch+json"}, ce, 200, delivery.KindBatch},
		{"binary", map[string]string{"ce-specversion": "1.0", "ce-type": "Microsoft.SignalRService.ClientConnectionConnected", "ce-source": "%2Fsubscriptions%2Fx", "ce-id": "1", "Content-Type": "application/json"}, `{"hubName":"chat"}`, 200, delivery.KindBinary},
		{"binary, not JSON", map[string]string{"ce-specversion": "1.0", "Content-Type": "text/plain"}, "hello", 200, delivery.KindBinary},
		// Binary mode by any of the required attributes, as app/wire reads a pasted request.
		{"binary without ce-specversion", map[string]string{"ce-id": "1", "ce-type": "t", "Content-Type": "text/plain"}, "hello", 200, delivery.KindBinary},
		{"structured, not JSON", map[string]string{"Content-Type": "application/cloudevents+json"}, "{oops", 400, delivery.KindStructured},
		{"no headers", nil, "[1]", 200, delivery.KindJSON},
	} {
		res, got := do(t, "POST", url, tc.header, tc.body)
		if res.StatusCode != tc.status {
			t.Errorf("%s: status %d (%q), want %d", tc.name, res.StatusCode, got, tc.status)
		}
		recs := rc.ring.since(0)
		last := recs[len(recs)-1]
		if last.Kind != tc.kind || last.Status != tc.status || last.Body() != tc.body {
			t.Errorf("%s: kept %q %d body %q, want %q %d", tc.name, last.Kind, last.Status, last.Body(), tc.kind, tc.status)
		}
	}
	res, _ := do(t, "GET", url, nil, "")
	if res.StatusCode != 405 || res.Header.Get("Allow") != "POST, OPTIONS" {
		t.Errorf("GET: status %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
	res, _ = do(t, "POST", srv.URL+"/api/other?key="+testKey, nil, "[]")
	if res.StatusCode != 404 {
		t.Errorf("another path: status %d, want 404", res.StatusCode)
	}
}

func TestTooLarge(t *testing.T) {
	rc, srv := newTest(t, Options{})
	url := srv.URL + Path + "?key=" + testKey
	big := `[{"data":"` + strings.Repeat("a", MaxBodyBytes) + `"}]`
	res, _ := do(t, "POST", url, map[string]string{"aeg-event-type": "Notification"}, big)
	if res.StatusCode != 413 {
		t.Errorf("a body over %d bytes: status %d, want 413", MaxBodyBytes, res.StatusCode)
	}
	recs := rc.ring.since(0)
	if len(recs) != 1 || recs[0].Kind != delivery.KindTooLarge || recs[0].Body() != "" {
		t.Errorf("records %+v: want one 413 record without its body", recs)
	}
	// At the limit exactly, the body is read.
	exact := `[{"data":"` + strings.Repeat("a", MaxBodyBytes-len(`[{"data":""}]`)) + `"}]`
	res, _ = do(t, "POST", url, map[string]string{"aeg-event-type": "Notification"}, exact)
	if res.StatusCode != 200 {
		t.Errorf("a body of exactly %d bytes: status %d, want 200", len(exact), res.StatusCode)
	}
}

func TestRingBound(t *testing.T) {
	rc, srv := newTest(t, Options{MaxRecords: 3, MaxBytes: 4096, Rate: 1000, Burst: 1000})
	url := srv.URL + Path + "?key=" + testKey
	for i := 0; i < 5; i++ {
		do(t, "POST", url, nil, `["`+strings.Repeat("x", i)+`"]`)
	}
	recs := rc.ring.since(0)
	if len(recs) != 3 || recs[0].Seq != 3 || recs[2].Seq != 5 {
		t.Fatalf("kept %d records, seq %v: want the last 3 (3, 4, 5)", len(recs), seqs(recs))
	}
	// Bytes: a 3,800-byte body pushes out all but itself.
	do(t, "POST", url, nil, `["`+strings.Repeat("y", 3800)+`"]`)
	recs = rc.ring.since(0)
	if len(recs) != 1 || recs[0].Seq != 6 {
		t.Errorf("after a large record: seq %v, want only 6", seqs(recs))
	}
	total := 0
	for _, r := range recs {
		total += size(r)
	}
	if total > 4096 {
		t.Errorf("the ring holds %d bytes, over its bound of 4096", total)
	}
}

func seqs(recs []delivery.Record) []uint64 {
	var s []uint64
	for _, r := range recs {
		s = append(s, r.Seq)
	}
	return s
}

func TestRateLimit(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	rc, srv := newTest(t, Options{Rate: 0.5, Burst: 2, Now: clock})
	url := srv.URL + Path + "?key=" + testKey
	for i := 0; i < 2; i++ {
		if res, _ := do(t, "POST", url, nil, "[]"); res.StatusCode != 200 {
			t.Fatalf("request %d within the burst: status %d", i, res.StatusCode)
		}
	}
	res, _ := do(t, "POST", url, nil, "[]")
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "2" {
		t.Errorf("past the burst: status %d, Retry-After %q; want 429 and 2 (0.5 requests a second)", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Wrong keys use up tokens too: guessing is rate-limited.
	if res, _ := do(t, "POST", srv.URL+Path+"?key=guess", nil, "[]"); res.StatusCode != 429 {
		t.Errorf("a guess past the burst: status %d, want 429", res.StatusCode)
	}
	mu.Lock()
	now = now.Add(2 * time.Second)
	mu.Unlock()
	if res, _ := do(t, "POST", url, nil, "[]"); res.StatusCode != 200 {
		t.Errorf("after 2 s: status %d, want 200", res.StatusCode)
	}
	if n := len(rc.ring.since(0)); n != 3 {
		t.Errorf("kept %d records, want 3 (refused requests are not kept)", n)
	}
}

// readEvent reads one Server-Sent Event (its event name and data).
func readEvent(t *testing.T, br *bufio.Reader) (event, data string) {
	t.Helper()
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if event != "" || data != "" {
				return event, data
			}
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data += strings.TrimPrefix(line, "data: ")
		}
	}
}

func TestLiveStream(t *testing.T) {
	rc, hook := newTest(t, Options{})
	mux := http.NewServeMux()
	for p, h := range rc.Live() {
		mux.Handle(p, h)
	}
	site := httptest.NewServer(mux)
	defer site.Close()
	url := hook.URL + Path + "?key=" + testKey
	do(t, "POST", url, map[string]string{"aeg-event-type": "Notification"}, fixture.Seed(t, "eventgrid-connected"))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", site.URL+LivePath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("Content-Type %q", res.Header.Get("Content-Type"))
	}
	br := bufio.NewReader(res.Body)
	if ev, data := readEvent(t, br); ev != "ready" || !strings.Contains(data, Path) {
		t.Errorf("first event %q %q, want ready with the webhook path", ev, data)
	}
	var rec delivery.Record
	if ev, data := readEvent(t, br); ev != "delivery" || json.Unmarshal([]byte(data), &rec) != nil || rec.Seq != 1 || rec.Kind != delivery.KindNotification {
		t.Errorf("second event %q %q, want the delivery kept before the stream opened", ev, data)
	}
	// A delivery posted while the stream is open arrives on it.
	body := fixture.Seed(t, "validation-handshake")
	do(t, "POST", url, map[string]string{"aeg-event-type": "SubscriptionValidation"}, body)
	ev, data := readEvent(t, br)
	if ev != "delivery" || json.Unmarshal([]byte(data), &rec) != nil {
		t.Fatalf("event %q %q", ev, data)
	}
	if rec.Seq != 2 || rec.Kind != delivery.KindValidation || rec.Status != 200 || rec.Body() != body || !strings.Contains(rec.Answer, "validationResponse") {
		t.Errorf("streamed record %+v", rec)
	}

	// Reconnecting with Last-Event-ID sends only what came after it.
	req2, _ := http.NewRequestWithContext(ctx, "GET", site.URL+LivePath, nil)
	req2.Header.Set("Last-Event-ID", "1")
	res2, err := http.DefaultClient.Do(req2)
	if err != nil {
		t.Fatal(err)
	}
	defer res2.Body.Close()
	br2 := bufio.NewReader(res2.Body)
	readEvent(t, br2) // ready
	if _, data := readEvent(t, br2); json.Unmarshal([]byte(data), &rec) != nil || rec.Seq != 2 {
		t.Errorf("after Last-Event-ID 1: %q, want record 2", data)
	}

	// The snapshot holds both, oldest first.
	res3, snap := do(t, "GET", site.URL+SnapshotPath, nil, "")
	var s Snapshot
	if err := json.Unmarshal([]byte(snap), &s); err != nil || res3.StatusCode != 200 || len(s.Deliveries) != 2 || s.Deliveries[0].Seq != 1 {
		t.Errorf("snapshot %d %q (%v)", res3.StatusCode, snap, err)
	}
	// Another site's page may not read the feed.
	if res, _ := do(t, "GET", site.URL+SnapshotPath, map[string]string{"Sec-Fetch-Site": "cross-site"}, ""); res.StatusCode != 403 {
		t.Errorf("cross-site snapshot: status %d, want 403", res.StatusCode)
	}

	// Closing the receiver ends the streams.
	rc.Close()
	if _, err := io.ReadAll(br); err != nil {
		t.Errorf("the stream did not end cleanly: %v", err)
	}
}

func TestRequestTextHasEachHeaderOnce(t *testing.T) {
	rc, srv := newTest(t, Options{})
	do(t, "POST", srv.URL+Path+"?key="+testKey+"&x=1", map[string]string{"aeg-event-type": "Notification"}, "[]")
	req := rc.ring.since(0)[0].Request
	if n := strings.Count(req, "Content-Length: 2\r\n"); n != 1 {
		t.Errorf("Content-Length appears %d times:\n%s", n, req)
	}
	if !strings.HasPrefix(req, "POST /api/events?key=REDACTED&x=1 HTTP/1.1\r\nHost: 127.0.0.1:") {
		t.Errorf("request line and Host:\n%s", req)
	}
}

// A stream that does not keep up is dropped (its channel closed) rather
// than waited for, and no more than maxStreams are open at once.
func TestRingStreams(t *testing.T) {
	g := newRing(1000, 1<<30)
	_, slow, ok := g.subscribe(0, 2)
	if !ok {
		t.Fatal("first stream refused")
	}
	_, fast, _ := g.subscribe(0, 2)
	if _, _, ok := g.subscribe(0, 2); ok {
		t.Error("a third stream was opened past the bound of 2")
	}
	got := 0
	for i := 0; i < 100; i++ {
		g.add(delivery.Record{Request: "x"})
		for len(fast) > 0 {
			<-fast
			got++
		}
	}
	if got != 100 {
		t.Errorf("the stream that kept up got %d records, want 100", got)
	}
	n := 0
	for range slow { // closed once it fell behind
		n++
	}
	if n != cap(slow) {
		t.Errorf("the slow stream got %d records before it was dropped, want its buffer's %d", n, cap(slow))
	}
	// Its place is free again.
	if _, _, ok := g.subscribe(0, 2); !ok {
		t.Error("the dropped stream's place was not freed")
	}
	g.close()
	if _, open := <-fast; open {
		t.Error("close left a stream open")
	}
}
