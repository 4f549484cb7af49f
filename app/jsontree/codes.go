package jsontree

// Codes of fatal decoding errors (SyntaxError.Code).
const (
	// CodeSyntax (JSON001): the text breaks the JSON grammar: an unexpected
	// character, an unterminated string, a bad escape, a control character in
	// a string, a malformed number or literal, a comment, a single-quoted
	// string or a trailing comma.
	CodeSyntax = "JSON001"
	// CodeEmpty (JSON002): the input holds nothing but white space.
	CodeEmpty = "JSON002"
	// CodeTrailingData (JSON003): more text follows the top-level value.
	CodeTrailingData = "JSON003"
	// CodeInvalidUTF8 (JSON004): the input is not valid UTF-8; the error is
	// at the first bad byte.
	CodeInvalidUTF8 = "JSON004"
	// CodeTooDeep (JSON005): objects and arrays nest deeper than
	// Options.MaxDepth; the error is at the first bracket past the limit.
	CodeTooDeep = "JSON005"
	// CodeTooLarge (JSON006): the input is larger than Options.MaxBytes; it
	// is refused before any decoding.
	CodeTooLarge = "JSON006"
	// CodeUTF16 (JSON007): the input is UTF-16 (it starts with a UTF-16
	// byte-order mark, or one of its first two bytes is zero).
	CodeUTF16 = "JSON007"
)

// Codes of non-fatal findings (Note.Code).
const (
	// CodeBOM (JSON101, info): a UTF-8 byte-order mark starts the input; it
	// was skipped.
	CodeBOM = "JSON101"
	// CodeDuplicateKey (JSON102, warning): an object has the same key more
	// than once; the note is at the later occurrence, Other at the first.
	CodeDuplicateKey = "JSON102"
	// CodeNumberPrecision (JSON103, warning): a number that a float64 cannot
	// hold: it overflows to ±Inf, underflows to 0, or is an integer beyond
	// 2^53 that is not exactly representable.
	CodeNumberPrecision = "JSON103"
	// CodeLoneSurrogate (JSON104, warning): a \u escape names half of a
	// UTF-16 surrogate pair without the other half; it decodes as U+FFFD,
	// as encoding/json does.
	CodeLoneSurrogate = "JSON104"
)

// Severity of a note: NoteInfo for CodeBOM, NoteWarning for the others.
const (
	NoteInfo    = "info"
	NoteWarning = "warning"
)
