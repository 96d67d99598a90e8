// Command waldur bills one Waldur resource, an OpenStack tenant, over its life: it
// is created on January 20 on a limit-based plan (cores, RAM and storage, with a
// volume discount on storage from 1 TB, and a setup fee), its cores are raised
// mid-February, it switches to a larger plan on March 16 (with a migration fee)
// and is terminated on April 10. Each month prints Waldur's invoice items.
package main

import (
	"fmt"
	"log"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

// The plans as Waldur's marketplace-plans API returns them, with each component's
// billing_type (an offering setting in Waldur).
const (
	standardJSON = `{
  "uuid": "8d1d0a3e", "name": "Tenant Standard", "unit": "month", "unit_price": "0",
  "components": [
    {"type": "cores", "name": "vCPU", "measured_unit": "cores", "billing_type": "limit", "price": "6.00"},
    {"type": "ram", "name": "RAM", "measured_unit": "GB", "billing_type": "limit", "price": "2.50"},
    {"type": "storage", "name": "Storage", "measured_unit": "GB", "billing_type": "limit", "price": "0.08",
     "discount_threshold": 1000, "discount_rate": 12},
    {"type": "setup", "name": "Setup", "billing_type": "one", "price": "49.00"}
  ]}`
	largeJSON = `{
  "uuid": "5f7c9b21", "name": "Tenant Large", "unit": "month",
  "components": [
    {"type": "cores", "name": "vCPU", "measured_unit": "cores", "billing_type": "limit", "price": "5.50"},
    {"type": "ram", "name": "RAM", "measured_unit": "GB", "billing_type": "limit", "price": "2.20"},
    {"type": "storage", "name": "Storage", "measured_unit": "GB", "billing_type": "limit", "price": "0.07",
     "discount_threshold": 1000, "discount_rate": 15},
    {"type": "migration", "name": "Migration", "billing_type": "few", "price": "99.00"}
  ]}`
)

func main() {
	standard, err := waldur.Decode([]byte(standardJSON))
	if err != nil {
		log.Fatal(err)
	}
	large, err := waldur.Decode([]byte(largeJSON))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: init_price %s, switch_price %s, minimal_price %s\n",
		standard.Name, standard.InitPrice(), standard.SwitchPrice(), standard.MinimalPrice())
	fmt.Printf("%s: init_price %s, switch_price %s, minimal_price %s\n\n",
		large.Name, large.InitPrice(), large.SwitchPrice(), large.MinimalPrice())

	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	n := func(i int64) ratecard.Decimal { return ratecard.NewFromInt(i) }
	tenant := waldur.Resource{
		Name: "tenant-acme", Plan: standard,
		Created:    day(time.January, 20),
		Terminated: day(time.April, 10),
		Switches:   []waldur.Switch{{At: day(time.March, 16), Plan: large}},
		Limits: []waldur.Limits{
			{At: day(time.January, 20), Values: map[string]ratecard.Decimal{"cores": n(8), "ram": n(16), "storage": n(1500)}},
			{At: day(time.February, 11), Values: map[string]ratecard.Decimal{"cores": n(16), "ram": n(32)}},
		},
	}
	var total ratecard.Decimal
	for m := time.January; m <= time.April; m++ {
		inv, err := tenant.Invoice(waldur.Billing{Year: 2026, Month: m})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s\n", inv.Period.Start.Format("January 2006"))
		for _, l := range inv.Lines {
			fmt.Printf("  %-34s %s – %s %11s %8s\n", l.Name, l.Service.Start.Format("Jan 02"),
				l.Service.End.Add(-time.Nanosecond).Format("Jan 02"), l.Quantity, l.Amount)
		}
		fmt.Printf("  %-34s %35s %s\n", "total", inv.Total, inv.Currency)
		total = total.Add(inv.Total)
	}
	fmt.Printf("\nBilled over the tenant's life: %s EUR\n", total)
}
