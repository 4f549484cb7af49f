package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/detect"
	"eventlens/app/inspect"
	"eventlens/app/samples"
	"eventlens/app/vocab"
)

// Render draws the page. It only composes: the lists and code views are
// child components, so typing re-renders little.
func (p *Inspector) Render() app.UI {
	root := app.Main().ID("app").Class("app")
	if app.IsClient && p.started {
		// The server prerenders the page; this marks that the wasm app runs
		// and takes input.
		root = root.DataSet("wasm", "ready")
	}
	if p.engineWarm {
		root = root.DataSet("engine", "warm") // Inspector.warm is done
	}
	return root.Body(
		p.header(),
		p.banner(),
		p.toast(),
		app.Div().Class("panes").Body(
			p.inputPane(),
			p.outputPane(),
		),
		app.If(p.compare, func() app.UI { return &Compare{Left: p.compared(), Load: p.compareLoad} }),
		app.If(p.live, func() app.UI { return &Live{} }),
	)
}

// starting reports whether the page is drawn in the browser but not yet set
// up (Inspector.started): its editors take no input meanwhile.
func (p *Inspector) starting() bool { return app.IsClient && !p.started }

// startingText returns, while the page starts, what the user typed into the
// prerendered editor id: the drawn editor starts with it, since the
// Inspector takes it (restoreTyped) a few browser tasks after the drawn
// page is in place. What is typed after the Inspector's Render, while the
// rest of the page is mounted, is kept too, and shows when it starts.
func (p *Inspector) startingText(id string) string {
	if !p.starting() {
		return ""
	}
	return keptText(id)
}

// compared returns the payload as the compare mode takes it: with its
// decoded tree, so that it is not decoded again.
func (p *Inspector) compared() Source {
	s := Source{Seq: p.shown, Text: p.src}
	if p.report != nil && p.report.Doc != nil {
		s.Tree = p.report.Doc.Root
	}
	return s
}

// header renders the title bar.
func (p *Inspector) header() app.UI {
	return app.Header().Class("bar").Body(
		app.H1().Class("title").Text("eventlens"),
		app.P().Class("tagline").Text("Inspect Azure SignalR Service events in Event Grid and CloudEvents form. Payloads never leave your browser."),
		app.Div().Class("bar-end").Body(
			&UpdateBanner{},
			&InstallButton{},
		),
	)
}

// banner renders the error banner of a recovered failure.
func (p *Inspector) banner() app.UI {
	// Always rendered, so that the elements after it keep their place (a
	// re-created textarea would lose its text).
	if p.fatal == "" {
		return app.Div().ID("banner").Class("banner").Role("alert").Hidden(true)
	}
	return app.Div().ID("banner").Class("banner").Role("alert").Body(
		app.Span().Text(p.fatal),
		app.Button().Class("btn").Text("Dismiss").
			OnClick(handler("dismissing the banner", func(ctx app.Context, e app.Event) { p.fatal = "" })),
	)
}

