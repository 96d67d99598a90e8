package plan

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/discount"
	"github.com/ratecard/ratecard/phase"
	"github.com/ratecard/ratecard/price"
	"github.com/ratecard/ratecard/usage"
)

// Subscription is what an invoice needs to know of a subscription to a plan.
type Subscription struct {
	Start    time.Time      // when it started
	Location *time.Location // the time zone of its calendar days and month boundaries; nil for UTC
	// AlignToStart anchors billing periods on the start's day of month (Orb's
	// align_billing_with_subscription_start_date) instead of the calendar.
	AlignToStart bool
}

// Billing describes one invoice to compute.
type Billing struct {
	Subscription Subscription
	Period       ratecard.Period       // the billing period to invoice: one of the subscription's
	RoundingMode ratecard.RoundingMode // half up unless set
	Metrics      []*usage.Metric       // the billable metrics the usage prices name
	// Quantities holds usage aggregated elsewhere, by price id; it replaces events for
	// that price.
	Quantities map[string]usage.Result
}

// Run is an invoice being computed: its lines are laid out, their usage is still to
// come. Prepare it, aggregate the usage its Requests ask for (from events in memory
// or a stream), then call Invoice with the results.
type Run struct {
	plan       *Plan
	b          Billing
	loc        *time.Location
	periodDays int
	parts      []part
	lines      []lineSpec
	requests   []usage.Request
}

// part is a piece of the billing period in one phase, in or out of the trial.
type part struct {
	period ratecard.Period
	phase  int // phase order; 0 for a plan without phases
	trial  bool
	days   int // the days it is charged for: a day two parts touch is the earlier's
}

// lineSpec is a line of the invoice before its usage is known.
type lineSpec struct {
	price            *phase.Price
	part             int
	service          ratecard.Period
	days, periodDays int  // a fixed fee's proration
	waived           bool // a fixed fee on trial days: no charge and no adjustments
	request          int  // index into requests, or -1
	pre              *usage.Result
}

// Invoice computes one invoice from usage events held in memory. For a stream of
// events, use Prepare, Run.Requests and Run.Invoice.
func (p *Plan) Invoice(b Billing, events []usage.Event) (*ratecard.Invoice, error) {
	run, err := p.Prepare(b)
	if err != nil {
		return nil, err
	}
	results, err := usage.Aggregate(events, run.Requests()...)
	if err != nil {
		return nil, err
	}
	return run.Invoice(results)
}

