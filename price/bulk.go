package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// BulkTier is one tier of a bulk price.
type BulkTier struct {
	MaximumUnits *ratecard.Decimal `json:"maximum_units"` // inclusive upper bound; nil (null) = no bound
	UnitAmount   ratecard.Decimal  `json:"unit_amount"`   // the rate for every unit when q falls in this tier, ≥ 0
}

// BulkConfig is Orb's bulk_config.
type BulkConfig struct {
	Tiers []BulkTier `json:"tiers"`
}

// Validate reports every problem with the configuration, at paths relative to it: at
// least one tier, maxima strictly increasing and ≥ 0, null only on the last tier, and
// amounts ≥ 0. A bounded last tier is valid; usage above it fails to rate.
func (c BulkConfig) Validate() error {
	var errs wire.Errors
	c.volume(&errs)
	return errs.Err()
}

func (c BulkConfig) volume(errs *wire.Errors) volume {
	max := make([]*ratecard.Decimal, len(c.Tiers))
	for i, t := range c.Tiers {
		max[i] = t.MaximumUnits
	}
	v := newVolume(errs, "maximum_units", max)
	for i, t := range c.Tiers {
		nonNegative(errs, ratecard.Index("tiers", i)+".unit_amount", t.UnitAmount)
	}
	return v
}

// Bulk is volume pricing: the first tier whose maximum_units is at least q prices all
// units, q × unit_amount. There are no sub-lines.
//
// Tiers ≤ 10 @ 0.50, ≤ 1,000 @ 0.40: 8 units → 4.00; 10 → 5.00; 101 → 40.40. Bulk is
// not monotone: 11 units (4.40) cost less than 10 (5.00). A quantity above a bounded
// last tier is an error wrapping [ErrAboveLastTier], never a silent fallback.
type Bulk struct {
	cfg   BulkConfig
	v     volume
	rates []ratecard.Decimal
}

// NewBulk validates c and returns the price.
func NewBulk(c BulkConfig) (*Bulk, error) {
	cfg := BulkConfig{Tiers: make([]BulkTier, len(c.Tiers))}
	for i, t := range c.Tiers {
		cfg.Tiers[i] = BulkTier{MaximumUnits: cloneOpt(t.MaximumUnits), UnitAmount: t.UnitAmount}
	}
	var errs wire.Errors
	v := cfg.volume(&errs)
	if err := errs.Err(); err != nil {
		return nil, invalid(ModelBulk, err)
	}
	p := &Bulk{cfg: cfg, v: v, rates: make([]ratecard.Decimal, len(cfg.Tiers))}
	for i, t := range cfg.Tiers {
		p.rates[i] = t.UnitAmount
	}
	return p, nil
}

// Model returns [ModelBulk].
func (*Bulk) Model() Model { return ModelBulk }

// Config returns a copy of the price's configuration.
func (p *Bulk) Config() BulkConfig {
	c := BulkConfig{Tiers: make([]BulkTier, len(p.cfg.Tiers))}
	for i, t := range p.cfg.Tiers {
		c.Tiers[i] = BulkTier{MaximumUnits: cloneOpt(t.MaximumUnits), UnitAmount: t.UnitAmount}
	}
	return c
}

// Rate returns q × the unit_amount of the tier q falls in.
func (p *Bulk) Rate(in Input) (Rated, error) {
	q := in.Quantity
	if err := checkQuantity("quantity", q); err != nil {
		return Rated{}, err
	}
	i, ok := p.v.tier(q)
	if !ok {
		return Rated{}, p.v.aboveLast("bulk_config.tiers", "quantity", q)
	}
	return Rated{Quantity: q, Amount: q.Mul(p.rates[i])}, nil
}

func (*Bulk) sealed() {}
