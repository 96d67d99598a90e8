package frontier_test

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/compat/frontier"
	"github.com/ratecard/ratecard/usage"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func period(from, to string) ratecard.Period { return ratecard.Period{Start: ts(from), End: ts(to)} }

func event(name, at string, q int) usage.Event {
	v, _ := usage.Number(strconv.Itoa(q))
	return usage.Event{Name: name, Timestamp: ts(at), Properties: []usage.Property{{Key: "quantity", Value: v}}}
}

type line struct{ ID, Quantity, Subtotal, Amount string }

func lines(inv *ratecard.Invoice) []line {
	var out []line
	for _, l := range inv.Lines {
		out = append(out, line{l.PriceID, l.Quantity.String(), l.Subtotal.String(), l.Amount.String()})
	}
	return out
}

const teamPlan = `{"id": "team", "interval": "month", "trial_days": 10, "on_start_credits": 300, "products": [
  {"name": "seats", "title": "Seats", "behavior": "per_seat", "behavior_config": {"seat_limit": 0},
   "prices": [{"id": "seat_usd", "interval": "month", "currency": "usd", "amount": 1200},
              {"id": "seat_eur", "interval": "month", "currency": "eur", "amount": 1100},
              {"id": "seat_old", "interval": "month", "currency": "usd", "amount": 900, "state": "inactive"}]},
  {"name": "api", "prices": [{"id": "api_usd", "interval": "month", "usage_type": "metered", "currency": "usd", "amount": 2},
                             {"id": "api_eur", "interval": "month", "usage_type": "metered", "currency": "eur", "amount": 2}]},
  {"name": "pack", "behavior": "credits", "behavior_config": {"credit_amount": 100},
   "prices": [{"id": "pack_usd", "currency": "usd", "amount": 100}]}]}`

