package ui

// rowWindow is the part of a long list of rows that a view draws: the
// rows in view and overscan more on each side, so that only a few dozen
// rows are ever in the page, whatever the list's length. Rows are height
// pixels high (a view with rows of other heights maps pixels to rows
// itself and sets first).
type rowWindow struct {
	height   int // a row's height in pixels, as the view's CSS says
	visible  int // the rows in view
	overscan int // the rows drawn on each side of them
	first    int // the first row in view
}

// span returns the rows drawn of a list of n: [from, to).
func (w rowWindow) span(n int) (from, to int) {
	to = min(w.first+w.visible+w.overscan, n)
	return min(max(w.first-w.overscan, 0), to), to
}

// spacers returns the heights in pixels of the space above and below the
// rows drawn of a list of n.
func (w rowWindow) spacers(n int) (before, after int) {
	from, to := w.span(n)
	return from * w.height, (n - to) * w.height
}

// scrollTo makes the row at scrollTop pixels the first in view; it
// reports whether that changed the rows in view.
func (w *rowWindow) scrollTo(scrollTop int) bool {
	return w.setFirst(scrollTop / w.height)
}

// setFirst makes row i the first in view; it reports whether that changed
// it.
func (w *rowWindow) setFirst(i int) bool {
	i = max(i, 0)
	if i == w.first {
		return false
	}
	w.first = i
	return true
}
