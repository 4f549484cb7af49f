//go:build !wasm

package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve -receive prints the webhook's URL with its key, takes deliveries
// there, shows them on the site's listener, and shuts down with a live
// stream open.
func TestServeWithReceiver(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- serveUntil(ctx, []string{"-web", testWebDir(t, true), "-addr", "127.0.0.1:0", "-receive", "127.0.0.1:0", "-receive-key", "k&y"}, pw)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	var site, hook string
	for (site == "" || hook == "") && lines.Scan() {
		if m := regexp.MustCompile(`serving on (http://\S+)/`).FindStringSubmatch(lines.Text()); m != nil {
			site = m[1]
		}
		if m := regexp.MustCompile(`webhook (http://\S+)`).FindStringSubmatch(lines.Text()); m != nil {
			hook = m[1]
		}
	}
	go io.Copy(io.Discard, pr)
	if !strings.HasSuffix(hook, "/api/events?key=k%26y") {
		t.Fatalf("webhook URL %q, want the receiver's /api/events with the key escaped", hook)
	}
	res, err := http.Post(hook, "application/cloudevents+json", strings.NewReader(`{"specversion":"1.0","id":"1","source":"/s","type":"t"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST to the webhook: %d", res.StatusCode)
	}
	res, err = http.Get(site + "/api/live/deliveries")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"kind":"CloudEvents structured"`) || strings.Contains(string(body), "k&y") || strings.Contains(string(body), "k%26y") {
		t.Errorf("snapshot: %d %s", res.StatusCode, body)
	}
	stream, err := http.Get(site + "/api/live")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after shutdown, want 0", c)
		}
	case <-time.After(9 * time.Second):
		t.Fatal("serve did not stop with a live stream open")
	}
}
