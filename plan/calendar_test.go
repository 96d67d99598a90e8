package plan_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// The calendar of SEMANTICS §4 and §6: billing periods, proration by calendar days,
// phase boundaries, trials, one-time fees and mixed cadences.

// fixedFee returns a fixed price id of amount per period of a cadence (a cadence
// name, or custom with `"billing_cycle_configuration"` given in extra), with any
// extra fields (`"plan_phase_order":1`).
func fixedFee(id, cadence, amount, extra string) string {
	if extra != "" {
		extra = "," + extra
	}
	return `{"id":"` + id + `","name":"` + id + `","price_type":"fixed_price","cadence":"` + cadence + `"` + extra +
		`,"model_type":"unit","unit_config":{"unit_amount":"` + amount + `"}}`
}

// usageAt returns a usage price id at 1.00 a unit of the metric m_<metric>, with any
// extra fields.
func usageAt(id, metric, cadence, extra string) string {
	if extra != "" {
		extra = "," + extra
	}
	return `{"id":"` + id + `","name":"` + id + `","price_type":"usage_price","cadence":"` + cadence + `"` + extra +
		`,"billable_metric":{"id":"m_` + metric + `"},"model_type":"unit","unit_config":{"unit_amount":"1.00"}}`
}

// planOf wraps prices (and any extra plan fields) into a USD plan.
func planOf(extra string, prices ...string) string {
	if extra != "" {
		extra = "," + extra
	}
	return `{"id":"plan_cal","currency":"USD","prices":[` + strings.Join(prices, ",") + `]` + extra + `}`
}

// calendarCase is one invoice of a subscription.
type calendarCase struct {
	name    string
	plan    string
	sub     plan.Subscription
	period  ratecard.Period
	metrics []*usage.Metric
	events  []usage.Event
	want    []L
	total   string
}

func runCalendarCases(t *testing.T, cases []calendarCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loc := tc.sub.Location
			if loc == nil {
				loc = time.UTC
			}
			p := mustDecode(t, tc.plan)
			inv := mustInvoice(t, p, plan.Billing{Subscription: tc.sub, Period: tc.period, Metrics: tc.metrics}, tc.events)
			if diff := cmp.Diff(tc.want, summary(inv, loc)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if got := inv.Total.String(); got != tc.total {
				t.Errorf("total %s, want %s", got, tc.total)
			}
		})
	}
}

// periodError asserts that err is a validation error at "period" with exactly the
// message given.
func periodError(t *testing.T, err error, want string) {
	t.Helper()
	var ve *ratecard.ValidationError
	switch {
	case err == nil:
		t.Fatalf("no error, want %q", want)
	case !errors.As(err, &ve) || ve.Field != "period" || !errors.Is(err, ratecard.ErrInvalid):
		t.Errorf("error %q is not a validation error at period", err)
	}
	if err.Error() != want {
		t.Errorf("error\n %s\nwant\n %s", err, want)
	}
}

func TestCalendarAnchorThroughLeapFebruary(t *testing.T) {
	// AlignToStart from Jan 31, 2028 (a leap year): the anchor day 31 is clamped to
	// each month's end and never drifts: Jan 31 → Feb 29 → Mar 31 → Apr 30 → May 31.
	// The subscription starts on the first, so every period is charged in full.
	p := mustDecode(t, planOf("", fixedFee("fee", "monthly", "100.00", "")))
	sub := plan.Subscription{Start: day(2028, 1, 31), AlignToStart: true}
	bounds := []time.Time{day(2028, 1, 31), day(2028, 2, 29), day(2028, 3, 31), day(2028, 4, 30), day(2028, 5, 31)}
	for i := range len(bounds) - 1 {
		period := span(bounds[i], bounds[i+1])
		inv := mustInvoice(t, p, plan.Billing{Subscription: sub, Period: period}, nil)
		want := []L{{Price: "fee", Service: local(period, time.UTC), Quantity: "1", Subtotal: "100.00", Amount: "100.00"}}
		if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", period, diff)
		}
	}
	// Feb 28 is not a period start in 2028; stepping from Feb 29 would give Mar 29.
	_, err := p.Invoice(plan.Billing{Subscription: sub, Period: span(day(2028, 2, 28), day(2028, 3, 31))}, nil)
	periodError(t, err, "period: [2028-02-28T00:00:00Z, 2028-03-31T00:00:00Z) is not one of the subscription's monthly billing periods "+
		"(the one containing its start is [2028-01-31T00:00:00Z, 2028-02-29T00:00:00Z))")
	_, err = p.Invoice(plan.Billing{Subscription: sub, Period: span(day(2028, 2, 29), day(2028, 3, 29))}, nil)
	periodError(t, err, "period: [2028-02-29T00:00:00Z, 2028-03-29T00:00:00Z) is not one of the subscription's monthly billing periods "+
		"(the one containing its start is [2028-02-29T00:00:00Z, 2028-03-31T00:00:00Z))")
	// In 2026 (not a leap year) the same anchor gives Feb 28.
	sub.Start = day(2026, 1, 31)
	mustInvoice(t, p, plan.Billing{Subscription: sub, Period: span(day(2026, 2, 28), day(2026, 3, 31))}, nil)
}

func TestCalendarAlignedPeriods(t *testing.T) {
	// A subscription from May 20, 2026, calendar-aligned: the first period of each
	// cadence is prorated from May 20 (May 20–31 is 12 days, June 30).
	start := day(2026, 5, 20)
	cases := []struct {
		cadence      string
		amount       string
		first, next  ratecard.Period
		want         string // the first period's fee
		misaligned   ratecard.Period
		containStart ratecard.Period // what the error names for misaligned
	}{
		// May: 12/31 × 31.00 = 12.00.
		{"monthly", "31.00", month(2026, time.May), month(2026, time.June), "12.00",
			span(day(2026, 5, 20), day(2026, 6, 20)), month(2026, time.May)},
		// Q2 = Apr 30 + May 31 + Jun 30 = 91 days; 42/91 × 91.00 = 42.00.
		{"quarterly", "91.00", span(day(2026, 4, 1), day(2026, 7, 1)), span(day(2026, 7, 1), day(2026, 10, 1)), "42.00",
			span(day(2026, 5, 1), day(2026, 8, 1)), span(day(2026, 4, 1), day(2026, 7, 1))},
		// H1 = 31+28+31+30+31+30 = 181 days; 42/181 × 181.00 = 42.00.
		{"semi_annual", "181.00", span(day(2026, 1, 1), day(2026, 7, 1)), span(day(2026, 7, 1), day(2027, 1, 1)), "42.00",
			span(day(2026, 4, 1), day(2026, 10, 1)), span(day(2026, 1, 1), day(2026, 7, 1))},
		// 2026 = 365 days; May 20 – Dec 31 = 42 + 31+31+30+31+30+31 = 226 days: 226.00.
		{"annual", "365.00", span(day(2026, 1, 1), day(2027, 1, 1)), span(day(2027, 1, 1), day(2028, 1, 1)), "226.00",
			span(day(2026, 5, 20), day(2027, 5, 20)), span(day(2026, 1, 1), day(2027, 1, 1))},
	}
	for _, tc := range cases {
		t.Run(tc.cadence, func(t *testing.T) {
			p := mustDecode(t, planOf("", fixedFee("fee", tc.cadence, tc.amount, "")))
			sub := plan.Subscription{Start: start}
			inv := mustInvoice(t, p, plan.Billing{Subscription: sub, Period: tc.first}, nil)
			want := []L{{Price: "fee", Service: local(span(start, tc.first.End), time.UTC), Quantity: "1", Subtotal: tc.want, Amount: tc.want}}
			if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
				t.Errorf("first period (-want +got):\n%s", diff)
			}
			inv = mustInvoice(t, p, plan.Billing{Subscription: sub, Period: tc.next}, nil)
			want = []L{{Price: "fee", Service: local(tc.next, time.UTC), Quantity: "1", Subtotal: tc.amount, Amount: tc.amount}}
			if diff := cmp.Diff(want, summary(inv, time.UTC)); diff != "" {
				t.Errorf("next period (-want +got):\n%s", diff)
			}
			_, err := p.Invoice(plan.Billing{Subscription: sub, Period: tc.misaligned}, nil)
			periodError(t, err, "period: "+tc.misaligned.String()+" is not one of the subscription's "+tc.cadence+
				" billing periods (the one containing its start is "+tc.containStart.String()+")")
		})
	}
}