// inputPane renders the toolbar, the editor and the notices.
func (p *Inspector) inputPane() app.UI {
	// The placeholder cannot be picked: the menu shows the sample loaded
	// last, so the arrow keys and typing a letter move from it.
	options := []app.UI{app.Option().Value("none").Disabled(true).Selected(true).Text("Load a sample…")}
	for _, s := range samples.All() {
		options = append(options, app.Option().Value(s.ID).Text(s.Title))
	}
	return app.Section().Class("pane", "input-pane").Aria("label", "Input").Body(
		app.Div().Class("toolbar").Body(
			app.Label().For("samples").Class("sr-only").Text("Samples"),
			app.Select().ID("samples").Class("btn").Body(options...).
				OnChange(handler("loading a sample", p.pickSample)),
			app.Label().For("file").Class("btn", "file-btn").Body(
				app.Text("Open file…"),
				app.Input().Type("file").ID("file").Class("sr-only").Accept(".json,.http,.txt,application/json,text/plain").
					OnChange(handler("opening a file", p.pickFile)),
			),
			app.Button().ID("clear").Class("btn").Text("Clear").
				OnClick(handler("clearing the editor", p.clear)),
			app.Button().ID("share").Class("btn").Text("Share link").
				Title("Copy a link that carries the payload in its #fragment").
				OnClick(handler("making a share link", p.makeShareLink)),
			app.Button().ID("compare-toggle").Class("btn").Aria("pressed", p.compare).
				Text("Compare").
				OnClick(handler("switching compare mode", p.toggleCompare)),
			app.Button().ID("live-toggle").Class("btn").Aria("pressed", p.live).
				Text("Live").Title("Deliveries arriving at the local receiver (eventlens serve -receive)").
				OnClick(handler("switching the Live view", func(ctx app.Context, e app.Event) { p.live = !p.live })),
		),
		// The editor sits in its own box so that nothing rendered before it
		// can shift it: go-app would re-create it, empty.
		app.Div().Class("editor-box").Body(
			app.Label().For("input").Class("label").Text("Payload"),
			app.Textarea().
				ID("input").
				Class("editor").
				Hidden(p.ed.large() != nil || p.ed.code != nil).
				ReadOnly(p.starting()).
				Text(p.startingText("input")).
				Spellcheck(false).
				Attr("autocomplete", "off").Attr("autocapitalize", "off").
				Aria("describedby", "editor-help").
				Placeholder(editorPlaceholder).
				OnInput(handler("reading the editor", p.onInput)),
			// The code editor (codetext.go) draws itself into this box:
			// go-app keeps it, childless in its tree, in every render.
			app.Div().ID("code-editor").Class("code-editor").Hidden(p.ed.code == nil),
			p.codeBar(),
			p.largeBar(),
			p.largeView(),
			app.Div().Class("editor-foot").Body(
				app.Span().ID("caret").Class("caret").Aria("live", "off").Text(p.ed.caret),
				p.caretEventButton(),
				app.Span().ID("editor-help").Class("muted").Text(p.ed.surface().help()),
				app.Span().ID("size-limit").Class("muted").Text(fmt.Sprintf("Payloads up to %d MiB", inspect.MaxBytes>>20)),
			),
		),
	)
}

// caretEventButton offers to show alone the event the caret is in, while
// every event is shown; hidden otherwise.
func (p *Inspector) caretEventButton() app.UI {
	b := app.Button().ID("caret-event").Class("btn")
	if p.caretEvent < 0 {
		return b.Hidden(true)
	}
	i := p.caretEvent
	return b.Text(fmt.Sprintf("Show event #%d alone", i)).
		OnClick(handler("focusing an event", func(ctx app.Context, e app.Event) {
			ctx.NewActionWithValue(actionFocus, strconv.Itoa(i))
		}))
}

// largeBar names the large payload shown in the viewer and offers what
// can be done with it; hidden when the textarea holds the text.
func (p *Inspector) largeBar() app.UI {
	bar := app.Div().ID("large-bar").Class("large-bar")
	b := p.ed.large()
	if b == nil {
		return bar.Hidden(true)
	}
	return bar.Body(
		app.Span().ID("large-label").Class("large-label").Text(largeLabel(len(b.text()), len(b.lines))),
		app.Button().ID("edit-as-text").Class("btn").Text("Edit as text").
			Title("Put the payload into the text editor: the browser may pause for a moment while it lays out a text this long").
			OnClick(handler("moving the payload into the editor", p.editAsText)),
		app.Button().ID("large-clear").Class("btn").Text("Clear").
			Title("Empty the editor (Undo clear brings the payload back)").
			OnClick(handler("clearing the editor", p.clear)),
		app.Button().ID("large-copy").Class("btn").Text("Copy").
			OnClick(handler("copying the payload", p.copyBig)),
		app.Button().ID("large-download").Class("btn").Text("Download .json").
			OnClick(handler("downloading the payload", p.downloadBig)),
	)
}

// codeBar offers what the large view's bar offers for its text, Copy and
// Download, while the code editor holds the payload; hidden otherwise. It
// is always drawn, so that the elements around the code editor keep their
// places (go-app would re-create a moved #code-editor, empty).
func (p *Inspector) codeBar() app.UI {
	bar := app.Div().ID("code-bar").Class("large-bar")
	c := p.ed.code
	if c == nil {
		return bar.Hidden(true)
	}
	return bar.Body(
		app.Span().Class("large-label").Text("Large payload — "+sizeLabel(len(c.s))+", in the code editor"),
		app.Button().ID("code-copy").Class("btn").Text("Copy").
			OnClick(handler("copying the payload", p.copyBig)),
		app.Button().ID("code-download").Class("btn").Text("Download .json").
			OnClick(handler("downloading the payload", p.downloadBig)),
	)
}

// largeView renders the read-only view of a large text, empty and hidden
// while the textarea holds the text.
func (p *Inspector) largeView() app.UI {
	if b := p.ed.large(); b != nil {
		return &LargeView{Text: b.text(), Lines: b.lines, Mark: b.mark}
	}
	return &LargeView{}
}

