package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// UnitConfig is Orb's unit_config.
type UnitConfig struct {
	UnitAmount ratecard.Decimal `json:"unit_amount"` // the rate per unit, ≥ 0
}

// Validate reports every problem with the configuration, at paths relative to it.
func (c UnitConfig) Validate() error {
	var errs wire.Errors
	nonNegative(&errs, "unit_amount", c.UnitAmount)
	return errs.Err()
}

// Unit charges every unit at one rate: q × unit_amount.
//
// 0.50 per unit × 1,234 units = 617.00. Fixed fees are usually unit prices rated at
// their fixed quantity.
type Unit struct {
	cfg UnitConfig
}

// NewUnit validates c and returns the price.
func NewUnit(c UnitConfig) (*Unit, error) {
	if err := c.Validate(); err != nil {
		return nil, invalid(ModelUnit, err)
	}
	return &Unit{cfg: c}, nil
}

// Model returns [ModelUnit].
func (*Unit) Model() Model { return ModelUnit }

// Config returns the price's configuration.
func (p *Unit) Config() UnitConfig { return p.cfg }

// Rate returns q × unit_amount.
func (p *Unit) Rate(in Input) (Rated, error) {
	if err := checkQuantity("quantity", in.Quantity); err != nil {
		return Rated{}, err
	}
	return Rated{Quantity: in.Quantity, Amount: in.Quantity.Mul(p.cfg.UnitAmount)}, nil
}

func (*Unit) sealed() {}
