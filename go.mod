module eventlens

go 1.26

require (
	github.com/andybalholm/brotli v1.2.0
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/maxence-charriere/go-app/v10 v10.1.11
	github.com/xeipuuv/gojsonreference v0.0.0-20180127040603-bd5ef7bd5415
	github.com/xeipuuv/gojsonschema v1.2.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/xeipuuv/gojsonpointer v0.0.0-20180127040702-4e3ac2762d5f // indirect
)

// A copy of gojsonschema v1.2.0 whose error messages are formatted without
// text/template (see third_party/gojsonschema/PATCHES.md): text/template
// makes the linker keep every exported method of every type, which put
// app.wasm over its size budget.
replace github.com/xeipuuv/gojsonschema v1.2.0 => ./third_party/gojsonschema

// A copy of go-app v10.1.11's pkg/app and pkg/errors whose server handler
// (http.go) is built only outside WebAssembly (see
// third_party/go-app/PATCHES.md): importing net/http from the client made
// app.wasm link crypto/tls, crypto/x509 and their initialisation.
replace github.com/maxence-charriere/go-app/v10 v10.1.11 => ./third_party/go-app
