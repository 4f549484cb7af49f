// Package vocab is eventlens's domain vocabulary, declared once for every
// other package to read: the attributes of the two event forms and how they
// map onto each other (attributes.go), the diagnostic codes with their
// severity, summary and source (codes.go), and the limits the checks apply
// (limits.go).
//
// These are the nouns that detection, validation, the semantic checks,
// conversion, the field map, the generator, the UI and the generated docs
// share; a new attribute, code or limit is one edit here. The package
// imports nothing but the standard library, so that every engine package,
// down to the decoder (app/jsontree), can import it.
package vocab
