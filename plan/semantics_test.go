package plan_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// The worked numbers of SEMANTICS §4 and §5, one named case each. Every expected
// amount is worked by hand in the comment above it.

// semanticsCase is one worked example: a plan, the billing, usage, and the invoice it
// must produce.
type semanticsCase struct {
	name     string
	plan     string
	start    time.Time // subscription start (UTC, calendar-aligned)
	period   ratecard.Period
	metrics  []*usage.Metric
	events   []usage.Event
	quantity map[string]usage.Result
	want     []L
	subtotal string
	total    string
}

// Prices used by the cases.
const (
	// 100.00 a month, in advance.
	fee100 = `{"id":"fee","name":"Platform fee","price_type":"fixed_price","cadence":"monthly",
		"billed_in_advance":true,"fixed_price_quantity":1,
		"model_type":"unit","unit_config":{"unit_amount":"100.00"}}`
	// Tiers 0–10 @0.50, 10+ @0.10 on the metric m_calls.
	callsTiered = `{"id":"calls","name":"API calls","price_type":"usage_price","cadence":"monthly",
		"billable_metric":{"id":"m_calls"},"model_type":"tiered","tiered_config":{"tiers":[
		{"first_unit":0,"last_unit":10,"unit_amount":"0.50"},
		{"first_unit":10,"last_unit":null,"unit_amount":"0.10"}]}}`
	// 0.10 an hour on the metric m_hours.
	hoursUnit = `{"id":"hours","name":"Compute hours","price_type":"usage_price","cadence":"monthly",
		"billable_metric":{"id":"m_hours"},"model_type":"unit","unit_config":{"unit_amount":"0.10"}}`
)

// usageUnit returns a usage price id at 1.00 a unit on the metric m_<id>.
func usageUnit(id string) string {
	return `{"id":"` + id + `","name":"` + id + `","price_type":"usage_price","cadence":"monthly",
		"billable_metric":{"id":"m_` + id + `"},"model_type":"unit","unit_config":{"unit_amount":"1.00"}}`
}

