package usage_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/usage"
)

// The tests' billing period is January 2026, [jan, feb).
var (
	jan = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feb = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
)

// day returns the timestamp of midnight UTC on a day of January 2026.
func day(d int) string { return fmt.Sprintf("2026-01-%02dT00:00:00Z", d) }

// ev writes an event as a JSON line: its name, timestamp, the members of its
// properties object ("" for none) and an optional idempotency key.
func ev(name, ts, props string, key ...string) string {
	s := fmt.Sprintf(`{"event_name":%q,"timestamp":%q,"properties":{%s}`, name, ts, props)
	if len(key) > 0 {
		s += fmt.Sprintf(`,"idempotency_key":%q`, key[0])
	}
	return s + "}"
}

// up is an "upload" event, the name every test metric counts.
func up(ts, props string, key ...string) string { return ev("upload", ts, props, key...) }

func metric(id string, agg usage.Aggregation, prop string, filters ...usage.Filter) usage.Metric {
	return usage.Metric{ID: id, EventName: "upload", Aggregation: agg, Property: prop, Filters: filters}
}

// render writes a result with every digit its decimals carry, so comparing renders
// compares values and scales: "6.75"; "groups \"us\"=2, nil=4; total 6";
// "values [1, 2.5]; total 3.5".
func render(r usage.Result) string {
	switch {
	case r.Groups != nil:
		parts := make([]string, len(r.Groups))
		for i, g := range r.Groups {
			vals := make([]string, len(g.Values))
			for j, v := range g.Values {
				vals[j] = "nil"
				if v != nil {
					vals[j] = strconv.Quote(*v)
				}
			}
			parts[i] = strings.Join(vals, ",") + "=" + g.Quantity.String()
		}
		return "groups [" + strings.Join(parts, ", ") + "]; total " + r.Quantity.String()
	case r.EventValues != nil:
		vals := make([]string, len(r.EventValues))
		for i, v := range r.EventValues {
			vals[i] = v.String()
		}
		return "values [" + strings.Join(vals, ", ") + "]; total " + r.Quantity.String()
	}
	return r.Quantity.String()
}

func renderAll(rs []usage.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = render(r)
	}
	return out
}

// frontEnd is one way of feeding JSON lines to an aggregator.
type frontEnd struct {
	name string
	feed func(a *usage.Aggregator, lines []string) error
}

var frontEnds = []frontEnd{
	{"Add", func(a *usage.Aggregator, lines []string) error {
		for _, l := range lines {
			var e usage.Event
			if err := e.UnmarshalJSON([]byte(l)); err != nil {
				return fmt.Errorf("test event %s: %w", l, err)
			}
			if err := a.Add(&e); err != nil {
				return err
			}
		}
		return nil
	}},
	{"AddJSON", func(a *usage.Aggregator, lines []string) error {
		for _, l := range lines {
			if err := a.AddJSON([]byte(l)); err != nil {
				return err
			}
		}
		return nil
	}},
	{"ReadJSONL", func(a *usage.Aggregator, lines []string) error {
		_, err := a.ReadJSONL(strings.NewReader(strings.Join(lines, "\n")))
		return err
	}},
}

// aggregateAll aggregates the lines with every front end, checks that they agree,
// and returns the rendered results.
func aggregateAll(t *testing.T, reqs []usage.Request, lines []string) []string {
	t.Helper()
	var first []string
	for _, fe := range frontEnds {
		a, err := usage.NewAggregator(reqs...)
		if err != nil {
			t.Fatal(err)
		}
		if err := fe.feed(a, lines); err != nil {
			t.Fatalf("%s: %v", fe.name, err)
		}
		got := renderAll(a.Results())
		if first == nil {
			first = got
		} else if diff := cmp.Diff(first, got); diff != "" {
			t.Errorf("%s gives other results than Add (-Add +%s):\n%s", fe.name, fe.name, diff)
		}
	}
	return first
}

type aggCase struct {
	name       string
	metric     usage.Metric
	groupBy    []string
	values     bool // EventValues
	start, end time.Time
	events     []string
	want       string
}

func (c aggCase) request() usage.Request {
	r := usage.Request{Metric: &c.metric, Start: jan, End: feb, GroupBy: c.groupBy, EventValues: c.values}
	if !c.start.IsZero() || !c.end.IsZero() {
		r.Start, r.End = c.start, c.end
	}
	return r
}