func TestInvoice(t *testing.T) {
	p := mustPlan(t, teamPlan)
	usd, _ := ratecard.ParseCurrency("USD")
	eur, _ := ratecard.ParseCurrency("EUR")
	events := []usage.Event{event("api", "2026-01-20T00:00:00Z", 1500)}
	tests := []struct {
		name string
		b    frontier.Billing
		want []line
	}{
		{"skip the trial: periods from the start; zero seats bill nothing; unlimited seats",
			frontier.Billing{Start: ts("2026-01-05T10:00:00Z"), Period: period("2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z"), Seats: 0, SkipTrial: true, Currency: usd},
			[]line{{"seat_usd", "0", "0.00", "0.00"}, {"api_usd", "1500", "30.00", "30.00"}}},
		{"many seats without a limit; the inactive price is not billed",
			frontier.Billing{Start: ts("2026-01-05T10:00:00Z"), Period: period("2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z"), Seats: 1000, SkipTrial: true, Currency: usd},
			[]line{{"seat_usd", "1000", "12000.00", "12000.00"}, {"api_usd", "1500", "30.00", "30.00"}}},
		{"the customer's currency picks the prices",
			frontier.Billing{Start: ts("2026-01-05T10:00:00Z"), Period: period("2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z"), Seats: 2, SkipTrial: true, Currency: eur},
			[]line{{"seat_eur", "2", "22.00", "22.00"}, {"api_eur", "1500", "30.00", "30.00"}}},
		{"the trial: its own 10-day period, nothing to pay",
			frontier.Billing{Start: ts("2026-01-15T10:00:00Z"), Period: period("2026-01-15T00:00:00Z", "2026-01-25T00:00:00Z"), Seats: 3, Currency: usd},
			[]line{{"seat_usd", "3", "0.00", "0.00"}, {"api_usd", "1500", "30.00", "0.00"}}},
		{"after the trial: monthly from its end",
			frontier.Billing{Start: ts("2026-01-15T10:00:00Z"), Period: period("2026-01-25T00:00:00Z", "2026-02-25T00:00:00Z"), Seats: 3, Currency: usd},
			[]line{{"seat_usd", "3", "36.00", "36.00"}, {"api_usd", "0", "0.00", "0.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := p.Invoice(tt.b, events)
			if err != nil {
				t.Fatal(err)
			}
			if err := inv.Check(); err != nil {
				t.Error(err)
			}
			if diff := cmp.Diff(tt.want, lines(inv)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInvoiceErrors(t *testing.T) {
	p := mustPlan(t, teamPlan)
	limited := mustPlan(t, `{"id": "l", "interval": "week", "products": [{"name": "seats", "behavior": "per_seat",
	  "behavior_config": {"seat_limit": 5}, "prices": [{"id": "s", "interval": "week", "amount": 100}]}]}`)
	usd, _ := ratecard.ParseCurrency("USD")
	start := ts("2026-03-02T00:00:00Z")
	tests := []struct {
		name string
		p    *frontier.Plan
		b    frontier.Billing
		want string
		is   error
	}{
		{"no start", p, frontier.Billing{}, "frontier plan team: start: required", ratecard.ErrInvalid},
		{"negative seats", p, frontier.Billing{Start: start, Seats: -1}, "seats: -1 is negative", ratecard.ErrInvalid},
		{"several currencies", p, frontier.Billing{Start: start, Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")},
			"currency: the plan's prices are in [USD EUR]: name the customer's currency", ratecard.ErrInvalid},
		{"seat limit", limited, frontier.Billing{Start: start, Seats: 6, Period: period("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z")},
			"products[0].behavior_config.seat_limit: 6 seats exceed the limit of 5", frontier.ErrSeatLimit},
		{"not a billing period", limited, frontier.Billing{Start: start, Seats: 1, Period: period("2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z")},
			"period: ", ratecard.ErrInvalid},
		{"a trial beyond ten years on a plan built in code", &frontier.Plan{ID: "t", Interval: frontier.IntervalMonth, TrialDays: math.MaxInt64},
			frontier.Billing{Start: start, Currency: usd, Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")},
			"trial_days: 9223372036854775807 is out of range 0–3660", ratecard.ErrInvalid},
		{"the trial is its own period", p, frontier.Billing{Start: start, Currency: usd, Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")},
			"period: ", ratecard.ErrInvalid},
		{"credits without a customer", p, frontier.Billing{Start: start, Currency: usd, SkipTrial: true, Credits: newLedger(t, 0), CreditTx: "x",
			Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")}, "customer: required with credits", ratecard.ErrInvalid},
		{"credits without a transaction id", p, frontier.Billing{Start: start, Currency: usd, SkipTrial: true, Credits: newLedger(t, 0), Customer: "acme",
			Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")}, "credit_tx: required", ratecard.ErrInvalid},
		{"a credit value below the minor unit", p, frontier.Billing{Start: start, Currency: usd, SkipTrial: true, Credits: newLedger(t, 0), CreditTx: "x", Customer: "acme",
			CreditValue: ratecard.MustParse("0.005"), Period: period("2026-03-02T00:00:00Z", "2026-04-02T00:00:00Z")},
			"credit_value: 0.005 is not a positive whole number of USD minor units", ratecard.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.p.Invoice(tt.b, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("%v does not match %v", err, tt.is)
			}
		})
	}
}

func newLedger(t testing.TB, minimum int64) *frontier.Ledger {
	l, err := frontier.NewLedger(minimum)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestInvoiceCredits: the on-start grant, a credit worth 5 cents, a replayed invoice
// that draws nothing more, and a replay asking for less than was drawn.
func TestInvoiceCredits(t *testing.T) {
	p := mustPlan(t, teamPlan)
	usd, _ := ratecard.ParseCurrency("USD")
	l := newLedger(t, 0)
	b := frontier.Billing{Customer: "org", Start: ts("2026-01-05T00:00:00Z"), SkipTrial: true, Currency: usd, Seats: 1,
		Period: period("2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z"), Credits: l, CreditTx: "inv-1", CreditValue: ratecard.MustParse("0.05")}
	// api: 1500 × 0.02 = 30.00 in arrears = 600 credits at 0.05; on-start credits: 300 → 15.00 paid.
	events := []usage.Event{event("api", "2026-01-20T00:00:00Z", 1500)}
	inv, err := p.Invoice(b, events)
	if err != nil {
		t.Fatal(err)
	}
	want := []line{{"seat_usd", "1", "12.00", "12.00"}, {"api_usd", "1500", "30.00", "15.00"}}
	if diff := cmp.Diff(want, lines(inv)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if got := inv.Lines[0].Adjustments; len(got) != 0 {
		t.Errorf("the in-advance seat line got %v; credits pay in-arrears lines only", got)
	}
	if l.Balance("org") != 0 || inv.Total.String() != "27.00" {
		t.Errorf("balance %d, total %s; want 0 and 27.00", l.Balance("org"), inv.Total)
	}
	// The same invoice again, after a purchase: the draw is the recorded one.
	pack := p.Product("pack")
	if _, err := l.Purchase("buy-1", "org", pack, 5, b.Start); err != nil {
		t.Fatal(err)
	}
	again, err := p.Invoice(b, events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(lines(inv), lines(again)); diff != "" || l.Balance("org") != 500 {
		t.Errorf("replay (-first +again):\n%s\nbalance %d, want 500", diff, l.Balance("org"))
	}
	// Less usage than the draw recorded under this id: a conflict, not a refund.
	if _, err := p.Invoice(b, []usage.Event{event("api", "2026-01-20T00:00:00Z", 10)}); !errors.Is(err, frontier.ErrTransactionConflict) {
		t.Errorf("error %v, want ErrTransactionConflict", err)
	}
	entries := l.Entries("org")
	kinds := []frontier.EntryKind{}
	for _, e := range entries {
		kinds = append(kinds, e.Kind)
	}
	if diff := cmp.Diff([]frontier.EntryKind{frontier.EntryOnStart, frontier.EntryInvoice, frontier.EntryPurchase}, kinds); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

// TestInvoiceSkippedMidnight: in America/Santiago, 2026-09-06 starts at 01:00 -03
// (midnight is skipped). A 3-day trial from Sep 3 ends there, and the first paid
// month runs from there to Oct 6.
func TestInvoiceSkippedMidnight(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, `{"id": "p", "interval": "month", "trial_days": 3, "products": [
		{"name": "base", "prices": [{"id": "base", "interval": "month", "currency": "usd", "amount": 1000}]}]}`)
	usd, _ := ratecard.ParseCurrency("USD")
	start := time.Date(2026, 9, 3, 10, 0, 0, 0, santiago)
	paid := time.Date(2026, 9, 6, 1, 0, 0, 0, santiago)
	for _, tt := range []struct {
		name   string
		period ratecard.Period
		want   []line
	}{
		{"the trial", ratecard.Period{Start: time.Date(2026, 9, 3, 0, 0, 0, 0, santiago), End: paid}, []line{{"base", "1", "0.00", "0.00"}}},
		{"the first paid month", ratecard.Period{Start: paid, End: time.Date(2026, 10, 6, 0, 0, 0, 0, santiago)}, []line{{"base", "1", "10.00", "10.00"}}},
	} {
		inv, err := p.Invoice(frontier.Billing{Start: start, Location: santiago, Currency: usd, Period: tt.period}, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, lines(inv)); diff != "" {
			t.Errorf("%s: lines (-want +got):\n%s", tt.name, diff)
		}
	}
}
