package ratecard

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"

	"github.com/cockroachdb/apd/v3"
)

// Decimal is an exact decimal number: a quantity, a rate or an amount of money.
//
// The zero value is 0. A Decimal is an immutable value: every operation returns a new
// one, so Decimals may be copied, stored and shared across goroutines freely. Compare
// them with [Decimal.Equal] or [Decimal.Cmp], never with ==.
//
// A Decimal keeps the digits it was written with: "0.50" has scale 2 and prints as
// "0.50", and it is Equal to "0.5". Add, Sub and Mul are exact. Div and Round take an
// explicit scale and [RoundingMode], and round once.
//
// Values with at most 17 significant digits and 18 fractional digits (nearly every
// quantity and amount in billing) are held in one machine word and computed with
// machine integers, without allocation; a Decimal is two words. All other values are
// held in an [apd.Decimal], so results are exact whatever their size.
type Decimal struct {
	// packed holds a small value (big == nil): its coefficient c in the high 59 bits
	// and its scale s in the low 5, the value being c × 10^-s, with |c| ≤ maxSmallCoef
	// and 0 ≤ s ≤ maxSmallScale. Every value that fits is kept small, so that two small
	// operands always take the fast paths; two small values have the same scale
	// exactly when their low 5 bits agree, and then packed orders them as c does.
	packed int64
	// big holds every other value: finite, never -0, with an exponent ≤ 0 (a positive
	// exponent is multiplied into the coefficient, as in the small form, so that both
	// forms give results the same scale), never mutated after it is created, so copies
	// of a Decimal may share it.
	big *apd.Decimal
}

const (
	// maxSmallScale bounds the scale of the small form so that any two small values
	// can be aligned exactly in 128 bits (|coef| < 2^58, 10^18 < 2^60).
	maxSmallScale = 18
	// scaleBits of packed hold the scale; the rest the coefficient, at most
	// maxSmallCoef in magnitude (2^58 − 1, 17 full digits).
	scaleBits    = 5
	scaleMask    = 1<<scaleBits - 1
	maxSmallCoef = 1<<(63-scaleBits) - 1

	// MaxDigits is the largest number of significant digits [Parse] accepts (the
	// precision of IEEE 754 decimal128).
	MaxDigits = 34
	// MaxScale bounds the scale arguments of [New], [Decimal.Round] and [Decimal.Div]:
	// apd's exponent range. Parsed values stay far inside it (|exponent| ≤ 6176).
	MaxScale = apd.MaxExponent
	// minParseExp and maxParseExp bound the exponent of the last digit of a parsed
	// value (decimal128's range), so no input can drive apd out of its exponent range.
	minParseExp = -6176
	maxParseExp = 6111
)

// ErrInvalidDecimal is the error wrapped by every failure to parse a [Decimal].
var ErrInvalidDecimal = errors.New("invalid decimal")

// ErrDivisionByZero is returned by [Decimal.Div] when the divisor is zero.
var ErrDivisionByZero = errors.New("division by zero")

// pow10 holds 10^0 … 10^19, every power of ten that fits in a uint64.
var pow10 = [20]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// small returns the small value c × 10^-s; the caller has checked fits(c) and s.
func small(c int64, s int32) Decimal { return Decimal{packed: c<<scaleBits | int64(s)} }

// fits reports whether c can be the coefficient of a small value.
func fits(c int64) bool { return -maxSmallCoef <= c && c <= maxSmallCoef }

// coef and places return a small value's coefficient and scale.
func (d Decimal) coef() int64   { return d.packed >> scaleBits }
func (d Decimal) places() int32 { return int32(d.packed & scaleMask) }
func (d Decimal) sameScale(x Decimal) bool {
	return d.big == nil && x.big == nil && d.packed&scaleMask == x.packed&scaleMask
}

// exact is the context for Add, Sub and Mul: precision 0 means no rounding, so the
// results are exact. Quo-like operations never use it.
var exact = apd.Context{
	Precision:   0,
	MaxExponent: apd.MaxExponent,
	MinExponent: apd.MinExponent,
	Traps:       apd.DefaultTraps,
}