func TestCalendarAlignToStartQuarterly(t *testing.T) {
	// Anchored on May 20: quarters May 20 – Aug 20 – Nov 20; charged in full.
	p := mustDecode(t, planOf("", fixedFee("fee", "quarterly", "90.00", "")))
	sub := plan.Subscription{Start: day(2026, 5, 20), AlignToStart: true}
	for _, period := range []ratecard.Period{span(day(2026, 5, 20), day(2026, 8, 20)), span(day(2026, 8, 20), day(2026, 11, 20))} {
		inv := mustInvoice(t, p, plan.Billing{Subscription: sub, Period: period}, nil)
		if got := inv.Total.String(); got != "90.00" {
			t.Errorf("%s: total %s, want 90.00", period, got)
		}
	}
	_, err := p.Invoice(plan.Billing{Subscription: sub, Period: span(day(2026, 7, 1), day(2026, 10, 1))}, nil)
	periodError(t, err, "period: [2026-07-01T00:00:00Z, 2026-10-01T00:00:00Z) is not one of the subscription's quarterly billing periods "+
		"(the one containing its start is [2026-05-20T00:00:00Z, 2026-08-20T00:00:00Z))")
}

func TestCalendarCustomCadences(t *testing.T) {
	days14 := `"billing_cycle_configuration":{"duration":14,"duration_unit":"day"}`
	months2 := `"billing_cycle_configuration":{"duration":2,"duration_unit":"month"}`
	runCalendarCases(t, []calendarCase{{
		// 14-day periods from the start's day at 00:00: [Jan 5, Jan 19), [Jan 19,
		// Feb 2). Starting at 10:00 on Jan 5 still touches all 14 days: 14.00.
		name:   "14 days, first period",
		plan:   planOf("", fixedFee("fee", "custom", "14.00", days14)),
		sub:    plan.Subscription{Start: day(2026, 1, 5).Add(10 * time.Hour)},
		period: span(day(2026, 1, 5), day(2026, 1, 19)),
		want:   []L{{Price: "fee", Service: "2026-01-05T10:00/2026-01-19T00:00", Quantity: "1", Subtotal: "14.00", Amount: "14.00"}},
		total:  "14.00",
	}, {
		name:   "14 days, third period",
		plan:   planOf("", fixedFee("fee", "custom", "14.00", days14)),
		sub:    plan.Subscription{Start: day(2026, 1, 5).Add(10 * time.Hour)},
		period: span(day(2026, 2, 2), day(2026, 2, 16)),
		want:   []L{{Price: "fee", Service: "2026-02-02T00:00/2026-02-16T00:00", Quantity: "1", Subtotal: "14.00", Amount: "14.00"}},
		total:  "14.00",
	}, {
		// 2-month periods, calendar-aligned from the 1st of the start's month:
		// [Feb 1, Apr 1) = 28 + 31 = 59 days; from Feb 10: 19 + 31 = 50 days:
		// 50/59 × 59.00 = 50.00.
		name:   "2 months calendar-aligned, prorated",
		plan:   planOf("", fixedFee("fee", "custom", "59.00", months2)),
		sub:    plan.Subscription{Start: day(2026, 2, 10)},
		period: span(day(2026, 2, 1), day(2026, 4, 1)),
		want:   []L{{Price: "fee", Service: "2026-02-10T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "50.00", Amount: "50.00"}},
		total:  "50.00",
	}, {
		name:   "2 months calendar-aligned, next",
		plan:   planOf("", fixedFee("fee", "custom", "59.00", months2)),
		sub:    plan.Subscription{Start: day(2026, 2, 10)},
		period: span(day(2026, 4, 1), day(2026, 6, 1)),
		want:   []L{{Price: "fee", Service: "2026-04-01T00:00/2026-06-01T00:00", Quantity: "1", Subtotal: "59.00", Amount: "59.00"}},
		total:  "59.00",
	}, {
		// Anchored on Jan 31: [Jan 31, Mar 31), [Mar 31, May 31), [May 31, Jul 31).
		name:   "2 months anchored on the 31st",
		plan:   planOf("", fixedFee("fee", "custom", "59.00", months2)),
		sub:    plan.Subscription{Start: day(2026, 1, 31), AlignToStart: true},
		period: span(day(2026, 5, 31), day(2026, 7, 31)),
		want:   []L{{Price: "fee", Service: "2026-05-31T00:00/2026-07-31T00:00", Quantity: "1", Subtotal: "59.00", Amount: "59.00"}},
		total:  "59.00",
	}})
	p := mustDecode(t, planOf("", fixedFee("fee", "custom", "14.00", days14)))
	_, err := p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 5)}, Period: span(day(2026, 1, 6), day(2026, 1, 20))}, nil)
	periodError(t, err, "period: [2026-01-06T00:00:00Z, 2026-01-20T00:00:00Z) is not one of the subscription's custom (14 day) billing periods "+
		"(the one containing its start is [2026-01-05T00:00:00Z, 2026-01-19T00:00:00Z))")
}

