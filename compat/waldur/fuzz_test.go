package waldur_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/waldur"
)

// FuzzDecode checks that Decode never panics, that its errors match
// ratecard.ErrInvalid, and that a plan it accepts invoices a month of a resource
// that ran part of it without error and with balanced sums.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(validPlan))
	seeds, _ := filepath.Glob("../../testdata/conformance/waldur_*.json")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data) // whole cases: their plan fields are a start
		}
	}
	f.Add([]byte(`{"unit": "half_month", "components": [{"type": "a", "price": "1e-30", "amount": 9223372036854775807}]}`))
	f.Add([]byte(`{"components": [{"type": "a", "price": "99999999999999999999999999999999", "billing_type": "limit", "discount_threshold": 1, "discount_rate": 100}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := waldur.Decode(data)
		if err != nil {
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Fatalf("error %v does not match ErrInvalid", err)
			}
			return
		}
		limits := map[string]ratecard.Decimal{}
		for _, c := range p.Components {
			if c.BillingType == waldur.BillingLimit {
				limits[c.Type] = ratecard.NewFromInt(1500)
			}
			c.FuturePriceSetAt = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC) // Invoice needs it with a future price
		}
		r := waldur.Resource{Plan: p, Created: time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC),
			Terminated: time.Date(2026, 3, 27, 2, 0, 0, 0, time.UTC),
			Limits:     []waldur.Limits{{At: time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC), Values: limits}}}
		inv, err := r.Invoice(waldur.Billing{Year: 2026, Month: time.March})
		if err != nil {
			t.Fatalf("a decoded plan cannot invoice: %v", err)
		}
		if err := inv.Check(); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzQuantity checks that Quantity never panics and stays within the month's bound
// for any interval and zone.
func FuzzQuantity(f *testing.F) {
	f.Add(uint8(0), int64(0), int64(86400), uint8(0))
	f.Add(uint8(2), int64(-3600), int64(40*86400), uint8(5))
	f.Add(uint8(3), int64(1e18), int64(-1e18), uint8(1))
	zoneNames := []string{"UTC", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu", "Pacific/Apia"}
	f.Fuzz(func(t *testing.T, unit uint8, from, to int64, zone uint8) {
		loc, err := time.LoadLocation(zoneNames[int(zone)%len(zoneNames)])
		if err != nil {
			t.Skip(err)
		}
		u := []waldur.Unit{waldur.UnitMonth, waldur.UnitQuarter, waldur.UnitHalfMonth, waldur.UnitDay, waldur.UnitHour, waldur.UnitQuantity}[int(unit)%6]
		base := time.Date(2026, 3, 1, 0, 0, 0, 0, loc)
		start, end := base.Add(time.Duration(from%(40*86400))*time.Second), base.Add(time.Duration(to%(40*86400))*time.Second)
		q, err := waldur.Quantity(u, start, end, loc)
		if err != nil {
			if !errors.Is(err, waldur.ErrInterval) {
				t.Fatalf("error %v does not match ErrInterval", err)
			}
			return
		}
		if q.Sign() < 0 || q.Cmp(ratecard.NewFromInt(745)) > 0 {
			t.Fatalf("Quantity(%s, %s, %s) = %s", u, start, end, q)
		}
	})
}