// New returns coef × 10^-scale: New(50, 2) is 0.50. A negative scale multiplies:
// New(3, -2) is 300. Like MustParse it is meant for values known to the program: it
// panics if scale is outside ±[MaxScale].
func New(coef int64, scale int32) Decimal {
	if scale >= 0 && scale <= maxSmallScale && fits(coef) {
		return small(coef, scale)
	}
	if scale < -MaxScale || scale > MaxScale {
		panic(fmt.Sprintf("ratecard.New: scale %d outside ±%d", scale, MaxScale))
	}
	var d apd.Decimal
	d.SetFinite(coef, -scale)
	return fromAPD(&d)
}

// NewFromInt returns the integer i as a Decimal with scale 0.
func NewFromInt(i int64) Decimal { return New(i, 0) }

// NewFromAPD returns the value of a finite apd.Decimal. It reports an error for NaN and
// infinities. The argument is copied, not retained.
func NewFromAPD(d *apd.Decimal) (Decimal, error) {
	if d == nil || d.Form != apd.Finite {
		return Decimal{}, fmt.Errorf("%w: not a finite number", ErrInvalidDecimal)
	}
	var c apd.Decimal
	c.Set(d)
	return fromAPD(&c), nil
}

// APD returns the value as a new apd.Decimal, which the caller owns.
func (d Decimal) APD() *apd.Decimal {
	r := new(apd.Decimal)
	if d.big != nil {
		return r.Set(d.big)
	}
	return r.SetFinite(d.coef(), -d.places())
}

// MustParse is like [Parse] but panics if s is not a valid decimal. It is meant for
// constants in programs and tests, not for input.
func MustParse(s string) Decimal {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Parse reads a decimal written in plain or exponent notation: "12", "-0.50", ".5",
// "1.25e3". It accepts at most [MaxDigits] significant digits and the exponent range of
// IEEE 754 decimal128, and rejects NaN, infinities, spaces and anything else, returning
// an error that wraps [ErrInvalidDecimal]. Zeros that end an integer written without a
// fractional part are not significant ("1200" has two significant digits), so Parse
// reads back every value it accepted from its [Decimal.String]: "1.2e40" prints as
// "12" followed by 39 zeros.
func Parse(s string) (Decimal, error) {
	return parse(s)
}

// parse is Parse over string or []byte, so JSON input is read without a copy.
func parse[T string | []byte](s T) (Decimal, error) {
	neg := false
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var (
		coef      uint64
		overflow  bool // the coefficient no longer fits in a uint64: use apd
		digits    int  // significant digits: leading zeros excluded
		trailing  int  // zeros at the end of the significant digits
		anyDigit  bool
		fracDigit int
		seenDot   bool
	)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if seenDot {
				return Decimal{}, parseError(s, "second decimal point")
			}
			seenDot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		anyDigit = true
		if seenDot {
			fracDigit++
		}
		if digits == 0 && c == '0' {
			continue
		}
		digits++
		if c == '0' {
			trailing++
		} else {
			trailing = 0
		}
		if !overflow {
			hi, lo := bits.Mul64(coef, 10)
			lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
			if hi != 0 || carry != 0 {
				overflow = true
			} else {
				coef = lo
			}
		}
	}
	if !anyDigit {
		return Decimal{}, parseError(s, "no digits")
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			eneg = s[i] == '-'
			i++
		}
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if exp < 1e9 { // saturate: anything this large is out of range anyway
				exp = exp*10 + int64(s[i]-'0')
			}
		}
		if i == start {
			return Decimal{}, parseError(s, "exponent has no digits")
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(s) {
		return Decimal{}, parseError(s, fmt.Sprintf("unexpected %q", rune(s[i])))
	}
	exp -= int64(fracDigit) // exponent of the last digit written
	// Trailing zeros of an integer ("1200", as String writes 1.2e3) only hold places:
	// count them as exponent, not as digits.
	sig, top := digits, exp
	if exp >= 0 {
		sig -= trailing
		top += int64(trailing)
	}
	if sig > MaxDigits {
		return Decimal{}, parseError(s, fmt.Sprintf("more than %d significant digits", MaxDigits))
	}
	if exp < minParseExp || top > maxParseExp {
		return Decimal{}, parseError(s, "exponent out of range")
	}
	if digits == 0 {
		neg = false // -0 is 0
	}
	if !overflow && coef <= math.MaxInt64 {
		c := int64(coef)
		if neg {
			c = -c
		}
		if exp <= 0 && -exp <= maxSmallScale && fits(c) {
			return small(c, int32(-exp)), nil
		}
		var a apd.Decimal
		a.SetFinite(c, int32(exp))
		return fromAPD(&a), nil
	}
	// Too many digits for a machine word: let apd read the coefficient. The scan above
	// has already accepted exactly the syntax apd accepts for finite numbers.
	a := new(apd.Decimal)
	if _, _, err := a.SetString(string(s)); err != nil || a.Form != apd.Finite {
		return Decimal{}, parseError(s, "not a finite number")
	}
	return fromAPD(a), nil
}

