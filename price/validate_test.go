package price_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
	"github.com/ratecard/ratecard/price"
)

// leaves returns the problems joined in err (recursively through errors.Join).
func leaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// checkValidationError checks that err reports exactly the lines want, each as its
// own *ratecard.ValidationError matching ratecard.ErrInvalid, and wraps every sentinel in is.
func checkValidationError(t *testing.T, err error, want []string, is ...error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want:\n%s", strings.Join(want, "\n"))
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("error lines (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ratecard.ErrInvalid) {
		t.Errorf("error does not match ratecard.ErrInvalid")
	}
	for _, s := range is {
		if !errors.Is(err, s) {
			t.Errorf("error does not wrap %v", s)
		}
	}
	n := 0
	for _, leaf := range leaves(err) {
		var ve *ratecard.ValidationError
		if !errors.As(leaf, &ve) {
			t.Errorf("problem %q is not a *ratecard.ValidationError", leaf)
			continue
		}
		n++
		if !errors.Is(leaf, ratecard.ErrInvalid) {
			t.Errorf("problem %q does not match ratecard.ErrInvalid", leaf)
		}
		if !strings.HasSuffix(leaf.Error(), ve.Error()) || ve.Field != "" && !strings.Contains(leaf.Error(), ": "+ve.Field+": ") {
			t.Errorf("problem %q does not show its field %q", leaf, ve.Field)
		}
	}
	if n != len(want) {
		t.Errorf("%d ValidationErrors, want %d", n, len(want))
	}
}

