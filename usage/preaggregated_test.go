package usage_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/usage"
)

func TestDecodeResult(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"a quantity string", `"150000"`, "150000"},
		{"a quantity number", `150000`, "150000"},
		{"the digits are kept", `"0.50"`, "0.50"},
		{"a number with a fraction", `12.250`, "12.250"},
		{"whitespace around", " \n 12.5 \t", "12.5"},
		{"an exponent", `"1e3"`, "1000"},
		{"negative (a price rejects it)", `"-5"`, "-5"},
		{"beyond int64", `"123456789012345678901234567890.5"`, "123456789012345678901234567890.5"},
		{"groups", `{"groups": [{"values": ["alpha", "west"], "quantity": "10"}, {"values": ["beta", null], "quantity": 5.50}]}`,
			`groups ["alpha","west"=10, "beta",nil=5.50]; total 15.50`},
		{"groups in input order, repeated groups kept", `{"groups": [{"values": ["b"], "quantity": "1"}, {"values": ["a"], "quantity": "2"}, {"values": ["b"], "quantity": "3"}]}`,
			`groups ["b"=1, "a"=2, "b"=3]; total 6`},
		{"no groups", `{"groups": []}`, `groups []; total 0`},
		{"groups and a null event_values", `{"groups": [{"values": [null], "quantity": "1"}], "event_values": null}`, `groups [nil=1]; total 1`},
		{"event values", `{"event_values": ["500", "2000", 100, 0.25]}`, "values [500, 2000, 100, 0.25]; total 2600.25"},
		{"no event values", `{"event_values": []}`, "values []; total 0"},
		{"event values and null groups", `{"event_values": ["1"], "groups": null}`, "values [1]; total 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := usage.DecodeResult([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, render(r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeResultErrors(t *testing.T) {
	const want = `want a quantity, {"groups": […]} or {"event_values": […]}`
	for _, c := range []struct{ name, in, want string }{
		{"null", `null`, "invalid decimal: null"},
		{"nothing", ``, `invalid decimal "": no digits`},
		{"a word", `"abc"`, `invalid decimal "abc": no digits`},
		{"a boolean", `true`, `invalid decimal "true": no digits`},
		{"an array", `[1]`, `invalid decimal "[1]": no digits`},
		{"two points", `"1.2.3"`, `invalid decimal "1.2.3": second decimal point`},
		{"35 digits", `"12345678901234567890123456789012345"`, `invalid decimal "12345678901234567890123456789012345": more than 34 significant digits`},
		{"an empty object", `{}`, want},
		{"null groups", `{"groups": null}`, want},
		{"an unknown shape", `{"quantity": 5}`, want + "\nquantity: unknown field"},
		{"both", `{"groups": [], "event_values": []}`, "give groups or event_values, not both"},
		{"malformed", `{"groups":`, "malformed JSON: unexpected end of JSON input (at byte 10)"},
		{"groups not an array", `{"groups": {}}`, "groups: want an array, got an object"},
		{"a group not an object", `{"groups": [1]}`, "groups[0]: want a JSON object, got a number 1"},
		{"a group without values", `{"groups": [{"quantity": "1"}]}`, "groups[0].values: required"},
		{"a group without a quantity", `{"groups": [{"values": ["a"]}]}`, "groups[0].quantity: required"},
		{"a null quantity", `{"groups": [{"values": ["a"], "quantity": null}]}`, "groups[0].quantity: required"},
		{"a bad quantity", `{"groups": [{"values": ["a"], "quantity": "x"}]}`, `groups[0].quantity: invalid decimal "x": no digits`},
		{"values not an array", `{"groups": [{"values": "a", "quantity": "1"}]}`, `groups[0].values: want an array, got a string "a"`},
		{"a value not a string", `{"groups": [{"values": ["a", 5], "quantity": "1"}]}`, "groups[0].values[1]: want a string or null, got a number 5"},
		{"an unknown group field", `{"groups": [{"values": ["a"], "quantity": "1", "extra": 1}]}`, "groups[0].extra: unknown field"},
		{"groups of different arity", `{"groups": [{"values": ["a", "b"], "quantity": "1"}, {"values": ["c"], "quantity": "2"}, {"values": ["d", "e", "f"], "quantity": "3"}]}`,
			"groups[1].values: 1 values, but groups[0] has 2\ngroups[2].values: 3 values, but groups[0] has 2"},
		{"arity set by the first good group", `{"groups": [1, {"values": ["a", "b"], "quantity": "1"}, {"values": ["c"], "quantity": "2"}]}`,
			"groups[0]: want a JSON object, got a number 1\ngroups[2].values: 1 values, but groups[1] has 2"},
		{"event_values not an array", `{"event_values": "1"}`, `event_values: want an array, got a string "1"`},
		{"a bad event value", `{"event_values": ["1", "x", null]}`, "event_values[1]: invalid decimal \"x\": no digits\nevent_values[2]: invalid decimal: null"},
		{"an unknown field beside event values", `{"event_values": ["1"], "total": "1"}`, "total: unknown field"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := usage.DecodeResult([]byte(c.in))
			if err == nil {
				t.Fatalf("no error, got %s", render(r))
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}
