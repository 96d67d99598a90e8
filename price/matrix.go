package price

import (
	"encoding/binary"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// MatrixConfig is Orb's matrix_config.
type MatrixConfig struct {
	// Dimensions names the event properties usage is grouped by, in order. A null
	// only pads unused trailing slots: ["region"] and ["region", null] are the same
	// one-dimensional matrix.
	Dimensions []*string `json:"dimensions"`
	// DefaultUnitAmount prices every group that matches no cell, including groups
	// missing one of the properties.
	DefaultUnitAmount ratecard.Decimal `json:"default_unit_amount"`
	// MatrixValues are the cells: a value per dimension and the rate of that group.
	MatrixValues []MatrixValue `json:"matrix_values"`
}

// MatrixValue is one cell of a matrix price.
type MatrixValue struct {
	DimensionValues []*string        `json:"dimension_values"` // one value per dimension, trailing nulls for padding
	UnitAmount      ratecard.Decimal `json:"unit_amount"`      // ≥ 0
}

// Validate reports every problem with the configuration, at paths relative to it: at
// least one dimension, distinct non-empty names, nulls only as trailing padding,
// every cell with one value per dimension, no two cells alike, amounts ≥ 0.
func (c MatrixConfig) Validate() error {
	var errs wire.Errors
	c.cells(&errs)
	return errs.Err()
}

// arity returns the number of dimensions, that is the non-null names before the padding.
func (c MatrixConfig) arity() int {
	n := 0
	for n < len(c.Dimensions) && c.Dimensions[n] != nil {
		n++
	}
	return n
}

// cells validates the configuration and returns its cells keyed by encoded values.
func (c MatrixConfig) cells(errs *wire.Errors) map[string]int {
	n := c.arity()
	if n == 0 {
		errs.Addf("dimensions", "at least one dimension is required")
	}
	for i, d := range c.Dimensions {
		field := ratecard.Index("dimensions", i)
		switch {
		case d == nil:
			continue
		case i > n:
			errs.Addf(field, "follows a null: nulls may only pad the unused trailing slots")
		case *d == "":
			errs.Addf(field, "empty property name")
		}
		for j := range i {
			if c.Dimensions[j] != nil && *c.Dimensions[j] == *d {
				errs.Addf(field, "%q repeats dimensions[%d]", *d, j)
				break
			}
		}
	}
	nonNegative(errs, "default_unit_amount", c.DefaultUnitAmount)
	cells := make(map[string]int, len(c.MatrixValues))
	for i, mv := range c.MatrixValues {
		field := ratecard.Index("matrix_values", i)
		nonNegative(errs, field+".unit_amount", mv.UnitAmount)
		vals := mv.DimensionValues
		ok := true
		// Trailing nulls pad a cell as they pad the dimensions (Orb writes a 1-D cell
		// as ["west", null]), whether or not the dimensions are padded too.
		for j, v := range vals {
			switch {
			case j < n && v == nil:
				errs.Addf(ratecard.Index(field+".dimension_values", j), "null, but dimension %q needs a value", *c.Dimensions[j])
				ok = false
			case j >= n && v != nil && j < len(c.Dimensions):
				errs.Addf(ratecard.Index(field+".dimension_values", j), "%q for a padding slot (null dimension)", *v)
				ok = false
			case j >= n && v != nil:
				errs.Addf(ratecard.Index(field+".dimension_values", j), "%q beyond the %d dimensions", *v, n)
				ok = false
			}
		}
		if len(vals) < n {
			errs.Addf(field+".dimension_values", "%d values for %d dimensions", len(vals), n)
			ok = false
		}
		if !ok || n == 0 {
			continue
		}
		key := string(groupKey(nil, vals[:n]))
		if prev, dup := cells[key]; dup {
			errs.Addf(field+".dimension_values", "same values as matrix_values[%d]", prev)
			continue
		}
		cells[key] = i
	}
	return cells
}

// groupKey appends an unambiguous encoding of a group's values to buf: a length-
// prefixed string per value, a distinct marker for null.
func groupKey(buf []byte, values []*string) []byte {
	for _, v := range values {
		if v == nil {
			buf = append(buf, 0)
			continue
		}
		buf = append(buf, 1)
		buf = binary.AppendUvarint(buf, uint64(len(*v)))
		buf = append(buf, *v...)
	}
	return buf
}

// Matrix prices usage by groups of property values: every group is billed at the
// unit_amount of the cell whose dimension_values equal the group's values, or at
// default_unit_amount when no cell matches (a group missing a property never matches).
// There is one sub-line per distinct group, in order of first appearance.
//
// Dimensions (cluster, region), cell (alpha, west) = 2.00, default 3.00: 10 units of
// alpha/west and 5 of beta/east rate as 20.00 + 15.00 = 35.00.
type Matrix struct {
	cfg   MatrixConfig
	n     int            // the number of dimensions
	cells map[string]int // encoded values → index into cfg.MatrixValues and parts
	parts []*ratecard.Part
}

// NewMatrix validates c and returns the price.
func NewMatrix(c MatrixConfig) (*Matrix, error) {
	cfg := cloneMatrix(c)
	var errs wire.Errors
	cells := cfg.cells(&errs)
	if err := errs.Err(); err != nil {
		return nil, invalid(ModelMatrix, err)
	}
	p := &Matrix{cfg: cfg, n: cfg.arity(), cells: cells, parts: make([]*ratecard.Part, len(cfg.MatrixValues))}
	for i, mv := range cfg.MatrixValues {
		vals := mv.DimensionValues[:p.n]
		p.parts[i] = ratecard.NewPart(ratecard.GroupName(vals), mv.UnitAmount, vals)
	}
	return p, nil
}

func cloneMatrix(c MatrixConfig) MatrixConfig {
	out := MatrixConfig{
		Dimensions:        cloneStrings(c.Dimensions),
		DefaultUnitAmount: c.DefaultUnitAmount,
		MatrixValues:      make([]MatrixValue, len(c.MatrixValues)),
	}
	for i, mv := range c.MatrixValues {
		out.MatrixValues[i] = MatrixValue{DimensionValues: cloneStrings(mv.DimensionValues), UnitAmount: mv.UnitAmount}
	}
	return out
}

func cloneStrings(s []*string) []*string {
	if s == nil {
		return nil
	}
	out := make([]*string, len(s))
	for i, v := range s {
		if v != nil {
			out[i] = new(*v)
		}
	}
	return out
}

// Model returns [ModelMatrix].
func (*Matrix) Model() Model { return ModelMatrix }

// Config returns a copy of the price's configuration.
func (p *Matrix) Config() MatrixConfig { return cloneMatrix(p.cfg) }

// Dimensions returns the property names usage must be grouped by, without padding.
func (p *Matrix) Dimensions() []string {
	out := make([]string, p.n)
	for i := range out {
		out[i] = *p.cfg.Dimensions[i]
	}
	return out
}

// Rate merges equal groups, then bills each at its cell's rate or the default.
func (p *Matrix) Rate(in Input) (Rated, error) {
	var total ratecard.Decimal
	for i, g := range in.Groups {
		if len(g.Values) != p.n {
			return Rated{}, &ratecard.ValidationError{Field: ratecard.Index("groups", i) + ".values",
				Err: ratecard.Detail(ErrUsageShape, "%d values for a %d-dimension matrix", len(g.Values), p.n)}
		}
		if g.Quantity.Sign() < 0 {
			return Rated{}, checkQuantity(ratecard.Index("groups", i)+".quantity", g.Quantity)
		}
		total = total.Add(g.Quantity)
	}
	if len(in.Groups) == 0 && !in.Quantity.IsZero() {
		return Rated{}, &ratecard.ValidationError{Field: "groups", Err: ratecard.Detail(ErrUsageShape,
			"a matrix price rates usage by group, got a quantity of %s without groups", in.Quantity)}
	}
	if err := checkTotal(in.Quantity, total, "groups"); err != nil {
		return Rated{}, err
	}
	if len(in.Groups) == 0 {
		return Rated{Quantity: total}, nil
	}
	// Merge equal groups in order of first appearance; each distinct group is billed
	// as its cell's part, or as a new part at the default rate.
	subs := make([]ratecard.SubLine, 0, len(in.Groups))
	index := make(map[string]int, len(in.Groups))
	var buf []byte
	for _, g := range in.Groups {
		buf = groupKey(buf[:0], g.Values)
		if j, ok := index[string(buf)]; ok {
			subs[j].Quantity = subs[j].Quantity.Add(g.Quantity)
			continue
		}
		index[string(buf)] = len(subs)
		var part *ratecard.Part
		if c, ok := p.cells[string(buf)]; ok {
			part = p.parts[c]
		} else {
			part = ratecard.NewPart(ratecard.GroupName(g.Values), p.cfg.DefaultUnitAmount, g.Values)
		}
		subs = append(subs, ratecard.SubLine{Part: part, Quantity: g.Quantity})
	}
	var amount ratecard.Decimal
	for i := range subs {
		subs[i].Amount = subs[i].Quantity.Mul(subs[i].Part.UnitAmount())
		amount = amount.Add(subs[i].Amount)
	}
	return Rated{Quantity: total, Amount: amount, SubLines: subs}, nil
}

func (*Matrix) sealed() {}
