// The code editor for large payloads: CodeMirror 6, which draws only the
// lines in view, so a keystroke in megabytes of text costs what it does in
// a short one (a textarea lays out its whole value on every edit).
//
// It defines window.eventlensEditor.create(parent, text, opts), which the
// app (app/ui/codetext.go) calls once web/editor.js has loaded. Positions
// are UTF-16 code units, as CodeMirror's and a textarea's are. `make
// editor` bundles this file into ../editor.js.
import {EditorSelection, EditorState} from "@codemirror/state";
import {EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap} from "@codemirror/commands";
import {highlightSelectionMatches, search, searchKeymap} from "@codemirror/search";

// create makes an editor holding text in parent. opts:
//   label, describedBy: the editable region's accessible name and description
//   onEdit(kind): after the text changed, once per task at most; kind is
//     "paste" for a paste or a drop, else "type"
//   onRun(): Ctrl+Enter (Cmd+Enter)
//   onCaret(): the selection moved without an edit
// It returns the handle the app drives the editor through.
function create(parent, text, opts) {
  let pending = null; // the changes since the last take()
  let version = 0; // counts the changes of the text
  let kind = "";
  let queued = false;
  // picked is the selection select() made to show a place: Tab leaves the
  // editor from it, as it would from the list the user came from.
  let picked = null;

  const notify = () => {
    queued = false;
    const k = kind || "type";
    kind = "";
    opts.onEdit(k);
  };
  const follow = EditorView.updateListener.of(u => {
    if (u.docChanged) {
      version++;
      pending = pending ? pending.compose(u.changes) : u.changes;
      if (u.transactions.some(tr => tr.isUserEvent("input.paste") || tr.isUserEvent("input.drop"))) kind = "paste";
      // After the update: the app may read or change the editor then.
      if (!queued) { queued = true; queueMicrotask(notify); }
    } else if (u.selectionSet) {
      queueMicrotask(() => opts.onCaret());
    }
  });
  const keys = keymap.of([
    {key: "Mod-Enter", run: () => { opts.onRun(); return true; }},
    // Escape then Tab leaves the editor (Escape also reduces the selection).
    {key: "Escape", run: view => { view.setTabFocusMode(2000); return false; }},
    {key: "Tab", run: view => {
      const m = view.state.selection.main;
      if (picked && !m.empty && m.from === picked[0] && m.to === picked[1]) {
        picked = null;
        return false; // the browser moves the focus on
      }
      view.dispatch(view.state.replaceSelection("  "), {userEvent: "input.type", scrollIntoView: true});
      return true;
    }},
  ]);
  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    highlightActiveLine(),
    history(),
    search({top: true}),
    highlightSelectionMatches(),
    keys,
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
    follow,
    EditorView.contentAttributes.of({
      "aria-label": opts.label || "Payload",
      "aria-describedby": opts.describedBy || "",
      spellcheck: "false",
      autocorrect: "off",
      autocapitalize: "off",
    }),
  ];
  const view = new EditorView({parent, state: EditorState.create({doc: text, extensions})});

  const clamp = (n) => Math.min(Math.max(n | 0, 0), view.state.doc.length);
  const handle = {
    // length returns the text's length.
    length: () => view.state.doc.length,
    // text returns the whole text.
    text: () => view.state.doc.toString(),
    // version returns a number that changes with every change of the text.
    version: () => version,
    // take returns what changed since the last take(), as
    // [p, s, mid]: the text's first p and last s code units are those of
    // the text then, and mid is what lies between them now; null when
    // nothing changed.
    take: () => {
      if (!pending) return null;
      const c = pending;
      pending = null;
      let from = c.length, toA = 0, toB = 0;
      c.iterChangedRanges((fa, ta, fb, tb) => {
        from = Math.min(from, fa);
        toA = Math.max(toA, ta);
        toB = Math.max(toB, tb);
      });
      if (from > toA) return null; // no range changed
      return [from, c.length - toA, view.state.doc.sliceString(from, toB)];
    },
    // replace replaces [from, to) with insert, as one edit Ctrl+Z undoes.
    replace: (from, to, insert) => {
      view.dispatch({changes: {from: clamp(from), to: clamp(to), insert}, userEvent: "input.replace"});
    },
    // set replaces the whole text, as a new start: no undo reaches before
    // it, and take() describes what changes after it.
    set: (t) => {
      pending = null;
      version++;
      view.setState(EditorState.create({doc: t, extensions}));
    },
    // selection returns the main selection's [anchor, head].
    selection: () => {
      const m = view.state.selection.main;
      return [m.anchor, m.head];
    },
    // select selects [from, to), scrolls it to the middle of the view and
    // focuses the editor.
    select: (from, to) => {
      from = clamp(from); to = clamp(to);
      picked = from === to ? null : [from, to];
      view.dispatch({selection: EditorSelection.single(from, to), effects: EditorView.scrollIntoView(from, {y: "center"})});
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => { view.destroy(); delete parent.eventlensEditor; },
  };
  parent.eventlensEditor = handle; // for the page's tests
  return handle;
}

window.eventlensEditor = {create};
