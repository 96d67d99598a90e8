// Package gen holds rapid generators and test helpers shared by the project's tests.
// It imports only the root package.
package gen

import (
	"math/big"
	"strconv"

	"github.com/ratecard/ratecard"
	"pgregory.net/rapid"
)

// Decimal generates decimals of every shape the library meets: small integers and
// amounts, values near the int64 boundary, coefficients up to 34 digits, scales past
// the fast path's 18 and positive exponents, of either sign.
func Decimal() *rapid.Generator[ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) ratecard.Decimal {
		d := NonNegative().Draw(t, "magnitude")
		if rapid.Bool().Draw(t, "negative") {
			return d.Neg()
		}
		return d
	})
}

// NonNegative generates decimals ≥ 0 of the shapes [Decimal] does.
func NonNegative() *rapid.Generator[ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) ratecard.Decimal {
		digits := rapid.OneOf(
			rapid.Map(rapid.Uint64Range(0, 1000), formatUint),
			rapid.Map(rapid.Uint64(), formatUint),
			// around 2^58, where the one-word form hands over to apd, and 2^63,
			// where a uint64's signed half ends
			rapid.Map(rapid.Uint64Range(1<<58-1000, 1<<58+1000), formatUint),
			rapid.Map(rapid.Uint64Range(1<<63-1000, 1<<63+1000), formatUint),
			rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), 1, ratecard.MaxDigits, -1),
		).Draw(t, "digits")
		exp := rapid.IntRange(-24, 6).Draw(t, "exponent")
		return ratecard.MustParse(digits + "e" + strconv.Itoa(exp))
	})
}

// Amount generates a non-negative amount or quantity of the everyday kind: at most
// maxInt in magnitude before the point and at most maxScale digits after it.
func Amount(maxInt int64, maxScale int32) *rapid.Generator[ratecard.Decimal] {
	return rapid.Custom(func(t *rapid.T) ratecard.Decimal {
		scale := rapid.Int32Range(0, maxScale).Draw(t, "scale")
		limit := maxInt
		for range scale {
			limit *= 10
		}
		return ratecard.New(rapid.Int64Range(0, limit).Draw(t, "coef"), scale)
	})
}

// Rat returns the exact rational value of d, the model the tests check arithmetic
// against.
func Rat(d ratecard.Decimal) *big.Rat {
	r, ok := new(big.Rat).SetString(d.String())
	if !ok {
		panic("gen.Rat: " + d.String())
	}
	return r
}

func formatUint(u uint64) string { return strconv.FormatUint(u, 10) }
