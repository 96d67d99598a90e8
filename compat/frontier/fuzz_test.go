package frontier_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
)

// FuzzDecode checks that Decode never panics, that its errors match
// ratecard.ErrInvalid, and that a plan it accepts invoices a period (with credits,
// in the currency of its first billed price) with balanced sums, or refuses it with
// an error that matches ErrInvalid.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(seedPlan))
	f.Add([]byte(teamPlan))
	f.Add([]byte(packPlan))
	seeds, _ := filepath.Glob("../../testdata/conformance/frontier_*.json")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := frontier.Decode(data)
		if err != nil {
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			return
		}
		var cur ratecard.Currency
		for _, pr := range p.Products {
			for _, pc := range pr.Prices {
				if cur.Code() == "" && pc.Interval == p.Interval {
					cur = pc.Currency
				}
			}
		}
		start := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
		end := map[frontier.Interval]time.Time{frontier.IntervalDay: start.AddDate(0, 0, 1), frontier.IntervalWeek: start.AddDate(0, 0, 7),
			frontier.IntervalMonth: time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC), frontier.IntervalYear: start.AddDate(1, 0, 0)}[p.Interval]
		l, _ := frontier.NewLedger(0)
		v, _ := usage.Number("12345")
		var events []usage.Event
		for _, m := range p.Metrics() {
			events = append(events, usage.Event{Name: m.EventName, Timestamp: start.Add(time.Hour), Properties: []usage.Property{{Key: "quantity", Value: v}}})
		}
		inv, err := p.Invoice(frontier.Billing{Customer: "c", Start: start, SkipTrial: true, Seats: 3, Currency: cur,
			Period: ratecard.Period{Start: start, End: end}, Credits: l, CreditTx: "t"}, events)
		if err != nil {
			if !errors.Is(err, ratecard.ErrInvalid) && !errors.Is(err, frontier.ErrSeatLimit) {
				t.Fatalf("invoice error %v matches neither ErrInvalid nor ErrSeatLimit", err)
			}
			return
		}
		if err := inv.Check(); err != nil {
			t.Fatal(err)
		}
	})
}
