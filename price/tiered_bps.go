package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// TieredBPSTier is one tier of a tiered_bps price: the volume in (MinimumAmount,
// MaximumAmount] is charged BPS basis points.
type TieredBPSTier struct {
	MinimumAmount  ratecard.Decimal  `json:"minimum_amount"`   // exclusive lower bound
	MaximumAmount  *ratecard.Decimal `json:"maximum_amount"`   // inclusive upper bound; nil (null) only on the last tier
	BPS            ratecard.Decimal  `json:"bps"`              // basis points, ≥ 0
	PerUnitMaximum *ratecard.Decimal `json:"per_unit_maximum"` // cap on each slice's fee; nil (null) = none
}

// TieredBPSConfig is Orb's tiered_bps_config.
type TieredBPSConfig struct {
	Tiers []TieredBPSTier `json:"tiers"`
}

// Validate reports every problem with the configuration, at paths relative to it, as
// for [TieredConfig] over minimum_amount and maximum_amount, with bps and caps ≥ 0.
func (c TieredBPSConfig) Validate() error {
	var errs wire.Errors
	c.graduated(&errs)
	return errs.Err()
}

func (c TieredBPSConfig) graduated(errs *wire.Errors) graduated {
	first := make([]ratecard.Decimal, len(c.Tiers))
	last := make([]*ratecard.Decimal, len(c.Tiers))
	for i, t := range c.Tiers {
		first[i], last[i] = t.MinimumAmount, t.MaximumAmount
	}
	g := newGraduated(errs, "minimum_amount", "maximum_amount", first, last)
	for i, t := range c.Tiers {
		at := ratecard.Index("tiers", i)
		nonNegative(errs, at+".bps", t.BPS)
		optNonNegative(errs, at+".per_unit_maximum", t.PerUnitMaximum)
	}
	return g
}

// TieredBPS is graduated bps: events, in timestamp order (ties in input order), add to
// a running volume; each event's value is split at the tier bounds it crosses, and each
// slice is charged at its tier's bps, capped by that tier's per_unit_maximum (our rule:
// the cap applies per slice; Orb does not say). Without caps this equals graduated
// rating of the total volume. There are no sub-lines.
//
// Tiers (0, 1,000,000] @ 125 bps and (1,000,000, ∞) @ 115 bps: 7,500 events of 200
// rate as 5,000 × 2.50 + 2,500 × 2.30 = 18,250.00.
type TieredBPS struct {
	cfg   TieredBPSConfig
	g     graduated
	rates []ratecard.Decimal
}

// NewTieredBPS validates c and returns the price.
func NewTieredBPS(c TieredBPSConfig) (*TieredBPS, error) {
	cfg := cloneTieredBPS(c)
	var errs wire.Errors
	g := cfg.graduated(&errs)
	if err := errs.Err(); err != nil {
		return nil, invalid(ModelTieredBPS, err)
	}
	p := &TieredBPS{cfg: cfg, g: g, rates: make([]ratecard.Decimal, len(cfg.Tiers))}
	for i, t := range cfg.Tiers {
		p.rates[i] = t.BPS.Mul(basisPoint)
	}
	return p, nil
}

func cloneTieredBPS(c TieredBPSConfig) TieredBPSConfig {
	out := TieredBPSConfig{Tiers: make([]TieredBPSTier, len(c.Tiers))}
	for i, t := range c.Tiers {
		out.Tiers[i] = TieredBPSTier{MinimumAmount: t.MinimumAmount, MaximumAmount: cloneOpt(t.MaximumAmount),
			BPS: t.BPS, PerUnitMaximum: cloneOpt(t.PerUnitMaximum)}
	}
	return out
}

// Model returns [ModelTieredBPS].
func (*TieredBPS) Model() Model { return ModelTieredBPS }

// Config returns a copy of the price's configuration.
func (p *TieredBPS) Config() TieredBPSConfig { return cloneTieredBPS(p.cfg) }

// Rate walks the events in order, charging each slice of each event at its tier.
func (p *TieredBPS) Rate(in Input) (Rated, error) {
	total, err := eventTotal(in)
	if err != nil {
		return Rated{}, err
	}
	var amount, running ratecard.Decimal
	tier := 0 // the tier the running volume is in; it only moves up
	for _, v := range in.EventValues {
		next := running.Add(v)
		for i := tier; i < len(p.rates); i++ {
			if i > tier && next.Cmp(p.g.lower[i]) <= 0 {
				break
			}
			if units := p.g.units(i, running, next); units.Sign() > 0 {
				amount = amount.Add(fee(units, p.rates[i], p.cfg.Tiers[i].PerUnitMaximum))
			}
			if i < len(p.g.upper) && next.Cmp(p.g.upper[i]) > 0 {
				tier = i + 1
			}
		}
		running = next
	}
	return Rated{Quantity: total, Amount: amount}, nil
}

func (*TieredBPS) sealed() {}
