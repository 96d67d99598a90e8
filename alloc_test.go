package ratecard_test

import (
	"testing"

	"github.com/ratecard/ratecard"
)

// Sinks keep the compiler from discarding the results AllocsPerRun measures.
var (
	sinkDecimal ratecard.Decimal
	sinkInt     int
	sinkString  string
	sinkErr     error
)

// TestAllocs pins the promise of the small form: arithmetic on everyday amounts
// allocates nothing, and String allocates only the string it returns.
func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocation counts")
	}
	a, b := ratecard.MustParse("1234.5678"), ratecard.MustParse("-0.25")
	c := ratecard.MustParse("3") // a different scale from a
	tests := []struct {
		name string
		max  float64
		f    func()
	}{
		{"Add", 0, func() { sinkDecimal = a.Add(b) }},
		{"Add across scales", 0, func() { sinkDecimal = a.Add(c) }},
		{"Sub", 0, func() { sinkDecimal = a.Sub(b) }},
		{"Mul", 0, func() { sinkDecimal = a.Mul(b) }},
		// Factors above 2^29 whose product stays below 2^58: the outlined small path.
		{"Mul of wide small values", 0, func() { sinkDecimal = ratecard.New(600_000_000, 0).Mul(ratecard.New(400_000_000, 0)) }},
		{"Cmp", 0, func() { sinkInt = a.Cmp(b) }},
		{"Cmp across scales", 0, func() { sinkInt = a.Cmp(c) }},
		{"Equal", 0, func() { sinkInt = boolInt(a.Equal(b)) }},
		{"Neg", 0, func() { sinkDecimal = a.Neg() }},
		{"Round down a scale", 0, func() { sinkDecimal = a.Round(2, ratecard.HalfEven) }},
		{"Round up a scale", 0, func() { sinkDecimal = a.Round(6, ratecard.HalfUp) }},
		{"Div", 0, func() { sinkDecimal, sinkErr = a.Div(c, 2, ratecard.HalfUp) }},
		{"Div by zero", 0, func() { sinkDecimal, sinkErr = a.Div(ratecard.Decimal{}, 2, ratecard.HalfUp) }},
		{"New", 0, func() { sinkDecimal = ratecard.New(12345, 2) }},
		{"Parse", 0, func() { sinkDecimal, sinkErr = ratecard.Parse("1234.5678") }},
		{"Append to a buffer with room", 0, func() {
			var buf [32]byte
			sinkInt = len(a.Append(buf[:0]))
		}},
		{"String", 1, func() { sinkString = a.String() }},
		{"String of a negative fraction", 1, func() { sinkString = b.String() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := testing.AllocsPerRun(100, tt.f); got > tt.max {
				t.Errorf("%s allocates %v times per run, want at most %v", tt.name, got, tt.max)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