// Prepare lays out the invoice of a billing period: which prices have lines, over
// which service periods, and what usage they need. It checks that the period is one
// of the subscription's billing periods.
func (p *Plan) Prepare(b Billing) (*Run, error) {
	loc := b.Subscription.Location
	if loc == nil {
		loc = time.UTC
	}
	sub := b.Subscription.Start.In(loc) // every time of the invoice in the subscription's zone
	cal := calendar{start: sub, loc: loc, align: b.Subscription.AlignToStart}
	if sub.IsZero() {
		return nil, ratecard.Invalid("subscription.start", "required")
	}
	if want := cal.period(p.Cadence, b.Period.Start); !want.Start.Equal(b.Period.Start) || !want.End.Equal(b.Period.End) {
		return nil, ratecard.Invalid("period", "%s is not one of the subscription's %s billing periods (the one containing its start is %s)", b.Period, p.Cadence, want)
	}
	if !b.Period.End.After(sub) {
		return nil, ratecard.Invalid("period", "%s ends before the subscription starts at %s", b.Period, sub.Format(time.RFC3339))
	}
	r := &Run{plan: p, b: b, loc: loc, periodDays: days(b.Period, loc)}
	window := ratecard.Period{Start: b.Period.Start.In(loc), End: b.Period.End.In(loc)}
	if sub.After(window.Start) {
		window.Start = sub
	}

	// Split the window where a phase starts or the trial ends.
	starts := []time.Time{sub}
	if len(p.Phases) > 0 {
		starts = cal.phaseBoundaries(p.Phases)
	}
	cuts := []time.Time{}
	for _, t := range starts {
		if t.After(window.Start) && t.Before(window.End) {
			cuts = append(cuts, t)
		}
	}
	var trialEnd time.Time
	if p.TrialDays > 0 {
		trialEnd = cal.trialEnd(p.TrialDays)
		if trialEnd.After(window.Start) && trialEnd.Before(window.End) {
			cuts = append(cuts, trialEnd)
		}
	}
	slices.SortFunc(cuts, func(a, b time.Time) int { return a.Compare(b) })
	cuts = slices.CompactFunc(cuts, func(a, b time.Time) bool { return a.Equal(b) })
	from := window.Start
	for _, cut := range append(cuts, window.End) {
		pt := part{period: ratecard.Period{Start: from, End: cut}, trial: !trialEnd.IsZero() && from.Before(trialEnd)}
		if len(p.Phases) > 0 {
			for i := range starts {
				if !from.Before(starts[i]) {
					pt.phase = i + 1 // starts[i] is phase i+1's start
				}
			}
			pt.phase = min(pt.phase, len(p.Phases))
		}
		pt.days = days(pt.period, loc)
		if n := len(r.parts); n > 0 && dateOf(from, loc) == dateOf(r.parts[n-1].period.End.Add(-time.Nanosecond), loc) {
			pt.days-- // the day both parts touch was charged to the earlier
		}
		r.parts = append(r.parts, pt)
		from = cut
	}

	// Lay out the lines: by part, then in the plan's price order.
	metrics := map[string]*usage.Metric{}
	for _, m := range b.Metrics {
		metrics[m.ID] = m
	}
	for i, pt := range r.parts {
		for _, pr := range p.Prices {
			if len(p.Phases) > 0 && pr.PhaseOrder != pt.phase {
				continue
			}
			phaseStart := sub
			if pr.PhaseOrder > 0 {
				phaseStart = starts[pr.PhaseOrder-1]
			}
			specs := r.linesFor(pr, i, pt, phaseStart, cal)
			for _, s := range specs {
				if err := r.addLine(s, metrics); err != nil {
					return nil, err
				}
			}
		}
	}
	// Pre-aggregated usage cannot be split between lines.
	for id := range b.Quantities {
		pr := p.price(id)
		if pr == nil {
			return nil, ratecard.Invalid("quantities."+id, "no price %q in the plan", id)
		}
		if pr.Type != phase.Usage {
			return nil, ratecard.Invalid("quantities."+id, "price %q is a fixed price: it rates its fixed_price_quantity, not usage", id)
		}
		n := 0
		for _, l := range r.lines {
			if l.price == pr {
				n++
			}
		}
		if n > 1 {
			return nil, ratecard.Invalid("quantities."+id, "the trial's end or a phase boundary splits price %q into %d lines: splitting usage needs events", id, n)
		}
	}
	return r, nil
}

// linesFor returns the lines a price has in one part of the invoice.
func (r *Run) linesFor(pr *phase.Price, i int, pt part, phaseStart time.Time, cal calendar) []lineSpec {
	p := r.plan
	switch {
	case pr.Cadence.IsOneTime():
		// Charged in full, once, in the part containing its phase's start.
		if !pt.period.Contains(phaseStart) {
			return nil
		}
		return []lineSpec{{price: pr, part: i, service: pt.period, days: 1, periodDays: 1}}
	case pr.Cadence.Equal(p.Cadence):
		return []lineSpec{{price: pr, part: i, service: pt.period, days: pt.days, periodDays: r.periodDays,
			waived: pr.Type == phase.Fixed && pt.trial}}
	}
	// A longer cadence (plans without phases or a trial): in advance, in the invoice
	// containing the start of its cadence period, for the whole of it; in arrears, in
	// the invoice ending when its cadence period ends.
	sub := cal.start
	if pr.Type == phase.Fixed && pr.InAdvance {
		var out []lineSpec
		cp := cal.period(pr.Cadence, pt.period.Start)
		for _, c := range []ratecard.Period{cp, cal.period(pr.Cadence, cp.End)} {
			charge := c.Start
			if sub.After(charge) {
				charge = sub
			}
			if pt.period.Contains(charge) {
				service := ratecard.Period{Start: charge, End: c.End}
				out = append(out, lineSpec{price: pr, part: i, service: service,
					days: days(service, r.loc), periodDays: days(c, r.loc)})
			}
		}
		return out
	}
	cp := cal.period(pr.Cadence, pt.period.End.Add(-time.Nanosecond))
	if !cp.End.Equal(pt.period.End) {
		return nil
	}
	service := cp
	if sub.After(service.Start) {
		service.Start = sub
	}
	return []lineSpec{{price: pr, part: i, service: service, days: days(service, r.loc), periodDays: days(cp, r.loc)}}
}

