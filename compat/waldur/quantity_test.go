package waldur

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wallclock"
	"pgregory.net/rapid"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestQuantity(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		unit       Unit
		start, end string
		loc        *time.Location
		want       string
	}{
		{"hour: 4 whole hours", UnitHour, "2026-03-03T10:00:00Z", "2026-03-03T14:00:00Z", nil, "4"},
		{"hour: a started hour counts", UnitHour, "2026-03-03T10:00:00Z", "2026-03-03T14:00:01Z", nil, "5"},
		{"day: 13 whole days", UnitDay, "2026-11-17T14:00:00Z", "2026-11-30T14:00:00Z", nil, "13"},
		{"day: a started day counts", UnitDay, "2026-11-17T14:00:00Z", "2026-11-30T14:01:00Z", nil, "14"},
		{"day: whole month", UnitDay, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", nil, "28"},
		{"month: whole month", UnitMonth, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", nil, "1"},
		{"month: Waldur's test, 8 of 30 days", UnitMonth, "2026-11-01T14:00:00Z", "2026-11-08T14:00:00Z", nil, "0.27"},
		{"month: from the 10th, 22/31 = 0.7097", UnitMonth, "2026-03-10T00:00:00Z", "2026-04-01T00:00:00Z", nil, "0.71"},
		{"month: first and last day touched is the whole month", UnitMonth, "2026-03-01T14:00:00Z", "2026-03-31T01:00:00Z", nil, "1"},
		{"month: one day", UnitMonth, "2026-03-05T10:00:00Z", "2026-03-05T11:00:00Z", nil, "0.04"},
		{"half_month: first half", UnitHalfMonth, "2026-03-01T00:00:00Z", "2026-03-16T00:00:00Z", nil, "1"},
		{"half_month: second half", UnitHalfMonth, "2026-03-16T00:00:00Z", "2026-04-01T00:00:00Z", nil, "1"},
		{"half_month: whole month", UnitHalfMonth, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", nil, "2"},
		{"half_month: first half + 5 days, 1 + 5/15.5", UnitHalfMonth, "2026-03-01T00:00:00Z", "2026-03-21T00:00:00Z", nil, "1.33"},
		{"half_month: 6 days + second half, 6/15.5 + 1", UnitHalfMonth, "2026-03-10T00:00:00Z", "2026-04-01T00:00:00Z", nil, "1.39"},
		{"half_month: two partial halves, 17/15.5", UnitHalfMonth, "2026-03-03T00:00:00Z", "2026-03-20T00:00:00Z", nil, "1.10"},
		{"half_month: February, 14 of the first 15 days = 14/14", UnitHalfMonth, "2026-02-02T00:00:00Z", "2026-02-16T00:00:00Z", nil, "1.00"},
		{"quarter: April 1 inside", UnitQuarter, "2026-04-01T00:00:00Z", "2026-04-10T00:00:00Z", nil, "1"},
		{"quarter: starting after April 1", UnitQuarter, "2026-04-01T00:00:01Z", "2026-05-01T00:00:00Z", nil, "0"},
		{"quarter: March holds no quarter start", UnitQuarter, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", nil, "0"},
		{"quarter: empty interval at the quarter start", UnitQuarter, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", nil, "0"},
		{"quantity: always 1", UnitQuantity, "2026-03-05T10:00:00Z", "2026-03-05T10:00:00Z", nil, "1"},
		{"month: empty interval", UnitMonth, "2026-03-05T10:00:00Z", "2026-03-05T10:00:00Z", nil, "0"},
		{"DST ends in November: 30 days", UnitDay, "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", ny, "30"},
		{"DST ends in November: 721 hours", UnitHour, "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z", ny, "721"},
		{"DST starts in March: 31 days", UnitDay, "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z", ny, "31"},
		{"DST starts in March: the short day is one day", UnitDay, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", ny, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Quantity(tt.unit, utc(tt.start), utc(tt.end), tt.loc)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(ratecard.MustParse(tt.want)) || got.String() != tt.want && tt.want != "0" {
				t.Errorf("Quantity = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestQuantityErrors(t *testing.T) {
	tests := []struct {
		name       string
		unit       Unit
		start, end string
		want       error
	}{
		{"reversed", UnitDay, "2026-03-05T00:00:00Z", "2026-03-04T00:00:00Z", ErrInterval},
		{"leaves the month", UnitDay, "2026-03-05T00:00:00Z", "2026-04-01T00:00:01Z", ErrInterval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Quantity(tt.unit, utc(tt.start), utc(tt.end), nil)
			if !errors.Is(err, tt.want) || !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("error %v, want %v and ErrInvalid", err, tt.want)
			}
		})
	}
	if _, err := Quantity("week", utc("2026-03-05T00:00:00Z"), utc("2026-03-06T00:00:00Z"), nil); !errors.Is(err, ratecard.ErrInvalid) {
		t.Errorf("unknown unit: error %v, want ErrInvalid", err)
	}
}

// zones for the properties: UTC, zones with DST (a 30-minute one included) and
// offsets that are not whole hours.
var zones = []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago"}

// genInterval draws a month of a zone and four instants in it, s' ≤ s ≤ e ≤ e'.
func genInterval(t *rapid.T) (m month, outerS, s, e, outerE time.Time) {
	loc, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone"))
	if err != nil {
		t.Fatal(err)
	}
	m = monthStarting(rapid.IntRange(2000, 2040).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")), loc)
	span := int64(m.end.Sub(m.start) / time.Second)
	at := func(label string) time.Time {
		// Whole days and hours are where the rules change; draw them often.
		switch rapid.IntRange(0, 2).Draw(t, label+"_kind") {
		case 0:
			d := rapid.IntRange(0, m.days).Draw(t, label+"_day")
			return wallclock.Midnight(m.start.Year(), m.start.Month(), 1+d, loc)
		case 1:
			return m.start.Add(time.Duration(rapid.Int64Range(0, span/3600).Draw(t, label+"_hour")) * time.Hour)
		}
		return m.start.Add(time.Duration(rapid.Int64Range(0, span).Draw(t, label+"_s")) * time.Second)
	}
	ts := []time.Time{at("a"), at("b"), at("c"), at("d")}
	for i := range ts {
		if ts[i].After(m.end) {
			ts[i] = m.end
		}
		if ts[i].Before(m.start) {
			ts[i] = m.start
		}
	}
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	return m, ts[0], ts[1], ts[2], ts[3]
}

// bound is the most units a whole month can be.
func bound(u Unit, m month) ratecard.Decimal {
	switch u {
	case UnitHalfMonth:
		return ratecard.NewFromInt(2)
	case UnitDay:
		return ratecard.NewFromInt(int64(m.days))
	case UnitHour:
		return ratecard.NewFromInt(int64((m.end.Sub(m.start) + time.Hour - 1) / time.Hour))
	}
	return ratecard.NewFromInt(1)
}

var units = []Unit{UnitMonth, UnitQuarter, UnitHalfMonth, UnitDay, UnitHour, UnitQuantity}

// TestQuantityBoundedAndMonotone: for every unit, an interval inside a month is
// billed between 0 and what the whole month is, and a wider interval is never billed
// less.
func TestQuantityBoundedAndMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, outerS, s, e, outerE := genInterval(t)
		for _, u := range units {
			inner, err := Quantity(u, s, e, m.loc)
			if err != nil {
				t.Fatalf("%s [%s, %s): %v", u, s, e, err)
			}
			outer, err := Quantity(u, outerS, outerE, m.loc)
			if err != nil {
				t.Fatalf("%s [%s, %s): %v", u, outerS, outerE, err)
			}
			whole, err := Quantity(u, m.start, m.end, m.loc)
			if err != nil {
				t.Fatal(err)
			}
			if inner.Sign() < 0 || outer.Cmp(bound(u, m)) > 0 || !whole.Equal(bound(u, m)) && u != UnitQuarter {
				t.Fatalf("%s in %s: inner %s, outer %s, whole month %s; bound %s", u, m.start, inner, outer, whole, bound(u, m))
			}
			if inner.Cmp(outer) > 0 {
				t.Fatalf("%s: [%s, %s) = %s is more than the wider [%s, %s) = %s", u, s, e, inner, outerS, outerE, outer)
			}
		}
	})
}

// TestQuantityMatchesReference checks month, half_month and day against a model that
// walks the month's days one by one and uses exact rationals.
func TestQuantityMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m, _, s, e, _ := genInterval(t)
		touched := map[int]bool{}
		for d := 1; d <= m.days; d++ {
			from := wallclock.Midnight(m.start.Year(), m.start.Month(), d, m.loc)
			to := wallclock.Midnight(m.start.Year(), m.start.Month(), d+1, m.loc)
			touched[d] = s.Before(e) && s.Before(to) && from.Before(e) // [s, e) meets [from, to)
		}
		ceil2 := func(r *big.Rat) ratecard.Decimal { // ⌈100·r⌉ / 100
			n := new(big.Int).Mul(r.Num(), big.NewInt(100))
			q, rem := new(big.Int).QuoRem(n, r.Denom(), new(big.Int))
			if rem.Sign() > 0 {
				q.Add(q, big.NewInt(1))
			}
			return ratecard.New(q.Int64(), 2)
		}
		count := func(lo, hi int) (n int) {
			for d := lo; d <= hi; d++ {
				if touched[d] {
					n++
				}
			}
			return n
		}
		all := count(1, m.days)
		var wantMonth, wantHalf ratecard.Decimal
		if all == m.days {
			wantMonth = ratecard.NewFromInt(1)
		} else {
			wantMonth = ceil2(big.NewRat(int64(all), int64(m.days)))
		}
		frac := new(big.Rat)
		for _, h := range [2][2]int{{1, 15}, {16, m.days}} {
			n := count(h[0], h[1])
			if n == h[1]-h[0]+1 {
				frac.Add(frac, big.NewRat(1, 1))
			} else {
				frac.Add(frac, big.NewRat(int64(2*n), int64(m.days)))
			}
		}
		wantHalf = ceil2(frac)
		for _, c := range []struct {
			u    Unit
			want ratecard.Decimal
		}{{UnitMonth, wantMonth}, {UnitHalfMonth, wantHalf}} {
			got, err := Quantity(c.u, s, e, m.loc)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(c.want) {
				t.Fatalf("%s [%s, %s) in %s: %s, reference %s", c.u, s, e, m.loc, got, c.want)
			}
		}
		if m.loc == time.UTC {
			d := e.Sub(s)
			want := int64(d / (24 * time.Hour))
			if d%(24*time.Hour) != 0 {
				want++
			}
			got, _ := Quantity(UnitDay, s, e, m.loc)
			if !got.Equal(ratecard.NewFromInt(want)) {
				t.Fatalf("day [%s, %s): %s, want ⌈%s / 24h⌉ = %d", s, e, got, d, want)
			}
		}
	})
}
