package usage

import (
	"testing"
	"time"
)

// Benchmarks for the acceptance targets of aggregation. BenchmarkSum1M and its
// references sum the same 1,000,000 decoded events, whose "quantity" cycles through
// "3", "0.25" and "1250.125".

const million = 1_000_000

var (
	sinkResult []Result
	sinkInt    int64
)

var benchStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// scaleTo3 multiplies a coefficient of scale 0–3 to scale 3 (the quantities' largest).
var scaleTo3 = [4]int64{1000, 100, 10, 1}

// benchEvents returns n decoded events of one name with three properties each.
func benchEvents(n int) []Event {
	quantities := []string{"3", "0.25", "1250.125"}
	regions := []string{"eu", "us", "ap"}
	events := make([]Event, n)
	for i := range events {
		q, _ := Number(quantities[i%3])
		events[i] = Event{
			Name:      "upload",
			Timestamp: benchStart.Add(time.Duration(i) * time.Second),
			Properties: []Property{
				{Key: "region", Value: String(regions[i%3])},
				{Key: "quantity", Value: q},
				{Key: "object", Value: String("bucket/key")},
			},
		}
	}
	return events
}

var sumMetric = &Metric{ID: "m_quantity", EventName: "upload", Aggregation: Sum, Property: "quantity"}

func BenchmarkSum1M(b *testing.B) {
	events := benchEvents(million)
	req := Request{Metric: sumMetric, Start: benchStart, End: benchStart.Add(365 * 24 * time.Hour)}
	b.ReportAllocs()
	for b.Loop() {
		a, err := NewAggregator(req)
		if err != nil {
			b.Fatal(err)
		}
		for i := range events {
			if err := a.Add(&events[i]); err != nil {
				b.Fatal(err)
			}
		}
		sinkResult = a.Results()
	}
}

// BenchmarkSum1MInt64Reference sums the same events' quantities as plain int64 at
// scale 3, reading each event's already-parsed value: the floor for a loop over
// decoded events.
func BenchmarkSum1MInt64Reference(b *testing.B) {
	events := benchEvents(million)
	b.ReportAllocs()
	for b.Loop() {
		var sum int64
		for i := range events {
			for _, p := range events[i].Properties {
				if p.Key == "quantity" {
					sum += p.Value.coef * scaleTo3[p.Value.scale]
					break
				}
			}
		}
		sinkInt = sum
	}
}

// BenchmarkSum1MInt64Slice sums the same quantities held in a bare []int64: the floor
// of all floors, which touches 8 bytes per value instead of an event.
func BenchmarkSum1MInt64Slice(b *testing.B) {
	events := benchEvents(million)
	values := make([]int64, len(events))
	for i := range events {
		v := events[i].Properties[1].Value.num()
		values[i] = v.coef * scaleTo3[v.scale]
	}
	b.ReportAllocs()
	for b.Loop() {
		var sum int64
		for _, v := range values {
			sum += v
		}
		sinkInt = sum
	}
}
