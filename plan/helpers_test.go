package plan_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// Helpers shared by the plan tests: literal values, plans from JSON, events, and a
// readable summary of an invoice that the tables compare against.

// dec parses a decimal literal; it panics on a typo.
func dec(s string) ratecard.Decimal { return ratecard.MustParse(s) }

// day returns 00:00 UTC of a date.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// span returns the period [start, end).
func span(start, end time.Time) ratecard.Period { return ratecard.Period{Start: start, End: end} }

// month returns the calendar month of a date in UTC.
func month(y int, m time.Month) ratecard.Period { return span(day(y, m, 1), day(y, m+1, 1)) }

// zone loads a time zone or fails the test.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return loc
}

// mustDecode decodes a plan or fails the test.
func mustDecode(t rapid.TB, js string) *plan.Plan {
	t.Helper()
	p, err := plan.Decode([]byte(js))
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, js)
	}
	return p
}

// mustInvoice computes an invoice, fails the test on an error, and checks its sums.
func mustInvoice(t rapid.TB, p *plan.Plan, b plan.Billing, events []usage.Event) *ratecard.Invoice {
	t.Helper()
	inv, err := p.Invoice(b, events)
	if err != nil {
		t.Fatalf("Invoice(%s): %v", b.Period, err)
	}
	if err := inv.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	return inv
}

// quantities builds pre-aggregated quantities from "price id", "quantity" pairs.
func quantities(kv ...string) map[string]usage.Result {
	out := map[string]usage.Result{}
	for i := 0; i < len(kv); i += 2 {
		r, err := usage.DecodeResult([]byte(kv[i+1]))
		if err != nil {
			panic(err)
		}
		out[kv[i]] = r
	}
	return out
}

// event returns an event with numeric properties given as "key", "value" pairs.
func event(name string, at time.Time, kv ...string) usage.Event {
	e := usage.Event{Name: name, Timestamp: at}
	for i := 0; i < len(kv); i += 2 {
		v, ok := usage.Number(kv[i+1])
		if !ok {
			panic("not a number: " + kv[i+1])
		}
		e.Properties = append(e.Properties, usage.Property{Key: kv[i], Value: v})
	}
	return e
}

// sumMetric is a metric summing property prop of events named name; countMetric
// counts them.
func sumMetric(id, name, prop string) *usage.Metric {
	return &usage.Metric{ID: id, EventName: name, Aggregation: usage.Sum, Property: prop}
}

func countMetric(id, name string) *usage.Metric {
	return &usage.Metric{ID: id, EventName: name, Aggregation: usage.Count}
}

// L is a line of an invoice as the tables write it: the service period as local
// times ("2026-01-15T00:00/2026-02-01T00:00"), amounts with their digits, and each
// adjustment as "kind source amount".
type L struct {
	Price, Service, Quantity, Subtotal string
	Adjustments                        []string
	Amount                             string
}

// summary returns the lines of an invoice as Ls, service periods in loc.
func summary(inv *ratecard.Invoice, loc *time.Location) []L {
	out := make([]L, len(inv.Lines))
	for i, l := range inv.Lines {
		out[i] = L{Price: l.PriceID, Service: local(l.Service, loc), Quantity: l.Quantity.String(),
			Subtotal: l.Subtotal.String(), Amount: l.Amount.String()}
		for _, a := range l.Adjustments {
			out[i].Adjustments = append(out[i].Adjustments, fmt.Sprintf("%s %s %s", a.Kind, a.Source, a.Amount))
		}
	}
	return out
}

// local writes a period in loc without the offset: "2026-01-15T00:00/2026-02-01T00:00".
func local(p ratecard.Period, loc *time.Location) string {
	const layout = "2006-01-02T15:04"
	return p.Start.In(loc).Format(layout) + "/" + p.End.In(loc).Format(layout)
}

// render writes every field of an invoice, decimals with their digits, so that two
// invoices render equal exactly when they are identical.
func render(inv *ratecard.Invoice) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s scale %d %s\n", inv.Currency, inv.Currency.Scale(), renderPeriod(inv.Period))
	for _, l := range inv.Lines {
		fmt.Fprintf(&b, "line %s %q %s q=%s subtotal=%s amount=%s\n", l.PriceID, l.Name, renderPeriod(l.Service), l.Quantity, l.Subtotal, l.Amount)
		for _, s := range l.SubLines {
			fmt.Fprintf(&b, "  sub %q @%s group=%v q=%s amount=%s\n", s.Name(), s.UnitAmount(), groupText(s.Group()), s.Quantity, s.Amount)
		}
		for _, a := range l.Adjustments {
			fmt.Fprintf(&b, "  adj %s %s %s\n", a.Kind, a.Source, a.Amount)
		}
	}
	fmt.Fprintf(&b, "subtotal=%s total=%s\n", inv.Subtotal, inv.Total)
	return b.String()
}

func renderPeriod(p ratecard.Period) string {
	return p.Start.UTC().Format(time.RFC3339Nano) + "/" + p.End.UTC().Format(time.RFC3339Nano)
}

func groupText(g []*string) string {
	if g == nil {
		return "-"
	}
	parts := make([]string, len(g))
	for i, v := range g {
		if v == nil {
			parts[i] = "null"
		} else {
			parts[i] = *v
		}
	}
	return strings.Join(parts, ",")
}
