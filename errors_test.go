package ratecard_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ratecard/ratecard"
)

// errAboveLastTier stands for a sentinel of a sub-package, such as price.ErrAboveLastTier.
var errAboveLastTier = errors.New("above the last tier")

// fields returns the Field of every ValidationError joined in err, in order, looking
// through wrappers such as the context Within adds.
func fields(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var ve *ratecard.ValidationError
		if errors.As(err, &ve) {
			out = append(out, ve.Field)
		}
	}
	walk(err)
	return out
}

func TestValidationError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"field and problem", &ratecard.ValidationError{Field: "tiers[2].first_unit", Err: errors.New("gap after tier 1")}, "tiers[2].first_unit: gap after tier 1"},
		{"whole input", &ratecard.ValidationError{Err: errors.New("no prices")}, "no prices"},
		{"Invalid formats", ratecard.Invalid("package_size", "must be a positive integer, not %s", "0.5"), "package_size: must be a positive integer, not 0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(tt.err, ratecard.ErrInvalid) {
				t.Error("errors.Is(err, ErrInvalid) = false")
			}
		})
	}
	// Other errors are not validation errors.
	for _, err := range []error{errors.New("x"), errAboveLastTier, ratecard.ErrInvalidDecimal, fmt.Errorf("wrapped: %w", errors.New("x"))} {
		if errors.Is(err, ratecard.ErrInvalid) {
			t.Errorf("errors.Is(%v, ErrInvalid) = true", err)
		}
	}
}

func TestValidationErrorWrapsSentinel(t *testing.T) {
	err := ratecard.Invalid("bulk_config.tiers", "quantity %s: %w", "1200", errAboveLastTier)
	if !errors.Is(err, errAboveLastTier) || !errors.Is(err, ratecard.ErrInvalid) {
		t.Errorf("Invalid with %%w: Is(sentinel) = %v, Is(ErrInvalid) = %v", errors.Is(err, errAboveLastTier), errors.Is(err, ratecard.ErrInvalid))
	}
	var ve *ratecard.ValidationError
	if !errors.As(err, &ve) || ve.Field != "bulk_config.tiers" {
		t.Fatalf("errors.As = %v, %+v", errors.As(err, &ve), ve)
	}
	if got, want := ve.Err.Error(), "quantity 1200: above the last tier"; got != want {
		t.Errorf("Err = %q, want %q", got, want)
	}
	// Wrapped once more, it is still found.
	wrapped := fmt.Errorf("rating: %w", err)
	if !errors.Is(wrapped, ratecard.ErrInvalid) || !errors.Is(wrapped, errAboveLastTier) {
		t.Error("a wrapped ValidationError lost Is")
	}
}

