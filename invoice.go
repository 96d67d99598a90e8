package ratecard

import (
	"errors"
	"fmt"
	"time"
)

// Period is a half-open interval of time [Start, End): Start belongs to it, End does
// not.
type Period struct {
	Start, End time.Time
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// IsZero reports whether the period is the zero Period.
func (p Period) IsZero() bool { return p.Start.IsZero() && p.End.IsZero() }

// String returns the period in RFC 3339: "[2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z)".
func (p Period) String() string {
	return "[" + p.Start.Format(time.RFC3339) + ", " + p.End.Format(time.RFC3339) + ")"
}

// AdjustmentKind names what an adjustment does, by Orb's adjustment_type.
type AdjustmentKind string

// The kinds of adjustments, in the order an invoice applies them (SEMANTICS §5).
const (
	UsageDiscount      AdjustmentKind = "usage_discount"      // units taken off a price's quantity
	AmountDiscount     AdjustmentKind = "amount_discount"     // an amount taken off
	PercentageDiscount AdjustmentKind = "percentage_discount" // a fraction taken off
	Minimum            AdjustmentKind = "minimum"             // a true-up to a minimum
	Maximum            AdjustmentKind = "maximum"             // a cap
	TrialDiscount      AdjustmentKind = "trial_discount"      // the trial's waiver of usage
	// PrepaidCredits is prepaid credits drawn down against an in-arrears line, after
	// every other adjustment (Orb's credits_applied; package compat/frontier).
	PrepaidCredits AdjustmentKind = "prepaid_credits"
)

// Adjustment is one adjustment as applied to one line: its share of an adjustment
// that may cover several lines.
type Adjustment struct {
	Kind   AdjustmentKind
	Source string  // where the adjustment is defined: "adjustments[2]", "prices[0].discount", …
	Amount Decimal // this line's share: negative for discounts and caps, positive for true-ups
}

// Invoice is the priced result of one billing period of a subscription.
//
// Its sums hold to the last digit: Subtotal is the sum of the lines' subtotals and
// Total the sum of their amounts.
type Invoice struct {
	Currency Currency
	Period   Period // the billing period
	Lines    []Line // by phase, then in the plan's price order
	Subtotal Decimal
	Total    Decimal
}

// ErrUnbalanced is returned by [Invoice.Check] when an invoice's sums do not hold.
var ErrUnbalanced = errors.New("invoice sums do not hold")

// Check verifies the invoice's arithmetic: every line's subtotal is the sum of its
// sub-lines (when it has any) and its amount the subtotal plus its adjustments, every
// amount is at the currency's scale, and the invoice's subtotal and total are the sums
// of its lines. Invoices built by this module always pass; Check is for invoices
// that have been stored, edited or decoded.
func (inv *Invoice) Check() error {
	var subtotal, total Decimal
	scale := inv.Currency.Scale()
	atScale := func(d Decimal) bool { return d.Round(scale, Down).Equal(d) }
	for i, l := range inv.Lines {
		at := fmt.Sprintf("lines[%d] (%s)", i, l.PriceID)
		if len(l.SubLines) > 0 {
			var sum Decimal
			for _, s := range l.SubLines {
				sum = sum.Add(s.Amount)
			}
			if !sum.Equal(l.Subtotal) {
				return fmt.Errorf("%w: %s: subtotal %s, sub-lines sum to %s", ErrUnbalanced, at, l.Subtotal, sum)
			}
		}
		amount := l.Subtotal
		for _, a := range l.Adjustments {
			if !atScale(a.Amount) {
				return fmt.Errorf("%w: %s: adjustment %s is not at the currency's scale", ErrUnbalanced, at, a.Amount)
			}
			amount = amount.Add(a.Amount)
		}
		if !amount.Equal(l.Amount) || !atScale(l.Subtotal) || !atScale(l.Amount) {
			return fmt.Errorf("%w: %s: subtotal %s with adjustments makes %s, amount is %s", ErrUnbalanced, at, l.Subtotal, amount, l.Amount)
		}
		subtotal = subtotal.Add(l.Subtotal)
		total = total.Add(l.Amount)
	}
	if !subtotal.Equal(inv.Subtotal) || !total.Equal(inv.Total) {
		return fmt.Errorf("%w: lines sum to subtotal %s and total %s, invoice says %s and %s", ErrUnbalanced, subtotal, total, inv.Subtotal, inv.Total)
	}
	return nil
}
