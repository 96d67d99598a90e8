package waldur

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wallclock"
)

// Resource is one Waldur resource as billing sees it: the plan it was created on,
// the plans it switched to, its limits and its usage reports.
type Resource struct {
	Name       string
	Plan       *Plan     // the plan it was created on
	Created    time.Time // when it was created: one-time components are charged then
	Terminated time.Time // when it was terminated; zero while it runs
	Switches   []Switch  // plan switches, in time order
	Limits     []Limits  // limit changes, in time order; the first usually at creation
	Usages     []Usage   // usage reports
}

// Switch moves a resource to another plan from At on; the new plan's on-switch
// components are charged then.
type Switch struct {
	At   time.Time
	Plan *Plan
}

// Limits sets the limits of some components (by type) from At on; the others keep
// theirs. A limit component is charged for the limits in force, day by day.
type Limits struct {
	At     time.Time
	Values map[string]ratecard.Decimal
}

// Usage reports a usage component's usage: the quantity used in the billing month
// that contains At, while the plan in force at At applied. A later report for the
// same month and plan replaces it (ties: the later in the list); reports do not add
// up.
type Usage struct {
	Component string // the component's type
	At        time.Time
	Quantity  ratecard.Decimal
}

// Billing names the month to invoice.
type Billing struct {
	Year     int
	Month    time.Month
	Location *time.Location    // the time zone of Waldur's calendar; nil for UTC
	Currency ratecard.Currency // the currency of the amounts; zero for EUR, Waldur's default
}

// ErrResource matches every problem Resource.Invoice finds in a resource's history
// (it also matches ratecard.ErrInvalid).
var ErrResource = errors.New("invalid resource")

// Invoice computes the resource's invoice items for one calendar month, as Waldur
// does, one line per item, in time order of the plans in force and then the plan's
// component order:
//
//   - one-time components: price, once, in the month the resource is created (its
//     creation plan's); on-switch components: price, once, in the month of each
//     switch to the plan;
//   - fixed components: price × amount × the unit quantity of the service interval
//     (Quantity: the plan in force's part of the month while the resource ran);
//   - limit components: price × the limit; on a day plan × the days of service of
//     each limit (Σ limit × days), on other plans the unit quantity × the
//     day-weighted limit (Σ limit × days / Σ days, held, as Waldur stores
//     quantities, to 7 decimals, half to even); the day of a limit change counts
//     once, at the higher of its limits;
//   - usage components: price × the month's latest usage report under the plan;
//   - a limit component's volume discount, when Waldur's item quantity (a day
//     plan's Σ limit × days, another plan's day-weighted limit) is at least its
//     threshold: a separate line "<component> / Volume Discount (<rate>%)" of
//     −price × the line's quantity × rate/100, so rate % of the line. (Waldur
//     itself computes it when the item is created, from the limit then and
//     without the unit quantity, so a partial month gets a whole month's
//     discount; here it follows the month's limits and is prorated like the line.)
//
// Each line's amount is rounded away from zero, once, to the currency's scale
// (Waldur: up to 0.01). Lines of zero quantity are left out. Prices follow a
// component's future price from the first month that starts after it was set.
func (r *Resource) Invoice(b Billing) (*ratecard.Invoice, error) {
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	cur := b.Currency
	if cur.Code() == "" {
		cur, _ = ratecard.ParseCurrency("EUR")
	}
	if b.Month < time.January || b.Month > time.December {
		return nil, ratecard.Invalid("month", "%d is not 1–12", b.Month)
	}
	if err := r.check(); err != nil {
		name := "waldur resource"
		if r.Name != "" {
			name += " " + r.Name
		}
		return nil, ratecard.Within(name, err)
	}
	m := monthStarting(b.Year, b.Month, loc)
	inv := &ratecard.Invoice{Currency: cur, Period: ratecard.Period{Start: m.start, End: m.end}}
	rt := rating{r: r, m: m, cur: cur, inv: inv}
	for _, seg := range r.segments() {
		if err := rt.segment(seg); err != nil {
			return nil, err
		}
	}
	for _, l := range inv.Lines {
		inv.Subtotal = inv.Subtotal.Add(l.Subtotal)
		inv.Total = inv.Total.Add(l.Amount)
	}
	return inv, nil
}

