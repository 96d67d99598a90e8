package price_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
	"pgregory.net/rapid"
)

// The worked examples of SEMANTICS §2, each as the Orb JSON a plan carries. They are
// also the seeds of the fuzz corpus (testdata/fuzz).
const (
	// 0.50 per unit.
	unitHalf = `{"model_type":"unit","unit_config":{"unit_amount":"0.50"}}`
	// 0.80 per package of 10.
	package10 = `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":10}}`
	// 0–10,000 @0.001, 10,000–100,000 @0.0008, 100,000+ @0.0005.
	tieredThree = `{"model_type":"tiered","tiered_config":{"tiers":[` +
		`{"first_unit":0,"last_unit":10000,"unit_amount":"0.001"},` +
		`{"first_unit":10000,"last_unit":100000,"unit_amount":"0.0008"},` +
		`{"first_unit":100000,"last_unit":null,"unit_amount":"0.0005"}]}}`
	// 0–10 @0.50, 10+ @0.10.
	tieredTwo = `{"model_type":"tiered","tiered_config":{"tiers":[` +
		`{"first_unit":0,"last_unit":10,"unit_amount":"0.50"},` +
		`{"first_unit":10,"last_unit":null,"unit_amount":"0.10"}]}}`
	// ≤10 @0.50, ≤1000 @0.40 (a bounded last tier, as in Orb's own examples).
	bulkTwo = `{"model_type":"bulk","bulk_config":{"tiers":[` +
		`{"maximum_units":10,"unit_amount":"0.50"},` +
		`{"maximum_units":1000,"unit_amount":"0.40"}]}}`
	// dims (cluster, region), (alpha, west) = 2.00, default 3.00.
	matrixTwo = `{"model_type":"matrix","matrix_config":{"dimensions":["cluster","region"],` +
		`"default_unit_amount":"3.00","matrix_values":[{"dimension_values":["alpha","west"],"unit_amount":"2.00"}]}}`
	// 125 bps, capped at 11.00 per event.
	bps125 = `{"model_type":"bps","bps_config":{"bps":"125","per_unit_maximum":"11.00"}}`
	// ≤1,000,000 @125 bps cap 19; above @115 bps cap 4.
	bulkBPSTwo = `{"model_type":"bulk_bps","bulk_bps_config":{"tiers":[` +
		`{"maximum_amount":"1000000","bps":"125","per_unit_maximum":"19"},` +
		`{"maximum_amount":null,"bps":"115","per_unit_maximum":"4"}]}}`
	// (0, 1,000,000] @125 bps cap 19; (1,000,000, ∞) @115 bps cap 4.
	tieredBPSTwo = `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
		`{"minimum_amount":"0","maximum_amount":"1000000","bps":"125","per_unit_maximum":"19"},` +
		`{"minimum_amount":"1000000","maximum_amount":null,"bps":"115","per_unit_maximum":"4"}]}}`
)

// dec, decp, decs and sp build test values; they panic on a typo.
func dec(s string) ratecard.Decimal   { return ratecard.MustParse(s) }
func decp(s string) *ratecard.Decimal { return new(dec(s)) }
func sp(s string) *string             { return &s }

func decs(ss ...string) []ratecard.Decimal {
	out := make([]ratecard.Decimal, len(ss))
	for i, s := range ss {
		out[i] = dec(s)
	}
	return out
}

// times returns n copies of the event value v.
func times(n int, v string) []ratecard.Decimal {
	out := make([]ratecard.Decimal, n)
	for i := range out {
		out[i] = dec(v)
	}
	return out
}

func group(q string, values ...*string) price.Group {
	return price.Group{Values: values, Quantity: dec(q)}
}

func mustDecode(t rapid.TB, js string) price.Price {
	t.Helper()
	p, err := price.Decode([]byte(js))
	if err != nil {
		t.Fatalf("Decode(%s): %v", js, err)
	}
	return p
}

func mustCurrency(t rapid.TB, code string) ratecard.Currency {
	t.Helper()
	c, err := ratecard.ParseCurrency(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// tierLine and groupLine are sub-lines as a rounded line shows them.
func tierLine(name, q, rate, amount string) ratecard.SubLine {
	return ratecard.SubLine{Part: ratecard.NewPart(name, dec(rate), nil), Quantity: dec(q), Amount: dec(amount)}
}

func groupLine(name, q, rate, amount string, values ...*string) ratecard.SubLine {
	return ratecard.SubLine{Part: ratecard.NewPart(name, dec(rate), values), Quantity: dec(q), Amount: dec(amount)}
}

type lineCase struct {
	name     string
	config   string
	in       price.Input
	currency string                // "" is USD
	mode     ratecard.RoundingMode // the zero value is HalfUp
	exact    string                // Rated.Amount before rounding; "" when not checked
	quantity string
	subtotal string // the rounded line subtotal, compared digit for digit ("5.00", not "5")
	subs     []ratecard.SubLine
}

// TestLine rates every worked example of SEMANTICS §2 and the boundary cases around
// them, and checks the rounded line: quantity, subtotal and sub-lines.
func TestLine(t *testing.T) {
	const (
		killBill = `{"model_type":"unit","unit_config":{"unit_amount":"0.067"}}`
		// Tier rates whose slices end in a half cent: 10 × 0.125 = 1.25, 1 × 0.105 = 0.105.
		tieredHalfCent = `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":"0.125"},` +
			`{"first_unit":10,"last_unit":null,"unit_amount":"0.105"}]}}`
		// Two sub-lines of 0.005 each: rounded one by one they are 0.01 + 0.01.
		tieredTwoHalves = `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":1,"unit_amount":"0.005"},` +
			`{"first_unit":1,"last_unit":null,"unit_amount":"0.005"}]}}`
		matrixOneDim = `{"model_type":"matrix","matrix_config":{"dimensions":["region"],` +
			`"default_unit_amount":"1.00","matrix_values":[{"dimension_values":["west"],"unit_amount":"1.50"}]}}`
		matrixOneDimPadded = `{"model_type":"matrix","matrix_config":{"dimensions":["region",null],` +
			`"default_unit_amount":"1.00","matrix_values":[{"dimension_values":["west",null],"unit_amount":"1.50"}]}}`
		bpsNoCap   = `{"model_type":"bps","bps_config":{"bps":125}}`
		bpsNullCap = `{"model_type":"bps","bps_config":{"bps":125,"per_unit_maximum":null}}`
		// 5 bps of 10 is 0.005 per event.
		bpsFive = `{"model_type":"bps","bps_config":{"bps":5}}`
		// Two tiers at 100 bps, each capping a slice at 0.50.
		tieredBPSSliceCap = `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":1000,"bps":100,"per_unit_maximum":"0.50"},` +
			`{"minimum_amount":1000,"maximum_amount":null,"bps":100,"per_unit_maximum":"0.50"}]}}`
		// (0, 100] @100 bps cap 0.50; (100, ∞) @100 bps cap 5.
		tieredBPSOrder = `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":100,"bps":100,"per_unit_maximum":"0.50"},` +
			`{"minimum_amount":100,"maximum_amount":null,"bps":100,"per_unit_maximum":"5"}]}}`
	)
	west, east, alpha, beta := sp("west"), sp("east"), sp("alpha"), sp("beta")
	cases := []lineCase{
		// unit
		{name: "unit/semantics 0.50 × 1,234 = 617.00", config: unitHalf, in: price.Input{Quantity: dec("1234")},
			exact: "617", quantity: "1234", subtotal: "617.00"},
		{name: "unit/fractional quantity 0.50 × 1,234.5 = 617.25", config: unitHalf, in: price.Input{Quantity: dec("1234.5")},
			exact: "617.25", quantity: "1234.5", subtotal: "617.25"},
		{name: "unit/zero usage", config: unitHalf, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "unit/zero unit price", config: `{"model_type":"unit","unit_config":{"unit_amount":"0"}}`,
			in: price.Input{Quantity: dec("1000")}, exact: "0", quantity: "1000", subtotal: "0.00"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 half-up", config: killBill, in: price.Input{Quantity: dec("55")},
			exact: "3.685", quantity: "55", subtotal: "3.69"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 half-even", config: killBill, in: price.Input{Quantity: dec("55")},
			mode: ratecard.HalfEven, exact: "3.685", quantity: "55", subtotal: "3.68"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 down", config: killBill, in: price.Input{Quantity: dec("55")},
			mode: ratecard.Down, quantity: "55", subtotal: "3.68"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 up", config: killBill, in: price.Input{Quantity: dec("55")},
			mode: ratecard.Up, quantity: "55", subtotal: "3.69"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 ceiling", config: killBill, in: price.Input{Quantity: dec("55")},
			mode: ratecard.Ceiling, quantity: "55", subtotal: "3.69"},
		{name: "unit/kill bill 0.067 × 55 = 3.685 floor", config: killBill, in: price.Input{Quantity: dec("55")},
			mode: ratecard.Floor, quantity: "55", subtotal: "3.68"},
		{name: "unit/kill bill 0.067 × 56 = 3.752 half-even is not a tie", config: killBill, in: price.Input{Quantity: dec("56")},
			mode: ratecard.HalfEven, exact: "3.752", quantity: "56", subtotal: "3.75"},
		{name: "unit/stripe 0.05 × 30 = 1.50", config: `{"model_type":"unit","unit_config":{"unit_amount":"0.05"}}`,
			in: price.Input{Quantity: dec("30")}, exact: "1.50", quantity: "30", subtotal: "1.50"},
		{name: "unit/JPY rounds to whole yen: 0.5 × 5 = 2.5 → 3", config: unitHalf, in: price.Input{Quantity: dec("5")},
			currency: "JPY", exact: "2.5", quantity: "5", subtotal: "3"},
		{name: "unit/JPY half-even: 2.5 → 2", config: unitHalf, in: price.Input{Quantity: dec("5")},
			currency: "JPY", mode: ratecard.HalfEven, quantity: "5", subtotal: "2"},
		{name: "unit/KWD keeps three places: 0.50 × 1.2345 = 0.61725 → 0.617", config: unitHalf, in: price.Input{Quantity: dec("1.2345")},
			currency: "KWD", exact: "0.61725", quantity: "1.2345", subtotal: "0.617"},

		// package
		{name: "package/semantics q=4 → 1 package", config: package10, in: price.Input{Quantity: dec("4")},
			exact: "0.80", quantity: "4", subtotal: "0.80"},
		{name: "package/semantics q=11 → 2 packages", config: package10, in: price.Input{Quantity: dec("11")},
			exact: "1.60", quantity: "11", subtotal: "1.60"},
		{name: "package/semantics q=20 → 2 packages", config: package10, in: price.Input{Quantity: dec("20")},
			exact: "1.60", quantity: "20", subtotal: "1.60"},
		{name: "package/semantics q=0 → no package", config: package10, in: price.Input{},
			exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "package/exactly one package q=10", config: package10, in: price.Input{Quantity: dec("10")},
			exact: "0.80", quantity: "10", subtotal: "0.80"},
		{name: "package/just passed q=10.001 starts a second package", config: package10, in: price.Input{Quantity: dec("10.001")},
			exact: "1.60", quantity: "10.001", subtotal: "1.60"},
		{name: "package/fractional q=0.3 → 1 package", config: package10, in: price.Input{Quantity: dec("0.3")},
			exact: "0.80", quantity: "0.3", subtotal: "0.80"},

		// tiered
		{name: "tiered/semantics q=150,000 → 10 + 72 + 25 = 107.00", config: tieredThree, in: price.Input{Quantity: dec("150000")},
			exact: "107", quantity: "150000", subtotal: "107.00", subs: []ratecard.SubLine{
				tierLine("0–10000", "10000", "0.001", "10.00"),
				tierLine("10000–100000", "90000", "0.0008", "72.00"),
				tierLine("100000+", "50000", "0.0005", "25.00"),
			}},
		{name: "tiered/semantics q=25 → 5.00 + 1.50 = 6.50", config: tieredTwo, in: price.Input{Quantity: dec("25")},
			exact: "6.5", quantity: "25", subtotal: "6.50", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.50", "5.00"),
				tierLine("10+", "15", "0.10", "1.50"),
			}},
		{name: "tiered/semantics q=10.5 → 5.00 + 0.05 = 5.05", config: tieredTwo, in: price.Input{Quantity: dec("10.5")},
			exact: "5.05", quantity: "10.5", subtotal: "5.05", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.50", "5.00"),
				tierLine("10+", "0.5", "0.10", "0.05"),
			}},
		{name: "tiered/tier boundary exactly q=10 → one sub-line", config: tieredTwo, in: price.Input{Quantity: dec("10")},
			exact: "5", quantity: "10", subtotal: "5.00", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.50", "5.00"),
			}},
		{name: "tiered/tier 2 just passed q=10.001", config: tieredTwo, in: price.Input{Quantity: dec("10.001")},
			exact: "5.0001", quantity: "10.001", subtotal: "5.00", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.50", "5.00"),
				tierLine("10+", "0.001", "0.10", "0.00"),
			}},
		{name: "tiered/just below the boundary q=9.999", config: tieredTwo, in: price.Input{Quantity: dec("9.999")},
			exact: "4.9995", quantity: "9.999", subtotal: "5.00", subs: []ratecard.SubLine{
				tierLine("0–10", "9.999", "0.50", "5.00"),
			}},
		{name: "tiered/third tier boundary exactly q=100,000", config: tieredThree, in: price.Input{Quantity: dec("100000")},
			exact: "82", quantity: "100000", subtotal: "82.00", subs: []ratecard.SubLine{
				tierLine("0–10000", "10000", "0.001", "10.00"),
				tierLine("10000–100000", "90000", "0.0008", "72.00"),
			}},
		{name: "tiered/zero usage: no sub-lines", config: tieredTwo, in: price.Input{},
			exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "tiered/zero unit price in the first tier",
			config: `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":100,"unit_amount":0},{"first_unit":100,"last_unit":null,"unit_amount":"0.02"}]}}`,
			in:     price.Input{Quantity: dec("150")}, exact: "1", quantity: "150", subtotal: "1.00", subs: []ratecard.SubLine{
				tierLine("0–100", "100", "0", "0.00"),
				tierLine("100+", "50", "0.02", "1.00"),
			}},
		{name: "tiered/decimal bounds", config: `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":"0.5","unit_amount":"2"},{"first_unit":"0.5","last_unit":"2.25","unit_amount":"1"},` +
			`{"first_unit":"2.25","last_unit":null,"unit_amount":"0.5"}]}}`,
			in: price.Input{Quantity: dec("3")}, exact: "3.125", quantity: "3", subtotal: "3.13", subs: []ratecard.SubLine{
				tierLine("0–0.5", "0.5", "2", "1.00"),
				tierLine("0.5–2.25", "1.75", "1", "1.75"),
				tierLine("2.25+", "0.75", "0.5", "0.38"),
			}},
		// Rounding happens on each sub-line, in the invoice's mode.
		{name: "tiered/sub-line rounding half-up 0.105 → 0.11", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			exact: "1.355", quantity: "11", subtotal: "1.36", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.11")}},
		{name: "tiered/sub-line rounding half-even 0.105 → 0.10", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			mode: ratecard.HalfEven, quantity: "11", subtotal: "1.35", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.10")}},
		{name: "tiered/sub-line rounding down 0.105 → 0.10", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			mode: ratecard.Down, quantity: "11", subtotal: "1.35", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.10")}},
		{name: "tiered/sub-line rounding up 0.105 → 0.11", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			mode: ratecard.Up, quantity: "11", subtotal: "1.36", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.11")}},
		{name: "tiered/sub-line rounding ceiling 0.105 → 0.11", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			mode: ratecard.Ceiling, quantity: "11", subtotal: "1.36", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.11")}},
		{name: "tiered/sub-line rounding floor 0.105 → 0.10", config: tieredHalfCent, in: price.Input{Quantity: dec("11")},
			mode: ratecard.Floor, quantity: "11", subtotal: "1.35", subs: []ratecard.SubLine{
				tierLine("0–10", "10", "0.125", "1.25"), tierLine("10+", "1", "0.105", "0.10")}},
		// The subtotal is the sum of the rounded sub-lines (0.01 + 0.01), not the
		// rounded sum of the exact ones (0.010 → 0.01).
		{name: "tiered/subtotal is the sum of rounded sub-lines", config: tieredTwoHalves, in: price.Input{Quantity: dec("2")},
			exact: "0.010", quantity: "2", subtotal: "0.02", subs: []ratecard.SubLine{
				tierLine("0–1", "1", "0.005", "0.01"), tierLine("1+", "1", "0.005", "0.01")}},

		// bulk
		{name: "bulk/semantics q=8 → 4.00", config: bulkTwo, in: price.Input{Quantity: dec("8")},
			exact: "4", quantity: "8", subtotal: "4.00"},
		{name: "bulk/semantics q=10 exactly at the first maximum → 5.00", config: bulkTwo, in: price.Input{Quantity: dec("10")},
			exact: "5", quantity: "10", subtotal: "5.00"},
		{name: "bulk/semantics q=101 → all units at 0.40 = 40.40", config: bulkTwo, in: price.Input{Quantity: dec("101")},
			exact: "40.4", quantity: "101", subtotal: "40.40"},
		{name: "bulk/just passed the first maximum q=10.001", config: bulkTwo, in: price.Input{Quantity: dec("10.001")},
			exact: "4.0004", quantity: "10.001", subtotal: "4.00"},
		{name: "bulk/q=11 costs less than q=10", config: bulkTwo, in: price.Input{Quantity: dec("11")},
			exact: "4.4", quantity: "11", subtotal: "4.40"},
		{name: "bulk/exactly at the bounded last maximum q=1000", config: bulkTwo, in: price.Input{Quantity: dec("1000")},
			exact: "400", quantity: "1000", subtotal: "400.00"},
		{name: "bulk/zero usage", config: bulkTwo, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "bulk/unbounded last tier", config: `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"0.40"}]}}`,
			in: price.Input{Quantity: dec("1000000")}, exact: "400000", quantity: "1000000", subtotal: "400000.00"},

		// matrix
		{name: "matrix/semantics alpha/west 10 + beta/east 5 → 20 + 15 = 35.00", config: matrixTwo,
			in:    price.Input{Groups: []price.Group{group("10", alpha, west), group("5", beta, east)}},
			exact: "35", quantity: "15", subtotal: "35.00", subs: []ratecard.SubLine{
				groupLine("alpha / west", "10", "2.00", "20.00", alpha, west),
				groupLine("beta / east", "5", "3.00", "15.00", beta, east),
			}},
		{name: "matrix/quantity given and equal to the groups' total", config: matrixTwo,
			in:    price.Input{Quantity: dec("15"), Groups: []price.Group{group("10", alpha, west), group("5", beta, east)}},
			exact: "35", quantity: "15", subtotal: "35.00", subs: []ratecard.SubLine{
				groupLine("alpha / west", "10", "2.00", "20.00", alpha, west),
				groupLine("beta / east", "5", "3.00", "15.00", beta, east),
			}},
		{name: "matrix/missing property → default rate, shown as (none)", config: matrixTwo,
			in:    price.Input{Groups: []price.Group{group("4", alpha, nil)}},
			exact: "12", quantity: "4", subtotal: "12.00", subs: []ratecard.SubLine{
				groupLine("alpha / (none)", "4", "3.00", "12.00", alpha, nil),
			}},
		{name: "matrix/missing property does not match an empty-string cell",
			config: `{"model_type":"matrix","matrix_config":{"dimensions":["region"],"default_unit_amount":"1.00",` +
				`"matrix_values":[{"dimension_values":[""],"unit_amount":"5.00"}]}}`,
			in:    price.Input{Groups: []price.Group{group("2", nil), group("3", sp(""))}},
			exact: "17", quantity: "5", subtotal: "17.00", subs: []ratecard.SubLine{
				groupLine("(none)", "2", "1.00", "2.00", nil),
				groupLine("", "3", "5.00", "15.00", sp("")),
			}},
		{name: "matrix/values are matched in dimension order", config: matrixTwo,
			in:    price.Input{Groups: []price.Group{group("1", west, alpha)}},
			exact: "3", quantity: "1", subtotal: "3.00", subs: []ratecard.SubLine{
				groupLine("west / alpha", "1", "3.00", "3.00", west, alpha),
			}},
		{name: "matrix/equal groups merged in order of first appearance", config: matrixTwo,
			in: price.Input{Groups: []price.Group{
				group("1", beta, east), group("2", alpha, west), group("3", beta, east), group("0.5", alpha, nil), group("1", alpha, nil)}},
			exact: "20.5", quantity: "7.5", subtotal: "20.50", subs: []ratecard.SubLine{
				groupLine("beta / east", "4", "3.00", "12.00", beta, east),
				groupLine("alpha / west", "2", "2.00", "4.00", alpha, west),
				groupLine("alpha / (none)", "1.5", "3.00", "4.50", alpha, nil),
			}},
		{name: "matrix/1-D written [region]", config: matrixOneDim,
			in:    price.Input{Groups: []price.Group{group("2", west), group("3", east)}},
			exact: "6", quantity: "5", subtotal: "6.00", subs: []ratecard.SubLine{
				groupLine("west", "2", "1.50", "3.00", west),
				groupLine("east", "3", "1.00", "3.00", east),
			}},
		{name: "matrix/1-D written [region, null]", config: matrixOneDimPadded,
			in:    price.Input{Groups: []price.Group{group("2", west), group("3", east)}},
			exact: "6", quantity: "5", subtotal: "6.00", subs: []ratecard.SubLine{
				groupLine("west", "2", "1.50", "3.00", west),
				groupLine("east", "3", "1.00", "3.00", east),
			}},
		{name: "matrix/group sub-lines rounded one by one", config: matrixOneDim,
			in:    price.Input{Groups: []price.Group{group("0.003", west), group("0.0045", east)}},
			exact: "0.009", quantity: "0.0075", subtotal: "0.00", subs: []ratecard.SubLine{
				groupLine("west", "0.003", "1.50", "0.00", west),  // 0.0045
				groupLine("east", "0.0045", "1.00", "0.00", east), // 0.0045; the exact sum 0.009 would round to 0.01
			}},
		{name: "matrix/zero usage", config: matrixTwo, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "matrix/a group with zero quantity still shows", config: matrixTwo,
			in:    price.Input{Groups: []price.Group{group("0", alpha, west)}},
			exact: "0", quantity: "0", subtotal: "0.00", subs: []ratecard.SubLine{
				groupLine("alpha / west", "0", "2.00", "0.00", alpha, west),
			}},

		// bps
		{name: "bps/semantics 500, 2,000, 100 @125 bps cap 11 → 6.25 + 11.00 + 1.25 = 18.50", config: bps125,
			in: price.Input{EventValues: decs("500", "2000", "100")}, exact: "18.5", quantity: "2600", subtotal: "18.50"},
		{name: "bps/quantity given and equal to the events' total", config: bps125,
			in: price.Input{Quantity: dec("2600"), EventValues: decs("500", "2000", "100")}, exact: "18.5", quantity: "2600", subtotal: "18.50"},
		{name: "bps/fee exactly at the cap", config: bps125,
			in: price.Input{EventValues: decs("880")}, exact: "11", quantity: "880", subtotal: "11.00"},
		{name: "bps/without cap", config: bpsNoCap,
			in: price.Input{EventValues: decs("500", "2000", "100")}, exact: "32.5", quantity: "2600", subtotal: "32.50"},
		{name: "bps/null cap is no cap", config: bpsNullCap,
			in: price.Input{EventValues: decs("500", "2000", "100")}, exact: "32.5", quantity: "2600", subtotal: "32.50"},
		{name: "bps/event fees are summed exactly, then rounded once", config: bpsFive,
			in: price.Input{EventValues: decs("10", "10", "10")}, exact: "0.015", quantity: "30", subtotal: "0.02"},
		{name: "bps/zero usage", config: bps125, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},
		{name: "bps/zero-valued events", config: bps125,
			in: price.Input{EventValues: decs("0", "0")}, exact: "0", quantity: "0", subtotal: "0.00"},

		// bulk_bps
		{name: "bulk_bps/semantics 7,500 × 200, V=1.5M → 2.30 each = 17,250.00", config: bulkBPSTwo,
			in: price.Input{EventValues: times(7500, "200")}, exact: "17250", quantity: "1500000", subtotal: "17250.00"},
		{name: "bulk_bps/semantics 4,000 × 200, V=800,000 → 2.50 each = 10,000.00", config: bulkBPSTwo,
			in: price.Input{EventValues: times(4000, "200")}, exact: "10000", quantity: "800000", subtotal: "10000.00"},
		{name: "bulk_bps/volume exactly at the first maximum stays in tier 1", config: bulkBPSTwo,
			in: price.Input{EventValues: times(5000, "200")}, exact: "12500", quantity: "1000000", subtotal: "12500.00"},
		{name: "bulk_bps/the chosen tier's cap applies to every event", config: bulkBPSTwo,
			in: price.Input{EventValues: decs("1000000", "1000")}, exact: "8", quantity: "1001000", subtotal: "8.00"},
		{name: "bulk_bps/zero usage", config: bulkBPSTwo, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},

		// tiered_bps
		{name: "tiered_bps/semantics 7,500 × 200 → 5,000 × 2.50 + 2,500 × 2.30 = 18,250.00", config: tieredBPSTwo,
			in: price.Input{EventValues: times(7500, "200")}, exact: "18250", quantity: "1500000", subtotal: "18250.00"},
		// 999,900 @125 bps = 12,498.75 → cap 19; then 100 @125 bps = 1.25 and 100 @115 bps = 1.15.
		{name: "tiered_bps/an event straddling the boundary is split", config: tieredBPSTwo,
			in: price.Input{EventValues: decs("999900", "200")}, exact: "21.40", quantity: "1000100", subtotal: "21.40"},
		// One event of 1,200: slices 1,000 (10.00 → 0.50) and 200 (2.00 → 0.50).
		{name: "tiered_bps/cap per slice, not per event", config: tieredBPSSliceCap,
			in: price.Input{EventValues: decs("1200")}, exact: "1.00", quantity: "1200", subtotal: "1.00"},
		// 100 → 1.00 capped 0.50; 1,000 → 10.00 capped 5 = 5.50.
		{name: "tiered_bps/events in order: small first", config: tieredBPSOrder,
			in: price.Input{EventValues: decs("100", "1000")}, exact: "5.5", quantity: "1100", subtotal: "5.50"},
		// 1,000 → slices 100 (0.50) and 900 (9.00 → 5); then 100 → 1.00 = 6.50.
		{name: "tiered_bps/events in order: large first", config: tieredBPSOrder,
			in: price.Input{EventValues: decs("1000", "100")}, exact: "6.5", quantity: "1100", subtotal: "6.50"},
		{name: "tiered_bps/an event ending exactly on the boundary", config: tieredBPSOrder,
			in: price.Input{EventValues: decs("100", "50")}, exact: "1", quantity: "150", subtotal: "1.00"},
		{name: "tiered_bps/zero usage", config: tieredBPSTwo, in: price.Input{}, exact: "0", quantity: "0", subtotal: "0.00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustDecode(t, tc.config)
			code := tc.currency
			if code == "" {
				code = "USD"
			}
			cur := mustCurrency(t, code)
			r, err := p.Rate(tc.in)
			if err != nil {
				t.Fatalf("Rate: %v", err)
			}
			if tc.exact != "" && !r.Amount.Equal(dec(tc.exact)) {
				t.Errorf("exact amount = %s, want %s", r.Amount, tc.exact)
			}
			got := r.Line("p_1", "Example", cur, tc.mode)
			want := ratecard.Line{
				PriceID:  "p_1",
				Name:     "Example",
				Quantity: dec(tc.quantity),
				Subtotal: dec(tc.subtotal),
				SubLines: tc.subs,
				Amount:   dec(tc.subtotal),
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("line (-want +got):\n%s", diff)
			}
			// Equal ignores trailing zeros; a rounded amount carries exactly the
			// currency's scale.
			if got.Subtotal.String() != tc.subtotal {
				t.Errorf("subtotal = %q, want %q", got.Subtotal.String(), tc.subtotal)
			}
			checkLineSums(t, got, cur)
		})
	}
}

// checkLineSums checks the invariants of every rounded line: each amount has the
// currency's scale and the subtotal is the sum of the sub-lines.
func checkLineSums(t rapid.TB, l ratecard.Line, cur ratecard.Currency) {
	t.Helper()
	if l.Subtotal.Scale() != cur.Scale() {
		t.Errorf("subtotal %s does not have scale %d", l.Subtotal, cur.Scale())
	}
	if !l.Amount.Equal(l.Subtotal) {
		t.Errorf("amount %s differs from subtotal %s before adjustments", l.Amount, l.Subtotal)
	}
	if len(l.SubLines) == 0 {
		return
	}
	var sum ratecard.Decimal
	for _, s := range l.SubLines {
		if s.Amount.Scale() != cur.Scale() {
			t.Errorf("sub-line %q amount %s does not have scale %d", s.Name, s.Amount, cur.Scale())
		}
		sum = sum.Add(s.Amount)
	}
	if !sum.Equal(l.Subtotal) {
		t.Errorf("subtotal %s != Σ sub-lines %s", l.Subtotal, sum)
	}
}

// TestRateErrors checks the errors of Rate: the field they name, the sentinel they
// wrap and their text.
func TestRateErrors(t *testing.T) {
	west := sp("west")
	cases := []struct {
		name   string
		config string
		in     price.Input
		is     error
		msg    string
	}{
		{"bulk/above a bounded last tier", bulkTwo, price.Input{Quantity: dec("1200")},
			price.ErrAboveLastTier, "bulk_config.tiers: quantity 1200 above the last tier bound 1000"},
		{"bulk/just above a bounded last tier", bulkTwo, price.Input{Quantity: dec("1000.01")},
			price.ErrAboveLastTier, "bulk_config.tiers: quantity 1000.01 above the last tier bound 1000"},
		{"bulk_bps/volume above a bounded last tier",
			`{"model_type":"bulk_bps","bulk_bps_config":{"tiers":[{"maximum_amount":1000,"bps":10,"per_unit_maximum":null}]}}`,
			price.Input{EventValues: decs("600", "600")},
			price.ErrAboveLastTier, "bulk_bps_config.tiers: volume 1200 above the last tier bound 1000"},
		{"unit/negative quantity", unitHalf, price.Input{Quantity: dec("-1")},
			price.ErrNegativeQuantity, "quantity: -1 is negative"},
		{"package/negative quantity", package10, price.Input{Quantity: dec("-0.5")},
			price.ErrNegativeQuantity, "quantity: -0.5 is negative"},
		{"tiered/negative quantity", tieredTwo, price.Input{Quantity: dec("-10")},
			price.ErrNegativeQuantity, "quantity: -10 is negative"},
		{"bulk/negative quantity", bulkTwo, price.Input{Quantity: dec("-1")},
			price.ErrNegativeQuantity, "quantity: -1 is negative"},
		{"matrix/negative group quantity", matrixTwo,
			price.Input{Groups: []price.Group{group("1", west, west), group("-2", west, west)}},
			price.ErrNegativeQuantity, "groups[1].quantity: -2 is negative"},
		{"matrix/bare quantity", matrixTwo, price.Input{Quantity: dec("5")},
			price.ErrUsageShape, "groups: a matrix price rates usage by group, got a quantity of 5 without groups"},
		{"matrix/quantity disagrees with the groups", matrixTwo,
			price.Input{Quantity: dec("5"), Groups: []price.Group{group("3", west, west)}},
			price.ErrUsageShape, "quantity: 5 differs from the groups' total 3"},
		{"matrix/too few values in a group", matrixTwo,
			price.Input{Groups: []price.Group{group("1", west, west), group("1", west)}},
			price.ErrUsageShape, "groups[1].values: 1 values for a 2-dimension matrix"},
		{"matrix/padding value in a group of a 1-D matrix",
			`{"model_type":"matrix","matrix_config":{"dimensions":["region",null],"default_unit_amount":1,"matrix_values":[]}}`,
			price.Input{Groups: []price.Group{group("1", west, nil)}},
			price.ErrUsageShape, "groups[0].values: 2 values for a 1-dimension matrix"},
		{"bps/event values missing but a quantity", bps125, price.Input{Quantity: dec("2600")},
			price.ErrUsageShape, "event_values: a bps price charges each event, got a quantity of 2600 without event values"},
		{"bps/quantity disagrees with the events", bps125, price.Input{Quantity: dec("2601"), EventValues: decs("500", "2000", "100")},
			price.ErrUsageShape, "quantity: 2601 differs from the event values' total 2600"},
		{"bps/negative event value", bps125, price.Input{EventValues: decs("1", "2", "3", "-4", "-5")},
			price.ErrNegativeQuantity, "event_values[3]: -4 is negative"},
		{"bulk_bps/event values missing but a quantity", bulkBPSTwo, price.Input{Quantity: dec("1")},
			price.ErrUsageShape, "event_values: a bps price charges each event, got a quantity of 1 without event values"},
		{"bulk_bps/negative event value", bulkBPSTwo, price.Input{EventValues: decs("-0.01")},
			price.ErrNegativeQuantity, "event_values[0]: -0.01 is negative"},
		{"tiered_bps/event values missing but a quantity", tieredBPSTwo, price.Input{Quantity: dec("1")},
			price.ErrUsageShape, "event_values: a bps price charges each event, got a quantity of 1 without event values"},
		{"tiered_bps/negative event value", tieredBPSTwo, price.Input{EventValues: decs("5", "-1")},
			price.ErrNegativeQuantity, "event_values[1]: -1 is negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustDecode(t, tc.config)
			r, err := p.Rate(tc.in)
			if err == nil {
				t.Fatalf("Rate = %+v, want an error", r)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", err, tc.is)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("error %q does not wrap ratecard.ErrInvalid", err)
			}
			var ve *ratecard.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %q is not a *ratecard.ValidationError", err)
			}
			if field, _, _ := strings.Cut(tc.msg, ": "); ve.Field != field {
				t.Errorf("field = %q, want %q", ve.Field, field)
			}
			if err.Error() != tc.msg {
				t.Errorf("error = %q\n want %q", err, tc.msg)
			}
		})
	}
}

