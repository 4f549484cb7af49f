package ui

import (
	"reflect"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestWarmUpDrawsThePage checks that the warm-up's drawing of the page goes
// through from a zero Inspector, as in the compiling worker, where a panic
// would end a drawing early.
func TestWarmUpDrawsThePage(t *testing.T) {
	if !WarmUp() {
		t.Fatal("WarmUp panicked drawing a zero component")
	}
}

// TestDrawnComponentsFindsTheFirstPagesComponents checks that the warm-up
// finds the components a zero Inspector's page holds, however deep in its
// elements, and only those.
func TestDrawnComponentsFindsTheFirstPagesComponents(t *testing.T) {
	var got []string
	for _, c := range drawnComponents((&Inspector{}).Render()) {
		got = append(got, c.String())
	}
	want := []string{"*ui.UpdateBanner", "*ui.InstallButton", "*ui.LargeView", "*ui.FilterPanel"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("components in a zero Inspector's page: %v, want %v", got, want)
	}
	// A component inside nested elements and a slice, beside text.
	tree := app.Div().Body(app.Text("a"), app.Ul().Body(app.Li().Body(&FilterPanel{}), app.Li().Text("b")), &LargeView{})
	got = got[:0]
	for _, c := range drawnComponents(tree) {
		got = append(got, c.String())
	}
	if want := []string{"*ui.FilterPanel", "*ui.LargeView"}; !reflect.DeepEqual(got, want) {
		t.Errorf("components in a nested tree: %v, want %v", got, want)
	}
}
