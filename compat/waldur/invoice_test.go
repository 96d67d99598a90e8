package waldur_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustPlan(t testing.TB, js string) *waldur.Plan {
	t.Helper()
	p, err := waldur.Decode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func dec(s string) ratecard.Decimal { return ratecard.MustParse(s) }

// summary is what the tests compare: each line's id, quantity and amount.
type summary struct{ ID, Quantity, Amount string }

func summarize(inv *ratecard.Invoice) []summary {
	var out []summary
	for _, l := range inv.Lines {
		out = append(out, summary{l.PriceID, l.Quantity.String(), l.Amount.String()})
	}
	return out
}

func TestInvoice(t *testing.T) {
	quarterly := mustPlan(t, `{"uuid": "q", "unit": "quarter", "components": [{"type": "licence", "amount": 1, "price": "90"}]}`)
	perQuantity := mustPlan(t, `{"uuid": "n", "unit": "quantity", "components": [{"type": "ip", "amount": 2, "price": "1.25"}]}`)
	monthly := mustPlan(t, `{"uuid": "m", "unit": "month", "components": [
		{"type": "cores", "amount": 2, "price": "10"},
		{"type": "setup", "billing_type": "one", "price": "5"}]}`)
	other := mustPlan(t, `{"uuid": "o", "unit": "month", "components": [
		{"type": "cores", "amount": 2, "price": "20"},
		{"type": "switch", "billing_type": "few", "price": "3"}]}`)
	tests := []struct {
		name  string
		r     waldur.Resource
		month time.Month
		cur   string
		want  []summary
	}{
		{"quarter unit: nothing in a month without a quarter start",
			waldur.Resource{Plan: quarterly, Created: ts("2026-02-10T00:00:00Z")}, time.March, "", nil},
		{"quarter unit: the quarter is charged in April",
			waldur.Resource{Plan: quarterly, Created: ts("2026-02-10T00:00:00Z")}, time.April, "", []summary{{"licence", "1", "90.00"}}},
		{"quantity unit: once a month, whatever the time",
			waldur.Resource{Plan: perQuantity, Created: ts("2026-03-31T23:00:00Z")}, time.March, "", []summary{{"ip", "2", "2.50"}}},
		{"created in a later month: no lines",
			waldur.Resource{Plan: monthly, Created: ts("2026-05-03T00:00:00Z")}, time.April, "", nil},
		{"terminated in an earlier month: no lines",
			waldur.Resource{Plan: monthly, Created: ts("2026-01-03T00:00:00Z"), Terminated: ts("2026-02-01T00:00:00Z")}, time.March, "", nil},
		{"created and terminated in the month: 10 of 31 days, one-time fee",
			waldur.Resource{Plan: monthly, Created: ts("2026-03-05T10:00:00Z"), Terminated: ts("2026-03-14T09:00:00Z")}, time.March, "",
			// days 5–14 = 10 → 10/31 = 0.3225… → 0.33; 2 × 0.33 × 10 = 6.60
			[]summary{{"setup", "1", "5.00"}, {"cores", "0.66", "6.60"}}},
		{"created and switched in the same month: both one-off fees",
			waldur.Resource{Plan: monthly, Created: ts("2026-03-01T00:00:00Z"), Switches: []waldur.Switch{{At: ts("2026-03-11T00:00:00Z"), Plan: other}}},
			time.March, "",
			// days 1–10 → 0.33 (10/31 = 0.3225…); days 11–31 → 21/31 = 0.677… → 0.68
			[]summary{{"setup", "1", "5.00"}, {"cores", "0.66", "6.60"}, {"switch", "1", "3.00"}, {"cores", "1.36", "27.20"}}},
		{"JPY: rounded up to whole yen",
			waldur.Resource{Plan: perQuantity, Created: ts("2026-03-01T00:00:00Z")}, time.March, "JPY", []summary{{"ip", "2", "3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := waldur.Billing{Year: 2026, Month: tt.month}
			if tt.cur != "" {
				b.Currency, _ = ratecard.ParseCurrency(tt.cur)
			}
			inv, err := tt.r.Invoice(b)
			if err != nil {
				t.Fatal(err)
			}
			if err := inv.Check(); err != nil {
				t.Error(err)
			}
			if diff := cmp.Diff(tt.want, summarize(inv)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if tt.cur == "" && inv.Currency.Code() != "EUR" {
				t.Errorf("currency %s, want EUR by default", inv.Currency)
			}
		})
	}
}

func TestInvoiceErrors(t *testing.T) {
	p := mustPlan(t, `{"uuid": "p", "components": [
		{"type": "cores", "billing_type": "limit", "price": "1"},
		{"type": "gpu", "billing_type": "usage", "price": "1"}]}`)
	fp := mustPlan(t, `{"uuid": "fp", "components": [{"type": "a", "price": "1", "future_price": "2"}]}`)
	created := ts("2026-03-10T00:00:00Z")
	tests := []struct {
		name  string
		r     waldur.Resource
		month time.Month
		want  string
	}{
		{"no plan", waldur.Resource{Created: created}, time.March, "plan: required"},
		{"no creation", waldur.Resource{Plan: p}, time.March, "created: required"},
		{"terminated first", waldur.Resource{Plan: p, Created: created, Terminated: created}, time.March, "terminated: 2026-03-10T00:00:00Z is not after created"},
		{"switch before creation", waldur.Resource{Plan: p, Created: created, Switches: []waldur.Switch{{At: ts("2026-03-01T00:00:00Z"), Plan: p}}},
			time.March, "switches[0].at: 2026-03-01T00:00:00Z is not after"},
		{"switch without a plan", waldur.Resource{Plan: p, Created: created, Switches: []waldur.Switch{{At: ts("2026-03-12T00:00:00Z")}}},
			time.March, "switches[0].plan: required"},
		{"limits out of order", waldur.Resource{Plan: p, Created: created, Limits: []waldur.Limits{
			{At: ts("2026-03-12T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("2")}},
			{At: ts("2026-03-11T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("4")}}}},
			time.March, "limits[1].at: 2026-03-11T00:00:00Z is before limits[0]"},
		{"limit of no limit component", waldur.Resource{Plan: p, Created: created, Limits: []waldur.Limits{
			{At: created, Values: map[string]ratecard.Decimal{"gpu": dec("2")}}}}, time.March, `limits[0].values.gpu: no limit component of the resource's plans has type "gpu"`},
		{"negative limit", waldur.Resource{Plan: p, Created: created, Limits: []waldur.Limits{
			{At: created, Values: map[string]ratecard.Decimal{"cores": dec("-2")}}}}, time.March, "limits[0].values.cores: -2 is negative"},
		{"usage before creation", waldur.Resource{Plan: p, Created: created, Usages: []waldur.Usage{{Component: "gpu", At: ts("2026-03-01T00:00:00Z"), Quantity: dec("1")}}},
			time.March, "usages[0].at: 2026-03-01T00:00:00Z is outside the resource's life"},
		{"negative usage", waldur.Resource{Plan: p, Created: created, Usages: []waldur.Usage{{Component: "gpu", At: created, Quantity: dec("-1")}}},
			time.March, "usages[0].quantity: -1 is negative"},
		{"future price without its time", waldur.Resource{Plan: fp, Created: created}, time.March,
			"plan fp: components[0].future_price: needs future_price_set_at"},
		{"month 13", waldur.Resource{Plan: p, Created: created}, 13, "month: 13 is not 1–12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.r.Invoice(waldur.Billing{Year: 2026, Month: tt.month})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if tt.month == time.March && (!errors.Is(err, ratecard.ErrInvalid) || !errors.Is(err, waldur.ErrResource)) {
				t.Errorf("%v does not match ratecard.ErrInvalid and waldur.ErrResource", err)
			}
		})
	}
}

// TestLimitPieces checks the day-weighting around limit changes: several changes at
// one instant (the last wins), a change before the month, and a limit set to 0
// (the day it drops is still charged at the higher limit, as Waldur does).
func TestLimitPieces(t *testing.T) {
	p := mustPlan(t, `{"uuid": "d", "unit": "day", "components": [{"type": "cores", "billing_type": "limit", "price": "1"}]}`)
	r := waldur.Resource{Plan: p, Created: ts("2026-01-01T00:00:00Z"), Limits: []waldur.Limits{
		{At: ts("2026-01-01T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("3")}}, // before the month: 3 from Mar 1
		{At: ts("2026-03-11T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("100")}},
		{At: ts("2026-03-11T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("5")}}, // replaces the 100 at once
		{At: ts("2026-03-21T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": dec("0")}},
	}}
	inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March})
	if err != nil {
		t.Fatal(err)
	}
	// 3 × 10 days (Mar 1–10) + 5 × 11 days (Mar 11–21) + 0 × 10 days = 85 core-days.
	if diff := cmp.Diff([]summary{{"cores", "85", "85.00"}}, summarize(inv)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// limitsOf returns the limit changes of one component from "time", "limit" pairs.
func limitsOf(typ string, changes ...string) []waldur.Limits {
	var ls []waldur.Limits
	for i := 0; i < len(changes); i += 2 {
		ls = append(ls, waldur.Limits{At: ts(changes[i]), Values: map[string]ratecard.Decimal{typ: dec(changes[i+1])}})
	}
	return ls
}

// checkMarch compares a resource's March 2026 invoice lines with want.
func checkMarch(t *testing.T, r waldur.Resource, want []summary) {
	t.Helper()
	inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, summarize(inv)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestLimitChangeDay checks Waldur's rule for the day of a limit change: that day
// is charged once, at the higher limit (an increase starts at the day's midnight,
// a decrease at the next), so the days of a month add up to the month.
func TestLimitChangeDay(t *testing.T) {
	day := mustPlan(t, `{"uuid": "d", "unit": "day", "components": [{"type": "cores", "billing_type": "limit", "price": "1"}]}`)
	month := mustPlan(t, `{"uuid": "m", "unit": "month", "components": [{"type": "cores", "billing_type": "limit", "price": "31"}]}`)
	history := func(p *waldur.Plan, changes ...string) waldur.Resource {
		return waldur.Resource{Plan: p, Created: ts("2026-02-01T00:00:00Z"), Limits: limitsOf("cores", changes...)}
	}
	tests := []struct {
		name string
		r    waldur.Resource
		want []summary
	}{
		{"raised at noon: the day at the new limit", // 4 × 10 (Mar 1–10) + 8 × 21 (Mar 11–31) = 208
			history(day, "2026-02-01T00:00:00Z", "4", "2026-03-11T12:00:00Z", "8"), []summary{{"cores", "208", "208.00"}}},
		{"lowered at noon: the day at the old limit", // 8 × 11 (Mar 1–11) + 4 × 20 (Mar 12–31) = 168
			history(day, "2026-02-01T00:00:00Z", "8", "2026-03-11T12:00:00Z", "4"), []summary{{"cores", "168", "168.00"}}},
		{"lowered at midnight: that day still at the old limit", // 8 × 11 + 4 × 20 = 168
			history(day, "2026-02-01T00:00:00Z", "8", "2026-03-11T00:00:00Z", "4"), []summary{{"cores", "168", "168.00"}}},
		{"the same limit sent again at noon", // 4 × 31 = 124
			history(day, "2026-02-01T00:00:00Z", "4", "2026-03-11T12:00:00Z", "4"), []summary{{"cores", "124", "124.00"}}},
		{"up and down within a day: the day at its peak", // 4 × 10 + 9 × 1 (Mar 11) + 2 × 20 = 89
			history(day, "2026-02-01T00:00:00Z", "4", "2026-03-11T09:00:00Z", "9", "2026-03-11T17:00:00Z", "2"), []summary{{"cores", "89", "89.00"}}},
		{"month plan raised at noon: weighted over 31 days, not 32", // (4 × 10 + 8 × 21) / 31 = 6.7096774; × 31 = 208.0000 → 208.00
			history(month, "2026-02-01T00:00:00Z", "4", "2026-03-11T12:00:00Z", "8"), []summary{{"cores", "6.7096774", "208.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkMarch(t, tt.r, tt.want) })
	}
}

// TestVolumeDiscountThreshold checks what the threshold is compared with: Waldur's
// item quantity, which is Σ limit × days on a day plan and the day-weighted limit
// (without the part of the month) on other plans.
func TestVolumeDiscountThreshold(t *testing.T) {
	day := mustPlan(t, `{"uuid": "d", "unit": "day", "components": [
		{"type": "storage", "billing_type": "limit", "price": "0.01", "discount_threshold": 300, "discount_rate": 10}]}`)
	month := mustPlan(t, `{"uuid": "m", "unit": "month", "components": [
		{"type": "storage", "billing_type": "limit", "price": "0.10", "discount_threshold": 1000, "discount_rate": 10}]}`)
	limits := func(changes ...string) []waldur.Limits { return limitsOf("storage", changes...) }
	tests := []struct {
		name string
		r    waldur.Resource
		want []summary
	}{
		{"day plan: a limit of 10 for 31 days is 310 ≥ 300", // 0.01 × 310 = 3.10; −0.31
			waldur.Resource{Plan: day, Created: ts("2026-02-01T00:00:00Z"), Limits: limits("2026-02-01T00:00:00Z", "10")},
			[]summary{{"storage", "310", "3.10"}, {"storage/volume_discount", "310", "-0.31"}}},
		{"day plan: 10 for 29 days is 290 < 300",
			waldur.Resource{Plan: day, Created: ts("2026-03-03T00:00:00Z"), Limits: limits("2026-03-03T00:00:00Z", "10")},
			[]summary{{"storage", "290", "2.90"}}},
		{"month plan: created on the 17th, the limit of 1200 qualifies; the discount is prorated like the line",
			// 15/31 = 0.48387… → 0.49; 0.49 × 1200 = 588; 0.10 × 588 = 58.80; −5.88
			waldur.Resource{Plan: month, Created: ts("2026-03-17T00:00:00Z"), Limits: limits("2026-03-17T00:00:00Z", "1200")},
			[]summary{{"storage", "588", "58.80"}, {"storage/volume_discount", "588", "-5.88"}}},
		{"month plan: 1500 for 10 of 31 days, 600 before, averages 890.32… < 1000",
			waldur.Resource{Plan: month, Created: ts("2026-02-01T00:00:00Z"), Limits: limits("2026-02-01T00:00:00Z", "600", "2026-03-22T00:00:00Z", "1500")},
			// (600 × 21 + 1500 × 10) / 31 = 27600 / 31 = 890.3225806; 0.10 × 890.3225806 = 89.03225806 → 89.04
			[]summary{{"storage", "890.3225806", "89.04"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkMarch(t, tt.r, tt.want) })
	}
}
