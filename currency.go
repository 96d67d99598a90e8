package ratecard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/moov-io/iso4217"
)

// Currency is the unit of an invoice's amounts and the scale they are rounded to: an
// ISO 4217 currency with its minor units (USD 2, JPY 0, KWD 3) or a custom pricing
// unit, such as credits, with a declared scale.
//
// The zero value is not a currency; [Currency.Round] with it rounds to whole units.
type Currency struct {
	code   string
	scale  int32
	custom bool
}

// Currency errors: [ParseCurrency] wraps ErrUnknownCurrency for a code that is not
// ISO 4217; [CustomCurrency] wraps ErrInvalidCurrency for a name or scale it rejects.
var (
	ErrUnknownCurrency = errors.New("unknown currency")
	ErrInvalidCurrency = errors.New("invalid currency")
)

// MaxCurrencyScale is the largest scale a custom pricing unit may declare.
const MaxCurrencyScale = 18

// ParseCurrency returns the ISO 4217 currency with the given alphabetic code, in any
// letter case, with its ISO minor units (USD 2, JPY 0, KWD 3, CLF 4; 0 for the codes
// ISO lists without minor units, such as XAU and XXX). The table is
// github.com/moov-io/iso4217, generated from ISO's published list; a code newer than
// that list is unknown here and can be declared with [CustomCurrency].
//
// (golang.org/x/text/currency was the first choice, but its digits are CLDR's, which
// differ from ISO's for IDR, COP, IQD and a dozen others, and it lacks VES and MRU.)
func ParseCurrency(code string) (Currency, error) {
	if len(code) == 3 {
		upper := strings.ToUpper(code)
		if upper[0] >= 'A' && upper[0] <= 'Z' { // the table also knows numeric codes
			if c, ok := iso4217.Lookup(upper); ok {
				return Currency{code: c.Code, scale: int32(c.DecimalPlaces)}, nil
			}
		}
	}
	return Currency{}, fmt.Errorf("%w %q: not an ISO 4217 code (declare a custom unit with its scale)", ErrUnknownCurrency, code)
}

// CustomCurrency returns a custom pricing unit (such as "credits") whose amounts are
// rounded to scale digits. An ISO 4217 code is accepted only with its own minor units
// and then returns that currency: a plan cannot round USD to 3 digits.
func CustomCurrency(code string, scale int) (Currency, error) {
	if iso, err := ParseCurrency(code); err == nil {
		if int(iso.scale) != scale {
			return Currency{}, fmt.Errorf("%w: %s has %d minor units, not %d", ErrInvalidCurrency, iso.code, iso.scale, scale)
		}
		return iso, nil
	}
	if code == "" || len(code) > 32 || strings.IndexFunc(code, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) >= 0 {
		return Currency{}, fmt.Errorf("%w: custom unit %q: want 1–32 letters, digits, '_' or '-'", ErrInvalidCurrency, code)
	}
	if scale < 0 || scale > MaxCurrencyScale {
		return Currency{}, fmt.Errorf("%w: custom unit %s: scale %d out of range 0–%d", ErrInvalidCurrency, code, scale, MaxCurrencyScale)
	}
	return Currency{code: code, scale: int32(scale), custom: true}, nil
}

// Code returns the currency's code: "USD", or a custom unit's name.
func (c Currency) Code() string { return c.code }

// Scale returns the number of digits amounts are rounded to.
func (c Currency) Scale() int32 { return c.scale }

// IsCustom reports whether c is a custom pricing unit rather than an ISO currency.
func (c Currency) IsCustom() bool { return c.custom }

// String returns the code.
func (c Currency) String() string { return c.code }

// Round rounds an amount to the currency's scale with mode. It is the one function
// through which the library rounds money (SEMANTICS §1).
func (c Currency) Round(amount Decimal, mode RoundingMode) Decimal {
	return amount.Round(c.scale, mode)
}