// addLine records a line and the usage it needs.
func (r *Run) addLine(s lineSpec, metrics map[string]*usage.Metric) error {
	s.request = -1
	pr := s.price
	if pr.Type == phase.Usage {
		if pre, ok := r.b.Quantities[pr.ID]; ok {
			if err := pr.CheckUsage(pre); err != nil {
				return ratecard.AtField("quantities."+pr.ID, err)
			}
			s.pre = &pre
		} else {
			m := metrics[pr.MetricID]
			if m == nil {
				return ratecard.Invalid(fmt.Sprintf("prices[%d].billable_metric.id", pr.Index), "metric %q is not defined, and no quantities are given for price %q", pr.MetricID, pr.ID)
			}
			s.request = len(r.requests)
			r.requests = append(r.requests, pr.Request(m, s.service))
		}
	}
	r.lines = append(r.lines, s)
	return nil
}

// Requests returns the usage the invoice needs, for usage.NewAggregator; Invoice
// takes the results in the same order.
func (r *Run) Requests() []usage.Request { return slices.Clone(r.requests) }

// Invoice rates every line with its usage and applies the adjustments.
func (r *Run) Invoice(results []usage.Result) (*ratecard.Invoice, error) {
	if len(results) != len(r.requests) {
		return nil, fmt.Errorf("plan: %d usage results for %d requests", len(results), len(r.requests))
	}
	cur, mode := r.plan.Currency, r.b.RoundingMode
	lines := make([]ratecard.Line, len(r.lines))
	for i, s := range r.lines {
		var use usage.Result
		switch {
		case s.pre != nil:
			use = *s.pre
		case s.request >= 0:
			use = results[s.request]
		}
		l, err := s.price.Line(s.service, use, s.days, s.periodDays, s.waived, cur, mode)
		if err != nil {
			return nil, err
		}
		lines[i] = l
	}
	if err := r.adjust(lines); err != nil {
		return nil, err
	}
	inv := &ratecard.Invoice{Currency: cur, Period: ratecard.Period{Start: r.b.Period.Start.In(r.loc), End: r.b.Period.End.In(r.loc)}, Lines: lines}
	inv.Subtotal = cur.Round(ratecard.Decimal{}, mode)
	inv.Total = inv.Subtotal
	for _, l := range lines {
		inv.Subtotal = inv.Subtotal.Add(l.Subtotal)
		inv.Total = inv.Total.Add(l.Amount)
	}
	return inv, nil
}

// The order in which kinds of adjustments apply, across the whole invoice.
var pipeline = []ratecard.AdjustmentKind{ratecard.UsageDiscount, ratecard.AmountDiscount,
	ratecard.PercentageDiscount, ratecard.Minimum, ratecard.Maximum}

// adjust applies the plan's adjustments to the rated lines, kind by kind, then the
// trial discount (SEMANTICS §5).
func (r *Run) adjust(lines []ratecard.Line) error {
	p, cur, mode := r.plan, r.plan.Currency, r.b.RoundingMode
	quantity := make([]ratecard.Decimal, len(lines)) // what usage discounts have left
	for i := range lines {
		quantity[i] = lines[i].Quantity
	}
	for _, kind := range pipeline {
		for _, a := range p.Adjustments {
			if a.Kind != kind {
				continue
			}
			covered := r.covered(a)
			if len(covered) == 0 {
				continue
			}
			if kind == ratecard.UsageDiscount {
				if err := r.usageDiscount(a, covered, lines, quantity); err != nil {
					return err
				}
				continue
			}
			running := make([]ratecard.Decimal, len(covered))
			var sum ratecard.Decimal
			for j, i := range covered {
				running[j] = lines[i].Amount
				sum = sum.Add(running[j])
			}
			var total ratecard.Decimal
			if kind == ratecard.Minimum || kind == ratecard.Maximum {
				amount := a.Commitment.Prorated(r.activeDays(covered), r.periodDays, cur, mode)
				total = a.Commitment.Total(amount, sum, cur)
			} else {
				total = a.Discount.Total(sum, cur, mode)
			}
			if err := apply(lines, covered, running, total, a.Kind, a.Source, cur); err != nil {
				return err
			}
		}
	}
	// The trial waives its usage, in full or up to the cap, after everything else.
	var trial []int
	for i, s := range r.lines {
		if r.parts[s.part].trial && s.price.Type == phase.Usage && (p.Trial == nil || p.Trial.covers(s.price)) {
			trial = append(trial, i)
		}
	}
	r.allocationOrder(trial)
	if len(trial) == 0 {
		return nil
	}
	waiver, source := discount.Discount{Kind: discount.Trial}, "trial_config"
	if p.Trial != nil {
		waiver, source = p.Trial.Discount, p.Trial.Source
	}
	running := make([]ratecard.Decimal, len(trial))
	var sum ratecard.Decimal
	for j, i := range trial {
		running[j] = lines[i].Amount
		sum = sum.Add(running[j])
	}
	return apply(lines, trial, running, waiver.Total(sum, cur, mode), ratecard.TrialDiscount, source, cur)
}