func TestSemanticsWorkedNumbers(t *testing.T) {
	jan := month(2026, time.January)
	calls := countMetric("m_calls", "api_call")
	var callEvents []usage.Event // 25 calls on Jan 10
	for i := range 25 {
		callEvents = append(callEvents, event("api_call", day(2026, 1, 10).Add(time.Duration(i)*time.Minute)))
	}
	const full = "2026-01-01T00:00/2026-02-01T00:00"
	cases := []semanticsCase{{
		// §4: $100/month in advance, calendar-aligned, start Jan 15: service Jan 15 –
		// Feb 1 touches 17 of January's 31 days: 17/31 × 100 = 54.8387… → 54.84.
		name:   "54.84 prorated from Jan 15",
		plan:   `{"id":"plan_fee","currency":"USD","prices":[` + fee100 + `]}`,
		start:  day(2026, 1, 15),
		period: jan,
		want: []L{{Price: "fee", Service: "2026-01-15T00:00/2026-02-01T00:00", Quantity: "1",
			Subtotal: "54.84", Amount: "54.84"}},
		subtotal: "54.84", total: "54.84",
	}, {
		// §4: the next period is not prorated: 31/31 × 100 = 100.00 (fixed in advance
		// lines carry the period they pay for).
		name:   "100.00 for the first full month",
		plan:   `{"id":"plan_fee","currency":"USD","prices":[` + fee100 + `]}`,
		start:  day(2026, 1, 15),
		period: month(2026, time.February),
		want: []L{{Price: "fee", Service: "2026-02-01T00:00/2026-03-01T00:00", Quantity: "1",
			Subtotal: "100.00", Amount: "100.00"}},
		subtotal: "100.00", total: "100.00",
	}, {
		// §5 usage discount: q=25 → 10 × 0.50 + 15 × 0.10 = 5.00 + 1.50 = 6.50; 10 units
		// off leave 15 → 5.00 + 0.50 = 5.50; adjustment 5.50 − 6.50 = −1.00.
		name: "5.50 after a usage discount of 10 on tiers",
		plan: `{"id":"plan_calls","currency":"USD","prices":[` + callsTiered + `],
			"adjustments":[{"adjustment_type":"usage_discount","usage_discount":10,"applies_to_price_ids":["calls"]}]}`,
		start: day(2026, 1, 1), period: jan,
		metrics: []*usage.Metric{calls}, events: callEvents,
		want: []L{{Price: "calls", Service: full, Quantity: "25", Subtotal: "6.50",
			Adjustments: []string{"usage_discount adjustments[0] -1.00"}, Amount: "5.50"}},
		subtotal: "6.50", total: "5.50",
	}, {
		// The same from a pre-aggregated quantity, and from Orb's legacy price discount.
		name: "5.50 after a legacy usage discount, quantity pre-aggregated",
		plan: `{"id":"plan_calls","currency":"USD","prices":[` + callsTiered[:len(callsTiered)-1] +
			`,"discount":{"discount_type":"usage","usage_discount":"10"}}]}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("calls", "25"),
		want: []L{{Price: "calls", Service: full, Quantity: "25", Subtotal: "6.50",
			Adjustments: []string{"usage_discount prices[0].discount -1.00"}, Amount: "5.50"}},
		subtotal: "6.50", total: "5.50",
	}, {
		// §5: 200 h × 0.10 = 20.00; 10 % off: −round(0.1 × 20.00) = −2.00 → 18.00;
		// minimum 50: +(50 − 18) = +32.00 → 50.00; maximum 500: 50 ≤ 500, −0.00 is
		// still recorded. Listed maximum first: the order is by kind, not by listing.
		name: "50.00 after 10 % off, a minimum of 50 and a maximum of 500",
		plan: `{"id":"plan_hours","currency":"USD","prices":[` + hoursUnit + `],"adjustments":[
			{"adjustment_type":"maximum","maximum_amount":"500.00"},
			{"adjustment_type":"minimum","minimum_amount":"50.00"},
			{"adjustment_type":"percentage_discount","percentage_discount":0.1}]}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("hours", "200"),
		want: []L{{Price: "hours", Service: full, Quantity: "200", Subtotal: "20.00",
			Adjustments: []string{"percentage_discount adjustments[2] -2.00", "minimum adjustments[1] 32.00", "maximum adjustments[0] 0.00"},
			Amount:      "50.00"}},
		subtotal: "20.00", total: "50.00",
	}, {
		// §5 "if min > max, max wins": 20.00 − 2.00 = 18.00, minimum 50 → +32.00 = 50.00,
		// maximum 40 → −(50 − 40) = −10.00 → 40.00.
		name: "40.00 when the minimum exceeds the maximum",
		plan: `{"id":"plan_hours","currency":"USD","prices":[` + hoursUnit + `],"adjustments":[
			{"adjustment_type":"percentage_discount","percentage_discount":"0.10"},
			{"adjustment_type":"minimum","minimum_amount":"50.00"},
			{"adjustment_type":"maximum","maximum_amount":"40.00"}]}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("hours", "200"),
		want: []L{{Price: "hours", Service: full, Quantity: "200", Subtotal: "20.00",
			Adjustments: []string{"percentage_discount adjustments[0] -2.00", "minimum adjustments[1] 32.00", "maximum adjustments[2] -10.00"},
			Amount:      "40.00"}},
		subtotal: "20.00", total: "40.00",
	}, {
		// §5: $30 off A=100, B=50: S = 150, exact shares 30 × 100/150 = 20 and
		// 30 × 50/150 = 10, no remainders: −20.00, −10.00 → 80.00, 40.00.
		name: "30 off A=100, B=50 is -20 and -10",
		plan: `{"id":"plan_ab","currency":"USD","prices":[` + usageUnit("A") + `,` + usageUnit("B") + `],
			"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"30.00","applies_to_price_ids":["A","B"]}]}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("A", "100", "B", "50"),
		want: []L{
			{Price: "A", Service: full, Quantity: "100", Subtotal: "100.00", Adjustments: []string{"amount_discount adjustments[0] -20.00"}, Amount: "80.00"},
			{Price: "B", Service: full, Quantity: "50", Subtotal: "50.00", Adjustments: []string{"amount_discount adjustments[0] -10.00"}, Amount: "40.00"},
		},
		subtotal: "150.00", total: "120.00",
	}, {
		// §5: minimum 200 over A=100, B=50: true-up 200 − 150 = 50.00 = 5000 cents;
		// A: 5000 × 100/150 = 3333⅓ → 3333, B: 5000 × 50/150 = 1666⅔ → 1666; the one
		// cent left goes to the larger remainder (B's ⅔): +33.33, +16.67.
		name: "minimum 200 over A=100, B=50 is +33.33 and +16.67",
		plan: `{"id":"plan_ab","currency":"USD","prices":[` + usageUnit("A") + `,` + usageUnit("B") + `],
			"minimum":{"minimum_amount":"200.00"}}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("A", "100", "B", "50"),
		want: []L{
			{Price: "A", Service: full, Quantity: "100", Subtotal: "100.00", Adjustments: []string{"minimum minimum 33.33"}, Amount: "133.33"},
			{Price: "B", Service: full, Quantity: "50", Subtotal: "50.00", Adjustments: []string{"minimum minimum 16.67"}, Amount: "66.67"},
		},
		subtotal: "150.00", total: "200.00",
	}, {
		// §5: minimum 50 over three zero lines: evenly, 5000 cents / 3 = 1666 each with
		// equal remainders; the 2 cents left go to the earliest lines: 16.67, 16.67,
		// 16.66.
		name: "minimum 50 over three zero lines is 16.67, 16.67, 16.66",
		plan: `{"id":"plan_abc","currency":"USD","prices":[` + usageUnit("A") + `,` + usageUnit("B") + `,` + usageUnit("C") + `],
			"adjustments":[{"adjustment_type":"minimum","minimum_amount":"50"}]}`,
		start: day(2026, 1, 1), period: jan,
		quantity: quantities("A", "0", "B", "0", "C", "0"),
		want: []L{
			{Price: "A", Service: full, Quantity: "0", Subtotal: "0.00", Adjustments: []string{"minimum adjustments[0] 16.67"}, Amount: "16.67"},
			{Price: "B", Service: full, Quantity: "0", Subtotal: "0.00", Adjustments: []string{"minimum adjustments[0] 16.67"}, Amount: "16.67"},
			{Price: "C", Service: full, Quantity: "0", Subtotal: "0.00", Adjustments: []string{"minimum adjustments[0] 16.66"}, Amount: "16.66"},
		},
		subtotal: "0.00", total: "50.00",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustDecode(t, tc.plan)
			b := plan.Billing{Subscription: plan.Subscription{Start: tc.start}, Period: tc.period,
				Metrics: tc.metrics, Quantities: tc.quantity}
			inv := mustInvoice(t, p, b, tc.events)
			if diff := cmp.Diff(tc.want, summary(inv, time.UTC)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if got := inv.Subtotal.String(); got != tc.subtotal {
				t.Errorf("subtotal %s, want %s", got, tc.subtotal)
			}
			if got := inv.Total.String(); got != tc.total {
				t.Errorf("total %s, want %s", got, tc.total)
			}
			if inv.Currency.Code() != "USD" || !inv.Period.Start.Equal(tc.period.Start) || !inv.Period.End.Equal(tc.period.End) {
				t.Errorf("invoice %s %s, want USD %s", inv.Currency, inv.Period, tc.period)
			}
		})
	}
}

// TestSemanticsTieredSubLines checks the sub-lines behind the 6.50 of the usage
// discount example: 10 units in the first tier (5.00), 15 in the second (1.50).
func TestSemanticsTieredSubLines(t *testing.T) {
	p := mustDecode(t, `{"id":"plan_calls","currency":"USD","prices":[`+callsTiered+`]}`)
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)},
		Period: month(2026, time.January), Quantities: quantities("calls", "25")}, nil)
	type sub struct{ Name, Unit, Quantity, Amount string }
	var got []sub
	for _, s := range inv.Lines[0].SubLines {
		got = append(got, sub{s.Name(), s.UnitAmount().String(), s.Quantity.String(), s.Amount.String()})
	}
	want := []sub{{"0–10", "0.50", "10", "5.00"}, {"10+", "0.10", "15", "1.50"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sub-lines (-want +got):\n%s", diff)
	}
}

// TestSemanticsChainedUsageDiscounts covers §5's "several usage discounts on one
// price apply in order, each to the quantity the earlier ones left", and that a
// usage discount never takes a line below zero.
func TestSemanticsChainedUsageDiscounts(t *testing.T) {
	jan := month(2026, time.January)
	const full = "2026-01-01T00:00/2026-02-01T00:00"
	// Bulk ≤10 @0.50, ≤1000 @0.40.
	const bulk = `{"id":"b","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m"},
		"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":1000,"unit_amount":"0.40"}]}}`
	cases := []struct {
		name, plan, q string
		want          L
	}{{
		// Tiers 0–10 @0.50, 10+ @0.10, q = 25 (6.50): 10 off → q′ = 15 (5.50): −1.00;
		// then 10 off q′ → q″ = 5 (2.50): 2.50 − 5.50 = −3.00. Amount 2.50 = rated(5).
		name: "tiered, two discounts",
		plan: `{"id":"p","currency":"USD","prices":[` + callsTiered + `],"adjustments":[
			{"adjustment_type":"usage_discount","usage_discount":10},
			{"adjustment_type":"usage_discount","usage_discount":10}]}`,
		q: "25",
		want: L{Price: "calls", Service: full, Quantity: "25", Subtotal: "6.50",
			Adjustments: []string{"usage_discount adjustments[0] -1.00", "usage_discount adjustments[1] -3.00"}, Amount: "2.50"},
	}, {
		// More units than the quantity: q = 25 − 40 → 0 (0.00): −6.50.
		name: "tiered, more units than used",
		plan: `{"id":"p","currency":"USD","prices":[` + callsTiered + `],"adjustments":[
			{"adjustment_type":"usage_discount","usage_discount":40}]}`,
		q: "25",
		want: L{Price: "calls", Service: full, Quantity: "25", Subtotal: "6.50",
			Adjustments: []string{"usage_discount adjustments[0] -6.50"}, Amount: "0.00"},
	}, {
		// Bulk q = 11: 11 × 0.40 = 4.40. One unit off → 10 × 0.50 = 5.00, dearer: the
		// adjustment is held at 0.00. Ten more off q′ = 10 → 0 (0.00): the line goes
		// to 0.00, −4.40, not to 4.40 − 5.00 = −0.60.
		name: "bulk, a discount held at zero then one to nothing",
		plan: `{"id":"p","currency":"USD","prices":[` + bulk + `],"adjustments":[
			{"adjustment_type":"usage_discount","usage_discount":1},
			{"adjustment_type":"usage_discount","usage_discount":10}]}`,
		q: "11",
		want: L{Price: "b", Service: full, Quantity: "11", Subtotal: "4.40",
			Adjustments: []string{"usage_discount adjustments[0] 0.00", "usage_discount adjustments[1] -4.40"}, Amount: "0.00"},
	}, {
		// Bulk q = 11 (4.40): 1 off → 5.00, held at 0.00; 1 more off q′ = 10 → 9 ×
		// 0.50 = 4.50, still above 4.40: 0.00.
		name: "bulk, two discounts both held",
		plan: `{"id":"p","currency":"USD","prices":[` + bulk + `],"adjustments":[
			{"adjustment_type":"usage_discount","usage_discount":1},
			{"adjustment_type":"usage_discount","usage_discount":1}]}`,
		q: "11",
		want: L{Price: "b", Service: full, Quantity: "11", Subtotal: "4.40",
			Adjustments: []string{"usage_discount adjustments[0] 0.00", "usage_discount adjustments[1] 0.00"}, Amount: "4.40"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustDecode(t, tc.plan)
			inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: jan,
				Quantities: quantities(tc.want.Price, tc.q)}, nil)
			if diff := cmp.Diff([]L{tc.want}, summary(inv, time.UTC)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSemanticsAdjustmentOrderWithinKind covers §5's order within one kind: the
// prices' legacy objects, the phases', the plan's, then plan.adjustments in listed
// order; each amount discount sees the running amount the earlier ones left.
func TestSemanticsAdjustmentOrderWithinKind(t *testing.T) {
	// A = 100.00. Listed last, the price's own discount applies first: 100 − 60 =
	// 40.00; the plan's legacy discount of 30 next: 10.00; adjustments[0] (50) takes
	// what is left, min(50, 10) = 10.00; adjustments[1] (5) finds 0.00 and takes 0.00.
	p := mustDecode(t, `{"id":"p","currency":"USD",
		"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"50"},{"adjustment_type":"amount_discount","amount_discount":"5"}],
		"discount":{"discount_type":"amount","amount_discount":"30"},
		"prices":[`+usageUnit("A")[:len(usageUnit("A"))-1]+`,"discount":{"discount_type":"amount","amount_discount":"60.00"}}]}`)
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Quantities: quantities("A", "100")}, nil)
	want := []L{{Price: "A", Service: "2026-01-01T00:00/2026-02-01T00:00", Quantity: "100", Subtotal: "100.00",
		Adjustments: []string{"amount_discount prices[0].discount -60.00", "amount_discount discount -30.00",
			"amount_discount adjustments[0] -10.00", "amount_discount adjustments[1] 0.00"},
		Amount: "0.00"}}
	if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestSemanticsAllocationTiesAcrossParts covers §5's tie rule: ties go to the line
// earlier in the plan's price order, then, between lines of one price, to the
// earlier part, not simply to the earlier line of the invoice.
func TestSemanticsAllocationTiesAcrossParts(t *testing.T) {
	// A trial of 10 days splits January into [Jan 1, Jan 11) and [Jan 11, Feb 1).
	// A and B use 10 units at 1.00 in each part: four lines of 10.00. An amount
	// discount of 0.02 = 2 cents: each exact share is ½ cent, floor 0 with equal
	// remainders; the two cents go to A's lines (price order first), trial part
	// then paid part. Then the trial waives the trial lines' running amounts:
	// A 9.99, B 10.00.
	p := mustDecode(t, `{"id":"p","currency":"USD","trial_config":{"trial_period":10,"trial_period_unit":"days"},
		"prices":[`+usageUnit("A")+`,`+usageUnit("B")+`],
		"adjustments":[{"adjustment_type":"amount_discount","amount_discount":"0.02"}]}`)
	var events []usage.Event
	for i := range 10 {
		for _, name := range []string{"a", "b"} {
			events = append(events, event(name, day(2026, 1, 2).Add(time.Duration(i)*time.Hour)),
				event(name, day(2026, 1, 20).Add(time.Duration(i)*time.Hour)))
		}
	}
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Metrics: []*usage.Metric{countMetric("m_A", "a"), countMetric("m_B", "b")}}, events)
	const trial, paid = "2026-01-01T00:00/2026-01-11T00:00", "2026-01-11T00:00/2026-02-01T00:00"
	want := []L{
		{Price: "A", Service: trial, Quantity: "10", Subtotal: "10.00", Adjustments: []string{"amount_discount adjustments[0] -0.01", "trial_discount trial_config -9.99"}, Amount: "0.00"},
		{Price: "B", Service: trial, Quantity: "10", Subtotal: "10.00", Adjustments: []string{"amount_discount adjustments[0] 0.00", "trial_discount trial_config -10.00"}, Amount: "0.00"},
		{Price: "A", Service: paid, Quantity: "10", Subtotal: "10.00", Adjustments: []string{"amount_discount adjustments[0] -0.01"}, Amount: "9.99"},
		{Price: "B", Service: paid, Quantity: "10", Subtotal: "10.00", Adjustments: []string{"amount_discount adjustments[0] 0.00"}, Amount: "10.00"},
	}
	if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if inv.Total.String() != "19.99" || inv.Subtotal.String() != "40.00" {
		t.Errorf("subtotal %s total %s, want 40.00 and 19.99", inv.Subtotal, inv.Total)
	}
}

// TestSemanticsRoundingMode covers §1: the invoice's rounding mode applies at each
// rounding point (here a prorated fee and a percentage).
func TestSemanticsRoundingMode(t *testing.T) {
	p := mustDecode(t, `{"id":"p","currency":"USD","prices":[`+fee100+`],
		"adjustments":[{"adjustment_type":"percentage_discount","percentage_discount":"0.125"}]}`)
	cases := []struct {
		mode               ratecard.RoundingMode
		subtotal, discount string
	}{
		// 17/31 × 100 = 54.8387…; 12.5 % of 54.84 = 6.855 (an exact tie).
		{ratecard.HalfUp, "54.84", "-6.86"},
		{ratecard.HalfEven, "54.84", "-6.86"}, // 6.855 → 6.86 (5 odd → even 6)
		{ratecard.Down, "54.83", "-6.85"},     // 54.83 × 0.125 = 6.85375 → 6.85
		{ratecard.Up, "54.84", "-6.86"},       // 6.855 → 6.86
		{ratecard.Floor, "54.83", "-6.85"},    // positive amounts: as down
		{ratecard.Ceiling, "54.84", "-6.86"},  // positive amounts: as up
	}
	for _, tc := range cases {
		t.Run(tc.mode.String(), func(t *testing.T) {
			inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 15)},
				Period: month(2026, time.January), RoundingMode: tc.mode}, nil)
			l := inv.Lines[0]
			if l.Subtotal.String() != tc.subtotal || l.Adjustments[0].Amount.String() != tc.discount {
				t.Errorf("subtotal %s discount %s, want %s and %s", l.Subtotal, l.Adjustments[0].Amount, tc.subtotal, tc.discount)
			}
		})
	}
}

// TestSemanticsUsageDiscountAcrossParts covers §5: when a price has several lines in
// the invoice, a usage discount's units come off them in service order until used up.
func TestSemanticsUsageDiscountAcrossParts(t *testing.T) {
	// A 10-day trial from Jan 1 splits January; A (1.00 a unit) has 3 units in the
	// trial part and 7 after. 5 units off: 3 from the trial line (−3.00, leaving
	// nothing for the trial to waive), the other 2 from the paid line (−2.00).
	p := mustDecode(t, `{"id":"p","currency":"USD","trial_config":{"trial_period":10},"prices":[`+usageUnit("A")+`],
		"adjustments":[{"adjustment_type":"usage_discount","usage_discount":"5"}]}`)
	var events []usage.Event
	for i := range 10 {
		at := day(2026, 1, 5)
		if i >= 3 {
			at = day(2026, 1, 15)
		}
		events = append(events, event("a", at.Add(time.Duration(i)*time.Minute)))
	}
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Metrics: []*usage.Metric{countMetric("m_A", "a")}}, events)
	want := []L{
		{Price: "A", Service: "2026-01-01T00:00/2026-01-11T00:00", Quantity: "3", Subtotal: "3.00",
			Adjustments: []string{"usage_discount adjustments[0] -3.00", "trial_discount trial_config 0.00"}, Amount: "0.00"},
		{Price: "A", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "7", Subtotal: "7.00",
			Adjustments: []string{"usage_discount adjustments[0] -2.00"}, Amount: "5.00"},
	}
	if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestSemanticsUsageShapes covers the three shapes of usage a price rates (§2, §3),
// from events and pre-aggregated, with §2's worked numbers.
func TestSemanticsUsageShapes(t *testing.T) {
	const js = `{"id":"p","currency":"USD","prices":[
		{"id":"mx","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_jobs"},"model_type":"matrix",
		 "matrix_config":{"dimensions":["cluster","region"],"default_unit_amount":"3.00",
		 "matrix_values":[{"dimension_values":["alpha","west"],"unit_amount":"2.00"}]}},
		{"id":"fees","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_payments"},"model_type":"bps",
		 "bps_config":{"bps":"125","per_unit_maximum":"11.00"}},
		{"id":"units","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_units"},"model_type":"unit",
		 "unit_config":{"unit_amount":"0.50"}}]}`
	p := mustDecode(t, js)
	jan := month(2026, time.January)
	// Matrix: alpha/west 10 × 2.00 + beta/east 5 × 3.00 = 20.00 + 15.00 = 35.00.
	// bps: 500, 2000, 100 at 125 bps capped at 11.00: 6.25 + 11.00 + 1.25 = 18.50.
	// Unit: 1,234 × 0.50 = 617.00.
	want := []string{"mx 15 35.00", "fees 2600 18.50", "units 1234 617.00"}
	got := func(inv *ratecard.Invoice) []string {
		var out []string
		for _, l := range inv.Lines {
			out = append(out, l.PriceID+" "+l.Quantity.String()+" "+l.Subtotal.String())
		}
		return out
	}
	pre := quantities("mx", `{"groups":[{"values":["alpha","west"],"quantity":"10"},{"values":["beta","east"],"quantity":"5"}]}`,
		"fees", `{"event_values":["500","2000","100"]}`, "units", "1234")
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: jan, Quantities: pre}, nil)
	if diff := cmp.Diff(want, got(inv)); diff != "" {
		t.Errorf("pre-aggregated (-want +got):\n%s", diff)
	}

	job := func(at time.Time, cluster, region, n string) usage.Event {
		e := event("job", at, "n", n)
		e.Properties = append(e.Properties, usage.Property{Key: "cluster", Value: usage.String(cluster)}, usage.Property{Key: "region", Value: usage.String(region)})
		return e
	}
	events := []usage.Event{
		job(day(2026, 1, 2), "alpha", "west", "4"), job(day(2026, 1, 3), "beta", "east", "5"), job(day(2026, 1, 4), "alpha", "west", "6"),
		event("payment", day(2026, 1, 2), "amount", "500"), event("payment", day(2026, 1, 3), "amount", "2000"),
		event("payment", day(2026, 1, 4), "amount", "100"), event("tick", day(2026, 1, 5), "n", "1234"),
	}
	metrics := []*usage.Metric{sumMetric("m_jobs", "job", "n"), sumMetric("m_payments", "payment", "amount"), sumMetric("m_units", "tick", "n")}
	inv = mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: jan, Metrics: metrics}, events)
	if diff := cmp.Diff(want, got(inv)); diff != "" {
		t.Errorf("from events (-want +got):\n%s", diff)
	}
	if n := len(inv.Lines[0].SubLines); n != 2 || inv.Lines[0].SubLines[0].Name() != "alpha / west" || !inv.Lines[0].SubLines[0].Amount.Equal(dec("20.00")) {
		t.Errorf("matrix sub-lines %+v, want alpha / west 20.00 then beta / east 15.00", inv.Lines[0].SubLines)
	}
}

// TestSemanticsInputErrors covers the errors of the billing input, each at its path.
func TestSemanticsInputErrors(t *testing.T) {
	p := mustDecode(t, `{"id":"p","currency":"USD","prices":[
		{"id":"mx","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_jobs"},"model_type":"matrix",
		 "matrix_config":{"dimensions":["cluster","region"],"default_unit_amount":"3.00","matrix_values":[]}},
		{"id":"fees","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_payments"},"model_type":"bps","bps_config":{"bps":"125"}},
		{"id":"units","price_type":"usage_price","cadence":"monthly","billable_metric":{"id":"m_units"},"model_type":"unit","unit_config":{"unit_amount":"0.50"}},
		{"id":"fee","price_type":"fixed_price","cadence":"monthly","model_type":"unit","unit_config":{"unit_amount":"5.00"}}]}`)
	all := quantities("mx", `{"groups":[]}`, "fees", `{"event_values":[]}`, "units", "0")
	with := func(kv ...string) map[string]usage.Result {
		out := map[string]usage.Result{}
		for k, v := range all {
			out[k] = v
		}
		for k, v := range quantities(kv...) {
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name       string
		quantities map[string]usage.Result
		metrics    []*usage.Metric
		field      string
		want       string
	}{
		{"a bare quantity for a matrix", with("mx", "15"), nil, "quantities.mx.groups",
			`quantities.mx.groups: price mx is a matrix over [cluster region]: give {"groups": […]}`},
		{"groups of the wrong arity", with("mx", `{"groups":[{"values":["alpha"],"quantity":"1"}]}`), nil, "quantities.mx.groups[0].values",
			"quantities.mx.groups[0].values: 1 values for the 2 dimensions [cluster region]"},
		{"a bare quantity for bps", with("fees", "2600"), nil, "quantities.fees.event_values",
			`quantities.fees.event_values: price fees is bps and charges each event: give {"event_values": […]}`},
		{"groups for a unit price", with("units", `{"groups":[]}`), nil, "quantities.units",
			"quantities.units: price units is unit and rates a quantity: give a decimal"},
		{"a price the plan lacks", with("nope", "1"), nil, "quantities.nope", `quantities.nope: no price "nope" in the plan`},
		{"a fixed price", with("fee", "3"), nil, "quantities.fee", `quantities.fee: price "fee" is a fixed price: it rates its fixed_price_quantity, not usage`},
		{"no metric and no quantity", quantities("mx", `{"groups":[]}`, "fees", `{"event_values":[]}`), nil, "prices[2].billable_metric.id",
			`prices[2].billable_metric.id: metric "m_units" is not defined, and no quantities are given for price "units"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
				Quantities: tc.quantities, Metrics: tc.metrics}, nil)
			var ve *ratecard.ValidationError
			if !errors.As(err, &ve) || ve.Field != tc.field || err.Error() != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	// Run.Invoice wants one result per request.
	run, err := p.Prepare(plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Metrics: []*usage.Metric{countMetric("m_jobs", "job"), sumMetric("m_payments", "payment", "amount"), countMetric("m_units", "tick")}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(run.Requests()); n != 3 {
		t.Fatalf("%d requests, want 3", n)
	}
	if _, err := run.Invoice(nil); err == nil || err.Error() != "plan: 0 usage results for 3 requests" {
		t.Errorf("Invoice(nil): %v", err)
	}
}

