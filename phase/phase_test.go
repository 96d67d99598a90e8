package phase_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/phase"
	"github.com/ratecard/ratecard/price"
	"github.com/ratecard/ratecard/usage"
)

func dec(s string) ratecard.Decimal { return ratecard.MustParse(s) }

func model(t *testing.T, js string) price.Price {
	t.Helper()
	m, err := price.Decode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCadence(t *testing.T) {
	days14 := phase.Cadence{Name: "custom", Count: 14, Unit: phase.Day}
	months2 := phase.Cadence{Name: "custom", Count: 2, Unit: phase.Month}
	// Shortest first: 14 days < a month (≈30.4 days) < 2 months < a quarter < half a
	// year < a year.
	order := []phase.Cadence{days14, phase.Monthly, months2, phase.Quarterly, phase.SemiAnnual, phase.Annual}
	for i := range order {
		for j := range order {
			if got := order[i].Shorter(order[j]); got != (i < j) {
				t.Errorf("%s.Shorter(%s) = %t", order[i], order[j], got)
			}
		}
	}
	if !phase.OneTime.IsOneTime() || phase.Monthly.IsOneTime() {
		t.Error("IsOneTime")
	}
	if !(phase.Cadence{Name: "custom", Count: 3, Unit: phase.Month}).Equal(phase.Quarterly) || months2.Equal(phase.Monthly) {
		t.Error("Equal compares the length, not the name")
	}
	for c, want := range map[phase.Cadence]string{days14: "custom (14 day)", phase.Quarterly: "quarterly", phase.OneTime: "one_time"} {
		if c.String() != want {
			t.Errorf("String = %q, want %q", c.String(), want)
		}
	}
	for u, want := range map[phase.DurationUnit]int{phase.DurationDaily: 0, phase.DurationMonthly: 1, phase.DurationQuarterly: 3,
		phase.DurationSemiAnnual: 6, phase.DurationAnnual: 12, "weekly": 0} {
		if got := u.Months(); got != want {
			t.Errorf("%s.Months() = %d, want %d", u, got, want)
		}
	}
}

func TestPriceLine(t *testing.T) {
	usd, _ := ratecard.ParseCurrency("USD")
	service := ratecard.Period{Start: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	fee := &phase.Price{ID: "fee", Name: "Fee", Type: phase.Fixed, Cadence: phase.Monthly, FixedQuantity: dec("2"),
		Model: model(t, `{"model_type":"unit","unit_config":{"unit_amount":"50.00"}}`), InAdvance: true}
	// 2 × 50.00 = 100.00 × 17/31 = 54.8387… → 54.84, rounded once.
	l, err := fee.Line(service, usage.Result{Quantity: dec("999")}, 17, 31, false, usd, ratecard.HalfUp)
	if err != nil {
		t.Fatal(err)
	}
	if l.Quantity.String() != "2" || l.Subtotal.String() != "54.84" || l.Amount.String() != "54.84" || l.Service != service {
		t.Errorf("prorated fee: %+v", l)
	}
	// Waived on trial days: 0.00, the fixed quantity still shown.
	l, err = fee.Line(service, usage.Result{}, 17, 31, true, usd, ratecard.HalfUp)
	if err != nil || l.Quantity.String() != "2" || l.Subtotal.String() != "0.00" || l.Amount.String() != "0.00" {
		t.Errorf("waived fee: %+v, %v", l, err)
	}
	// Usage is never prorated: tiers 0–10 @0.50, 10+ @0.10, q = 25 → 5.00 + 1.50.
	calls := &phase.Price{ID: "calls", Type: phase.Usage, Cadence: phase.Monthly, MetricID: "m",
		Model: model(t, `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":10,"unit_amount":"0.50"},{"first_unit":10,"last_unit":null,"unit_amount":"0.10"}]}}`)}
	l, err = calls.Line(service, usage.Result{Quantity: dec("25")}, 17, 31, false, usd, ratecard.HalfUp)
	if err != nil || l.Subtotal.String() != "6.50" || len(l.SubLines) != 2 {
		t.Errorf("usage line: %+v, %v", l, err)
	}
	// Rating errors name the price.
	bulk := &phase.Price{ID: "b", Type: phase.Usage, Cadence: phase.Monthly,
		Model: model(t, `{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":10,"unit_amount":"1"}]}}`)}
	_, err = bulk.Line(service, usage.Result{Quantity: dec("11")}, 1, 1, false, usd, ratecard.HalfUp)
	if !errors.Is(err, price.ErrAboveLastTier) || err.Error() != "price b: bulk_config.tiers: quantity 11 above the last tier bound 10" {
		t.Errorf("above the last tier: %v", err)
	}
}

func TestPriceShapeAndRequest(t *testing.T) {
	matrix := &phase.Price{ID: "mx", Type: phase.Usage,
		Model: model(t, `{"model_type":"matrix","matrix_config":{"dimensions":["cluster",null],"default_unit_amount":"1","matrix_values":[]}}`)}
	bps := &phase.Price{ID: "b", Type: phase.Usage, Model: model(t, `{"model_type":"bps","bps_config":{"bps":"1"}}`)}
	unit := &phase.Price{ID: "u", Type: phase.Usage, Model: model(t, `{"model_type":"unit","unit_config":{"unit_amount":"1"}}`)}
	if g, e := matrix.Shape(); len(g) != 1 || g[0] != "cluster" || e {
		t.Errorf("matrix shape %v %t", g, e)
	}
	if g, e := bps.Shape(); g != nil || !e {
		t.Errorf("bps shape %v %t", g, e)
	}
	m := &usage.Metric{ID: "m", EventName: "e", Aggregation: usage.Sum, Property: "v"}
	service := ratecard.Period{Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	if r := bps.Request(m, service); r.Metric != m || !r.Start.Equal(service.Start) || !r.End.Equal(service.End) || !r.EventValues || r.GroupBy != nil {
		t.Errorf("bps request %+v", r)
	}
	if r := unit.Request(m, service); r.EventValues || r.GroupBy != nil {
		t.Errorf("unit request %+v", r)
	}
	one := "alpha"
	cases := []struct {
		name string
		p    *phase.Price
		r    usage.Result
		want string
	}{
		{"matrix groups", matrix, usage.Result{Groups: []ratecard.Group{{Values: []*string{&one}, Quantity: dec("1")}}}, ""},
		{"matrix without usage", matrix, usage.Result{}, ""},
		{"matrix quantity", matrix, usage.Result{Quantity: dec("3")}, `groups: price mx is a matrix over [cluster]: give {"groups": […]}`},
		{"matrix arity", matrix, usage.Result{Groups: []ratecard.Group{{Values: []*string{&one, &one}}}}, "groups[0].values: 2 values for the 1 dimensions [cluster]"},
		{"bps values", bps, usage.Result{EventValues: []ratecard.Decimal{dec("1")}}, ""},
		{"bps quantity", bps, usage.Result{Quantity: dec("3")}, `event_values: price b is bps and charges each event: give {"event_values": […]}`},
		{"unit quantity", unit, usage.Result{Quantity: dec("3")}, ""},
		{"unit groups", unit, usage.Result{Groups: []ratecard.Group{}}, "price u is unit and rates a quantity: give a decimal"},
	}
	for _, tc := range cases {
		err := tc.p.CheckUsage(tc.r)
		if (err == nil) != (tc.want == "") || (err != nil && err.Error() != tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
