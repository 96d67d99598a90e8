package price_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
)

// The fuzz targets start from the worked examples (here and in testdata/fuzz, which
// also holds invalid configurations and every input a fuzzer found to fail).
var examples = []string{unitHalf, package10, tieredThree, tieredTwo, bulkTwo, matrixTwo, bps125, bulkBPSTwo, tieredBPSTwo}

// checkDecodeError checks that every problem Decode reports is a ValidationError.
func checkDecodeError(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ratecard.ErrInvalid) {
		t.Fatalf("Decode error %q does not match ratecard.ErrInvalid", err)
	}
	for _, leaf := range leaves(err) {
		var ve *ratecard.ValidationError
		if !errors.As(leaf, &ve) {
			t.Fatalf("Decode problem %q is not a ValidationError", leaf)
		}
		if !strings.HasPrefix(leaf.Error(), "price") {
			t.Fatalf("Decode problem %q is not labelled with the price", leaf)
		}
	}
}

// FuzzDecode: Decode never panics; what it accepts, Encode writes and Decode reads
// back to the same bytes and the same configuration.
func FuzzDecode(f *testing.F) {
	for _, js := range examples {
		f.Add([]byte(js))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := price.Decode(data)
		if err != nil {
			if p != nil {
				t.Fatalf("Decode returned a price with the error %v", err)
			}
			checkDecodeError(t, err)
			return
		}
		b1, err := price.Encode(p)
		if err != nil {
			t.Fatalf("Encode of a decoded price: %v", err)
		}
		q, err := price.Decode(b1)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(%q))) = %v\nencoded: %s", data, err, b1)
		}
		b2, err := price.Encode(q)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		if string(b1) != string(b2) {
			t.Fatalf("Encode is not stable:\n%s\n%s", b1, b2)
		}
		if diff := cmp.Diff(price.ConfigOf(p), price.ConfigOf(q)); diff != "" {
			t.Fatalf("config changed through Encode (-before +after):\n%s", diff)
		}
	})
}

// fuzzInput builds usage from fuzz strings: the quantity, and comma-separated events.
// An event is a value, or for a matrix "v1|v2=quantity" with "~" for a missing
// property. It reports false for text that is not usage.
func fuzzInput(p price.Price, quantity, events string) (price.Input, bool) {
	var in price.Input
	if quantity != "" {
		q, err := ratecard.Parse(quantity)
		if err != nil {
			return in, false
		}
		in.Quantity = q
	}
	if events == "" {
		return in, true
	}
	tokens := strings.Split(events, ",")
	if len(tokens) > 1000 {
		return in, false
	}
	for _, tok := range tokens {
		values, number, hasValues := strings.Cut(tok, "=")
		if !hasValues {
			number, values = values, ""
		}
		v, err := ratecard.Parse(number)
		if err != nil {
			return in, false
		}
		if _, ok := p.(*price.Matrix); ok {
			var g price.Group
			if values != "" {
				for _, s := range strings.Split(values, "|") {
					if s == "~" {
						g.Values = append(g.Values, nil)
					} else {
						g.Values = append(g.Values, new(s))
					}
				}
			}
			g.Quantity = v
			in.Groups = append(in.Groups, g)
		} else {
			in.EventValues = append(in.EventValues, v)
		}
	}
	return in, true
}

// FuzzRate: rating any decoded price with any usage never panics, fails only with
// ValidationErrors, and otherwise gives non-negative amounts whose rounded line adds up.
func FuzzRate(f *testing.F) {
	f.Add([]byte(unitHalf), "1234", "")
	f.Add([]byte(package10), "11", "")
	f.Add([]byte(tieredThree), "150000", "")
	f.Add([]byte(tieredTwo), "10.5", "")
	f.Add([]byte(bulkTwo), "1200", "")
	f.Add([]byte(matrixTwo), "", "alpha|west=10,beta|east=5,alpha|~=1")
	f.Add([]byte(bps125), "", "500,2000,100")
	f.Add([]byte(bulkBPSTwo), "", "200,200,1000000")
	f.Add([]byte(tieredBPSTwo), "", "999900,200,-1")
	usd := mustCurrency(f, "USD")
	f.Fuzz(func(t *testing.T, config []byte, quantity, events string) {
		p, err := price.Decode(config)
		if err != nil {
			return
		}
		in, ok := fuzzInput(p, quantity, events)
		if !ok {
			return
		}
		r, err := p.Rate(in)
		if err != nil {
			var ve *ratecard.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ratecard.ErrInvalid) {
				t.Fatalf("Rate error %q is not a ValidationError", err)
			}
			if !errors.Is(err, price.ErrNegativeQuantity) && !errors.Is(err, price.ErrAboveLastTier) && !errors.Is(err, price.ErrUsageShape) {
				t.Fatalf("Rate error %q wraps none of the sentinels", err)
			}
			return
		}
		if r.Amount.Sign() < 0 || r.Quantity.Sign() < 0 {
			t.Fatalf("negative rating %+v", r)
		}
		var sum ratecard.Decimal
		for _, s := range r.SubLines {
			if s.Amount.Sign() < 0 || s.Quantity.Sign() < 0 {
				t.Fatalf("negative sub-line %+v", s)
			}
			sum = sum.Add(s.Amount)
		}
		if len(r.SubLines) > 0 && !sum.Equal(r.Amount) {
			t.Fatalf("amount %s != Σ sub-lines %s", r.Amount, sum)
		}
		for _, mode := range []ratecard.RoundingMode{ratecard.HalfUp, ratecard.Floor} {
			l := r.Line("p", "n", usd, mode)
			checkLineSums(t, l, usd)
			if l.Subtotal.Sign() < 0 {
				t.Fatalf("negative line %+v", l)
			}
		}
	})
}
