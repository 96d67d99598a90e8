package waldur_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
	"github.com/ratecard/ratecard/internal/gen"
	"pgregory.net/rapid"
)

var allUnits = []waldur.Unit{waldur.UnitMonth, waldur.UnitQuarter, waldur.UnitHalfMonth, waldur.UnitDay, waldur.UnitHour, waldur.UnitQuantity}

// genPlan draws a plan of one to four components of every billing type.
func genPlan(t *rapid.T, label string) *waldur.Plan {
	p := &waldur.Plan{UUID: label, Unit: rapid.SampledFrom(allUnits).Draw(t, label+"_unit")}
	n := rapid.IntRange(1, 4).Draw(t, label+"_n")
	types := []waldur.BillingType{waldur.BillingFixed, waldur.BillingUsage, waldur.BillingLimit, waldur.BillingOneTime, waldur.BillingOnSwitch}
	for i := range n {
		c := &waldur.Component{
			Type:        fmt.Sprintf("c%d", i),
			BillingType: rapid.SampledFrom(types).Draw(t, fmt.Sprintf("%s_type%d", label, i)),
			Price:       gen.Amount(100, 4).Draw(t, fmt.Sprintf("%s_price%d", label, i)),
		}
		switch c.BillingType {
		case waldur.BillingFixed:
			c.Amount = rapid.Int64Range(0, 16).Draw(t, fmt.Sprintf("%s_amount%d", label, i))
		case waldur.BillingLimit:
			if rapid.Bool().Draw(t, fmt.Sprintf("%s_discount%d", label, i)) {
				c.DiscountThreshold = rapid.Int64Range(1, 20).Draw(t, fmt.Sprintf("%s_threshold%d", label, i))
				c.DiscountRate = rapid.Int64Range(0, 100).Draw(t, fmt.Sprintf("%s_rate%d", label, i))
			}
		}
		p.Components = append(p.Components, c)
	}
	return p
}

// at draws an instant in Feb–Apr 2026, often at midnight.
func at(t *rapid.T, label string) time.Time {
	base := ts("2026-02-01T00:00:00Z")
	if rapid.Bool().Draw(t, label+"_midnight") {
		return base.AddDate(0, 0, rapid.IntRange(0, 88).Draw(t, label+"_day"))
	}
	return base.Add(time.Duration(rapid.Int64Range(0, 89*24*60).Draw(t, label+"_min")) * time.Minute)
}

