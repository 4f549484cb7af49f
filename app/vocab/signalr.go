package vocab

// Members of a SignalR Service connection event's data object (both forms
// carry the same data), as Azure's event schema names them: the checks
// (app/lint, app/schema's messages), the conversion and the summary of a
// batch (app/summary) read them; the schemas under app/schema spell them
// in JSON.
const (
	HubName      = "hubName"      // the hub the client connected to
	ConnectionID = "connectionId" // the connection, unique per connection: pairs Connected with Disconnected
	UserID       = "userId"       // the user the connection belongs to, when the app set one
	ErrorMessage = "errorMessage" // why a connection closed, on some Disconnected events
	Timestamp    = "timestamp"    // when the connection event happened (RFC 3339)
)
