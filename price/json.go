package price

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Decode reads the model of an Orb price object: its model_type and the matching
// <model_type>_config. Decimals may be JSON strings or numbers and keep their digits.
// The configuration is validated; every problem is reported, joined, at its field path
// and labelled with the price's id when the object has one:
//
//	price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)
//
// The other fields of a price (id, name, cadence, billable_metric, …) belong to the
// plan and are ignored here, except that a non-null configuration for another model is
// an error. An unknown model_type wraps [ErrUnknownModel] and lists the supported ones.
func Decode(data []byte) (Price, error) {
	var errs wire.Errors
	o := wire.Read(data, "", &errs)
	if o == nil {
		return nil, ratecard.Within("price", errs.Err())
	}
	context := "price"
	if id := o.String("id", false); id != "" {
		context += " " + id
	}
	m := Model(o.String("model_type", true))
	if errs.Len() > 0 {
		return nil, ratecard.Within(context, errs.Err())
	}
	if !slices.Contains(models, m) {
		return nil, ratecard.Within(context, &ratecard.ValidationError{Field: "model_type", Err: ratecard.Detail(ErrUnknownModel,
			"%q is not supported; supported: %s", m, strings.Join(modelNames(), ", "))})
	}
	for _, other := range models {
		if other != m && o.Has(other.ConfigKey()) {
			errs.Addf(other.ConfigKey(), "given, but model_type is %s", m)
		}
	}
	c := o.Object(m.ConfigKey(), true)
	if c == nil {
		return nil, ratecard.Within(context, errs.Err())
	}
	undecoded := errs.Values()
	cfg := decodeConfig(m, c, &errs)
	decoded := errs.Values() == undecoded
	rejectProrated(c, &errs)
	c.Done()
	// An unknown field, a rejected "prorated" or a second configuration leaves the
	// values intact, so validation still runs and all problems are reported at once; a
	// value that did not decode would only cause follow-on reports, so then validation
	// waits for the fix.
	if decoded {
		if err := cfg.Validate(); err != nil {
			errs.Add(m.ConfigKey(), err)
		}
	}
	if errs.Len() > 0 {
		return nil, ratecard.Within(context, errs.Err())
	}
	return New(cfg)
}

// Config is the configuration of one model: [UnitConfig], [PackageConfig],
// [MatrixConfig], [TieredConfig], [BulkConfig], [BPSConfig], [BulkBPSConfig] or
// [TieredBPSConfig].
type Config interface {
	Validate() error
}

// New returns the price a configuration describes, validating it. It fails with an
// error wrapping [ErrUnknownModel] for a type that is not one of the Config types.
func New(c Config) (Price, error) {
	switch c := c.(type) {
	case UnitConfig:
		return NewUnit(c)
	case PackageConfig:
		return NewPackage(c)
	case MatrixConfig:
		return NewMatrix(c)
	case TieredConfig:
		return NewTiered(c)
	case BulkConfig:
		return NewBulk(c)
	case BPSConfig:
		return NewBPS(c)
	case BulkBPSConfig:
		return NewBulkBPS(c)
	case TieredBPSConfig:
		return NewTieredBPS(c)
	}
	return nil, fmt.Errorf("price: %w: configuration type %T", ErrUnknownModel, c)
}

// ConfigOf returns a copy of a price's configuration.
func ConfigOf(p Price) Config {
	switch p := p.(type) {
	case *Unit:
		return p.Config()
	case *Package:
		return p.Config()
	case *Matrix:
		return p.Config()
	case *Tiered:
		return p.Config()
	case *Bulk:
		return p.Config()
	case *BPS:
		return p.Config()
	case *BulkBPS:
		return p.Config()
	case *TieredBPS:
		return p.Config()
	}
	return nil
}

// Encode writes a price as Orb JSON: {"model_type": …, "<model_type>_config": {…}},
// decimals as strings. Decode(Encode(p)) rates exactly as p, and Encode of that is the
// same bytes.
func Encode(p Price) ([]byte, error) {
	cfg := ConfigOf(p)
	if cfg == nil {
		return nil, errors.New("price: Encode of a nil price")
	}
	body, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("price: %w", err)
	}
	m := p.Model()
	out := make([]byte, 0, len(body)+64)
	out = append(out, `{"model_type":"`...)
	out = append(out, m...)
	out = append(out, `","`...)
	out = append(out, m.ConfigKey()...)
	out = append(out, `":`...)
	out = append(out, body...)
	return append(out, '}'), nil
}

// MarshalJSON encodes the price with [Encode].
func (p *Unit) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *Package) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *Matrix) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *Tiered) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *Bulk) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *BPS) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *BulkBPS) MarshalJSON() ([]byte, error) { return Encode(p) }