// TestEveryModelRatesZeroUsage: every price yields a line, also at zero usage.
func TestEveryModelRatesZeroUsage(t *testing.T) {
	usd := mustCurrency(t, "USD")
	configs := map[price.Model]string{
		price.ModelUnit: unitHalf, price.ModelPackage: package10, price.ModelMatrix: matrixTwo,
		price.ModelTiered: tieredThree, price.ModelBulk: bulkTwo, price.ModelBPS: bps125,
		price.ModelBulkBPS: bulkBPSTwo, price.ModelTieredBPS: tieredBPSTwo,
	}
	for _, m := range price.Models() {
		p := mustDecode(t, configs[m])
		if p.Model() != m {
			t.Errorf("Decode of a %s config gives a %s price", m, p.Model())
		}
		r, err := p.Rate(price.Input{})
		if err != nil {
			t.Errorf("%s: Rate of zero usage: %v", m, err)
			continue
		}
		l := r.Line("p", "n", usd, ratecard.HalfUp)
		if l.Subtotal.String() != "0.00" || len(l.SubLines) != 0 || !l.Quantity.IsZero() {
			t.Errorf("%s: zero usage line = %+v, want subtotal 0.00, quantity 0, no sub-lines", m, l)
		}
	}
}

func TestModels(t *testing.T) {
	want := []price.Model{"unit", "package", "matrix", "tiered", "bulk", "bps", "bulk_bps", "tiered_bps"}
	got := price.Models()
	if !slices.Equal(got, want) {
		t.Errorf("Models() = %v, want %v", got, want)
	}
	got[0] = "mutated"
	if price.Models()[0] != "unit" {
		t.Error("Models returns the package's own slice")
	}
	if k := price.ModelTieredBPS.ConfigKey(); k != "tiered_bps_config" {
		t.Errorf("ConfigKey = %q", k)
	}
}

