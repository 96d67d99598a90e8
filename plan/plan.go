package plan

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/discount"
	"github.com/ratecard/ratecard/minimum"
	"github.com/ratecard/ratecard/phase"
)

// Plan is a validated pricing plan: its prices, optional phases, adjustments and
// trial, in one currency. A Plan is immutable and safe for concurrent use.
type Plan struct {
	ID, Name    string
	Currency    ratecard.Currency
	Prices      []*phase.Price     // in the plan's order, which is the order of lines
	Phases      []*phase.PlanPhase // in order; empty for a plan without phases
	Adjustments []*Adjustment      // every adjustment, legacy objects included, in the order they apply within their kind
	TrialDays   int                // the trial: this many days from the subscription start; 0 for none
	Trial       *Adjustment        // the trial discount when the plan names one (its cap and scope); nil: 100 % of all usage
	Cadence     phase.Cadence      // the billing cadence: the shortest cadence among the prices
}

// Adjustment is one adjustment of a plan: a discount, a minimum or a maximum, and the
// prices it covers.
type Adjustment struct {
	Kind       ratecard.AdjustmentKind
	Source     string   // where it is defined: "adjustments[2]", "prices[0].discount", "plan_phases[1].minimum", "discount"
	PhaseOrder int      // the phase it belongs to; 0 for the whole plan
	AppliesTo  []string // the price ids it covers; nil for every price of its plan or phase
	Discount   discount.Discount
	Commitment minimum.Commitment
}

// covers reports whether the adjustment covers a price.
func (a *Adjustment) covers(p *phase.Price) bool {
	if a.PhaseOrder != 0 && p.PhaseOrder != a.PhaseOrder {
		return false
	}
	if a.AppliesTo == nil {
		return true
	}
	for _, id := range a.AppliesTo {
		if id == p.ID {
			return true
		}
	}
	return false
}

// price returns the price with an id, or nil.
func (p *Plan) price(id string) *phase.Price {
	for _, pr := range p.Prices {
		if pr.ID == id {
			return pr
		}
	}
	return nil
}
