package frontier

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/discount"
	"github.com/ratecard/ratecard/internal/wallclock"
	"github.com/ratecard/ratecard/phase"
	"github.com/ratecard/ratecard/plan"
	"github.com/ratecard/ratecard/usage"
)

// Billing describes one invoice of a customer's subscription to a plan.
type Billing struct {
	Customer string         // the customer (Frontier's billing customer): the owner of credits
	Start    time.Time      // when the subscription started
	Location *time.Location // the time zone of its calendar; nil for UTC
	Period   ratecard.Period
	// Seats is the number of members of the customer's organisation: the quantity
	// of per-seat products' licensed prices.
	Seats int64
	// SkipTrial starts the subscription without the plan's trial: Frontier gives a
	// trial once per customer and plan.
	SkipTrial bool
	// Currency picks the prices billed when the plan's prices come in several
	// currencies; zero when they share one.
	Currency     ratecard.Currency
	RoundingMode ratecard.RoundingMode
	// Quantities holds metered usage aggregated elsewhere, by price id; it replaces
	// events for that price.
	Quantities map[string]usage.Result
	// Credits, when set, pays in-arrears lines from the customer's prepaid credits
	// (after the plan's on-start credits are granted, once), in one draw recorded
	// under CreditTx.
	Credits  *Ledger
	CreditTx string
	// CreditValue is what one credit pays, in the invoice's currency; zero for one
	// minor unit (a cent of USD). It must be a whole number of minor units.
	CreditValue ratecard.Decimal
}

// ErrSeatLimit is returned when a customer has more seats than a per-seat product
// allows.
var ErrSeatLimit = errors.New("seat limit exceeded")

// Metrics returns the billable metrics of the plan's metered prices: the events
// named after the price's product carry the usage in their "quantity" property,
// aggregated as the price's metered_aggregate (sum, max, or the latest value for
// last_during_period). The metric of a price has the price's id.
func (p *Plan) Metrics() []*usage.Metric {
	var out []*usage.Metric
	for _, pr := range p.Products {
		for _, pc := range pr.Prices {
			if pc.UsageType != UsageMetered {
				continue
			}
			agg := usage.Sum
			switch pc.MeteredAggregate {
			case AggregateMax:
				agg = usage.Max
			case AggregateLastDuringPeriod:
				agg = usage.Latest
			}
			out = append(out, &usage.Metric{ID: pc.ID, EventName: pr.Name, Aggregation: agg, Property: "quantity"})
		}
	}
	return out
}

// Invoice computes one invoice of a subscription, from metered usage events held
// in memory. The plan bills the active prices of its interval of every product that
// is not a credits pack: licensed prices in advance (per-seat products: × Seats,
// checked against the seat limit), metered prices in arrears.
//
// Billing periods follow the plan's interval (a week is 7 days) from the start's
// date, as Stripe anchors them on the subscription. A trial of TrialDays days moves
// the anchor: the trial is one period, [start, 00:00 on the start's date +
// TrialDays), whose invoice waives every line (licensed lines 0.00, metered lines
// discounted in full), and the paid periods follow from there.
//
// With Credits, the customer first receives the plan's on_start_credits (once per
// plan and customer), then the in-arrears lines are paid from its balance, down to
// the ledger's minimum, after every other adjustment: one prepaid_credits
// adjustment on each in-arrears line, allocated in proportion to their amounts.
func (p *Plan) Invoice(b Billing, events []usage.Event) (*ratecard.Invoice, error) {
	inv, err := p.invoice(b, events)
	if err != nil {
		return nil, ratecard.Within(strings.TrimSpace("frontier plan "+p.label()), err)
	}
	return inv, nil
}

