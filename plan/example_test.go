package plan_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// printInvoice writes an invoice's lines, their adjustments and its totals.
func printInvoice(inv *ratecard.Invoice) {
	for _, l := range inv.Lines {
		fmt.Printf("%-10s %s – %s  q=%-6s %6s", l.PriceID, l.Service.Start.Format("Jan 02"), l.Service.End.Format("Jan 02"), l.Quantity, l.Subtotal)
		for _, a := range l.Adjustments {
			fmt.Printf("  %s %s", a.Kind, a.Amount)
		}
		fmt.Printf("  = %s\n", l.Amount)
	}
	fmt.Printf("subtotal %s, total %s %s\n", inv.Subtotal, inv.Total, inv.Currency)
}

// A two-phase plan: a one-month intro with the first 1,000 requests free, then a
// platform fee, 0.002 a request and a minimum of 60.00. The subscription starts
// Jan 15, so February is split on Feb 15: 14 days in each phase. The fee is
// prorated (49.00 × 14/28 = 24.50) and so is the minimum (60.00 × 14/28 = 30.00),
// which tops up phase 2's 29.50 by 0.50, pro rata.
func ExamplePlan_Invoice() {
	p, err := plan.Decode([]byte(`{
	  "id": "plan_api", "currency": "USD",
	  "plan_phases": [{"order": 1, "name": "Intro", "duration": 1, "duration_unit": "monthly"}, {"order": 2}],
	  "prices": [
	    {"id": "intro", "price_type": "usage_price", "cadence": "monthly", "plan_phase_order": 1,
	     "billable_metric": {"id": "m_requests"}, "model_type": "tiered", "tiered_config": {"tiers": [
	       {"first_unit": 0, "last_unit": 1000, "unit_amount": "0"},
	       {"first_unit": 1000, "last_unit": null, "unit_amount": "0.002"}]}},
	    {"id": "platform", "price_type": "fixed_price", "cadence": "monthly", "plan_phase_order": 2,
	     "billed_in_advance": true, "model_type": "unit", "unit_config": {"unit_amount": "49.00"}},
	    {"id": "requests", "price_type": "usage_price", "cadence": "monthly", "plan_phase_order": 2,
	     "billable_metric": {"id": "m_requests"}, "model_type": "unit", "unit_config": {"unit_amount": "0.002"}}
	  ],
	  "adjustments": [{"adjustment_type": "minimum", "minimum_amount": "60.00", "plan_phase_order": 2}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	metric := &usage.Metric{ID: "m_requests", EventName: "requests", Aggregation: usage.Sum, Property: "count"}
	count := func(s string) usage.Value { v, _ := usage.Number(s); return v }
	events := []usage.Event{
		{Name: "requests", Timestamp: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Properties: []usage.Property{{Key: "count", Value: count("1500")}}},
		{Name: "requests", Timestamp: time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC), Properties: []usage.Property{{Key: "count", Value: count("2500")}}},
	}
	inv, err := p.Invoice(plan.Billing{
		Subscription: plan.Subscription{Start: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)},
		Period:       ratecard.Period{Start: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		Metrics:      []*usage.Metric{metric},
	}, events)
	if err != nil {
		fmt.Println(err)
		return
	}
	printInvoice(inv)
	// Output:
	// intro      Feb 01 – Feb 15  q=1500     1.00  = 1.00
	// platform   Feb 15 – Mar 01  q=1       24.50  minimum 0.42  = 24.92
	// requests   Feb 15 – Mar 01  q=2500     5.00  minimum 0.08  = 5.08
	// subtotal 30.50, total 31.00 USD
}

// Streaming: the run says what usage it needs, an aggregator reads the events as
// JSON Lines in one pass (a repeated idempotency key counts once; April's upload is
// outside the period), and the run turns the results into the invoice. 150.5 GB ×
// 0.02 = 3.01, 3 requests × 0.25 = 0.75; 10 % off 3.76 is 0.38, pro rata 0.30 and
// 0.08.
func ExampleRun_Invoice() {
	p, err := plan.Decode([]byte(`{
	  "id": "plan_storage", "currency": "USD",
	  "prices": [
	    {"id": "uploads", "price_type": "usage_price", "cadence": "monthly", "billable_metric": {"id": "m_gb"},
	     "model_type": "unit", "unit_config": {"unit_amount": "0.02"}},
	    {"id": "requests", "price_type": "usage_price", "cadence": "monthly", "billable_metric": {"id": "m_requests"},
	     "model_type": "unit", "unit_config": {"unit_amount": "0.25"}}
	  ],
	  "adjustments": [{"adjustment_type": "percentage_discount", "percentage_discount": 0.1}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	var metrics []*usage.Metric
	for _, js := range []string{
		`{"id": "m_gb", "event_name": "upload", "aggregation": "sum", "property": "gb"}`,
		`{"id": "m_requests", "event_name": "request", "aggregation": "count"}`,
	} {
		m, err := usage.DecodeMetric([]byte(js))
		if err != nil {
			fmt.Println(err)
			return
		}
		metrics = append(metrics, m)
	}
	run, err := p.Prepare(plan.Billing{
		Subscription: plan.Subscription{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		Period:       ratecard.Period{Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)},
		Metrics:      metrics,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	agg, err := usage.NewAggregator(run.Requests()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	jsonl := `{"event_name":"upload","timestamp":"2026-03-02T10:00:00Z","properties":{"gb":120},"idempotency_key":"u1"}
{"event_name":"upload","timestamp":"2026-03-02T10:00:00Z","properties":{"gb":120},"idempotency_key":"u1"}
{"event_name":"upload","timestamp":"2026-03-20T08:30:00Z","properties":{"gb":"30.5"}}
{"event_name":"upload","timestamp":"2026-04-01T00:00:00Z","properties":{"gb":999}}
{"event_name":"request","timestamp":"2026-03-05T00:00:00Z","properties":{}}
{"event_name":"request","timestamp":"2026-03-05T00:00:01Z","properties":{}}
{"event_name":"request","timestamp":"2026-03-31T23:59:59Z","properties":{}}
`
	n, err := agg.ReadJSONL(strings.NewReader(jsonl))
	if err != nil {
		fmt.Println(err)
		return
	}
	inv, err := run.Invoice(agg.Results())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n, "events read")
	printInvoice(inv)
	// Output:
	// 7 events read
	// uploads    Mar 01 – Apr 01  q=150.5    3.01  percentage_discount -0.30  = 2.71
	// requests   Mar 01 – Apr 01  q=3        0.75  percentage_discount -0.08  = 0.67
	// subtotal 3.76, total 3.38 USD
}
