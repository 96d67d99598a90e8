package ratecard_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
)

// D is short for ratecard.MustParse in tables.
var D = ratecard.MustParse

const (
	maxSmall = "288230376151711743"   // 2^58 - 1: the largest small coefficient
	twoTo58  = "288230376151711744"   // 2^58: needs the big form
	maxInt64 = "9223372036854775807"  // 2^63 - 1: past the small form, still exact
	twoTo63  = "9223372036854775808"  // 2^63: past a uint64's signed half
	minInt64 = "-9223372036854775808" // -2^63
)

// checkCanonical fails the test when d is not in the form its value must have.
func checkCanonical(t testing.TB, what string, d ratecard.Decimal) {
	t.Helper()
	if err := ratecard.CheckCanonical(d); err != nil {
		t.Errorf("%s = %s: not canonical: %v", what, d, err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string // the String of the result
		scale int32
		small bool // held as a machine integer
	}{
		{"integer", "12", "12", 0, true},
		{"zero", "0", "0", 0, true},
		{"amount keeps its trailing zero", "-0.50", "-0.50", 2, true},
		{"leading plus", "+5", "5", 0, true},
		{"no integer digits", ".5", "0.5", 1, true},
		{"negative, no integer digits", "-.5", "-0.5", 1, true},
		{"trailing point", "5.", "5", 0, true},
		{"exponent E+", "1E+2", "100", 0, true},
		{"exponent e", "1.25e3", "1250", 0, true},
		{"exponent leaves a fraction", "1.25e1", "12.5", 1, true},
		{"negative exponent", "125e-2", "1.25", 2, true},
		{"negative exponent adds places", "-1.5E-3", "-0.0015", 4, true},
		{"exponent with leading zeros", "1e0000000000000000000002", "100", 0, true},
		{"zero keeps its scale", "0.000", "0.000", 3, true},
		{"minus zero", "-0", "0", 0, true},
		{"minus zero with places", "-0.00", "0.00", 2, true},
		{"zero with a positive exponent", "0e5", "0", 0, true},
		{"minus zero past scale 18", "-0e-30", "0.000000000000000000000000000000", 30, false},
		{"leading and trailing zeros", "00012.3400", "12.3400", 4, true},
		{"leading zeros are not significant", "0000000000000000000000000000000000000001", "1", 0, true},

		{"2^58-1", maxSmall, maxSmall, 0, true},
		{"-(2^58-1)", "-" + maxSmall, "-" + maxSmall, 0, true},
		{"2^58", twoTo58, twoTo58, 0, false},
		{"-2^58", "-" + twoTo58, "-" + twoTo58, 0, false},
		{"2^58-1 at scale 18", "0.288230376151711743", "0.288230376151711743", 18, true},
		{"2^58 at scale 18", "0.288230376151711744", "0.288230376151711744", 18, false},
		{"2^58-1 by exponent", "2.88230376151711743e17", maxSmall, 0, true},
		{"2^63-1", maxInt64, maxInt64, 0, false},
		{"-(2^63-1)", "-" + maxInt64, "-" + maxInt64, 0, false},
		{"2^63", twoTo63, twoTo63, 0, false},
		{"-2^63", minInt64, minInt64, 0, false},
		{"2^63+1", "9223372036854775809", "9223372036854775809", 0, false},
		{"2^64-1", "18446744073709551615", "18446744073709551615", 0, false},
		{"2^64", "18446744073709551616", "18446744073709551616", 0, false},
		{"2^63-1 tenths", "922337203685477580.7", "922337203685477580.7", 1, false},
		{"2^63 tenths", "922337203685477580.8", "922337203685477580.8", 1, false},
		{"2^63-1 and a half", "9223372036854775807.5", "9223372036854775807.5", 1, false},
		{"2^63-1 at scale 18", "9.223372036854775807", "9.223372036854775807", 18, false},
		{"2^63-1 by exponent", "9.223372036854775807e18", maxInt64, 0, false},
		{"2^63 by exponent", "9.223372036854775808e18", twoTo63, 0, false},
		{"2^63-1 times 10", "9223372036854775807e1", "92233720368547758070", 0, false},
		{"scale 18", "0.000000000000000001", "0.000000000000000001", 18, true},
		{"scale 19", "0.0000000000000000001", "0.0000000000000000001", 19, false},
		{"integer at scale 19", "5.0000000000000000000", "5.0000000000000000000", 19, false},
		{"exponent past scale 18", "1.5e-19", "0.00000000000000000015", 20, false},

		{"34 digits", "1234567890123456789012345678901234", "1234567890123456789012345678901234", 0, false},
		{"34 digits of fraction", "-0.1234567890123456789012345678901234", "-0.1234567890123456789012345678901234", 34, false},
		{"34 digits after zeros", "0.0001234567890123456789012345678901234", "0.0001234567890123456789012345678901234", 37, false},
		{"34 digits, negative exponent", "1234567890123456789012345678901234e-40", "0.0000001234567890123456789012345678901234", 40, false},
		{"34 digits, positive exponent", "1234567890123456789012345678901234e3", "1234567890123456789012345678901234000", 0, false},
		{"34 digits and integer zeros", "1234567890123456789012345678901234000", "1234567890123456789012345678901234000", 0, false},
		{"one digit, 40 integer zeros", "1" + strings.Repeat("0", 40), "1" + strings.Repeat("0", 40), 0, false},
		{"largest exponent", "1e6111", "1" + strings.Repeat("0", 6111), 0, false},
		{"largest exponent, plain", "1" + strings.Repeat("0", 6111), "1" + strings.Repeat("0", 6111), 0, false},
		{"largest exponent with a fraction", "1.5e6112", "15" + strings.Repeat("0", 6111), 0, false},
		{"smallest exponent", "1e-6176", "0." + strings.Repeat("0", 6175) + "1", 6176, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratecard.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if s := got.String(); s != tt.want {
				t.Errorf("Parse(%q).String() = %.80q, want %.80q", tt.in, s, tt.want)
			}
			if got.Scale() != tt.scale {
				t.Errorf("Parse(%q).Scale() = %d, want %d", tt.in, got.Scale(), tt.scale)
			}
			if ratecard.IsSmall(got) != tt.small {
				t.Errorf("Parse(%q) small form = %v, want %v", tt.in, ratecard.IsSmall(got), tt.small)
			}
			checkCanonical(t, "Parse("+tt.in+")", got)
			// UnmarshalText and MustParse read the same syntax.
			var u ratecard.Decimal
			if err := u.UnmarshalText([]byte(tt.in)); err != nil || u.String() != tt.want {
				t.Errorf("UnmarshalText(%q) = %.80q, %v; want %.80q", tt.in, u, err, tt.want)
			}
			if m := ratecard.MustParse(tt.in); m.String() != tt.want {
				t.Errorf("MustParse(%q) = %.80q, want %.80q", tt.in, m, tt.want)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"minus", "-"},
		{"plus", "+"},
		{"point", "."},
		{"minus point", "-."},
		{"exponent without digits", "1e"},
		{"exponent sign without digits", "1e+"},
		{"negative exponent sign without digits", "1E-"},
		{"exponent without coefficient", "e5"},
		{"point and exponent", ".e5"},
		{"NaN", "NaN"},
		{"nan", "nan"},
		{"signalling NaN", "sNaN"},
		{"Inf", "Inf"},
		{"-Inf", "-Inf"},
		{"Infinity", "Infinity"},
		{"two points", "1.2.3"},
		{"leading space", " 1"},
		{"trailing space", "1 "},
		{"leading tab", "\t1"},
		{"decimal comma", "1,5"},
		{"hex", "0x10"},
		{"underscore", "1_000"},
		{"two signs", "--1"},
		{"plus minus", "+-1"},
		{"fractional exponent", "1e5.5"},
		{"two exponents", "1e1e1"},
		{"double e", "1ee5"},
		{"non-ASCII digit", "١"},
		{"full-width digit", "１"},
		{"trailing garbage", "12abc"},
		{"35 digits", "12345678901234567890123456789012345"},
		{"35 digits with a point", "1.2345678901234567890123456789012345"},
		{"35 digits with a fractional zero", "1.2345678901234567890123456789012340"},
		{"35 digits, exponent", "-12345678901234567890123456789012345e-5"},
		{"35 digits after zeros", "0.00012345678901234567890123456789012345"},
		{"exponent one past the largest", "1e6112"},
		{"exponent past the largest by integer zeros", "1" + strings.Repeat("0", 6112)},
		{"last digit past the largest exponent", "1.5e6113"},
		{"exponent one below the smallest", "1e-6177"},
		{"fraction below the smallest exponent", "0.1e-6176"},
		{"zero with a huge exponent", "0e9999"},
		{"zero with too many places", "0." + strings.Repeat("0", 6177)},
		{"exponent beyond int64", "1e99999999999999999999"},
		{"negative exponent beyond int64", "1e-99999999999999999999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratecard.Parse(tt.in)
			if !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Fatalf("Parse(%q) = %s, %v; want an error wrapping ErrInvalidDecimal", tt.in, got, err)
			}
			if !got.Equal(ratecard.Decimal{}) || got.String() != "0" {
				t.Errorf("Parse(%q) returned %s with its error, want the zero value", tt.in, got)
			}
			// The message names the input, so a caller can see what was wrong.
			if len(tt.in) <= 40 && !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
				t.Errorf("Parse(%q) error %q does not quote the input", tt.in, err)
			}
			var u ratecard.Decimal
			if err := u.UnmarshalText([]byte(tt.in)); !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Errorf("UnmarshalText(%q) error = %v, want ErrInvalidDecimal", tt.in, err)
			}
		})
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := ratecard.Parse("1.2.3")
	if got, want := err.Error(), `invalid decimal "1.2.3": second decimal point`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	// A long input is cut in the message, so one bad field cannot flood a log.
	_, err = ratecard.Parse(strings.Repeat("9", 100))
	if got := err.Error(); len(got) > 100 || !strings.Contains(got, "more than 34 significant digits") {
		t.Errorf("error for 100 nines = %q, want a short message about the digits", got)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !errors.Is(err, ratecard.ErrInvalidDecimal) {
			t.Errorf("MustParse(\"x\") panicked with %v, want an ErrInvalidDecimal error", r)
		}
	}()
	ratecard.MustParse("x")
	t.Error("MustParse(\"x\") did not panic")
}

