package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/samples"
	"eventlens/app/share"
)

// This file holds what the toolbars over the editor do.

// stash keeps the editor's text for the Undo button, labelled what.
func (p *Inspector) stash(what string) {
	u, ok := p.ed.surface().stash()
	if !ok {
		u = undo{}
	}
	u.what = what
	p.keep(u)
}

// clear empties the editor, keeping the text for "Undo clear".
func (p *Inspector) clear(ctx app.Context, e app.Event) {
	p.stash("Undo clear")
	p.ed.clear()
	p.gen++
	p.runNow(ctx)
	resetSampleMenu()
	if p.undo.ok() {
		p.say("Cleared the editor. “Undo clear” brings the text back.", false)
		return
	}
	p.say("Cleared the editor.", false)
}

// undoClear brings back the text kept by the last Clear (or large fix, or
// refused paste).
func (p *Inspector) undoClear(ctx app.Context, e app.Event) {
	if !p.undo.ok() {
		return
	}
	p.ed.restore(p.undo)
	p.keep(undo{})
	p.gen++
	p.runNow(ctx)
	p.say("Restored the text.", false)
	// The button goes away with the text it kept: the focus goes to the
	// text brought back rather than to the page's start.
	ctx.Defer(func(ctx app.Context) {
		id := "input"
		if p.ed.large() != nil {
			id = "large-scroll"
		}
		if e := element(id); e.Truthy() {
			e.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// editAsText moves the large text into the code editor, loading its
// script first (once). Where it cannot load (offline before the service
// worker kept it, or a host that does not serve it), the textarea takes
// the text, as it always can. The text is the same, so its report stays.
func (p *Inspector) editAsText(ctx app.Context, e app.Event) {
	if p.ed.large() == nil {
		return
	}
	if codeEditorLoaded() {
		p.openEditAsText()
		return
	}
	p.say("Opening the code editor…", false)
	loadScript(ctx.ResolveStaticResource(codeScript), func(loaded bool) {
		ctx.Dispatch(func(ctx app.Context) {
			guard(ctx, "moving the payload into the editor", func() {
				if p.ed.large() == nil {
					return // the payload changed meanwhile
				}
				if !loaded {
					app.Log("eventlens: " + codeScript + " did not load: the textarea edits the large payload")
				}
				p.openEditAsText()
			})
		})
	})
}

// openEditAsText moves the large text into the code editor, or the
// textarea, and says which.
func (p *Inspector) openEditAsText() {
	if !p.ed.editAsText() {
		return
	}
	p.readCaret()
	if p.ed.code != nil {
		p.ed.code.h.Call("focus")
		p.say("The payload is in the code editor: only the lines in view are drawn, so typing stays quick. Ctrl+F finds text in it.", false)
		return
	}
	p.say("The payload is in the editor as text (the code editor could not load). The browser may pause for a moment while it lays out a text this long.", false)
}

// bigText returns the large text, of the read-only view or the code
// editor, and false when neither holds the payload.
func (p *Inspector) bigText() (string, bool) {
	if b := p.ed.large(); b != nil {
		return b.text(), true
	}
	if p.ed.code != nil {
		return p.ed.code.text(), true
	}
	return "", false
}

// copyBig copies the large text.
func (p *Inspector) copyBig(ctx app.Context, e app.Event) {
	if s, ok := p.bigText(); ok {
		p.copy(ctx, s, "the payload")
	}
}

// downloadBig saves the large text as a file.
func (p *Inspector) downloadBig(ctx app.Context, e app.Event) {
	if s, ok := p.bigText(); ok {
		download("eventlens-payload.json", "application/json", bytesOf(s))
	}
}

// makeShareLink puts the payload in a link's fragment and copies the link.
func (p *Inspector) makeShareLink(ctx app.Context, e app.Event) {
	text := p.ed.surface().text()
	if strings.TrimSpace(text) == "" {
		p.say("Nothing to share: paste a payload first.", true)
		return
	}
	cmp := p.sharedCompare()
	frag, err := share.EncodeLink(share.Link{Payload: []byte(text), Filter: []byte(p.filter), Compare: cmp})
	if err != nil {
		p.shareURL = ""
		p.say(err.Error(), true)
		return
	}
	p.shareURL = pageURL() + "#" + frag
	p.copy(ctx, p.shareURL, "the share link")
	what := "payload travels"
	switch {
	case p.filter != "" && cmp != nil:
		what = "payload, the filter and Compare's second payload travel"
	case p.filter != "":
		what = "payload and the filter travel"
	case cmp != nil:
		what = "payload and Compare's second payload travel"
	}
	p.say("Share link copied. The "+what+" in the link's #fragment, which browsers never send to a server.", false)
}

// pickSample loads the sample chosen in the menu.
func (p *Inspector) pickSample(ctx app.Context, e app.Event) {
	// The menu keeps showing the sample picked: resetting it would leave
	// it blank, and the arrow keys would only ever reach the first one.
	id := e.Get("target").Get("value").String()
	if s, ok := samples.Get(id); ok {
		p.replace(ctx, s.Text, true, "Loaded the sample “"+s.Title+"”.")
	}
}

// pickFile loads the file chosen in the file picker.
func (p *Inspector) pickFile(ctx app.Context, e app.Event) {
	target := e.Get("target")
	if files := target.Get("files"); files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
	target.Set("value", "")
}

// copy puts text on the clipboard and says so (what: "the payload"), or
// says that the browser refused, and how to copy by hand.
func (p *Inspector) copy(ctx app.Context, text, what string) {
	p.say("Copied "+what+" to the clipboard.", false)
	copyText(text, func(ok bool) {
		if ok {
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.say("The browser did not let eventlens copy "+what+": select it and press Ctrl+C.", true)
		})
	})
}