func parseError[T string | []byte](s T, why string) error {
	const max = 40
	in := string(s)
	if len(in) > max {
		in = in[:max] + "…"
	}
	return fmt.Errorf("%w %q: %s", ErrInvalidDecimal, in, why)
}

// fromAPD returns the canonical Decimal for a finite apd value. It may keep a pointer
// to a; callers pass a value they do not use again.
func fromAPD(a *apd.Decimal) Decimal {
	if a.Coeff.Sign() == 0 {
		switch {
		case a.Exponent >= 0:
			return Decimal{}
		case -a.Exponent <= maxSmallScale:
			return small(0, -a.Exponent)
		}
		a.Negative = false
		return Decimal{big: a}
	}
	if a.Exponent <= 0 && -a.Exponent <= maxSmallScale && a.Coeff.IsInt64() {
		if c := a.Coeff.Int64(); fits(c) {
			if a.Negative {
				c = -c
			}
			return small(c, -a.Exponent)
		}
	}
	if a.Exponent > 0 && a.Exponent < int32(len(pow10)) && a.Coeff.IsUint64() {
		hi, lo := bits.Mul64(a.Coeff.Uint64(), pow10[a.Exponent])
		if hi == 0 && lo <= maxSmallCoef {
			c := int64(lo)
			if a.Negative {
				c = -c
			}
			return small(c, 0)
		}
	}
	if a.Exponent > 0 && a.Exponent <= apd.MaxExponent {
		// 1E+25 and 10000000000000000000000000 must be the same value in every
		// respect: times 0.001 both are ….000, as 1E+2 and 100 are in the small form.
		a.Coeff.Mul(&a.Coeff, pow10Big(int64(a.Exponent)))
		a.Exponent = 0
	}
	return Decimal{big: a}
}

// apd stores the value into t, which must be a fresh zero value, and returns a
// pointer that apd may read but nobody may write.
func (d *Decimal) apd(t *apd.Decimal) *apd.Decimal {
	if d.big != nil {
		return d.big
	}
	return t.SetFinite(d.coef(), -d.places())
}

// String returns the value in plain notation with the digits it carries: "0.50",
// "-12", "1000" (never "1E+3").
func (d Decimal) String() string {
	var buf [24]byte
	return string(d.Append(buf[:0]))
}

// Append appends the plain notation of d (as [Decimal.String]) to buf.
func (d Decimal) Append(buf []byte) []byte {
	if d.big != nil {
		return append(buf, d.big.Text('f')...)
	}
	c, scale := d.coef(), d.places()
	if c < 0 {
		buf = append(buf, '-')
		c = -c
	}
	if scale == 0 {
		return strconv.AppendInt(buf, c, 10)
	}
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], c, 10)
	if n := int(scale) - len(digits); n >= 0 {
		buf = append(buf, '0', '.')
		for ; n > 0; n-- {
			buf = append(buf, '0')
		}
		return append(buf, digits...)
	}
	point := len(digits) - int(scale)
	buf = append(buf, digits[:point]...)
	buf = append(buf, '.')
	return append(buf, digits[point:]...)
}

// GoString returns Go syntax for d, so %#v and test failures print something readable.
func (d Decimal) GoString() string {
	return `ratecard.MustParse("` + d.String() + `")`
}

// MarshalJSON writes d as a JSON string in plain notation: money leaves as "0.50".
func (d Decimal) MarshalJSON() ([]byte, error) {
	buf := make([]byte, 0, 24)
	buf = append(buf, '"')
	buf = d.Append(buf)
	return append(buf, '"'), nil
}