func (p *Plan) invoice(b Billing, events []usage.Event) (*ratecard.Invoice, error) {
	if b.Start.IsZero() {
		return nil, ratecard.Invalid("start", "required")
	}
	if b.Seats < 0 {
		return nil, ratecard.Invalid("seats", "%d is negative", b.Seats)
	}
	if p.TrialDays < 0 || p.TrialDays > maxTrialDays {
		return nil, ratecard.Invalid("trial_days", "%d is out of range 0–%d", p.TrialDays, maxTrialDays)
	}
	cur, err := p.currency(b.Currency)
	if err != nil {
		return nil, err
	}
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	sub := plan.Subscription{Start: b.Start, Location: loc, AlignToStart: true}
	rp, err := p.ratingPlan(cur, b.Seats)
	if err != nil {
		return nil, err
	}
	if p.TrialDays > 0 && !b.SkipTrial {
		y, m, d := b.Start.In(loc).Date()
		paid := wallclock.Midnight(y, m, d+int(p.TrialDays), loc)
		if b.Period.Start.Before(paid) {
			// The trial: one period of TrialDays days, every day of it on trial.
			trial := *rp
			trial.TrialDays = int(p.TrialDays)
			trial.Trial = &plan.Adjustment{Kind: ratecard.TrialDiscount, Source: "trial_days", Discount: discount.Discount{Kind: discount.Trial}}
			trial.Cadence = phase.Cadence{Name: "custom", Count: int(p.TrialDays), Unit: phase.Day}
			trial.Prices = make([]*phase.Price, len(rp.Prices))
			for i, pr := range rp.Prices {
				c := *pr
				c.Cadence = trial.Cadence
				trial.Prices[i] = &c
			}
			rp = &trial
		} else {
			sub.Start = paid
		}
	}
	inv, err := rp.Invoice(plan.Billing{Subscription: sub, Period: b.Period, RoundingMode: b.RoundingMode,
		Metrics: p.Metrics(), Quantities: b.Quantities}, events)
	if err != nil {
		return nil, err
	}
	if b.Credits != nil {
		if err := p.payWithCredits(inv, rp, b); err != nil {
			return nil, err
		}
	}
	return inv, nil
}

// currency returns the currency of the prices the plan bills: the one named, or the
// one they share.
func (p *Plan) currency(want ratecard.Currency) (ratecard.Currency, error) {
	var found []ratecard.Currency
	for _, pr := range p.Products {
		for _, pc := range pr.Prices {
			if p.bills(pr, pc) && !containsCurrency(found, pc.Currency) {
				found = append(found, pc.Currency)
			}
		}
	}
	switch {
	case want.Code() != "":
		return want, nil
	case len(found) > 1:
		return ratecard.Currency{}, ratecard.Invalid("currency", "the plan's prices are in %v: name the customer's currency", found)
	case len(found) == 1:
		return found[0], nil
	}
	return ratecard.ParseCurrency("USD") // nothing billed; Frontier's default currency
}

func containsCurrency(cs []ratecard.Currency, c ratecard.Currency) bool {
	for _, x := range cs {
		if x.Code() == c.Code() {
			return true
		}
	}
	return false
}

// bills reports whether the plan bills a price of a product: an active price of the
// plan's interval of a product that is not a credits pack.
func (p *Plan) bills(pr *Product, pc *Price) bool {
	return pr.Behavior != BehaviorCredits && pc.Interval == p.Interval && pc.active()
}

