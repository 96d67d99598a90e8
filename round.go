package ratecard

import (
	"errors"
	"fmt"
	"math/bits"

	"github.com/cockroachdb/apd/v3"
)

// RoundingMode says how a value between two representable amounts is rounded. The zero
// value is [HalfUp], the default of every invoice.
type RoundingMode uint8

// The rounding modes. "Half" modes round to the nearest value and differ only on an
// exact tie; the others are directed.
const (
	HalfUp   RoundingMode = iota // nearest; ties away from zero (2.345 → 2.35, -2.345 → -2.35)
	HalfEven                     // nearest; ties to the even digit (2.345 → 2.34, 2.355 → 2.36)
	Down                         // toward zero (truncate: 2.349 → 2.34, -2.349 → -2.34)
	Up                           // away from zero (2.341 → 2.35, -2.341 → -2.35)
	Ceiling                      // toward +∞ (2.341 → 2.35, -2.349 → -2.34)
	Floor                        // toward -∞ (2.349 → 2.34, -2.341 → -2.35)
)

var roundingNames = [...]string{
	HalfUp: "half_up", HalfEven: "half_even", Down: "down", Up: "up", Ceiling: "ceiling", Floor: "floor",
}

// ErrUnknownRoundingMode is wrapped by [ParseRoundingMode] for a name it does not know.
var ErrUnknownRoundingMode = errors.New("unknown rounding mode")

// ParseRoundingMode returns the mode named by s: half_up, half_even, down, up, ceiling
// or floor (the names of the case files' rounding_mode).
func ParseRoundingMode(s string) (RoundingMode, error) {
	for m, name := range roundingNames {
		if s == name {
			return RoundingMode(m), nil
		}
	}
	return 0, fmt.Errorf("%w %q (want half_up, half_even, down, up, ceiling or floor)", ErrUnknownRoundingMode, s)
}

// String returns the mode's name as [ParseRoundingMode] reads it.
func (m RoundingMode) String() string {
	if int(m) < len(roundingNames) {
		return roundingNames[m]
	}
	return fmt.Sprintf("RoundingMode(%d)", uint8(m))
}