func runAggCases(t *testing.T, cases []aggCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := aggregateAll(t, []usage.Request{c.request()}, c.events)
			if diff := cmp.Diff([]string{c.want}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

var (
	countM  = metric("m_count", usage.Count, "")
	sumM    = metric("m_sum", usage.Sum, "v")
	maxM    = metric("m_max", usage.Max, "v")
	minM    = metric("m_min", usage.Min, "v")
	latestM = metric("m_latest", usage.Latest, "v")
	uniqueM = metric("m_unique", usage.UniqueCount, "v")
)

func TestAggregations(t *testing.T) {
	runAggCases(t, []aggCase{
		// count
		{name: "count counts every passing event, with or without properties", metric: countM, events: []string{
			up(day(3), `"v": 5`), up(day(4), ``), up(day(5), `"region": "eu"`), ev("download", day(6), `"v": 1`),
		}, want: "3"},
		{name: "count ignores the values entirely", metric: countM, events: []string{
			up(day(3), `"v": true`), up(day(4), `"v": "abc"`), up(day(5), `"v": {"a": 1}`),
		}, want: "3"},
		{name: "count of no events is 0", metric: countM, events: []string{ev("download", day(6), ``)}, want: "0"},

		// sum
		{name: "sum of integers", metric: sumM, events: []string{
			up(day(3), `"v": 3`), up(day(4), `"v": 4`), up(day(5), `"v": 5`),
		}, want: "12"},
		{name: "sum carries the largest scale", metric: sumM, events: []string{
			up(day(3), `"v": 1.5`), up(day(4), `"v": 2.25`), up(day(5), `"v": 3`),
		}, want: "6.75"},
		{name: "0.10 + 0.20 keeps two places", metric: sumM, events: []string{
			up(day(3), `"v": 0.10`), up(day(4), `"v": 0.20`),
		}, want: "0.30"},
		{name: "numeric strings are numbers", metric: sumM, events: []string{
			up(day(3), `"v": "300"`), up(day(4), `"v": "0.5"`), up(day(5), `"v": 7`), up(day(6), `"v": "-2"`),
		}, want: "305.5"},
		{name: "a numeric string may have leading zeros", metric: sumM, events: []string{
			up(day(3), `"v": "007"`), up(day(4), `"v": 1`),
		}, want: "8"},
		{name: "negative values sum", metric: sumM, events: []string{
			up(day(3), `"v": 5`), up(day(4), `"v": -7.5`),
		}, want: "-2.5"},
		{name: "a sum of zero keeps its scale", metric: sumM, events: []string{
			up(day(3), `"v": 1.50`), up(day(4), `"v": -1.50`),
		}, want: "0.00"},
		{name: "negative zero", metric: sumM, events: []string{up(day(3), `"v": -0.0`)}, want: "0.0"},
		{name: "events without the property add nothing", metric: sumM, events: []string{
			up(day(3), `"v": 2`), up(day(4), ``), up(day(5), `"w": "x"`), up(day(6), `"v": null`), up(day(7), `"v": 3`),
		}, want: "5"},
		{name: "sum of no events is 0", metric: sumM, want: "0"},
		{name: "JSON numbers with exponents", metric: sumM, events: []string{
			up(day(3), `"v": 1e3`), up(day(4), `"v": 2.5E-1`),
		}, want: "1000.25"},

		// max
		{name: "max", metric: maxM, events: []string{
			up(day(3), `"v": 3`), up(day(4), `"v": 10.5`), up(day(5), `"v": 7`),
		}, want: "10.5"},
		{name: "max of negatives", metric: maxM, events: []string{
			up(day(3), `"v": -3`), up(day(4), `"v": -1.5`), up(day(5), `"v": -2`),
		}, want: "-1.5"},
		{name: "max compares numbers, not text", metric: maxM, events: []string{
			up(day(3), `"v": "12"`), up(day(4), `"v": 9`),
		}, want: "12"},
		{name: "max skips events without the property", metric: maxM, events: []string{
			up(day(3), ``), up(day(4), `"v": -2`),
		}, want: "-2"},
		{name: "max of no events is 0", metric: maxM, events: []string{ev("download", day(3), `"v": 5`)}, want: "0"},
		{name: "max when no event has the property is 0", metric: maxM, events: []string{
			up(day(3), ``), up(day(4), `"w": 1`),
		}, want: "0"},
		{name: "max beyond int64", metric: maxM, events: []string{
			up(day(3), `"v": 9223372036854775807`), up(day(4), `"v": 12345678901234567890`), up(day(5), `"v": 1`),
		}, want: "12345678901234567890"},
		{name: "max of equal values keeps the first, with its digits", metric: maxM, events: []string{
			up(day(3), `"v": 2.0`), up(day(4), `"v": 2`), up(day(5), `"v": "2.00"`),
		}, want: "2.0"},

		// min
		{name: "min", metric: minM, events: []string{
			up(day(3), `"v": 3`), up(day(4), `"v": 0.5`), up(day(5), `"v": 7`),
		}, want: "0.5"},
		{name: "min of mixed signs", metric: minM, events: []string{
			up(day(3), `"v": 2`), up(day(4), `"v": -4`), up(day(5), `"v": 0`),
		}, want: "-4"},
		{name: "min compares numbers, not text", metric: minM, events: []string{
			up(day(3), `"v": 10`), up(day(4), `"v": "9"`),
		}, want: "9"},
		{name: "min of equal values keeps the first, with its digits", metric: minM, events: []string{
			up(day(3), `"v": 5.00`), up(day(4), `"v": 5`), up(day(5), `"v": 7`),
		}, want: "5.00"},
		{name: "min of no events is 0", metric: minM, want: "0"},
		{name: "min when no event has the property is 0", metric: minM, events: []string{up(day(3), ``)}, want: "0"},

		// latest
		{name: "latest takes the latest timestamp, not the last input", metric: latestM, events: []string{
			up(day(3), `"v": 5`), up(day(5), `"v": 9`), up(day(4), `"v": 7`),
		}, want: "9"},
		{name: "latest: a tie goes to the later input", metric: latestM, events: []string{
			up(day(5), `"v": 1`), up(day(5), `"v": 2`), up(day(3), `"v": 3`),
		}, want: "2"},
		{name: "latest: a tie at one instant written in two zones", metric: latestM, events: []string{
			up("2026-01-05T11:00:00+01:00", `"v": 2`), up("2026-01-05T10:00:00Z", `"v": 1`),
		}, want: "1"},
		{name: "latest by a nanosecond", metric: latestM, events: []string{
			up("2026-01-05T00:00:00.000000002Z", `"v": 1`), up("2026-01-05T00:00:00.000000001Z", `"v": 2`),
		}, want: "1"},
		{name: "latest skips events without the property", metric: latestM, events: []string{
			up(day(3), `"v": 4.00`), up(day(6), ``),
		}, want: "4.00"},
		{name: "latest of no events is 0", metric: latestM, want: "0"},

		// unique_count
		{name: "unique strings", metric: uniqueM, events: []string{
			up(day(3), `"v": "eu"`), up(day(4), `"v": "us"`), up(day(5), `"v": "eu"`),
		}, want: "2"},
		{name: `42 and "42" are one value`, metric: uniqueM, events: []string{
			up(day(3), `"v": 42`), up(day(4), `"v": "42"`),
		}, want: "1"},
		{name: "1 and 1.0 are two values", metric: uniqueM, events: []string{
			up(day(3), `"v": 1`), up(day(4), `"v": 1.0`),
		}, want: "2"},
		{name: `1.0 and "1.0" are one value`, metric: uniqueM, events: []string{
			up(day(3), `"v": 1`), up(day(4), `"v": 1.0`), up(day(5), `"v": "1.0"`),
		}, want: "2"},
		{name: "unique values need not be numbers", metric: uniqueM, events: []string{
			up(day(3), `"v": true`), up(day(4), `"v": {"a": 1}`), up(day(5), `"v": [1]`), up(day(6), `"v": true`),
			up(day(7), `"v": "abc"`), up(day(8), `"v": ""`),
		}, want: "5"},
		{name: "a boolean's text is true or false", metric: uniqueM, events: []string{
			up(day(3), `"v": true`), up(day(4), `"v": "true"`),
		}, want: "1"},
		{name: "a missing property is no value", metric: uniqueM, events: []string{
			up(day(3), `"v": "eu"`), up(day(4), ``), up(day(5), `"v": null`),
		}, want: "1"},
		{name: "unique_count of no events is 0", metric: uniqueM, want: "0"},
	})
}

func TestFilters(t *testing.T) {
	region := usage.Filter{Property: "region", Values: []string{"eu", "us"}}
	runAggCases(t, []aggCase{
		{name: "a listed value passes; a missing property fails", metric: metric("m", usage.Count, "", region), events: []string{
			up(day(3), `"region": "eu"`), up(day(4), `"region": "us"`), up(day(5), `"region": "ap"`), up(day(6), ``),
			up(day(7), `"region": null`), up(day(8), `"region": "EU"`),
		}, want: "2"},
		{name: "every filter must pass", metric: metric("m", usage.Count, "",
			usage.Filter{Property: "region", Values: []string{"eu"}}, usage.Filter{Property: "tier", Values: []string{"gold"}}),
			events: []string{
				up(day(3), `"region": "eu", "tier": "gold"`), up(day(4), `"region": "eu", "tier": "silver"`),
				up(day(5), `"region": "us", "tier": "gold"`), up(day(6), `"region": "eu"`),
			}, want: "1"},
		{name: "a number filter value matches by literal text", metric: metric("m", usage.Count, "",
			usage.Filter{Property: "tier", Values: []string{"1"}}),
			events: []string{
				up(day(3), `"tier": 1`), up(day(4), `"tier": "1"`), up(day(5), `"tier": 1.0`), up(day(6), `"tier": 1e0`),
				up(day(7), `"tier": 10`),
			}, want: "2"},
		{name: "filter 1.0 matches only 1.0", metric: metric("m", usage.Count, "",
			usage.Filter{Property: "tier", Values: []string{"1.0"}}),
			events: []string{up(day(3), `"tier": 1`), up(day(4), `"tier": 1.0`), up(day(5), `"tier": "1.0"`)},
			want:   "2"},
		{name: "a boolean matches its text", metric: metric("m", usage.Count, "",
			usage.Filter{Property: "flag", Values: []string{"true"}}),
			events: []string{up(day(3), `"flag": true`), up(day(4), `"flag": "true"`), up(day(5), `"flag": false`)},
			want:   "2"},
		{name: "filters select what a sum adds", metric: metric("m", usage.Sum, "v", region), events: []string{
			up(day(3), `"region": "eu", "v": 5`), up(day(4), `"region": "ap", "v": 7`), up(day(5), `"region": "us", "v": 1.5`),
		}, want: "6.5"},
	})
}

func TestGroups(t *testing.T) {
	runAggCases(t, []aggCase{
		{name: "groups in order of their first event by timestamp, not input", metric: sumM, groupBy: []string{"region"},
			events: []string{
				up(day(4), `"region": "eu", "v": 1`), up(day(2), `"region": "us", "v": 2`),
				up(day(6), `"v": 4`), up(day(8), `"region": "eu", "v": 3`),
			}, want: `groups ["us"=2, "eu"=4, nil=4]; total 10`},
		{name: "a later event with an earlier timestamp moves its group forward", metric: sumM, groupBy: []string{"region"},
			events: []string{
				up(day(5), `"region": "eu", "v": 1`), up(day(4), `"region": "us", "v": 2`), up(day(3), `"region": "eu", "v": 4`),
			}, want: `groups ["eu"=5, "us"=2]; total 7`},
		{name: "ties go by input order", metric: sumM, groupBy: []string{"region"},
			events: []string{
				up(day(5), `"region": "ap", "v": 1`), up(day(5), `"region": "eu", "v": 2`), up(day(5), `"region": "ap", "v": 3`),
			}, want: `groups ["ap"=4, "eu"=2]; total 6`},
		{name: "ties go by input order, reversed", metric: sumM, groupBy: []string{"region"},
			events: []string{up(day(5), `"region": "eu", "v": 2`), up(day(5), `"region": "ap", "v": 1`)},
			want:   `groups ["eu"=2, "ap"=1]; total 3`},
		{name: "a tie between first events goes to the earlier input", metric: sumM, groupBy: []string{"region"},
			events: []string{
				up(day(5), `"region": "eu", "v": 1`), up(day(3), `"region": "us", "v": 2`), up(day(3), `"region": "eu", "v": 4`),
			}, want: `groups ["us"=2, "eu"=5]; total 7`},
		{name: "two dimensions, missing values are nil", metric: sumM, groupBy: []string{"cluster", "region"},
			events: []string{
				up(day(1), `"cluster": "alpha", "region": "west", "v": 10`),
				up(day(2), `"cluster": "beta", "region": "east", "v": 5`),
				up(day(3), `"cluster": "alpha", "region": "west", "v": 1`),
				up(day(4), `"cluster": "alpha", "v": 2`),
				up(day(5), `"v": 3`),
				up(day(6), `"region": "alpha", "v": 4`),
			}, want: `groups ["alpha","west"=11, "beta","east"=5, "alpha",nil=2, nil,nil=3, nil,"alpha"=4]; total 25`},
		{name: "numbers group by their literal text", metric: sumM, groupBy: []string{"tier"},
			events: []string{
				up(day(1), `"tier": 1, "v": 1`), up(day(2), `"tier": 1.0, "v": 2`), up(day(3), `"tier": "1", "v": 4`),
				up(day(4), `"tier": 42, "v": 8`), up(day(5), `"tier": "42", "v": 16`),
			}, want: `groups ["1"=5, "1.0"=2, "42"=24]; total 31`},
		{name: "an empty string is a value, not a missing property", metric: sumM, groupBy: []string{"region"},
			events: []string{up(day(1), `"region": "", "v": 1`), up(day(2), `"v": 2`), up(day(3), `"region": null, "v": 4`)},
			want:   `groups [""=1, nil=6]; total 7`},
		{name: "objects group by their compact JSON text", metric: countM, groupBy: []string{"meta"},
			events: []string{up(day(1), `"meta": {"a": 1}`), up(day(2), `"meta": {"a":1}`), up(day(3), `"meta": {"a": 2}`)},
			want:   `groups ["{\"a\":1}"=2, "{\"a\":2}"=1]; total 3`},
		{name: "grouped count", metric: countM, groupBy: []string{"region"},
			events: []string{
				up(day(1), `"region": "eu"`), up(day(2), `"region": "us"`), up(day(3), `"region": "eu"`), up(day(4), ``),
			}, want: `groups ["eu"=2, "us"=1, nil=1]; total 4`},
		{name: "grouped max; the total adds the groups", metric: maxM, groupBy: []string{"region"},
			events: []string{
				up(day(1), `"region": "eu", "v": 3`), up(day(2), `"region": "eu", "v": 7`), up(day(3), `"region": "us", "v": 1.5`),
			}, want: `groups ["eu"=7, "us"=1.5]; total 8.5`},
		{name: "grouped unique_count", metric: uniqueM, groupBy: []string{"region"},
			events: []string{
				up(day(1), `"region": "eu", "v": "a"`), up(day(2), `"region": "eu", "v": "b"`),
				up(day(3), `"region": "us", "v": "a"`), up(day(4), `"region": "eu", "v": "a"`),
			}, want: `groups ["eu"=2, "us"=1]; total 3`},
		{name: "grouped latest", metric: latestM, groupBy: []string{"region"},
			events: []string{
				up(day(2), `"region": "eu", "v": 1`), up(day(1), `"region": "eu", "v": 2`), up(day(3), `"region": "us", "v": 5`),
			}, want: `groups ["eu"=1, "us"=5]; total 6`},
		{name: "grouped, no events", metric: sumM, groupBy: []string{"region"}, events: []string{ev("download", day(1), `"v": 1`)},
			want: `groups []; total 0`},
		{name: "filters apply before grouping", metric: metric("m", usage.Sum, "v", usage.Filter{Property: "tier", Values: []string{"gold"}}),
			groupBy: []string{"region"}, events: []string{
				up(day(1), `"region": "us", "tier": "silver", "v": 1`), up(day(2), `"region": "eu", "tier": "gold", "v": 2`),
				up(day(3), `"region": "us", "tier": "gold", "v": 4`),
			}, want: `groups ["eu"=2, "us"=4]; total 6`},
	})
}

func TestEventValues(t *testing.T) {
	runAggCases(t, []aggCase{
		{name: "values in timestamp order", metric: sumM, values: true, events: []string{
			up(day(7), `"v": 5`), up(day(2), `"v": 1`), up(day(4), `"v": 2.5`),
		}, want: "values [1, 2.5, 5]; total 8.5"},
		{name: "equal timestamps keep input order", metric: sumM, values: true, events: []string{
			up(day(3), `"v": 3`), up(day(3), `"v": 1`), up(day(2), `"v": 9`), up(day(3), `"v": 2`),
		}, want: "values [9, 3, 1, 2]; total 15"},
		{name: "many equal timestamps keep input order", metric: sumM, values: true, events: alternating(30),
			want: "values [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, " +
				"1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29]; total 465"},
		{name: "events without the property have no value", metric: sumM, values: true, events: []string{
			up(day(1), `"v": 1`), up(day(2), ``), up(day(3), `"v": 2`),
		}, want: "values [1, 2]; total 3"},
		{name: "values keep their digits", metric: sumM, values: true, events: []string{
			up(day(1), `"v": 0.50`), up(day(2), `"v": "300"`), up(day(3), `"v": 1e2`), up(day(4), `"v": -0.25`),
		}, want: "values [0.50, 300, 100, -0.25]; total 400.25"},
		{name: "values beyond int64 and 18 decimals", metric: sumM, values: true, events: []string{
			up(day(1), `"v": 12345678901234567890`), up(day(2), `"v": 0.0000000000000000001`),
		}, want: "values [12345678901234567890, 0.0000000000000000001]; total 12345678901234567890.0000000000000000001"},
		{name: "no events", metric: sumM, values: true, want: "values []; total 0"},
		{name: "filters apply", metric: metric("m", usage.Sum, "v", usage.Filter{Property: "region", Values: []string{"eu"}}), values: true,
			events: []string{up(day(2), `"region": "eu", "v": 1`), up(day(1), `"region": "us", "v": 2`), up(day(3), `"region": "eu", "v": 3`)},
			want:   "values [1, 3]; total 4"},
	})
}

// alternating returns n events with the values 1 to n, the odd ones on January 2 and
// the even ones on January 1: enough ties that an unstable sort would show.
func alternating(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = up(day(1+(i+1)%2), fmt.Sprintf(`"v": %d`, i+1))
	}
	return lines
}

func TestDedupe(t *testing.T) {
	runAggCases(t, []aggCase{
		{name: "the same key counts once, the first", metric: sumM, events: []string{
			up(day(3), `"v": 1`, "k1"), up(day(4), `"v": 10`, "k1"), up(day(5), `"v": 100`, "k2"),
		}, want: "101"},
		{name: "the first counts even when it is outside the period", metric: sumM, events: []string{
			up("2025-12-31T12:00:00Z", `"v": 100`, "k1"), up(day(5), `"v": 1`, "k1"), up(day(6), `"v": 2`),
		}, want: "2"},
		{name: "the first counts even when it has another name", metric: sumM, events: []string{
			ev("download", day(3), `"v": 100`, "k1"), up(day(5), `"v": 1`, "k1"),
		}, want: "0"},
		{name: "the first counts even when it fails a filter", metric: metric("m", usage.Sum, "v",
			usage.Filter{Property: "region", Values: []string{"eu"}}), events: []string{
			up(day(3), `"region": "us", "v": 100`, "k1"), up(day(5), `"region": "eu", "v": 1`, "k1"),
		}, want: "0"},
		{name: "the first counts even when it lacks the property", metric: sumM, events: []string{
			up(day(3), ``, "k1"), up(day(5), `"v": 1`, "k1"),
		}, want: "0"},
		{name: "events without a key never merge", metric: countM, events: []string{
			up(day(3), `"v": 1`), up(day(3), `"v": 1`), up(day(3), `"v": 1`),
		}, want: "3"},
		{name: "an empty or null key is no key", metric: countM, events: []string{
			up(day(3), ``, ""), up(day(3), ``, ""),
			`{"event_name":"upload","timestamp":"2026-01-03T00:00:00Z","idempotency_key":null}`,
			`{"event_name":"upload","timestamp":"2026-01-03T00:00:00Z","idempotency_key":null}`,
		}, want: "4"},
		{name: "keys compare exactly", metric: countM, events: []string{
			up(day(3), ``, "k1"), up(day(3), ``, "K1"), up(day(3), ``, "k1 "), up(day(3), ``, "k1"),
		}, want: "3"},
		{name: "keys with escapes compare by their content", metric: countM, events: []string{
			`{"event_name":"upload","timestamp":"2026-01-03T00:00:00Z","idempotency_key":"\u00e9"}`,
			`{"event_name":"upload","timestamp":"2026-01-03T00:00:00Z","idempotency_key":"é"}`,
		}, want: "1"},
		{name: "grouped: the duplicate's group is not created", metric: sumM, groupBy: []string{"region"}, events: []string{
			up(day(3), `"region": "eu", "v": 1`, "k1"), up(day(2), `"region": "us", "v": 2`, "k1"),
		}, want: `groups ["eu"=1]; total 1`},
		{name: "event values: the duplicate has no value", metric: sumM, values: true, events: []string{
			up(day(3), `"v": 1`, "k1"), up(day(2), `"v": 2`, "k1"),
		}, want: "values [1]; total 1"},
	})
}

func TestPeriod(t *testing.T) {
	runAggCases(t, []aggCase{
		{name: "start counts, end does not, a nanosecond before end counts", metric: sumM, events: []string{
			up("2025-12-31T23:59:59.999999999Z", `"v": 1`),
			up("2026-01-01T00:00:00Z", `"v": 10`),
			up("2026-01-31T23:59:59.999999999Z", `"v": 100`),
			up("2026-02-01T00:00:00Z", `"v": 1000`),
		}, want: "110"},
		{name: "timestamps with offsets are instants", metric: sumM, events: []string{
			up("2026-01-31T23:30:00-01:00", `"v": 1`),   // 2026-02-01T00:30Z: after the end
			up("2026-02-01T00:30:00+01:00", `"v": 10`),  // 2026-01-31T23:30Z: inside
			up("2026-01-01T00:30:00+01:00", `"v": 100`), // 2025-12-31T23:30Z: before the start
			up("2026-01-01T00:00:00+00:00", `"v": 1000`),
		}, want: "1010"},
		{name: "an empty period counts nothing", metric: countM, start: jan, end: jan, events: []string{up(day(1), ``)}, want: "0"},
		{name: "a period in another zone", metric: countM,
			start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
			end:   time.Date(2026, 2, 1, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
			events: []string{
				up("2025-12-31T22:59:59Z", ``), up("2025-12-31T23:00:00Z", ``), up("2026-01-31T22:59:59Z", ``), up("2026-01-31T23:00:00Z", ``),
			}, want: "2"},
	})
}

// TestBigSums checks the switch from int64 partials to exact decimals: every sum has
// the digits the exact sum has, value and scale.
func TestBigSums(t *testing.T) {
	vals := func(vs ...string) []string {
		lines := make([]string, len(vs))
		for i, v := range vs {
			lines[i] = up(day(i+1), `"v": `+v)
		}
		return lines
	}
	runAggCases(t, []aggCase{
		{name: "int64 max plus one", metric: sumM, events: vals("9223372036854775807", "1"), want: "9223372036854775808"},
		{name: "int64 max twice", metric: sumM, events: vals("9223372036854775807", "9223372036854775807"), want: "18446744073709551614"},
		{name: "a partial reaching int64 min exactly", metric: sumM, events: vals("-9223372036854775807", "-1"), want: "-9223372036854775808"},
		{name: "a partial below int64 min", metric: sumM, events: vals("-9223372036854775807", "-2"), want: "-9223372036854775809"},
		{name: "int64 min is beyond the fast path", metric: sumM, events: vals("-9223372036854775808", "8"), want: "-9223372036854775800"},
		{name: "fast values after the switch", metric: sumM, events: vals("9223372036854775807", "1", "0.5", "2", "-0.25"),
			want: "9223372036854775810.25"},
		{name: "overflow at scale 2", metric: sumM, events: vals("92233720368547758.07", "0.01"), want: "92233720368547758.08"},
		{name: "overflow at one scale with another in use", metric: sumM, events: vals("0.5", "9223372036854775807", "9223372036854775807"),
			want: "18446744073709551614.5"},
		{name: "back below int64 after overflowing", metric: sumM, events: vals("9223372036854775807", "1", "-9223372036854775807"), want: "1"},
		{name: "beyond int64", metric: sumM, events: vals("12345678901234567890", "1"), want: "12345678901234567891"},
		{name: "34 digits", metric: sumM, events: vals("1234567890123456789012345678901234", "1"), want: "1234567890123456789012345678901235"},
		{name: "18 decimals stay fast", metric: sumM, events: vals("0.000000000000000001", "0.000000000000000002"), want: "0.000000000000000003"},
		{name: "19 decimals", metric: sumM, events: vals("0.0000000000000000001", "1"), want: "1.0000000000000000001"},
		{name: "big and fast values of several scales", metric: sumM, events: vals("9223372036854775807", "0.0000000000000000001", "0.5"),
			want: "9223372036854775807.5000000000000000001"},
		{name: "numeric strings beyond int64", metric: sumM, events: vals(`"12345678901234567890"`, `"0.00000000000000000001"`),
			want: "12345678901234567890.00000000000000000001"},
		{name: "cancelling values keep 19 places", metric: sumM, events: vals("0.0000000000000000001", "-0.0000000000000000001"),
			want: "0.0000000000000000000"},
		{name: "a big value with an exponent", metric: sumM, events: vals("1.5e-20", "1E+20"), want: "100000000000000000000.000000000000000000015"},
		{name: "grouped big sums", metric: sumM, groupBy: []string{"g"}, events: []string{
			up(day(1), `"g": "a", "v": 9223372036854775807`), up(day(2), `"g": "a", "v": 9223372036854775807`),
			up(day(3), `"g": "b", "v": 0.0000000000000000001`),
		}, want: `groups ["a"=18446744073709551614, "b"=0.0000000000000000001]; total 18446744073709551614.0000000000000000001`},
	})
}

// TestSkippedBadValues: a value that is not a number is an error only on an event a
// request counts.
func TestSkippedBadValues(t *testing.T) {
	runAggCases(t, []aggCase{
		{name: "on an event of another name", metric: sumM, events: []string{
			ev("download", day(3), `"v": "abc"`), up(day(4), `"v": 1`),
		}, want: "1"},
		{name: "on an event outside the period", metric: sumM, events: []string{
			up("2025-12-31T00:00:00Z", `"v": true`), up("2026-02-01T00:00:00Z", `"v": {}`), up(day(4), `"v": 1`),
		}, want: "1"},
		{name: "on an event a filter drops", metric: metric("m", usage.Sum, "v", usage.Filter{Property: "region", Values: []string{"eu"}}),
			events: []string{up(day(3), `"region": "us", "v": "abc"`), up(day(4), `"v": "abc"`), up(day(5), `"region": "eu", "v": 1`)},
			want:   "1"},
		{name: "on a duplicate", metric: sumM, events: []string{up(day(3), `"v": 1`, "k"), up(day(4), `"v": "abc"`, "k")}, want: "1"},
		{name: "on a property the metric does not read", metric: sumM, events: []string{up(day(3), `"v": 1, "w": "abc"`)}, want: "1"},
		{name: "max over an event outside the period", metric: maxM, events: []string{up("2026-02-01T00:00:00Z", `"v": false`)}, want: "0"},
	})
}

type errCase struct {
	name   string
	metric usage.Metric
	opts   func(*usage.Request)
	events []string
	// The message after the event's label, the label Add and AddJSON give (its index
	// and key) and the one ReadJSONL gives (its line number).
	want, event, line string
}

func TestNotNumeric(t *testing.T) {
	bad := func(v string) []string {
		return []string{up(day(1), `"v": 1`), up(day(2), `"v": `+v, "req-2"), up(day(3), `"v": 2`)}
	}
	const label, line = `event 1 (idempotency_key "req-2")`, "line 2"
	cases := []errCase{
		{name: "a boolean", metric: sumM, events: bad("true"), event: label, line: line,
			want: `metric m_sum: properties.v: the boolean true is not a number`},
		{name: "an object", metric: sumM, events: bad(`{"n": 1}`), event: label, line: line,
			want: `metric m_sum: properties.v: the JSON {"n":1} is not a number`},
		{name: "an array", metric: sumM, events: bad(`[1]`), event: label, line: line,
			want: `metric m_sum: properties.v: the JSON [1] is not a number`},
		{name: "a word", metric: sumM, events: bad(`"abc"`), event: label, line: line,
			want: `metric m_sum: properties.v: "abc" is not a number`},
		{name: "an exponent in a string", metric: sumM, events: bad(`"1e3"`), event: label, line: line,
			want: `metric m_sum: properties.v: "1e3" is not a number`},
		{name: "a string without an integer part", metric: sumM, events: bad(`".5"`), event: label, line: line,
			want: `metric m_sum: properties.v: ".5" is not a number`},
		{name: "a string without a fraction after the point", metric: sumM, events: bad(`"5."`), event: label, line: line,
			want: `metric m_sum: properties.v: "5." is not a number`},
		{name: "a plus sign", metric: sumM, events: bad(`"+5"`), event: label, line: line,
			want: `metric m_sum: properties.v: "+5" is not a number`},
		{name: "a space", metric: sumM, events: bad(`" 5"`), event: label, line: line,
			want: `metric m_sum: properties.v: " 5" is not a number`},
		{name: "an empty string", metric: sumM, events: bad(`""`), event: label, line: line,
			want: `metric m_sum: properties.v: "" is not a number`},
		{name: "a long string is clipped", metric: sumM, events: bad(`"` + strings.Repeat("x", 50) + `"`), event: label, line: line,
			want: `metric m_sum: properties.v: "` + strings.Repeat("x", 40) + `…" is not a number`},
		{name: "max", metric: maxM, events: bad("false"), event: label, line: line,
			want: `metric m_max: properties.v: the boolean false is not a number`},
		{name: "min", metric: minM, events: bad(`"n/a"`), event: label, line: line,
			want: `metric m_min: properties.v: "n/a" is not a number`},
		{name: "latest", metric: latestM, events: bad(`{}`), event: label, line: line,
			want: `metric m_latest: properties.v: the JSON {} is not a number`},
		{name: "grouped", metric: sumM, opts: func(r *usage.Request) { r.GroupBy = []string{"region"} }, events: bad(`"abc"`),
			event: label, line: line, want: `metric m_sum: properties.v: "abc" is not a number`},
		{name: "event values", metric: sumM, opts: func(r *usage.Request) { r.EventValues = true }, events: bad(`"abc"`),
			event: label, line: line, want: `metric m_sum: properties.v: "abc" is not a number`},
		{name: "an event without a key", metric: sumM, events: []string{up(day(1), `"v": "abc"`)}, event: "event 0", line: "line 1",
			want: `metric m_sum: properties.v: "abc" is not a number`},
		{name: "after an event with a key", metric: sumM, events: []string{up(day(1), `"v": 1`, "k0"), up(day(2), `"v": "abc"`)},
			event: "event 1", line: "line 2", want: `metric m_sum: properties.v: "abc" is not a number`},
		{name: "a bad value before the period is skipped", metric: sumM, opts: func(r *usage.Request) { r.Start = time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) },
			events: []string{up(day(1), `"v": "abc"`), up(day(2), `"v": "def"`)}, event: "event 1", line: "line 2",
			want: `metric m_sum: properties.v: "def" is not a number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkErr(t, c)
			if !errors.Is(err, usage.ErrNotNumeric) {
				t.Errorf("%v does not wrap ErrNotNumeric", err)
			}
		})
	}
}

// TestTooBig: a number no Decimal holds (more than 34 significant digits, an exponent
// out of range) is an input error, not a silent 0.
func TestTooBig(t *testing.T) {
	big := strings.Repeat("1234567890", 4)
	for _, c := range []errCase{
		{name: "35 digits", metric: sumM, events: []string{up(day(1), `"v": 1`), up(day(2), `"v": 12345678901234567890123456789012345`)},
			event: "event 1", line: "line 2",
			want: `metric m_sum: properties.v: invalid decimal "12345678901234567890123456789012345": more than 34 significant digits`},
		{name: "40 digits in a string", metric: sumM, events: []string{up(day(1), `"v": "`+big+`"`)}, event: "event 0", line: "line 1",
			want: `metric m_sum: properties.v: invalid decimal "` + big + `": more than 34 significant digits`},
		{name: "a huge exponent", metric: sumM, events: []string{up(day(1), `"v": 1e999999`)}, event: "event 0", line: "line 1",
			want: `metric m_sum: properties.v: invalid decimal "1e999999": exponent out of range`},
		{name: "max", metric: maxM, events: []string{up(day(1), `"v": 1e-999999`)}, event: "event 0", line: "line 1",
			want: `metric m_max: properties.v: invalid decimal "1e-999999": exponent out of range`},
		{name: "event values", metric: sumM, opts: func(r *usage.Request) { r.EventValues = true },
			events: []string{up(day(1), `"v": `+big)}, event: "event 0", line: "line 1",
			want: `metric m_sum: properties.v: invalid decimal "` + big + `": more than 34 significant digits`},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkErr(t, c)
			if !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Errorf("%v does not wrap ErrInvalidDecimal", err)
			}
		})
	}
}

// checkErr runs an error case through every front end and returns Add's error.
func checkErr(t *testing.T, c errCase) error {
	t.Helper()
	req := usage.Request{Metric: &c.metric, Start: jan, End: feb}
	if c.opts != nil {
		c.opts(&req)
	}
	var first error
	for _, fe := range frontEnds {
		a, err := usage.NewAggregator(req)
		if err != nil {
			t.Fatal(err)
		}
		err = fe.feed(a, c.events)
		want := "usage: " + c.event + ": " + c.want
		if fe.name == "ReadJSONL" {
			want = "usage: " + c.line + ": " + c.want
		}
		if err == nil {
			t.Errorf("%s: no error, want %s", fe.name, want)
			continue
		}
		if err.Error() != want {
			t.Errorf("%s:\n got %s\nwant %s", fe.name, err, want)
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// TestSeveralRequests answers five requests in one pass; dedupe applies to them all.
func TestSeveralRequests(t *testing.T) {
	sum, count, max := sumM, countM, maxM
	downloads := usage.Metric{ID: "m_dl", EventName: "download", Aggregation: usage.Sum, Property: "v"}
	reqs := []usage.Request{
		{Metric: &sum, Start: jan, End: feb},
		{Metric: &count, Start: jan, End: feb},
		{Metric: &sum, Start: jan, End: feb, GroupBy: []string{"region"}},
		{Metric: &sum, Start: jan, End: feb, EventValues: true},
		{Metric: &downloads, Start: jan, End: feb},
		{Metric: &max, Start: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), End: feb},
	}
	lines := []string{
		up(day(12), `"region": "eu", "v": 4`, "a"),
		ev("download", day(3), `"v": 0.5`, "b"),
		up(day(2), `"region": "us", "v": 1.25`),
		up(day(5), `"region": "eu", "v": 100`, "a"), // a duplicate of the first
		ev("download", day(6), `"v": 7`, "b"),       // a duplicate
		up(day(9), `"v": 3`, "c"),
		up("2026-02-01T00:00:00Z", `"region": "eu", "v": 1000`),
	}
	want := []string{
		"8.25",
		"3",
		`groups ["us"=1.25, nil=3, "eu"=4]; total 8.25`,
		"values [1.25, 3, 4]; total 8.25",
		"0.5",
		"4",
	}
	if diff := cmp.Diff(want, aggregateAll(t, reqs, lines)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAggregate(t *testing.T) {
	events := []usage.Event{
		{Name: "upload", Timestamp: jan.Add(time.Hour), Properties: []usage.Property{{Key: "v", Value: mustNumber("1.5")}}},
		{Name: "upload", Timestamp: jan.Add(2 * time.Hour), Properties: []usage.Property{{Key: "v", Value: usage.String("2")}}},
		{Name: "upload", Timestamp: jan.Add(3 * time.Hour), Properties: []usage.Property{{Key: "v", Value: usage.Bool(true)}}},
	}
	sum := sumM
	got, err := usage.Aggregate(events[:2], usage.Request{Metric: &sum, Start: jan, End: feb})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"3.5"}, renderAll(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = usage.Aggregate(events, usage.Request{Metric: &sum, Start: jan, End: feb})
	if want := "usage: event 2: metric m_sum: properties.v: the boolean true is not a number"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if _, err := usage.Aggregate(events, usage.Request{}); err == nil {
		t.Error("no error for an invalid request")
	}
}

func mustNumber(s string) usage.Value {
	v, ok := usage.Number(s)
	if !ok {
		panic("not a JSON number: " + s)
	}
	return v
}

// TestResultsAgain: Results may be called repeatedly, also after more events, and
// earlier results are not changed by later events.
func TestResultsAgain(t *testing.T) {
	sum := sumM
	reqs := []usage.Request{
		{Metric: &sum, Start: jan, End: feb},
		{Metric: &sum, Start: jan, End: feb, GroupBy: []string{"region"}},
		{Metric: &sum, Start: jan, End: feb, EventValues: true},
		{Metric: &sum, Start: jan, End: feb, GroupBy: []string{"region"}},
	}
	a, err := usage.NewAggregator(reqs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{up(day(3), `"region": "eu", "v": 2`), up(day(2), `"region": "us", "v": 1`)} {
		if err := a.AddJSON([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	first := a.Results()
	want1 := []string{"3", `groups ["us"=1, "eu"=2]; total 3`, "values [1, 2]; total 3", `groups ["us"=1, "eu"=2]; total 3`}
	if diff := cmp.Diff(want1, renderAll(first)); diff != "" {
		t.Errorf("first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want1, renderAll(a.Results())); diff != "" {
		t.Errorf("again (-want +got):\n%s", diff)
	}
	// Changing a returned group value must not change the aggregator's.
	*first[1].Groups[0].Values[0] = "changed"
	if err := a.AddJSON([]byte(up(day(1), `"region": "eu", "v": 0.5`))); err != nil {
		t.Fatal(err)
	}
	want2 := []string{"3.5", `groups ["eu"=2.5, "us"=1]; total 3.5`, "values [0.5, 1, 2]; total 3.5", `groups ["eu"=2.5, "us"=1]; total 3.5`}
	if diff := cmp.Diff(want2, renderAll(a.Results())); diff != "" {
		t.Errorf("after another event (-want +got):\n%s", diff)
	}
	want1[1] = `groups ["changed"=1, "eu"=2]; total 3`
	if diff := cmp.Diff(want1, renderAll(first)); diff != "" {
		t.Errorf("the first results changed (-want +got):\n%s", diff)
	}
}

func TestNewAggregatorErrors(t *testing.T) {
	sum, count := sumM, countM
	noProp := usage.Metric{ID: "m_bad", EventName: "upload", Aggregation: usage.Sum}
	for _, c := range []struct {
		name string
		reqs []usage.Request
		want string
	}{
		{"nil metric", []usage.Request{{Start: jan, End: feb}}, "usage: requests[0].metric: required"},
		{"invalid metric", []usage.Request{{Metric: &noProp, Start: jan, End: feb}}, "usage: requests[0].metric.property: required for sum"},
		{"end before start", []usage.Request{{Metric: &sum, Start: feb, End: jan}},
			"usage: requests[0].end: 2026-01-01T00:00:00Z is before start 2026-02-01T00:00:00Z"},
		{"event values of a count", []usage.Request{{Metric: &count, Start: jan, End: feb, EventValues: true}},
			"usage: requests[0].event_values: per-event values need a sum metric, m_count is count"},
		{"event values grouped", []usage.Request{{Metric: &sum, Start: jan, End: feb, EventValues: true, GroupBy: []string{"region"}}},
			"usage: requests[0].event_values: cannot be grouped too"},
		{"empty group_by name", []usage.Request{{Metric: &sum, Start: jan, End: feb, GroupBy: []string{"region", ""}}},
			"usage: requests[0].group_by[1]: empty property name"},
		{"start before 1678", []usage.Request{{Metric: &sum, Start: time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC), End: feb}},
			"usage: requests[0].start: outside the years 1678–2262"},
		{"end after 2262", []usage.Request{{Metric: &sum, Start: jan, End: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}},
			"usage: requests[0].end: outside the years 1678–2262"},
		{"every request is checked", []usage.Request{
			{Metric: &sum, Start: jan, End: feb},
			{Metric: &noProp, Start: feb, End: jan},
			{Metric: &count, Start: jan, End: feb, EventValues: true},
		}, "usage: requests[1].metric.property: required for sum\n" +
			"usage: requests[1].end: 2026-01-01T00:00:00Z is before start 2026-02-01T00:00:00Z\n" +
			"usage: requests[2].event_values: per-event values need a sum metric, m_count is count"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := usage.NewAggregator(c.reqs...)
			if err == nil {
				t.Fatalf("no error, want %s", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

// TestTimestampRange: Add and AddJSON accept the same instants, down to the first
// whole second Unix nanoseconds hold (1677-09-21T00:12:44Z).
func TestTimestampRange(t *testing.T) {
	count := countM
	lo := time.Date(1677, 9, 21, 0, 12, 44, 0, time.UTC)
	hi := time.Date(2262, 4, 11, 23, 47, 15, 999999999, time.UTC)
	req := usage.Request{Metric: &count, Start: lo, End: hi.Add(time.Nanosecond)}
	for _, c := range []struct {
		ts      time.Time
		json    string
		wantErr bool
	}{
		{lo, "1677-09-21T00:12:44Z", false},
		{lo.Add(-time.Nanosecond), "1677-09-21T00:12:43.999999999Z", true},
		{hi, "2262-04-11T23:47:15.999999999Z", false},
		{hi.Add(time.Nanosecond), "2262-04-11T23:47:16Z", true},
	} {
		a, err := usage.NewAggregator(req)
		if err != nil {
			t.Fatal(err)
		}
		errAdd := a.Add(&usage.Event{Name: "upload", Timestamp: c.ts})
		errJSON := a.AddJSON([]byte(up(c.json, ``)))
		if c.wantErr {
			if want := "usage: event 0: timestamp: outside the years 1678–2262"; errAdd == nil || errAdd.Error() != want {
				t.Errorf("Add %s: got %v, want %s", c.ts, errAdd, want)
			}
			if want := fmt.Sprintf("usage: event 1: timestamp: %q: outside the years 1678–2262", c.json); errJSON == nil || errJSON.Error() != want {
				t.Errorf("AddJSON %s: got %v, want %s", c.json, errJSON, want)
			}
			continue
		}
		if errAdd != nil || errJSON != nil {
			t.Errorf("%s: Add: %v; AddJSON: %v", c.json, errAdd, errJSON)
		}
		// lo is the start and counts; hi is a nanosecond before the end and counts.
		if got := render(a.Results()[0]); got != "2" {
			t.Errorf("%s: count %s, want 2", c.json, got)
		}
	}
	a, _ := usage.NewAggregator(req)
	if err := a.Add(&usage.Event{Name: "upload"}); err == nil || err.Error() != "usage: event 0: timestamp: outside the years 1678–2262" {
		t.Errorf("the zero time: %v", err)
	}
}

func TestAddJSONErrors(t *testing.T) {
	count := countM
	for _, c := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"not an object", []string{"[]"}, "usage: event 0: malformed JSON at byte 0: want an object"},
		{"the index counts every line", []string{up(day(1), ``), up(day(1), ``, "k"), up(day(1), ``, "k"), `{"event_name":"upload"}`},
			"usage: event 3: timestamp: required"},
		{"a scan error has no key", []string{up(day(1), ``, "k1"), `{"event_name":"upload","idempotency_key":"k2"}`},
			"usage: event 1: timestamp: required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := usage.NewAggregator(usage.Request{Metric: &count, Start: jan, End: feb})
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range c.lines {
				err = a.AddJSON([]byte(l))
				if i < len(c.lines)-1 && err != nil {
					t.Fatal(err)
				}
			}
			if err == nil || err.Error() != c.want {
				t.Errorf("got %v, want %s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

// TestReadJSONLErrors: a bad line is named by its number, counting blank lines; the
// aggregates hold the lines before it.
func TestReadJSONLErrors(t *testing.T) {
	sum := sumM
	a, err := usage.NewAggregator(usage.Request{Metric: &sum, Start: jan, End: feb})
	if err != nil {
		t.Fatal(err)
	}
	in := up(day(1), `"v": 1`) + "\n\n  \r\n" + up(day(2), `"v": 2`) + "\r\n" + `{"event_name":"upload"}` + "\n" + up(day(3), `"v": 4`) + "\n"
	_, err = a.ReadJSONL(strings.NewReader(in))
	if want := "usage: line 5: timestamp: required"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if got := render(a.Results()[0]); got != "3" {
		t.Errorf("sum of the lines before the bad one: %s, want 3", got)
	}
}

func TestReadJSONL(t *testing.T) {
	sum := sumM
	a, err := usage.NewAggregator(usage.Request{Metric: &sum, Start: jan, End: feb})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 70_000)                                                                                        // beyond the 64 KiB buffer
	in := "\n" + up(day(1), `"v": 1`) + "\r\n \t\r\n" + up(day(2), `"v": 2, "note": "`+long+`"`) + "\n" + up(day(3), `"v": 4`) // no final newline
	n, err := a.ReadJSONL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("read %d events, want 3", n)
	}
	if got := render(a.Results()[0]); got != "7" {
		t.Errorf("sum %s, want 7", got)
	}
	// The stream may be continued, and blank input adds nothing.
	if n, err := a.ReadJSONL(strings.NewReader("\n\n")); n != 0 || err != nil {
		t.Errorf("blank input: %d, %v", n, err)
	}
	if n, err := a.ReadJSONL(strings.NewReader(up(day(4), `"v": 8`))); n != 1 || err != nil {
		t.Errorf("one more line: %d, %v", n, err)
	}
	if got := render(a.Results()[0]); got != "15" {
		t.Errorf("sum %s, want 15", got)
	}
}

// failingReader returns its data and then an error.
type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadJSONLReadError(t *testing.T) {
	count := countM
	a, err := usage.NewAggregator(usage.Request{Metric: &count, Start: jan, End: feb})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	n, err := a.ReadJSONL(&failingReader{data: up(day(1), ``) + "\n" + `{"event_name"`, err: boom})
	if want := "usage: line 2: boom"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !errors.Is(err, boom) {
		t.Errorf("%v does not wrap the reader's error", err)
	}
	if n != 1 || render(a.Results()[0]) != "1" {
		t.Errorf("read %d events, count %s; want 1, 1", n, render(a.Results()[0]))
	}
}