func TestString(t *testing.T) {
	tests := []struct {
		name string
		d    ratecard.Decimal
		want string
	}{
		{"zero value", ratecard.Decimal{}, "0"},
		{"New keeps trailing zeros", ratecard.New(50, 2), "0.50"},
		{"small negative fraction", ratecard.New(-5, 3), "-0.005"},
		{"integer", ratecard.New(100, 0), "100"},
		{"negative scale multiplies", ratecard.New(3, -2), "300"},
		{"zero with places", ratecard.New(0, 2), "0.00"},
		{"2^63-1 at scale 18", ratecard.New(math.MaxInt64, 18), "9.223372036854775807"},
		{"-(2^63-1) at scale 18", ratecard.New(-math.MaxInt64, 18), "-9.223372036854775807"},
		{"one unit at scale 18", ratecard.New(1, 18), "0.000000000000000001"},
		{"-2^63", ratecard.New(math.MinInt64, 0), minInt64},
		{"-2^63 at scale 2", ratecard.New(math.MinInt64, 2), "-92233720368547758.08"},
		{"scale 20", ratecard.New(5, 20), "0.00000000000000000005"},
		{"scale -20", ratecard.New(1, -20), "100000000000000000000"},
		{"exponent input", D("1E+2"), "100"},
		{"big exponent input", D("1E+25"), "10000000000000000000000000"},
		{"big negative exponent input", D("-2.5E+30"), "-2500000000000000000000000000000"},
		{"big with a fraction", D("-12345678901234567890.123"), "-12345678901234567890.123"},
		{"big zero", D("0E-20"), "0.00000000000000000000"},
		{"amount", D("0.50"), "0.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprint(tt.d); got != tt.want {
				t.Errorf("fmt.Sprint = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprintf("%v|%s", tt.d, tt.d); got != tt.want+"|"+tt.want {
				t.Errorf("%%v|%%s = %q, want %q", got, tt.want+"|"+tt.want)
			}
			if got := string(tt.d.Append([]byte("x="))); got != "x="+tt.want {
				t.Errorf("Append = %q, want %q", got, "x="+tt.want)
			}
			if got, err := tt.d.MarshalText(); err != nil || string(got) != tt.want {
				t.Errorf("MarshalText = %q, %v; want %q", got, err, tt.want)
			}
			if strings.ContainsAny(tt.want, "eE") {
				t.Fatalf("bad test: %q is not plain notation", tt.want)
			}
		})
	}
}

