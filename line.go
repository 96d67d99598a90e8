package ratecard

import "strings"

// Group is the usage of one group of property values, as usage aggregation produces
// it and a matrix price rates it: Values holds one value per grouping property, in
// order, and a nil element is a property the events did not carry (JSON null).
type Group struct {
	Values   []*string
	Quantity Decimal
}

// SubLine is one part of a line's subtotal: the units that fell in one tier of a
// graduated price, or the usage of one group of a matrix price.
type SubLine struct {
	// Part is what the units were charged as, with its rate: a tier or a group.
	Part *Part
	// Quantity is the number of units in the part.
	Quantity Decimal
	// Amount is Quantity × the part's unit amount: exact as a price rates it, rounded
	// to the currency once the line is built (SEMANTICS §1).
	Amount Decimal
}

// Name returns the part's name ("10000–100000", "alpha / west"), "" without a part.
func (s SubLine) Name() string { return s.Part.Name() }

// UnitAmount returns the rate the units were charged at, 0 without a part.
func (s SubLine) UnitAmount() Decimal { return s.Part.UnitAmount() }

// Group returns a copy of a matrix group's values, nil for a tier.
func (s SubLine) Group() []*string { return s.Part.Group() }

// Part describes what a sub-line charges for: one tier of a graduated price, or one
// group of property values of a matrix price, with the rate its units are charged
// at. A price makes its parts once and every line it rates points at them, so a Part
// is immutable, and two sub-lines of different invoices may share one.
type Part struct {
	name       string
	unitAmount Decimal
	group      []string // a group's values; "" where missing
	missing    []bool   // which values are missing (JSON null); nil for a tier
}

// NewPart returns a part with a name and a rate. For a matrix group, group holds its
// values in the price's dimension order, nil where the usage lacked the property; a
// tier has no group. The values are copied.
func NewPart(name string, unitAmount Decimal, group []*string) *Part {
	p := &Part{name: name, unitAmount: unitAmount}
	if group != nil {
		p.group = make([]string, len(group))
		p.missing = make([]bool, len(group))
		for i, v := range group {
			if v == nil {
				p.missing[i] = true
			} else {
				p.group[i] = *v
			}
		}
	}
	return p
}

// GroupName is the name of a group's part: its values joined by " / ", a missing
// property shown as "(none)": "alpha / west", "alpha / (none)".
func GroupName(group []*string) string {
	parts := make([]string, len(group))
	for i, v := range group {
		if v == nil {
			parts[i] = "(none)"
		} else {
			parts[i] = *v
		}
	}
	return strings.Join(parts, " / ")
}

// Name returns the part's name; "" for a nil part.
func (p *Part) Name() string {
	if p == nil {
		return ""
	}
	return p.name
}

// UnitAmount returns the part's rate; 0 for a nil part.
func (p *Part) UnitAmount() Decimal {
	if p == nil {
		return Decimal{}
	}
	return p.unitAmount
}

// IsGroup reports whether the part is a matrix group (rather than a tier).
func (p *Part) IsGroup() bool { return p != nil && p.missing != nil }

// Group returns a copy of a group's values, nil where the property was missing; nil
// for a tier.
func (p *Part) Group() []*string {
	if !p.IsGroup() {
		return nil
	}
	out := make([]*string, len(p.group))
	for i := range p.group {
		if !p.missing[i] {
			out[i] = new(p.group[i])
		}
	}
	return out
}

// Equal reports whether p and q describe the same part: name, rate (by value) and
// group. Two nil parts are equal.
func (p *Part) Equal(q *Part) bool {
	if p == nil || q == nil {
		return p == q
	}
	if p.name != q.name || !p.unitAmount.Equal(q.unitAmount) || p.IsGroup() != q.IsGroup() || len(p.group) != len(q.group) {
		return false
	}
	for i := range p.group {
		if p.group[i] != q.group[i] || p.missing[i] != q.missing[i] {
			return false
		}
	}
	return true
}

// Line is one priced item of an invoice: what a price charged for its quantity over
// its service period, with its breakdown and adjustments, in the invoice's currency.
//
// Every amount on a line is rounded to the currency's scale, and the sums hold to the
// last digit: Subtotal is the sum of the SubLines' amounts when there are any, and
// Amount is Subtotal plus the adjustments' amounts.
type Line struct {
	PriceID     string       // the price's id in its plan
	Name        string       // the price's name
	Service     Period       // the part of the billing period the line charges for
	Quantity    Decimal      // the measured quantity (fixed fees: the fixed quantity)
	Subtotal    Decimal      // the rated amount, before adjustments
	SubLines    []SubLine    // tier slices or matrix groups; empty for the other models
	Adjustments []Adjustment // in the order applied
	Amount      Decimal      // the amount charged: Subtotal + Σ Adjustments
}
