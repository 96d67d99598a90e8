package discount_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/discount"
	"github.com/ratecard/ratecard/internal/gen"
	"pgregory.net/rapid"
)

func dec(s string) ratecard.Decimal { return ratecard.MustParse(s) }

func decs(ss ...string) []ratecard.Decimal {
	out := make([]ratecard.Decimal, len(ss))
	for i, s := range ss {
		out[i] = dec(s)
	}
	return out
}

func strs(ds []ratecard.Decimal) []string {
	if ds == nil {
		return nil
	}
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func currency(t testing.TB, code string) ratecard.Currency {
	t.Helper()
	c, err := ratecard.ParseCurrency(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAllocate(t *testing.T) {
	cases := []struct {
		name     string
		currency string
		total    string
		weights  []string
		want     []string
	}{
		// SEMANTICS §5: $30 off A=100, B=50: 3000 × 100/150 = 2000, × 50/150 = 1000.
		{"pro rata, exact", "USD", "-30.00", []string{"100.00", "50.00"}, []string{"-20.00", "-10.00"}},
		// Minimum 200 over A=100, B=50: 5000 × ⅔ = 3333⅓ → 3333, × ⅓ = 1666⅔ → 1666; the
		// leftover cent to the larger remainder (⅔, B).
		{"pro rata, largest remainder", "USD", "50.00", []string{"100.00", "50.00"}, []string{"33.33", "16.67"}},
		// 10 cents over 1 : 2: 3⅓ → 3, 6⅔ → 6; the cent to the second (⅔ > ⅓).
		{"largest remainder, later line", "USD", "0.10", []string{"1.00", "2.00"}, []string{"0.03", "0.07"}},
		// Minimum 50 over three zero lines: 5000 / 3 = 1666⅔ each, equal remainders;
		// the 2 cents to the first two.
		{"even when every weight is zero", "USD", "50.00", []string{"0.00", "0.00", "0.00"}, []string{"16.67", "16.67", "16.66"}},
		// 2 cents over four equal lines: ½ each, floor 0; the 2 cents to the earliest.
		{"ties to the earlier line", "USD", "-0.02", []string{"10.00", "10.00", "10.00", "10.00"}, []string{"-0.01", "-0.01", "0.00", "0.00"}},
		// 1.00 over three equal lines: 33⅓ each; the cent to the first.
		{"equal weights, one cent left", "USD", "1.00", []string{"5.00", "5.00", "5.00"}, []string{"0.34", "0.33", "0.33"}},
		// Negative totals split by magnitude: 5 cents over 1 : 1 = 2½ each → 2, 2; the
		// cent to the first: −0.03, −0.02.
		{"negative total", "USD", "-0.05", []string{"1.00", "1.00"}, []string{"-0.03", "-0.02"}},
		// A zero weight takes nothing when others have weight.
		{"zero weight beside others", "USD", "-10.00", []string{"0.00", "5.00", "15.00"}, []string{"0.00", "-2.50", "-7.50"}},
		// A total beyond the weights (a true-up): 100.00 over 1 : 3 → 25.00, 75.00.
		{"total above the weights", "USD", "100.00", []string{"1.00", "3.00"}, []string{"25.00", "75.00"}},
		{"zero total", "USD", "0.00", []string{"1.00", "2.00"}, []string{"0.00", "0.00"}},
		{"zero total written without scale", "USD", "0", []string{"1.00"}, []string{"0.00"}},
		{"one line takes all", "USD", "-7.77", []string{"8.00"}, []string{"-7.77"}},
		// JPY has no minor units: 100 over 1 : 2 → 33⅓ → 33, 66⅔ → 66; the yen to the
		// second.
		{"JPY whole units", "JPY", "100", []string{"1", "2"}, []string{"33", "67"}},
		// KWD has 3: 1.000 = 1000 fils over 1 : 1 : 1 → 333 each, 1 fil to the first.
		{"KWD thousandths", "KWD", "1.000", []string{"1.000", "1.000", "1.000"}, []string{"0.334", "0.333", "0.333"}},
		// Total with trailing zeros beyond the scale is still whole minor units.
		{"total 25.000 USD", "USD", "-25.000", []string{"50.00", "50.00"}, []string{"-12.50", "-12.50"}},
		// Weights need not be at the currency's scale: 1.005 : 2.995 → 100 cents ×
		// 1.005/4 = 25.125 → 25, × 2.995/4 = 74.875 → 74; the cent to the larger
		// remainder (.875).
		{"weights beyond the scale", "USD", "1.00", []string{"1.005", "2.995"}, []string{"0.25", "0.75"}},
		{"no lines", "USD", "5.00", nil, nil},
		// Beyond int64 minor units (9.2e16 USD): 10^28 dollars + 1 cent over 1 : 1 →
		// 5 × 10^29 cents each and the cent to the first.
		{"beyond int64 cents", "USD", "-10000000000000000000000000000.01", []string{"1e28", "1e28"},
			[]string{"-5000000000000000000000000000.01", "-5000000000000000000000000000.00"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := discount.Allocate(dec(tc.total), decs(tc.weights...), currency(t, tc.currency))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, strs(got)); diff != "" {
				t.Errorf("shares (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	usd := currency(t, "USD")
	cases := []struct {
		name, total string
		weights     []string
		want        string
	}{
		{"total below a minor unit", "0.005", []string{"1.00"}, "discount: total 0.005 is not a whole number of USD minor units"},
		{"negative weight", "1.00", []string{"1.00", "-1.00"}, "discount: negative weight -1.00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := discount.Allocate(dec(tc.total), decs(tc.weights...), usd)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestAllocateProperties checks Allocate against exact rationals: the shares sum to
// the total exactly; each is within one minor unit of its exact pro rata share
// (total × w / Σw, or total / n when every weight is zero), below it by less than
// one unit in magnitude or above it by at most one leftover unit; all have the
// total's sign; and when |total| ≤ Σ weights no share exceeds its weight in magnitude.
func TestAllocateProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		code := rapid.SampledFrom([]string{"USD", "JPY", "KWD"}).Draw(t, "currency")
		cur, _ := ratecard.ParseCurrency(code)
		scale := cur.Scale()
		n := rapid.IntRange(1, 6).Draw(t, "lines")
		weights := make([]ratecard.Decimal, n)
		var sumUnits int64
		for i := range weights {
			u := rapid.OneOf(rapid.Just(int64(0)), rapid.Int64Range(0, 1_000_000)).Draw(t, "weight")
			weights[i] = ratecard.New(u, scale)
			sumUnits += u
		}
		var totalUnits int64
		if rapid.Bool().Draw(t, "within weights") {
			totalUnits = rapid.Int64Range(0, sumUnits).Draw(t, "total")
		} else {
			totalUnits = rapid.Int64Range(0, 10_000_000).Draw(t, "total")
		}
		if rapid.Bool().Draw(t, "negative") {
			totalUnits = -totalUnits
		}
		total := ratecard.New(totalUnits, scale)
		shares, err := discount.Allocate(total, weights, cur)
		if err != nil {
			t.Fatal(err)
		}
		if len(shares) != n {
			t.Fatalf("%d shares for %d lines", len(shares), n)
		}
		unit := gen.Rat(ratecard.New(1, scale))
		sum := new(big.Rat)
		sumW := gen.Rat(ratecard.New(sumUnits, scale))
		for i, s := range shares {
			if s.Scale() != scale {
				t.Errorf("share %s not at scale %d", s, scale)
			}
			sum.Add(sum, gen.Rat(s))
			var exact *big.Rat
			if sumUnits == 0 {
				exact = new(big.Rat).Quo(gen.Rat(total), big.NewRat(int64(n), 1))
			} else {
				exact = new(big.Rat).Mul(gen.Rat(total), gen.Rat(weights[i]))
				exact.Quo(exact, sumW)
			}
			diff := new(big.Rat).Sub(gen.Rat(s), exact)
			if new(big.Rat).Abs(diff).Cmp(unit) >= 0 {
				t.Errorf("share %d = %s, exact %s: off by a minor unit or more", i, s, exact.FloatString(6))
			}
			if s.Sign()*total.Sign() < 0 {
				t.Errorf("share %d = %s has the opposite sign of %s", i, s, total)
			}
			if abs(totalUnits) <= sumUnits && s.Abs().Cmp(weights[i]) > 0 {
				t.Errorf("share %d = %s exceeds its weight %s (total %s ≤ Σ weights)", i, s, weights[i], total)
			}
		}
		if sum.Cmp(gen.Rat(total)) != 0 {
			t.Errorf("shares %v sum to %s, want %s", shares, sum.FloatString(int(scale)), total)
		}
	})
}

func abs(i int64) int64 {
	if i < 0 {
		return -i
	}
	return i
}

func TestDiscountTotal(t *testing.T) {
	usd := currency(t, "USD")
	cases := []struct {
		name    string
		d       discount.Discount
		running string
		mode    ratecard.RoundingMode
		want    string
	}{
		// Amount D → −min(D, S).
		{"amount below the running sum", discount.Discount{Kind: discount.Amount, Amount: dec("30.00")}, "150.00", ratecard.HalfUp, "-30.00"},
		{"amount above the running sum", discount.Discount{Kind: discount.Amount, Amount: dec("30.00")}, "20.00", ratecard.HalfUp, "-20.00"},
		// Percentage p → −round(p × S): 0.1 × 20.00 = 2.00 (SEMANTICS §5).
		{"ten percent", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.1")}, "20.00", ratecard.HalfUp, "-2.00"},
		// 0.125 × 54.84 = 6.855: half up 6.86, half even 6.86 (5 odd), down 6.85,
		// floor (of the positive product) 6.85.
		{"percentage tie, half up", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.125")}, "54.84", ratecard.HalfUp, "-6.86"},
		{"percentage tie, half even", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.125")}, "54.84", ratecard.HalfEven, "-6.86"},
		{"percentage, down", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.125")}, "54.84", ratecard.Down, "-6.85"},
		{"percentage, floor", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.125")}, "54.84", ratecard.Floor, "-6.85"},
		// 0.125 × 54.82 = 6.8525 → 6.85 (not a tie).
		{"percentage, no tie", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.125")}, "54.82", ratecard.HalfUp, "-6.85"},
		{"percentage 100 %", discount.Discount{Kind: discount.Percentage, Percentage: dec("1")}, "12.34", ratecard.HalfUp, "-12.34"},
		// Trial: all of S, or up to the cap.
		{"trial in full", discount.Discount{Kind: discount.Trial}, "12.34", ratecard.HalfUp, "-12.34"},
		{"trial capped", discount.Discount{Kind: discount.Trial, Capped: true, Amount: dec("2.00")}, "4.00", ratecard.HalfUp, "-2.00"},
		{"trial cap above S", discount.Discount{Kind: discount.Trial, Capped: true, Amount: dec("100.00")}, "4.00", ratecard.HalfUp, "-4.00"},
		// Nothing to take.
		{"zero running sum", discount.Discount{Kind: discount.Amount, Amount: dec("30.00")}, "0", ratecard.HalfUp, "0.00"},
		{"negative running sum", discount.Discount{Kind: discount.Percentage, Percentage: dec("0.5")}, "-4.00", ratecard.HalfUp, "0.00"},
		// A usage discount is computed by re-rating, not here.
		{"usage", discount.Discount{Kind: discount.Usage, Units: dec("10")}, "6.50", ratecard.HalfUp, "0.00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.Total(dec(tc.running), usd, tc.mode)
			if !got.Equal(dec(tc.want)) {
				t.Errorf("Total(%s) = %s, want %s", tc.running, got, tc.want)
			}
		})
	}
}

func TestDiscountValidate(t *testing.T) {
	usd := currency(t, "USD")
	jpy := currency(t, "JPY")
	cases := []struct {
		name string
		d    discount.Discount
		cur  ratecard.Currency
		want string // "" for valid
	}{
		{"usage", discount.Discount{Kind: discount.Usage, Units: dec("10.5")}, usd, ""},
		{"usage negative", discount.Discount{Kind: discount.Usage, Units: dec("-1")}, usd, "usage_discount: -1 is negative"},
		{"amount", discount.Discount{Kind: discount.Amount, Amount: dec("25.00")}, usd, ""},
		{"amount 25.000 is 25.00", discount.Discount{Kind: discount.Amount, Amount: dec("25.000")}, usd, ""},
		{"amount 25.005", discount.Discount{Kind: discount.Amount, Amount: dec("25.005")}, usd, "amount_discount: 25.005 has more decimals than USD's 2"},
		{"amount 0.5 JPY", discount.Discount{Kind: discount.Amount, Amount: dec("0.5")}, jpy, "amount_discount: 0.5 has more decimals than JPY's 0"},
		{"amount negative and too precise", discount.Discount{Kind: discount.Amount, Amount: dec("-0.001")}, usd,
			"amount_discount: -0.001 is negative\namount_discount: -0.001 has more decimals than USD's 2"},
		{"percentage 0", discount.Discount{Kind: discount.Percentage, Percentage: dec("0")}, usd, ""},
		{"percentage 1", discount.Discount{Kind: discount.Percentage, Percentage: dec("1.00")}, usd, ""},
		{"percentage above 1", discount.Discount{Kind: discount.Percentage, Percentage: dec("1.5")}, usd,
			"percentage_discount: 1.5 is not a fraction from 0 to 1 (0.15 is 15 %)"},
		{"percentage negative", discount.Discount{Kind: discount.Percentage, Percentage: dec("-0.1")}, usd,
			"percentage_discount: -0.1 is not a fraction from 0 to 1 (0.15 is 15 %)"},
		{"trial uncapped", discount.Discount{Kind: discount.Trial}, usd, ""},
		{"trial cap", discount.Discount{Kind: discount.Trial, Capped: true, Amount: dec("100")}, usd, ""},
		{"trial cap too precise", discount.Discount{Kind: discount.Trial, Capped: true, Amount: dec("1.001")}, usd,
			"trial_amount_discount: 1.001 has more decimals than USD's 2"},
		{"unknown kind", discount.Discount{Kind: "coupon"}, usd, `discount_type: "coupon" is not usage, amount, percentage or trial`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.d.Validate(tc.cur)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.want != "" && (err == nil || err.Error() != tc.want):
				t.Errorf("Validate: %v, want %q", err, tc.want)
			case err != nil && !errors.Is(err, ratecard.ErrInvalid):
				t.Errorf("error does not match ErrInvalid: %v", err)
			}
			var ve *ratecard.ValidationError
			if err != nil && (!errors.As(err, &ve) || !strings.HasPrefix(tc.want, ve.Field+":")) {
				t.Errorf("error %v does not name its field", err)
			}
		})
	}
}

func TestUsageAdjustment(t *testing.T) {
	usd := currency(t, "USD")
	cases := []struct{ name, subtotal, reduced, want string }{
		// SEMANTICS §5: tiered q=25 → 6.50; q=15 → 5.50: −1.00.
		{"tiered, 10 units off", "6.50", "5.50", "-1.00"},
		// Bulk ≤10 @0.50, ≤1000 @0.40: q=11 → 4.40; q=10 → 5.00, dearer: held at 0.
		{"bulk, dearer tier", "4.40", "5.00", "0.00"},
		{"nothing off", "3.00", "3.00", "0.00"},
		{"all off", "6.50", "0.00", "-6.50"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := discount.UsageAdjustment(dec(tc.subtotal), dec(tc.reduced), usd)
			if got.String() != tc.want {
				t.Errorf("UsageAdjustment(%s, %s) = %s, want %s", tc.subtotal, tc.reduced, got, tc.want)
			}
		})
	}
}
