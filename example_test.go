package ratecard_test

import (
	"errors"
	"fmt"

	"github.com/ratecard/ratecard"
)

func ExampleParse() {
	for _, s := range []string{"0.50", "1.25e3", "-0", "1e-2", "NaN"} {
		d, err := ratecard.Parse(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(d)
	}
	// Output:
	// 0.50
	// 1250
	// 0
	// 0.01
	// error: invalid decimal "NaN": no digits
}

func ExampleDecimal_Div() {
	// 100.00 prorated to 17 of 31 days, rounded once to cents.
	fee := ratecard.MustParse("100.00")
	prorated, _ := fee.Mul(ratecard.NewFromInt(17)).Div(ratecard.NewFromInt(31), 2, ratecard.HalfUp)
	fmt.Println(prorated)

	// The ceiling of a quotient: 11 units in packages of 10.
	packages, _ := ratecard.NewFromInt(11).Div(ratecard.NewFromInt(10), 0, ratecard.Ceiling)
	fmt.Println(packages)
	// Output:
	// 54.84
	// 2
}

func ExampleDecimal_Round() {
	d := ratecard.MustParse("2.345")
	for _, m := range []ratecard.RoundingMode{ratecard.HalfUp, ratecard.HalfEven, ratecard.Down, ratecard.Up, ratecard.Ceiling, ratecard.Floor} {
		fmt.Printf("%-9s %s %s\n", m, d.Round(2, m), d.Neg().Round(2, m))
	}
	// Output:
	// half_up   2.35 -2.35
	// half_even 2.34 -2.34
	// down      2.34 -2.34
	// up        2.35 -2.35
	// ceiling   2.35 -2.34
	// floor     2.34 -2.35
}

func ExampleCurrency_Round() {
	for _, code := range []string{"USD", "JPY", "KWD"} {
		c, _ := ratecard.ParseCurrency(code)
		fmt.Println(code, c.Scale(), c.Round(ratecard.MustParse("1234.5675"), ratecard.HalfUp))
	}
	credits, _ := ratecard.CustomCurrency("credits", 4)
	fmt.Println(credits, credits.Round(ratecard.MustParse("1.234567"), ratecard.HalfUp))
	// Output:
	// USD 2 1234.57
	// JPY 0 1235
	// KWD 3 1234.568
	// credits 1.2346
}

func ExampleAtField() {
	// Problems found inside a configuration are nested under its key, and every one
	// stays visible to errors.Is and errors.As.
	err := errors.Join(
		ratecard.Invalid("tiers[2].first_unit", "gap after tier 1 (last_unit 10)"),
		ratecard.Invalid("tiers[3].unit_amount", "-1 is negative"),
	)
	err = ratecard.Within("price p_api", ratecard.AtField("tiered_config", err))
	fmt.Println(err)
	fmt.Println(errors.Is(err, ratecard.ErrInvalid))
	// Output:
	// price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)
	// price p_api: tiered_config.tiers[3].unit_amount: -1 is negative
	// true
}
