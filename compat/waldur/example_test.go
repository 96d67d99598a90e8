package waldur_test

import (
	"fmt"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

// A resource created on March 10 touches 6 days of March's first half and all of its
// second: 1 + 6/15.5 = 1.387…, rounded up.
func ExampleQuantity() {
	start := time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)
	end := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
	for _, u := range []waldur.Unit{waldur.UnitHalfMonth, waldur.UnitMonth, waldur.UnitDay, waldur.UnitHour} {
		q, _ := waldur.Quantity(u, start, end, time.UTC)
		fmt.Printf("%-10s %s\n", u, q)
	}
	// Output:
	// half_month 1.39
	// month      0.71
	// day        22
	// hour       519
}

// A limit-based plan: the cores limit doubles on March 11, so March is billed for
// (4 × 10 + 8 × 21) / 31 cores, and the storage limit reaches the volume discount
// threshold.
func ExampleResource_Invoice() {
	plan, err := waldur.Decode([]byte(`{
	  "uuid": "vpc-m", "name": "VPC", "unit": "month",
	  "components": [
	    {"type": "cores", "name": "vCPU", "billing_type": "limit", "price": "3.00"},
	    {"type": "storage", "name": "Storage", "billing_type": "limit", "price": "0.05",
	     "discount_threshold": 1000, "discount_rate": 10},
	    {"type": "setup", "name": "Setup", "billing_type": "one", "price": "20"}
	  ]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	r := waldur.Resource{
		Name: "vpc-1", Plan: plan, Created: at("2026-02-20T00:00:00Z"),
		Limits: []waldur.Limits{
			{At: at("2026-02-20T00:00:00Z"), Values: map[string]ratecard.Decimal{
				"cores": ratecard.NewFromInt(4), "storage": ratecard.NewFromInt(2000)}},
			{At: at("2026-03-11T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": ratecard.NewFromInt(8)}},
		},
	}
	inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range inv.Lines {
		fmt.Printf("%-32s %10s %7s\n", l.Name, l.Quantity, l.Amount)
	}
	fmt.Printf("%-32s %10s %7s %s\n", "total", "", inv.Total, inv.Currency)
	// Output:
	// vCPU                              6.7096774   20.13
	// Storage                                2000  100.00
	// Storage / Volume Discount (10%)        2000  -10.00
	// total                                        110.13 EUR
}