// segment is the time a resource spent on one plan.
type segment struct {
	plan     *Plan
	from, to time.Time // [from, to); to is zero while the resource runs on it
	switched bool      // it began with a switch (else with the creation)
}

func (r *Resource) segments() []segment {
	segs := []segment{{plan: r.Plan, from: r.Created}}
	for _, s := range r.Switches {
		segs[len(segs)-1].to = s.At
		segs = append(segs, segment{plan: s.Plan, from: s.At, switched: true})
	}
	segs[len(segs)-1].to = r.Terminated
	return segs
}

// check validates the resource's history, reporting every problem at its field.
func (r *Resource) check() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &ratecard.ValidationError{Field: field, Err: ratecard.Detail(ErrResource, format, args...)})
	}
	if r.Plan == nil {
		bad("plan", "required")
		return errors.Join(errs...)
	}
	if r.Created.IsZero() {
		bad("created", "required")
	}
	if !r.Terminated.IsZero() && !r.Terminated.After(r.Created) {
		bad("terminated", "%s is not after created %s", stamp(r.Terminated), stamp(r.Created))
	}
	plans := []*Plan{r.Plan}
	prev := r.Created
	for i, s := range r.Switches {
		at := ratecard.Index("switches", i)
		switch {
		case s.Plan == nil:
			bad(at+".plan", "required")
		case !s.At.After(prev):
			bad(at+".at", "%s is not after %s (creation or the previous switch)", stamp(s.At), stamp(prev))
		case !r.Terminated.IsZero() && !s.At.Before(r.Terminated):
			bad(at+".at", "%s is not before terminated %s", stamp(s.At), stamp(r.Terminated))
		}
		if s.Plan != nil {
			plans = append(plans, s.Plan)
		}
		prev = s.At
	}
	for _, p := range plans {
		for i, c := range p.Components {
			if c.FuturePrice != nil && c.FuturePriceSetAt.IsZero() {
				errs = append(errs, ratecard.Within("plan "+p.label(), &ratecard.ValidationError{
					Field: ratecard.Index("components", i) + ".future_price",
					Err:   ratecard.Detail(ErrResource, "needs future_price_set_at, the moment it was set, to know the month it starts in"),
				}))
			}
		}
	}
	limitTypes := map[string]bool{}
	for _, p := range plans {
		for _, c := range p.Components {
			if c.BillingType == BillingLimit {
				limitTypes[c.Type] = true
			}
		}
	}
	for i, l := range r.Limits {
		at := ratecard.Index("limits", i)
		if i > 0 && l.At.Before(r.Limits[i-1].At) {
			bad(at+".at", "%s is before limits[%d] (%s): limit changes are in time order", stamp(l.At), i-1, stamp(r.Limits[i-1].At))
		}
		for _, typ := range slices.Sorted(maps.Keys(l.Values)) {
			v := l.Values[typ]
			switch {
			case !limitTypes[typ]:
				bad(at+".values."+typ, "no limit component of the resource's plans has type %q", typ)
			case v.Sign() < 0:
				bad(at+".values."+typ, "%s is negative", v)
			}
		}
	}
	for i, u := range r.Usages {
		at := ratecard.Index("usages", i)
		if u.Quantity.Sign() < 0 {
			bad(at+".quantity", "%s is negative", u.Quantity)
		}
		if u.At.Before(r.Created) || (!r.Terminated.IsZero() && !u.At.Before(r.Terminated)) {
			bad(at+".at", "%s is outside the resource's life", stamp(u.At))
			continue
		}
		p := r.planAt(u.At)
		if c := p.Component(u.Component); c == nil || c.BillingType != BillingUsage {
			bad(at+".component", "plan %s in force at %s has no usage component %q", p.label(), stamp(u.At), u.Component)
		}
	}
	return errors.Join(errs...)
}

