package price

import (
	"fmt"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Tier arithmetic, written once for every tiered model.
//
// Graduated tiers (tiered, tiered_bps) partition (0, ∞) into contiguous ranges
// (lower_i, upper_i]: the lower bound is exclusive, the upper inclusive, and only the
// last tier is unbounded. The units of an interval (from, to] that fall in tier i are
// max(0, min(to, upper_i) − max(from, lower_i)).
//
// Volume tiers (bulk, bulk_bps) are a list of inclusive maxima: a quantity belongs to
// the first tier whose maximum is at least the quantity; a null maximum has no bound.

// graduated is a validated list of graduated tier bounds.
type graduated struct {
	lower []ratecard.Decimal // exclusive lower bound of each tier; lower[0] is 0
	upper []ratecard.Decimal // inclusive upper bound of each tier but the last, which is unbounded
}

// touched returns how many tiers hold some of (0, q]: the tiers whose lower bound is
// below q.
func (g *graduated) touched(q ratecard.Decimal) int {
	n := 0
	for n < len(g.lower) && g.lower[n].Cmp(q) < 0 {
		n++
	}
	return n
}

// units returns the part of (from, to] that falls in tier i (zero or positive).
func (g *graduated) units(i int, from, to ratecard.Decimal) ratecard.Decimal {
	lo := ratecard.Max(from, g.lower[i])
	hi := to
	if i < len(g.upper) {
		hi = ratecard.Min(to, g.upper[i])
	}
	if hi.Cmp(lo) <= 0 {
		return ratecard.Decimal{}
	}
	return hi.Sub(lo)
}

// name describes tier i's range for a sub-line: "10000–100000", "100000+".
func (g *graduated) name(i int) string {
	if i < len(g.upper) {
		return g.lower[i].String() + "–" + g.upper[i].String()
	}
	return g.lower[i].String() + "+"
}

// volume is a validated list of volume tier maxima.
type volume struct {
	max     []ratecard.Decimal // inclusive maximum of each tier
	bounded bool               // the last tier has a maximum too
}

// tier returns the index of the tier that prices q, and false when q is above the
// bounded last tier.
func (v *volume) tier(q ratecard.Decimal) (int, bool) {
	for i, m := range v.max {
		if q.Cmp(m) <= 0 {
			return i, true
		}
	}
	if v.bounded {
		return 0, false
	}
	return len(v.max), true
}

// aboveLast is the evaluation error for a quantity no bounded volume tier covers.
func (v *volume) aboveLast(field, what string, q ratecard.Decimal) error {
	return &ratecard.ValidationError{Field: field, Err: ratecard.Detail(ErrAboveLastTier,
		"%s %s above the last tier bound %s", what, q, v.max[len(v.max)-1])}
}

// newGraduated validates graduated bounds (named first/last after the model's JSON
// fields) and records problems at "tiers[i].<field>".
func newGraduated(errs *wire.Errors, firstName, lastName string, first []ratecard.Decimal, last []*ratecard.Decimal) graduated {
	n := len(first)
	if n == 0 {
		errs.Addf("tiers", "at least one tier is required")
		return graduated{}
	}
	g := graduated{lower: first, upper: make([]ratecard.Decimal, 0, n-1)}
	at := func(i int, f string) string { return fmt.Sprintf("tiers[%d].%s", i, f) }
	if !first[0].IsZero() {
		hint := ""
		if first[0].Equal(ratecard.NewFromInt(1)) {
			hint = fmt.Sprintf("; %s is exclusive: write legacy inclusive tiers {1,10},{11,null} as {0,10},{10,null}", firstName)
		}
		errs.Addf(at(0, firstName), "the first tier must start at 0, got %s%s", first[0], hint)
	}
	for i := range n {
		if i > 0 {
			// Contiguity: tier i starts where tier i-1 ends.
			if prev := last[i-1]; prev != nil {
				switch c := first[i].Cmp(*prev); {
				case c > 0:
					hint := ""
					if first[i].Equal(prev.Add(ratecard.NewFromInt(1))) {
						hint = fmt.Sprintf("; %s is exclusive: write %s", firstName, prev)
					}
					errs.Addf(at(i, firstName), "gap after tier %d (%s %s)%s", i-1, lastName, prev, hint)
				case c < 0:
					errs.Addf(at(i, firstName), "overlaps tier %d (%s %s)", i-1, lastName, prev)
				}
			}
		}
		switch {
		case i < n-1 && last[i] == nil:
			errs.Addf(at(i, lastName), "null, but only the last tier may be unbounded")
		case i == n-1 && last[i] != nil:
			errs.Addf(at(i, lastName), "the last tier must be unbounded (null), got %s", last[i])
		case last[i] != nil && last[i].Cmp(first[i]) <= 0:
			errs.Addf(at(i, lastName), "%s is not above %s %s", last[i], firstName, first[i])
		}
		if i < n-1 && last[i] != nil {
			g.upper = append(g.upper, *last[i])
		}
	}
	return g
}

// newVolume validates volume maxima and records problems at "tiers[i].<field>".
func newVolume(errs *wire.Errors, maxName string, max []*ratecard.Decimal) volume {
	n := len(max)
	if n == 0 {
		errs.Addf("tiers", "at least one tier is required")
		return volume{}
	}
	v := volume{max: make([]ratecard.Decimal, 0, n), bounded: max[n-1] != nil}
	prev := -1 // the last tier with a maximum, so a misplaced null hides no decrease
	for i, m := range max {
		field := fmt.Sprintf("tiers[%d].%s", i, maxName)
		if m == nil {
			if i < n-1 {
				errs.Addf(field, "null, but only the last tier may be unbounded")
			}
			continue
		}
		if m.Sign() < 0 {
			errs.Addf(field, "%s is negative", m)
		}
		if prev >= 0 && m.Cmp(*max[prev]) <= 0 {
			errs.Addf(field, "%s is not above tier %d's %s %s", m, prev, maxName, max[prev])
		}
		prev = i
		v.max = append(v.max, *m)
	}
	return v
}

// nonNegative records a problem when an amount or rate is negative.
func nonNegative(errs *wire.Errors, field string, d ratecard.Decimal) {
	if d.Sign() < 0 {
		errs.Addf(field, "%s is negative", d)
	}
}

// optNonNegative is nonNegative for an optional value.
func optNonNegative(errs *wire.Errors, field string, d *ratecard.Decimal) {
	if d != nil {
		nonNegative(errs, field, *d)
	}
}

// cloneOpt copies an optional decimal so a price never shares its caller's pointers.
func cloneOpt(d *ratecard.Decimal) *ratecard.Decimal {
	if d == nil {
		return nil
	}
	return new(*d)
}
