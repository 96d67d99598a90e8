package wallclock

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

func load(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDate(t *testing.T) {
	tests := []struct {
		zone         string
		y            int
		m            time.Month
		d, hour, min int
		want         string // RFC 3339 in the zone
	}{
		{"America/Santiago", 2026, time.September, 6, 0, 0, "2026-09-06T01:00:00-03:00"},  // midnight skipped: the day's first instant
		{"America/Santiago", 2026, time.September, 6, 0, 30, "2026-09-06T01:30:00-03:00"}, // in the gap: forward by the gap
		{"America/Havana", 2026, time.March, 8, 0, 0, "2026-03-08T01:00:00-04:00"},
		{"America/Sao_Paulo", 2018, time.November, 4, 0, 0, "2018-11-04T01:00:00-02:00"},
		{"Australia/Lord_Howe", 2026, time.October, 4, 2, 15, "2026-10-04T02:45:00+11:00"}, // a 30-minute gap
		{"America/New_York", 2026, time.March, 8, 0, 0, "2026-03-08T00:00:00-05:00"},       // the change is at 02:00: midnight is there
		{"America/New_York", 2026, time.March, 8, 2, 30, "2026-03-08T03:30:00-04:00"},
		{"Europe/Berlin", 2026, time.March, 31, 0, 0, "2026-03-31T00:00:00+02:00"},
		{"Europe/Berlin", 2026, time.February, 30, 0, 0, "2026-03-02T00:00:00+01:00"}, // normalised like time.Date
		{"Pacific/Apia", 2011, time.December, 30, 0, 0, "2011-12-31T00:00:00+14:00"},  // a skipped day: the next day's first instant
	}
	for _, tt := range tests {
		loc := load(t, tt.zone)
		got := Date(tt.y, tt.m, tt.d, tt.hour, tt.min, 0, 0, loc).In(loc).Format(time.RFC3339)
		if got != tt.want {
			t.Errorf("%s %d-%02d-%02d %02d:%02d: got %s, want %s", tt.zone, tt.y, tt.m, tt.d, tt.hour, tt.min, got, tt.want)
		}
	}
}

// TestMidnightIsTheDaysFirstInstant: in zones with gaps at midnight and elsewhere,
// Midnight is on its date (or, for a day the zone skipped, is the next midnight)
// and the instant before it is on an earlier day.
func TestMidnightIsTheDaysFirstInstant(t *testing.T) {
	zones := []*time.Location{time.UTC, load(t, "America/Santiago"), load(t, "America/Havana"), load(t, "America/Sao_Paulo"),
		load(t, "Australia/Lord_Howe"), load(t, "Europe/Berlin"), load(t, "America/New_York"), load(t, "Pacific/Apia")}
	rapid.Check(t, func(t *rapid.T) {
		loc := rapid.SampledFrom(zones).Draw(t, "loc")
		day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rapid.IntRange(0, 40*366).Draw(t, "day"))
		y, m, d := day.Date()
		if rapid.Bool().Draw(t, "near_change") { // the day of the zone's next clock change, or one beside it
			if _, end := day.In(loc).ZoneBounds(); !end.IsZero() {
				y, m, d = end.In(loc).Date()
				y, m, d = time.Date(y, m, d+rapid.IntRange(-1, 1).Draw(t, "beside"), 0, 0, 0, 0, time.UTC).Date()
			}
		}
		got := Midnight(y, m, d, loc)
		if gy, gm, gd := got.In(loc).Date(); (gy != y || gm != m || gd != d) && !got.Equal(Midnight(y, m, d+1, loc)) {
			t.Fatalf("Midnight(%d-%02d-%02d) = %s, on another day", y, m, d, got.In(loc))
		}
		py, pm, pd := got.Add(-time.Nanosecond).In(loc).Date()
		if !time.Date(py, pm, pd, 0, 0, 0, 0, time.UTC).Before(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("Midnight(%d-%02d-%02d) = %s, not the day's first instant", y, m, d, got.In(loc))
		}
	})
}
