package ratecard_test

import (
	"errors"
	"math/big"
	"strconv"
	"testing"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/gen"
	"pgregory.net/rapid"
)

// The model: exact rationals (math/big.Rat), with rounding written from the
// definitions of the modes rather than from the code under test. The code rounds a
// magnitude and then applies the sign; the model works on the signed value with
// floor and ceiling, so the two share no steps.

// pow10Rat returns 10^n for any n.
func pow10Rat(n int32) *big.Rat {
	e := int64(n)
	if e < 0 {
		e = -e
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(e), nil)
	if n >= 0 {
		return new(big.Rat).SetInt(p)
	}
	return new(big.Rat).SetFrac(big.NewInt(1), p)
}

// roundRat returns x rounded to a multiple of 10^-scale in mode.
func roundRat(x *big.Rat, scale int32, mode ratecard.RoundingMode) *big.Rat {
	unit := pow10Rat(-scale)
	y := new(big.Rat).Quo(x, unit) // x in units of the last place
	lo := new(big.Int).Div(y.Num(), y.Denom())
	if y.IsInt() {
		return new(big.Rat).Mul(new(big.Rat).SetInt(lo), unit)
	}
	// lo < y < hi: the two candidates.
	hi := new(big.Int).Add(lo, big.NewInt(1))
	below := new(big.Rat).Sub(y, new(big.Rat).SetInt(lo))
	above := new(big.Rat).Sub(new(big.Rat).SetInt(hi), y)
	nearer := below.Cmp(above) // < 0: lo is nearer; > 0: hi is nearer; 0: a tie
	positive := y.Sign() > 0
	var n *big.Int
	switch mode {
	case ratecard.Floor: // toward -∞
		n = lo
	case ratecard.Ceiling: // toward +∞
		n = hi
	case ratecard.Down: // toward zero
		n = pick(positive, lo, hi)
	case ratecard.Up: // away from zero
		n = pick(positive, hi, lo)
	case ratecard.HalfUp: // nearest; a tie away from zero
		switch {
		case nearer < 0:
			n = lo
		case nearer > 0:
			n = hi
		default:
			n = pick(positive, hi, lo)
		}
	case ratecard.HalfEven: // nearest; a tie to the even one
		switch {
		case nearer < 0:
			n = lo
		case nearer > 0:
			n = hi
		case lo.Bit(0) == 0:
			n = lo
		default:
			n = hi
		}
	default:
		panic("roundRat: unknown mode " + mode.String())
	}
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), unit)
}

func pick(cond bool, a, b *big.Int) *big.Int {
	if cond {
		return a
	}
	return b
}

var (
	anyMode    = rapid.SampledFrom(modes[:])
	roundScale = rapid.Int32Range(-6, 26)
	divScale   = rapid.Int32Range(-4, 24)
	decimal    = gen.Decimal()
	half       = big.NewRat(1, 2)
)

// expectRat fails t unless got has the value want.
func expectRat(t fataler, what string, got ratecard.Decimal, want *big.Rat) {
	t.Helper()
	if gen.Rat(got).Cmp(want) != 0 {
		t.Fatalf("%s = %s, want %s", what, got, want.FloatString(40))
	}
}

// expectCanonical fails t unless d is in the form its value must have.
func expectCanonical(t fataler, what string, d ratecard.Decimal) {
	t.Helper()
	if err := ratecard.CheckCanonical(d); err != nil {
		t.Fatalf("%s = %s: %v", what, d, err)
	}
}

func TestPropAddSubMul(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := decimal.Draw(t, "a"), decimal.Draw(t, "b")
		ra, rb := gen.Rat(a), gen.Rat(b)

		sum, diff, prod := a.Add(b), a.Sub(b), a.Mul(b)
		expectRat(t, "a+b", sum, new(big.Rat).Add(ra, rb))
		expectRat(t, "a-b", diff, new(big.Rat).Sub(ra, rb))
		expectRat(t, "a×b", prod, new(big.Rat).Mul(ra, rb))
		expectCanonical(t, "a+b", sum)
		expectCanonical(t, "a-b", diff)
		expectCanonical(t, "a×b", prod)

		// Scales: a sum has the larger scale, a product the sum of the scales.
		if s := max(a.Scale(), b.Scale()); sum.Scale() != s || diff.Scale() != s {
			t.Fatalf("scales of a+b, a-b = %d, %d; want %d", sum.Scale(), diff.Scale(), s)
		}
		if s := a.Scale() + b.Scale(); prod.Scale() != s {
			t.Fatalf("scale of a×b = %d, want %d", prod.Scale(), s)
		}
		// The operands are values: nothing above changed them.
		expectRat(t, "a after the operations", a, ra)
		expectRat(t, "b after the operations", b, rb)
	})
}

