package catalog

import "testing"

func TestSuggest(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Microsoft.signalrService.ClientConnectionDis ligados", Disconnected, true},
		{"microsoft.signalrservice.clientconnectionconnected", Connected, true},
		{"Microsoft.SignalRService.ClientConnectionConected", Connected, true},
		{"Microsoft.SignalRService.ClientConnectionDisconected", Disconnected, true},
		{"Microsoft.EventGrid.SubscriptionValidationEvnt", Validation, true},
		{Connected, "", false},
		{"Microsoft.Storage.BlobCreated", "", false},
		{"com.example.order.created", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Suggest(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKnownAndIsAzure(t *testing.T) {
	if ty, ok := Known(Disconnected); !ok || !ty.DataChecked || ty.DataVersion != "1.0" {
		t.Errorf("Known(Disconnected) = %+v, %v", ty, ok)
	}
	if _, ok := Known("microsoft.signalrservice.clientconnectionconnected"); ok {
		t.Error("Known must be case-sensitive")
	}
	for in, want := range map[string]bool{
		"Microsoft.Storage.BlobCreated":                   true,
		"Microsoft.Storage":                               false,
		"Contoso.Items.ItemReceived":                      false,
		"Microsoft..X":                                    false,
		"Microsoft.Contoso.TestEvent":                     false, // the docs' custom-event example
		"Microsoft.EventGrid.SubscriptionValidationEvent": true,
	} {
		if got := IsAzure(in); got != want {
			t.Errorf("IsAzure(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestValidationDataVersion: the validation event's dataVersion is "1", as
// Azure's current docs and samples show.
func TestValidationDataVersion(t *testing.T) {
	if ty, ok := Known(Validation); !ok || ty.DataVersion != "1" {
		t.Errorf("Known(Validation) = %+v, %v; want dataVersion \"1\"", ty, ok)
	}
}