func TestGoString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"-0.50", `ratecard.MustParse("-0.50")`},
		{"1e25", `ratecard.MustParse("10000000000000000000000000")`},
		{"0", `ratecard.MustParse("0")`},
	} {
		if got := fmt.Sprintf("%#v", D(tt.in)); got != tt.want {
			t.Errorf("%%#v of %s = %s, want %s", tt.in, got, tt.want)
		}
		if got := D(tt.in).GoString(); got != tt.want {
			t.Errorf("GoString of %s = %s, want %s", tt.in, got, tt.want)
		}
	}
	// In a struct, %#v shows the value, not the representation.
	type line struct{ Amount ratecard.Decimal }
	if got, want := fmt.Sprintf("%#v", line{D("2.50")}), `ratecard_test.line{Amount:ratecard.MustParse("2.50")}`; got != want {
		t.Errorf("%%#v of a struct = %s, want %s", got, want)
	}
}

func TestCmp(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"trailing zero", "1.50", "1.5", 0},
		{"zero at different scales", "0", "0.000", 0},
		{"zero and big zero", "0", "0.0000000000000000000000", 0},
		{"minus zero", "-0.00", "0", 0},
		{"small and big integer", "1", "1.0000000000000000000", 0},
		{"big just above small", "1.0000000000000000001", "1", 1},
		{"2^63-1 and 2^63", maxInt64, twoTo63, -1},
		{"-2^63 and -(2^63-1)", minInt64, "-" + maxInt64, -1},
		{"2^63 at two scales", twoTo63, twoTo63 + ".0", 0},
		{"small tenths and big hundredths", "922337203685477580.7", "922337203685477580.70", 0},
		{"scale 19 and scale 18", "0.9223372036854775807", "0.922337203685477581", -1},
		{"signs", "-1", "1", -1},
		{"negative and zero", "-1", "0", -1},
		{"zero and small negative", "0", "-0.001", 1},
		{"same scale", "2", "10", -1},
		{"different scales", "0.2", "0.10", 1},
		{"alignment needs 128 bits", "9.223372036854775807", maxInt64, -1},
		{"negative alignment needs 128 bits", "-9.223372036854775807", "-" + maxInt64, 1},
		{"largest fraction below 2^63-1", "9223372036854775806.99999999999999", maxInt64, -1},
		{"exponent and plain", "1e20", "100000000000000000000", 0},
		{"big integers", "1e25", "1e24", 1},
		{"34 digits", "0.1", "0.0999999999999999999999999999999999", 1},
		{"negative big", "-1e25", "-1e24", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := D(tt.a), D(tt.b)
			if got := a.Cmp(b); got != tt.want {
				t.Errorf("%s.Cmp(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := b.Cmp(a); got != -tt.want {
				t.Errorf("%s.Cmp(%s) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
			if got := a.Equal(b); got != (tt.want == 0) {
				t.Errorf("%s.Equal(%s) = %v, want %v", tt.a, tt.b, got, tt.want == 0)
			}
			if a.Cmp(a) != 0 || !a.Equal(a) {
				t.Errorf("%s is not equal to itself", tt.a)
			}
		})
	}
}

