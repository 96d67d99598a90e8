package waldur

import (
	"errors"
	"math/bits"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wallclock"
)

// Unit is a plan's billing unit: what one unit of a component's price buys.
type Unit string

// The billing units of Waldur's plan API.
const (
	UnitMonth     Unit = "month"      // a calendar month
	UnitQuarter   Unit = "quarter"    // a calendar quarter, charged in the month it starts
	UnitHalfMonth Unit = "half_month" // days 1–15, or 16 to the month's end
	UnitDay       Unit = "day"        // 24 hours of service, a started day charged in full
	UnitHour      Unit = "hour"       // an hour of service, a started hour charged in full
	UnitQuantity  Unit = "quantity"   // once per month, whatever the service time
)

func (u Unit) valid() bool {
	switch u {
	case UnitMonth, UnitQuarter, UnitHalfMonth, UnitDay, UnitHour, UnitQuantity:
		return true
	}
	return false
}

// ErrInterval is matched by the error [Quantity] returns for a service interval that
// is reversed or does not lie inside one calendar month (a ValidationError at end).
var ErrInterval = errors.New("invalid service interval")

// Quantity returns how many units of a plan's billing unit a service interval
// [start, end) inside one calendar month of loc (nil for UTC) is billed as, by
// Waldur's rules (md is the number of days in the month; "rounded up" is away from
// zero, to 2 decimals):
//
//   - hour: the hours of service, a started hour counting in full;
//   - day: the days of service, a started day counting in full (a day is a calendar
//     day of loc, so a month has md days even across a DST change);
//   - month: 1 for the whole month, else the calendar days the interval touches
//     (its first and last day included) / md, rounded up;
//   - half_month: 1 for each half (days 1–15, 16 to md) the interval touches on every
//     day, plus the days it touches in the other halves / (md/2), rounded up;
//   - quarter: the number of quarter starts (January, April, July and October 1,
//     00:00) inside the interval: 1 or 0;
//   - quantity: 1.
//
// An empty interval is 0 units (quantity: still 1). It is an error (ErrInterval)
// when end is before start or the interval leaves start's month.
func Quantity(unit Unit, start, end time.Time, loc *time.Location) (ratecard.Decimal, error) {
	if loc == nil {
		loc = time.UTC
	}
	if !unit.valid() {
		return ratecard.Decimal{}, ratecard.Invalid("unit", "%q is not month, quarter, half_month, day, hour or quantity", unit)
	}
	m := monthOf(start, loc)
	switch {
	case end.Before(start):
		return ratecard.Decimal{}, &ratecard.ValidationError{Field: "end", Err: ratecard.Detail(ErrInterval,
			"%s is before start %s", end.Format(time.RFC3339), start.Format(time.RFC3339))}
	case end.After(m.end):
		return ratecard.Decimal{}, &ratecard.ValidationError{Field: "end", Err: ratecard.Detail(ErrInterval,
			"%s is after the end of start's month, %s", end.Format(time.RFC3339), m.end.Format(time.RFC3339))}
	}
	if unit == UnitQuantity {
		return ratecard.NewFromInt(1), nil
	}
	if !end.After(start) {
		return ratecard.Decimal{}, nil
	}
	switch unit {
	case UnitHour:
		d := end.Sub(start)
		h := int64(d / time.Hour)
		if d%time.Hour != 0 {
			h++
		}
		return ratecard.NewFromInt(h), nil
	case UnitDay:
		return ratecard.NewFromInt(int64(fullDays(start, end, loc))), nil
	case UnitQuarter:
		if m.start.Month()%3 == 1 && !start.After(m.start) {
			return ratecard.NewFromInt(1), nil
		}
		return ratecard.Decimal{}, nil
	}
	first, last := m.dayOf(start), m.dayOf(end.Add(-time.Nanosecond))
	md := m.days
	if unit == UnitMonth {
		if first == 1 && last == md {
			return ratecard.NewFromInt(1), nil
		}
		return roundUp(int64(last-first+1), int64(md)), nil
	}
	// half_month: whole halves count 1, the days touched in partial halves count
	// 1/(md/2) = 2/md each; the integer part is exact, so one rounding of the fraction
	// rounds the sum.
	whole, partial := 0, 0
	for _, h := range [2][2]int{{1, 15}, {16, md}} {
		lo, hi := max(first, h[0]), min(last, h[1])
		switch {
		case lo > hi:
		case lo == h[0] && hi == h[1]:
			whole++
		default:
			partial += hi - lo + 1
		}
	}
	q := ratecard.NewFromInt(int64(whole))
	if partial > 0 {
		q = q.Add(roundUp(int64(2*partial), int64(md)))
	}
	return q, nil
}

// roundUp returns num/den rounded away from zero to 2 decimals.
func roundUp(num, den int64) ratecard.Decimal {
	q, _ := ratecard.NewFromInt(num).Div(ratecard.NewFromInt(den), 2, ratecard.Up) // den > 0
	return q
}

// month is one calendar month of a time zone.
type month struct {
	start, end time.Time // [start, end): 00:00 on the 1st to 00:00 on the next 1st
	days       int
	loc        *time.Location
}

func monthOf(t time.Time, loc *time.Location) month {
	y, mo, _ := t.In(loc).Date()
	return monthStarting(y, mo, loc)
}

func monthStarting(y int, mo time.Month, loc *time.Location) month {
	return month{
		start: wallclock.Midnight(y, mo, 1, loc),
		end:   wallclock.Midnight(y, mo+1, 1, loc),
		days:  time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day(),
		loc:   loc,
	}
}

// dayOf returns t's day of the month (t inside the month).
func (m month) dayOf(t time.Time) int { return t.In(m.loc).Day() }

// fullDays returns the days of service in [start, end), a started day counting in
// full. A day is a calendar day of loc, whatever its length: an instant's position is
// its day number plus the fraction of its own day elapsed, and the result is the
// difference of the positions rounded up. In UTC that is ⌈(end − start) / 24h⌉,
// Waldur's rule; in a zone with DST a month still has exactly as many days as it has
// dates, and the count never decreases as the interval grows.
func fullDays(start, end time.Time, loc *time.Location) int {
	if !end.After(start) {
		return 0
	}
	ds, fsNum, fsDen := dayPosition(start, loc)
	de, feNum, feDen := dayPosition(end, loc)
	n := de - ds
	// fe > fs ⇔ feNum·fsDen > fsNum·feDen, compared in 128 bits.
	hiA, loA := bits.Mul64(feNum, fsDen)
	hiB, loB := bits.Mul64(fsNum, feDen)
	if hiA > hiB || (hiA == hiB && loA > loB) {
		n++
	}
	return n
}

// dayPosition returns t's local date as a day number and the elapsed part of that day
// as the fraction num/den (nanoseconds since its midnight over the day's length).
func dayPosition(t time.Time, loc *time.Location) (day int, num, den uint64) {
	y, mo, d := t.In(loc).Date()
	midnight := wallclock.Midnight(y, mo, d, loc)
	next := wallclock.Midnight(y, mo, d+1, loc)
	day = int(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	return day, uint64(t.Sub(midnight)), uint64(next.Sub(midnight))
}