// TestNewMatchesDecode builds each example with its New function and checks that it
// is the price Decode reads.
func TestNewMatchesDecode(t *testing.T) {
	cases := []struct {
		config string
		build  func() (price.Price, error)
	}{
		{unitHalf, func() (price.Price, error) { return price.NewUnit(price.UnitConfig{UnitAmount: dec("0.50")}) }},
		{package10, func() (price.Price, error) {
			return price.NewPackage(price.PackageConfig{PackageAmount: dec("0.80"), PackageSize: 10})
		}},
		{tieredTwo, func() (price.Price, error) {
			return price.NewTiered(price.TieredConfig{Tiers: []price.Tier{
				{FirstUnit: dec("0"), LastUnit: decp("10"), UnitAmount: dec("0.50")},
				{FirstUnit: dec("10"), UnitAmount: dec("0.10")},
			}})
		}},
		{bulkTwo, func() (price.Price, error) {
			return price.NewBulk(price.BulkConfig{Tiers: []price.BulkTier{
				{MaximumUnits: decp("10"), UnitAmount: dec("0.50")},
				{MaximumUnits: decp("1000"), UnitAmount: dec("0.40")},
			}})
		}},
		{matrixTwo, func() (price.Price, error) {
			return price.NewMatrix(price.MatrixConfig{
				Dimensions:        []*string{sp("cluster"), sp("region")},
				DefaultUnitAmount: dec("3.00"),
				MatrixValues:      []price.MatrixValue{{DimensionValues: []*string{sp("alpha"), sp("west")}, UnitAmount: dec("2.00")}},
			})
		}},
		{bps125, func() (price.Price, error) {
			return price.NewBPS(price.BPSConfig{BPS: dec("125"), PerUnitMaximum: decp("11.00")})
		}},
		{bulkBPSTwo, func() (price.Price, error) {
			return price.NewBulkBPS(price.BulkBPSConfig{Tiers: []price.BulkBPSTier{
				{MaximumAmount: decp("1000000"), BPS: dec("125"), PerUnitMaximum: decp("19")},
				{BPS: dec("115"), PerUnitMaximum: decp("4")},
			}})
		}},
		{tieredBPSTwo, func() (price.Price, error) {
			return price.NewTieredBPS(price.TieredBPSConfig{Tiers: []price.TieredBPSTier{
				{MinimumAmount: dec("0"), MaximumAmount: decp("1000000"), BPS: dec("125"), PerUnitMaximum: decp("19")},
				{MinimumAmount: dec("1000000"), BPS: dec("115"), PerUnitMaximum: decp("4")},
			}})
		}},
	}
	for _, tc := range cases {
		built, err := tc.build()
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		decoded := mustDecode(t, tc.config)
		if diff := cmp.Diff(price.ConfigOf(decoded), price.ConfigOf(built)); diff != "" {
			t.Errorf("%s: config (-decoded +built):\n%s", built.Model(), diff)
		}
		a, err1 := price.Encode(built)
		b, err2 := price.Encode(decoded)
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("%s: Encode differs:\n built   %s (%v)\n decoded %s (%v)", built.Model(), a, err1, b, err2)
		}
	}
}