// TestInvoiceProperties: for any resource history, the March invoice balances, every
// charge is ≥ 0, and every volume discount line takes at most the rate of the limit
// line it follows.
func TestInvoiceProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := waldur.Resource{Plan: genPlan(t, "a"), Created: at(t, "created")}
		plans := []*waldur.Plan{r.Plan}
		if rapid.Bool().Draw(t, "switch") {
			if s := at(t, "switch_at"); s.After(r.Created) {
				r.Switches = []waldur.Switch{{At: s, Plan: genPlan(t, "b")}}
				plans = append(plans, r.Switches[0].Plan)
			}
		}
		if rapid.Bool().Draw(t, "terminate") {
			end := at(t, "terminated")
			last := r.Created
			if len(r.Switches) > 0 {
				last = r.Switches[0].At
			}
			if end.After(last) {
				r.Terminated = end
			}
		}
		life := func(tm time.Time) bool {
			return !tm.Before(r.Created) && (r.Terminated.IsZero() || tm.Before(r.Terminated))
		}
		var limitTypes, usageTypes []string
		for _, p := range plans {
			for _, c := range p.Components {
				switch c.BillingType {
				case waldur.BillingLimit:
					limitTypes = append(limitTypes, c.Type)
				}
			}
		}
		if len(limitTypes) > 0 {
			prev := time.Time{}
			for i := range rapid.IntRange(0, 4).Draw(t, "limits") {
				when := at(t, fmt.Sprintf("limit%d", i))
				if when.Before(prev) {
					when = prev
				}
				prev = when
				typ := rapid.SampledFrom(limitTypes).Draw(t, fmt.Sprintf("limit%d_type", i))
				r.Limits = append(r.Limits, waldur.Limits{At: when, Values: map[string]ratecard.Decimal{
					typ: ratecard.NewFromInt(rapid.Int64Range(0, 40).Draw(t, fmt.Sprintf("limit%d_value", i)))}})
			}
		}
		for i := range rapid.IntRange(0, 4).Draw(t, "usages") {
			when := at(t, fmt.Sprintf("usage%d", i))
			if !life(when) {
				continue
			}
			p := r.Plan
			if len(r.Switches) > 0 && !when.Before(r.Switches[0].At) {
				p = r.Switches[0].Plan
			}
			usageTypes = usageTypes[:0]
			for _, c := range p.Components {
				if c.BillingType == waldur.BillingUsage {
					usageTypes = append(usageTypes, c.Type)
				}
			}
			if len(usageTypes) == 0 {
				continue
			}
			r.Usages = append(r.Usages, waldur.Usage{Component: rapid.SampledFrom(usageTypes).Draw(t, fmt.Sprintf("usage%d_type", i)),
				At: when, Quantity: gen.Amount(10000, 3).Draw(t, fmt.Sprintf("usage%d_q", i))})
		}

		inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March})
		if err != nil {
			t.Fatalf("a valid history is rejected: %v", err)
		}
		if err := inv.Check(); err != nil {
			t.Fatal(err)
		}
		for i, l := range inv.Lines {
			if !l.Service.Start.Before(l.Service.End) || l.Service.Start.Before(inv.Period.Start) || l.Service.End.After(inv.Period.End) {
				t.Fatalf("line %d (%s): service %s outside %s", i, l.PriceID, l.Service, inv.Period)
			}
			if !strings.HasSuffix(l.PriceID, "/volume_discount") {
				if l.Amount.Sign() < 0 || l.Quantity.Sign() <= 0 {
					t.Fatalf("line %d (%s): quantity %s, amount %s", i, l.PriceID, l.Quantity, l.Amount)
				}
				continue
			}
			prev := inv.Lines[i-1]
			if prev.PriceID+"/volume_discount" != l.PriceID || l.Amount.Sign() > 0 ||
				l.Amount.Neg().Cmp(prev.Amount) > 0 || l.Quantity.Cmp(prev.Quantity) > 0 {
				t.Fatalf("discount line %s (quantity %s, %s) after %s (quantity %s, %s)", l.PriceID, l.Quantity, l.Amount, prev.PriceID, prev.Quantity, prev.Amount)
			}
		}
		if inv.Total.Sign() < 0 {
			t.Fatalf("total %s", inv.Total)
		}
	})
}

// TestLimitDaysAddUp: on a day plan, however a limit changes (at any time of day,
// several times a day, in a zone with a DST change in March), the month's
// quantity lies between the lowest and the highest limit × its 31 days, and is
// exactly L × 31 when every change sets the same L.
func TestLimitDaysAddUp(t *testing.T) {
	p := &waldur.Plan{UUID: "d", Unit: waldur.UnitDay, Components: []*waldur.Component{{Type: "c", BillingType: waldur.BillingLimit, Price: ratecard.NewFromInt(1)}}}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom([]*time.Location{time.UTC, berlin}).Draw(t, "loc")
		created := time.Date(2026, time.February, 1, 0, 0, 0, 0, loc)
		same := rapid.Bool().Draw(t, "same")
		first := rapid.Int64Range(0, 40).Draw(t, "first")
		r := waldur.Resource{Plan: p, Created: created, Limits: []waldur.Limits{{At: created, Values: map[string]ratecard.Decimal{"c": ratecard.NewFromInt(first)}}}}
		lo, hi := first, first
		prev := created
		for i := range rapid.IntRange(0, 6).Draw(t, "changes") {
			when := at(t, fmt.Sprintf("change%d", i)).In(loc)
			if when.Before(prev) {
				when = prev
			}
			prev = when
			v := first
			if !same {
				v = rapid.Int64Range(0, 40).Draw(t, fmt.Sprintf("value%d", i))
			}
			lo, hi = min(lo, v), max(hi, v)
			r.Limits = append(r.Limits, waldur.Limits{At: when, Values: map[string]ratecard.Decimal{"c": ratecard.NewFromInt(v)}})
		}
		inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March, Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		var q ratecard.Decimal
		if len(inv.Lines) > 0 {
			q = inv.Lines[0].Quantity
		}
		if q.Cmp(ratecard.NewFromInt(lo*31)) < 0 || q.Cmp(ratecard.NewFromInt(hi*31)) > 0 {
			t.Fatalf("quantity %s outside [%d, %d] × 31", q, lo, hi)
		}
		if same && !q.Equal(ratecard.NewFromInt(first*31)) {
			t.Fatalf("quantity %s, want %d × 31", q, first)
		}
	})
}
