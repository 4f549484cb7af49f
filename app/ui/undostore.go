package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/textpos"
)

// localStorage keys of the text the Undo button brings back, and of the
// button's label, kept beside the draft so that a reload still offers
// Undo.
const (
	undoKey     = "eventlens.undo"
	undoWhatKey = "eventlens.undo.what"
)

// undoNotKept is what the toast says beside Undo when its text could not
// be kept across a reload.
const undoNotKept = "Not kept across a reload: the text is too long for the browser's storage."

// keep makes u the text the Undo button brings back (none when !u.ok()),
// and keeps it in localStorage with the draft, within the draft's limit
// (maxDraft). A longer text, or one the storage refuses (it is full), is
// kept in memory only, and the toast says so beside the button.
func (p *Inspector) keep(u undo) {
	p.undo = u
	p.undoStored = storeUndo(u)
}

// storeUndo writes u to localStorage, or removes the stored one when u is
// empty; it reports whether u is stored.
func storeUndo(u undo) (stored bool) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return false
	}
	if !u.ok() {
		forgetStoredUndo()
		return true
	}
	v := u.value
	if u.big != "" {
		if len(u.big) > maxDraft && textpos.UTF16Len(u.big) > maxDraft {
			forgetStoredUndo()
			return false
		}
		v = app.ValueOf(u.big)
	} else if jsLen(v) > maxDraft {
		forgetStoredUndo()
		return false
	}
	if !storeItem(undoKey, v) || !storeItem(undoWhatKey, u.what) {
		forgetStoredUndo() // the storage is full
		return false
	}
	return true
}

// forgetStoredUndo removes the stored Undo text.
func forgetStoredUndo() {
	if ls := app.Window().Get("localStorage"); ls.Truthy() {
		ls.Call("removeItem", undoKey)
		ls.Call("removeItem", undoWhatKey)
	}
}

// storedUndo returns the Undo text a previous visit kept, if any.
func storedUndo() (undo, bool) {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return undo{}, false
	}
	v, what := ls.Call("getItem", undoKey), ls.Call("getItem", undoWhatKey)
	if v.IsNull() || v.IsUndefined() || jsLen(v) == 0 {
		return undo{}, false
	}
	u := undoOf(v)
	if !what.IsNull() && !what.IsUndefined() {
		u.what = what.String()
	}
	return u, true
}
