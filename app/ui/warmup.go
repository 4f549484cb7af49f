package ui

import (
	"reflect"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WarmUp draws the app's page once, as trees of values, without a browser
// page: the compiling worker's run of Go's start (wasm/main.go) calls it so
// that V8 compiles the code of the first drawing there, not on the page's
// thread. It draws a zero Inspector, then a zero value of every component
// type found in what is drawn, and so on down (drawnComponents): each
// component's Render runs once, as the first page's mount will run it (in
// the page, a component the warm-up left out took up to 21 ms of the
// page's thread to draw the first time at 1x, against under 1 ms once
// compiled). It reports
// whether every drawing went through; a panic (code that needs a page, or
// a zero value the component does not expect) ends that drawing only,
// which leaves more to compile later.
func WarmUp() (ok bool) {
	ok = true
	seen := map[reflect.Type]bool{}
	var draw func(c app.Composer)
	draw = func(c app.Composer) {
		var drawn app.UI
		func() {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			drawn = c.Render()
		}()
		for _, t := range drawnComponents(drawn) {
			if !seen[t] {
				seen[t] = true
				draw(reflect.New(t.Elem()).Interface().(app.Composer))
			}
		}
	}
	seen[reflect.TypeOf(&Inspector{})] = true
	draw(&Inspector{})
	return ok
}

var (
	uiType       = reflect.TypeFor[app.UI]()
	composerType = reflect.TypeFor[app.Composer]()
)

// drawnComponents returns the types (pointers to structs) of the
// components in a drawn tree of values, in the order they appear, without
// descending into them. It follows only what holds elements (values,
// fields and slices of app.UI), reading go-app's elements by reflection.
func drawnComponents(v app.UI) []reflect.Type {
	var found []reflect.Type
	visited := map[uintptr]bool{} // elements point to their parent once mounted
	var walk func(rv reflect.Value)
	walk = func(rv reflect.Value) {
		switch rv.Kind() {
		case reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem())
			}
		case reflect.Pointer:
			if rv.IsNil() || visited[rv.Pointer()] {
				return
			}
			visited[rv.Pointer()] = true
			if rv.Type().Implements(composerType) {
				found = append(found, rv.Type())
				return
			}
			walk(rv.Elem())
		case reflect.Struct:
			// go-app's elements embed the struct that holds their children.
			for i := range rv.NumField() {
				if f, sf := rv.Field(i), rv.Type().Field(i); holdsElements(f.Type()) || (sf.Anonymous && f.Kind() == reflect.Struct) {
					walk(f)
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				walk(rv.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return found
}

// holdsElements reports whether a field of type t can hold drawn elements:
// an app.UI, or a slice or array of them.
func holdsElements(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return holdsElements(t.Elem())
	case reflect.Interface, reflect.Pointer:
		return t.Implements(uiType)
	}
	return false
}
