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
	}
	g := newGraduated(errs, "first_unit", "last_unit", first, last)
	for i, t := range c.Tiers {
		nonNegative(errs, ratecard.Index("tiers", i)+".unit_amount", t.UnitAmount)
	}
	return g
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
	// Computed once, so that Rate does arithmetic only for the tier q ends in:
	parts []ratecard.Part    // each tier's sub-line part
	width []ratecard.Decimal // units in each bounded tier: last_unit − first_unit
	full  []ratecard.Decimal // amount of each bounded tier when full: width × rate
	below []ratecard.Decimal // amount of all the tiers before tier i when full
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
	n := len(cfg.Tiers)
	p := &Tiered{cfg: cfg, g: g, rates: make([]ratecard.Decimal, n), parts: make([]ratecard.Part, n),
		width: make([]ratecard.Decimal, n-1), full: make([]ratecard.Decimal, n-1), below: make([]ratecard.Decimal, n)}
	for i, t := range cfg.Tiers {
		p.rates[i] = t.UnitAmount
		p.parts[i] = *ratecard.NewPart(g.name(i), t.UnitAmount, nil)
		if i < n-1 {
			p.width[i] = g.upper[i].Sub(g.lower[i])
			p.full[i] = p.width[i].Mul(t.UnitAmount)
			p.below[i+1] = p.below[i].Add(p.full[i])
		}
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
	// Every tier before the last one touched is full; q ends inside tier n-1 (it is
	// at most that tier's last_unit, the next tier's first_unit).
	subs := make([]ratecard.SubLine, n)
	for i := range n - 1 {
		subs[i] = ratecard.SubLine{Part: &p.parts[i], Quantity: p.width[i], Amount: p.full[i]}
	}
	last := n - 1
	units := q.Sub(p.g.lower[last])
	amount := units.Mul(p.rates[last])
	subs[last] = ratecard.SubLine{Part: &p.parts[last], Quantity: units, Amount: amount}
	return Rated{Quantity: q, Amount: p.below[last].Add(amount), SubLines: subs}, nil
}

func (*Tiered) sealed() {}
