package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// basisPoint is 1 bps = 0.0001 of a value.
var basisPoint = ratecard.New(1, 4)

// BPSConfig is Orb's bps_config.
type BPSConfig struct {
	BPS            ratecard.Decimal  `json:"bps"`              // basis points charged per event, ≥ 0 (125 = 1.25 %)
	PerUnitMaximum *ratecard.Decimal `json:"per_unit_maximum"` // cap on each event's fee; nil (null) = none
}

// Validate reports every problem with the configuration, at paths relative to it.
func (c BPSConfig) Validate() error {
	var errs wire.Errors
	nonNegative(&errs, "bps", c.BPS)
	optNonNegative(&errs, "per_unit_maximum", c.PerUnitMaximum)
	return errs.Err()
}

// BPS charges a take rate on each event's value, in basis points (1 bps = 0.0001),
// capped per event: the sum over events of min(value × bps / 10,000, per_unit_maximum).
// The quantity is the sum of the values. There are no sub-lines.
//
// 125 bps capped at 11.00 on events of 500, 2,000 and 100: 6.25 + 11.00 + 1.25 = 18.50.
type BPS struct {
	cfg  BPSConfig
	rate ratecard.Decimal // bps × 0.0001
}

// NewBPS validates c and returns the price.
func NewBPS(c BPSConfig) (*BPS, error) {
	if err := c.Validate(); err != nil {
		return nil, invalid(ModelBPS, err)
	}
	c.PerUnitMaximum = cloneOpt(c.PerUnitMaximum)
	return &BPS{cfg: c, rate: c.BPS.Mul(basisPoint)}, nil
}

// Model returns [ModelBPS].
func (*BPS) Model() Model { return ModelBPS }

// Config returns a copy of the price's configuration.
func (p *BPS) Config() BPSConfig {
	c := p.cfg
	c.PerUnitMaximum = cloneOpt(c.PerUnitMaximum)
	return c
}

// Rate charges each event value at the rate, capped per event.
func (p *BPS) Rate(in Input) (Rated, error) {
	total, err := eventTotal(in)
	if err != nil {
		return Rated{}, err
	}
	var amount ratecard.Decimal
	for _, v := range in.EventValues {
		amount = amount.Add(fee(v, p.rate, p.cfg.PerUnitMaximum))
	}
	return Rated{Quantity: total, Amount: amount}, nil
}

func (*BPS) sealed() {}

// fee returns value × rate, capped.
func fee(value, rate ratecard.Decimal, cap *ratecard.Decimal) ratecard.Decimal {
	f := value.Mul(rate)
	if cap != nil && f.Cmp(*cap) > 0 {
		return *cap
	}
	return f
}

// eventTotal checks the per-event values a bps-family price rates and returns their
// total, the line's quantity.
func eventTotal(in Input) (ratecard.Decimal, error) {
	var total ratecard.Decimal
	for i, v := range in.EventValues {
		if v.Sign() < 0 { // the path is formatted only for the error: this loop is per event
			return ratecard.Decimal{}, checkQuantity(ratecard.Index("event_values", i), v)
		}
		total = total.Add(v)
	}
	if len(in.EventValues) == 0 && !in.Quantity.IsZero() {
		return ratecard.Decimal{}, &ratecard.ValidationError{Field: "event_values", Err: ratecard.Detail(ErrUsageShape,
			"a bps price charges each event, got a quantity of %s without event values", in.Quantity)}
	}
	if err := checkTotal(in.Quantity, total, "event values"); err != nil {
		return ratecard.Decimal{}, err
	}
	return total, nil
}
