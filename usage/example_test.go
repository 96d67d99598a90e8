package usage_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ratecard/ratecard/usage"
)

func ExampleAggregate() {
	events := []usage.Event{}
	for _, line := range []string{
		`{"event_name": "upload", "timestamp": "2026-01-05T10:00:00Z", "properties": {"bytes": 1250.5}, "idempotency_key": "u1"}`,
		`{"event_name": "upload", "timestamp": "2026-01-05T10:00:00Z", "properties": {"bytes": 1250.5}, "idempotency_key": "u1"}`, // a retry
		`{"event_name": "upload", "timestamp": "2026-01-20T08:00:00Z", "properties": {"bytes": "250.25"}}`,
		`{"event_name": "upload", "timestamp": "2026-02-01T00:00:00Z", "properties": {"bytes": 999}}`, // the next period
		`{"event_name": "download", "timestamp": "2026-01-07T00:00:00Z", "properties": {"bytes": 50}}`,
	} {
		var e usage.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			panic(err)
		}
		events = append(events, e)
	}
	uploaded := &usage.Metric{ID: "m_bytes", EventName: "upload", Aggregation: usage.Sum, Property: "bytes"}
	uploads := &usage.Metric{ID: "m_uploads", EventName: "upload", Aggregation: usage.Count}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, 0)
	results, err := usage.Aggregate(events,
		usage.Request{Metric: uploaded, Start: start, End: end},
		usage.Request{Metric: uploads, Start: start, End: end})
	if err != nil {
		panic(err)
	}
	fmt.Println("bytes:", results[0].Quantity)
	fmt.Println("uploads:", results[1].Quantity)
	// Output:
	// bytes: 1500.75
	// uploads: 2
}

func ExampleAggregate_grouped() {
	at := func(day int) time.Time { return time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC) }
	call := func(day int, region string) usage.Event {
		e := usage.Event{Name: "api_call", Timestamp: at(day)}
		if region != "" {
			e.Properties = []usage.Property{{Key: "region", Value: usage.String(region)}}
		}
		return e
	}
	calls := &usage.Metric{ID: "m_calls", EventName: "api_call", Aggregation: usage.Count}
	results, err := usage.Aggregate(
		[]usage.Event{call(9, "eu"), call(3, "us"), call(12, "eu"), call(5, ""), call(4, "us")},
		usage.Request{Metric: calls, Start: at(1), End: at(1).AddDate(0, 1, 0), GroupBy: []string{"region"}})
	if err != nil {
		panic(err)
	}
	// Groups come in the order of their first event by timestamp.
	for _, g := range results[0].Groups {
		region := "(no region)"
		if g.Values[0] != nil {
			region = *g.Values[0]
		}
		fmt.Println(region, g.Quantity)
	}
	fmt.Println("total", results[0].Quantity)
	// Output:
	// us 2
	// (no region) 1
	// eu 2
	// total 5
}

func ExampleAggregator_ReadJSONL() {
	jsonl := `{"event_name": "api_call", "timestamp": "2026-01-05T10:00:00Z", "properties": {"ms": 120}}
{"event_name": "api_call", "timestamp": "2026-01-05T10:00:01Z", "properties": {"ms": 80.5}}

{"event_name": "api_call", "timestamp": "2026-01-05T10:00:02Z", "properties": {"ms": "310"}}
`
	latency := &usage.Metric{ID: "m_ms", EventName: "api_call", Aggregation: usage.Max, Property: "ms"}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, err := usage.NewAggregator(
		usage.Request{Metric: latency, Start: start, End: start.AddDate(0, 1, 0)},
		usage.Request{Metric: &usage.Metric{ID: "m_ms_sum", EventName: "api_call", Aggregation: usage.Sum, Property: "ms"},
			Start: start, End: start.AddDate(0, 1, 0), EventValues: true})
	if err != nil {
		panic(err)
	}
	n, err := a.ReadJSONL(strings.NewReader(jsonl))
	if err != nil {
		panic(err)
	}
	r := a.Results()
	fmt.Println(n, "events; slowest", r[0].Quantity, "ms; each", r[1].EventValues, "total", r[1].Quantity)

	// A bad line stops the stream, named by its number.
	_, err = a.ReadJSONL(strings.NewReader(`{"event_name": "api_call", "timestamp": "2026-01-06T00:00:00Z"}
{"event_name": "api_call", "timestamp": "2026-01-06T00:00:01Z", "properties": {"ms": "fast"}}`))
	fmt.Println(err)
	// Output:
	// 3 events; slowest 310 ms; each [120 80.5 310] total 510.5
	// usage: line 2: metric m_ms: properties.ms: "fast" is not a number
}

func ExampleDecodeMetric() {
	m, err := usage.DecodeMetric([]byte(`{"id": "m_gb", "event_name": "storage", "aggregation": "latest", "property": "gb",
		"filters": {"tier": ["hot", 1]}}`))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s of %q where tier in %q\n", m.ID, m.Aggregation, m.Property, m.Filters[0].Values)

	_, err = usage.DecodeMetric([]byte(`{"id": "m_gb", "event_name": "storage", "aggregation": "average", "unit": "GB"}`))
	fmt.Println(err)
	// Output:
	// m_gb: latest of "gb" where tier in ["hot" "1"]
	// metric m_gb: unit: unknown field
	// metric m_gb: aggregation: "average" is not one of count, sum, max, min, latest, unique_count
}

func ExampleDecodeResult() {
	for _, in := range []string{
		`"150000"`,
		`{"groups": [{"values": ["alpha", "west"], "quantity": "10"}, {"values": ["beta", null], "quantity": 5}]}`,
		`{"event_values": ["500", "2000", "100"]}`,
		`{"groups": [{"values": ["alpha"], "quantity": "1"}, {"values": [], "quantity": "2"}]}`,
	} {
		r, err := usage.DecodeResult([]byte(in))
		switch {
		case err != nil:
			fmt.Println("error:", err)
		case r.Groups != nil:
			for _, g := range r.Groups {
				fmt.Print(len(g.Values), " values, first ", *g.Values[0], ", second nil: ", g.Values[1] == nil, "; quantity ", g.Quantity, "\n")
			}
			fmt.Println("total", r.Quantity)
		case r.EventValues != nil:
			fmt.Println(r.EventValues, "total", r.Quantity)
		default:
			fmt.Println(r.Quantity)
		}
	}
	// Output:
	// 150000
	// 2 values, first alpha, second nil: false; quantity 10
	// 2 values, first beta, second nil: true; quantity 5
	// total 15
	// [500 2000 100] total 2600
	// error: groups[1].values: 0 values, but groups[0] has 1
}
