package ratecard_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
)

// currencyInfo is what a test can see of a Currency.
type currencyInfo struct {
	Code   string
	Scale  int32
	Custom bool
}

func info(c ratecard.Currency) currencyInfo { return currencyInfo{c.Code(), c.Scale(), c.IsCustom()} }

func TestParseCurrency(t *testing.T) {
	tests := []struct {
		in   string
		want currencyInfo
	}{
		{"USD", currencyInfo{"USD", 2, false}},
		{"EUR", currencyInfo{"EUR", 2, false}},
		{"JPY", currencyInfo{"JPY", 0, false}},
		{"KRW", currencyInfo{"KRW", 0, false}},
		{"KWD", currencyInfo{"KWD", 3, false}},
		{"BHD", currencyInfo{"BHD", 3, false}},
		{"CLF", currencyInfo{"CLF", 4, false}},
		{"usd", currencyInfo{"USD", 2, false}},
		{"Jpy", currencyInfo{"JPY", 0, false}},
		// ISO 4217 minor units, not CLDR's display digits (which give IDR, COP and
		// PKR 0 and IQD 0): ISO is the contract of SEMANTICS §1.
		{"IDR", currencyInfo{"IDR", 2, false}},
		{"COP", currencyInfo{"COP", 2, false}},
		{"IQD", currencyInfo{"IQD", 3, false}},
		{"UYW", currencyInfo{"UYW", 4, false}},
		{"VES", currencyInfo{"VES", 2, false}},
		{"XAU", currencyInfo{"XAU", 0, false}}, // ISO: no minor units
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ratecard.ParseCurrency(tt.in)
			if err != nil {
				t.Fatalf("ParseCurrency(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, info(c)); diff != "" {
				t.Errorf("ParseCurrency(%q) (-want +got):\n%s", tt.in, diff)
			}
			if c.String() != tt.want.Code {
				t.Errorf("String() = %q, want %q", c.String(), tt.want.Code)
			}
		})
	}
}

func TestParseCurrencyUnknown(t *testing.T) {
	// "840" is USD's numeric code: only alphabetic codes name a currency here.
	for _, in := range []string{"ZZZ", "credits", "", "US", "USDX", "U$D", " USD", "usd ", "840", "124"} {
		c, err := ratecard.ParseCurrency(in)
		if !errors.Is(err, ratecard.ErrUnknownCurrency) {
			t.Errorf("ParseCurrency(%q) = %v, %v; want ErrUnknownCurrency", in, info(c), err)
		}
		if c != (ratecard.Currency{}) {
			t.Errorf("ParseCurrency(%q) returned %v with its error", in, info(c))
		}
		if !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseCurrency(%q) error %q does not name the code", in, err)
		}
	}
}

func TestCustomCurrency(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		scale int
		want  currencyInfo
	}{
		{"credits", "credits", 4, currencyInfo{"credits", 4, true}},
		{"whole credits", "credits", 0, currencyInfo{"credits", 0, true}},
		{"largest scale", "tokens", 18, currencyInfo{"tokens", 18, true}},
		{"letters digits _ -", "GPU_hours-2", 2, currencyInfo{"GPU_hours-2", 2, true}},
		{"32 characters", strings.Repeat("x", 32), 2, currencyInfo{strings.Repeat("x", 32), 2, true}},
		{"not an ISO code", "ZZZ", 1, currencyInfo{"ZZZ", 1, true}},
		{"ISO code with its own scale", "USD", 2, currencyInfo{"USD", 2, false}},
		{"ISO code in lower case", "jpy", 0, currencyInfo{"JPY", 0, false}},
		{"ISO code with three places", "KWD", 3, currencyInfo{"KWD", 3, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ratecard.CustomCurrency(tt.code, tt.scale)
			if err != nil {
				t.Fatalf("CustomCurrency(%q, %d): %v", tt.code, tt.scale, err)
			}
			if diff := cmp.Diff(tt.want, info(c)); diff != "" {
				t.Errorf("CustomCurrency(%q, %d) (-want +got):\n%s", tt.code, tt.scale, diff)
			}
		})
	}
	// An ISO currency given through CustomCurrency is the ISO currency.
	usd, _ := ratecard.ParseCurrency("USD")
	if c, _ := ratecard.CustomCurrency("USD", 2); c != usd {
		t.Errorf("CustomCurrency(USD, 2) = %v, want ParseCurrency(USD) = %v", info(c), info(usd))
	}
}