// planAt returns the plan in force at t (t during the resource's life).
func (r *Resource) planAt(t time.Time) *Plan {
	p := r.Plan
	for _, s := range r.Switches {
		if s.At.After(t) {
			break
		}
		p = s.Plan
	}
	return p
}

func (p *Plan) label() string {
	if p.UUID != "" {
		return p.UUID
	}
	return p.Name
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// rating builds one month's invoice.
type rating struct {
	r   *Resource
	m   month
	cur ratecard.Currency
	inv *ratecard.Invoice
}

// segment adds the lines of one plan's time in the month.
func (rt *rating) segment(seg segment) error {
	m := rt.m
	s := later(seg.from, m.start)
	e := m.end
	if !seg.to.IsZero() && seg.to.Before(e) {
		e = seg.to
	}
	if !e.After(s) {
		return nil // the plan was not in force this month
	}
	service := ratecard.Period{Start: s.In(m.loc), End: e.In(m.loc)}

	// Charges at the moment the segment began.
	once := BillingOneTime
	if seg.switched {
		once = BillingOnSwitch
	}
	if m.contains(seg.from) {
		for _, c := range seg.plan.Components {
			if c.BillingType == once {
				rt.line(c.Type, c.displayName(), service, ratecard.NewFromInt(1), c.PriceIn(m.start))
			}
		}
	}
	unitQty, err := Quantity(seg.plan.Unit, s, e, m.loc)
	if err != nil {
		return err // s and e lie in the month by construction
	}
	for _, c := range seg.plan.Components {
		price := c.PriceIn(m.start)
		switch c.BillingType {
		case BillingFixed:
			rt.line(c.Type, c.displayName(), service, ratecard.NewFromInt(c.Amount).Mul(unitQty), price)
		case BillingUsage:
			if q, ok := rt.usage(c.Type, s, e); ok {
				rt.line(c.Type, c.displayName(), service, q, price)
			}
		case BillingLimit:
			q, item := rt.limitQuantity(seg.plan, c.Type, s, e, unitQty)
			rt.line(c.Type, c.displayName(), service, q, price)
			if c.DiscountRate > 0 && q.Sign() > 0 && item.Cmp(ratecard.NewFromInt(c.DiscountThreshold)) >= 0 {
				rate := ratecard.New(c.DiscountRate, 2) // percent → fraction
				rt.line(c.Type+"/volume_discount", fmt.Sprintf("%s / Volume Discount (%d%%)", c.displayName(), c.DiscountRate),
					service, q, price.Mul(rate).Neg())
			}
		}
	}
	return nil
}

// line adds a line of quantity × unit price, rounded away from zero once; a zero
// quantity adds nothing.
func (rt *rating) line(id, name string, service ratecard.Period, quantity, unitPrice ratecard.Decimal) {
	if quantity.IsZero() {
		return
	}
	amount := rt.cur.Round(quantity.Mul(unitPrice), ratecard.Up)
	rt.inv.Lines = append(rt.inv.Lines, ratecard.Line{
		PriceID: id, Name: name, Service: service, Quantity: quantity, Subtotal: amount, Amount: amount,
	})
}

// usage returns the latest usage report of a component inside [s, e).
func (rt *rating) usage(typ string, s, e time.Time) (ratecard.Decimal, bool) {
	var q ratecard.Decimal
	var at time.Time
	found := false
	for _, u := range rt.r.Usages {
		if u.Component != typ || u.At.Before(s) || !u.At.Before(e) {
			continue
		}
		if !found || !u.At.Before(at) {
			q, at, found = u.Quantity, u.At, true
		}
	}
	return q, found
}

// limitQuantity returns the billed quantity of a limit component over [s, e) and
// Waldur's item quantity, which its volume discount threshold is compared with: on
// a day plan both are Σ limit × days; on other plans the item quantity is the
// day-weighted limit, Σ limit × days / Σ days (7 decimals, half to even), and the
// billed quantity that × the unit quantity.
//
// Each piece of constant limit gets the days it adds to the service so far,
// fullDays(s, to) − fullDays(s, from), so the pieces' days add up to the days of
// service exactly, however the limit changes inside a day.
func (rt *rating) limitQuantity(p *Plan, typ string, s, e time.Time, unitQty ratecard.Decimal) (billed, item ratecard.Decimal) {
	var weighted ratecard.Decimal // Σ limit × days
	for _, piece := range rt.limitPieces(typ, s, e) {
		d := fullDays(s, piece.to, rt.m.loc) - fullDays(s, piece.from, rt.m.loc)
		weighted = weighted.Add(piece.limit.Mul(ratecard.NewFromInt(int64(d))))
	}
	days := ratecard.NewFromInt(int64(fullDays(s, e, rt.m.loc)))
	switch {
	case days.IsZero():
		return ratecard.Decimal{}, ratecard.Decimal{}
	case p.Unit == UnitDay:
		return weighted, weighted
	}
	billed, _ = unitQty.Mul(weighted).Div(days, quantityScale, ratecard.HalfEven) // days > 0
	item, _ = weighted.Div(days, quantityScale, ratecard.HalfEven)
	return trim(billed), trim(item)
}

// trim drops a quantity's trailing fractional zeros: 950.0000000 is shown as 950.
func trim(q ratecard.Decimal) ratecard.Decimal {
	for s := int32(0); s < q.Scale(); s++ {
		if r := q.Round(s, ratecard.Down); r.Equal(q) {
			return r
		}
	}
	return q
}

// quantityScale is the precision Waldur stores invoice item quantities with.
const quantityScale = 7

type limitPiece struct {
	from, to time.Time
	limit    ratecard.Decimal
}

// limitPieces splits [s, e) where a component's limit changes, by whole days as
// Waldur bills them: the day of a change is charged at the highest limit of that
// day, the one in force before it included (Waldur starts an increase at the
// change day's midnight and ends a decreased limit at the change day's end), and
// the day after at the day's last limit. Changes at one instant are one change
// (the last wins). A component without a limit yet has 0.
func (rt *rating) limitPieces(typ string, s, e time.Time) []limitPiece {
	loc := rt.m.loc
	var pieces []limitPiece
	var cur ratecard.Decimal // the limit after the changes so far
	// step starts a new limit at t, cutting the pieces to [s, e).
	step := func(t time.Time, limit ratecard.Decimal) {
		if t.Before(s) {
			t = s
		}
		if !t.Before(e) {
			return
		}
		if n := len(pieces); n > 0 {
			if pieces[n-1].from.Equal(t) {
				pieces[n-1].limit = limit
				return
			}
			pieces[n-1].to = t
		}
		pieces = append(pieces, limitPiece{from: t, to: e, limit: limit})
	}
	step(s, cur)
	ls := rt.r.Limits
	for i := 0; i < len(ls); {
		y, mo, d := ls[i].At.In(loc).Date()
		dayStart, nextDay := wallclock.Midnight(y, mo, d, loc), wallclock.Midnight(y, mo, d+1, loc)
		if !dayStart.Before(e) {
			break
		}
		peak := cur
		for ; i < len(ls) && ls[i].At.Before(nextDay); i++ {
			if v, ok := ls[i].Values[typ]; ok {
				cur = v
			}
			// Changes at one instant are one change: only the last counts.
			if (i+1 == len(ls) || !ls[i+1].At.Equal(ls[i].At)) && cur.Cmp(peak) > 0 {
				peak = cur
			}
		}
		step(dayStart, peak)
		step(nextDay, cur)
	}
	return pieces
}

func (m month) contains(t time.Time) bool { return !t.Before(m.start) && t.Before(m.end) }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
