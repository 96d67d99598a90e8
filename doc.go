// Package ratecard is a pricing engine: it turns a customer's plan and metered usage
// into exact invoice line amounts, with the pricing models of Orb (unit, package,
// matrix, tiered, bulk and the bps family) and their JSON shape.
//
// This root package is the vocabulary the others share and imports none of them:
// [Decimal] numbers, [Currency] scales and [RoundingMode]s, the [Line] and [SubLine]
// of an invoice (a sub-line points at the immutable [Part] of the price it charged
// for: a tier or a matrix group), and [ValidationError]. The models live in package price; usage
// aggregation, plans and the invoice pipeline build on them, and packages compat/waldur
// and compat/frontier price the plans of Waldur and Frontier with the same vocabulary.
//
// # Flow
//
// Data moves one way, and every step is a pure function of its inputs (no clocks, no
// globals, no I/O):
//
//	usage (events → quantities) → price.Rate (exact amount, sub-lines)
//	  → rounding to the currency (once) → adjustments → invoice
//
// Prices and plans are immutable once validated, so one value may rate any number of
// subscriptions concurrently.
//
// # Numbers
//
// Money and quantities are [Decimal]s, never float64. JSON input may write a decimal
// as a string or a number; the digits are kept as written ("0.50" stays "0.50") and
// written back as strings. A value with more than [MaxDigits] significant digits, NaN
// or an infinity is an input error. Add, Sub and Mul are exact; values of up to 17
// significant digits and 18 decimal places are held in one machine word and computed
// with machine integers, everything else with github.com/cockroachdb/apd/v3, with
// identical results.
//
// # Rounding
//
// Every currency has a scale: ISO 4217 minor units (USD 2, JPY 0, KWD 3) or the scale
// a custom pricing unit declares ([CustomCurrency]). Amounts are rounded to it with
// the invoice's [RoundingMode] (half away from zero, [HalfUp], unless the plan says
// otherwise) in exactly these places, each once, through [Currency.Round]:
//
//  1. each sub-line amount (a tier slice, a matrix group), or the line subtotal when
//     the model has no sub-lines; a prorated fixed fee is prorated before this rounding;
//  2. each adjustment computed from a rate or a fraction (a percentage discount, a
//     prorated minimum or maximum).
//
// Everything else is addition of rounded amounts, so displayed numbers always add up:
// a line's subtotal is the sum of its sub-lines, and an invoice's total is the sum of
// its lines, to the last digit. Division ([Decimal.Div]) computes the rounded quotient
// from the exact integer quotient and remainder, so it never rounds twice.
//
// # Errors
//
// Bad input returns an error, never a panic. Each problem is a [ValidationError]
// naming the JSON path of the field and what is wrong with it; several are joined with
// errors.Join, and every one matches [ErrInvalid] and the sentinel of its kind with
// errors.Is:
//
//	price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)
package ratecard