func TestCalendarDaylightSaving(t *testing.T) {
	ny := zone(t, "America/New_York")
	berlin := zone(t, "Europe/Berlin")
	at := func(loc *time.Location, m time.Month, d, h int) time.Time {
		return time.Date(2026, m, d, h, 0, 0, 0, loc)
	}
	monthIn := func(loc *time.Location, m time.Month) ratecard.Period {
		return span(at(loc, m, 1, 0), at(loc, m+1, 1, 0))
	}
	trial1 := `"trial_config":{"trial_period":1}`
	runCalendarCases(t, []calendarCase{{
		// New York springs forward on Mar 8, 2026: a 23-hour day that is one day.
		// From Mar 8: 24 of March's 31 days: 24/31 × 31.00 = 24.00.
		name:   "New York, start on the 23-hour day",
		plan:   planOf("", fixedFee("fee", "monthly", "31.00", "")),
		sub:    plan.Subscription{Start: at(ny, 3, 8, 0), Location: ny},
		period: monthIn(ny, time.March),
		want:   []L{{Price: "fee", Service: "2026-03-08T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "24.00", Amount: "24.00"}},
		total:  "24.00",
	}, {
		// A one-day trial from Mar 8 00:00 ends at Mar 9 00:00 local, 23 hours later:
		// the trial part is 1 day (fee 0.00), the paid part Mar 9 – Apr 1 is 23 days:
		// 23/31 × 31.00 = 23.00. An event at Mar 8 23:30 local is in the trial.
		name:    "New York, a one-day trial over the 23-hour day",
		plan:    planOf(trial1, fixedFee("fee", "monthly", "31.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:     plan.Subscription{Start: at(ny, 3, 8, 0), Location: ny},
		period:  monthIn(ny, time.March),
		metrics: []*usage.Metric{countMetric("m_calls", "call")},
		events:  []usage.Event{event("call", at(ny, 3, 8, 23).Add(30*time.Minute)), event("call", at(ny, 3, 9, 0))},
		want: []L{
			{Price: "fee", Service: "2026-03-08T00:00/2026-03-09T00:00", Quantity: "1", Subtotal: "0.00", Amount: "0.00"},
			{Price: "calls", Service: "2026-03-08T00:00/2026-03-09T00:00", Quantity: "1", Subtotal: "1.00",
				Adjustments: []string{"trial_discount trial_config -1.00"}, Amount: "0.00"},
			{Price: "fee", Service: "2026-03-09T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "23.00", Amount: "23.00"},
			{Price: "calls", Service: "2026-03-09T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "24.00",
	}, {
		// New York falls back on Nov 1, 2026: a 25-hour day. A daily phase of 1 day
		// from Oct 31 09:00 ends Nov 1 09:00 local (25 hours later). November splits
		// there: phase 1 has Nov 1 (1 day): 1/30 × 31.00 = 1.0333… → 1.03; phase 2
		// has Nov 1–30 less the shared Nov 1: 29 days: 29/30 × 31.00 = 29.966… → 29.97.
		name: "New York, a daily phase over the 25-hour day",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"daily"},{"order":2}]`,
			fixedFee("intro", "monthly", "31.00", `"plan_phase_order":1`),
			fixedFee("fee", "monthly", "31.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: at(ny, 10, 31, 9), Location: ny},
		period: monthIn(ny, time.November),
		want: []L{
			{Price: "intro", Service: "2026-11-01T00:00/2026-11-01T09:00", Quantity: "1", Subtotal: "1.03", Amount: "1.03"},
			{Price: "fee", Service: "2026-11-01T09:00/2026-12-01T00:00", Quantity: "1", Subtotal: "29.97", Amount: "29.97"},
		},
		total: "31.00",
	}, {
		// The October before: Oct 31 from 09:00 is 1 of 31 days: 1.00.
		name: "New York, the day before the 25-hour day",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"daily"},{"order":2}]`,
			fixedFee("intro", "monthly", "31.00", `"plan_phase_order":1`),
			fixedFee("fee", "monthly", "31.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: at(ny, 10, 31, 9), Location: ny},
		period: monthIn(ny, time.October),
		want:   []L{{Price: "intro", Service: "2026-10-31T09:00/2026-11-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"}},
		total:  "1.00",
	}, {
		// Berlin springs forward on Mar 29, 2026: from Mar 29, 3 of 31 days: 3.00.
		name:   "Berlin, start on the 23-hour day",
		plan:   planOf("", fixedFee("fee", "monthly", "31.00", "")),
		sub:    plan.Subscription{Start: at(berlin, 3, 29, 0), Location: berlin},
		period: monthIn(berlin, time.March),
		want:   []L{{Price: "fee", Service: "2026-03-29T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "3.00", Amount: "3.00"}},
		total:  "3.00",
	}, {
		// Berlin falls back on Oct 25, 2026. Anchored on Oct 25: the period Oct 25 –
		// Nov 25 is 31 days. A one-day trial ends Oct 26 00:00 local, 25 hours in: an
		// event at Oct 25 23:30 local is a trial event. Paid: Oct 26 – Nov 25 = 30
		// days: 30/31 × 31.00 = 30.00.
		name:    "Berlin, anchored on the 25-hour day with a one-day trial",
		plan:    planOf(trial1, fixedFee("fee", "monthly", "31.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:     plan.Subscription{Start: at(berlin, 10, 25, 0), Location: berlin, AlignToStart: true},
		period:  span(at(berlin, 10, 25, 0), at(berlin, 11, 25, 0)),
		metrics: []*usage.Metric{countMetric("m_calls", "call")},
		events:  []usage.Event{event("call", at(berlin, 10, 25, 23).Add(30*time.Minute)), event("call", at(berlin, 11, 24, 23))},
		want: []L{
			{Price: "fee", Service: "2026-10-25T00:00/2026-10-26T00:00", Quantity: "1", Subtotal: "0.00", Amount: "0.00"},
			{Price: "calls", Service: "2026-10-25T00:00/2026-10-26T00:00", Quantity: "1", Subtotal: "1.00",
				Adjustments: []string{"trial_discount trial_config -1.00"}, Amount: "0.00"},
			{Price: "fee", Service: "2026-10-26T00:00/2026-11-25T00:00", Quantity: "1", Subtotal: "30.00", Amount: "30.00"},
			{Price: "calls", Service: "2026-10-26T00:00/2026-11-25T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "31.00",
	}})
	// Where a clock change skips midnight, a day starts at its first instant: in
	// America/Santiago, 2026-09-06 begins at 01:00 -03 (00:00 -04 never happens).
	santiago := zone(t, "America/Santiago")
	saoPaulo := zone(t, "America/Sao_Paulo")
	sep6 := time.Date(2026, 9, 6, 1, 0, 0, 0, santiago) // the first instant of Sep 6
	runCalendarCases(t, []calendarCase{{
		// Anchored on Aug 6: the period is Aug 6 00:00 -04 – Sep 6 01:00 -03, so an
		// event at Sep 5 23:30 -04 is August's and one at Sep 6 01:00 -03 is not.
		name:    "Santiago, a period ending on the day whose midnight is skipped",
		plan:    planOf("", fixedFee("fee", "monthly", "31.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:     plan.Subscription{Start: at(santiago, 8, 6, 0), Location: santiago, AlignToStart: true},
		period:  span(at(santiago, 8, 6, 0), sep6),
		metrics: []*usage.Metric{countMetric("m_calls", "call")},
		events:  []usage.Event{event("call", at(santiago, 9, 5, 23).Add(30*time.Minute)), event("call", sep6)},
		want: []L{
			{Price: "fee", Service: "2026-08-06T00:00/2026-09-06T01:00", Quantity: "1", Subtotal: "31.00", Amount: "31.00"},
			{Price: "calls", Service: "2026-08-06T00:00/2026-09-06T01:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "32.00",
	}, {
		// The next period starts there; the event at its first instant is its own.
		name:    "Santiago, the period starting on the day whose midnight is skipped",
		plan:    planOf("", fixedFee("fee", "monthly", "31.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:     plan.Subscription{Start: at(santiago, 8, 6, 0), Location: santiago, AlignToStart: true},
		period:  span(sep6, at(santiago, 10, 6, 0)),
		metrics: []*usage.Metric{countMetric("m_calls", "call")},
		events:  []usage.Event{event("call", at(santiago, 9, 5, 23).Add(30*time.Minute)), event("call", sep6)},
		want: []L{
			{Price: "fee", Service: "2026-09-06T01:00/2026-10-06T00:00", Quantity: "1", Subtotal: "31.00", Amount: "31.00"},
			{Price: "calls", Service: "2026-09-06T01:00/2026-10-06T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "32.00",
	}, {
		// Sao Paulo skipped midnight on 2018-11-04. A 3-day phase from Nov 1 ends at
		// the first instant of Nov 4, 01:00: November's 30 days split 3 + 27:
		// 3/30 × 30.00 = 3.00 and 27/30 × 30.00 = 27.00.
		name: "Sao Paulo, a phase ending on the day whose midnight is skipped",
		plan: planOf(`"plan_phases":[{"order":1,"duration":3,"duration_unit":"daily"},{"order":2}]`,
			fixedFee("intro", "monthly", "30.00", `"plan_phase_order":1`),
			fixedFee("fee", "monthly", "30.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: time.Date(2018, 11, 1, 0, 0, 0, 0, saoPaulo), Location: saoPaulo},
		period: span(time.Date(2018, 11, 1, 0, 0, 0, 0, saoPaulo), time.Date(2018, 12, 1, 0, 0, 0, 0, saoPaulo)),
		want: []L{
			{Price: "intro", Service: "2018-11-01T00:00/2018-11-04T01:00", Quantity: "1", Subtotal: "3.00", Amount: "3.00"},
			{Price: "fee", Service: "2018-11-04T01:00/2018-12-01T00:00", Quantity: "1", Subtotal: "27.00", Amount: "27.00"},
		},
		total: "30.00",
	}})

	// The period must be given in local midnights: March in UTC is not a New York
	// billing period.
	p := mustDecode(t, planOf("", fixedFee("fee", "monthly", "31.00", "")))
	_, err := p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: at(ny, 3, 8, 0), Location: ny}, Period: month(2026, time.March)}, nil)
	periodError(t, err, "period: [2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z) is not one of the subscription's monthly billing periods "+
		"(the one containing its start is [2026-02-01T00:00:00-05:00, 2026-03-01T00:00:00-05:00))")
}

func TestCalendarPhaseBoundaries(t *testing.T) {
	twoUsage := []*usage.Metric{countMetric("m_use", "use")}
	runCalendarCases(t, []calendarCase{{
		// A daily phase of 10 days from Jan 1 ends Jan 11 00:00: phase 1 has 10 days
		// (10/31 × 31.00 = 10.00), phase 2 has 21 (21/31 × 62.00 = 42.00). Usage
		// falls in the part of its timestamp: Jan 10 23:59 in phase 1, Jan 11 00:00 in
		// phase 2.
		name: "daily phase, split at midnight",
		plan: planOf(`"plan_phases":[{"order":1,"duration":10,"duration_unit":"daily"},{"order":2,"duration":null}]`,
			fixedFee("fee1", "monthly", "31.00", `"plan_phase_order":1`), usageAt("use1", "use", "monthly", `"plan_phase_order":1`),
			fixedFee("fee2", "monthly", "62.00", `"plan_phase_order":2`), usageAt("use2", "use", "monthly", `"plan_phase_order":2`)),
		sub:     plan.Subscription{Start: day(2026, 1, 1)},
		period:  month(2026, time.January),
		metrics: twoUsage,
		events: []usage.Event{event("use", day(2026, 1, 5)), event("use", day(2026, 1, 5)), event("use", day(2026, 1, 5)),
			event("use", day(2026, 1, 11).Add(-time.Minute)), event("use", day(2026, 1, 11)), event("use", day(2026, 1, 31))},
		want: []L{
			{Price: "fee1", Service: "2026-01-01T00:00/2026-01-11T00:00", Quantity: "1", Subtotal: "10.00", Amount: "10.00"},
			{Price: "use1", Service: "2026-01-01T00:00/2026-01-11T00:00", Quantity: "4", Subtotal: "4.00", Amount: "4.00"},
			{Price: "fee2", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "1", Subtotal: "42.00", Amount: "42.00"},
			{Price: "use2", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "2", Subtotal: "2.00", Amount: "2.00"},
		},
		total: "58.00",
	}, {
		// A monthly phase from Jan 15 12:00 ends Feb 15 12:00. February splits there:
		// phase 1 touches Feb 1–15 (15 days: 15/28 × 28.00 = 15.00), phase 2 Feb 15–28
		// less the shared Feb 15 (13 days: 13.00).
		name: "monthly phase, split at noon",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":2}]`,
			fixedFee("fee1", "monthly", "28.00", `"plan_phase_order":1`), fixedFee("fee2", "monthly", "28.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: day(2026, 1, 15).Add(12 * time.Hour)},
		period: month(2026, time.February),
		want: []L{
			{Price: "fee1", Service: "2026-02-01T00:00/2026-02-15T12:00", Quantity: "1", Subtotal: "15.00", Amount: "15.00"},
			{Price: "fee2", Service: "2026-02-15T12:00/2026-03-01T00:00", Quantity: "1", Subtotal: "13.00", Amount: "13.00"},
		},
		total: "28.00",
	}, {
		// Monthly phases from Jan 31 keep the anchor day: phase 1 ends Feb 28, phase 2
		// Mar 31 (not Mar 28). February: 27 days (27.00) and 1 day (1/28 × 28 = 1.00).
		name: "anchor kept across monthly phases, February",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":2,"duration":1,"duration_unit":"monthly"},{"order":3}]`,
			fixedFee("p1", "monthly", "28.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "28.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "31.00", `"plan_phase_order":3`)),
		sub:    plan.Subscription{Start: day(2026, 1, 31)},
		period: month(2026, time.February),
		want: []L{
			{Price: "p1", Service: "2026-02-01T00:00/2026-02-28T00:00", Quantity: "1", Subtotal: "27.00", Amount: "27.00"},
			{Price: "p2", Service: "2026-02-28T00:00/2026-03-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "28.00",
	}, {
		// March: phase 2 until Mar 31 (30 days: 30/31 × 28.00 = 27.096… → 27.10),
		// phase 3 from Mar 31 (1 day: 1.00).
		name: "anchor kept across monthly phases, March",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":2,"duration":1,"duration_unit":"monthly"},{"order":3}]`,
			fixedFee("p1", "monthly", "28.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "28.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "31.00", `"plan_phase_order":3`)),
		sub:    plan.Subscription{Start: day(2026, 1, 31)},
		period: month(2026, time.March),
		want: []L{
			{Price: "p2", Service: "2026-03-01T00:00/2026-03-31T00:00", Quantity: "1", Subtotal: "27.10", Amount: "27.10"},
			{Price: "p3", Service: "2026-03-31T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "28.10",
	}, {
		// In 2028 phase 1 ends Feb 29: February has p1 for 28 days (28/29 × 29.00 =
		// 28.00) and p2 for 1 (1.00).
		name: "anchor kept across monthly phases, leap February",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"monthly"},{"order":2,"duration":1,"duration_unit":"monthly"},{"order":3}]`,
			fixedFee("p1", "monthly", "29.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "29.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "31.00", `"plan_phase_order":3`)),
		sub:    plan.Subscription{Start: day(2028, 1, 31)},
		period: month(2028, time.February),
		want: []L{
			{Price: "p1", Service: "2028-02-01T00:00/2028-02-29T00:00", Quantity: "1", Subtotal: "28.00", Amount: "28.00"},
			{Price: "p2", Service: "2028-02-29T00:00/2028-03-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "29.00",
	}, {
		// A quarterly phase from Jan 31 ends Apr 30; April splits there: 29 days
		// (29/30 × 30.00 = 29.00) and 1 day (1.00).
		name: "quarterly phase from the 31st",
		plan: planOf(`"plan_phases":[{"order":1,"duration":1,"duration_unit":"quarterly"},{"order":2}]`,
			fixedFee("p1", "monthly", "30.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "30.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: day(2026, 1, 31)},
		period: month(2026, time.April),
		want: []L{
			{Price: "p1", Service: "2026-04-01T00:00/2026-04-30T00:00", Quantity: "1", Subtotal: "29.00", Amount: "29.00"},
			{Price: "p2", Service: "2026-04-30T00:00/2026-05-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "30.00",
	}, {
		// After a daily phase the anchor is its end day: 30 days from Jan 31 end Mar 2;
		// a monthly phase then ends Apr 2. March: phase 1 has Mar 1 (1/31 × 31.00 =
		// 1.00), phase 2 Mar 2–31 (30 days: 30.00).
		name: "anchor after a daily phase, March",
		plan: planOf(`"plan_phases":[{"order":1,"duration":30,"duration_unit":"daily"},{"order":2,"duration":1,"duration_unit":"monthly"},{"order":3}]`,
			fixedFee("p1", "monthly", "31.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "31.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "30.00", `"plan_phase_order":3`)),
		sub:    plan.Subscription{Start: day(2026, 1, 31)},
		period: month(2026, time.March),
		want: []L{
			{Price: "p1", Service: "2026-03-01T00:00/2026-03-02T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
			{Price: "p2", Service: "2026-03-02T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "30.00", Amount: "30.00"},
		},
		total: "31.00",
	}, {
		// April: phase 2 has Apr 1 (1/30 × 31.00 = 1.0333… → 1.03), phase 3 Apr 2–30
		// (29/30 × 30.00 = 29.00).
		name: "anchor after a daily phase, April",
		plan: planOf(`"plan_phases":[{"order":1,"duration":30,"duration_unit":"daily"},{"order":2,"duration":1,"duration_unit":"monthly"},{"order":3}]`,
			fixedFee("p1", "monthly", "31.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "31.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "30.00", `"plan_phase_order":3`)),
		sub:    plan.Subscription{Start: day(2026, 1, 31)},
		period: month(2026, time.April),
		want: []L{
			{Price: "p2", Service: "2026-04-01T00:00/2026-04-02T00:00", Quantity: "1", Subtotal: "1.03", Amount: "1.03"},
			{Price: "p3", Service: "2026-04-02T00:00/2026-05-01T00:00", Quantity: "1", Subtotal: "29.00", Amount: "29.00"},
		},
		total: "30.03",
	}, {
		// A daily phase ending on the 31st makes 31 the anchor: 30 days from Jan 1 end
		// Jan 31; monthly phases then end Feb 28 and Mar 31. March: phase 3 until Mar
		// 31 (30/31 × 31.00 = 30.00), phase 4 from Mar 31 (1.00).
		name: "anchor 31 from a daily phase",
		plan: planOf(`"plan_phases":[{"order":1,"duration":30,"duration_unit":"daily"},{"order":2,"duration":1,"duration_unit":"monthly"},`+
			`{"order":3,"duration":1,"duration_unit":"monthly"},{"order":4}]`,
			fixedFee("p1", "monthly", "31.00", `"plan_phase_order":1`), fixedFee("p2", "monthly", "31.00", `"plan_phase_order":2`),
			fixedFee("p3", "monthly", "31.00", `"plan_phase_order":3`), fixedFee("p4", "monthly", "31.00", `"plan_phase_order":4`)),
		sub:    plan.Subscription{Start: day(2026, 1, 1)},
		period: month(2026, time.March),
		want: []L{
			{Price: "p3", Service: "2026-03-01T00:00/2026-03-31T00:00", Quantity: "1", Subtotal: "30.00", Amount: "30.00"},
			{Price: "p4", Service: "2026-03-31T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "31.00",
	}, {
		// Phase adjustments cover their own phase's part only, and a minimum is
		// prorated by the days of that part: phase 2's minimum 31.00 over 21 of 31
		// days = 21.00; fee2 21/31 × 10.00 = 6.774… → 6.77; true-up 14.23.
		name: "phase minimum prorated to its part",
		plan: planOf(`"plan_phases":[{"order":1,"duration":10,"duration_unit":"daily"},{"order":2}],`+
			`"adjustments":[{"adjustment_type":"minimum","minimum_amount":"31.00","plan_phase_order":2}]`,
			fixedFee("fee1", "monthly", "31.00", `"plan_phase_order":1`), fixedFee("fee2", "monthly", "10.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: day(2026, 1, 1)},
		period: month(2026, time.January),
		want: []L{
			{Price: "fee1", Service: "2026-01-01T00:00/2026-01-11T00:00", Quantity: "1", Subtotal: "10.00", Amount: "10.00"},
			{Price: "fee2", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "1", Subtotal: "6.77",
				Adjustments: []string{"minimum adjustments[0] 14.23"}, Amount: "21.00"},
		},
		total: "31.00",
	}, {
		// A phase not active in the period has no lines: in March, phase 1 (Jan 1–11)
		// is over.
		name: "inactive phase, no lines",
		plan: planOf(`"plan_phases":[{"order":1,"duration":10,"duration_unit":"daily"},{"order":2}]`,
			fixedFee("fee1", "monthly", "31.00", `"plan_phase_order":1`), fixedFee("fee2", "monthly", "62.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: day(2026, 1, 1)},
		period: month(2026, time.March),
		want:   []L{{Price: "fee2", Service: "2026-03-01T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "62.00", Amount: "62.00"}},
		total:  "62.00",
	}})
}

func TestCalendarTrial(t *testing.T) {
	// The subscription starts Jan 10 at noon with a 5-day trial: it ends Jan 15 at
	// noon. January's window [Jan 10 12:00, Feb 1) splits there: the trial part
	// touches Jan 10–15 (6 days), the paid part Jan 15–31 less the shared Jan 15 (16
	// days). Usage: 2 + 1 calls in the trial (Jan 12, Jan 15 11:00), 3 + 4 after it
	// (Jan 15 13:00, Jan 20).
	start := day(2026, 1, 10).Add(12 * time.Hour)
	var events []usage.Event
	add := func(name string, at time.Time, n int) {
		for range n {
			events = append(events, event(name, at))
		}
	}
	add("a", day(2026, 1, 12), 2)
	add("a", day(2026, 1, 15).Add(11*time.Hour), 1)
	add("a", day(2026, 1, 15).Add(13*time.Hour), 3)
	add("a", day(2026, 1, 20), 4)
	add("b", day(2026, 1, 11), 1)
	add("b", day(2026, 1, 25), 2)
	metrics := []*usage.Metric{countMetric("m_a", "a"), countMetric("m_b", "b")}
	sub := plan.Subscription{Start: start}
	jan := month(2026, time.January)
	const trial, paid = "2026-01-10T12:00/2026-01-15T12:00", "2026-01-15T12:00/2026-02-01T00:00"
	trial5 := `"trial_config":{"trial_period":5,"trial_period_unit":"days"}`
	runCalendarCases(t, []calendarCase{{
		// Fixed fee: 0.00 on trial days (no adjustments), 16/31 × 31.00 = 16.00 after.
		// Usage A: 3.00 waived in full in the trial, 7.00 after.
		name: "fee and usage around the trial's end",
		plan: planOf(trial5, fixedFee("fee", "monthly", "31.00", ""), usageAt("A", "a", "monthly", "")),
		sub:  sub, period: jan, metrics: metrics, events: events,
		want: []L{
			{Price: "fee", Service: trial, Quantity: "1", Subtotal: "0.00", Amount: "0.00"},
			{Price: "A", Service: trial, Quantity: "3", Subtotal: "3.00", Adjustments: []string{"trial_discount trial_config -3.00"}, Amount: "0.00"},
			{Price: "fee", Service: paid, Quantity: "1", Subtotal: "16.00", Amount: "16.00"},
			{Price: "A", Service: paid, Quantity: "7", Subtotal: "7.00", Amount: "7.00"},
		},
		total: "23.00",
	}, {
		// A trial discount capped at 2.00 over trial usage A 3.00 and B 1.00: 200 cents
		// × 3/4 = 150, × 1/4 = 50: −1.50 and −0.50.
		name: "capped trial discount allocated across trial lines",
		plan: planOf(trial5+`,"discount":{"discount_type":"trial","trial_amount_discount":"2.00","reason":"intro"}`,
			usageAt("A", "a", "monthly", ""), usageAt("B", "b", "monthly", "")),
		sub: sub, period: jan, metrics: metrics, events: events,
		want: []L{
			{Price: "A", Service: trial, Quantity: "3", Subtotal: "3.00", Adjustments: []string{"trial_discount discount -1.50"}, Amount: "1.50"},
			{Price: "B", Service: trial, Quantity: "1", Subtotal: "1.00", Adjustments: []string{"trial_discount discount -0.50"}, Amount: "0.50"},
			{Price: "A", Service: paid, Quantity: "7", Subtotal: "7.00", Amount: "7.00"},
			{Price: "B", Service: paid, Quantity: "2", Subtotal: "2.00", Amount: "2.00"},
		},
		total: "11.00",
	}, {
		// A trial discount limited to A waives A's trial usage only; B's trial line
		// is charged.
		name: "trial discount limited by applies_to_price_ids",
		plan: planOf(trial5+`,"discount":{"discount_type":"trial","applies_to_price_ids":["A"]}`,
			usageAt("A", "a", "monthly", ""), usageAt("B", "b", "monthly", "")),
		sub: sub, period: jan, metrics: metrics, events: events,
		want: []L{
			{Price: "A", Service: trial, Quantity: "3", Subtotal: "3.00", Adjustments: []string{"trial_discount discount -3.00"}, Amount: "0.00"},
			{Price: "B", Service: trial, Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
			{Price: "A", Service: paid, Quantity: "7", Subtotal: "7.00", Amount: "7.00"},
			{Price: "B", Service: paid, Quantity: "2", Subtotal: "2.00", Amount: "2.00"},
		},
		total: "10.00",
	}, {
		// A one-time setup fee of 50.00 is charged in full in the part containing the
		// start (the trial part), not waived. 10 % off covers every line but the
		// waived fee: 50.00 + 3.00 + 16.00 + 7.00 = 76.00 → −7.60, pro rata −5.00,
		// −0.30, −1.60, −0.70. The minimum 62.00 covers only the paid part: prorated
		// 62 × 16/31 = 32.00; the paid lines hold 14.40 + 6.30 = 20.70, true-up 11.30
		// = 1130 cents: fee 1130 × 14.40/20.70 = 786.09 → 786, A 1130 × 6.30/20.70 =
		// 343.91 → 343, the cent left to A's larger remainder: +7.86, +3.44. The trial
		// then waives A's trial line (2.70).
		name: "one-time fee in a trial part: discounts, no minimum",
		plan: planOf(trial5+`,"adjustments":[{"adjustment_type":"percentage_discount","percentage_discount":"0.1"},{"adjustment_type":"minimum","minimum_amount":"62.00"}]`,
			fixedFee("fee", "monthly", "31.00", ""), fixedFee("setup", "one_time", "50.00", ""), usageAt("A", "a", "monthly", "")),
		sub: sub, period: jan, metrics: metrics, events: events,
		want: []L{
			{Price: "fee", Service: trial, Quantity: "1", Subtotal: "0.00", Amount: "0.00"},
			{Price: "setup", Service: trial, Quantity: "1", Subtotal: "50.00", Adjustments: []string{"percentage_discount adjustments[0] -5.00"}, Amount: "45.00"},
			{Price: "A", Service: trial, Quantity: "3", Subtotal: "3.00",
				Adjustments: []string{"percentage_discount adjustments[0] -0.30", "trial_discount trial_config -2.70"}, Amount: "0.00"},
			{Price: "fee", Service: paid, Quantity: "1", Subtotal: "16.00",
				Adjustments: []string{"percentage_discount adjustments[0] -1.60", "minimum adjustments[1] 7.86"}, Amount: "22.26"},
			{Price: "A", Service: paid, Quantity: "7", Subtotal: "7.00",
				Adjustments: []string{"percentage_discount adjustments[0] -0.70", "minimum adjustments[1] 3.44"}, Amount: "9.74"},
		},
		total: "77.00",
	}, {
		// February: the trial is over and the one-time fee is not charged again.
		name: "after the trial: no one-time fee",
		plan: planOf(trial5, fixedFee("fee", "monthly", "31.00", ""), fixedFee("setup", "one_time", "50.00", ""), usageAt("A", "a", "monthly", "")),
		sub:  sub, period: month(2026, time.February), metrics: metrics,
		want: []L{
			{Price: "fee", Service: "2026-02-01T00:00/2026-03-01T00:00", Quantity: "1", Subtotal: "31.00", Amount: "31.00"},
			{Price: "A", Service: "2026-02-01T00:00/2026-03-01T00:00", Quantity: "0", Subtotal: "0.00", Amount: "0.00"},
		},
		total: "31.00",
	}, {
		// A one-time fee of phase 2 is charged when phase 2 starts (Jan 11), in full,
		// in phase 2's part; a one-time fee of phase 1 at the subscription start. A
		// trial longer than the period covers all of it: the monthly fee is 0.00.
		name: "one-time fees at each phase start",
		plan: planOf(`"trial_config":{"trial_period":40},"plan_phases":[{"order":1,"duration":10,"duration_unit":"daily"},{"order":2}]`,
			fixedFee("setup1", "one_time", "5.00", `"plan_phase_order":1`),
			fixedFee("setup2", "one_time", "7.00", `"plan_phase_order":2`),
			fixedFee("fee2", "monthly", "31.00", `"plan_phase_order":2`)),
		sub:    plan.Subscription{Start: day(2026, 1, 1)},
		period: jan,
		want: []L{
			{Price: "setup1", Service: "2026-01-01T00:00/2026-01-11T00:00", Quantity: "1", Subtotal: "5.00", Amount: "5.00"},
			{Price: "setup2", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "1", Subtotal: "7.00", Amount: "7.00"},
			{Price: "fee2", Service: "2026-01-11T00:00/2026-02-01T00:00", Quantity: "1", Subtotal: "0.00", Amount: "0.00"},
		},
		total: "12.00",
	}})

	// Pre-aggregated quantities cannot be split at the trial's end.
	p := mustDecode(t, planOf(trial5, usageAt("A", "a", "monthly", "")))
	_, err := p.Invoice(plan.Billing{Subscription: sub, Period: jan, Quantities: quantities("A", "10")}, nil)
	var ve *ratecard.ValidationError
	if !errors.As(err, &ve) || ve.Field != "quantities.A" {
		t.Errorf("pre-aggregated quantities split by the trial: error %v, want one at quantities.A", err)
	}
	// They are fine for a period the trial does not split.
	inv := mustInvoice(t, p, plan.Billing{Subscription: sub, Period: month(2026, time.February), Quantities: quantities("A", "10")}, nil)
	if inv.Total.String() != "10.00" {
		t.Errorf("February total %s, want 10.00", inv.Total)
	}
}

func TestCalendarMixedCadences(t *testing.T) {
	// A monthly plan from Mar 15, 2026, calendar-aligned, with an annual platform fee
	// in advance (365.00), an annual support fee in arrears (120.00), a quarterly
	// usage price (in arrears) and a monthly one.
	js := planOf("",
		fixedFee("platform", "annual", "365.00", `"billed_in_advance":true`),
		fixedFee("support", "annual", "120.00", `"billing_mode":"in_arrear"`),
		usageAt("storage", "gb", "quarterly", ""),
		usageAt("calls", "calls", "monthly", ""))
	metrics := []*usage.Metric{countMetric("m_gb", "gb"), countMetric("m_calls", "call")}
	events := []usage.Event{
		event("gb", day(2026, 3, 1)), // before the subscription
		event("gb", day(2026, 3, 20)),
		event("gb", day(2026, 4, 10)), event("gb", day(2026, 5, 5)), event("gb", day(2026, 6, 30)),
		event("gb", day(2026, 7, 1)),
		event("call", day(2026, 3, 16)), event("call", day(2026, 4, 2)),
	}
	sub := plan.Subscription{Start: day(2026, 3, 15)}
	runCalendarCases(t, []calendarCase{{
		// March: the platform fee's year starts before the subscription, so it is
		// charged from Mar 15 to the year's end: 292 of 365 days: 292.00. The quarter
		// Jan–Mar ends with March: storage from Mar 15 (1 event).
		name: "first invoice", plan: js, sub: sub, period: month(2026, time.March), metrics: metrics, events: events,
		want: []L{
			{Price: "platform", Service: "2026-03-15T00:00/2027-01-01T00:00", Quantity: "1", Subtotal: "292.00", Amount: "292.00"},
			{Price: "storage", Service: "2026-03-15T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
			{Price: "calls", Service: "2026-03-15T00:00/2026-04-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "294.00",
	}, {
		// April: only the monthly price.
		name: "a month inside the quarter", plan: js, sub: sub, period: month(2026, time.April), metrics: metrics, events: events,
		want:  []L{{Price: "calls", Service: "2026-04-01T00:00/2026-05-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"}},
		total: "1.00",
	}, {
		// June ends Q2: storage for Apr 1 – Jul 1 (3 events).
		name: "the quarter's last month", plan: js, sub: sub, period: month(2026, time.June), metrics: metrics, events: events,
		want: []L{
			{Price: "storage", Service: "2026-04-01T00:00/2026-07-01T00:00", Quantity: "3", Subtotal: "3.00", Amount: "3.00"},
			{Price: "calls", Service: "2026-06-01T00:00/2026-07-01T00:00", Quantity: "0", Subtotal: "0.00", Amount: "0.00"},
		},
		total: "3.00",
	}, {
		// December ends the year: support in arrears from Mar 15: 292/365 × 120.00 =
		// 96.00; Q4 storage.
		name: "the year's last month", plan: js, sub: sub, period: month(2026, time.December), metrics: metrics, events: events,
		want: []L{
			{Price: "support", Service: "2026-03-15T00:00/2027-01-01T00:00", Quantity: "1", Subtotal: "96.00", Amount: "96.00"},
			{Price: "storage", Service: "2026-10-01T00:00/2027-01-01T00:00", Quantity: "0", Subtotal: "0.00", Amount: "0.00"},
			{Price: "calls", Service: "2026-12-01T00:00/2027-01-01T00:00", Quantity: "0", Subtotal: "0.00", Amount: "0.00"},
		},
		total: "96.00",
	}, {
		// January 2027: the platform fee for all of 2027, in advance: 365.00.
		name: "the next year's first month", plan: js, sub: sub, period: month(2027, time.January), metrics: metrics, events: events,
		want: []L{
			{Price: "platform", Service: "2027-01-01T00:00/2028-01-01T00:00", Quantity: "1", Subtotal: "365.00", Amount: "365.00"},
			{Price: "calls", Service: "2027-01-01T00:00/2027-02-01T00:00", Quantity: "0", Subtotal: "0.00", Amount: "0.00"},
		},
		total: "365.00",
	}, {
		// Anchored on Mar 15 the platform year starts with the subscription: in full.
		name: "anchored on the start", plan: js, sub: plan.Subscription{Start: day(2026, 3, 15), AlignToStart: true},
		period: span(day(2026, 3, 15), day(2026, 4, 15)), metrics: metrics, events: events,
		want: []L{
			{Price: "platform", Service: "2026-03-15T00:00/2027-03-15T00:00", Quantity: "1", Subtotal: "365.00", Amount: "365.00"},
			{Price: "calls", Service: "2026-03-15T00:00/2026-04-15T00:00", Quantity: "2", Subtotal: "2.00", Amount: "2.00"},
		},
		total: "367.00",
	}})
}

func TestCalendarSubscriptionStart(t *testing.T) {
	p := mustDecode(t, planOf("", fixedFee("fee", "monthly", "100.00", ""), usageAt("calls", "calls", "monthly", "")))
	metrics := []*usage.Metric{countMetric("m_calls", "call")}
	start := day(2026, 1, 15).Add(14 * time.Hour)
	events := []usage.Event{event("call", day(2026, 1, 15).Add(10*time.Hour)), event("call", day(2026, 1, 15).Add(15*time.Hour))}
	runCalendarCases(t, []calendarCase{{
		// Starting at 14:00 on Jan 15 still touches 17 days: 17/31 × 100 = 54.84; the
		// 10:00 call is before the subscription.
		name: "mid-day start, calendar-aligned",
		plan: planOf("", fixedFee("fee", "monthly", "100.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:  plan.Subscription{Start: start}, period: month(2026, time.January), metrics: metrics, events: events,
		want: []L{
			{Price: "fee", Service: "2026-01-15T14:00/2026-02-01T00:00", Quantity: "1", Subtotal: "54.84", Amount: "54.84"},
			{Price: "calls", Service: "2026-01-15T14:00/2026-02-01T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "55.84",
	}, {
		// Anchored on the start, the period is [Jan 15 00:00, Feb 15) and the part
		// from 14:00 touches all 31 of its days: 100.00.
		name: "mid-day start, anchored",
		plan: planOf("", fixedFee("fee", "monthly", "100.00", ""), usageAt("calls", "calls", "monthly", "")),
		sub:  plan.Subscription{Start: start, AlignToStart: true}, period: span(day(2026, 1, 15), day(2026, 2, 15)), metrics: metrics, events: events,
		want: []L{
			{Price: "fee", Service: "2026-01-15T14:00/2026-02-15T00:00", Quantity: "1", Subtotal: "100.00", Amount: "100.00"},
			{Price: "calls", Service: "2026-01-15T14:00/2026-02-15T00:00", Quantity: "1", Subtotal: "1.00", Amount: "1.00"},
		},
		total: "101.00",
	}})

	// A period before the subscription is rejected at "period".
	_, err := p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: start}, Period: month(2025, time.December), Metrics: metrics}, nil)
	periodError(t, err, "period: [2025-12-01T00:00:00Z, 2026-01-01T00:00:00Z) ends before the subscription starts at 2026-01-15T14:00:00Z")
	_, err = p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: start, AlignToStart: true},
		Period: span(day(2025, 12, 15), day(2026, 1, 15)), Metrics: metrics}, nil)
	periodError(t, err, "period: [2025-12-15T00:00:00Z, 2026-01-15T00:00:00Z) ends before the subscription starts at 2026-01-15T14:00:00Z")
	// A period not aligned to the calendar is rejected at "period".
	_, err = p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: start}, Period: span(day(2026, 1, 15), day(2026, 2, 15)), Metrics: metrics}, nil)
	periodError(t, err, "period: [2026-01-15T00:00:00Z, 2026-02-15T00:00:00Z) is not one of the subscription's monthly billing periods "+
		"(the one containing its start is [2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z))")
	// A zero start is rejected at "subscription.start".
	_, err = p.Invoice(plan.Billing{Period: month(2026, time.January), Metrics: metrics}, nil)
	var ve *ratecard.ValidationError
	if !errors.As(err, &ve) || ve.Field != "subscription.start" {
		t.Errorf("zero start: error %v, want one at subscription.start", err)
	}
}

// TestCalendarPeriodsProperty checks the billing periods of every cadence against an
// independent model, for random starts in UTC, New York and Berlin, calendar-aligned
// or anchored: a k-month cadence runs from the 1st of January-aligned months (named
// cadences) or of the start's month (custom), or from the start's day clamped to each
// month's end (anchored); an n-day cadence runs in n-day steps from the start's day.
// For the first four periods the invoice is accepted, its fee line serves the period
// from the later of its start and the subscription's, and the period shifted by a day
// is rejected at "period".
func TestCalendarPeriodsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		type cadence struct {
			json   string
			months int // 0 for days
			days   int
			custom bool
		}
		cad := rapid.SampledFrom([]cadence{
			{`"cadence":"monthly"`, 1, 0, false}, {`"cadence":"quarterly"`, 3, 0, false},
			{`"cadence":"semi_annual"`, 6, 0, false}, {`"cadence":"annual"`, 12, 0, false},
			{`"cadence":"custom","billing_cycle_configuration":{"duration":2,"duration_unit":"month"}`, 2, 0, true},
			{`"cadence":"custom","billing_cycle_configuration":{"duration":7,"duration_unit":"day"}`, 0, 7, true},
			{`"cadence":"custom","billing_cycle_configuration":{"duration":30,"duration_unit":"day"}`, 0, 30, true},
		}).Draw(t, "cadence")
		p := mustDecode(t, `{"id":"p","currency":"USD","prices":[{"id":"fee","price_type":"fixed_price",`+cad.json+
			`,"model_type":"unit","unit_config":{"unit_amount":"100.00"}}]}`)
		loc := rapid.SampledFrom(zones).Draw(t, "zone")
		start := time.Date(2026, 1, 1+rapid.IntRange(0, 800).Draw(t, "start day"), rapid.IntRange(0, 23).Draw(t, "hour"), 0, 0, 0, loc)
		align := rapid.Bool().Draw(t, "align")
		y, m, d := start.In(loc).Date()
		// boundary returns the start of period i (0: the one containing the start).
		boundary := func(i int) time.Time {
			if cad.days > 0 {
				return time.Date(y, m, d+i*cad.days, 0, 0, 0, 0, loc)
			}
			if align {
				first := time.Date(y, m+time.Month(i*cad.months), 1, 0, 0, 0, 0, time.UTC)
				return time.Date(first.Year(), first.Month(), min(d, first.AddDate(0, 1, -1).Day()), 0, 0, 0, 0, loc)
			}
			baseMonth := m
			if !cad.custom { // January-aligned: back to the month that starts the start's period
				baseMonth = m - time.Month((int(m)-1)%cad.months)
			}
			return time.Date(y, baseMonth+time.Month(i*cad.months), 1, 0, 0, 0, 0, loc)
		}
		for i := range 4 {
			period := span(boundary(i), boundary(i+1))
			inv, err := p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: start, Location: loc, AlignToStart: align}, Period: period}, nil)
			if err != nil {
				t.Fatalf("period %d %s: %v", i, period, err)
			}
			from := period.Start
			if start.After(from) {
				from = start
			}
			if s := inv.Lines[0].Service; !s.Start.Equal(from) || !s.End.Equal(period.End) {
				t.Fatalf("period %d %s: the fee serves %s", i, period, s)
			}
			shifted := span(period.Start.AddDate(0, 0, 1), period.End.AddDate(0, 0, 1))
			_, err = p.Invoice(plan.Billing{Subscription: plan.Subscription{Start: start, Location: loc, AlignToStart: align}, Period: shifted}, nil)
			var ve *ratecard.ValidationError
			if !errors.As(err, &ve) || ve.Field != "period" {
				t.Fatalf("shifted period %s: error %v, want one at period", shifted, err)
			}
		}
	})
}

// TestTimesInTheSubscriptionZone: an invoice's times are in the subscription's zone,
// however the caller wrote the start and the period (here as UTC instants).
func TestTimesInTheSubscriptionZone(t *testing.T) {
	ny := zone(t, "America/New_York")
	p := mustDecode(t, planOf("", fixedFee("fee", "monthly", "31.00", "")))
	start := time.Date(2026, 1, 15, 3, 0, 0, 0, time.UTC) // Jan 14 22:00 in New York
	inv := mustInvoice(t, p, plan.Billing{Subscription: plan.Subscription{Start: start, Location: ny},
		Period: span(time.Date(2026, 1, 1, 5, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 5, 0, 0, 0, time.UTC))}, nil)
	for _, tm := range []time.Time{inv.Period.Start, inv.Period.End, inv.Lines[0].Service.Start, inv.Lines[0].Service.End} {
		if tm.Location() != ny {
			t.Errorf("%s is not in America/New_York", tm)
		}
	}
	if got := inv.Lines[0].Service.Start.Format(time.RFC3339); got != "2026-01-14T22:00:00-05:00" {
		t.Errorf("service start %s", got)
	}
}
