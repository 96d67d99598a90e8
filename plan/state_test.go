package plan_test

import (
	"testing"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
	"pgregory.net/rapid"
)

// A state machine over one subscription to a generated plan (see drawPlan): usage
// arrives at random times, some of it late, early or repeated under an idempotency
// key, the subscription moves from period to period, and periods are invoiced.
// After every action, for every period invoiced so far:
//   - its invoice passes Check;
//   - re-invoicing it with the same events gives a byte-identical invoice;
//   - each usage line's quantity is the model's: the exact sum of "n" over the
//     price's events inside the line's service interval that are the first of their
//     idempotency key among all events added (or have none);
//   - when no event that counts has been added inside it since it was invoiced (the
//     events added since fell outside it, or repeated an earlier idempotency key),
//     its invoice is unchanged: usage outside a period never changes its invoice.

// invoiced is a period as last invoiced.
type invoiced struct {
	period  ratecard.Period
	counted int    // the events that counted inside it, then
	render  string // its invoice, then
}

type subscriptionMachine struct {
	g       *genPlan
	p       *plan.Plan
	names   []string // the event names of the plan's usage prices
	events  []usage.Event
	current int // the index of the current billing period from the start's
	done    map[int]*invoiced
}

func (m *subscriptionMachine) period(k int) ratecard.Period {
	return monthPeriod(m.g.sub.Start, m.g.sub.Location, m.g.sub.AlignToStart, k)
}

// counted returns how many events count inside a period: those in it that are the
// first of their idempotency key (or have none) among all events so far.
func (m *subscriptionMachine) counted(p ratecard.Period) int {
	seen := map[string]bool{}
	n := 0
	for _, e := range m.events {
		first := e.IdempotencyKey == "" || !seen[e.IdempotencyKey]
		seen[e.IdempotencyKey] = true
		if first && p.Contains(e.Timestamp) {
			n++
		}
	}
	return n
}

func (m *subscriptionMachine) invoice(t *rapid.T, k int) string {
	return render(m.invoiceOf(t, k))
}

func (m *subscriptionMachine) invoiceOf(t *rapid.T, k int) *ratecard.Invoice {
	b := m.g.billing()
	b.Period = m.period(k)
	return mustInvoice(t, m.p, b, m.events)
}

// quantity is the model of a usage line's quantity: the sum of "n" over the events
// of price id in the interval that count (the first of their key, or keyless).
func (m *subscriptionMachine) quantity(id string, in ratecard.Period) ratecard.Decimal {
	seen := map[string]bool{}
	var q ratecard.Decimal
	for _, e := range m.events {
		first := e.IdempotencyKey == "" || !seen[e.IdempotencyKey]
		seen[e.IdempotencyKey] = true
		if first && e.Name == "e_"+id && in.Contains(e.Timestamp) {
			v, _ := e.Properties[0].Value.Decimal()
			q = q.Add(v)
		}
	}
	return q
}

// addUsage adds 1–3 events of the plan's usage prices, anywhere from ten days before
// the start to forty days after the current period, some under a repeated key.
func (m *subscriptionMachine) addUsage(t *rapid.T) {
	if len(m.names) == 0 {
		t.Skip("no usage prices")
	}
	from := m.g.sub.Start.Add(-10 * 24 * time.Hour)
	to := m.period(m.current).End.Add(40 * 24 * time.Hour)
	for range rapid.IntRange(1, 3).Draw(t, "events") {
		at := from.Add(time.Duration(rapid.Int64Range(0, int64(to.Sub(from)/time.Minute)-1).Draw(t, "minute")) * time.Minute)
		e := event(rapid.SampledFrom(m.names).Draw(t, "name"), at, "n", money(t, "n", 500, 2).String())
		e.IdempotencyKey = rapid.SampledFrom([]string{"", "", "k1", "k2", "k3"}).Draw(t, "key")
		m.events = append(m.events, e)
	}
}

