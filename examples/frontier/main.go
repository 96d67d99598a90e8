// Command frontier bills an organisation on a Frontier team plan for its first
// three periods: a 14-day trial, then two paid months. Seats are charged per member
// in advance; API calls are metered in graduated tiers and billed in arrears, paid
// first from prepaid credits: the plan's on-start credits and a credit pack bought
// during the trial. The credits run down to the ledger's minimum in the second
// month, and when the organisation grows past the plan's seat limit the next
// invoice is refused.
package main

import (
	"errors"
	"fmt"
	"log"
	"strconv"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
)

// The plan as Frontier's plan API returns it; the API product's tiers follow
// Stripe's shape, in cents.
const planJSON = `{"plan": {
  "id": "team_monthly", "name": "team_monthly", "title": "Team", "interval": "month",
  "on_start_credits": "2000", "trial_days": "14",
  "products": [
    {"id": "p_seats", "name": "seats", "title": "Seats", "behavior": "per_seat",
     "behavior_config": {"seat_limit": "25"},
     "prices": [{"id": "seats_m", "name": "Seats", "interval": "month", "usage_type": "licensed",
                 "billing_scheme": "flat", "currency": "usd", "amount": "1200", "state": "active"}]},
    {"id": "p_api", "name": "api_calls", "title": "API calls", "behavior": "basic",
     "prices": [{"id": "api_m", "name": "API calls", "interval": "month", "usage_type": "metered",
                 "metered_aggregate": "sum", "billing_scheme": "tiered", "tier_mode": "graduated",
                 "currency": "usd", "state": "active",
                 "tiers": [{"up_to": 1000, "unit_amount": 0}, {"up_to": 10000, "unit_amount": 2},
                           {"up_to": "inf", "unit_amount": 1}]}]},
    {"id": "p_pack", "name": "credit_pack", "title": "5,000 credits", "behavior": "credits",
     "behavior_config": {"credit_amount": "5000", "min_quantity": "1", "max_quantity": "20"},
     "prices": [{"id": "pack_once", "currency": "usd", "amount": "4500"}]}
  ]}}`

func main() {
	p, err := frontier.Decode([]byte(planJSON))
	if err != nil {
		log.Fatal(err)
	}
	ledger, err := frontier.NewLedger(500) // keep 500 credits ($5.00) for direct consumption
	if err != nil {
		log.Fatal(err)
	}
	start := time.Date(2026, time.March, 10, 15, 4, 0, 0, time.UTC)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

	// During the trial the organisation buys a pack of 5,000 credits.
	if _, err := ledger.Purchase("checkout_7f3a", "org_acme", p.Product("credit_pack"), 1, day(time.March, 15)); err != nil {
		log.Fatal(err)
	}

	periods := []struct {
		label      string
		from, to   time.Time
		seats      int64
		calls      []int64
		creditTx   string
		eventsFrom time.Time
	}{
		{"trial", day(time.March, 10), day(time.March, 24), 8, []int64{900, 400}, "inv_1", day(time.March, 11)},
		{"month 1", day(time.March, 24), day(time.April, 24), 12, []int64{1500, 1200, 600}, "inv_2", day(time.March, 25)},
		{"month 2", day(time.April, 24), day(time.May, 24), 18, []int64{9000, 5000, 8000}, "inv_3", day(time.April, 25)},
		{"month 3", day(time.May, 24), day(time.June, 24), 31, []int64{1000}, "inv_4", day(time.May, 25)},
	}
	for _, pd := range periods {
		var events []usage.Event
		for i, n := range pd.calls {
			v, _ := usage.Number(strconv.FormatInt(n, 10))
			events = append(events, usage.Event{Name: "api_calls", Timestamp: pd.eventsFrom.AddDate(0, 0, 7*i),
				Properties: []usage.Property{{Key: "quantity", Value: v}}})
		}
		inv, err := p.Invoice(frontier.Billing{
			Customer: "org_acme", Start: start, Seats: pd.seats,
			Period:  ratecard.Period{Start: pd.from, End: pd.to},
			Credits: ledger, CreditTx: pd.creditTx,
		}, events)
		fmt.Printf("%s, %s – %s, %d seats\n", pd.label, pd.from.Format("Jan 02"), pd.to.Format("Jan 02"), pd.seats)
		if errors.Is(err, frontier.ErrSeatLimit) {
			fmt.Printf("  refused: %v\n", err)
			continue
		}
		if err != nil {
			log.Fatal(err)
		}
		for _, l := range inv.Lines {
			fmt.Printf("  %-10s %7s %8s", l.Name, l.Quantity, l.Subtotal)
			for _, a := range l.Adjustments {
				fmt.Printf("  %s %s", a.Kind, a.Amount)
			}
			fmt.Println()
		}
		fmt.Printf("  total %s %s; credits left %d\n", inv.Total, inv.Currency, ledger.Balance("org_acme"))
	}
	fmt.Println("\nledger of org_acme:")
	for _, e := range ledger.Entries("org_acme") {
		fmt.Printf("  %-30s %-9s %+6d  %s\n", e.ID, e.Kind, e.Credits, e.Source)
	}
}