// TestSemanticsLargeAmounts: amounts far beyond int64 minor units (SEMANTICS §1 allows
// 34 digits) go through the whole pipeline exactly. 10^28 hours at 0.10 with 10 %
// off and a maximum over two prices: 10^27 each, 10 % off → 9 × 10^26, capped at
// 10^27 in all → 5 × 10^26 each.
func TestSemanticsLargeAmounts(t *testing.T) {
	p := mustDecode(t, `{"id":"p","currency":"USD","prices":[
		{"id":"a","price_type":"usage_price","model_type":"unit","cadence":"monthly","unit_config":{"unit_amount":"0.10"},"billable_metric":{"id":"m"}},
		{"id":"b","price_type":"usage_price","model_type":"unit","cadence":"monthly","unit_config":{"unit_amount":"0.10"},"billable_metric":{"id":"m"}}],
		"adjustments":[{"adjustment_type":"percentage_discount","percentage_discount":"0.1"},
		               {"adjustment_type":"maximum","maximum_amount":"1000000000000000000000000000"}]}`)
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 1)}, Period: month(2026, time.January),
		Quantities: quantities("a", `"10000000000000000000000000000"`, "b", `"10000000000000000000000000000"`)}, nil)
	want := []L{
		{Price: "a", Service: "2026-01-01T00:00/2026-02-01T00:00", Quantity: "10000000000000000000000000000", Subtotal: "1000000000000000000000000000.00",
			Adjustments: []string{"percentage_discount adjustments[0] -100000000000000000000000000.00", "maximum adjustments[1] -400000000000000000000000000.00"},
			Amount:      "500000000000000000000000000.00"},
		{Price: "b", Service: "2026-01-01T00:00/2026-02-01T00:00", Quantity: "10000000000000000000000000000", Subtotal: "1000000000000000000000000000.00",
			Adjustments: []string{"percentage_discount adjustments[0] -100000000000000000000000000.00", "maximum adjustments[1] -400000000000000000000000000.00"},
			Amount:      "500000000000000000000000000.00"},
	}
	if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if inv.Total.String() != "1000000000000000000000000000.00" {
		t.Errorf("total %s", inv.Total)
	}
}