// TestCmpWithGoCmp pins that go-cmp uses Equal: values compare, representations do not.
func TestCmpWithGoCmp(t *testing.T) {
	type amounts struct {
		Subtotal ratecard.Decimal
		Lines    []ratecard.Decimal
	}
	want := amounts{D("1.5"), []ratecard.Decimal{D("1e20"), D("0")}}
	got := amounts{D("1.50"), []ratecard.Decimal{D("100000000000000000000"), D("0.000")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("equal values differ (-want +got):\n%s", diff)
	}
	got.Lines[1] = D("0.001")
	if diff := cmp.Diff(want, got); diff == "" || !strings.Contains(diff, "0.001") {
		t.Errorf("cmp.Diff missed 0 vs 0.001 or did not print it: %q", diff)
	}
}

func TestArithmetic(t *testing.T) {
	type results struct{ Sum, Diff, Prod string }
	tests := []struct {
		name string
		a, b string
		want results
	}{
		{"amounts", "1.5", "2.25", results{"3.75", "-0.75", "3.375"}},
		{"tenths", "0.1", "0.2", results{"0.3", "-0.1", "0.02"}},
		{"scales add up in Mul", "1.50", "1.5", results{"3.00", "0.00", "2.250"}},
		{"negative", "-2", "0.5", results{"-1.5", "-2.5", "-1.0"}},
		{"cancel out", "0.1", "-0.1", results{"0.0", "0.2", "-0.01"}},
		{"no minus zero", "-5", "0.00", results{"-5.00", "-5.00", "0.00"}},
		{"2^63-1 plus one overflows", maxInt64, "1", results{twoTo63, "9223372036854775806", maxInt64}},
		{"-(2^63-1) minus one is -2^63", "-" + maxInt64, "1", results{"-9223372036854775806", minInt64, "-" + maxInt64}},
		{"-(2^63-1) plus -1", "-" + maxInt64, "-1", results{minInt64, "-9223372036854775806", maxInt64}},
		{"back from 2^63 to small", twoTo63, "-1", results{maxInt64, "9223372036854775809", minInt64}},
		{"2^31 squared", "2147483648", "2147483648", results{"4294967296", "0", "4611686018427387904"}},
		{"-2^31 squared", "-2147483648", "-2147483648", results{"-4294967296", "0", "4611686018427387904"}},
		{"-2^32 times -2^31 is 2^63", "-4294967296", "-2147483648", results{"-6442450944", "-2147483648", twoTo63}},
		{"2^32 times -2^31 is -2^63", "4294967296", "-2147483648", results{"2147483648", "6442450944", minInt64}},
		{"2^32 squared is 2^64", "4294967296", "4294967296", results{"8589934592", "0", "18446744073709551616"}},
		{"product just above 2^63", "3037000500", "3037000500", results{"6074001000", "0", "9223372037000250000"}},
		{"product just below 2^63", "3037000499", "3037000499", results{"6074000998", "0", "9223372030926249001"}},
		{"product scale 19", "0.000000001", "0.0000000001", results{"0.0000000011", "0.0000000009", "0.0000000000000000001"}},
		{"product scale 18", "0.000000001", "0.000000001", results{"0.000000002", "0.000000000", "0.000000000000000001"}},
		{"scale 18 operands", "0.123456789012345678", "0.000000000000000001", results{"0.123456789012345679", "0.123456789012345677", "0.000000000000000000123456789012345678"}},
		{"alignment overflows", "92233720368547758.07", "0.001", results{"92233720368547758.071", "92233720368547758.069", "92233720368547.75807"}},
		{"2^63-1 and a tenth", maxInt64, "0.1", results{"9223372036854775807.1", "9223372036854775806.9", "922337203685477580.7"}},
		{"big to small", "12345678901234567890.5", "12345678901234567890", results{"24691357802469135780.5", "0.5", "152415787532388367508078039325636336045.0"}},
		{"big exponents", "1e20", "-1e20", results{"0", "200000000000000000000", "-1" + strings.Repeat("0", 40)}},
		{"big exponent times a fraction", "1e25", "0.001", results{"10000000000000000000000000.001", "9999999999999999999999999.999", "10000000000000000000000.000"}},
		{"scale 19 integer", "1.0000000000000000000", "1", results{"2.0000000000000000000", "0.0000000000000000000", "1.0000000000000000000"}},
		{"34 digits each", "9999999999999999999999999999999999", "9999999999999999999999999999999999",
			results{"19999999999999999999999999999999998", "0", "99999999999999999999999999999999980000000000000000000000000000000001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := D(tt.a), D(tt.b)
			sum, diff, prod := a.Add(b), a.Sub(b), a.Mul(b)
			got := results{sum.String(), diff.String(), prod.String()}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("%s op %s (-want +got):\n%s", tt.a, tt.b, d)
			}
			checkCanonical(t, "Add", sum)
			checkCanonical(t, "Sub", diff)
			checkCanonical(t, "Mul", prod)
			// The operations commute where they should, and do not touch their operands.
			if s := b.Add(a).String(); s != tt.want.Sum {
				t.Errorf("%s + %s = %s, want %s", tt.b, tt.a, s, tt.want.Sum)
			}
			if p := b.Mul(a).String(); p != tt.want.Prod {
				t.Errorf("%s × %s = %s, want %s", tt.b, tt.a, p, tt.want.Prod)
			}
			if a.String() != D(tt.a).String() || b.String() != D(tt.b).String() {
				t.Errorf("operands changed: %s, %s", a, b)
			}
		})
	}
}

