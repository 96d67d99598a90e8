package minimum_test

import (
	"errors"
	"testing"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/minimum"
)

func dec(s string) ratecard.Decimal { return ratecard.MustParse(s) }

var usd, _ = ratecard.ParseCurrency("USD")

func TestProrated(t *testing.T) {
	cases := []struct {
		name             string
		amount           string
		days, periodDays int
		mode             ratecard.RoundingMode
		want             string
	}{
		{"whole period", "50.00", 31, 31, ratecard.HalfUp, "50.00"},
		{"more days than the period", "50.00", 40, 31, ratecard.HalfUp, "50.00"},
		{"no period days", "50.00", 0, 0, ratecard.HalfUp, "50.00"},
		{"25.000 is 25.00", "25.000", 31, 31, ratecard.HalfUp, "25.00"},
		// 62 × 16/31 = 32.00 exactly.
		{"16 of 31 days", "62.00", 16, 31, ratecard.HalfUp, "32.00"},
		// 100 × 17/31 = 54.8387… → 54.84 half up, 54.83 down.
		{"17 of 31 days, half up", "100.00", 17, 31, ratecard.HalfUp, "54.84"},
		{"17 of 31 days, down", "100.00", 17, 31, ratecard.Down, "54.83"},
		// 50 × 1/3 = 16.666… → 16.67; × 2/3 = 33.333… → 33.33.
		{"a third", "50.00", 1, 3, ratecard.HalfUp, "16.67"},
		{"two thirds, ceiling", "50.00", 2, 3, ratecard.Ceiling, "33.34"},
		// 0.01 × 1/2 = 0.005: a tie, half up 0.01, half even 0.00.
		{"tie, half up", "0.01", 1, 2, ratecard.HalfUp, "0.01"},
		{"tie, half even", "0.01", 1, 2, ratecard.HalfEven, "0.00"},
		{"zero days", "50.00", 0, 31, ratecard.HalfUp, "0.00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, max := range []bool{false, true} {
				c := minimum.Commitment{Maximum: max, Amount: dec(tc.amount)}
				if got := c.Prorated(tc.days, tc.periodDays, usd, tc.mode); got.String() != tc.want {
					t.Errorf("maximum %t: Prorated(%d, %d) = %s, want %s", max, tc.days, tc.periodDays, got, tc.want)
				}
			}
		})
	}
}

func TestTotal(t *testing.T) {
	cases := []struct {
		name            string
		maximum         bool
		amount, running string
		want            string
	}{
		// SEMANTICS §5: minimum 50 over 18.00 → +32.00; minimum 200 over 150 → +50.00.
		{"minimum true-up", false, "50.00", "18.00", "32.00"},
		{"minimum over A+B", false, "200.00", "150.00", "50.00"},
		{"minimum already met", false, "50.00", "50.00", "0.00"},
		{"minimum exceeded", false, "50.00", "80.00", "0.00"},
		{"minimum over nothing", false, "50.00", "0.00", "50.00"},
		// Maximum X → −max(0, S − X): 500 over 50 → 0.00; 40 over 50 → −10.00.
		{"maximum not reached", true, "500.00", "50.00", "0.00"},
		{"maximum exactly", true, "50.00", "50.00", "0.00"},
		{"maximum caps", true, "40.00", "50.00", "-10.00"},
		{"maximum zero", true, "0.00", "12.34", "-12.34"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := minimum.Commitment{Maximum: tc.maximum, Amount: dec(tc.amount)}
			if got := c.Total(dec(tc.amount), dec(tc.running), usd); got.String() != tc.want {
				t.Errorf("Total(%s, %s) = %s, want %s", tc.amount, tc.running, got, tc.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	kwd, _ := ratecard.ParseCurrency("KWD")
	cases := []struct {
		name string
		c    minimum.Commitment
		cur  ratecard.Currency
		want string
	}{
		{"minimum", minimum.Commitment{Amount: dec("50.00")}, usd, ""},
		{"maximum 25.000 is 25.00", minimum.Commitment{Maximum: true, Amount: dec("25.000")}, usd, ""},
		{"zero", minimum.Commitment{Amount: dec("0")}, usd, ""},
		{"KWD thousandths", minimum.Commitment{Amount: dec("1.005")}, kwd, ""},
		{"minimum negative", minimum.Commitment{Amount: dec("-1")}, usd, "minimum_amount: -1 is negative"},
		{"maximum negative", minimum.Commitment{Maximum: true, Amount: dec("-1")}, usd, "maximum_amount: -1 is negative"},
		{"minimum too precise", minimum.Commitment{Amount: dec("50.001")}, usd, "minimum_amount: 50.001 has more decimals than USD's 2"},
		{"maximum too precise", minimum.Commitment{Maximum: true, Amount: dec("500.0001")}, kwd, "maximum_amount: 500.0001 has more decimals than KWD's 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate(tc.cur)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.want != "" && (err == nil || err.Error() != tc.want):
				t.Errorf("Validate: %v, want %q", err, tc.want)
			case err != nil && !errors.Is(err, ratecard.ErrInvalid):
				t.Errorf("error does not match ErrInvalid: %v", err)
			}
		})
	}
}