// UnmarshalJSON reads a JSON string ("0.50") or number (0.50) without going through
// float64, keeping the digits as written. JSON null is rejected: a Decimal field is
// required; use a *Decimal for an optional one.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
		for _, c := range b {
			if c == '\\' || c == '"' {
				return parseError(b, "escapes are not allowed in a decimal string")
			}
		}
	} else if string(b) == "null" {
		return fmt.Errorf("%w: null", ErrInvalidDecimal)
	}
	v, err := parse(b)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText implements encoding.TextMarshaler with the plain notation of String.
func (d Decimal) MarshalText() ([]byte, error) { return d.Append(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler with the syntax of [Parse].
func (d *Decimal) UnmarshalText(b []byte) error {
	v, err := parse(b)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Sign returns -1, 0 or +1 as d is negative, zero or positive.
func (d Decimal) Sign() int {
	if d.big != nil {
		return d.big.Sign()
	}
	switch c := d.coef(); {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// IsZero reports whether d is 0 (at any scale).
func (d Decimal) IsZero() bool { return d.Sign() == 0 }

// Scale returns the number of digits after the decimal point that d carries: 2 for
// "0.50", 0 for "1000".
func (d Decimal) Scale() int32 {
	if d.big != nil {
		return max(-d.big.Exponent, 0)
	}
	return d.places()
}

// IsInteger reports whether d has no fractional part ("3.00" is an integer).
func (d Decimal) IsInteger() bool {
	if d.big == nil {
		return d.coef()%int64(pow10[d.places()]) == 0
	}
	if d.big.Exponent >= 0 {
		return true
	}
	var frac, integ apd.Decimal
	d.big.Modf(&integ, &frac)
	return frac.IsZero()
}

// Int64 returns d as an int64 and true when d is an integer in int64's range.
func (d Decimal) Int64() (int64, bool) {
	if d.big == nil {
		c, p := d.coef(), int64(pow10[d.places()])
		if c%p != 0 {
			return 0, false
		}
		return c / p, true
	}
	i, err := d.big.Int64()
	return i, err == nil
}

// Equal reports whether d and x have the same value: "1.50" equals "1.5".
func (d Decimal) Equal(x Decimal) bool { return d.Cmp(x) == 0 }

// Cmp compares d and x and returns -1, 0 or +1 as d is less than, equal to or greater
// than x.
func (d Decimal) Cmp(x Decimal) int {
	// The common case: two small values at one scale, ordered as their packed words.
	if d.sameScale(x) {
		return cmpInt(d.packed, x.packed)
	}
	return d.cmp(x)
}

// cmp is Cmp for values of different scales or forms.
func (d Decimal) cmp(x Decimal) int {
	if d.big == nil && x.big == nil {
		if ds, xs := d.Sign(), x.Sign(); ds != xs || ds == 0 {
			return cmpInt(int64(ds), int64(xs))
		}
		// Same sign, different scales: compare magnitudes aligned in 128 bits.
		da, xa := absU(d.coef()), absU(x.coef())
		ds, xs := d.places(), x.places()
		var dh, dl, xh, xl uint64
		if ds < xs {
			dh, dl = bits.Mul64(da, pow10[xs-ds])
			xl = xa
		} else {
			xh, xl = bits.Mul64(xa, pow10[ds-xs])
			dl = da
		}
		c := cmp128(dh, dl, xh, xl)
		if d.Sign() < 0 {
			return -c
		}
		return c
	}
	var t1, t2 apd.Decimal
	return d.apd(&t1).Cmp(x.apd(&t2))
}

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	if d.big == nil {
		return small(-d.coef(), d.places())
	}
	if d.big.IsZero() {
		return d
	}
	r := new(apd.Decimal)
	r.Neg(d.big)
	return Decimal{big: r}
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	if d.Sign() < 0 {
		return d.Neg()
	}
	return d
}

// Add returns d + x, exactly.
func (d Decimal) Add(x Decimal) Decimal {
	// The common case: small values at one scale whose sum is small.
	if d.sameScale(x) {
		if s := d.coef() + x.coef(); fits(s) {
			return small(s, d.places())
		}
	}
	return d.add(x)
}

func (d Decimal) add(x Decimal) Decimal {
	if d.big == nil && x.big == nil {
		if r, ok := addSmall(d.coef(), d.places(), x.coef(), x.places()); ok {
			return r
		}
	}
	return d.slow(x, (*apd.Context).Add)
}

// Sub returns d - x, exactly.
func (d Decimal) Sub(x Decimal) Decimal {
	// The common case: small values at one scale whose difference is small.
	if d.sameScale(x) {
		if s := d.coef() - x.coef(); fits(s) {
			return small(s, d.places())
		}
	}
	return d.sub(x)
}

func (d Decimal) sub(x Decimal) Decimal {
	if d.big == nil && x.big == nil {
		if r, ok := addSmall(d.coef(), d.places(), -x.coef(), x.places()); ok {
			return r
		}
	}
	return d.slow(x, (*apd.Context).Sub)
}

// Mul returns d × x, exactly. The product carries the sum of the operands' scales.
func (d Decimal) Mul(x Decimal) Decimal {
	// The common case: the product of small factors below 2^29 in magnitude is small.
	if d.big == nil && x.big == nil {
		a, b, s := d.coef(), x.coef(), d.places()+x.places()
		if uint64(a)+1<<29 < 1<<30 && uint64(b)+1<<29 < 1<<30 && s <= maxSmallScale {
			return small(a*b, s)
		}
	}
	return d.mul(x)
}

func (d Decimal) mul(x Decimal) Decimal {
	if s := d.places() + x.places(); d.big == nil && x.big == nil && s <= maxSmallScale {
		a, b := d.coef(), x.coef()
		hi, lo := bits.Mul64(absU(a), absU(b))
		if hi == 0 && lo <= maxSmallCoef {
			c := int64(lo)
			if (a < 0) != (b < 0) {
				c = -c
			}
			return small(c, s)
		}
	}
	return d.slow(x, (*apd.Context).Mul)
}

// slow computes an exact operation with apd. Only the exponent range can make an
// exact Add, Sub or Mul fail: apd allows ±100000 while parsed values stay within
// ±6176, so it takes a chain of over a dozen multiplications of extreme values.
func (d Decimal) slow(x Decimal, op func(*apd.Context, *apd.Decimal, *apd.Decimal, *apd.Decimal) (apd.Condition, error)) Decimal {
	var t1, t2 apd.Decimal
	r := new(apd.Decimal)
	if _, err := op(&exact, r, d.apd(&t1), x.apd(&t2)); err != nil {
		panic(fmt.Sprintf("ratecard: exact decimal result out of range (|exponent| > %d): %v", apd.MaxExponent, err))
	}
	return fromAPD(r)
}

// addSmall adds two small values if the result is small.
func addSmall(a int64, as int32, b int64, bs int32) (Decimal, bool) {
	if as < bs {
		var ok bool
		if a, ok = mulPow10(a, bs-as); !ok {
			return Decimal{}, false
		}
		as = bs
	} else if bs < as {
		var ok bool
		if b, ok = mulPow10(b, as-bs); !ok {
			return Decimal{}, false
		}
	}
	s := a + b // |a|, |b| ≤ maxSmallCoef: no overflow
	if !fits(s) {
		return Decimal{}, false
	}
	return small(s, as), true
}

// mulPow10 returns c × 10^k if it fits the small form.
func mulPow10(c int64, k int32) (int64, bool) {
	hi, lo := bits.Mul64(absU(c), pow10[k])
	if hi != 0 || lo > maxSmallCoef {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func absU(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmp128(ah, al, bh, bl uint64) int {
	switch {
	case ah < bh:
		return -1
	case ah > bh:
		return 1
	case al < bl:
		return -1
	case al > bl:
		return 1
	}
	return 0
}

// Min returns the smaller of a and b (a when they are equal).
func Min(a, b Decimal) Decimal {
	if b.Cmp(a) < 0 {
		return b
	}
	return a
}

// Max returns the larger of a and b (a when they are equal).
func Max(a, b Decimal) Decimal {
	if b.Cmp(a) > 0 {
		return b
	}
	return a
}