// TestEncode pins the wire form: decimals as strings with the digits they were
// written with, package_size as an integer, nulls kept.
func TestEncode(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"id":"p","name":"API","model_type":"unit","unit_config":{"unit_amount":0.50}}`,
			`{"model_type":"unit","unit_config":{"unit_amount":"0.50"}}`},
		{`{"model_type":"package","package_config":{"package_amount":0.8,"package_size":"10"}}`,
			`{"model_type":"package","package_config":{"package_amount":"0.8","package_size":10}}`},
		{tieredTwo,
			`{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":"0","last_unit":"10","unit_amount":"0.50"},` +
				`{"first_unit":"10","last_unit":null,"unit_amount":"0.10"}]}}`},
		{`{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":1e1,"unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"0.40"}]}}`,
			`{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":"10","unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"0.40"}]}}`},
		{`{"model_type":"matrix","matrix_config":{"dimensions":["region",null],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["<west>",null],"unit_amount":"1.50"}]}}`,
			`{"model_type":"matrix","matrix_config":{"dimensions":["region",null],"default_unit_amount":"1",` +
				`"matrix_values":[{"dimension_values":["\u003cwest\u003e",null],"unit_amount":"1.50"}]}}`},
		{`{"model_type":"bps","bps_config":{"bps":125}}`,
			`{"model_type":"bps","bps_config":{"bps":"125","per_unit_maximum":null}}`},
		{bulkBPSTwo, bulkBPSTwo},
		{tieredBPSTwo, tieredBPSTwo},
	}
	for _, tc := range cases {
		p := mustDecode(t, tc.in)
		got, err := price.Encode(p)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		if string(got) != tc.want {
			t.Errorf("Encode(Decode(%s))\n got %s\nwant %s", tc.in, got, tc.want)
		}
		viaJSON, err := p.(interface{ MarshalJSON() ([]byte, error) }).MarshalJSON()
		if err != nil || string(viaJSON) != tc.want {
			t.Errorf("MarshalJSON = %s, %v; want %s", viaJSON, err, tc.want)
		}
	}
	if _, err := price.Encode(nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

// TestImmutable checks that a price shares no memory with the configuration it was
// built from or the one Config returns.
func TestImmutable(t *testing.T) {
	cfg := price.TieredConfig{Tiers: []price.Tier{
		{FirstUnit: dec("0"), LastUnit: decp("10"), UnitAmount: dec("0.50")},
		{FirstUnit: dec("10"), UnitAmount: dec("0.10")},
	}}
	p, err := price.NewTiered(cfg)
	if err != nil {
		t.Fatal(err)
	}
	*cfg.Tiers[0].LastUnit = dec("1000")
	cfg.Tiers[0].UnitAmount = dec("9")
	got := p.Config()
	*got.Tiers[0].LastUnit = dec("2000")
	got.Tiers[1].UnitAmount = dec("9")
	r, err := p.Rate(price.Input{Quantity: dec("25")})
	if err != nil || !r.Amount.Equal(dec("6.50")) {
		t.Errorf("tiered after mutating its configs: %v, %v; want 6.50", r.Amount, err)
	}
	if diff := cmp.Diff(mustDecode(t, tieredTwo).(*price.Tiered).Config(), p.Config()); diff != "" {
		t.Errorf("tiered config after mutating its configs (-want +got):\n%s", diff)
	}

	west := sp("west")
	mcfg := price.MatrixConfig{
		Dimensions:        []*string{sp("region")},
		DefaultUnitAmount: dec("1"),
		MatrixValues:      []price.MatrixValue{{DimensionValues: []*string{west}, UnitAmount: dec("2")}},
	}
	m, err := price.NewMatrix(mcfg)
	if err != nil {
		t.Fatal(err)
	}
	*west = "east"
	*mcfg.Dimensions[0] = "zone"
	mc := m.Config()
	*mc.MatrixValues[0].DimensionValues[0] = "north"
	*mc.Dimensions[0] = "planet"
	if dims := m.Dimensions(); !slices.Equal(dims, []string{"region"}) {
		t.Errorf("Dimensions() = %v after mutating configs", dims)
	}
	r, err = m.Rate(price.Input{Groups: []price.Group{group("3", sp("west"))}})
	if err != nil || !r.Amount.Equal(dec("6")) {
		t.Errorf("matrix after mutating its configs: %v, %v; want 6", r.Amount, err)
	}
	wantM := price.MatrixConfig{Dimensions: []*string{sp("region")}, DefaultUnitAmount: dec("1"),
		MatrixValues: []price.MatrixValue{{DimensionValues: []*string{sp("west")}, UnitAmount: dec("2")}}}
	if diff := cmp.Diff(wantM, m.Config()); diff != "" {
		t.Errorf("matrix config after mutating its configs (-want +got):\n%s", diff)
	}

	bcfg := price.BPSConfig{BPS: dec("100"), PerUnitMaximum: decp("1")}
	b, err := price.NewBPS(bcfg)
	if err != nil {
		t.Fatal(err)
	}
	*bcfg.PerUnitMaximum = dec("1000")
	*b.Config().PerUnitMaximum = dec("1000")
	r, err = b.Rate(price.Input{EventValues: decs("500")})
	if err != nil || !r.Amount.Equal(dec("1")) {
		t.Errorf("bps after mutating its configs: %v, %v; want the cap 1", r.Amount, err)
	}
	if got := b.Config().PerUnitMaximum; got == nil || got.String() != "1" {
		t.Errorf("bps cap after mutating its configs: %v, want 1", got)
	}
}

func TestMatrixDimensions(t *testing.T) {
	for _, js := range []string{
		`{"model_type":"matrix","matrix_config":{"dimensions":["region"],"default_unit_amount":1,"matrix_values":[]}}`,
		`{"model_type":"matrix","matrix_config":{"dimensions":["region",null],"default_unit_amount":1,"matrix_values":[]}}`,
	} {
		m := mustDecode(t, js).(*price.Matrix)
		if got := m.Dimensions(); !slices.Equal(got, []string{"region"}) {
			t.Errorf("%s: Dimensions() = %q, want [region]", js, got)
		}
	}
}

// TestNewError checks that New labels problems like Decode, with the config key.
func TestNewError(t *testing.T) {
	_, err := price.NewTiered(price.TieredConfig{})
	if err == nil || err.Error() != "price: tiered_config.tiers: at least one tier is required" {
		t.Errorf("NewTiered(empty) error = %v", err)
	}
	if !errors.Is(err, ratecard.ErrInvalid) {
		t.Errorf("NewTiered(empty) error does not wrap ErrInvalid")
	}
	_, err = price.NewPackage(price.PackageConfig{PackageAmount: dec("-1")})
	want := "price: package_config.package_amount: -1 is negative\n" +
		"price: package_config.package_size: must be a positive integer, got 0"
	if err == nil || err.Error() != want {
		t.Errorf("NewPackage error = %v\nwant %s", err, want)
	}
	type otherConfig struct{ price.UnitConfig }
	if _, err := price.New(otherConfig{}); !errors.Is(err, price.ErrUnknownModel) {
		t.Errorf("New of a foreign config type: %v, want ErrUnknownModel", err)
	}
	if price.ConfigOf(nil) != nil {
		t.Error("ConfigOf(nil) != nil")
	}
}
