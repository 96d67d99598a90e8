// Command ramp bills a three-phase contract ramp across its first year: a customer
// signs on February 15 for three months at a launch rate, six months at a growth rate,
// then the standard rate for ever. Each monthly invoice shows which phases it covers;
// the months a phase changes in are split and their platform fees prorated by days.
// Usage comes pre-aggregated, as a billing service that counts in its database would
// pass it: 20 seats for each phase's seats price, so a month that two phases share
// bills the seats of each part.
package main

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

const planJSON = `{
  "id": "plan_ramp", "name": "Enterprise ramp", "currency": "USD",
  "plan_phases": [
    {"order": 1, "name": "Launch", "duration": 3, "duration_unit": "monthly"},
    {"order": 2, "name": "Growth", "duration": 6, "duration_unit": "monthly"},
    {"order": 3, "name": "Standard", "duration": null}
  ],
  "prices": [
    {"id": "platform_1", "name": "Platform", "price_type": "fixed_price", "cadence": "monthly", "plan_phase_order": 1,
     "model_type": "unit", "unit_config": {"unit_amount": "500.00"}},
    {"id": "seats_1", "name": "Seats", "price_type": "usage_price", "cadence": "monthly", "plan_phase_order": 1,
     "billable_metric": {"id": "m_seats"}, "model_type": "unit", "unit_config": {"unit_amount": "10.00"}},
    {"id": "platform_2", "name": "Platform", "price_type": "fixed_price", "cadence": "monthly", "plan_phase_order": 2,
     "model_type": "unit", "unit_config": {"unit_amount": "750.00"}},
    {"id": "seats_2", "name": "Seats", "price_type": "usage_price", "cadence": "monthly", "plan_phase_order": 2,
     "billable_metric": {"id": "m_seats"}, "model_type": "unit", "unit_config": {"unit_amount": "12.00"}},
    {"id": "platform_3", "name": "Platform", "price_type": "fixed_price", "cadence": "monthly", "plan_phase_order": 3,
     "model_type": "unit", "unit_config": {"unit_amount": "1000.00"}},
    {"id": "seats_3", "name": "Seats", "price_type": "usage_price", "cadence": "monthly", "plan_phase_order": 3,
     "billable_metric": {"id": "m_seats"}, "model_type": "unit", "unit_config": {"unit_amount": "15.00"}}
  ],
  "adjustments": [
    {"adjustment_type": "minimum", "minimum_amount": "1500.00", "plan_phase_order": 3}
  ]
}`

func main() {
	p, err := plan.Decode([]byte(planJSON))
	if err != nil {
		log.Fatal(err)
	}
	sub := plan.Subscription{Start: time.Date(2026, 2, 15, 0, 0, 0, 0, time.UTC)}
	seats := ratecard.NewFromInt(20)
	fmt.Println("Month    Phases  Platform     Seats   Minimum     Total")
	var year ratecard.Decimal
	for m := range 12 {
		start := time.Date(2026, time.February+time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		period := ratecard.Period{Start: start, End: start.AddDate(0, 1, 0)}
		quantities := map[string]usage.Result{} // the seats of whichever phase is active
		for _, pr := range p.Prices {
			if strings.HasPrefix(pr.ID, "seats_") {
				quantities[pr.ID] = usage.Result{Quantity: seats}
			}
		}
		inv, err := p.Invoice(plan.Billing{Subscription: sub, Period: period, Quantities: quantities}, nil)
		if err != nil {
			log.Fatal(err)
		}
		var platform, seatsAmount, trueUp ratecard.Decimal
		adjusted := false
		var phases []string
		for _, l := range inv.Lines {
			if strings.HasPrefix(l.PriceID, "platform_") {
				platform = platform.Add(l.Subtotal)
				phases = append(phases, l.PriceID[len("platform_"):])
			} else {
				seatsAmount = seatsAmount.Add(l.Subtotal)
			}
			for _, a := range l.Adjustments {
				trueUp, adjusted = trueUp.Add(a.Amount), true
			}
		}
		minimum := "-"
		if adjusted {
			minimum = trueUp.String()
		}
		year = year.Add(inv.Total)
		fmt.Printf("%s  %-6s %9s %9s %9s %9s\n", start.Format("2006-01"), strings.Join(phases, "→"), platform, seatsAmount, minimum, inv.Total)
	}
	fmt.Printf("%-46s %9s\n", "First year", year)
}