func TestUnary(t *testing.T) {
	type results struct {
		Neg, Abs  string
		Sign      int
		IsZero    bool
		IsInteger bool
		Int64     int64
		Int64OK   bool
		Scale     int32
	}
	tests := []struct {
		in   string
		want results
	}{
		{"0", results{"0", "0", 0, true, true, 0, true, 0}},
		{"0.00", results{"0.00", "0.00", 0, true, true, 0, true, 2}},
		{"-1.50", results{"1.50", "1.50", -1, false, false, 0, false, 2}},
		{"3.00", results{"-3.00", "3.00", 1, false, true, 3, true, 2}},
		{"-7", results{"7", "7", -1, false, true, -7, true, 0}},
		{"0.000000000000000001", results{"-0.000000000000000001", "0.000000000000000001", 1, false, false, 0, false, 18}},
		{maxInt64, results{"-" + maxInt64, maxInt64, 1, false, true, math.MaxInt64, true, 0}},
		{"-" + maxInt64, results{maxInt64, maxInt64, -1, false, true, -math.MaxInt64, true, 0}},
		{twoTo63, results{minInt64, twoTo63, 1, false, true, 0, false, 0}},
		{minInt64, results{twoTo63, twoTo63, -1, false, true, math.MinInt64, true, 0}},
		{"922337203685477580.7", results{"-922337203685477580.7", "922337203685477580.7", 1, false, false, 0, false, 1}},
		{"92233720368547758.00", results{"-92233720368547758.00", "92233720368547758.00", 1, false, true, 92233720368547758, true, 2}},
		{"1e25", results{"-10000000000000000000000000", "10000000000000000000000000", 1, false, true, 0, false, 0}},
		{"5.0000000000000000000", results{"-5.0000000000000000000", "5.0000000000000000000", 1, false, true, 5, true, 19}},
		{"-9223372036854775808.000000000000000", results{"9223372036854775808.000000000000000", "9223372036854775808.000000000000000", -1, false, true, math.MinInt64, true, 15}},
		{"-5.0000000000000000001", results{"5.0000000000000000001", "5.0000000000000000001", -1, false, false, 0, false, 19}},
		{"0.0000000000000000000000", results{"0.0000000000000000000000", "0.0000000000000000000000", 0, true, true, 0, true, 22}},
		{"-1234567890123456789012345678.901234", results{"1234567890123456789012345678.901234", "1234567890123456789012345678.901234", -1, false, false, 0, false, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := D(tt.in)
			i, ok := d.Int64()
			got := results{d.Neg().String(), d.Abs().String(), d.Sign(), d.IsZero(), d.IsInteger(), i, ok, d.Scale()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.in, diff)
			}
			checkCanonical(t, "Neg", d.Neg())
			checkCanonical(t, "Abs", d.Abs())
			if nn := d.Neg().Neg(); nn.String() != d.String() {
				t.Errorf("-(-%s) = %s", tt.in, nn)
			}
		})
	}
}

