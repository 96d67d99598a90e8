// Command genevents writes deterministic usage events as JSON Lines, for trying the
// CLI on large inputs and for the benchmarks in BENCHMARKS.md:
//
//	go run ./internal/cmd/genevents -n 1000000 > events.jsonl
//
// Each event is named api_call (or -name), a second after the previous from -start,
// with a region, a quantity (3, 0.25 or 1250.125) and an object name; -keys adds a
// unique idempotency_key.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ratecard/ratecard/internal/eventgen"
)

func main() {
	n := flag.Int("n", 1000, "number of events")
	start := flag.String("start", "2026-01-01T00:00:00Z", "timestamp of the first event (RFC 3339)")
	name := flag.String("name", "api_call", "event_name")
	keys := flag.Bool("keys", false, "give each event a unique idempotency_key")
	flag.Parse()
	t, err := time.Parse(time.RFC3339, *start)
	if err != nil || *n < 0 {
		fmt.Fprintln(os.Stderr, "genevents: -start must be RFC 3339 and -n ≥ 0")
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	_, err = io.Copy(w, eventgen.Reader(eventgen.Options{N: *n, Start: t, Name: *name, IdempotencyKeys: *keys}))
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genevents:", err)
		os.Exit(1)
	}
}