// TestDecodeInvalid feeds Decode invalid configurations and checks every problem it
// reports, word for word.
func TestDecodeInvalid(t *testing.T) {
	cases := []struct {
		name string
		json string
		want []string
		is   []error
	}{
		// graduated tiers
		{"tiered/empty tiers", `{"model_type":"tiered","tiered_config":{"tiers":[]}}`,
			[]string{"price: tiered_config.tiers: at least one tier is required"}, nil},
		{"tiered/null tiers", `{"model_type":"tiered","tiered_config":{"tiers":null}}`,
			[]string{"price: tiered_config.tiers: required"}, nil},
		{"tiered/tiers not an array", `{"model_type":"tiered","tiered_config":{"tiers":{}}}`,
			[]string{"price: tiered_config.tiers: want an array, got an object"}, nil},
		{"tiered/a tier not an object", `{"model_type":"tiered","tiered_config":{"tiers":[5]}}`,
			[]string{"price: tiered_config.tiers[0]: want a JSON object, got a number 5"}, nil},
		{"tiered/first tier not at 0", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":5,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[0].first_unit: the first tier must start at 0, got 5"}, nil},
		{"tiered/legacy inclusive tiers with the hint", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":1,"last_unit":10,"unit_amount":"0.50"},{"first_unit":11,"last_unit":null,"unit_amount":"0.10"}]}}`,
			[]string{
				"price: tiered_config.tiers[0].first_unit: the first tier must start at 0, got 1; " +
					"first_unit is exclusive: write legacy inclusive tiers {1,10},{11,null} as {0,10},{10,null}",
				"price: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10); first_unit is exclusive: write 10",
			}, nil},
		{"tiered/gap (the SEMANTICS example)", `{"id":"p_api","model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":5,"unit_amount":1},{"first_unit":5,"last_unit":10,"unit_amount":1},` +
			`{"first_unit":12,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)"}, nil},
		{"tiered/gap of one unit hints at exclusive bounds", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":11,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10); first_unit is exclusive: write 10"}, nil},
		{"tiered/overlap", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":8,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].first_unit: overlaps tier 0 (last_unit 10)"}, nil},
		{"tiered/unbounded middle tier", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":null,"unit_amount":1},` +
			`{"first_unit":20,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].last_unit: null, but only the last tier may be unbounded"}, nil},
		{"tiered/bounded last tier", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":20,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].last_unit: the last tier must be unbounded (null), got 20"}, nil},
		{"tiered/single bounded tier", `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":10,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[0].last_unit: the last tier must be unbounded (null), got 10"}, nil},
		{"tiered/zero-width tier", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":10,"unit_amount":1},` +
			`{"first_unit":10,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].last_unit: 10 is not above first_unit 10"}, nil},
		{"tiered/decreasing bound", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":5,"unit_amount":1},` +
			`{"first_unit":5,"last_unit":null,"unit_amount":1}]}}`,
			[]string{"price: tiered_config.tiers[1].last_unit: 5 is not above first_unit 10"}, nil},
		{"tiered/negative unit amount", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":"-0.50"},{"first_unit":10,"last_unit":null,"unit_amount":"0.10"}]}}`,
			[]string{"price: tiered_config.tiers[0].unit_amount: -0.50 is negative"}, nil},
		{"tiered/required fields missing", `{"model_type":"tiered","tiered_config":{"tiers":[{"last_unit":null}]}}`,
			[]string{"price: tiered_config.tiers[0].first_unit: required", "price: tiered_config.tiers[0].unit_amount: required"}, nil},

		// tiered_bps
		{"tiered_bps/empty tiers", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[]}}`,
			[]string{"price: tiered_bps_config.tiers: at least one tier is required"}, nil},
		{"tiered_bps/gap", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":1000,"bps":1},{"minimum_amount":2000,"maximum_amount":null,"bps":1}]}}`,
			[]string{"price: tiered_bps_config.tiers[1].minimum_amount: gap after tier 0 (maximum_amount 1000)"}, nil},
		{"tiered_bps/legacy inclusive tiers with the hint", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":1,"maximum_amount":10,"bps":1},{"minimum_amount":11,"maximum_amount":null,"bps":1}]}}`,
			[]string{
				"price: tiered_bps_config.tiers[0].minimum_amount: the first tier must start at 0, got 1; " +
					"minimum_amount is exclusive: write legacy inclusive tiers {1,10},{11,null} as {0,10},{10,null}",
				"price: tiered_bps_config.tiers[1].minimum_amount: gap after tier 0 (maximum_amount 10); minimum_amount is exclusive: write 10",
			}, nil},
		{"tiered_bps/overlap", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":1000,"bps":1},{"minimum_amount":999.99,"maximum_amount":null,"bps":1}]}}`,
			[]string{"price: tiered_bps_config.tiers[1].minimum_amount: overlaps tier 0 (maximum_amount 1000)"}, nil},
		{"tiered_bps/bounded last tier", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":1000,"bps":1},{"minimum_amount":1000,"maximum_amount":2000,"bps":1}]}}`,
			[]string{"price: tiered_bps_config.tiers[1].maximum_amount: the last tier must be unbounded (null), got 2000"}, nil},
		{"tiered_bps/unbounded middle tier", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"bps":1},{"minimum_amount":1000,"bps":1}]}}`,
			[]string{"price: tiered_bps_config.tiers[0].maximum_amount: null, but only the last tier may be unbounded"}, nil},
		{"tiered_bps/zero-width tier", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":0,"bps":1},{"minimum_amount":0,"maximum_amount":null,"bps":1}]}}`,
			[]string{"price: tiered_bps_config.tiers[0].maximum_amount: 0 is not above minimum_amount 0"}, nil},
		{"tiered_bps/negative bps and cap", `{"model_type":"tiered_bps","tiered_bps_config":{"tiers":[` +
			`{"minimum_amount":0,"maximum_amount":null,"bps":-1,"per_unit_maximum":"-2.00"}]}}`,
			[]string{
				"price: tiered_bps_config.tiers[0].bps: -1 is negative",
				"price: tiered_bps_config.tiers[0].per_unit_maximum: -2.00 is negative",
			}, nil},

		// volume tiers
		{"bulk/empty tiers", `{"model_type":"bulk","bulk_config":{"tiers":[]}}`,
			[]string{"price: bulk_config.tiers: at least one tier is required"}, nil},
		{"bulk/equal maxima", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":10,"unit_amount":"0.40"}]}}`,
			[]string{"price: bulk_config.tiers[1].maximum_units: 10 is not above tier 0's maximum_units 10"}, nil},
		{"bulk/decreasing maxima", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":5,"unit_amount":"0.40"},{"maximum_units":null,"unit_amount":"0.30"}]}}`,
			[]string{"price: bulk_config.tiers[1].maximum_units: 5 is not above tier 0's maximum_units 10"}, nil},
		{"bulk/decrease across a null middle tier", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"0.40"},{"maximum_units":5,"unit_amount":"0.30"}]}}`,
			[]string{
				"price: bulk_config.tiers[1].maximum_units: null, but only the last tier may be unbounded",
				"price: bulk_config.tiers[2].maximum_units: 5 is not above tier 0's maximum_units 10",
			}, nil},
		{"bulk/unbounded middle tier", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":null,"unit_amount":"0.50"},{"maximum_units":10,"unit_amount":"0.40"}]}}`,
			[]string{"price: bulk_config.tiers[0].maximum_units: null, but only the last tier may be unbounded"}, nil},
		{"bulk/negative maximum", `{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":-1,"unit_amount":"0.50"}]}}`,
			[]string{"price: bulk_config.tiers[0].maximum_units: -1 is negative"}, nil},
		{"bulk/negative unit amount", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"maximum_units":10,"unit_amount":"0.50"},{"maximum_units":null,"unit_amount":"-0.40"}]}}`,
			[]string{"price: bulk_config.tiers[1].unit_amount: -0.40 is negative"}, nil},
		{"bulk/graduated fields are unknown", `{"model_type":"bulk","bulk_config":{"tiers":[` +
			`{"first_unit":0,"maximum_units":null,"unit_amount":"0.50"}]}}`,
			[]string{"price: bulk_config.tiers[0].first_unit: unknown field"}, nil},
		{"bulk_bps/empty tiers", `{"model_type":"bulk_bps","bulk_bps_config":{"tiers":[]}}`,
			[]string{"price: bulk_bps_config.tiers: at least one tier is required"}, nil},
		{"bulk_bps/non-increasing maxima", `{"model_type":"bulk_bps","bulk_bps_config":{"tiers":[` +
			`{"maximum_amount":1000,"bps":1},{"maximum_amount":100,"bps":1}]}}`,
			[]string{"price: bulk_bps_config.tiers[1].maximum_amount: 100 is not above tier 0's maximum_amount 1000"}, nil},
		{"bulk_bps/negative bps and cap", `{"model_type":"bulk_bps","bulk_bps_config":{"tiers":[` +
			`{"maximum_amount":null,"bps":"-0.5","per_unit_maximum":-1}]}}`,
			[]string{
				"price: bulk_bps_config.tiers[0].bps: -0.5 is negative",
				"price: bulk_bps_config.tiers[0].per_unit_maximum: -1 is negative",
			}, nil},

		// unit, package, bps
		{"unit/negative unit amount", `{"model_type":"unit","unit_config":{"unit_amount":"-0.50"}}`,
			[]string{"price: unit_config.unit_amount: -0.50 is negative"}, nil},
		{"unit/unit amount missing", `{"model_type":"unit","unit_config":{}}`,
			[]string{"price: unit_config.unit_amount: required"}, nil},
		{"unit/unit amount null", `{"model_type":"unit","unit_config":{"unit_amount":null}}`,
			[]string{"price: unit_config.unit_amount: required"}, nil},
		{"unit/not a decimal", `{"model_type":"unit","unit_config":{"unit_amount":"abc"}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "abc": no digits`}, []error{ratecard.ErrInvalidDecimal}},
		{"unit/thousands separator", `{"model_type":"unit","unit_config":{"unit_amount":"1,000"}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "1,000": unexpected ','`}, []error{ratecard.ErrInvalidDecimal}},
		{"unit/NaN", `{"model_type":"unit","unit_config":{"unit_amount":"NaN"}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "NaN": no digits`}, []error{ratecard.ErrInvalidDecimal}},
		{"unit/35 significant digits", `{"model_type":"unit","unit_config":{"unit_amount":12345678901234567890123456789012345}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "12345678901234567890123456789012345": more than 34 significant digits`},
			[]error{ratecard.ErrInvalidDecimal}},
		{"unit/a boolean", `{"model_type":"unit","unit_config":{"unit_amount":true}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "true": no digits`}, nil},
		{"unit/an escaped string", `{"model_type":"unit","unit_config":{"unit_amount":"\u0031"}}`,
			[]string{`price: unit_config.unit_amount: invalid decimal "\\u0031": escapes are not allowed in a decimal string`}, nil},
		{"package/package_size 0", `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":0}}`,
			[]string{"price: package_config.package_size: must be a positive integer, got 0"}, nil},
		{"package/package_size -1", `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":-1}}`,
			[]string{"price: package_config.package_size: must be a positive integer, got -1"}, nil},
		{"package/package_size 2.5", `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":2.5}}`,
			[]string{"price: package_config.package_size: must be a positive integer, got 2.5"}, nil},
		{"package/package_size above int64", `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":1e19}}`,
			[]string{"price: package_config.package_size: 10000000000000000000 is too large (at most 9223372036854775807)"}, nil},
		{"package/package_size absent", `{"model_type":"package","package_config":{"package_amount":"0.80"}}`,
			[]string{"price: package_config.package_size: required"}, nil},
		{"package/package_size not a number", `{"model_type":"package","package_config":{"package_amount":"0.80","package_size":"abc"}}`,
			[]string{`price: package_config.package_size: invalid decimal "abc": no digits`}, nil},
		{"package/negative amount and size 0", `{"model_type":"package","package_config":{"package_amount":"-0.80","package_size":0}}`,
			[]string{
				"price: package_config.package_amount: -0.80 is negative",
				"price: package_config.package_size: must be a positive integer, got 0",
			}, nil},
		{"bps/negative bps and cap", `{"model_type":"bps","bps_config":{"bps":-125,"per_unit_maximum":"-1"}}`,
			[]string{"price: bps_config.bps: -125 is negative", "price: bps_config.per_unit_maximum: -1 is negative"}, nil},
		{"bps/bps missing", `{"model_type":"bps","bps_config":{"per_unit_maximum":"1"}}`,
			[]string{"price: bps_config.bps: required"}, nil},

		// matrix
		{"matrix/no dimensions", `{"model_type":"matrix","matrix_config":{"dimensions":[],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions: at least one dimension is required"}, nil},
		{"matrix/only a null dimension", `{"model_type":"matrix","matrix_config":{"dimensions":[null],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions: at least one dimension is required"}, nil},
		{"matrix/dimensions missing", `{"model_type":"matrix","matrix_config":{"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions: required"}, nil},
		{"matrix/null before a name", `{"model_type":"matrix","matrix_config":{"dimensions":["a",null,"b"],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions[2]: follows a null: nulls may only pad the unused trailing slots"}, nil},
		{"matrix/null first", `{"model_type":"matrix","matrix_config":{"dimensions":[null,"a"],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{
				"price: matrix_config.dimensions: at least one dimension is required",
				"price: matrix_config.dimensions[1]: follows a null: nulls may only pad the unused trailing slots",
			}, nil},
		{"matrix/duplicate dimension names", `{"model_type":"matrix","matrix_config":{"dimensions":["a","a"],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{`price: matrix_config.dimensions[1]: "a" repeats dimensions[0]`}, nil},
		{"matrix/a name repeated twice is reported once per repeat", `{"model_type":"matrix","matrix_config":{"dimensions":["a","a","a"],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{
				`price: matrix_config.dimensions[1]: "a" repeats dimensions[0]`,
				`price: matrix_config.dimensions[2]: "a" repeats dimensions[0]`,
			}, nil},
		{"matrix/empty dimension name", `{"model_type":"matrix","matrix_config":{"dimensions":[""],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions[0]: empty property name"}, nil},
		{"matrix/dimension not a string", `{"model_type":"matrix","matrix_config":{"dimensions":["a",5],"default_unit_amount":1,"matrix_values":[]}}`,
			[]string{"price: matrix_config.dimensions[1]: want a string or null, got a number 5"}, nil},
		{"matrix/cell with too few values", `{"model_type":"matrix","matrix_config":{"dimensions":["a","b"],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x"],"unit_amount":1}]}}`,
			[]string{"price: matrix_config.matrix_values[0].dimension_values: 1 values for 2 dimensions"}, nil},
		{"matrix/cell with too many values", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x","y"],"unit_amount":1}]}}`,
			[]string{`price: matrix_config.matrix_values[0].dimension_values[1]: "y" beyond the 1 dimensions`}, nil},
		{"matrix/value in a padding slot", `{"model_type":"matrix","matrix_config":{"dimensions":["a",null],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x","y"],"unit_amount":1}]}}`,
			[]string{`price: matrix_config.matrix_values[0].dimension_values[1]: "y" for a padding slot (null dimension)`}, nil},
		{"matrix/null in a cell", `{"model_type":"matrix","matrix_config":{"dimensions":["a","b"],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x",null],"unit_amount":1}]}}`,
			[]string{`price: matrix_config.matrix_values[0].dimension_values[1]: null, but dimension "b" needs a value`}, nil},
		{"matrix/duplicate cells", `{"model_type":"matrix","matrix_config":{"dimensions":["a","b"],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x","y"],"unit_amount":1},{"dimension_values":["x","z"],"unit_amount":1},` +
			`{"dimension_values":["x","y"],"unit_amount":2}]}}`,
			[]string{"price: matrix_config.matrix_values[2].dimension_values: same values as matrix_values[0]"}, nil},
		{"matrix/duplicate cells, one padded", `{"model_type":"matrix","matrix_config":{"dimensions":["a",null],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x"],"unit_amount":1},{"dimension_values":["x",null],"unit_amount":2}]}}`,
			[]string{"price: matrix_config.matrix_values[1].dimension_values: same values as matrix_values[0]"}, nil},
		{"matrix/negative amounts", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"default_unit_amount":-3,` +
			`"matrix_values":[{"dimension_values":["x"],"unit_amount":"-2.00"}]}}`,
			[]string{
				"price: matrix_config.default_unit_amount: -3 is negative",
				"price: matrix_config.matrix_values[0].unit_amount: -2.00 is negative",
			}, nil},
		{"matrix/cell not an object", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"default_unit_amount":1,"matrix_values":[5]}}`,
			[]string{"price: matrix_config.matrix_values[0]: want a JSON object, got a number 5"}, nil},
		{"matrix/required fields missing", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"matrix_values":[{}]}}`,
			[]string{
				"price: matrix_config.default_unit_amount: required",
				"price: matrix_config.matrix_values[0].dimension_values: required",
				"price: matrix_config.matrix_values[0].unit_amount: required",
			}, nil},

		// the price object
		{"unknown model_type lists the supported models", `{"model_type":"tiered_package","tiered_package_config":{}}`,
			[]string{`price: model_type: "tiered_package" is not supported; supported: unit, package, matrix, tiered, bulk, bps, bulk_bps, tiered_bps`},
			[]error{price.ErrUnknownModel}},
		{"unknown model_type with the price id", `{"id":"p_x","model_type":"percent"}`,
			[]string{`price p_x: model_type: "percent" is not supported; supported: unit, package, matrix, tiered, bulk, bps, bulk_bps, tiered_bps`},
			[]error{price.ErrUnknownModel}},
		{"model_type missing", `{"unit_config":{"unit_amount":1}}`,
			[]string{"price: model_type: required"}, nil},
		{"model_type not a string", `{"model_type":5}`,
			[]string{"price: model_type: want a string, got a number 5"}, nil},
		{"config missing", `{"model_type":"unit"}`,
			[]string{"price: unit_config: required"}, nil},
		{"config null", `{"model_type":"unit","unit_config":null}`,
			[]string{"price: unit_config: required"}, nil},
		{"config not an object", `{"model_type":"unit","unit_config":[1]}`,
			[]string{"price: unit_config: want a JSON object, got an array"}, nil},
		{"a second non-null config for another model", `{"model_type":"unit","unit_config":{"unit_amount":1},"tiered_config":{"tiers":[]}}`,
			[]string{"price: tiered_config: given, but model_type is unit"}, nil},
		{"unknown field in the config", `{"model_type":"unit","unit_config":{"unit_amount":1,"unit_amonut":2}}`,
			[]string{"price: unit_config.unit_amonut: unknown field"}, nil},
		{"unknown field in a tier", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1},{"first_unit":10,"last_unit":null,"unit_amount":1,"maximum_units":5}]}}`,
			[]string{"price: tiered_config.tiers[1].maximum_units: unknown field"}, nil},
		{"unknown field in a matrix cell", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"default_unit_amount":1,` +
			`"matrix_values":[{"dimension_values":["x"],"unit_amount":1,"rate":2}]}}`,
			[]string{"price: matrix_config.matrix_values[0].rate: unknown field"}, nil},
		{"unknown fields are reported with validation problems", `{"model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":1,"extra":1},{"first_unit":12,"last_unit":null,"unit_amount":1}],"mode":"graduated"}}`,
			[]string{
				"price: tiered_config.tiers[0].extra: unknown field",
				"price: tiered_config.mode: unknown field",
				"price: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10)",
			}, nil},
		{"prorated true", `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":null,"unit_amount":1}],"prorated":true}}`,
			[]string{"price: tiered_config.prorated: true is not supported: usage prices are not prorated"}, nil},
		{"prorated not a boolean", `{"model_type":"unit","unit_config":{"unit_amount":1,"prorated":"no"}}`,
			[]string{`price: unit_config.prorated: want true or false, got a string "no"`}, nil},
		{"an id that is not a string", `{"id":7,"model_type":"unit","unit_config":{"unit_amount":1}}`,
			[]string{"price: id: want a string, got a number 7"}, nil},
		{"not an object: array", `[]`, []string{"price: want a JSON object, got an array"}, nil},
		{"not an object: string", `"unit"`, []string{`price: want a JSON object, got a string "unit"`}, nil},
		{"not an object: null", `null`, []string{"price: want a JSON object, got null"}, nil},
		{"not an object: nothing", ``, []string{"price: want a JSON object, got nothing"}, nil},
		{"not an object: whitespace", " \n\t", []string{"price: want a JSON object, got nothing"}, nil},
		{"malformed JSON", `{"model_type":`, []string{"price: malformed JSON: unexpected end of JSON input (at byte 14)"}, nil},
		{"trailing data", `{"model_type":"unit","unit_config":{"unit_amount":1}} {}`,
			[]string{"price: malformed JSON: invalid character '{' after top-level value (at byte 55)"}, nil},

		// Every problem at once, labelled with the price.
		{"multiple problems are reported together", `{"id":"p_api","model_type":"tiered","tiered_config":{"tiers":[` +
			`{"first_unit":0,"last_unit":10,"unit_amount":"-0.50","note":"x"},` +
			`{"first_unit":12,"last_unit":20,"unit_amount":"0.10"},` +
			`{"first_unit":20,"last_unit":null,"unit_amount":"-1"}],"prorated":true,"mode":"graduated"},` +
			`"bulk_config":{"tiers":[]}}`,
			[]string{
				"price p_api: bulk_config: given, but model_type is tiered",
				"price p_api: tiered_config.tiers[0].note: unknown field",
				"price p_api: tiered_config.prorated: true is not supported: usage prices are not prorated",
				"price p_api: tiered_config.mode: unknown field",
				"price p_api: tiered_config.tiers[1].first_unit: gap after tier 0 (last_unit 10)",
				"price p_api: tiered_config.tiers[0].unit_amount: -0.50 is negative",
				"price p_api: tiered_config.tiers[2].unit_amount: -1 is negative",
			}, nil},
		{"multiple matrix problems are reported together", `{"id":"p_m","model_type":"matrix","matrix_config":{` +
			`"dimensions":["a","a",null,"b"],"default_unit_amount":"-1",` +
			`"matrix_values":[{"dimension_values":["x"],"unit_amount":1},{"dimension_values":["x",null],"unit_amount":-1},` +
			`{"dimension_values":["x","y"],"unit_amount":1},{"dimension_values":["x","y"],"unit_amount":1}]}}`,
			[]string{
				`price p_m: matrix_config.dimensions[1]: "a" repeats dimensions[0]`,
				"price p_m: matrix_config.dimensions[3]: follows a null: nulls may only pad the unused trailing slots",
				"price p_m: matrix_config.default_unit_amount: -1 is negative",
				"price p_m: matrix_config.matrix_values[0].dimension_values: 1 values for 2 dimensions",
				"price p_m: matrix_config.matrix_values[1].unit_amount: -1 is negative",
				`price p_m: matrix_config.matrix_values[1].dimension_values[1]: null, but dimension "a" needs a value`,
				"price p_m: matrix_config.matrix_values[3].dimension_values: same values as matrix_values[2]",
			}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := price.Decode([]byte(tc.json))
			if p != nil {
				t.Errorf("Decode returned a price (%T) with its error", p)
			}
			checkValidationError(t, err, tc.want, tc.is...)
		})
	}
}

// TestDecodeValid decodes Orb-shaped price objects that must be accepted.
func TestDecodeValid(t *testing.T) {
	cases := []struct{ name, json string }{
		{"an Orb price object with its other fields and null configs", `{"id":"p_api","name":"API calls",` +
			`"price_type":"usage_price","model_type":"tiered","cadence":"monthly","currency":"USD",` +
			`"billable_metric":{"id":"m_1"},"item":{"id":"i_1","name":"API"},"fixed_price_quantity":null,` +
			`"unit_config":null,"package_config":null,"matrix_config":null,"bulk_config":null,"bps_config":null,` +
			`"bulk_bps_config":null,"tiered_bps_config":null,"minimum":null,"maximum":null,"discount":null,` +
			`"tiered_config":{"tiers":[{"first_unit":0,"last_unit":10000,"unit_amount":"0.001"},` +
			`{"first_unit":10000,"last_unit":100000,"unit_amount":"0.0008"},{"first_unit":100000,"last_unit":null,"unit_amount":"0.0005"}]}}`},
		{"last_unit omitted on the last tier", `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"unit_amount":1}]}}`},
		{"prorated false", `{"model_type":"tiered","tiered_config":{"tiers":[{"first_unit":0,"last_unit":null,"unit_amount":1}],"prorated":false}}`},
		{"prorated null", `{"model_type":"unit","unit_config":{"unit_amount":1,"prorated":null}}`},
		{"bulk with a bounded last tier", bulkTwo},
		{"bulk with one unbounded tier", `{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":null,"unit_amount":1}]}}`},
		{"bulk with a zero maximum", `{"model_type":"bulk","bulk_config":{"tiers":[{"maximum_units":0,"unit_amount":5},{"unit_amount":1}]}}`},
		{"bps without a cap", `{"model_type":"bps","bps_config":{"bps":0}}`},
		{"bps cap 0", `{"model_type":"bps","bps_config":{"bps":10,"per_unit_maximum":0}}`},
		{"matrix without cells", `{"model_type":"matrix","matrix_config":{"dimensions":["a"],"default_unit_amount":0,"matrix_values":[]}}`},
		{"matrix with a padded cell", `{"model_type":"matrix","matrix_config":{"dimensions":["a",null],"default_unit_amount":0,` +
			`"matrix_values":[{"dimension_values":["x",null],"unit_amount":1},{"dimension_values":["y"],"unit_amount":1}]}}`},
		{"1-D matrix with unpadded dimensions and padded cells (Orb's shape)", `{"model_type":"matrix","matrix_config":{"dimensions":["region"],"default_unit_amount":0,` +
			`"matrix_values":[{"dimension_values":["west",null],"unit_amount":1}]}}`},
		{"package_size written 10.0", `{"model_type":"package","package_config":{"package_amount":1,"package_size":10.0}}`},
		{"exponent notation", `{"model_type":"unit","unit_config":{"unit_amount":1.25E-2}}`},
		{"negative zero", `{"model_type":"unit","unit_config":{"unit_amount":"-0.00"}}`},
		{"34 significant digits", `{"model_type":"unit","unit_config":{"unit_amount":"0.1234567890123456789012345678901234"}}`},
		{"whitespace around the object", " \n{\"model_type\":\"unit\",\"unit_config\":{\"unit_amount\":1}}\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := price.Decode([]byte(tc.json)); err != nil {
				t.Errorf("Decode: %v", err)
			}
		})
	}
}

// TestDecodeNumbers checks that every example decodes with its decimals written as
// JSON numbers instead of strings, to the same price.
func TestDecodeNumbers(t *testing.T) {
	quoted := regexp.MustCompile(`"(-?[0-9]+(\.[0-9]+)?)"`)
	for _, js := range []string{unitHalf, package10, tieredThree, tieredTwo, bulkTwo, matrixTwo, bps125, bulkBPSTwo, tieredBPSTwo} {
		numbers := quoted.ReplaceAllString(js, "$1")
		if numbers == js && js != package10 {
			t.Fatalf("no string decimals in %s", js)
		}
		a, err := price.Encode(mustDecode(t, js))
		if err != nil {
			t.Fatal(err)
		}
		b, err := price.Encode(mustDecode(t, numbers))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("numbers decode differently:\n strings %s\n numbers %s", a, b)
		}
	}
}