func (m *subscriptionMachine) advance(t *rapid.T) {
	if m.current >= 5 {
		t.Skip("far enough")
	}
	m.current++
}

// invoiceAt invoices a period up to the current one and records it.
func (m *subscriptionMachine) invoiceAt(t *rapid.T, k int) {
	p := m.period(k)
	m.done[k] = &invoiced{period: p, counted: m.counted(p), render: m.invoice(t, k)}
}

func (m *subscriptionMachine) check(t *rapid.T) {
	usagePrice := map[string]bool{}
	for _, n := range m.names {
		usagePrice[n[len("e_"):]] = true
	}
	for k, rec := range m.done {
		inv := m.invoiceOf(t, k)
		for _, l := range inv.Lines {
			if want := m.quantity(l.PriceID, l.Service); usagePrice[l.PriceID] && !l.Quantity.Equal(want) {
				t.Fatalf("period %s, line %s %s: quantity %s, the model's %s", rec.period, l.PriceID, l.Service, l.Quantity, want)
			}
		}
		got := render(inv)
		if again := m.invoice(t, k); again != got {
			t.Fatalf("period %s invoiced twice with the same events differs:\n%s\n%s", rec.period, got, again)
		}
		if n := m.counted(rec.period); n != rec.counted {
			rec.counted, rec.render = n, got // usage arrived inside it: a new invoice
			continue
		}
		if got != rec.render {
			t.Fatalf("events outside %s changed its invoice:\nbefore\n%s\nafter\n%s", rec.period, rec.render, got)
		}
	}
}

func TestStateSubscription(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := drawPlan(t)
		m := &subscriptionMachine{g: g, p: mustDecode(t, g.json()), done: map[int]*invoiced{}}
		for _, p := range g.prices {
			if !p.fixed {
				m.names = append(m.names, "e_"+p.id)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"add usage": m.addUsage,
			"advance":   m.advance,
			"invoice":   func(t *rapid.T) { m.invoiceAt(t, m.current) },
			"invoice an earlier period": func(t *rapid.T) {
				m.invoiceAt(t, rapid.IntRange(0, m.current).Draw(t, "period"))
			},
			"": m.check,
		})
	})
}

// TestStateExample walks one subscription by hand through the same steps, so the
// machine's invariants are also shown on numbers: 31.00 a month and 1.00 a call
// from Jan 15; a late event for January leaves February's invoice alone.
func TestStateExample(t *testing.T) {
	p := mustDecode(t, planOf("", fixedFee("fee", "monthly", "31.00", ""), usageAt("calls", "calls", "monthly", "")))
	b := plan.Billing{Subscription: plan.Subscription{Start: day(2026, 1, 15)}, Metrics: []*usage.Metric{countMetric("m_calls", "call")}}
	events := []usage.Event{event("call", day(2026, 1, 20)), event("call", day(2026, 2, 3))}
	invoiceOf := func(period ratecard.Period) *ratecard.Invoice {
		b.Period = period
		return mustInvoice(t, p, b, events)
	}
	// January from Jan 15: 17/31 × 31.00 = 17.00, 1 call: 18.00. February: 31.00 + 1.
	jan, feb := invoiceOf(month(2026, time.January)), invoiceOf(month(2026, time.February))
	if jan.Total.String() != "18.00" || feb.Total.String() != "32.00" {
		t.Fatalf("totals %s and %s, want 18.00 and 32.00", jan.Total, feb.Total)
	}
	// A late January event, and a repeat of a key: February is unchanged, January
	// counts the late call once.
	late := event("call", day(2026, 1, 31))
	late.IdempotencyKey = "late"
	events = append(events, late, late)
	if got := invoiceOf(month(2026, time.February)); render(got) != render(feb) {
		t.Errorf("a January event changed February:\n%s\n%s", render(got), render(feb))
	}
	if got := invoiceOf(month(2026, time.January)); got.Total.String() != "19.00" {
		t.Errorf("January total %s, want 19.00", got.Total)
	}
}