func TestJoinedValidationErrors(t *testing.T) {
	err := errors.Join(
		ratecard.Invalid("tiers[0].first_unit", "must be 0"),
		ratecard.Invalid("tiers[2].unit_amount", "negative"),
		ratecard.Invalid("package_size", "%w", errAboveLastTier),
	)
	if got, want := err.Error(), "tiers[0].first_unit: must be 0\ntiers[2].unit_amount: negative\npackage_size: above the last tier"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ratecard.ErrInvalid) || !errors.Is(err, errAboveLastTier) {
		t.Error("a join lost Is")
	}
	var ve *ratecard.ValidationError
	if !errors.As(err, &ve) || ve.Field != "tiers[0].first_unit" {
		t.Errorf("errors.As found %+v, want the first", ve)
	}
	if diff := cmp.Diff([]string{"tiers[0].first_unit", "tiers[2].unit_amount", "package_size"}, fields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestAtField(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		err    error
		want   string
		fields []string
	}{
		{"dotted path", "tiered_config", ratecard.Invalid("tiers[2].first_unit", "gap"),
			"tiered_config.tiers[2].first_unit: gap", []string{"tiered_config.tiers[2].first_unit"}},
		{"index joins without a dot", "tiers", ratecard.Invalid("[2].first_unit", "gap"),
			"tiers[2].first_unit: gap", []string{"tiers[2].first_unit"}},
		{"prefix with an index", ratecard.Index("prices", 3), ratecard.Invalid("unit_config.unit_amount", "negative"),
			"prices[3].unit_config.unit_amount: negative", []string{"prices[3].unit_config.unit_amount"}},
		{"whole-input error takes the prefix", "tiers", ratecard.Invalid("", "empty"),
			"tiers: empty", []string{"tiers"}},
		{"plain error becomes a ValidationError", "tiered_config", errors.New("no tiers"),
			"tiered_config: no tiers", []string{"tiered_config"}},
		{"empty prefix keeps the path", "", ratecard.Invalid("bps", "negative"),
			"bps: negative", []string{"bps"}},
		{"every joined error", "tiered_config", errors.Join(ratecard.Invalid("tiers[0].first_unit", "must be 0"), errors.New("unsorted")),
			"tiered_config.tiers[0].first_unit: must be 0\ntiered_config: unsorted", []string{"tiered_config.tiers[0].first_unit", "tiered_config"}},
		{"nested joins", "matrix_config", errors.Join(ratecard.Invalid("a", "1"), errors.Join(ratecard.Invalid("b", "2"), ratecard.Invalid("[0]", "3"))),
			"matrix_config.a: 1\nmatrix_config.b: 2\nmatrix_config[0]: 3", []string{"matrix_config.a", "matrix_config.b", "matrix_config[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ratecard.AtField(tt.prefix, tt.err)
			if got := err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(err, ratecard.ErrInvalid) {
				t.Error("errors.Is(err, ErrInvalid) = false")
			}
			if diff := cmp.Diff(tt.fields, fields(err)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
	if err := ratecard.AtField("x", nil); err != nil {
		t.Errorf("AtField(x, nil) = %v, want nil", err)
	}
	// Nesting builds the path from the inside out, and sentinels survive.
	err := ratecard.AtField("prices[3]", ratecard.AtField("tiered_config", ratecard.Invalid("tiers[2].first_unit", "gap: %w", errAboveLastTier)))
	if got, want := err.Error(), "prices[3].tiered_config.tiers[2].first_unit: gap: above the last tier"; got != want {
		t.Errorf("nested AtField = %q, want %q", got, want)
	}
	if !errors.Is(err, errAboveLastTier) {
		t.Error("nested AtField lost the sentinel")
	}
}

func TestWithin(t *testing.T) {
	joined := errors.Join(
		ratecard.Invalid("tiered_config.tiers[2].first_unit", "gap after tier 1 (last_unit 10)"),
		ratecard.Invalid("bulk_config.tiers", "%w", ratecard.Detail(errAboveLastTier, "quantity %s above the last tier bound %s", "1200", "1000")),
	)
	err := ratecard.Within("price p_api", joined)
	want := "price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)\n" +
		"price p_api: bulk_config.tiers: quantity 1200 above the last tier bound 1000"
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if !errors.Is(err, ratecard.ErrInvalid) || !errors.Is(err, errAboveLastTier) {
		t.Error("Within lost Is")
	}
	if diff := cmp.Diff([]string{"tiered_config.tiers[2].first_unit", "bulk_config.tiers"}, fields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	// Each leaf on its own carries the label and its own error.
	leaves := err.(interface{ Unwrap() []error }).Unwrap()
	if len(leaves) != 2 {
		t.Fatalf("%d leaves, want 2", len(leaves))
	}
	if errors.Is(leaves[0], errAboveLastTier) || !errors.Is(leaves[1], errAboveLastTier) {
		t.Error("the sentinel moved to the wrong leaf")
	}
	// A single error is labelled the same way, and plain errors too.
	single := ratecard.Within("plan", errors.New("no prices"))
	if single.Error() != "plan: no prices" || errors.Is(single, ratecard.ErrInvalid) {
		t.Errorf("Within on a plain error = %q (Is ErrInvalid %v)", single, errors.Is(single, ratecard.ErrInvalid))
	}
	// Labels stack, outermost first, and AtField can still be applied outside.
	stacked := ratecard.Within("plan basic", ratecard.Within("price p_api", ratecard.Invalid("bps", "negative")))
	if got, want := stacked.Error(), "plan basic: price p_api: bps: negative"; got != want {
		t.Errorf("stacked Within = %q, want %q", got, want)
	}
	var ve *ratecard.ValidationError
	if !errors.As(stacked, &ve) || ve.Field != "bps" {
		t.Errorf("errors.As through two labels = %+v", ve)
	}
	if ratecard.Within("x", nil) != nil {
		t.Error("Within(x, nil) != nil")
	}
}

func TestDetail(t *testing.T) {
	err := ratecard.Detail(errAboveLastTier, "quantity %s above the last tier bound %s", "1200", "1000")
	if got, want := err.Error(), "quantity 1200 above the last tier bound 1000"; got != want {
		t.Errorf("Error() = %q, want %q (without the sentinel's own text)", got, want)
	}
	if !errors.Is(err, errAboveLastTier) {
		t.Error("Detail does not match its sentinel")
	}
	if errors.Is(err, ratecard.ErrInvalid) {
		t.Error("a bare Detail matches ErrInvalid; only ValidationErrors should")
	}
	if errors.Unwrap(err) != errAboveLastTier {
		t.Errorf("Unwrap = %v", errors.Unwrap(err))
	}
}

func TestJoinPath(t *testing.T) {
	tests := []struct{ prefix, field, want string }{
		{"a", "b", "a.b"},
		{"a", "[2].b", "a[2].b"},
		{"a", "[2]", "a[2]"},
		{"", "b", "b"},
		{"a", "", "a"},
		{"", "", ""},
		{"", "[0]", "[0]"},
		{"prices[3]", "tiered_config", "prices[3].tiered_config"},
		{"plan_phases[1]", "duration", "plan_phases[1].duration"},
	}
	for _, tt := range tests {
		if got := ratecard.JoinPath(tt.prefix, tt.field); got != tt.want {
			t.Errorf("JoinPath(%q, %q) = %q, want %q", tt.prefix, tt.field, got, tt.want)
		}
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		path string
		i    int
		want string
	}{
		{"tiers", 2, "tiers[2]"},
		{"", 0, "[0]"},
		{"tiered_config.tiers", 10, "tiered_config.tiers[10]"},
		{"matrix_values[1].dimension_values", 0, "matrix_values[1].dimension_values[0]"},
	}
	for _, tt := range tests {
		if got := ratecard.Index(tt.path, tt.i); got != tt.want {
			t.Errorf("Index(%q, %d) = %q, want %q", tt.path, tt.i, got, tt.want)
		}
	}
	// The style guide's example, built from the pieces.
	err := ratecard.Within("price p_api", ratecard.AtField("tiered_config",
		ratecard.Invalid(ratecard.JoinPath(ratecard.Index("tiers", 2), "first_unit"), "gap after tier 1 (last_unit 10)")))
	if got, want := err.Error(), "price p_api: tiered_config.tiers[2].first_unit: gap after tier 1 (last_unit 10)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
