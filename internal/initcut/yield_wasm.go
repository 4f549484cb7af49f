//go:build js && wasm

package initcut

import "syscall/js"

// Yield lets the browser run (paint, handle input, run other tasks) and
// returns in a task of its own; after names the package just initialised.
// It posts a message to a MessageChannel's port and waits for it, which is
// a new task at once (a setTimeout may be held back). The cuts are counted
// in <html data-init-cuts> where there is a document.
func Yield(after string) {
	mc := js.Global().Get("MessageChannel")
	if mc.Type() != js.TypeFunction {
		return
	}
	ch := mc.New()
	done := make(chan struct{})
	wake := js.FuncOf(func(js.Value, []js.Value) any {
		close(done)
		return nil
	})
	in, out := ch.Get("port1"), ch.Get("port2")
	in.Set("onmessage", wake)
	out.Call("postMessage", nil)
	<-done
	// Closed ports let Node exit; the function is not needed again.
	in.Call("close")
	out.Call("close")
	wake.Release()
	// Not strings.Join: package strings waits for unicode, and the first
	// cut comes before it.
	if cuts != "" {
		cuts += " "
	}
	cuts += after
	if doc := js.Global().Get("document"); doc.Type() == js.TypeObject {
		doc.Get("documentElement").Get("dataset").Set("initCuts", cuts)
	}
}

// cuts names the packages after which Go's start was cut, in order, space
// separated.
var cuts string
