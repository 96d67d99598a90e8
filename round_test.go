package ratecard_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
)

// modes lists every rounding mode in the order of the byMode columns below.
var modes = [...]ratecard.RoundingMode{
	ratecard.HalfUp, ratecard.HalfEven, ratecard.Down, ratecard.Up, ratecard.Ceiling, ratecard.Floor,
}

// byMode holds one expected String per mode: HalfUp, HalfEven, Down, Up, Ceiling, Floor.
type byMode [6]string

// all is the expectation when every mode agrees (the value is exact at the scale).
func all(s string) byMode { return byMode{s, s, s, s, s, s} }

func TestRound(t *testing.T) {
	const (
		big34  = "1234567890123456789012345678901" // with three decimals: 34 digits
		tenths = "0.12345678901234567890"          // 0.123456789012345678901234 truncated to 20 places
	)
	tests := []struct {
		name  string
		in    string
		scale int32
		want  byMode // HalfUp, HalfEven, Down, Up, Ceiling, Floor
	}{
		{"tie, even digit below", "2.345", 2, byMode{"2.35", "2.34", "2.34", "2.35", "2.35", "2.34"}},
		{"negative tie, even digit below", "-2.345", 2, byMode{"-2.35", "-2.34", "-2.34", "-2.35", "-2.34", "-2.35"}},
		{"tie, odd digit below", "2.355", 2, byMode{"2.36", "2.36", "2.35", "2.36", "2.36", "2.35"}},
		{"negative tie, odd digit below", "-2.355", 2, byMode{"-2.36", "-2.36", "-2.35", "-2.36", "-2.35", "-2.36"}},
		{"just above a unit", "2.341", 2, byMode{"2.34", "2.34", "2.34", "2.35", "2.35", "2.34"}},
		{"negative, just above a unit", "-2.341", 2, byMode{"-2.34", "-2.34", "-2.34", "-2.35", "-2.34", "-2.35"}},
		{"just below the next unit", "2.349", 2, byMode{"2.35", "2.35", "2.34", "2.35", "2.35", "2.34"}},
		{"negative, just below the next unit", "-2.349", 2, byMode{"-2.35", "-2.35", "-2.34", "-2.35", "-2.34", "-2.35"}},
		{"half", "0.5", 0, byMode{"1", "0", "0", "1", "1", "0"}},
		{"one and a half", "1.5", 0, byMode{"2", "2", "1", "2", "2", "1"}},
		{"two and a half", "2.5", 0, byMode{"3", "2", "2", "3", "3", "2"}},
		{"minus two and a half", "-2.5", 0, byMode{"-3", "-2", "-2", "-3", "-2", "-3"}},
		{"minus a half: no minus zero", "-0.5", 0, byMode{"-1", "0", "0", "-1", "0", "-1"}},
		{"small negative: no minus zero", "-0.4", 0, byMode{"0", "0", "0", "-1", "0", "-1"}},
		{"below half a cent", "0.0049", 2, byMode{"0.00", "0.00", "0.00", "0.01", "0.01", "0.00"}},
		{"below half a cent, negative", "-0.0049", 2, byMode{"0.00", "0.00", "0.00", "-0.01", "0.00", "-0.01"}},
		{"tie that carries", "9.995", 2, byMode{"10.00", "10.00", "9.99", "10.00", "10.00", "9.99"}},
		{"negative tie that carries", "-9.995", 2, byMode{"-10.00", "-10.00", "-9.99", "-10.00", "-9.99", "-10.00"}},
		{"carry through every digit", "99.9999", 2, byMode{"100.00", "100.00", "99.99", "100.00", "100.00", "99.99"}},
		{"adds places", "617", 2, all("617.00")},
		{"exact at the scale", "2.34", 2, all("2.34")},
		{"adds places to a fraction", "2.3", 4, all("2.3000")},
		{"zero keeps the scale", "0.000", 1, all("0.0")},
		{"adds places up to scale 18", "9", 18, all("9.000000000000000000")},
		{"adding places leaves int64", "10", 18, all("10.000000000000000000")},
		{"adding a place leaves int64", maxInt64, 1, all(maxInt64 + ".0")},

		{"above the tie at scale 19", "2.2500000000000000001", 1, byMode{"2.3", "2.3", "2.2", "2.3", "2.3", "2.2"}},
		{"tie at scale 19", "2.2500000000000000000", 1, byMode{"2.3", "2.2", "2.2", "2.3", "2.3", "2.2"}},
		{"negative tie at scale 19", "-2.2500000000000000000", 1, byMode{"-2.3", "-2.2", "-2.2", "-2.3", "-2.2", "-2.3"}},
		{"to scale 20", "1.5", 20, all("1.50000000000000000000")},
		{"to scale 20 from 24", "0.123456789012345678901234", 20,
			byMode{tenths, tenths, tenths, "0.12345678901234567891", "0.12345678901234567891", tenths}},
		{"to scale 20 from 24, negative", "-0.123456789012345678901234", 20,
			byMode{"-" + tenths, "-" + tenths, "-" + tenths, "-0.12345678901234567891", "-" + tenths, "-0.12345678901234567891"}},
		{"34 digits", big34 + ".234", 2, byMode{big34 + ".23", big34 + ".23", big34 + ".23", big34 + ".24", big34 + ".24", big34 + ".23"}},
		{"34 digits, negative tie", "-" + big34 + ".235", 2, byMode{"-" + big34 + ".24", "-" + big34 + ".24", "-" + big34 + ".23", "-" + big34 + ".24", "-" + big34 + ".23", "-" + big34 + ".24"}},
		{"big integer", "1e25", 0, all("10000000000000000000000000")},

		{"to tens", "15", -1, byMode{"20", "20", "10", "20", "20", "10"}},
		{"to tens, tie to even", "25", -1, byMode{"30", "20", "20", "30", "30", "20"}},
		{"to tens, negative tie", "-25", -1, byMode{"-30", "-20", "-20", "-30", "-20", "-30"}},
		{"to hundreds", "1234.5", -2, byMode{"1200", "1200", "1200", "1300", "1300", "1200"}},
		{"to hundreds, negative tie", "-1250", -2, byMode{"-1300", "-1200", "-1200", "-1300", "-1200", "-1300"}},
		{"to tens, below half", "0.4", -1, byMode{"0", "0", "0", "10", "10", "0"}},
		{"to 10^26", "1e25", -26, byMode{"0", "0", "0", "1" + zeros(26), "1" + zeros(26), "0"}},
		{"2^63-1 to tens", maxInt64, -1, byMode{"9223372036854775810", "9223372036854775810", "9223372036854775800", "9223372036854775810", "9223372036854775810", "9223372036854775800"}},

		{"2^63-1 and a half", maxInt64 + ".5", 0, byMode{twoTo63, twoTo63, maxInt64, twoTo63, twoTo63, maxInt64}},
		{"-(2^63-1) and a half", "-" + maxInt64 + ".5", 0, byMode{"-" + twoTo63, "-" + twoTo63, "-" + maxInt64, "-" + twoTo63, "-" + maxInt64, "-" + twoTo63}},
		{"tie to 2^63-1 at scale 2", "92233720368547758.075", 2, byMode{"92233720368547758.08", "92233720368547758.08", "92233720368547758.07", "92233720368547758.08", "92233720368547758.08", "92233720368547758.07"}},
		{"tie to -2^63 at scale 2", "-92233720368547758.085", 2, byMode{"-92233720368547758.09", "-92233720368547758.08", "-92233720368547758.08", "-92233720368547758.09", "-92233720368547758.08", "-92233720368547758.09"}},
		{"scale 18 to 17", "9.223372036854775807", 17, byMode{"9.22337203685477581", "9.22337203685477581", "9.22337203685477580", "9.22337203685477581", "9.22337203685477581", "9.22337203685477580"}},
		{"scale 18 to 0", "-0.999999999999999999", 0, byMode{"-1", "-1", "0", "-1", "0", "-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := D(tt.in)
			var got byMode
			for i, m := range modes {
				r := d.Round(tt.scale, m)
				got[i] = r.String()
				checkCanonical(t, m.String(), r)
				if want := max32(tt.scale, 0); r.Scale() != want {
					t.Errorf("Round(%s, %d, %s).Scale() = %d, want %d", tt.in, tt.scale, m, r.Scale(), want)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Round(%s, %d) in [HalfUp HalfEven Down Up Ceiling Floor] (-want +got):\n%s", tt.in, tt.scale, diff)
			}
			if d.String() != D(tt.in).String() {
				t.Errorf("Round changed its receiver to %s", d)
			}
		})
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func max32(a, b int32) int32 {
	if a > b {
		return a
	}
	return b
}

func TestRoundDefaultMode(t *testing.T) {
	var m ratecard.RoundingMode // the zero value is the invoice default
	if m != ratecard.HalfUp {
		t.Fatalf("zero RoundingMode = %s, want half_up", m)
	}
	if got := D("2.5").Round(0, m).String(); got != "3" {
		t.Errorf("2.5 rounded with the zero mode = %s, want 3", got)
	}
}

func TestDiv(t *testing.T) {
	const (
		thirds   = "0.33333333333333333333" // 1/3 to 20 places
		thirdsUp = "0.33333333333333333334"
		half63   = "4611686018427387903" // (2^63-1) / 2, truncated
		half63Up = "4611686018427387904"
		e25by3   = "3333333333333333333333333"
		e25by3Up = "3333333333333333333333334"
	)
	tests := []struct {
		name  string
		x, y  string
		scale int32
		want  byMode // HalfUp, HalfEven, Down, Up, Ceiling, Floor
	}{
		{"one third", "1", "3", 2, byMode{"0.33", "0.33", "0.33", "0.34", "0.34", "0.33"}},
		{"minus one third", "-1", "3", 2, byMode{"-0.33", "-0.33", "-0.33", "-0.34", "-0.33", "-0.34"}},
		{"two thirds", "2", "3", 2, byMode{"0.67", "0.67", "0.66", "0.67", "0.67", "0.66"}},
		{"minus two thirds", "2", "-3", 2, byMode{"-0.67", "-0.67", "-0.66", "-0.67", "-0.66", "-0.67"}},
		{"10/4 tie, even below", "10", "4", 0, byMode{"3", "2", "2", "3", "3", "2"}},
		{"14/4 tie, odd below", "14", "4", 0, byMode{"4", "4", "3", "4", "4", "3"}},
		{"-10/4", "-10", "4", 0, byMode{"-3", "-2", "-2", "-3", "-2", "-3"}},
		{"10/-4", "10", "-4", 0, byMode{"-3", "-2", "-2", "-3", "-2", "-3"}},
		{"-10/-4", "-10", "-4", 0, byMode{"3", "2", "2", "3", "3", "2"}},
		{"ceiling of 11/10", "11", "10", 0, byMode{"1", "1", "1", "2", "2", "1"}},
		{"-11/10", "-11", "10", 0, byMode{"-1", "-1", "-1", "-2", "-1", "-2"}},
		{"1/8 tie", "1", "8", 2, byMode{"0.13", "0.12", "0.12", "0.13", "0.13", "0.12"}},
		{"3/8 tie", "3", "8", 2, byMode{"0.38", "0.38", "0.37", "0.38", "0.38", "0.37"}},
		{"100/7", "100", "7", 4, byMode{"14.2857", "14.2857", "14.2857", "14.2858", "14.2858", "14.2857"}},
		{"proration 17/31 of 100", "1700", "31", 2, byMode{"54.84", "54.84", "54.83", "54.84", "54.84", "54.83"}},
		{"negative proration", "-1700", "31", 2, byMode{"-54.84", "-54.84", "-54.83", "-54.84", "-54.83", "-54.84"}},
		{"exact adds places", "6", "3", 2, all("2.00")},
		{"zero over a negative: no minus zero", "0", "-5", 2, all("0.00")},
		{"scaled operands, exact", "0.50", "0.2", 1, all("2.5")},
		{"scaled operands, tie", "0.05", "0.2", 1, byMode{"0.3", "0.2", "0.2", "0.3", "0.3", "0.2"}},
		{"scaled operands, negative tie", "-0.05", "0.2", 1, byMode{"-0.3", "-0.2", "-0.2", "-0.3", "-0.2", "-0.3"}},
		{"to scale 20", "1", "3", 20, byMode{thirds, thirds, thirds, thirdsUp, thirdsUp, thirds}},
		{"to scale 20, negative", "-1", "3", 20, byMode{"-" + thirds, "-" + thirds, "-" + thirds, "-" + thirdsUp, "-" + thirds, "-" + thirdsUp}},
		{"to tens", "2", "3", -1, byMode{"0", "0", "0", "10", "10", "0"}},
		{"to tens, tie", "25", "1", -1, byMode{"30", "20", "20", "30", "30", "20"}},
		{"2^63-1 halved", "9223372036854775807", "2", 0, byMode{half63Up, half63Up, half63, half63Up, half63Up, half63}},
		{"-(2^63-1) halved", "-9223372036854775807", "2", 0, byMode{"-" + half63Up, "-" + half63Up, "-" + half63, "-" + half63Up, "-" + half63, "-" + half63Up}},
		{"-2^63 halved", "-9223372036854775808", "2", 0, all("-4611686018427387904")},
		{"quotient 2^63-1", "9223372036854775807", "1", 0, all("9223372036854775807")},
		{"quotient -(2^63-1)", "9223372036854775807", "-1", 0, all("-9223372036854775807")},
		{"quotient just above 2^63-1", "6456360425798343065", "0.7", 0, byMode{maxInt64, maxInt64, maxInt64, twoTo63, twoTo63, maxInt64}},
		{"quotient just below -(2^63-1)", "-6456360425798343065", "0.7", 0, byMode{"-" + maxInt64, "-" + maxInt64, "-" + maxInt64, "-" + twoTo63, "-" + maxInt64, "-" + twoTo63}},
		{"quotient 2^64-2", "9223372036854775807", "0.5", 0, all("18446744073709551614")},
		{"quotient 2^63-1 at scale 1", "922337203685477580.7", "1", 1, all("922337203685477580.7")},
		{"big dividend", "1e25", "3", 0, byMode{e25by3, e25by3, e25by3, e25by3Up, e25by3Up, e25by3}},
		{"big divisor", "1", "0.0000000000000000001", 0, all("10000000000000000000")},
		{"divisor scaled past 64 bits", "1.000000000000000000", "9223372036854775807", 0, byMode{"0", "0", "0", "1", "1", "0"}},
		{"divisor scaled past 64 bits, negative", "-1.000000000000000000", "9223372036854775807", 0, byMode{"0", "0", "0", "-1", "0", "-1"}},
		{"dividend with scale 18", "1.000000000000000000", "3", 0, byMode{"0", "0", "0", "1", "1", "0"}},
		{"34-digit operands", "1234567890123456789012345678901234", "1234567890123456789012345678901234", 2, all("1.00")},
		{"tiny over huge", "1e-6176", "1e6111", 2, byMode{"0.00", "0.00", "0.00", "0.01", "0.01", "0.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := D(tt.x), D(tt.y)
			var got byMode
			for i, m := range modes {
				r, err := x.Div(y, tt.scale, m)
				if err != nil {
					t.Fatalf("%s / %s in %s: %v", tt.x, tt.y, m, err)
				}
				got[i] = r.String()
				checkCanonical(t, m.String(), r)
				if want := max32(tt.scale, 0); r.Scale() != want {
					t.Errorf("(%s / %s, %d, %s).Scale() = %d, want %d", tt.x, tt.y, tt.scale, m, r.Scale(), want)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s / %s to %d places in [HalfUp HalfEven Down Up Ceiling Floor] (-want +got):\n%s", tt.x, tt.y, tt.scale, diff)
			}
		})
	}
}

func TestDivByZero(t *testing.T) {
	for _, zero := range []string{"0", "0.00", "-0", "0E-30"} {
		for _, x := range []string{"1", "0", "-12345678901234567890.5"} {
			got, err := D(x).Div(D(zero), 2, ratecard.HalfUp)
			if !errors.Is(err, ratecard.ErrDivisionByZero) {
				t.Errorf("%s / %s: error = %v, want ErrDivisionByZero", x, zero, err)
			}
			if got.String() != "0" {
				t.Errorf("%s / %s returned %s with its error, want the zero value", x, zero, got)
			}
		}
	}
}

func TestParseRoundingMode(t *testing.T) {
	names := []struct {
		name string
		mode ratecard.RoundingMode
	}{
		{"half_up", ratecard.HalfUp},
		{"half_even", ratecard.HalfEven},
		{"down", ratecard.Down},
		{"up", ratecard.Up},
		{"ceiling", ratecard.Ceiling},
		{"floor", ratecard.Floor},
	}
	for _, tt := range names {
		got, err := ratecard.ParseRoundingMode(tt.name)
		if err != nil || got != tt.mode {
			t.Errorf("ParseRoundingMode(%q) = %v, %v; want %v", tt.name, got, err, tt.mode)
		}
		if s := tt.mode.String(); s != tt.name {
			t.Errorf("%d.String() = %q, want %q", tt.mode, s, tt.name)
		}
		b, err := tt.mode.MarshalText()
		if err != nil || string(b) != tt.name {
			t.Errorf("%s.MarshalText() = %q, %v", tt.name, b, err)
		}
		var m ratecard.RoundingMode
		if err := m.UnmarshalText(b); err != nil || m != tt.mode {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, m, err)
		}
	}
	for _, bad := range []string{"", "HALF_UP", "Half_Up", "halfup", "half-up", " half_up", "half_up ", "bankers", "round", "truncate", "RoundingMode(0)", "6"} {
		got, err := ratecard.ParseRoundingMode(bad)
		if !errors.Is(err, ratecard.ErrUnknownRoundingMode) {
			t.Errorf("ParseRoundingMode(%q) = %v, %v; want ErrUnknownRoundingMode", bad, got, err)
		}
		m := ratecard.Floor
		if err := m.UnmarshalText([]byte(bad)); !errors.Is(err, ratecard.ErrUnknownRoundingMode) || m != ratecard.Floor {
			t.Errorf("UnmarshalText(%q) = %v, %v; want an error and no change", bad, m, err)
		}
	}
	_, err := ratecard.ParseRoundingMode("bankers")
	if got, want := err.Error(), `unknown rounding mode "bankers" (want half_up, half_even, down, up, ceiling or floor)`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	// A value outside the constants prints as itself and cannot be marshalled.
	bad := ratecard.RoundingMode(6)
	if s := bad.String(); s != "RoundingMode(6)" {
		t.Errorf("RoundingMode(6).String() = %q", s)
	}
	if b, err := bad.MarshalText(); !errors.Is(err, ratecard.ErrUnknownRoundingMode) {
		t.Errorf("RoundingMode(6).MarshalText() = %q, %v; want ErrUnknownRoundingMode", b, err)
	}
	if b, err := ratecard.RoundingMode(255).MarshalText(); !errors.Is(err, ratecard.ErrUnknownRoundingMode) {
		t.Errorf("RoundingMode(255).MarshalText() = %q, %v; want ErrUnknownRoundingMode", b, err)
	}
}

func TestRoundingModeJSON(t *testing.T) {
	type invoice struct {
		Mode ratecard.RoundingMode `json:"rounding_mode"`
	}
	out, err := json.Marshal(invoice{ratecard.HalfEven})
	if err != nil || string(out) != `{"rounding_mode":"half_even"}` {
		t.Errorf("json.Marshal = %s, %v", out, err)
	}
	var in invoice
	if err := json.Unmarshal([]byte(`{"rounding_mode":"ceiling"}`), &in); err != nil || in.Mode != ratecard.Ceiling {
		t.Errorf("json.Unmarshal = %v, %v", in.Mode, err)
	}
	if err := json.Unmarshal([]byte(`{"rounding_mode":"nearest"}`), &in); !errors.Is(err, ratecard.ErrUnknownRoundingMode) {
		t.Errorf("unknown mode in JSON: error = %v", err)
	}
	if _, err := json.Marshal(invoice{ratecard.RoundingMode(9)}); !errors.Is(err, ratecard.ErrUnknownRoundingMode) {
		t.Errorf("marshalling RoundingMode(9): error = %v", err)
	}
}

// TestExtremeScales: scale arguments far outside any currency's are clamped to
// ±MaxScale rather than computing 10^(2^31), so the calls return promptly.
func TestExtremeScales(t *testing.T) {
	d := ratecard.MustParse("1.5")
	if got := d.Round(math.MaxInt32, ratecard.HalfUp); got.Scale() != ratecard.MaxScale || !got.Equal(d) {
		t.Errorf("Round(MaxInt32) = scale %d, value equal %v; want scale %d and the same value", got.Scale(), got.Equal(d), ratecard.MaxScale)
	}
	if got := d.Round(math.MinInt32, ratecard.HalfUp); !got.IsZero() {
		t.Errorf("Round(MinInt32, HalfUp) = %s, want 0", got)
	}
	q, err := d.Div(ratecard.NewFromInt(3), math.MaxInt32, ratecard.Down)
	if err != nil || q.Scale() != ratecard.MaxScale {
		t.Errorf("Div(3, MaxInt32) = scale %d, %v; want scale %d", q.Scale(), err, ratecard.MaxScale)
	}
	for _, scale := range []int32{math.MinInt32, -ratecard.MaxScale - 1, ratecard.MaxScale + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(1, %d) did not panic", scale)
				}
			}()
			ratecard.New(1, scale)
		}()
	}
}
