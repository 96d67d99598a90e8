package price

import (
	"errors"
	"slices"

	"github.com/ratecard/ratecard"
)

// Model names a pricing model by its Orb model_type.
type Model string

// The supported models.
const (
	ModelUnit      Model = "unit"
	ModelPackage   Model = "package"
	ModelMatrix    Model = "matrix"
	ModelTiered    Model = "tiered"
	ModelBulk      Model = "bulk"
	ModelBPS       Model = "bps"
	ModelBulkBPS   Model = "bulk_bps"
	ModelTieredBPS Model = "tiered_bps"
)

var models = []Model{ModelUnit, ModelPackage, ModelMatrix, ModelTiered, ModelBulk, ModelBPS, ModelBulkBPS, ModelTieredBPS}

// Models returns the supported models in documentation order.
func Models() []Model { return slices.Clone(models) }

// ConfigKey returns the JSON key of the model's configuration: "tiered_config".
func (m Model) ConfigKey() string { return string(m) + "_config" }

// Errors a price reports while rating; each is wrapped in a [ratecard.ValidationError]
// naming the field, so errors.Is matches both the sentinel and [ratecard.ErrInvalid].
var (
	// ErrUnknownModel: a model_type this package does not implement.
	ErrUnknownModel = errors.New("unknown model_type")
	// ErrNegativeQuantity: a negative quantity, group quantity or event value.
	ErrNegativeQuantity = errors.New("negative quantity")
	// ErrAboveLastTier: a bulk or bulk_bps quantity above a bounded last tier.
	ErrAboveLastTier = errors.New("quantity above the last tier")
	// ErrUsageShape: usage the model cannot rate, such as a bare quantity for a matrix
	// price (it needs groups) or for a bps price (it needs per-event values).
	ErrUsageShape = errors.New("usage of the wrong shape")
)

// Price computes the amount a pricing model charges for usage. Each model is its own
// type ([Unit], [Package], [Matrix], [Tiered], [Bulk], [BPS], [BulkBPS],
// [TieredBPS]), built by its New function or by [Decode], which validate the
// configuration; a Price is immutable and safe for concurrent use.
type Price interface {
	// Model returns the model_type.
	Model() Model
	// Rate returns the exact amount and breakdown for the usage. Its errors name the
	// offending field ("quantity", "bulk_config.tiers"); a caller rating a plan adds
	// the price's identity.
	Rate(in Input) (Rated, error)

	sealed() // the set of models is closed: JSON decoding and encoding switch over it
}

// Input is the usage a price rates. Each model reads the part its rule needs:
//   - unit, package, tiered, bulk: Quantity;
//   - matrix: Groups (Quantity, when not zero, must equal their total);
//   - bps, bulk_bps, tiered_bps: EventValues in timestamp order (Quantity, when not
//     zero, must equal their total).
//
// A fixed fee is rated with Quantity set to its fixed quantity.
type Input struct {
	Quantity    ratecard.Decimal
	Groups      []Group
	EventValues []ratecard.Decimal
}

// Group is the usage of one group of property values, a matrix cell's coordinates:
// Values holds one value per dimension in the price's dimension order, nil where the
// events lacked the property. Equal groups are merged when rated.
type Group = ratecard.Group

// Rated is what a price computes for usage, before any rounding: the exact amount and,
// for tiered and matrix prices, the sub-lines it is the sum of.
type Rated struct {
	Quantity ratecard.Decimal   // the measured quantity: q, the groups' total, or the events' total
	Amount   ratecard.Decimal   // the exact amount; the sum of the SubLines' amounts when there are any
	SubLines []ratecard.SubLine // tier slices or matrix groups, amounts exact
}

// Line rounds the rating into an invoice line, per SEMANTICS §1: every sub-line amount
// is rounded to the currency's scale and the subtotal is their sum, or, for a model
// without sub-lines, the subtotal is rounded. The line's amount is its subtotal; the
// adjustments of a plan come later.
func (r Rated) Line(priceID, name string, cur ratecard.Currency, mode ratecard.RoundingMode) ratecard.Line {
	return r.ProratedLine(priceID, name, cur, mode, 1, 1)
}

// ProratedLine is Line for a fee prorated to days of a period of periodDays days:
// each amount is multiplied by days/periodDays and rounded once, from the exact
// quotient ([ratecard.Decimal.Div]), so proration adds no rounding of its own.
func (r Rated) ProratedLine(priceID, name string, cur ratecard.Currency, mode ratecard.RoundingMode, days, periodDays int) ratecard.Line {
	round := func(d ratecard.Decimal) ratecard.Decimal { return cur.Round(d, mode) }
	if days != periodDays && periodDays > 0 {
		num, den := ratecard.NewFromInt(int64(days)), ratecard.NewFromInt(int64(periodDays))
		round = func(d ratecard.Decimal) ratecard.Decimal {
			q, _ := d.Mul(num).Div(den, cur.Scale(), mode) // den > 0
			return q
		}
	}
	line := ratecard.Line{PriceID: priceID, Name: name, Quantity: r.Quantity}
	if len(r.SubLines) == 0 {
		line.Subtotal = round(r.Amount)
	} else {
		line.SubLines = make([]ratecard.SubLine, len(r.SubLines))
		line.Subtotal = cur.Round(ratecard.Decimal{}, mode)
		for i, s := range r.SubLines {
			s.Amount = round(s.Amount)
			line.SubLines[i] = s
			line.Subtotal = line.Subtotal.Add(s.Amount)
		}
	}
	line.Amount = line.Subtotal
	return line
}

// checkQuantity reports a negative quantity at field, or nil.
func checkQuantity(field string, q ratecard.Decimal) error {
	if q.Sign() < 0 {
		return &ratecard.ValidationError{Field: field, Err: ratecard.Detail(ErrNegativeQuantity, "%s is negative", q)}
	}
	return nil
}

// checkTotal verifies that a quantity passed alongside groups or event values is their
// total, so that a caller cannot rate one figure and display another.
func checkTotal(q, total ratecard.Decimal, of string) error {
	if !q.IsZero() && !q.Equal(total) {
		return &ratecard.ValidationError{Field: "quantity", Err: ratecard.Detail(ErrUsageShape, "%s differs from the %s' total %s", q, of, total)}
	}
	return nil
}