func TestZeroValue(t *testing.T) {
	var z ratecard.Decimal
	if z.String() != "0" || !z.IsZero() || z.Sign() != 0 || z.Scale() != 0 || !z.IsInteger() {
		t.Errorf("zero value = %q (zero %v, sign %d, scale %d, integer %v), want 0", z, z.IsZero(), z.Sign(), z.Scale(), z.IsInteger())
	}
	if !z.Equal(ratecard.NewFromInt(0)) || !z.Equal(D("0.00")) {
		t.Error("zero value is not equal to 0")
	}
	if got := z.Add(D("1.25")).String(); got != "1.25" {
		t.Errorf("0 + 1.25 = %s", got)
	}
}

func TestMinMax(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max string // String of the result: on a tie, a is returned
	}{
		{"1.5", "1.50", "1.5", "1.5"},
		{"1.50", "1.5", "1.50", "1.50"},
		{"-1", "0.5", "-1", "0.5"},
		{"0.5", "-1", "-1", "0.5"},
		{"1e25", maxInt64, maxInt64, "10000000000000000000000000"},
		{minInt64, "-" + maxInt64, minInt64, "-" + maxInt64},
		{"0.0000000000000000001", "0", "0", "0.0000000000000000001"},
	}
	for _, tt := range tests {
		if got := ratecard.Min(D(tt.a), D(tt.b)).String(); got != tt.min {
			t.Errorf("Min(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.min)
		}
		if got := ratecard.Max(D(tt.a), D(tt.b)).String(); got != tt.max {
			t.Errorf("Max(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.max)
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"string", `"0.50"`, "0.50"},
		{"number keeps its digits", `0.50`, "0.50"},
		{"number that float64 cannot hold", `0.1`, "0.1"},
		{"long number", `12345678901234567890.123`, "12345678901234567890.123"},
		{"exponent number", `1e2`, "100"},
		{"negative exponent number", `-1.50E-1`, "-0.150"},
		{"exponent string", `"1E+2"`, "100"},
		{"negative zero", `-0`, "0"},
		{"string with 34 digits", `"1234567890123456789012345678901234"`, "1234567890123456789012345678901234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d ratecard.Decimal
			if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", tt.in, err)
			}
			if d.String() != tt.want {
				t.Errorf("json.Unmarshal(%s) = %s, want %s", tt.in, d, tt.want)
			}
			checkCanonical(t, tt.in, d)
		})
	}
}

func TestUnmarshalJSONInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"null", `null`},
		{"empty string", `""`},
		{"null string", `"null"`},
		{"word", `"abc"`},
		{"true", `true`},
		{"array", `[1]`},
		{"object", `{"a":1}`},
		{"unicode escape", `"\u0031"`},
		{"escaped quote", `"1\""`},
		{"escaped newline", `"1\n"`},
		{"NaN string", `"NaN"`},
		{"Infinity string", `"Infinity"`},
		{"space in string", `" 1"`},
		{"35 digits", `123456789012345678901234567890123456`},
		{"exponent out of range", `1e7000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := D("7.5")
			err := json.Unmarshal([]byte(tt.in), &d)
			if !errors.Is(err, ratecard.ErrInvalidDecimal) {
				t.Fatalf("json.Unmarshal(%s) error = %v, want ErrInvalidDecimal", tt.in, err)
			}
			if d.String() != "7.5" {
				t.Errorf("json.Unmarshal(%s) changed the value to %s on error", tt.in, d)
			}
		})
	}
}

func TestJSONFields(t *testing.T) {
	type price struct {
		UnitAmount ratecard.Decimal  `json:"unit_amount"`
		Quantity   ratecard.Decimal  `json:"quantity"`
		Maximum    *ratecard.Decimal `json:"maximum"`
	}
	var p price
	if err := json.Unmarshal([]byte(`{"unit_amount": "0.50", "quantity": 1234, "maximum": null}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.UnitAmount.String() != "0.50" || p.Quantity.String() != "1234" || p.Maximum != nil {
		t.Errorf("decoded %#v, %#v, %v", p.UnitAmount, p.Quantity, p.Maximum)
	}
	// A required Decimal field does not accept null: a missing amount must not be 0.
	err := json.Unmarshal([]byte(`{"unit_amount": null}`), &p)
	if !errors.Is(err, ratecard.ErrInvalidDecimal) {
		t.Errorf("null unit_amount: error = %v, want ErrInvalidDecimal", err)
	}

	out, err := json.Marshal(price{UnitAmount: D("0.50"), Quantity: D("1e25")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `{"unit_amount":"0.50","quantity":"10000000000000000000000000","maximum":null}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	// As a map key it is written with MarshalText.
	out, err = json.Marshal(map[ratecard.Decimal]int{D("0.50"): 1})
	if err != nil || string(out) != `{"0.50":1}` {
		t.Errorf("json.Marshal(map) = %s, %v", out, err)
	}
}

func TestMarshalJSON(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"0.50", `"0.50"`},
		{"-12", `"-12"`},
		{"1E+2", `"100"`},
		{"-0.00", `"0.00"`},
		{"12345678901234567890.123", `"12345678901234567890.123"`},
		{"1.5e-19", `"0.00000000000000000015"`},
	} {
		got, err := D(tt.in).MarshalJSON()
		if err != nil || string(got) != tt.want {
			t.Errorf("MarshalJSON(%s) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
		var back ratecard.Decimal
		if err := back.UnmarshalJSON(got); err != nil || back.String() != D(tt.in).String() {
			t.Errorf("UnmarshalJSON(%s) = %s, %v; want %s", got, back, err, D(tt.in))
		}
	}
}

func TestText(t *testing.T) {
	var d ratecard.Decimal
	if err := d.UnmarshalText([]byte("0.50")); err != nil || d.String() != "0.50" {
		t.Fatalf("UnmarshalText(0.50) = %s, %v", d, err)
	}
	if err := d.UnmarshalText([]byte("abc")); !errors.Is(err, ratecard.ErrInvalidDecimal) {
		t.Errorf("UnmarshalText(abc) error = %v", err)
	}
	if d.String() != "0.50" {
		t.Errorf("failed UnmarshalText changed the value to %s", d)
	}
	b, err := D("-1.5e-3").MarshalText()
	if err != nil || string(b) != "-0.0015" {
		t.Errorf("MarshalText = %s, %v", b, err)
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name  string
		d     ratecard.Decimal
		want  string
		scale int32
		small bool
	}{
		{"amount", ratecard.New(50, 2), "0.50", 2, true},
		{"negative", ratecard.New(-1234, 3), "-1.234", 3, true},
		{"negative scale", ratecard.New(3, -2), "300", 0, true},
		{"negative scale past int64", ratecard.New(math.MaxInt64, -1), "92233720368547758070", 0, false},
		{"scale 18", ratecard.New(1<<58-1, 18), "0.288230376151711743", 18, true},
		{"2^63-1 at scale 18", ratecard.New(math.MaxInt64, 18), "9.223372036854775807", 18, false},
		{"2^58", ratecard.New(1<<58, 0), twoTo58, 0, false},
		{"scale 19", ratecard.New(-1, 19), "-0.0000000000000000001", 19, false},
		{"zero at scale 19", ratecard.New(0, 19), "0.0000000000000000000", 19, false},
		{"-2^63", ratecard.New(math.MinInt64, 0), minInt64, 0, false},
		{"NewFromInt", ratecard.NewFromInt(-42), "-42", 0, true},
		{"NewFromInt(2^58-1)", ratecard.NewFromInt(1<<58 - 1), maxSmall, 0, true},
		{"NewFromInt(2^63-1)", ratecard.NewFromInt(math.MaxInt64), maxInt64, 0, false},
		{"NewFromInt(-2^63)", ratecard.NewFromInt(math.MinInt64), minInt64, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.d.String() != tt.want || tt.d.Scale() != tt.scale || ratecard.IsSmall(tt.d) != tt.small {
				t.Errorf("got %s scale %d small %v, want %s scale %d small %v",
					tt.d, tt.d.Scale(), ratecard.IsSmall(tt.d), tt.want, tt.scale, tt.small)
			}
			checkCanonical(t, tt.name, tt.d)
		})
	}
}

func TestNewFromAPD(t *testing.T) {
	big40 := "1234567890123456789012345678901234567890" // more digits than Parse takes
	tests := []struct {
		name  string
		in    *apd.Decimal
		want  string
		scale int32
	}{
		{"amount", apd.New(125, -2), "1.25", 2},
		{"positive exponent", apd.New(1, 2), "100", 0},
		{"big positive exponent", apd.New(1, 25), "10000000000000000000000000", 0},
		{"minus zero", mustAPD(t, "-0"), "0", 0},
		{"minus zero past scale 18", mustAPD(t, "-0E-30"), "0.000000000000000000000000000000", 30},
		{"minus zero, positive exponent", mustAPD(t, "-0E+5"), "0", 0},
		{"40 digits", mustAPD(t, "-"+big40+".5"), "-" + big40 + ".5", 1},
		{"2^63", mustAPD(t, twoTo63), twoTo63, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ratecard.NewFromAPD(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.String() != tt.want || d.Scale() != tt.scale {
				t.Errorf("NewFromAPD(%s) = %s scale %d, want %s scale %d", tt.in, d, d.Scale(), tt.want, tt.scale)
			}
			checkCanonical(t, tt.name, d)
			// The argument is copied: changing it later does not change d.
			tt.in.Coeff.SetInt64(7)
			tt.in.Exponent = 0
			tt.in.Negative = false
			if d.String() != tt.want {
				t.Errorf("changing the apd argument changed the Decimal to %s", d)
			}
		})
	}
	for _, in := range []*apd.Decimal{nil, {Form: apd.NaN}, {Form: apd.NaNSignaling}, {Form: apd.Infinite}, {Form: apd.Infinite, Negative: true}} {
		if d, err := ratecard.NewFromAPD(in); !errors.Is(err, ratecard.ErrInvalidDecimal) {
			t.Errorf("NewFromAPD(%v) = %s, %v; want ErrInvalidDecimal", in, d, err)
		}
	}
}

func mustAPD(t *testing.T, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAPD(t *testing.T) {
	for _, s := range []string{"0", "-0.50", maxInt64, minInt64, "1e25", "-1234567890123456789012345678.901234", "0E-30"} {
		d := D(s)
		a := d.APD()
		if got, err := ratecard.NewFromAPD(a); err != nil || got.String() != d.String() {
			t.Errorf("NewFromAPD(%s.APD()) = %s, %v", s, got, err)
		}
		var want apd.Decimal
		if _, _, err := want.SetString(d.String()); err != nil {
			t.Fatal(err)
		}
		if a.Cmp(&want) != 0 || a.Exponent != want.Exponent {
			t.Errorf("%s.APD() = %s, want %s", s, a, &want)
		}
		// The caller owns the result: changing it in place does not change d, even when
		// the coefficient is large enough to live on the heap.
		a.Coeff.Add(&a.Coeff, apd.NewBigInt(1))
		a.Negative = !a.Negative
		if d.String() != D(s).String() {
			t.Errorf("changing %s.APD() changed the Decimal to %s", s, d)
		}
	}
	// A product of 34-digit numbers has a coefficient far above 128 bits.
	p := D("9999999999999999999999999999999999").Mul(D("-9999999999999999999999999999999999"))
	want := p.String()
	a := p.APD()
	a.Coeff.Add(&a.Coeff, apd.NewBigInt(1))
	if p.String() != want {
		t.Errorf("changing APD() of a wide product changed it to %s", p)
	}
}

// TestImmutable checks that no operation changes a value another one shares.
func TestImmutable(t *testing.T) {
	wide := D("9999999999999999999999999999999999").Mul(D("9999999999999999999999999999999999"))
	want := wide.String()
	copied := wide
	_ = wide.Neg()
	_ = wide.Abs()
	_ = wide.Add(D("1"))
	_ = wide.Sub(D("1"))
	_ = wide.Mul(D("-3"))
	_ = wide.Round(-5, ratecard.Up)
	_, _ = wide.Div(D("7"), 3, ratecard.Floor)
	neg := wide.Neg()
	_ = neg.Neg()
	if wide.String() != want || copied.String() != want {
		t.Errorf("a wide value changed: %s, copy %s, want %s", wide, copied, want)
	}
}
