package usage_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/ratecard/ratecard/internal/eventgen"
	"github.com/ratecard/ratecard/usage"
)

// jsonl1M holds 1,000,000 generated JSON lines (3 properties and an idempotency key
// each), made once.
var jsonl1M []byte

func millionLines(b *testing.B) []byte {
	if jsonl1M == nil {
		data, err := io.ReadAll(eventgen.Reader(eventgen.Options{N: 1_000_000, IdempotencyKeys: true}))
		if err != nil {
			b.Fatal(err)
		}
		jsonl1M = data
	}
	return jsonl1M
}

var jsonlRequest = usage.Request{
	Metric: &usage.Metric{ID: "m_quantity", EventName: "api_call", Aggregation: usage.Sum, Property: "quantity"},
	Start:  time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	End:    time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
}

// BenchmarkJSONL1M reads and aggregates the lines: scan, deduplicate by idempotency
// key, filter by name and period, sum the quantity.
func BenchmarkJSONL1M(b *testing.B) {
	data := millionLines(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		a, err := usage.NewAggregator(jsonlRequest)
		if err != nil {
			b.Fatal(err)
		}
		n, err := a.ReadJSONL(bytes.NewReader(data))
		if err != nil || n != 1_000_000 {
			b.Fatal(n, err)
		}
		sinkResults = a.Results()
	}
}

// BenchmarkJSONL1MEncodingJSON only decodes the same lines with encoding/json into a
// struct whose properties are typed fields (its fastest way), the reference for
// BenchmarkJSONL1M.
func BenchmarkJSONL1MEncodingJSON(b *testing.B) {
	data := millionLines(b)
	type event struct {
		EventName  string    `json:"event_name"`
		Timestamp  time.Time `json:"timestamp"`
		Properties struct {
			Region   string      `json:"region"`
			Quantity json.Number `json:"quantity"`
			Object   string      `json:"object"`
		} `json:"properties"`
		IdempotencyKey string `json:"idempotency_key"`
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(data))
		n := 0
		for sc.Scan() {
			var e event
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1_000_000 {
			b.Fatal(n)
		}
	}
}

var sinkResults []usage.Result

// TestJSONLMemoryFlat streams 20,000 and then 200,000 generated events without
// idempotency keys through ReadJSONL and checks that the bytes allocated do not grow
// with the number of events.
func TestJSONLMemoryFlat(t *testing.T) {
	allocated := func(n int) uint64 {
		a, err := usage.NewAggregator(jsonlRequest)
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := a.ReadJSONL(eventgen.Reader(eventgen.Options{N: n})); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(20_000), allocated(200_000)
	if large > small+64<<10 {
		t.Errorf("allocated %d bytes for 20,000 events and %d for 200,000: memory grows with the events", small, large)
	}
	t.Logf("allocated %d bytes for 20,000 events, %d for 200,000", small, large)
}
