package ratecard_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/internal/gen"
)

// parseSeeds are inputs at the edges of the syntax and of the representation. The
// files under testdata/fuzz hold more, some found by the fuzzer.
var parseSeeds = []string{
	"", "-", "+", ".", "1e", "1e+", "NaN", "Inf", "-Infinity", "sNaN", "1.2.3", " 1", "1 ",
	"+5", ".5", "5.", "-.5", "1E+2", "0.000", "-0", "-0.00", "0e9999", "00012.3400",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
	"9223372036854775807.5", "922337203685477580.7", "0.000000000000000001", "0.0000000000000000001",
	"1234567890123456789012345678901234", "12345678901234567890123456789012345",
	"1234567890123456789012345678901234e3", "1e6111", "1e6112", "1e-6176", "1e-6177", "1.5e6112",
	"1e99999999999999999999", "0.1e-6176", "1_000", "0x10", "١",
}

// FuzzParse checks that Parse never panics, that every error wraps
// ErrInvalidDecimal, and that every accepted value prints in plain notation and
// reads back from its String as the same value with the same digits.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ratecard.Parse(s)
		if err != nil {
			if !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Fatalf("Parse(%q): error %v does not wrap ErrInvalidDecimal", s, err)
			}
			if d.String() != "0" {
				t.Fatalf("Parse(%q) returned %s with an error", s, d)
			}
			return
		}
		expectCanonical(t, "Parse", d)
		str := d.String()
		if strings.ContainsAny(str, "eE+") || str != d.String() {
			t.Fatalf("Parse(%q).String() = %q: not plain or not stable", s, str)
		}
		back, err := ratecard.Parse(str)
		if err != nil {
			t.Fatalf("Parse(%q) = %s, but its String does not parse: %v", s, str, err)
		}
		if !back.Equal(d) || back.String() != str || back.Scale() != d.Scale() {
			t.Fatalf("Parse(%q) = %s, Parse of that = %s", s, str, back)
		}
		// The value is the one written: big.Rat reads the same syntax where it can
		// (it rejects "5." and a leading "+" with an exponent; that is no concern here).
		if want, ok := new(big.Rat).SetString(s); ok {
			if gen.Rat(d).Cmp(want) != 0 {
				t.Fatalf("Parse(%q) = %s, want %s", s, str, want.FloatString(20))
			}
		}
		if (d.Sign() < 0) != strings.HasPrefix(str, "-") {
			t.Fatalf("Parse(%q) = %s with sign %d", s, str, d.Sign())
		}
		j, _ := d.MarshalJSON()
		var fromJSON ratecard.Decimal
		if err := json.Unmarshal(j, &fromJSON); err != nil || fromJSON.String() != str {
			t.Fatalf("JSON round trip of %s: %s, %v", str, fromJSON, err)
		}
	})
}

// FuzzUnmarshalJSON checks that any input is either rejected with ErrInvalidDecimal
// or accepted, and then writes a JSON string that reads back as the same value.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`"0.50"`, `0.50`, `1e2`, `-1.50E-1`, `"1E+2"`, `null`, `"null"`, `""`, `"`, `true`,
		`[1]`, `{"a":1}`, `"\u0031"`, `"1\""`, `" 1"`, `"NaN"`, `12345678901234567890.123`,
		`-0`, `"-0.00"`, `1e6111`, `1e7000`, `"9223372036854775808"`, ` 1 `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d ratecard.Decimal
		err := d.UnmarshalJSON(b)
		if err != nil {
			if !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Fatalf("UnmarshalJSON(%q): error %v does not wrap ErrInvalidDecimal", b, err)
			}
			if d.String() != "0" {
				t.Fatalf("UnmarshalJSON(%q) set %s and returned an error", b, d)
			}
		} else {
			expectCanonical(t, "UnmarshalJSON", d)
			out, err := d.MarshalJSON()
			if err != nil || !json.Valid(out) || out[0] != '"' {
				t.Fatalf("MarshalJSON of %s = %s, %v: not a JSON string", d, out, err)
			}
			var back ratecard.Decimal
			if err := back.UnmarshalJSON(out); err != nil || back.String() != d.String() || !back.Equal(d) {
				t.Fatalf("UnmarshalJSON(%q) = %s, but MarshalJSON gives %s, which reads as %s, %v", b, d, out, back, err)
			}
			// A string and a number with the same text are the same value.
			if s := bytes.Trim(b, `"`); len(s) == len(b)-2 && b[0] == '"' {
				if p, err := ratecard.Parse(string(s)); err != nil || p.String() != d.String() {
					t.Fatalf("UnmarshalJSON(%q) = %s, Parse(%q) = %s, %v", b, d, s, p, err)
				}
			}
		}
		// Through encoding/json the verdict and the value are the same: it hands the
		// method the value without the surrounding white space.
		if json.Valid(b) && utf8.Valid(b) {
			var viaJSON ratecard.Decimal
			errJSON := json.Unmarshal(b, &viaJSON)
			var direct ratecard.Decimal
			errDirect := direct.UnmarshalJSON(bytes.TrimSpace(b))
			if (errJSON == nil) != (errDirect == nil) || viaJSON.String() != direct.String() {
				t.Fatalf("json.Unmarshal(%q) = %s, %v; UnmarshalJSON = %s, %v", b, viaJSON, errJSON, direct, errDirect)
			}
		}
	})
}

