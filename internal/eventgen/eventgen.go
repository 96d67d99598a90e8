// Package eventgen generates deterministic usage events as JSON Lines, for
// benchmarks and for trying the CLI on large inputs. It imports nothing of ours.
package eventgen

import (
	"io"
	"strconv"
	"time"
)

// Options shape the generated events.
type Options struct {
	N               int       // number of events
	Start           time.Time // timestamp of the first event; the others follow a second apart
	Name            string    // event_name; default "api_call"
	IdempotencyKeys bool      // give every event a unique idempotency_key
}

// Reader returns a reader of the events as JSON Lines, generated as they are read:
// each line has three properties, a region (eu, us, ap), a quantity cycling through
// 3, 0.25 and 1250.125, and an object name.
func Reader(o Options) io.Reader {
	if o.Name == "" {
		o.Name = "api_call"
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return &reader{o: o}
}

type reader struct {
	o    Options
	i    int
	buf  []byte // the current line, reused
	line []byte // the part of buf not yet read
}

var (
	regions    = []string{"eu", "us", "ap"}
	quantities = []string{"3", `"0.25"`, "1250.125"}
)

func (r *reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.line) == 0 {
			if r.i == r.o.N {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			r.buf = r.appendLine(r.buf[:0], r.i)
			r.line = r.buf
			r.i++
		}
		c := copy(p[n:], r.line)
		n += c
		r.line = r.line[c:]
	}
	return n, nil
}

func (r *reader) appendLine(b []byte, i int) []byte {
	b = append(b, `{"event_name":"`...)
	b = append(b, r.o.Name...)
	b = append(b, `","timestamp":"`...)
	b = r.o.Start.Add(time.Duration(i)*time.Second).UTC().AppendFormat(b, time.RFC3339)
	b = append(b, `","properties":{"region":"`...)
	b = append(b, regions[i%3]...)
	b = append(b, `","quantity":`...)
	b = append(b, quantities[i%3]...)
	b = append(b, `,"object":"bucket/object-`...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `"}`...)
	if r.o.IdempotencyKeys {
		b = append(b, `,"idempotency_key":"evt-`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, '"')
	}
	return append(b, "}\n"...)
}