// MarshalText implements encoding.TextMarshaler.
func (m RoundingMode) MarshalText() ([]byte, error) {
	if int(m) >= len(roundingNames) {
		return nil, fmt.Errorf("%w %d", ErrUnknownRoundingMode, uint8(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *RoundingMode) UnmarshalText(b []byte) error {
	v, err := ParseRoundingMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// increment decides the one rounding step: a magnitude was divided, leaving a quotient
// (odd tells its parity) and a remainder; half compares twice the remainder with the
// divisor (-1, 0, +1), exact tells a zero remainder. A mode outside the declared
// constants rounds as HalfUp.
func (m RoundingMode) increment(neg, odd, exact bool, half int) bool {
	if exact {
		return false
	}
	switch m {
	case HalfEven:
		return half > 0 || half == 0 && odd
	case Down:
		return false
	case Up:
		return true
	case Ceiling:
		return !neg
	case Floor:
		return neg
	}
	return half >= 0
}

// Round returns d rounded to scale digits after the decimal point, with exactly that
// scale: Round of "617" to 2 is "617.00", of "2.345" to 2 (HalfUp) is "2.35". A
// negative scale rounds to tens, hundreds, …; a scale beyond ±[MaxScale] is taken as
// ±MaxScale.
func (d Decimal) Round(scale int32, mode RoundingMode) Decimal {
	scale = min(max(scale, -MaxScale), MaxScale)
	if d.big == nil && scale >= 0 && scale <= maxSmallScale {
		c, s := d.coef(), d.places()
		if s <= scale {
			if c, ok := mulPow10(c, scale-s); ok {
				return small(c, scale)
			}
		} else {
			// Divide the magnitude by 10^k, k ≤ 18, and round once.
			p := pow10[s-scale]
			a := absU(c)
			q, r := a/p, a%p
			if mode.increment(c < 0, q&1 == 1, r == 0, cmpU(r, p-r)) {
				q++
			}
			n := int64(q) // q ≤ |c|/10 + 1: small
			if c < 0 {
				n = -n
			}
			return small(n, scale)
		}
	}
	var t apd.Decimal
	a := d.apd(&t)
	return quoRound(&a.Coeff, a.Negative, a.Exponent, bigOne, false, scale, mode)
}

// Div returns d / x rounded once to scale digits after the decimal point: the exact
// quotient is never formed, so there is no double rounding. Div(x, 0, Ceiling) is the
// ceiling of the quotient. It returns [ErrDivisionByZero] when x is zero. A scale
// beyond ±[MaxScale] is taken as ±MaxScale.
func (d Decimal) Div(x Decimal, scale int32, mode RoundingMode) (Decimal, error) {
	if x.Sign() == 0 {
		return Decimal{}, ErrDivisionByZero
	}
	scale = min(max(scale, -MaxScale), MaxScale)
	if d.big == nil && x.big == nil && scale >= 0 && scale <= maxSmallScale {
		if r, ok := divSmall(d.coef(), d.places(), x.coef(), x.places(), scale, mode); ok {
			return r, nil
		}
	}
	var t1, t2 apd.Decimal
	a, b := d.apd(&t1), x.apd(&t2)
	return quoRound(&a.Coeff, a.Negative, a.Exponent-b.Exponent, &b.Coeff, b.Negative, scale, mode), nil
}

// divSmall divides two small values in 128-bit arithmetic when the scaled dividend fits.
func divSmall(a int64, as int32, b int64, bs int32, scale int32, mode RoundingMode) (Decimal, bool) {
	// a·10^-as / (b·10^-bs) · 10^scale = a·10^(scale+bs-as) / b
	k := scale + bs - as
	num, den := absU(a), absU(b)
	var nh, nl uint64
	switch {
	case k >= 0 && k < int32(len(pow10)):
		nh, nl = bits.Mul64(num, pow10[k])
	case k < 0 && -k < int32(len(pow10)):
		dh, dl := bits.Mul64(den, pow10[-k])
		if dh != 0 {
			return Decimal{}, false
		}
		den, nl = dl, num
	default:
		return Decimal{}, false
	}
	if nh >= den { // quotient would not fit in 64 bits
		return Decimal{}, false
	}
	q, r := bits.Div64(nh, nl, den)
	if q >= maxSmallCoef { // q+1 must stay small
		return Decimal{}, false
	}
	neg := (a < 0) != (b < 0)
	if mode.increment(neg, q&1 == 1, r == 0, cmpU(r, den-r)) {
		q++
	}
	c := int64(q)
	if neg {
		c = -c
	}
	return small(c, scale), true
}

var bigOne = apd.NewBigInt(1)

// quoRound returns round(c1·10^e / c2 · 10^scale) · 10^-scale, the signs given by n1
// and n2, rounded once in mode: the general, exact path of Round and Div.
func quoRound(c1 *apd.BigInt, n1 bool, e int32, c2 *apd.BigInt, n2 bool, scale int32, mode RoundingMode) Decimal {
	// value = c1·10^e / c2; we want N = round(value · 10^scale).
	k := int64(e) + int64(scale)
	var num, den apd.BigInt
	num.Abs(c1)
	den.Abs(c2)
	if k >= 0 {
		num.Mul(&num, pow10Big(k))
	} else {
		den.Mul(&den, pow10Big(-k))
	}
	var q, r apd.BigInt
	q.QuoRem(&num, &den, &r)
	var twice apd.BigInt
	twice.Add(&r, &r)
	neg := n1 != n2
	if mode.increment(neg, q.Bit(0) == 1, r.Sign() == 0, twice.Cmp(&den)) {
		q.Add(&q, bigOne)
	}
	res := new(apd.Decimal)
	res.Coeff.Set(&q)
	res.Negative = neg && q.Sign() != 0
	res.Exponent = -scale
	return fromAPD(res)
}

// pow10Big returns 10^k for k ≥ 0.
func pow10Big(k int64) *apd.BigInt {
	if k < int64(len(pow10)) {
		var b apd.BigInt
		b.SetUint64(pow10[k])
		return &b
	}
	var b apd.BigInt
	return b.Exp(apd.NewBigInt(10), apd.NewBigInt(k), nil)
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