// covered returns the lines an adjustment covers, in line order: lines of the prices
// in its scope, except waived trial fees, and, for a minimum or maximum, except lines
// on trial days.
func (r *Run) covered(a *Adjustment) []int {
	var out []int
	for i, s := range r.lines {
		if s.waived || !a.covers(s.price) {
			continue
		}
		if (a.Kind == ratecard.Minimum || a.Kind == ratecard.Maximum) && r.parts[s.part].trial {
			continue
		}
		out = append(out, i)
	}
	r.allocationOrder(out)
	return out
}

// allocationOrder sorts covered lines into the order allocation breaks ties in
// (SEMANTICS §5): the plan's price order, then, between lines of one price, service
// order. Lines are laid out by part first, so a stable sort by price suffices.
func (r *Run) allocationOrder(covered []int) {
	slices.SortStableFunc(covered, func(a, b int) int {
		return cmp.Compare(r.lines[a].price.Index, r.lines[b].price.Index)
	})
}

// activeDays returns the days of the parts in which the covered lines are (none of
// them trial parts): what a minimum or maximum is prorated by.
func (r *Run) activeDays(covered []int) int {
	seen := map[int]bool{}
	n := 0
	for _, i := range covered {
		pt := r.lines[i].part
		if !seen[pt] {
			seen[pt] = true
			n += r.parts[pt].days
		}
	}
	return n
}

// apply allocates an adjustment's total across the covered lines and records each
// share on its line (zero shares too).
func apply(lines []ratecard.Line, covered []int, running []ratecard.Decimal, total ratecard.Decimal, kind ratecard.AdjustmentKind, source string, cur ratecard.Currency) error {
	shares, err := discount.Allocate(total, running, cur)
	if err != nil {
		return fmt.Errorf("plan: %s: %w", source, err)
	}
	for j, i := range covered {
		lines[i].Adjustments = append(lines[i].Adjustments, ratecard.Adjustment{Kind: kind, Source: source, Amount: shares[j]})
		lines[i].Amount = lines[i].Amount.Add(shares[j])
	}
	return nil
}

// usageDiscount takes units off a price's quantity, from its lines in service order
// until used up, re-rating each at the reduced quantity.
func (r *Run) usageDiscount(a *Adjustment, covered []int, lines []ratecard.Line, quantity []ratecard.Decimal) error {
	cur, mode := r.plan.Currency, r.b.RoundingMode
	left := a.Discount.Units
	for _, i := range covered {
		s := r.lines[i]
		take := ratecard.Min(left, quantity[i])
		left = left.Sub(take)
		rate := func(q ratecard.Decimal) (ratecard.Decimal, error) {
			rated, err := s.price.Model.Rate(price.Input{Quantity: q})
			if err != nil {
				return ratecard.Decimal{}, ratecard.Within("price "+s.price.ID, err)
			}
			return rated.Line(s.price.ID, s.price.Name, cur, mode).Subtotal, nil
		}
		after, err := rate(quantity[i].Sub(take))
		if err != nil {
			return err
		}
		quantity[i] = quantity[i].Sub(take)
		// Measured from the line's running amount, which is the rating of the
		// quantity the earlier usage discounts left unless one of them was held at
		// zero (bulk: fewer units in a dearer tier); then rated(q′) is above the
		// running amount and the difference would take the line below zero.
		share := discount.UsageAdjustment(lines[i].Amount, after, cur)
		lines[i].Adjustments = append(lines[i].Adjustments, ratecard.Adjustment{Kind: a.Kind, Source: a.Source, Amount: share})
		lines[i].Amount = lines[i].Amount.Add(share)
	}
	return nil
}
