package usage

import (
	"fmt"
	"testing"
	"time"
)

// TestFixedSumPath pins the design BenchmarkSum1M rests on: a value with an int64
// coefficient and at most 18 decimals adds on the int64 path; the sum switches to
// Decimal, for good, only at a value beyond that or a partial sum that would
// overflow. (The digits of both paths are checked against apd by a property.)
func TestFixedSumPath(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		slow   bool // the sum has left the int64 path
		want   string
	}{
		{"quantities of the benchmark", []string{"3", "0.25", "1250.125"}, false, "1253.375"},
		{"18 decimals", []string{"1", "0.000000000000000001"}, false, "1.000000000000000001"},
		{"negative values", []string{"5", "-7.5"}, false, "-2.5"},
		{"int64 max in one partial", []string{"9223372036854775806", "1"}, false, "9223372036854775807"},
		{"a partial that would overflow", []string{"9223372036854775807", "1"}, true, "9223372036854775808"},
		{"partials at different scales do not overflow each other", []string{"9223372036854775807", "0.1"}, false, "9223372036854775807.1"},
		{"19 decimals", []string{"1", "0.0000000000000000001"}, true, "1.0000000000000000001"},
		{"beyond an int64 coefficient", []string{"1", "12345678901234567890"}, true, "12345678901234567891"},
		{"an exponent", []string{"2", "1e3"}, true, "1002"},
		{"fast again after slow: never", []string{"1e3", "1"}, true, "1001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s fixedSum
			for _, v := range tt.values {
				addSum(&s, parseFixed(v, true), v)
			}
			if s.slow != tt.slow || s.result().String() != tt.want {
				t.Errorf("slow %v, sum %s; want slow %v, sum %s", s.slow, s.result(), tt.slow, tt.want)
			}
		})
	}
}

// TestAggregatorAllocations: adding an event, decoded or as a JSON line, allocates
// nothing once its group or unique value has been seen (events without idempotency
// keys; a key is kept, so it costs its string).
func TestAggregatorAllocations(t *testing.T) {
	events := benchEvents(300)
	lines := make([][]byte, len(events))
	for i, e := range events {
		lines[i] = fmt.Appendf(nil, `{"event_name":"upload","timestamp":%q,"properties":{"region":%q,"quantity":%s,"object":"bucket/key"}}`,
			e.Timestamp.Format(time.RFC3339), e.Properties[0].Value.Text(), e.Properties[1].Value.Text())
	}
	end := benchStart.Add(24 * time.Hour)
	metric := func(agg Aggregation) *Metric {
		m := &Metric{ID: "m", EventName: "upload", Aggregation: agg, Property: "quantity"}
		if agg == Count {
			m.Property = ""
		}
		return m
	}
	for _, req := range []Request{
		{Metric: metric(Sum), Start: benchStart, End: end},
		{Metric: metric(Max), Start: benchStart, End: end},
		{Metric: metric(Min), Start: benchStart, End: end},
		{Metric: metric(Latest), Start: benchStart, End: end},
		{Metric: metric(Count), Start: benchStart, End: end},
		{Metric: metric(UniqueCount), Start: benchStart, End: end},
		{Metric: metric(Sum), Start: benchStart, End: end, GroupBy: []string{"region"}},
	} {
		name := string(req.Metric.Aggregation)
		if req.GroupBy != nil {
			name += " by region"
		}
		t.Run(name, func(t *testing.T) {
			a, err := NewAggregator(req)
			if err != nil {
				t.Fatal(err)
			}
			for i := range events { // every group and unique value seen once, both ways
				if err := a.Add(&events[i]); err != nil {
					t.Fatal(err)
				}
				if err := a.AddJSON(lines[i]); err != nil {
					t.Fatal(err)
				}
			}
			i := 0
			if n := testing.AllocsPerRun(1000, func() { _ = a.Add(&events[i%len(events)]); i++ }); n != 0 {
				t.Errorf("Add: %v allocations per event", n)
			}
			if n := testing.AllocsPerRun(1000, func() { _ = a.AddJSON(lines[i%len(lines)]); i++ }); n != 0 {
				t.Errorf("AddJSON: %v allocations per event", n)
			}
		})
	}
}