func TestCustomCurrencyInvalid(t *testing.T) {
	tests := []struct {
		name    string
		code    string
		scale   int
		message string // a part of the error text
	}{
		{"USD rounded to 3 places", "USD", 3, "USD has 2 minor units, not 3"},
		{"JPY with cents", "JPY", 2, "JPY has 0 minor units, not 2"},
		{"lower-case ISO code, wrong scale", "usd", 0, "USD has 2 minor units, not 0"},
		{"negative scale", "credits", -1, "scale -1 out of range 0–18"},
		{"scale 19", "credits", 19, "scale 19 out of range 0–18"},
		{"empty name", "", 2, "want 1–32 letters"},
		{"space", "api calls", 2, "want 1–32 letters"},
		{"dot", "a.b", 2, "want 1–32 letters"},
		{"non-ASCII letter", "crédits", 2, "want 1–32 letters"},
		{"33 characters", strings.Repeat("x", 33), 2, "want 1–32 letters"},
		{"bad name and bad scale", "a b", 19, "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ratecard.CustomCurrency(tt.code, tt.scale)
			if err == nil {
				t.Fatalf("CustomCurrency(%q, %d) = %v, want an error", tt.code, tt.scale, info(c))
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("CustomCurrency(%q, %d) error %q, want it to contain %q", tt.code, tt.scale, err, tt.message)
			}
			if !errors.Is(err, ratecard.ErrInvalidCurrency) {
				t.Errorf("CustomCurrency(%q, %d) error %q does not wrap ErrInvalidCurrency", tt.code, tt.scale, err)
			}
			if c != (ratecard.Currency{}) {
				t.Errorf("CustomCurrency(%q, %d) returned %v with its error", tt.code, tt.scale, info(c))
			}
		})
	}
}

func TestCurrencyRound(t *testing.T) {
	usd, _ := ratecard.ParseCurrency("USD")
	jpy, _ := ratecard.ParseCurrency("JPY")
	kwd, _ := ratecard.ParseCurrency("KWD")
	clf, _ := ratecard.ParseCurrency("CLF")
	credits, _ := ratecard.CustomCurrency("credits", 4)
	tests := []struct {
		name   string
		c      ratecard.Currency
		amount string
		mode   ratecard.RoundingMode
		want   string
	}{
		{"USD half up", usd, "2.345", ratecard.HalfUp, "2.35"},
		{"USD half even", usd, "2.345", ratecard.HalfEven, "2.34"},
		{"USD floor of a negative", usd, "-2.341", ratecard.Floor, "-2.35"},
		{"USD pads to cents", usd, "617", ratecard.HalfUp, "617.00"},
		{"USD proration", usd, "54.838709677", ratecard.HalfUp, "54.84"},
		{"JPY half up", jpy, "1234.5", ratecard.HalfUp, "1235"},
		{"JPY half even", jpy, "1234.5", ratecard.HalfEven, "1234"},
		{"JPY drops zeros", jpy, "100.00", ratecard.Down, "100"},
		{"KWD down", kwd, "1.23456", ratecard.Down, "1.234"},
		{"KWD up", kwd, "1.2341", ratecard.Up, "1.235"},
		{"CLF ceiling", clf, "0.00001", ratecard.Ceiling, "0.0001"},
		{"credits up", credits, "0.123401", ratecard.Up, "0.1235"},
		{"credits down", credits, "0.123499", ratecard.Down, "0.1234"},
		{"zero Currency rounds to units", ratecard.Currency{}, "2.5", ratecard.HalfUp, "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Round(D(tt.amount), tt.mode).String(); got != tt.want {
				t.Errorf("%s.Round(%s, %s) = %s, want %s", tt.c, tt.amount, tt.mode, got, tt.want)
			}
		})
	}
}