// ratingPlan builds the plan the invoice is rated with: one price per price billed
// in the currency, in product order.
func (p *Plan) ratingPlan(cur ratecard.Currency, seats int64) (*plan.Plan, error) {
	cad := p.Interval.cadence()
	rp := &plan.Plan{ID: p.ID, Name: p.Name, Currency: cur, Cadence: cad}
	for _, pr := range p.Products {
		for j, pc := range pr.Prices {
			if !p.bills(pr, pc) || pc.Currency.Code() != cur.Code() {
				continue
			}
			if pc.model == nil {
				return nil, fmt.Errorf("price %s has no model: build plans with Decode", pc.ID)
			}
			name := pc.Name
			for _, alt := range []string{pr.Title, pr.Name, pc.ID} {
				if name == "" {
					name = alt
				}
			}
			ph := &phase.Price{ID: pc.ID, Name: name, Cadence: cad, Model: pc.model, Index: len(rp.Prices)}
			if pc.UsageType == UsageMetered {
				ph.Type, ph.MetricID = phase.Usage, pc.ID
			} else {
				ph.Type, ph.InAdvance, ph.FixedQuantity = phase.Fixed, true, ratecard.NewFromInt(1)
				if pr.Behavior == BehaviorPerSeat {
					if pr.Config.SeatLimit > 0 && seats > pr.Config.SeatLimit {
						return nil, &ratecard.ValidationError{
							Field: fmt.Sprintf("products[%d].behavior_config.seat_limit", pr.index),
							Err:   ratecard.Detail(ErrSeatLimit, "%d seats exceed the limit of %d of product %s (prices[%d])", seats, pr.Config.SeatLimit, pr.Name, j),
						}
					}
					ph.FixedQuantity = ratecard.NewFromInt(seats)
				}
			}
			rp.Prices = append(rp.Prices, ph)
		}
	}
	return rp, nil
}

// cadence returns the cadence of an interval.
func (i Interval) cadence() phase.Cadence {
	switch i {
	case IntervalDay:
		return phase.Cadence{Name: "custom", Count: 1, Unit: phase.Day}
	case IntervalWeek:
		return phase.Cadence{Name: "custom", Count: 7, Unit: phase.Day}
	case IntervalYear:
		return phase.Annual
	}
	return phase.Monthly
}

// payWithCredits draws the customer's credits against the invoice's in-arrears lines.
func (p *Plan) payWithCredits(inv *ratecard.Invoice, rp *plan.Plan, b Billing) error {
	if b.Customer == "" {
		return ratecard.Invalid("customer", "required with credits: the owner of the balance")
	}
	if b.CreditTx == "" {
		return ratecard.Invalid("credit_tx", "required with credits: the draw's transaction id")
	}
	cur := inv.Currency
	value := b.CreditValue
	if value.IsZero() {
		value = ratecard.New(1, cur.Scale())
	}
	if value.Sign() < 0 || !value.Round(cur.Scale(), ratecard.Down).Equal(value) {
		return ratecard.Invalid("credit_value", "%s is not a positive whole number of %s minor units", value, cur)
	}
	if _, err := b.Credits.GrantOnStart(b.Customer, p, b.Start); err != nil {
		return err
	}
	inArrears := map[string]bool{}
	for _, pr := range rp.Prices {
		inArrears[pr.ID] = !pr.InAdvance
	}
	var lines []int
	var weights []ratecard.Decimal
	var total ratecard.Decimal
	for i, l := range inv.Lines {
		if inArrears[l.PriceID] {
			lines = append(lines, i)
			w := ratecard.Max(l.Amount, ratecard.Decimal{})
			weights = append(weights, w)
			total = total.Add(w)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	want, err := total.Div(value, 0, ratecard.Down) // whole credits that fit
	if err != nil {
		return err
	}
	n, ok := want.Int64()
	if !ok {
		return ratecard.Invalid("credit_value", "%s pays %s in more credits than a ledger holds", value, total)
	}
	e, err := b.Credits.draw(b.CreditTx, b.Customer, n, inv.Period.End, "invoice "+inv.Period.String())
	if err != nil {
		return err
	}
	paid := ratecard.NewFromInt(-e.Credits).Mul(value)
	shares, err := discount.Allocate(paid.Neg(), weights, cur)
	if err != nil {
		return err
	}
	for k, i := range lines {
		l := &inv.Lines[i]
		l.Adjustments = append(l.Adjustments, ratecard.Adjustment{Kind: ratecard.PrepaidCredits, Source: "credits " + b.CreditTx, Amount: shares[k]})
		l.Amount = l.Amount.Add(shares[k])
		inv.Total = inv.Total.Add(shares[k])
	}
	return nil
}
