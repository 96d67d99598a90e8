package ratecard

import (
	"fmt"
	"math/big"

	"github.com/cockroachdb/apd/v3"
)

// This file gives the external tests (package ratecard_test) a view of the
// representation, which the API deliberately hides.

// IsSmall reports whether d is held in the machine-integer form.
func IsSmall(d Decimal) bool { return d.big == nil }

// CheckCanonical returns nil when d is in the one form its value must have, and
// otherwise says what is wrong. It is written from the invariants documented on
// Decimal, independently of fromAPD:
//   - the small form has big == nil, a scale (the low 5 bits) of 0–18 and a
//     coefficient (the high 59 bits) of magnitude at most 2^58 − 1;
//   - the big form is finite, not -0, has an exponent ≤ 0, and its value does not fit
//     the small form: at scale -exponent its coefficient is above 2^58 − 1 or the
//     scale is above 18.
func CheckCanonical(d Decimal) error {
	if d.big == nil {
		if s := d.packed & 31; s > maxSmallScale {
			return fmt.Errorf("small form with scale %d", s)
		}
		if c := d.packed >> 5; c > 1<<58-1 || c < -(1<<58-1) {
			return fmt.Errorf("small form with coefficient %d beyond ±(2^58 − 1)", c)
		}
		return nil
	}
	b := d.big
	if d.packed != 0 {
		return fmt.Errorf("big form with a stray small word %#x", d.packed)
	}
	if b.Form != apd.Finite {
		return fmt.Errorf("big form %v is not finite", b.Form)
	}
	c := new(big.Int).Set(b.Coeff.MathBigInt())
	if c.Sign() < 0 {
		return fmt.Errorf("big form with negative coefficient %s", c)
	}
	if c.Sign() == 0 && b.Negative {
		return fmt.Errorf("big form -0")
	}
	if b.Exponent > 0 {
		return fmt.Errorf("big form with positive exponent %d", b.Exponent)
	}
	if -int64(b.Exponent) <= maxSmallScale && c.CmpAbs(big.NewInt(1<<58-1)) <= 0 {
		return fmt.Errorf("big form %s×10^%d fits the small form", c, b.Exponent)
	}
	return nil
}