// largeLabel names a large payload of n bytes and lines lines.
func largeLabel(n, lines int) string {
	return fmt.Sprintf("Large payload — %s, %s %s, read-only view", sizeLabel(n), thousands(lines), plural(lines, "line", "lines"))
}

// thousands writes n with thousands separators: 88,512.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// shareRow shows the last share link, ready to copy.
func (p *Inspector) shareRow() app.UI {
	row := app.Div().Class("row", "share-row")
	if p.shareURL == "" {
		return row.Hidden(true)
	}
	return row.Body(
		app.Label().For("share-link").Text("Share link"),
		app.Input().ID("share-link").Class("share-link").ReadOnly(true).Value(p.shareURL),
	)
}

// noticeBox renders the last action's notice.
func (p *Inspector) noticeBox() app.UI {
	if p.notice.text == "" {
		return app.Div().ID("notice").Class("notice", "empty").Role("status")
	}
	cls := "notice"
	if p.notice.isErr {
		cls = "notice-error"
	}
	return app.Div().ID("notice").Class("notice", cls).Role("status").Text(p.notice.text)
}

// outputPane renders the verdict, diagnostics and tabs. While a new text
// is being inspected, the previous results stay, dimmed, under a progress
// bar.
func (p *Inspector) outputPane() app.UI {
	r := p.report
	p.fstate.update(r, p.shown, p.filter)
	fdone, ftotal := p.fstate.progress()
	var diags, picker app.UI
	if r != nil {
		diags = app.Div().Body(
			app.H2().Class("h2").Text("Diagnostics"),
			&DiagnosticList{Diags: r.Diagnostics, Focus: p.focus},
		)
		if r.Batch && len(r.Events) > 1 {
			picker = app.Div().Body(
				&EventPicker{Events: r.Events, Focus: p.focus, Delivered: p.fstate.delivered},
				&BatchTable{Report: r, Focus: p.focus, Caret: p.caretEvent, Delivered: p.fstate.delivered},
			)
		}
	}
	var bar app.UI
	if p.job != nil && !p.job.Verdict() {
		done, total := p.job.Progress()
		bar = progressBar(len(p.jobText), done, total)
	} else {
		bar = verdict(r, p.srcLen, p.complete(), p.incremental)
	}
	body := app.Div().Class("results")
	if p.job != nil && !p.job.Verdict() {
		body = body.Class("stale").Aria("busy", "true")
	}
	return app.Section().Class("pane", "output-pane").Aria("label", "Results").Body(
		bar,
		body.Body(
			p.request(),
			p.handshake(),
			picker,
			diags,
			p.tabs(),
			&FilterPanel{Starting: p.starting(), Kept: p.startingText("filter-input"), Report: r, Filter: p.filter, Parsed: p.fstate.parsed, Result: p.fstate.result, Undo: p.fundo, Done: fdone, Total: ftotal},
		),
	)
}

// handshake renders the answer to a subscription-validation event.
func (p *Inspector) handshake() app.UI {
	if p.report == nil || p.report.HandshakeResponse == "" {
		return nil
	}
	body := p.report.HandshakeResponse
	return app.Div().Class("handshake").Body(
		app.P().Text("This is a subscription-validation request. Answer it with 200 OK and this JSON body:"),
		app.Pre().ID("handshake-response").Class("code").Text(body),
		app.Button().ID("copy-handshake").Class("btn").Text("Copy response").
			OnClick(handler("copying the response", func(ctx app.Context, e app.Event) { p.copy(ctx, body, "the response") })),
	)
}

