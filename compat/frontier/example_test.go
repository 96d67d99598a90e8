package frontier_test

import (
	"fmt"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
)

// A per-seat plan with a metered API, paid partly from prepaid credits: the plan's
// on-start credits pay the API usage (in arrears); the seats are billed in advance.
func ExamplePlan_Invoice() {
	plan, err := frontier.Decode([]byte(`{
	  "id": "team_monthly", "interval": "month", "on_start_credits": "1000",
	  "products": [
	    {"name": "seats", "title": "Seats", "behavior": "per_seat", "behavior_config": {"seat_limit": "50"},
	     "prices": [{"id": "seat", "interval": "month", "usage_type": "licensed", "currency": "usd", "amount": "900"}]},
	    {"name": "api", "title": "API calls",
	     "prices": [{"id": "api", "interval": "month", "usage_type": "metered", "metered_aggregate": "sum",
	       "billing_scheme": "tiered", "tier_mode": "graduated", "currency": "usd",
	       "tiers": [{"up_to": 10000, "unit_amount": 0}, {"up_to": "inf", "unit_amount": 1}]}]}
	  ]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ledger, _ := frontier.NewLedger(0)
	start := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	calls, _ := usage.Number("14250")
	events := []usage.Event{{Name: "api", Timestamp: start.AddDate(0, 0, 12),
		Properties: []usage.Property{{Key: "quantity", Value: calls}}}}
	inv, err := plan.Invoice(frontier.Billing{
		Customer: "org_acme", Start: start, Seats: 12,
		Period:  ratecard.Period{Start: start, End: start.AddDate(0, 1, 0)},
		Credits: ledger, CreditTx: "inv_2026_03",
	}, events)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range inv.Lines {
		fmt.Printf("%-10s %6s %8s", l.Name, l.Quantity, l.Subtotal)
		for _, a := range l.Adjustments {
			fmt.Printf("  %s %s", a.Kind, a.Amount)
		}
		fmt.Println()
	}
	fmt.Printf("total %s %s; credits left %d\n", inv.Total, inv.Currency, ledger.Balance("org_acme"))
	// Output:
	// Seats          12   108.00
	// API calls   14250    42.50  prepaid_credits -10.00
	// total 140.50 USD; credits left 0
}

// Credits are granted and consumed by transaction id: a retried request changes
// nothing, and consumption stops at the ledger's minimum.
func ExampleLedger() {
	plan, _ := frontier.Decode([]byte(`{"id": "p", "interval": "month", "on_start_credits": 500, "products": [
	  {"name": "credit_pack", "behavior": "credits", "behavior_config": {"credit_amount": 1000},
	   "prices": [{"id": "pack", "currency": "usd", "amount": 1000}]}]}`))
	ledger, _ := frontier.NewLedger(100)
	now := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	pack := plan.Product("credit_pack")

	ledger.GrantOnStart("org", plan, now)
	ledger.Purchase("checkout_1", "org", pack, 2, now)
	ledger.Purchase("checkout_1", "org", pack, 2, now) // a retry: no second grant
	fmt.Println("balance", ledger.Balance("org"))
	if _, err := ledger.Consume("use_1", "org", 2450, now, "report"); err != nil {
		fmt.Println(err)
	}
	ledger.Consume("use_2", "org", 2400, now, "report")
	fmt.Println("balance", ledger.Balance("org"))
	// Output:
	// balance 2500
	// frontier: credits use_1: insufficient credits: 2450 credits would leave 50, below the minimum 100
	// balance 100
}
