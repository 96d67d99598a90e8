package discount

import (
	"fmt"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Kind is the kind of a discount.
type Kind string

// The kinds of discounts.
const (
	Usage      Kind = "usage"      // units taken off one price's quantity before rating
	Amount     Kind = "amount"     // an amount taken off the covered lines
	Percentage Kind = "percentage" // a fraction taken off the covered lines
	Trial      Kind = "trial"      // the trial's waiver of usage, optionally capped
)

// Discount is one discount. Which fields apply depends on the kind.
type Discount struct {
	Kind       Kind
	Units      ratecard.Decimal // Usage: the units taken off, ≥ 0
	Amount     ratecard.Decimal // Amount: the amount taken off; Trial: the cap when Capped
	Percentage ratecard.Decimal // Percentage: the fraction taken off, 0 to 1 (0.15 = 15 %)
	Capped     bool             // Trial: the waiver is capped at Amount (else 100 %)
}

// Validate reports the problems of the discount in the plan's currency, at the paths
// of Orb's fields: an amount may not carry more decimals than the currency
// ("25.005" USD is rejected, "25.000" is 25.00).
func (d Discount) Validate(cur ratecard.Currency) error {
	var errs wire.Errors
	switch d.Kind {
	case Usage:
		if d.Units.Sign() < 0 {
			errs.Addf("usage_discount", "%s is negative", d.Units)
		}
	case Amount:
		money(&errs, "amount_discount", d.Amount, cur)
	case Percentage:
		if d.Percentage.Sign() < 0 || d.Percentage.Cmp(ratecard.NewFromInt(1)) > 0 {
			errs.Addf("percentage_discount", "%s is not a fraction from 0 to 1 (0.15 is 15 %%)", d.Percentage)
		}
	case Trial:
		if d.Capped {
			money(&errs, "trial_amount_discount", d.Amount, cur)
		}
	default:
		errs.Addf("discount_type", "%q is not usage, amount, percentage or trial", d.Kind)
	}
	return errs.Err()
}

// money checks an amount of money: not negative, and with no more decimals than the
// currency has, trailing zeros not counted.
func money(errs *wire.Errors, field string, d ratecard.Decimal, cur ratecard.Currency) {
	if d.Sign() < 0 {
		errs.Addf(field, "%s is negative", d)
	}
	if !d.Round(cur.Scale(), ratecard.Down).Equal(d) {
		errs.Addf(field, "%s has more decimals than %s's %d", d, cur, cur.Scale())
	}
}

// Total returns the (negative or zero) total of an amount, percentage or trial
// discount over lines whose running amounts sum to running, rounded once as
// SEMANTICS §1 says: an amount discount takes min(D, S), a percentage p takes
// round(p × S), a trial takes S or, capped, min(cap, S). A usage discount is computed
// per price by re-rating ([UsageAdjustment]); Total returns 0 for it.
func (d Discount) Total(running ratecard.Decimal, cur ratecard.Currency, mode ratecard.RoundingMode) ratecard.Decimal {
	if running.Sign() <= 0 {
		return cur.Round(ratecard.Decimal{}, mode)
	}
	switch d.Kind {
	case Amount:
		return ratecard.Min(d.Amount, running).Neg()
	case Percentage:
		return cur.Round(d.Percentage.Mul(running), mode).Neg()
	case Trial:
		if d.Capped {
			return ratecard.Min(d.Amount, running).Neg()
		}
		return running.Neg()
	}
	return cur.Round(ratecard.Decimal{}, mode)
}

// UsageAdjustment returns a usage discount's adjustment for one line: the line's
// subtotal at the reduced quantity minus its subtotal, never positive (on bulk
// pricing fewer units can fall in a dearer tier, and a discount never raises a line).
// Both subtotals are rounded as lines are, so the difference is in minor units.
func UsageAdjustment(subtotal, reduced ratecard.Decimal, cur ratecard.Currency) ratecard.Decimal {
	zero := cur.Round(ratecard.Decimal{}, ratecard.HalfUp)
	if d := reduced.Sub(subtotal); d.Sign() < 0 {
		return d
	}
	return zero
}

// Allocate splits total (at the currency's scale) across lines in proportion to their
// weights (their running amounts, ≥ 0), or evenly when the weights are all zero. Each
// line gets the floor of its exact share in minor units; the units left over go one
// each to the lines with the largest remainders, ties to the earlier line. The shares
// sum exactly to total, and no share exceeds its line's weight in magnitude when
// |total| ≤ Σ weights, so a discount never takes a line below zero.
func Allocate(total ratecard.Decimal, weights []ratecard.Decimal, cur ratecard.Currency) ([]ratecard.Decimal, error) {
	n := len(weights)
	if n == 0 {
		return nil, nil
	}
	// In minor units, as Decimals: exact at any size (an int64 of cents ends at 9.2e16).
	scale := cur.Scale()
	units := total.Mul(ratecard.New(1, -scale))
	if !units.IsInteger() {
		return nil, fmt.Errorf("discount: total %s is not a whole number of %s minor units", total, cur)
	}
	neg := units.Sign() < 0
	units = units.Abs()
	var sum ratecard.Decimal
	for _, w := range weights {
		if w.Sign() < 0 {
			return nil, fmt.Errorf("discount: negative weight %s", w)
		}
		sum = sum.Add(w)
	}
	even := sum.IsZero()
	shares := make([]ratecard.Decimal, n)
	remainders := make([]ratecard.Decimal, n)
	var given ratecard.Decimal
	for i, w := range weights {
		// The exact share in minor units is units × w / sum (or units / n).
		num, den := units.Mul(w), sum
		if even {
			num, den = units, ratecard.NewFromInt(int64(n))
		}
		floor, err := num.Div(den, 0, ratecard.Floor)
		if err != nil {
			return nil, err
		}
		shares[i] = floor
		given = given.Add(floor)
		remainders[i] = num.Sub(floor.Mul(den)) // compared across lines: all over the same den
	}
	// Leftover units (fewer than n) go to the largest remainders, ties to the earlier.
	left, _ := units.Sub(given).Int64() // 0 ≤ left < n
	one := ratecard.NewFromInt(1)
	for ; left > 0; left-- {
		best := -1
		for i := range remainders {
			if remainders[i].Sign() >= 0 && (best < 0 || remainders[i].Cmp(remainders[best]) > 0) {
				best = i
			}
		}
		shares[best] = shares[best].Add(one)
		remainders[best] = one.Neg() // one extra unit per line at most
	}
	minor := ratecard.New(1, scale)
	for i, s := range shares {
		if neg {
			s = s.Neg()
		}
		shares[i] = s.Mul(minor)
	}
	return shares, nil
}