// MarshalJSON encodes the price with [Encode].
func (p *TieredBPS) MarshalJSON() ([]byte, error) { return Encode(p) }

func modelNames() []string {
	names := make([]string, len(models))
	for i, m := range models {
		names[i] = string(m)
	}
	return names
}

// decodeConfig reads the configuration object of model m.
func decodeConfig(m Model, c *wire.Object, errs *wire.Errors) Config {
	switch m {
	case ModelUnit:
		return UnitConfig{UnitAmount: c.Decimal("unit_amount")}
	case ModelPackage:
		return PackageConfig{PackageAmount: c.Decimal("package_amount"), PackageSize: packageSize(c, errs)}
	case ModelMatrix:
		cfg := MatrixConfig{
			Dimensions:        c.NullableStrings("dimensions", true),
			DefaultUnitAmount: c.Decimal("default_unit_amount"),
		}
		for _, v := range objects(c, "matrix_values", errs) {
			cfg.MatrixValues = append(cfg.MatrixValues, MatrixValue{
				DimensionValues: v.NullableStrings("dimension_values", true),
				UnitAmount:      v.Decimal("unit_amount"),
			})
			v.Done()
		}
		return cfg
	case ModelTiered:
		var cfg TieredConfig
		for _, t := range objects(c, "tiers", errs) {
			cfg.Tiers = append(cfg.Tiers, Tier{FirstUnit: t.Decimal("first_unit"), LastUnit: t.OptDecimal("last_unit"), UnitAmount: t.Decimal("unit_amount")})
			t.Done()
		}
		return cfg
	case ModelBulk:
		var cfg BulkConfig
		for _, t := range objects(c, "tiers", errs) {
			cfg.Tiers = append(cfg.Tiers, BulkTier{MaximumUnits: t.OptDecimal("maximum_units"), UnitAmount: t.Decimal("unit_amount")})
			t.Done()
		}
		return cfg
	case ModelBPS:
		return BPSConfig{BPS: c.Decimal("bps"), PerUnitMaximum: c.OptDecimal("per_unit_maximum")}
	case ModelBulkBPS:
		var cfg BulkBPSConfig
		for _, t := range objects(c, "tiers", errs) {
			cfg.Tiers = append(cfg.Tiers, BulkBPSTier{MaximumAmount: t.OptDecimal("maximum_amount"), BPS: t.Decimal("bps"), PerUnitMaximum: t.OptDecimal("per_unit_maximum")})
			t.Done()
		}
		return cfg
	case ModelTieredBPS:
		var cfg TieredBPSConfig
		for _, t := range objects(c, "tiers", errs) {
			cfg.Tiers = append(cfg.Tiers, TieredBPSTier{MinimumAmount: t.Decimal("minimum_amount"), MaximumAmount: t.OptDecimal("maximum_amount"),
				BPS: t.Decimal("bps"), PerUnitMaximum: t.OptDecimal("per_unit_maximum")})
			t.Done()
		}
		return cfg
	}
	return nil // unreachable: Decode admits only the models above
}

// objects reads a required array of objects.
func objects(c *wire.Object, key string, errs *wire.Errors) []*wire.Object {
	elems := c.Array(key, true)
	out := make([]*wire.Object, 0, len(elems))
	for i, e := range elems {
		if o := wire.Read(e, ratecard.Index(c.Path(key), i), errs); o != nil {
			out = append(out, o)
		}
	}
	return out
}

// packageSize reads package_size, which must be a positive integer (Orb sends an int).
// A missing or malformed value is reported by Decimal, one that is not an integer
// here; an integer ≤ 0 is left to Validate, which reports it with the other problems.
func packageSize(c *wire.Object, errs *wire.Errors) int64 {
	d := c.Decimal("package_size")
	n, ok := d.Int64()
	switch {
	case !ok && d.IsInteger() && d.Sign() > 0:
		errs.Addf(c.Path("package_size"), "%s is too large (at most %d)", d, int64(math.MaxInt64))
	case !ok:
		errs.Addf(c.Path("package_size"), "must be a positive integer, got %s", d)
	}
	return n
}

// rejectProrated accepts Orb's "prorated": false and rejects true: usage prices are
// never prorated here (SEMANTICS §4).
func rejectProrated(c *wire.Object, errs *wire.Errors) {
	if p := c.Bool("prorated"); p != nil && *p {
		errs.Addf(c.Path("prorated"), "true is not supported: usage prices are not prorated")
	}
}

// invalid labels a configuration's problems with the model's config key.
func invalid(m Model, err error) error {
	return ratecard.Within("price", ratecard.AtField(m.ConfigKey(), err))
}