// FuzzArithmetic checks Add, Sub, Mul, Round and Div on any two values Parse accepts
// against exact rationals: they never panic and are exact, or rounded once as the mode
// says. The scale is an int8 so that a quotient stays a reasonable size.
func FuzzArithmetic(f *testing.F) {
	seeds := []struct {
		a, b  string
		scale int8
		mode  uint8
	}{
		{"2.345", "1", 2, 0},
		{"-2.345", "1", 2, 1},
		{"1", "3", 2, 3},
		{"10", "4", 0, 1},
		{"11", "10", 0, 4},
		{"9223372036854775807", "1", -1, 0},
		{"9223372036854775807", "-1", 0, 5},
		{"-9223372036854775808", "2", 0, 2},
		{"92233720368547758.07", "0.001", 2, 0},
		{"3037000500", "3037000500", 20, 1},
		{"9.995", "0.2", 2, 0},
		{"1e6111", "1e-6176", 127, 3},
		{"1e-6176", "1e6111", -128, 4},
		{"1234567890123456789012345678901234", "0.0000000000000000000000000000000001", 10, 5},
		{"0", "0", 0, 0},
	}
	for _, s := range seeds {
		f.Add(s.a, s.b, s.scale, s.mode)
	}
	f.Fuzz(func(t *testing.T, a, b string, scale int8, mode uint8) {
		x, err := ratecard.Parse(a)
		if err != nil {
			return
		}
		y, err := ratecard.Parse(b)
		if err != nil {
			return
		}
		m := ratecard.RoundingMode(mode % 6)
		s := int32(scale)
		rx, ry := gen.Rat(x), gen.Rat(y)

		for _, op := range []struct {
			name string
			got  ratecard.Decimal
			want *big.Rat
		}{
			{"Add", x.Add(y), new(big.Rat).Add(rx, ry)},
			{"Sub", x.Sub(y), new(big.Rat).Sub(rx, ry)},
			{"Mul", x.Mul(y), new(big.Rat).Mul(rx, ry)},
			{"Round", x.Round(s, m), roundRat(rx, s, m)},
		} {
			expectRat(t, op.name, op.got, op.want)
			expectCanonical(t, op.name, op.got)
		}
		if r := x.Round(s, m); r.Scale() != max(s, 0) {
			t.Fatalf("Round(%s, %d, %s) = %s with scale %d", x, s, m, r, r.Scale())
		}
		q, err := x.Div(y, s, m)
		if y.IsZero() {
			if !errors.Is(err, ratecard.ErrDivisionByZero) {
				t.Fatalf("%s / 0: error = %v", x, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s / %s: %v", x, y, err)
		}
		exact := new(big.Rat).Quo(rx, ry)
		expectRat(t, "Div", q, roundRat(exact, s, m))
		expectCanonical(t, "Div", q)
		checkDivBound(t, exact, q, s, m)
	})
}