// tabs renders the output tabs and the active one's panel.
func (p *Inspector) tabs() app.UI {
	r := p.report
	tab := func(id, label string) app.UI {
		// One tab is in the Tab order, the selected one; the arrow keys,
		// Home and End move between them (see listen).
		tabIndex := -1
		if p.tab == id {
			tabIndex = 0
		}
		return app.Button().ID("tab-"+id).Class("tab").Role("tab").TabIndex(tabIndex).
			Aria("selected", p.tab == id).Aria("controls", "panel").
			Text(label).
			OnClick(handler("switching tabs", func(ctx app.Context, e app.Event) { p.tab = id }), app.EventScope(id))
	}
	egLabel, ceLabel := "Event Grid", "CloudEvents"
	if r != nil && r.EventGrid != nil && r.EventGrid.Native {
		egLabel += " (input)"
	}
	if r != nil && r.CloudEvents != nil && r.CloudEvents.Native {
		ceLabel += " (input)"
	}
	has := p.hasOutput()
	return app.Div().Class("tabs-box").Body(
		app.Div().Class("tabs").Role("tablist").Aria("label", "Outputs").Body(
			tab(tabPretty, "Pretty"),
			tab(tabEventGrid, egLabel),
			tab(tabCloudEvents, ceLabel),
			tab(tabDiff, "Field mapping"),
			tab(tabTimeline, "Timeline"),
		),
		app.Div().ID("panel").Class("panel").Role("tabpanel").Aria("labelledby", "tab-"+p.tab).Body(
			app.Div().Class("row", "panel-actions").Body(
				app.Button().ID("copy-output").Class("btn").Text("Copy").Disabled(!has).
					OnClick(handler("copying the output", func(ctx app.Context, e app.Event) {
						text, _, _ := p.output()
						p.copy(ctx, string(text), p.outputTitle())
					})),
				app.Button().ID("download-output").Class("btn").Text("Download "+extension(p.outputName())).Disabled(!has).
					OnClick(handler("downloading the output", func(ctx app.Context, e app.Event) {
						text, name, mime := p.output()
						download(name, mime, text)
					})),
				p.treeToggle(),
			),
			p.panel(),
		),
	)
}

func extension(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i:]
		}
	}
	return ""
}

// panel renders the active tab's content.
func (p *Inspector) panel() app.UI {
	r := p.report
	if r != nil && !p.complete() {
		// The tabs' names are their panels' ids.
		return app.Pre().ID(p.tab).Class("code", "muted").Text("Formatting the payload and converting it…")
	}
	switch p.tab {
	case tabEventGrid, tabCloudEvents:
		id, form, text := tabEventGrid, detect.EventGrid, p.out.eventGrid
		if p.tab == tabCloudEvents {
			id, form, text = tabCloudEvents, detect.CloudEvents, p.out.cloudEvents
		}
		title := form.Title()
		var conv *inspect.Conversion
		if r != nil {
			conv = r.Conversion(form)
		}
		var note app.UI
		switch {
		case conv == nil:
			return app.Div().ID(id).Class("muted").Text("The " + title + " form appears once the payload is Event Grid or CloudEvents events.")
		case conv.Err != "":
			return app.Div().ID(id).Class("error-text").Text("No " + title + " form: " + conv.Err)
		case conv.Native:
			note = app.P().Class("form-note", "native").Text("Your input is in the " + title + " form; shown pretty-printed.")
		default:
			note = app.P().Class("form-note").Text(conv.Caption(title, p.focus))
		}
		var warn app.UI
		if !r.Valid {
			warn = app.P().ID("convert-warning").Class("notice", "notice-error").Role("note").
				Text(fmt.Sprintf("The input is invalid (%s, listed above): this form carries the errors over. Fix them before you use it.", count(r.Errors, "error", "errors")))
		}
		return app.Div().Body(warn, note, minifiedNote(conv.Minified && p.focus < 0, showAlone), &CodeView{ID: id, Label: title + " form", Text: text})
	case tabDiff:
		return &MappingView{Report: r, Focus: p.focus}
	case tabTimeline:
		return &Timeline{Report: r, Focus: p.focus}
	}
	if p.tree && r != nil && r.Doc != nil {
		return p.treePanel()
	}
	if r == nil || len(p.out.pretty) == 0 {
		msg := "The formatted payload appears here."
		switch {
		case r != nil && r.Request != nil && r.Doc == nil && len(strings.TrimSpace(string(r.Request.Body()))) == 0:
			msg = "This request has no body: there is no payload to format."
		case r != nil && r.Doc == nil:
			msg = "The payload is not valid JSON: fix the syntax error listed above to see it formatted."
		}
		return app.Pre().ID("pretty").Class("code", "muted").Text(msg)
	}
	return app.Div().Body(minifiedNote(r.Minified && p.focus < 0, showAlone), &CodeView{ID: "pretty", Label: "Formatted payload", Text: p.out.pretty})
}

// showAlone is minifiedNote's hint in the inspector.
const showAlone = " Show an event alone to read it indented."

// minifiedNote says, when shown is set, that the text under it is minified
// because indenting it would have made it too large (vocab.MaxPrettyBytes),
// followed by hint; nil otherwise.
func minifiedNote(shown bool, hint string) app.UI {
	if !shown {
		return nil
	}
	return app.P().Class("form-note", "minified-note").Role("note").
		Text(fmt.Sprintf("Shown minified, on one line: indented, this text would be larger than %s (its nesting is deep).%s", sizeLabel(vocab.MaxPrettyBytes), hint))
}
