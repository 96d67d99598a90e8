package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// BulkBPSTier is one tier of a bulk_bps price.
type BulkBPSTier struct {
	MaximumAmount  *ratecard.Decimal `json:"maximum_amount"`   // inclusive upper bound of the period volume; nil (null) = no bound
	BPS            ratecard.Decimal  `json:"bps"`              // basis points, ≥ 0
	PerUnitMaximum *ratecard.Decimal `json:"per_unit_maximum"` // cap on each event's fee; nil (null) = none
}

// BulkBPSConfig is Orb's bulk_bps_config.
type BulkBPSConfig struct {
	Tiers []BulkBPSTier `json:"tiers"`
}

// Validate reports every problem with the configuration, at paths relative to it, as
// for [BulkConfig], with bps and caps ≥ 0.
func (c BulkBPSConfig) Validate() error {
	var errs wire.Errors
	c.volume(&errs)
	return errs.Err()
}

func (c BulkBPSConfig) volume(errs *wire.Errors) volume {
	max := make([]*ratecard.Decimal, len(c.Tiers))
	for i, t := range c.Tiers {
		max[i] = t.MaximumAmount
	}
	v := newVolume(errs, "maximum_amount", max)
	for i, t := range c.Tiers {
		at := ratecard.Index("tiers", i)
		nonNegative(errs, at+".bps", t.BPS)
		optNonNegative(errs, at+".per_unit_maximum", t.PerUnitMaximum)
	}
	return v
}

// BulkBPS is bps priced by volume: the period's total volume V (the sum of the event
// values) picks the first tier with V ≤ maximum_amount, and every event is charged at
// that tier's bps and cap. There are no sub-lines.
//
// Tiers ≤ 1,000,000 @ 125 bps cap 19, above @ 115 bps cap 4: 7,500 events of 200
// (V = 1.5M) are 2.30 each, 17,250.00; 4,000 events of 200 are 2.50 each, 10,000.00.
type BulkBPS struct {
	cfg   BulkBPSConfig
	v     volume
	rates []ratecard.Decimal
}

// NewBulkBPS validates c and returns the price.
func NewBulkBPS(c BulkBPSConfig) (*BulkBPS, error) {
	cfg := cloneBulkBPS(c)
	var errs wire.Errors
	v := cfg.volume(&errs)
	if err := errs.Err(); err != nil {
		return nil, invalid(ModelBulkBPS, err)
	}
	p := &BulkBPS{cfg: cfg, v: v, rates: make([]ratecard.Decimal, len(cfg.Tiers))}
	for i, t := range cfg.Tiers {
		p.rates[i] = t.BPS.Mul(basisPoint)
	}
	return p, nil
}

func cloneBulkBPS(c BulkBPSConfig) BulkBPSConfig {
	out := BulkBPSConfig{Tiers: make([]BulkBPSTier, len(c.Tiers))}
	for i, t := range c.Tiers {
		out.Tiers[i] = BulkBPSTier{MaximumAmount: cloneOpt(t.MaximumAmount), BPS: t.BPS, PerUnitMaximum: cloneOpt(t.PerUnitMaximum)}
	}
	return out
}

// Model returns [ModelBulkBPS].
func (*BulkBPS) Model() Model { return ModelBulkBPS }

// Config returns a copy of the price's configuration.
func (p *BulkBPS) Config() BulkBPSConfig { return cloneBulkBPS(p.cfg) }

// Rate charges every event at the bps and cap of the tier the total volume falls in.
func (p *BulkBPS) Rate(in Input) (Rated, error) {
	total, err := eventTotal(in)
	if err != nil {
		return Rated{}, err
	}
	i, ok := p.v.tier(total)
	if !ok {
		return Rated{}, p.v.aboveLast("bulk_bps_config.tiers", "volume", total)
	}
	var amount ratecard.Decimal
	for _, v := range in.EventValues {
		amount = amount.Add(fee(v, p.rates[i], p.cfg.Tiers[i].PerUnitMaximum))
	}
	return Rated{Quantity: total, Amount: amount}, nil
}

func (*BulkBPS) sealed() {}
