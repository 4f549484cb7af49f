//go:build !wasm

package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"sync"

	"github.com/andybalholm/brotli"
)

// Level sets how hard the site's files are compressed.
type Level struct {
	gzip   int
	brotli int
}

var (
	// ServeLevel keeps start-up short: brotli 5 compresses a 7 MB app.wasm
	// in about 0.3 s on two cores, within 3 % of quality 9.
	ServeLevel = Level{gzip: gzip.DefaultCompression, brotli: 5}
	// ExportLevel is for the static export, done once per deploy: brotli 9
	// takes about 1.3 s for 7 MB (quality 11 would take ~45 s for 1 % less).
	ExportLevel = Level{gzip: gzip.BestCompression, brotli: 9}
)

// minCompressSize is the size below which compressing is not worth a
// Content-Encoding.
const minCompressSize = 512

// compressKey identifies one compression result in compressCache.
type compressKey struct {
	sum   [sha256.Size]byte
	level Level
}

// compressed holds both encodings of one body.
type compressed struct{ gz, br []byte }

// compressCache keeps compressed bodies for the life of the process, so
// building the same site again (a restart in tests, an export after a
// serve) does not compress the same bytes twice.
var compressCache sync.Map // compressKey -> compressed

// compress fills in gz and br for every compressible file, keeping an
// encoding only when it is smaller than the original.
func (s *Site) compress(level Level) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, f := range s.files {
		if !compressible(f.ctype) || len(f.body) < minCompressSize {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := compressBody(f.body, level)
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
				return
			}
			if len(c.gz) < len(f.body) {
				f.gz = c.gz
			}
			if len(c.br) < len(f.body) {
				f.br = c.br
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// compressBody returns body in gzip and brotli, from compressCache when it
// has them.
func compressBody(body []byte, level Level) (compressed, error) {
	key := compressKey{sum: sha256.Sum256(body), level: level}
	if c, ok := compressCache.Load(key); ok {
		return c.(compressed), nil
	}
	var c compressed
	var gzErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var b bytes.Buffer
		zw, err := gzip.NewWriterLevel(&b, level.gzip)
		if err == nil {
			_, err = zw.Write(body)
		}
		if err == nil {
			err = zw.Close()
		}
		c.gz, gzErr = b.Bytes(), err
	}()
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, level.brotli)
	_, brErr := bw.Write(body)
	if brErr == nil {
		brErr = bw.Close()
	}
	c.br = b.Bytes()
	wg.Wait()
	if gzErr != nil {
		return compressed{}, gzErr
	}
	if brErr != nil {
		return compressed{}, brErr
	}
	compressCache.Store(key, c)
	return c, nil
}
