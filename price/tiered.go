package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Tier is one tier of a graduated price: units in (FirstUnit, LastUnit] cost
// UnitAmount each.
type Tier struct {
	FirstUnit  ratecard.Decimal  `json:"first_unit"`  // exclusive lower bound
	LastUnit   *ratecard.Decimal `json:"last_unit"`   // inclusive upper bound; nil (null) only on the last tier
	UnitAmount ratecard.Decimal  `json:"unit_amount"` // the rate per unit in this tier, ≥ 0
}

// TieredConfig is Orb's tiered_config.
type TieredConfig struct {
	Tiers []Tier `json:"tiers"`
}

// Validate reports every problem with the configuration, at paths relative to it: the
// tiers must be contiguous from 0 (first_unit of each tier equal to last_unit of the
// one before), each non-empty, only the last unbounded, and the amounts ≥ 0.
func (c TieredConfig) Validate() error {
	var errs wire.Errors
	c.graduated(&errs)
	return errs.Err()
}

func (c TieredConfig) graduated(errs *wire.Errors) graduated {
	first := make([]ratecard.Decimal, len(c.Tiers))
	last := make([]*ratecard.Decimal, len(c.Tiers))
	for i, t := range c.Tiers {
		first[i], last[i] = t.FirstUnit, t.LastUnit
		nonNegative(errs, ratecard.Index("tiers", i)+".unit_amount", t.UnitAmount)
	}
	return newGraduated(errs, "first_unit", "last_unit", first, last)
}

// Tiered is graduated pricing: each unit is charged at the rate of the tier it falls
// in. first_unit is exclusive and last_unit inclusive, so the units in tier i are
// max(0, min(q, last_unit) − first_unit), and the amount is the sum over the tiers of
// their units × unit_amount, with one sub-line per tier that has units.
//
// Tiers 0–10,000 @ 0.001, 10,000–100,000 @ 0.0008, 100,000+ @ 0.0005 rate 150,000
// units as 10.00 + 72.00 + 25.00 = 107.00. Tiers 0–10 @ 0.50, 10+ @ 0.10 rate 25 units
// as 6.50 and 10.5 units as 5.05.
type Tiered struct {
	cfg   TieredConfig
	g     graduated
	rates []ratecard.Decimal
	names []string // sub-line names, computed once so that Rate does not format
}

// NewTiered validates c and returns the price.
func NewTiered(c TieredConfig) (*Tiered, error) {
	var errs wire.Errors
	cfg := TieredConfig{Tiers: make([]Tier, len(c.Tiers))}
	for i, t := range c.Tiers {
		cfg.Tiers[i] = Tier{FirstUnit: t.FirstUnit, LastUnit: cloneOpt(t.LastUnit), UnitAmount: t.UnitAmount}
	}
	g := cfg.graduated(&errs)
	if err := errs.Err(); err != nil {
		return nil, invalid(ModelTiered, err)
	}
	p := &Tiered{cfg: cfg, g: g, rates: make([]ratecard.Decimal, len(cfg.Tiers)), names: make([]string, len(cfg.Tiers))}
	for i, t := range cfg.Tiers {
		p.rates[i] = t.UnitAmount
		p.names[i] = g.name(i)
	}
	return p, nil
}

// Model returns [ModelTiered].
func (*Tiered) Model() Model { return ModelTiered }

// Config returns a copy of the price's configuration.
func (p *Tiered) Config() TieredConfig {
	c := TieredConfig{Tiers: make([]Tier, len(p.cfg.Tiers))}
	for i, t := range p.cfg.Tiers {
		c.Tiers[i] = Tier{FirstUnit: t.FirstUnit, LastUnit: cloneOpt(t.LastUnit), UnitAmount: t.UnitAmount}
	}
	return c
}

// Rate returns the graduated amount for q with one sub-line per tier that has units.
// Its only allocation is the sub-line slice.
func (p *Tiered) Rate(in Input) (Rated, error) {
	q := in.Quantity
	if err := checkQuantity("quantity", q); err != nil {
		return Rated{}, err
	}
	n := p.g.touched(q)
	if n == 0 {
		return Rated{Quantity: q}, nil
	}
	subs := make([]ratecard.SubLine, n)
	var total ratecard.Decimal
	for i := range n {
		units := p.g.units(i, ratecard.Decimal{}, q)
		amount := units.Mul(p.rates[i])
		total = total.Add(amount)
		subs[i] = ratecard.SubLine{Name: p.names[i], Quantity: units, UnitAmount: p.rates[i], Amount: amount}
	}
	return Rated{Quantity: q, Amount: total, SubLines: subs}, nil
}

func (*Tiered) sealed() {}
