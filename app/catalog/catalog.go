// Package catalog lists the event types eventlens knows: the SignalR Service
// types whose data it validates, the Event Grid subscription-validation
// event, and other Azure types it recognises without checking their data.
package catalog

import (
	"slices"
	"strings"
)

// The SignalR Service event types and the Event Grid handshake type.
const (
	Connected    = "Microsoft.SignalRService.ClientConnectionConnected"
	Disconnected = "Microsoft.SignalRService.ClientConnectionDisconnected"
	Validation   = "Microsoft.EventGrid.SubscriptionValidationEvent"
	Deletion     = "Microsoft.EventGrid.SubscriptionDeletedEvent"
)

// Type describes one known event type.
type Type struct {
	Name        string // exact, case-sensitive type name
	DataVersion string // the dataVersion Azure emits for it, "" when unknown
	DataChecked bool   // whether eventlens validates its data against a schema
}

// SignalR lists the SignalR Service event types, whose data is validated.
var SignalR = []Type{
	{Name: Connected, DataVersion: "1.0", DataChecked: true},
	{Name: Disconnected, DataVersion: "1.0", DataChecked: true},
}

// EventGrid lists Event Grid's own system events.
var EventGrid = []Type{
	// Current docs show dataVersion "1" for the validation event; older ones
	// showed "2". Both are accepted: eventlens does not check a known
	// type's dataVersion, and converting to Event Grid writes "1".
	{Name: Validation, DataVersion: "1", DataChecked: true},
	{Name: Deletion, DataVersion: "1", DataChecked: false},
}

// Known returns the type with exactly this name, and whether there is one.
func Known(name string) (Type, bool) {
	for _, list := range [][]Type{SignalR, EventGrid} {
		for _, t := range list {
			if t.Name == name {
				return t, true
			}
		}
	}
	return Type{}, false
}

// AzureServices lists the services whose system events Azure Event Grid
// delivers, as the second segment of their event types
// ("Microsoft.<Service>.<Event>"), from the Event Grid docs' event-schema
// pages and the Azure SDKs' system-event models.
var AzureServices = []string{
	"ApiCenter", "ApiManagement", "AppConfiguration", "AVS", "Cache", "Communication",
	"ContainerRegistry", "ContainerService", "DataBox", "Devices", "EventGrid", "EventHub",
	"HealthcareApis", "KeyVault", "MachineLearningServices", "Maps", "Media", "PolicyInsights",
	"ResourceNotifications", "Resources", "ServiceBus", "SignalRService", "Storage", "Web",
}

// IsAzure reports whether name is the event type of an Azure service
// ("Microsoft.<Service>.<Event>" with a service of AzureServices), known to
// eventlens or not. The "Microsoft." prefix alone does not make a type
// Azure's: documentation examples use "Microsoft.Contoso.TestEvent" for
// custom events.
func IsAzure(name string) bool {
	rest, ok := strings.CutPrefix(name, "Microsoft.")
	if !ok {
		return false
	}
	svc, ev, ok := strings.Cut(rest, ".")
	return ok && ev != "" && slices.Contains(AzureServices, svc)
}

// Suggest returns the known type that name most likely misspells, and
// whether there is one: a case-insensitive match, or one within a small edit
// distance once case and spaces are ignored.
func Suggest(name string) (string, bool) {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	n := norm(name)
	best, bestDist := "", -1
	for _, list := range [][]Type{SignalR, EventGrid} {
		for _, t := range list {
			if t.Name == name {
				return "", false
			}
			d := Distance(n, norm(t.Name))
			if bestDist < 0 || d < bestDist {
				best, bestDist = t.Name, d
			}
		}
	}
	// Allow about one edit per five characters of the known name.
	if bestDist >= 0 && bestDist <= max(2, len(best)/5) {
		return best, true
	}
	return "", false
}

// Distance is the Levenshtein edit distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
