// Package wallclock turns local calendar dates and times into instants the way a
// calendar means them, where a daylight-saving change skips part of a day.
package wallclock

import "time"

// Date is time.Date for a calendar: a wall-clock time that a clock change skips
// is moved forward by the length of the gap (00:30 in a gap from 00:00 to 01:00 is
// 01:30), so midnight of a day whose midnight is skipped (America/Santiago,
// 2026-09-06) is that day's first instant. time.Date resolves such a time with the
// offset after the change, which lands before it, on the previous day. Outside
// gaps Date is time.Date; out-of-range values are normalised as there.
func Date(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) time.Time {
	t := time.Date(year, month, day, hour, min, sec, nsec, loc)
	want := time.Date(year, month, day, hour, min, sec, nsec, time.UTC)
	got := t.In(loc)
	gotWall := time.Date(got.Year(), got.Month(), got.Day(), got.Hour(), got.Minute(), got.Second(), got.Nanosecond(), time.UTC)
	if gap := want.Sub(gotWall); gap > 0 {
		return t.Add(gap)
	}
	return t
}

// Midnight returns the first instant of a local date, or of the next date when a
// zone skipped the whole day (Pacific/Apia, 2011-12-30).
func Midnight(year int, month time.Month, day int, loc *time.Location) time.Time {
	return Date(year, month, day, 0, 0, 0, 0, loc)
}
