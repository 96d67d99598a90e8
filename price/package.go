package price

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// PackageConfig is Orb's package_config.
type PackageConfig struct {
	PackageAmount ratecard.Decimal `json:"package_amount"` // the price of one package, ≥ 0
	PackageSize   int64            `json:"package_size"`   // units per package, > 0
}

// Validate reports every problem with the configuration, at paths relative to it.
func (c PackageConfig) Validate() error {
	var errs wire.Errors
	nonNegative(&errs, "package_amount", c.PackageAmount)
	if c.PackageSize <= 0 {
		errs.Addf("package_size", "must be a positive integer, got %d", c.PackageSize)
	}
	return errs.Err()
}

// Package sells usage in whole packages, rounding up:
// ceil(q / package_size) × package_amount.
//
// Size 10 at 0.80: 4 units → 1 package → 0.80; 11 → 1.60; 20 → 1.60; 0 → 0.00.
// A fractional quantity starts a package too (0.3 units → 1 package).
type Package struct {
	cfg  PackageConfig
	size ratecard.Decimal
}

// NewPackage validates c and returns the price.
func NewPackage(c PackageConfig) (*Package, error) {
	if err := c.Validate(); err != nil {
		return nil, invalid(ModelPackage, err)
	}
	return &Package{cfg: c, size: ratecard.NewFromInt(c.PackageSize)}, nil
}

// Model returns [ModelPackage].
func (*Package) Model() Model { return ModelPackage }

// Config returns the price's configuration.
func (p *Package) Config() PackageConfig { return p.cfg }

// Rate returns ceil(q / package_size) × package_amount.
func (p *Package) Rate(in Input) (Rated, error) {
	if err := checkQuantity("quantity", in.Quantity); err != nil {
		return Rated{}, err
	}
	packages, err := in.Quantity.Div(p.size, 0, ratecard.Ceiling)
	if err != nil { // unreachable: the size is validated positive
		return Rated{}, ratecard.AtField("package_config.package_size", err)
	}
	return Rated{Quantity: in.Quantity, Amount: packages.Mul(p.cfg.PackageAmount)}, nil
}

func (*Package) sealed() {}