func TestPropAlgebra(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := decimal.Draw(t, "a"), decimal.Draw(t, "b"), decimal.Draw(t, "c")
		same := func(what string, x, y ratecard.Decimal) {
			if x.String() != y.String() {
				t.Fatalf("%s: %s ≠ %s", what, x, y)
			}
		}
		same("a+b = b+a", a.Add(b), b.Add(a))
		same("a×b = b×a", a.Mul(b), b.Mul(a))
		same("(a+b)+c = a+(b+c)", a.Add(b).Add(c), a.Add(b.Add(c)))
		same("(a×b)×c = a×(b×c)", a.Mul(b).Mul(c), a.Mul(b.Mul(c)))
		same("a×(b+c) = a×b + a×c", a.Mul(b.Add(c)), a.Mul(b).Add(a.Mul(c)))
		same("a-b = a+(-b)", a.Sub(b), a.Add(b.Neg()))
		same("a-b = -(b-a)", a.Sub(b), b.Sub(a).Neg())
		same("(a+b)-b = a at the larger scale", a.Add(b).Sub(b), a.Add(b.Sub(b)))
		if !a.Sub(a).IsZero() {
			t.Fatalf("a-a = %s", a.Sub(a))
		}
	})
}

func TestPropCmp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := decimal.Draw(t, "a")
		// Half the time b is a, or a at another scale, so that ties are tested.
		b := rapid.OneOf(decimal, rapid.Just(a), rapid.Just(a.Round(a.Scale()+3, ratecard.Down))).Draw(t, "b")
		want := gen.Rat(a).Cmp(gen.Rat(b))
		if got := a.Cmp(b); got != want {
			t.Fatalf("%s.Cmp(%s) = %d, want %d", a, b, got, want)
		}
		if got := b.Cmp(a); got != -want {
			t.Fatalf("%s.Cmp(%s) = %d, want %d", b, a, got, -want)
		}
		if a.Equal(b) != (want == 0) {
			t.Fatalf("%s.Equal(%s) = %v", a, b, a.Equal(b))
		}
		lo, hi := ratecard.Min(a, b), ratecard.Max(a, b)
		if lo.Cmp(hi) > 0 || !(lo.Equal(a) || lo.Equal(b)) || !(hi.Equal(a) || hi.Equal(b)) {
			t.Fatalf("Min, Max(%s, %s) = %s, %s", a, b, lo, hi)
		}
	})
}

func TestPropUnary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.Draw(t, "d")
		r := gen.Rat(d)
		neg, abs := d.Neg(), d.Abs()
		expectRat(t, "-d", neg, new(big.Rat).Neg(r))
		expectRat(t, "|d|", abs, new(big.Rat).Abs(r))
		expectCanonical(t, "-d", neg)
		expectCanonical(t, "|d|", abs)
		if neg.Scale() != d.Scale() || abs.Scale() != d.Scale() {
			t.Fatalf("scales of -d, |d| = %d, %d; want %d", neg.Scale(), abs.Scale(), d.Scale())
		}
		if d.Neg().Neg().String() != d.String() {
			t.Fatalf("-(-%s) = %s", d, d.Neg().Neg())
		}
		if d.Sign() != r.Sign() || d.IsZero() != (r.Sign() == 0) {
			t.Fatalf("%s: Sign %d, IsZero %v", d, d.Sign(), d.IsZero())
		}
		if d.IsInteger() != r.IsInt() {
			t.Fatalf("%s.IsInteger() = %v", d, d.IsInteger())
		}
		i, ok := d.Int64()
		wantOK := r.IsInt() && r.Num().IsInt64()
		if ok != wantOK || ok && i != r.Num().Int64() {
			t.Fatalf("%s.Int64() = %d, %v; want ok = %v", d, i, ok, wantOK)
		}
	})
}

func TestPropRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.Draw(t, "d")
		scale := roundScale.Draw(t, "scale")
		mode := anyMode.Draw(t, "mode")
		got := d.Round(scale, mode)
		expectRat(t, "Round", got, roundRat(gen.Rat(d), scale, mode))
		expectCanonical(t, "Round", got)
		if want := max(scale, 0); got.Scale() != want {
			t.Fatalf("Round(%s, %d, %s) = %s with scale %d, want %d", d, scale, mode, got, got.Scale(), want)
		}
		// Rounding a rounded value changes nothing, whatever the mode.
		again := got.Round(scale, anyMode.Draw(t, "second mode"))
		if again.String() != got.String() {
			t.Fatalf("Round is not idempotent: %s then %s", got, again)
		}
		// Round is division by one.
		if q, err := d.Div(ratecard.NewFromInt(1), scale, mode); err != nil || q.String() != got.String() {
			t.Fatalf("Div(%s, 1, %d, %s) = %s, %v; Round gave %s", d, scale, mode, q, err, got)
		}
	})
}

func TestPropDiv(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x, y := decimal.Draw(t, "x"), decimal.Draw(t, "y")
		scale := divScale.Draw(t, "scale")
		mode := anyMode.Draw(t, "mode")
		got, err := x.Div(y, scale, mode)
		if y.IsZero() {
			if !errors.Is(err, ratecard.ErrDivisionByZero) {
				t.Fatalf("%s / %s: error = %v, want ErrDivisionByZero", x, y, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s / %s: %v", x, y, err)
		}
		q := new(big.Rat).Quo(gen.Rat(x), gen.Rat(y))
		expectRat(t, "Div", got, roundRat(q, scale, mode))
		expectCanonical(t, "Div", got)
		if want := max(scale, 0); got.Scale() != want {
			t.Fatalf("Div(%s, %s, %d) = %s with scale %d, want %d", x, y, scale, got, got.Scale(), want)
		}
		checkDivBound(t, q, got, scale, mode)
	})
}

// fataler is what the checks need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkDivBound checks the quotient r of a division against the exact quotient q by
// the error bounds the modes promise, a second model independent of roundRat.
func checkDivBound(t fataler, q *big.Rat, got ratecard.Decimal, scale int32, mode ratecard.RoundingMode) {
	t.Helper()
	r := gen.Rat(got)
	unit := pow10Rat(-scale)
	e := new(big.Rat).Sub(r, q)                          // the rounding error
	errUnits := new(big.Rat).Quo(e, unit)                // in units of the last place
	absErr := new(big.Rat).Abs(errUnits)                 // |r - q| / unit
	away := new(big.Rat).Abs(r).Cmp(new(big.Rat).Abs(q)) // > 0: r is further from zero
	fail := func(why string) {
		t.Fatalf("%s rounded to %d in %s gave %s: %s (error %s units)", q.FloatString(30), scale, mode, got, why, errUnits.FloatString(6))
	}
	switch mode {
	case ratecard.HalfUp, ratecard.HalfEven:
		switch c := absErr.Cmp(half); {
		case c > 0:
			fail("more than half a unit off")
		case c == 0 && mode == ratecard.HalfUp && away < 0:
			fail("a tie not rounded away from zero")
		case c == 0 && mode == ratecard.HalfEven:
			n := new(big.Rat).Quo(r, unit)
			if !n.IsInt() || n.Num().Bit(0) != 0 {
				fail("a tie not rounded to even")
			}
		}
		return
	}
	if absErr.Cmp(big.NewRat(1, 1)) >= 0 {
		fail("a whole unit off")
	}
	switch mode {
	case ratecard.Down:
		if away > 0 {
			fail("rounded away from zero")
		}
	case ratecard.Up:
		if away < 0 {
			fail("rounded toward zero")
		}
	case ratecard.Ceiling:
		if e.Sign() < 0 {
			fail("rounded down")
		}
	case ratecard.Floor:
		if e.Sign() > 0 {
			fail("rounded up")
		}
	}
}

