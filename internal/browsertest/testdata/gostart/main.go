// Command gostart is the smallest Go program a page can start: it marks the
// page and waits. TestProfileGoStart measures what starting it costs the
// page's thread, the floor under any Go WebAssembly app's start-up.
package main

import "syscall/js"

func main() {
	js.Global().Get("document").Get("documentElement").Call("setAttribute", "data-started", "")
	select {}
}
