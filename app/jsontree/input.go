package jsontree

import (
	"eventlens/app/ascii"
	"eventlens/app/vocab"
	"fmt"
	"unicode/utf8"
)

// checkEncoding refuses UTF-16 and invalid UTF-8, and skips a UTF-8 BOM.
func (p *parser) checkEncoding() *SyntaxError {
	src := p.src
	if len(src) >= 2 && (src[0] == 0xFE && src[1] == 0xFF || src[0] == 0xFF && src[1] == 0xFE) {
		return &SyntaxError{Code: vocab.JSONUTF16, Pos: Pos{Line: 1, Column: 1}, End: 2,
			Msg: "the input is UTF-16 (it starts with a UTF-16 byte-order mark): JSON must be UTF-8: re-save the file as UTF-8"}
	}
	if len(src) >= 2 && (src[0] == 0) != (src[1] == 0) {
		return &SyntaxError{Code: vocab.JSONUTF16, Pos: Pos{Line: 1, Column: 1}, End: 2,
			Msg: "the input looks like UTF-16 (every other byte is zero): JSON must be UTF-8: re-save the file as UTF-8"}
	}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.start = 3
		p.notes = append(p.notes, Note{Code: vocab.JSONBOM, Pos: Pos{Line: 1, Column: 1}, End: 3,
			Message: "the input starts with a UTF-8 byte-order mark; it was ignored, but some receivers reject it: save the file as UTF-8 without BOM"})
	}
	i := ascii.Run(p.text, p.start)
	if i == len(src) {
		p.ascii = true
		return nil
	}
	if utf8.Valid(src[i:]) {
		return nil
	}
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return p.errAt(vocab.JSONInvalidUTF8, i, i+1, "", fmt.Sprintf(
				"byte 0x%02X is not valid UTF-8: the file is not UTF-8 (perhaps saved as Latin-1/Windows-1252 or UTF-16): re-save it as UTF-8",
				src[i]))
		}
		i += size
	}
	return nil
}

// TooLarge returns the error Parse gives for n bytes of input over a limit
// of limit bytes, for callers that refuse such input without reading it.
func TooLarge(n, limit int) *SyntaxError {
	return &SyntaxError{Code: vocab.JSONTooLarge, Pos: Pos{Line: 1, Column: 1},
		Msg: fmt.Sprintf("the input is %s, more than the %s limit: split the batch into smaller payloads",
			formatSize(n), formatSize(limit))}
}

// formatSize writes n bytes as MiB (of 1<<20 bytes) or bytes.
func formatSize(n int) string {
	const mb = 1 << 20
	switch {
	case n%mb == 0:
		return fmt.Sprintf("%d MiB", n/mb)
	case n >= mb/10:
		return fmt.Sprintf("%.1f MiB", float64(n)/mb)
	}
	return fmt.Sprintf("%d bytes", n)
}
