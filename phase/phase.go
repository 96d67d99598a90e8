// Package phase holds the parts of a plan that a billing period is rated from: the
// [Price] of a plan (a pricing model with its identity, type, cadence and billing
// mode) and the [PlanPhase] of a contract ramp, and it rates one price for one part of
// a billing period ([Price.Line]).
package phase

import (
	"fmt"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
	"github.com/ratecard/ratecard/usage"
)

// Type is a price's price_type.
type Type string

// The price types.
const (
	Usage Type = "usage_price" // rates the usage of a billable metric, in arrears
	Fixed Type = "fixed_price" // rates its fixed quantity, in advance by default
)

// Unit is the unit of a cadence or a phase duration.
type Unit string

// The units.
const (
	Day   Unit = "day"
	Month Unit = "month"
)

// Cadence is how often a price is billed: every Count days or months, or once.
type Cadence struct {
	Name  string // Orb's cadence: one_time, monthly, quarterly, semi_annual, annual, custom
	Count int    // the length of a period in units; 0 for one_time
	Unit  Unit
}

// The named cadences.
var (
	OneTime    = Cadence{Name: "one_time"}
	Monthly    = Cadence{Name: "monthly", Count: 1, Unit: Month}
	Quarterly  = Cadence{Name: "quarterly", Count: 3, Unit: Month}
	SemiAnnual = Cadence{Name: "semi_annual", Count: 6, Unit: Month}
	Annual     = Cadence{Name: "annual", Count: 12, Unit: Month}
)

// IsOneTime reports whether the cadence is one_time.
func (c Cadence) IsOneTime() bool { return c.Count == 0 }

// Equal reports whether two cadences have the same period.
func (c Cadence) Equal(d Cadence) bool { return c.Count == d.Count && c.Unit == d.Unit }

// nominalDays orders cadences by length (a month counted as 30.4375 days).
func (c Cadence) nominalDays() float64 {
	if c.Unit == Month {
		return float64(c.Count) * 30.4375
	}
	return float64(c.Count)
}

// Shorter reports whether c's period is shorter than d's.
func (c Cadence) Shorter(d Cadence) bool { return c.nominalDays() < d.nominalDays() }

// String returns the cadence's name, with its length when custom: "custom (14 day)".
func (c Cadence) String() string {
	if c.Name == "custom" {
		return fmt.Sprintf("custom (%d %s)", c.Count, c.Unit)
	}
	return c.Name
}

// Price is one price of a plan.
type Price struct {
	ID, Name      string
	Type          Type
	Cadence       Cadence
	Model         price.Price
	MetricID      string           // usage prices: the billable metric's id
	FixedQuantity ratecard.Decimal // fixed prices: the quantity rated (Orb's default: 1)
	InAdvance     bool             // fixed prices: billed at the start of their period
	PhaseOrder    int              // the phase it belongs to; 0 on a plan without phases
	Index         int              // its position in the plan's prices: the order of lines
}

// Shape returns the usage a price's model rates: the dimensions a matrix groups by,
// or whether the bps family's per-event values are needed (else a quantity).
func (p *Price) Shape() (groupBy []string, eventValues bool) {
	switch m := p.Model.(type) {
	case *price.Matrix:
		return m.Dimensions(), false
	case *price.BPS, *price.BulkBPS, *price.TieredBPS:
		return nil, true
	}
	return nil, false
}

// Request returns the usage request of a usage price over a service period.
func (p *Price) Request(m *usage.Metric, service ratecard.Period) usage.Request {
	groupBy, perEvent := p.Shape()
	return usage.Request{Metric: m, Start: service.Start, End: service.End, GroupBy: groupBy, EventValues: perEvent}
}

// CheckUsage reports whether pre-aggregated usage has the shape the price's model
// rates (groups of the right arity for a matrix, event values for the bps family, a
// quantity for the others), naming the field that is wrong.
func (p *Price) CheckUsage(r usage.Result) error {
	groupBy, perEvent := p.Shape()
	switch {
	case groupBy != nil:
		if r.Groups == nil && !r.Quantity.IsZero() {
			return ratecard.Invalid("groups", "price %s is a matrix over %v: give {\"groups\": […]}", p.ID, groupBy)
		}
		for i, g := range r.Groups {
			if len(g.Values) != len(groupBy) {
				return ratecard.Invalid(ratecard.Index("groups", i)+".values", "%d values for the %d dimensions %v", len(g.Values), len(groupBy), groupBy)
			}
		}
	case perEvent:
		if r.EventValues == nil && !r.Quantity.IsZero() {
			return ratecard.Invalid("event_values", "price %s is %s and charges each event: give {\"event_values\": […]}", p.ID, p.Model.Model())
		}
	default:
		if r.Groups != nil || r.EventValues != nil {
			return ratecard.Invalid("", "price %s is %s and rates a quantity: give a decimal", p.ID, p.Model.Model())
		}
	}
	return nil
}

// Line rates the price for one line of an invoice. Usage prices rate their usage;
// fixed prices rate their fixed quantity, prorated by days/periodDays (applied to the
// exact amount of each sub-line, or of the line, in its one rounding, SEMANTICS §1
// and §4). A waived fixed fee (trial days) has a zero subtotal.
func (p *Price) Line(service ratecard.Period, use usage.Result, days, periodDays int, waived bool, cur ratecard.Currency, mode ratecard.RoundingMode) (ratecard.Line, error) {
	in := price.Input{Quantity: use.Quantity, Groups: use.Groups, EventValues: use.EventValues}
	if p.Type == Fixed {
		in = price.Input{Quantity: p.FixedQuantity}
	}
	rated, err := p.Model.Rate(in)
	if err != nil {
		return ratecard.Line{}, ratecard.Within("price "+p.ID, err)
	}
	if p.Type == Fixed && waived {
		rated = price.Rated{Quantity: rated.Quantity}
	}
	var line ratecard.Line
	if p.Type == Fixed {
		line = rated.ProratedLine(p.ID, p.Name, cur, mode, days, periodDays)
	} else {
		line = rated.Line(p.ID, p.Name, cur, mode)
	}
	line.Service = service
	return line, nil
}

// PlanPhase is one phase of a contract ramp: its prices are active from its start for
// Duration units, or for ever when it is the last phase (evergreen).
type PlanPhase struct {
	Order        int
	Name         string
	Duration     int          // 0: evergreen (the last phase only)
	DurationUnit DurationUnit // unit of Duration
	Prices       []*Price     // its prices, in plan order
}

// DurationUnit is the unit of a phase's duration.
type DurationUnit string

// The duration units.
const (
	DurationDaily      DurationUnit = "daily"
	DurationMonthly    DurationUnit = "monthly"
	DurationQuarterly  DurationUnit = "quarterly"
	DurationSemiAnnual DurationUnit = "semi_annual"
	DurationAnnual     DurationUnit = "annual"
)

// Months returns the length of one unit of a month-based duration in months, and 0
// for daily (or an unknown unit).
func (u DurationUnit) Months() int {
	switch u {
	case DurationMonthly:
		return 1
	case DurationQuarterly:
		return 3
	case DurationSemiAnnual:
		return 6
	case DurationAnnual:
		return 12
	}
	return 0
}
