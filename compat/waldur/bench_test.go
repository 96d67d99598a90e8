package waldur_test

import (
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

// BenchmarkResourceInvoice invoices a month of a tenant on a limit plan whose cores
// change mid-month, with a volume discount, that switches to another plan.
func BenchmarkResourceInvoice(b *testing.B) {
	standard := mustPlan(b, `{"uuid": "s", "unit": "month", "components": [
	  {"type": "cores", "billing_type": "limit", "price": "6.00"},
	  {"type": "ram", "billing_type": "limit", "price": "2.50"},
	  {"type": "storage", "billing_type": "limit", "price": "0.08", "discount_threshold": 1000, "discount_rate": 12},
	  {"type": "ips", "billing_type": "fixed", "amount": 2, "price": "3.00"}]}`)
	large := mustPlan(b, `{"uuid": "l", "unit": "month", "components": [
	  {"type": "cores", "billing_type": "limit", "price": "5.50"},
	  {"type": "ram", "billing_type": "limit", "price": "2.20"},
	  {"type": "storage", "billing_type": "limit", "price": "0.07", "discount_threshold": 1000, "discount_rate": 15},
	  {"type": "migration", "billing_type": "few", "price": "99"}]}`)
	n := ratecard.NewFromInt
	r := waldur.Resource{Plan: standard, Created: ts("2026-01-20T00:00:00Z"),
		Switches: []waldur.Switch{{At: ts("2026-03-16T00:00:00Z"), Plan: large}},
		Limits: []waldur.Limits{
			{At: ts("2026-01-20T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": n(8), "ram": n(16), "storage": n(1500)}},
			{At: ts("2026-03-11T00:00:00Z"), Values: map[string]ratecard.Decimal{"cores": n(16), "ram": n(32)}},
		}}
	bill := waldur.Billing{Year: 2026, Month: time.March}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Invoice(bill); err != nil {
			b.Fatal(err)
		}
	}
}
