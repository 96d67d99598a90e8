package frontier_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
)

const benchPlan = `{"id": "team", "interval": "month", "on_start_credits": 2000, "products": [
  {"name": "seats", "behavior": "per_seat", "behavior_config": {"seat_limit": 50},
   "prices": [{"id": "seats", "interval": "month", "amount": 1200}]},
  {"name": "api", "prices": [{"id": "api", "interval": "month", "usage_type": "metered", "billing_scheme": "tiered",
   "tiers": [{"up_to": 1000, "unit_amount": 0}, {"up_to": 10000, "unit_amount": 2}, {"up_to": "inf", "unit_amount": 1}]}]},
  {"name": "storage", "prices": [{"id": "storage", "interval": "month", "usage_type": "metered", "metered_aggregate": "last_during_period", "amount": 25}]}]}`

// benchEvents returns n events spread over March 2026, alternating API calls and
// storage reports.
func benchEvents(n int) []usage.Event {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	events := make([]usage.Event, n)
	for i := range events {
		name := "api"
		if i%2 == 1 {
			name = "storage"
		}
		v, _ := usage.Number(fmt.Sprint(10 + i%90))
		events[i] = usage.Event{Name: name, Timestamp: start.Add(time.Duration(i) * time.Minute),
			Properties: []usage.Property{{Key: "quantity", Value: v}}}
	}
	return events
}

// BenchmarkPlanInvoice invoices a month of a per-seat plan with two metered prices
// (graduated tiers, last_during_period) from 1,000 events.
func BenchmarkPlanInvoice(b *testing.B) {
	p := mustPlan(b, benchPlan)
	events := benchEvents(1000)
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	bill := frontier.Billing{Customer: "c", Start: start, Seats: 12, Period: ratecard.Period{Start: start, End: start.AddDate(0, 1, 0)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Invoice(bill, events); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanInvoiceCredits is BenchmarkPlanInvoice paying from credits: each
// iteration opens a new ledger, grants the on-start credits and draws them.
func BenchmarkPlanInvoiceCredits(b *testing.B) {
	p := mustPlan(b, benchPlan)
	events := benchEvents(1000)
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	bill := frontier.Billing{Customer: "c", Start: start, Seats: 12, Period: ratecard.Period{Start: start, End: start.AddDate(0, 1, 0)}, CreditTx: "inv"}
	b.ReportAllocs()
	for b.Loop() {
		bill.Credits, _ = frontier.NewLedger(0)
		if _, err := p.Invoice(bill, events); err != nil {
			b.Fatal(err)
		}
	}
}
