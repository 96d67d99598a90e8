package plan_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// benchPlan returns a 20-price, 2-phase plan with 3 adjustments: per phase, ten usage
// prices cycling through unit, tiered (5 tiers), package, bulk and unit again, the
// first phase three months long. And the pre-aggregated quantities of every price.
func benchPlan(tb testing.TB) (*plan.Plan, map[string]usage.Result) {
	models := []string{
		`"model_type":"unit","unit_config":{"unit_amount":"0.0125"}`,
		`"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":1000,"unit_amount":"0.05"},{"first_unit":1000,"last_unit":10000,"unit_amount":"0.04"},{"first_unit":10000,"last_unit":100000,"unit_amount":"0.03"},{"first_unit":100000,"last_unit":1000000,"unit_amount":"0.02"},{"first_unit":1000000,"last_unit":null,"unit_amount":"0.01"}]}`,
		`"model_type":"package","package_config":{"package_amount":"5.00","package_size":1000}`,
		`"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":10000,"unit_amount":"0.02"},{"maximum_units":null,"unit_amount":"0.015"}]}`,
		`"model_type":"unit","unit_config":{"unit_amount":"0.0009"}`,
	}
	var prices []string
	quantities := map[string]usage.Result{}
	for ph := 1; ph <= 2; ph++ {
		for i := range 10 {
			id := fmt.Sprintf("p%d_%d", ph, i)
			prices = append(prices, fmt.Sprintf(`{"id":%q,"name":"Price %s","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m%d"},"plan_phase_order":%d,%s}`,
				id, id, i, ph, models[i%len(models)]))
			quantities[id] = usage.Result{Quantity: ratecard.NewFromInt(int64(12345 * (i + 1)))}
		}
	}
	js := `{"id":"plan_bench","currency":"USD",
	  "plan_phases":[{"order":1,"duration":3,"duration_unit":"monthly"},{"order":2}],
	  "prices":[` + strings.Join(prices, ",") + `],
	  "adjustments":[
	    {"adjustment_type":"percentage_discount","percentage_discount":0.2,"plan_phase_order":1},
	    {"adjustment_type":"amount_discount","amount_discount":"100.00","plan_phase_order":2,"applies_to_price_ids":["p2_0","p2_1","p2_2"]},
	    {"adjustment_type":"minimum","minimum_amount":"15000.00","plan_phase_order":2}]}`
	p, err := plan.Decode([]byte(js))
	if err != nil {
		tb.Fatal(err)
	}
	return p, quantities
}

// BenchmarkInvoice invoices a period that the phase boundary crosses, so all 20 prices
// have a line and all 3 adjustments apply, from pre-aggregated quantities.
func BenchmarkInvoice(b *testing.B) {
	p, quantities := benchPlan(b)
	billing := plan.Billing{
		Subscription: plan.Subscription{Start: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)},
		Period:       ratecard.Period{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		Quantities:   quantities,
	}
	inv, err := p.Invoice(billing, nil)
	if err != nil {
		b.Fatal(err)
	}
	if len(inv.Lines) != 20 {
		b.Fatalf("%d lines, want 20", len(inv.Lines))
	}
	// Every adjustment changes an amount: the minimum (15,000 prorated to 16 of 30
	// days, 8,000, above phase 2's ≈ 7,570) adds a true-up spread over its lines.
	applied := map[string]bool{}
	for _, l := range inv.Lines {
		for _, a := range l.Adjustments {
			if !a.Amount.IsZero() {
				applied[a.Source] = true
			}
		}
	}
	if len(applied) != 3 {
		b.Fatalf("adjustments changing an amount: %v, want all 3", applied)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Invoice(billing, nil); err != nil {
			b.Fatal(err)
		}
	}
}