// wideInteger generates integers written with up to 34 digits and a positive
// exponent, whose plain String has more than 34 digits.
var wideInteger = rapid.Custom(func(t *rapid.T) ratecard.Decimal {
	digits := rapid.StringOfN(rapid.RuneFrom([]rune("123456789")), 25, ratecard.MaxDigits, -1).Draw(t, "digits")
	exp := rapid.IntRange(1, 60).Draw(t, "exponent")
	return ratecard.MustParse(digits + "e" + strconv.Itoa(exp))
})

func TestPropStringRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.OneOf(decimal, wideInteger).Draw(t, "d")
		s := d.String()
		p, err := ratecard.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%s.String()): %v", s, err)
		}
		if !p.Equal(d) || p.String() != s || p.Scale() != d.Scale() {
			t.Fatalf("Parse(%q) = %s (scale %d), want %s (scale %d)", s, p, p.Scale(), s, d.Scale())
		}
		j, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back ratecard.Decimal
		if err := back.UnmarshalJSON(j); err != nil || back.String() != s {
			t.Fatalf("UnmarshalJSON(%s) = %s, %v; want %s", j, back, err, s)
		}
		// The JSON number form reads the same.
		if err := back.UnmarshalJSON(j[1 : len(j)-1]); err != nil || back.String() != s {
			t.Fatalf("UnmarshalJSON(%s) = %s, %v; want %s", j[1:len(j)-1], back, err, s)
		}
		txt, _ := d.MarshalText()
		if err := back.UnmarshalText(txt); err != nil || back.String() != s {
			t.Fatalf("UnmarshalText(%s) = %s, %v; want %s", txt, back, err, s)
		}
		expectRat(t, "Parse(String)", p, gen.Rat(d))
	})
}

// TestPropRepresentation checks that a value read from exponent notation ("12e3")
// and the same value read from its plain String ("12000") behave the same in every
// operation, down to the digits of the result.
func TestPropRepresentation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := decimal.Draw(t, "a"), decimal.Draw(t, "b")
		a2, b2 := ratecard.MustParse(a.String()), ratecard.MustParse(b.String())
		scale := roundScale.Draw(t, "scale")
		mode := anyMode.Draw(t, "mode")
		same := func(what string, x, y ratecard.Decimal) {
			if x.String() != y.String() {
				t.Fatalf("%s: %s from %s, %s but %s from %s, %s", what, x, a, b, y, a2, b2)
			}
		}
		same("Add", a.Add(b), a2.Add(b2))
		same("Sub", a.Sub(b), a2.Sub(b2))
		same("Mul", a.Mul(b), a2.Mul(b2))
		same("Neg", a.Neg(), a2.Neg())
		same("Round", a.Round(scale, mode), a2.Round(scale, mode))
		if !b.IsZero() {
			q, _ := a.Div(b, scale, mode)
			q2, _ := a2.Div(b2, scale, mode)
			same("Div", q, q2)
		}
	})
}

// TestPropSmallStaysSmall checks the fast path's domain from the outside: amounts of
// the everyday kind, and their sums, products and roundings that fit, never leave the
// small form.
func TestPropSmallStaysSmall(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := gen.Amount(1_000_000, 6).Draw(t, "a")
		b := gen.Amount(1_000_000, 6).Draw(t, "b")
		// factors of at most 10^8 in coefficient: their product stays below 2^58
		c := gen.Amount(10_000, 4).Draw(t, "c")
		d := gen.Amount(10_000, 4).Draw(t, "d")
		for what, v := range map[string]ratecard.Decimal{
			"a": a, "a+b": a.Add(b), "a-b": a.Sub(b), "c×d": c.Mul(d),
			"Round(a)": a.Round(2, ratecard.HalfEven), "-a": a.Neg(),
		} {
			if !ratecard.IsSmall(v) {
				t.Fatalf("%s = %s is not in the small form", what, v)
			}
		}
		if !b.IsZero() {
			// a/b ≤ 10^6 / 10^-6 = 10^12: at scale 4 its coefficient stays below 2^58
			q, _ := a.Div(b, 4, ratecard.HalfUp)
			if !ratecard.IsSmall(q) {
				t.Fatalf("a/b = %s is not in the small form", q)
			}
		}
	})
}
