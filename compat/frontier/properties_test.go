package frontier_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// genPlanJSON draws a monthly plan of one to three products, each with one price:
// licensed or metered, flat or tiered (graduated or volume).
func genPlanJSON(t *rapid.T) string {
	var products []string
	for i := range rapid.IntRange(1, 3).Draw(t, "products") {
		behavior := rapid.SampledFrom([]string{"basic", "per_seat"}).Draw(t, fmt.Sprintf("behavior%d", i))
		usageType := rapid.SampledFrom([]string{"licensed", "metered"}).Draw(t, fmt.Sprintf("usage%d", i))
		agg := rapid.SampledFrom([]string{"sum", "max", "last_during_period"}).Draw(t, fmt.Sprintf("agg%d", i))
		scheme := fmt.Sprintf(`"amount": %d`, rapid.IntRange(0, 5000).Draw(t, fmt.Sprintf("amount%d", i)))
		if rapid.Bool().Draw(t, fmt.Sprintf("tiered%d", i)) {
			mode := rapid.SampledFrom([]string{"graduated", "volume"}).Draw(t, fmt.Sprintf("mode%d", i))
			var tiers []string
			bound := 0
			for j := range rapid.IntRange(1, 3).Draw(t, fmt.Sprintf("tiers%d", i)) {
				bound += rapid.IntRange(1, 50).Draw(t, fmt.Sprintf("bound%d_%d", i, j))
				tiers = append(tiers, fmt.Sprintf(`{"up_to": %d, "unit_amount": %d}`, bound, rapid.IntRange(0, 300).Draw(t, fmt.Sprintf("rate%d_%d", i, j))))
			}
			tiers = append(tiers, fmt.Sprintf(`{"up_to": "inf", "unit_amount": %d}`, rapid.IntRange(0, 300).Draw(t, fmt.Sprintf("last%d", i))))
			scheme = fmt.Sprintf(`"billing_scheme": "tiered", "tier_mode": %q, "tiers": [%s]`, mode, strings.Join(tiers, ", "))
		}
		products = append(products, fmt.Sprintf(`{"name": "p%d", "behavior": %q, "prices": [{"id": "price%d", "interval": "month",
		  "usage_type": %q, "metered_aggregate": %q, "currency": "usd", %s}]}`, i, behavior, i, usageType, agg, scheme))
	}
	return fmt.Sprintf(`{"id": "gen", "interval": "month", "on_start_credits": %d, "products": [%s]}`,
		rapid.IntRange(0, 20000).Draw(t, "on_start"), strings.Join(products, ", "))
}

// TestInvoiceCreditProperties: with any plan, usage and balance, the invoice
// balances; credits pay only in-arrears lines, never take a line below zero, never
// take the balance below the minimum, and pay exactly what the ledger lost.
func TestInvoiceCreditProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, err := frontier.Decode([]byte(genPlanJSON(t)))
		if err != nil {
			t.Fatal(err)
		}
		minimum := rapid.Int64Range(-500, 500).Draw(t, "minimum")
		l, _ := frontier.NewLedger(minimum)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var events []usage.Event
		for i := range rapid.IntRange(0, 6).Draw(t, "events") {
			v, _ := usage.Number(fmt.Sprint(rapid.IntRange(0, 400).Draw(t, fmt.Sprintf("q%d", i))))
			events = append(events, usage.Event{
				Name:       fmt.Sprintf("p%d", rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("e%d", i))),
				Timestamp:  start.Add(time.Duration(rapid.IntRange(0, 30*24).Draw(t, fmt.Sprintf("h%d", i))) * time.Hour),
				Properties: []usage.Property{{Key: "quantity", Value: v}},
			})
		}
		value := ratecard.New(rapid.Int64Range(1, 5).Draw(t, "cents_per_credit"), 2)
		b := frontier.Billing{Customer: "c", Start: start, Seats: rapid.Int64Range(0, 30).Draw(t, "seats"),
			Period:  ratecard.Period{Start: start, End: start.AddDate(0, 1, 0)},
			Credits: l, CreditTx: "inv", CreditValue: value}
		before := p.OnStartCredits
		inv, err := p.Invoice(b, events)
		if err != nil {
			t.Fatal(err)
		}
		if err := inv.Check(); err != nil {
			t.Fatal(err)
		}
		var paid ratecard.Decimal
		for _, line := range inv.Lines {
			if line.Amount.Sign() < 0 {
				t.Fatalf("line %s: amount %s", line.PriceID, line.Amount)
			}
			for _, a := range line.Adjustments {
				if a.Kind == ratecard.PrepaidCredits {
					if p.Products[line.PriceID[len(line.PriceID)-1]-'0'].Prices[0].UsageType == frontier.UsageLicensed {
						t.Fatalf("credits paid the licensed (in advance) line %s", line.PriceID)
					}
					paid = paid.Add(a.Amount.Neg())
				}
			}
		}
		drawn := before - l.Balance("c")
		if !paid.Equal(ratecard.NewFromInt(drawn).Mul(value)) {
			t.Fatalf("lines were paid %s, the ledger lost %d credits of %s", paid, drawn, value)
		}
		if drawn > 0 && l.Balance("c") < minimum {
			t.Fatalf("balance %d below the minimum %d", l.Balance("c"), minimum)
		}
	})
}
