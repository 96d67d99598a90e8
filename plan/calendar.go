package plan

import (
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wallclock"
	"github.com/ratecard/ratecard/phase"
)

// The calendar of SEMANTICS §4 and §6. All dates are local to the subscription's time
// zone; a period starts at 00:00 local time on its first day. Month arithmetic keeps
// an anchor day and clamps it to the month's end (anchor 31: Jan 31 → Feb 28 or 29 →
// Mar 31 → Apr 30), and every boundary is computed from the anchor directly, never by
// stepping from the previous (clamped) one, so nothing drifts.

// civil is a local calendar date.
type civil struct {
	year  int
	month time.Month
	day   int
}

func dateOf(t time.Time, loc *time.Location) civil {
	y, m, d := t.In(loc).Date()
	return civil{y, m, d}
}

// midnight returns 00:00 of the date in loc, or the day's first instant when a DST
// change skips midnight (America/Santiago, 2026-09-06).
func (c civil) midnight(loc *time.Location) time.Time {
	return wallclock.Midnight(c.year, c.month, c.day, loc)
}

// dayNumber numbers dates consecutively (days since 1970-01-01), for counting days
// independent of the hours in them.
func (c civil) dayNumber() int {
	return int(time.Date(c.year, c.month, c.day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func daysInMonth(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// addMonths returns the date months after (year, month) on anchorDay, clamped to the
// month's last day.
func addMonths(year int, month time.Month, anchorDay, months int) civil {
	m := int(month) - 1 + months
	y := year + floorDiv(m, 12)
	mm := time.Month(m - floorDiv(m, 12)*12 + 1)
	return civil{y, mm, min(anchorDay, daysInMonth(y, mm))}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// days returns the number of calendar days a period touches (a started day counts).
func days(p ratecard.Period, loc *time.Location) int {
	if !p.End.After(p.Start) {
		return 0
	}
	first := dateOf(p.Start, loc).dayNumber()
	last := dateOf(p.End.Add(-time.Nanosecond), loc).dayNumber()
	return last - first + 1
}

// calendar computes the billing periods of one subscription.
type calendar struct {
	start time.Time // the subscription's start
	loc   *time.Location
	align bool // anchor periods on the start's day rather than the calendar
}

// period returns the period of a cadence that contains t. Month cadences are aligned
// to the calendar (monthly on the 1st; quarterly from January, April, July, October;
// semi-annual from January and July; annual from January 1; a custom k-month cadence
// from the subscription start's month), or, with align, anchored on the start's day of
// month. Day cadences run in k-day periods from the start's day.
func (c calendar) period(cad phase.Cadence, t time.Time) ratecard.Period {
	s := dateOf(c.start, c.loc)
	if cad.Unit == phase.Day {
		first := s.dayNumber()
		n := floorDiv(dateOf(t, c.loc).dayNumber()-first, cad.Count)
		return ratecard.Period{
			Start: civil{s.year, s.month, s.day + n*cad.Count}.midnight(c.loc),
			End:   civil{s.year, s.month, s.day + (n+1)*cad.Count}.midnight(c.loc),
		}
	}
	k := cad.Count
	anchorDay, baseYear, baseMonth := 1, 1970, time.January
	switch {
	case c.align:
		anchorDay, baseYear, baseMonth = s.day, s.year, s.month
	case cad.Name == "custom":
		baseYear, baseMonth = s.year, s.month
	}
	// The period index of t: months since the base, adjusted when t falls before the
	// anchor day in its month, divided by k.
	d := dateOf(t, c.loc)
	months := (d.year-baseYear)*12 + int(d.month-baseMonth)
	if start := addMonths(baseYear, baseMonth, anchorDay, months).midnight(c.loc); t.Before(start) {
		months--
	}
	i := floorDiv(months, k)
	return ratecard.Period{
		Start: addMonths(baseYear, baseMonth, anchorDay, i*k).midnight(c.loc),
		End:   addMonths(baseYear, baseMonth, anchorDay, (i+1)*k).midnight(c.loc),
	}
}

// phaseBoundaries returns when each phase starts (the first at the subscription
// start), and when the last finite phase ends. Month-based durations keep an anchor
// day of month, the start's or, after a daily phase, that phase's end day; daily
// durations add calendar days; the time of day is the start's throughout.
func (c calendar) phaseBoundaries(phases []*phase.PlanPhase) []time.Time {
	local := c.start.In(c.loc)
	hour, minute, sec := local.Clock()
	nsec := local.Nanosecond()
	at := func(d civil) time.Time {
		return wallclock.Date(d.year, d.month, d.day, hour, minute, sec, nsec, c.loc)
	}
	out := []time.Time{c.start}
	base := dateOf(c.start, c.loc) // the anchor: month arithmetic counts from it
	months := 0                    // months since base
	for _, ph := range phases {
		if ph.Duration == 0 {
			break // evergreen
		}
		if m := ph.DurationUnit.Months(); m > 0 {
			months += m * ph.Duration
			out = append(out, at(addMonths(base.year, base.month, base.day, months)))
			continue
		}
		// Daily: from where the previous phase ended; its end day becomes the anchor.
		from := dateOf(out[len(out)-1], c.loc)
		end := civil{from.year, from.month, from.day + ph.Duration}
		end = dateOf(end.midnight(time.UTC), time.UTC) // normalise the day overflow
		out = append(out, at(end))
		base, months = end, 0
	}
	return out
}

// trialEnd returns the end of a trial of n days: n calendar days after the start, at
// the same local time.
func (c calendar) trialEnd(n int) time.Time {
	local := c.start.In(c.loc)
	hour, minute, sec := local.Clock()
	d := dateOf(c.start, c.loc)
	return wallclock.Date(d.year, d.month, d.day+n, hour, minute, sec, local.Nanosecond(), c.loc)
}
