// Command orb prices an Orb plan (embedded plan.json: a 14-day trial, a three-month
// launch phase at half the platform fee, then a standard phase with a minimum) against
// generated events, for the month the trial ends in and the month the phase changes in.
// The events are streamed as JSON Lines through the aggregator, as a billing run
// would read an export.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"log"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

//go:embed plan.json
var planJSON []byte

var metrics = []*usage.Metric{
	{ID: "m_calls", EventName: "api_call", Aggregation: usage.Count},
	{ID: "m_hours", EventName: "compute", Aggregation: usage.Sum, Property: "hours"},
}

func main() {
	p, err := plan.Decode(planJSON)
	if err != nil {
		log.Fatal(err)
	}
	sub := plan.Subscription{Start: date(2026, 1, 10)}
	events := generate(sub.Start, date(2026, 6, 1))
	for _, month := range []time.Month{time.January, time.April} {
		period := ratecard.Period{Start: date(2026, month, 1), End: date(2026, month+1, 1)}
		inv, err := invoice(p, plan.Billing{Subscription: sub, Period: period, Metrics: metrics}, events)
		if err != nil {
			log.Fatal(err)
		}
		print(inv)
	}
}

// invoice streams the events through the usage aggregator the run asks for.
func invoice(p *plan.Plan, b plan.Billing, events []byte) (*ratecard.Invoice, error) {
	run, err := p.Prepare(b)
	if err != nil {
		return nil, err
	}
	agg, err := usage.NewAggregator(run.Requests()...)
	if err != nil {
		return nil, err
	}
	if _, err := agg.ReadJSONL(bytes.NewReader(events)); err != nil {
		return nil, err
	}
	return run.Invoice(agg.Results())
}

// generate returns JSON Lines: 120 API calls and 6 compute records a day, the
// compute records alternating between the eu and us regions.
func generate(from, to time.Time) []byte {
	var b bytes.Buffer
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		for i := range 120 {
			fmt.Fprintf(&b, `{"event_name":"api_call","timestamp":%q}`+"\n", day.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
		}
		for i := range 6 {
			region := []string{"eu", "us"}[i%2]
			fmt.Fprintf(&b, `{"event_name":"compute","timestamp":%q,"properties":{"region":%q,"hours":2.5}}`+"\n",
				day.Add(time.Duration(i)*time.Hour).Format(time.RFC3339), region)
		}
	}
	return b.Bytes()
}

func print(inv *ratecard.Invoice) {
	fmt.Printf("Invoice %s %s\n", inv.Period.Start.Format("2006-01"), inv.Currency)
	for _, l := range inv.Lines {
		fmt.Printf("  %-18s %s–%s %10s %9s\n", l.PriceID, l.Service.Start.Format("Jan 02"), l.Service.End.Format("Jan 02"), l.Quantity, l.Subtotal)
		for _, s := range l.SubLines {
			fmt.Printf("      %-22s %10s × %-6s %9s\n", s.Name(), s.Quantity, s.UnitAmount(), s.Amount)
		}
		for _, a := range l.Adjustments {
			fmt.Printf("      %-39s %9s\n", a.Kind, a.Amount)
		}
	}
	fmt.Printf("  %-50s %9s\n\n", "Total", inv.Total)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
