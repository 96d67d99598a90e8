// Package minimum holds minimum and maximum commitments: a minimum raises the
// adjusted subtotal of the lines it covers to its amount (a true-up), a maximum caps
// it. On a partial billing period both are prorated by days, and rounded once.
//
// Which lines a commitment covers, and when it applies (after the discounts; a
// maximum after a minimum, so if min > max the maximum wins), is the plan's business
// (package plan); this package is the arithmetic.
package minimum

import (
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/wire"
)

// Commitment is a minimum or a maximum amount of spend over a billing period.
type Commitment struct {
	Maximum bool             // false: a minimum
	Amount  ratecard.Decimal // the amount for a whole billing period, ≥ 0
}

// Validate reports the problems of the commitment in the plan's currency, at Orb's
// field: minimum_amount or maximum_amount. The amount may not carry more decimals
// than the currency, trailing zeros not counted.
func (c Commitment) Validate(cur ratecard.Currency) error {
	var errs wire.Errors
	field := "minimum_amount"
	if c.Maximum {
		field = "maximum_amount"
	}
	if c.Amount.Sign() < 0 {
		errs.Addf(field, "%s is negative", c.Amount)
	}
	if !c.Amount.Round(cur.Scale(), ratecard.Down).Equal(c.Amount) {
		errs.Addf(field, "%s has more decimals than %s's %d", c.Amount, cur, cur.Scale())
	}
	return errs.Err()
}

// Prorated returns the amount for days of a billing period of periodDays days,
// rounded once to the currency (amount × days / periodDays); the whole amount when
// days ≥ periodDays.
func (c Commitment) Prorated(days, periodDays int, cur ratecard.Currency, mode ratecard.RoundingMode) ratecard.Decimal {
	if days >= periodDays || periodDays <= 0 {
		return cur.Round(c.Amount, mode)
	}
	d, _ := c.Amount.Mul(ratecard.NewFromInt(int64(days))).Div(ratecard.NewFromInt(int64(periodDays)), cur.Scale(), mode)
	return d
}

// Total returns the adjustment the commitment makes to lines whose running amounts
// sum to running, for an amount already prorated: a minimum's true-up
// max(0, amount − running), positive; a maximum's reduction −max(0, running − amount),
// negative.
func (c Commitment) Total(amount, running ratecard.Decimal, cur ratecard.Currency) ratecard.Decimal {
	zero := cur.Round(ratecard.Decimal{}, ratecard.HalfUp)
	if c.Maximum {
		if running.Cmp(amount) > 0 {
			return amount.Sub(running)
		}
		return zero
	}
	if amount.Cmp(running) > 0 {
		return amount.Sub(running)
	}
	return zero
}
